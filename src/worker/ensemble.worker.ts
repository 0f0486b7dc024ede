/// <reference lib="webworker" />
/** Runs ensembles off the main thread; replies with progress, a result or an error message. */
import { runEnsemble } from '../model/ensemble';
import type { EnsembleRequest, WorkerReply } from './protocol';

const post = (m: WorkerReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = (event: MessageEvent<EnsembleRequest>) => {
  const { id, scenario, options } = event.data;
  const started = performance.now();
  try {
    const summary = runEnsemble(scenario, options, (done, total) => post({ id, kind: 'progress', done, total }));
    post({ id, kind: 'result', summary, ms: performance.now() - started });
  } catch (err) {
    post({ id, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
