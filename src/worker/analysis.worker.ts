/// <reference lib="webworker" />
/** Runs the analyst tools off the main thread: one job at a time, replies with progress, a result or an error. */
import { AnalysisEngine } from '../analysis/jobs';
import type { AnalysisReply, AnalysisRequest } from './protocol';

const post = (m: AnalysisReply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);
const engine = new AnalysisEngine();

self.onmessage = (event: MessageEvent<AnalysisRequest>) => {
  const { id, job } = event.data;
  const started = performance.now();
  try {
    const result = engine.run(job, (done, total) => post({ id, kind: 'progress', done, total }));
    post({ id, kind: 'result', result, ms: performance.now() - started });
  } catch (err) {
    post({ id, kind: 'error', message: err instanceof Error ? err.message : String(err) });
  }
};
