/**
 * The ensemble runner interface: the app asks for an ensemble and gets the
 * latest answer only. Slider drags are coalesced: a new request supersedes
 * any pending one, and results of superseded requests are dropped.
 */
import { runEnsemble } from '../model/ensemble';
import type { EnsembleOptions, EnsembleSummary, Scenario } from '../model/types';
import type { EnsembleRequest, WorkerReply } from './protocol';

export interface RunCallbacks {
  onProgress?: (fraction: number) => void;
  onResult: (summary: EnsembleSummary, ms: number) => void;
  onError: (message: string) => void;
}

export interface EnsembleRunner {
  /** Start a run; supersedes the previous one. */
  request(scenario: Scenario, options: EnsembleOptions, callbacks: RunCallbacks): void;
  dispose(): void;
}

/** Runs on the calling thread (tests, and browsers without module workers). */
export class SyncRunner implements EnsembleRunner {
  request(scenario: Scenario, options: EnsembleOptions, cb: RunCallbacks): void {
    const started = performance.now();
    try {
      const summary = runEnsemble(scenario, options, (done, total) => cb.onProgress?.(done / total));
      cb.onResult(summary, performance.now() - started);
    } catch (err) {
      cb.onError(err instanceof Error ? err.message : String(err));
    }
  }
  dispose(): void {}
}

/**
 * Runs in a Web Worker. While a run is in flight, new requests wait in a
 * one-slot queue (latest wins); when the run ends, its result is delivered
 * only if nothing newer was asked for.
 */
export class WorkerRunner implements EnsembleRunner {
  private worker: Worker;
  private nextId = 1;
  private inFlight: { id: number; cb: RunCallbacks } | null = null;
  private pending: { scenario: Scenario; options: EnsembleOptions; cb: RunCallbacks } | null = null;

  constructor() {
    this.worker = new Worker(new URL('./ensemble.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerReply>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      const cb = this.inFlight?.cb;
      this.inFlight = null;
      cb?.onError(e.message || 'The ensemble worker stopped unexpectedly.');
      this.startPending();
    };
  }

  request(scenario: Scenario, options: EnsembleOptions, cb: RunCallbacks): void {
    this.pending = { scenario, options, cb };
    // Posted in a task of its own, not in the one that handles the click or
    // key press that asked for it (copying the scenario takes a few ms).
    if (!this.inFlight && !this.starting) {
      this.starting = true;
      setTimeout(() => {
        this.starting = false;
        if (!this.inFlight) this.startPending();
      }, 0);
    }
  }

  private starting = false;

  private startPending(): void {
    if (!this.pending) return;
    const { scenario, options, cb } = this.pending;
    this.pending = null;
    const id = this.nextId++;
    this.inFlight = { id, cb };
    let message: EnsembleRequest = { id, scenario, options: { ...options } };
    try {
      // The store's scenarios are plain frozen objects and are cloned as they are.
      this.worker.postMessage(message);
    } catch {
      // Svelte state proxies cannot be cloned: send a plain copy.
      message = { id, scenario: JSON.parse(JSON.stringify(scenario)), options: { ...options } };
      this.worker.postMessage(message);
    }
  }

  private receive(reply: WorkerReply): void {
    if (!this.inFlight || reply.id !== this.inFlight.id) return;
    const { cb } = this.inFlight;
    const superseded = this.pending !== null;
    if (reply.kind === 'progress') {
      if (!superseded) cb.onProgress?.(reply.done / reply.total);
      return;
    }
    this.inFlight = null;
    if (!superseded) {
      if (reply.kind === 'result') cb.onResult(reply.summary, reply.ms);
      else cb.onError(reply.message);
    }
    this.startPending();
  }

  dispose(): void {
    this.worker.terminate();
  }
}

/** The worker runner where module workers exist, else the synchronous one. */
export function createRunner(): EnsembleRunner {
  if (typeof Worker !== 'undefined') {
    try {
      return new WorkerRunner();
    } catch {
      /* fall through: e.g. a browser without module workers */
    }
  }
  return new SyncRunner();
}
