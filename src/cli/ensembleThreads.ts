/**
 * Ensembles on several cores in Node (the command line and the benchmark):
 * this thread computes part 0 of each ensemble and helper threads the rest,
 * over shared memory (model/sharedEnsemble.ts). The result equals
 * `runEnsemble`'s exactly. The helpers are started once and reused: starting
 * a thread costs more than a small ensemble.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { runEnsemble } from '../model/ensemble';
import { SERIES_BUDGET_BYTES, runSharedPart, sharedEnsembleJob } from '../model/sharedEnsemble';
import type { EnsembleOptions, EnsembleSummary, Scenario } from '../model/types';
import { tsWorker } from './tsWorker';

/** Smaller ensembles stay on one thread (measured down to 500 members, where two threads took 11 ms and one 16 ms). */
export const SHARED_FROM_RUNS = 400;

export class EnsembleThreads {
  /** The last job's shared memory, reused by the next job that fits in it. */
  private buffer: SharedArrayBuffer | null = null;

  private constructor(private readonly helpers: Worker[], private readonly seriesBudgetBytes: number) {}

  /**
   * Start `threads − 1` helper threads (default: one per core) and wait until
   * they are ready. `seriesBudgetBytes` bounds the shared memory for a chunk
   * of months (tests make it small to exercise chunking).
   */
  static async start(threads = availableParallelism(), seriesBudgetBytes = SERIES_BUDGET_BYTES): Promise<EnsembleThreads> {
    const count = Math.max(0, Math.floor(threads) - 1);
    const helpers = Array.from({ length: count }, () => tsWorker(new URL('./ensembleThread.ts', import.meta.url)));
    await Promise.all(
      helpers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('error', reject);
            w.once('message', () => resolve()); // its first message says it is ready
          }),
      ),
    );
    for (const w of helpers) {
      // A failed part also tells the other parts (sharedEnsemble.ts), so the run ends with an error, not a hang.
      w.on('message', (m: { error?: string }) => m.error && console.error(`Stand-Down: an ensemble thread failed: ${m.error}`));
      w.on('error', (err) => console.error(`Stand-Down: an ensemble thread stopped: ${err.message}`));
    }
    return new EnsembleThreads(helpers, seriesBudgetBytes);
  }

  /** Threads an ensemble is split across (this one included). */
  get threads(): number {
    return this.helpers.length + 1;
  }

  /** Run an ensemble; small ones (or with no helpers) on this thread alone. */
  run(scenario: Scenario, options: EnsembleOptions): EnsembleSummary {
    if (this.helpers.length === 0 || options.runs < SHARED_FROM_RUNS) return runEnsemble(scenario, options);
    const job = sharedEnsembleJob(scenario, options, this.threads, { reuse: this.buffer, seriesBudgetBytes: this.seriesBudgetBytes });
    this.buffer = job.buffer;
    this.helpers.slice(0, job.parts - 1).forEach((w, i) => w.postMessage({ job, part: i + 1 }));
    return runSharedPart(job, 0)!;
  }

  async close(): Promise<void> {
    await Promise.all(this.helpers.map((w) => w.terminate()));
  }
}
