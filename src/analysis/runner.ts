/**
 * Runs analysis jobs off the main thread (a Web Worker) or, in tests and
 * browsers without module workers, on the calling thread. Latest wins, per
 * kind of job: a new tornado request supersedes a pending tornado request but
 * not a pending policy grid; a superseded job's result is dropped. The worker
 * runs one job at a time, in the order the kinds were first asked for.
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

type Pending = { job: JobOf<AnalysisKind>; cb: AnalysisCallbacks<AnalysisKind> };

/** Runs jobs in a module Web Worker, one at a time, latest wins per kind. */
export class WorkerAnalysisRunner implements AnalysisRunner {
  private readonly worker: Worker;
  private nextId = 1;
  private inFlight: { id: number; kind: AnalysisKind; cb: Pending['cb'] } | null = null;
  private readonly pending = new Map<AnalysisKind, Pending>();

  constructor() {
    this.worker = new Worker(new URL('../worker/analysis.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<AnalysisReply>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const cb = this.inFlight?.cb;
      this.inFlight = null;
      cb?.onError(e.message || 'The analysis worker stopped unexpectedly.');
      this.startNext();
    };
  }

  request<K extends AnalysisKind>(job: JobOf<K>, cb: AnalysisCallbacks<K>): void {
    this.pending.set(job.kind, { job, cb: cb as unknown as Pending['cb'] });
    if (!this.inFlight) this.startNext();
  }

  private startNext(): void {
    const next = this.pending.entries().next();
    if (next.done) return;
    const [kind, { job, cb }] = next.value;
    this.pending.delete(kind);
    const id = this.nextId++;
    this.inFlight = { id, kind, cb };
    // Svelte state proxies cannot be cloned: send plain data.
    const request: AnalysisRequest = { id, job: JSON.parse(JSON.stringify(job)) };
    this.worker.postMessage(request);
  }

  private receive(reply: AnalysisReply): void {
    const flight = this.inFlight;
    if (!flight || reply.id !== flight.id) return;
    const superseded = this.pending.has(flight.kind);
    if (reply.kind === 'progress') {
      if (!superseded) flight.cb.onProgress?.(reply.done / reply.total);
      return;
    }
    this.inFlight = null;
    if (!superseded) {
      if (reply.kind === 'result') flight.cb.onResult(reply.result.value, reply.ms);
      else flight.cb.onError(reply.message);
    }
    this.startNext();
  }

  dispose(): void {
    this.worker.terminate();
    this.pending.clear();
    this.inFlight = null;
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

  constructor(private readonly runners: AnalysisRunner[]) {}

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
    for (const r of this.runners) r.dispose();
  }
}

/**
 * Runners for the policy grid: one worker per core up to `max` (the other
 * tools keep their own worker), or one synchronous runner without workers.
 */
export function createGridRunner(max = 2): SplitGridRunner {
  const cores = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 1;
  const first = createAnalysisRunner();
  if (first instanceof SyncAnalysisRunner) return new SplitGridRunner([first]);
  const runners: AnalysisRunner[] = [first];
  for (let k = 1; k < Math.min(max, cores); k++) runners.push(createAnalysisRunner());
  return new SplitGridRunner(runners);
}

/** The worker runner where module workers exist, else the synchronous one. */
export function createAnalysisRunner(): AnalysisRunner {
  if (typeof Worker !== 'undefined') {
    try {
      return new WorkerAnalysisRunner();
    } catch {
      /* fall through: e.g. a browser without module workers */
    }
  }
  return new SyncAnalysisRunner();
}
