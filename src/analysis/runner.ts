/**
 * Runs analysis jobs off the main thread (a pool of Web Workers, one per core
 * up to two) or, in tests and browsers without module workers, on the calling
 * thread. Latest wins, per kind of job: a new tornado request supersedes a
 * pending tornado request but not a pending policy grid; a superseded job's
 * result is dropped. Each worker runs one job at a time, taking waiting jobs
 * in the order their kinds were asked for; the policy grid is split by worlds
 * into one job per worker (SplitGridRunner).
 */
import type { AnalysisReply, AnalysisRequest } from '../worker/protocol';
import { AnalysisEngine, type AnalysisKind, type AnalysisResults, type JobOf } from './jobs';
import { mergePolicyGrids, splitWorlds, type PolicyGrid } from './policies';

export interface AnalysisCallbacks<K extends AnalysisKind> {
  onResult: (value: AnalysisResults[K], ms: number) => void;
  onError: (message: string) => void;
  /** Fraction done, 0 … 1 (long jobs only). */
  onProgress?: (fraction: number) => void;
}

export interface AnalysisRunner {
  /** Start a job; supersedes any earlier job of the same kind. */
  request<K extends AnalysisKind>(job: JobOf<K>, callbacks: AnalysisCallbacks<K>): void;
  dispose(): void;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Runs each job at once, on the calling thread. */
export class SyncAnalysisRunner implements AnalysisRunner {
  private readonly engine = new AnalysisEngine();

  request<K extends AnalysisKind>(job: JobOf<K>, cb: AnalysisCallbacks<K>): void {
    const started = performance.now();
    try {
      const result = this.engine.run(job, (done, total) => cb.onProgress?.(done / total));
      cb.onResult(result.value as AnalysisResults[K], performance.now() - started);
    } catch (err) {
      cb.onError(message(err));
    }
  }

  dispose(): void {}
}

type Pending = { job: JobOf<AnalysisKind>; cb: AnalysisCallbacks<AnalysisKind>; asked: number };
type Flight = { id: number; key: string; cb: Pending['cb']; asked: number };

/**
 * Runs jobs in a pool of module Web Workers (one per core, two by default),
 * one job per worker at a time, latest wins per key (a job's kind, or
 * "policies#k" for part k of a split grid). A job's time is measured inside
 * its worker, so waiting for a free worker does not count, and with no more
 * workers than cores the jobs do not slow each other down. Signposts always
 * go to the first worker, which keeps their all-worlds ensemble cached.
 */
export class WorkerAnalysisRunner implements AnalysisRunner {
  private readonly workers: Worker[] = [];
  private readonly inFlight: (Flight | null)[] = [];
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  /**
   * The latest request of each key. A reply counts only if it answers that
   * one: with two workers, a newer job can be running (not only waiting)
   * while an older one of the same kind finishes on the other worker.
   */
  private readonly latest = new Map<string, number>();
  private asked = 0;

  constructor(readonly size = 1) {
    for (let w = 0; w < size; w++) {
      const worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' });
      worker.onmessage = (e: MessageEvent<AnalysisReply>) => this.receive(w, e.data);
      worker.onerror = (e) => {
        const cb = this.inFlight[w]?.cb;
        this.inFlight[w] = null;
        cb?.onError(e.message || 'The analysis worker stopped unexpectedly.');
        this.startNext();
      };
      this.workers.push(worker);
      this.inFlight.push(null);
    }
  }

  request<K extends AnalysisKind>(job: JobOf<K>, cb: AnalysisCallbacks<K>, key: string = job.kind): void {
    const asked = ++this.asked;
    this.latest.set(key, asked);
    this.pending.set(key, { job, cb: cb as unknown as Pending['cb'], asked });
    this.startNext();
  }

  /** Give each idle worker the first waiting job it may take. */
  private startNext(): void {
    for (let w = 0; w < this.workers.length; w++) {
      if (this.inFlight[w]) continue;
      const next = [...this.pending.entries()].find(([, p]) => w === 0 || p.job.kind !== 'signposts');
      if (!next) continue;
      const [key, { job, cb, asked }] = next;
      this.pending.delete(key);
      const id = this.nextId++;
      this.inFlight[w] = { id, key, cb, asked };
      // Svelte state proxies cannot be cloned: send plain data.
      const request: AnalysisRequest = { id, job: JSON.parse(JSON.stringify(job)) };
      this.workers[w].postMessage(request);
    }
  }

  private receive(w: number, reply: AnalysisReply): void {
    const flight = this.inFlight[w];
    if (!flight || reply.id !== flight.id) return;
    const superseded = this.latest.get(flight.key) !== flight.asked;
    if (reply.kind === 'progress') {
      if (!superseded) flight.cb.onProgress?.(reply.done / reply.total);
      return;
    }
    this.inFlight[w] = null;
    if (!superseded) {
      if (reply.kind === 'result') flight.cb.onResult(reply.result.value, reply.ms);
      else flight.cb.onError(reply.message);
    }
    this.startNext();
  }

  dispose(): void {
    for (const worker of this.workers) worker.terminate();
    this.pending.clear();
    this.latest.clear();
    this.inFlight.fill(null);
  }
}

/**
 * The policy grid split by worlds between several runners (workers), which
 * compute their parts at the same time; the parts are merged when all have
 * arrived. Latest wins: parts of a superseded request are dropped. The time
 * reported is the slowest part's, the grid's time in the workers.
 */
export class SplitGridRunner {
  private generation = 0;

  /** With `owns`, disposing of this disposes of the runners too. */
  constructor(
    private readonly runners: AnalysisRunner[],
    private readonly owns = true,
  ) {}

  request(job: JobOf<'policies'>, cb: AnalysisCallbacks<'policies'>): void {
    const generation = ++this.generation;
    const groups = splitWorlds(this.runners.length);
    const parts: (PolicyGrid | null)[] = groups.map(() => null);
    const progress = groups.map(() => 0);
    let slowest = 0;
    let failed = false;
    groups.forEach((worlds, k) => {
      this.runners[k].request(
        { ...job, worlds },
        {
          onResult: (grid, ms) => {
            if (generation !== this.generation || failed) return;
            parts[k] = grid;
            slowest = Math.max(slowest, ms);
            if (parts.every((p) => p !== null)) cb.onResult(mergePolicyGrids(parts as PolicyGrid[]), slowest);
          },
          onError: (message) => {
            if (generation !== this.generation || failed) return;
            failed = true;
            cb.onError(message);
          },
          onProgress: (fraction) => {
            if (generation !== this.generation) return;
            progress[k] = fraction;
            cb.onProgress?.(progress.reduce((a, b) => a + b, 0) / progress.length);
          },
        },
      );
    });
  }

  dispose(): void {
    this.generation++;
    if (this.owns) for (const r of this.runners) r.dispose();
  }
}

/**
 * The policy grid of a runner, split between its workers: part k of the
 * grid is its own job ("policies#k"), so the parts run side by side.
 */
export function gridRunnerFor(runner: AnalysisRunner): SplitGridRunner {
  if (!(runner instanceof WorkerAnalysisRunner) || runner.size < 2) return new SplitGridRunner([runner], false);
  const parts = Array.from({ length: runner.size }, (_, k) => ({
    request: <K extends AnalysisKind>(job: JobOf<K>, cb: AnalysisCallbacks<K>) => runner.request(job, cb, `${job.kind}#${k}`),
    dispose: () => {},
  }));
  return new SplitGridRunner(parts, false);
}

/**
 * The worker runner where module workers exist (a pool of up to `workers`,
 * no more than the device's cores), else the synchronous one.
 */
export function createAnalysisRunner(workers = 1): AnalysisRunner {
  if (typeof Worker !== 'undefined') {
    try {
      const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
      return new WorkerAnalysisRunner(Math.max(1, Math.min(workers, cores)));
    } catch {
      /* fall through: e.g. a browser without module workers */
    }
  }
  return new SyncAnalysisRunner();
}
