/**
 * Runs ensembles for the current scenario through an EnsembleRunner and
 * keeps the latest summary. A progress indicator is shown only for runs
 * that take longer than `progressDelayMs` (200 ms), so quick runs don't flicker.
 */
import type { EnsembleOptions, EnsembleSummary, Scenario } from '../model/types';
import type { EnsembleRunner } from '../worker/runner';

export type RunStatus = 'idle' | 'running' | 'done' | 'error';

export class EnsembleController {
  /** The latest summary (kept while a newer run is computed). */
  summary = $state.raw<EnsembleSummary | null>(null);
  /** The scenario the summary belongs to. */
  summaryScenario = $state.raw<Scenario | null>(null);
  status = $state<RunStatus>('idle');
  /** 0 … 1 of the running ensemble. */
  progress = $state(0);
  /** True once a run has taken longer than the delay. */
  slow = $state(false);
  error = $state<string | null>(null);
  /** How long the last finished run took. */
  lastMs = $state<number | null>(null);

  #token = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly runner: EnsembleRunner,
    private readonly progressDelayMs = 200,
  ) {}

  /** Ask for an ensemble; a newer request supersedes this one. */
  request(scenario: Scenario, options: EnsembleOptions): void {
    const token = ++this.#token;
    clearTimeout(this.#timer);
    this.status = 'running';
    this.progress = 0;
    this.slow = false;
    this.#timer = setTimeout(() => {
      if (token === this.#token && this.status === 'running') this.slow = true;
    }, this.progressDelayMs);
    this.runner.request(scenario, options, {
      onProgress: (fraction) => {
        if (token === this.#token) this.progress = fraction;
      },
      onResult: (summary, ms) => {
        if (token !== this.#token) return;
        clearTimeout(this.#timer);
        this.summary = summary;
        this.summaryScenario = scenario;
        this.status = 'done';
        this.slow = false;
        this.error = null;
        this.progress = 1;
        this.lastMs = ms;
      },
      onError: (message) => {
        if (token !== this.#token) return;
        clearTimeout(this.#timer);
        this.status = 'error';
        this.slow = false;
        this.error = message;
      },
    });
  }

  dispose(): void {
    this.#token++;
    clearTimeout(this.#timer);
    this.runner.dispose();
  }
}
