/**
 * Runs a list of ensembles one after another on one runner (the runner keeps
 * only the latest request, so they cannot be queued on it), caching results
 * so that unchanged jobs are not recomputed. A new list cancels the old one.
 */
import type { EnsembleOptions, EnsembleSummary, Scenario } from '../model/types';
import type { EnsembleRunner } from '../worker/runner';

export interface BatchJob {
  /** The caller's name for this job (e.g. a grid cell or a pin id). */
  id: string;
  scenario: Scenario;
  options: EnsembleOptions;
}

function cacheKey(job: BatchJob): string {
  const s = job.scenario;
  return JSON.stringify([s.interpretation, s.response, s.policy, s.horizonMonths, s.parameters, s.injects, job.options]);
}

export class BatchRuns {
  /** Results by job id, for the current list. */
  results = $state.raw<Record<string, EnsembleSummary>>({});
  errors = $state.raw<Record<string, string>>({});
  done = $state(0);
  total = $state(0);
  running = $state(false);

  #token = 0;
  #cache = new Map<string, EnsembleSummary>();

  constructor(private readonly runner: EnsembleRunner) {}

  /** Run these jobs (cached ones at once), replacing any list still running. */
  run(jobs: BatchJob[]): void {
    const token = ++this.#token;
    const results: Record<string, EnsembleSummary> = {};
    const todo: BatchJob[] = [];
    for (const job of jobs) {
      const hit = this.#cache.get(cacheKey(job));
      if (hit) results[job.id] = hit;
      else todo.push(job);
    }
    this.results = results;
    this.errors = {};
    this.total = jobs.length;
    this.done = jobs.length - todo.length;
    this.running = todo.length > 0;
    const next = (i: number) => {
      if (token !== this.#token) return;
      if (i >= todo.length) {
        this.running = false;
        return;
      }
      const job = todo[i];
      this.runner.request(job.scenario, job.options, {
        onResult: (summary) => {
          if (token !== this.#token) return;
          this.#remember(cacheKey(job), summary);
          this.results = { ...this.results, [job.id]: summary };
          this.done += 1;
          next(i + 1);
        },
        onError: (message) => {
          if (token !== this.#token) return;
          this.errors = { ...this.errors, [job.id]: message };
          this.done += 1;
          next(i + 1);
        },
      });
    };
    next(0);
  }

  #remember(key: string, summary: EnsembleSummary): void {
    this.#cache.set(key, summary);
    // Keep the cache small: summaries of long horizons are tens of kilobytes.
    if (this.#cache.size > 40) this.#cache.delete(this.#cache.keys().next().value as string);
  }

  dispose(): void {
    this.#token++;
    this.runner.dispose();
  }
}
