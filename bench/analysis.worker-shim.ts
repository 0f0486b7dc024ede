/** Runs src/worker/analysis.worker.ts inside a Node worker thread, as a browser would run it in a Web Worker (bench only). */
import { parentPort } from 'node:worker_threads';

const scope = globalThis as unknown as { self: unknown; postMessage: (m: unknown) => void; onmessage?: (e: { data: unknown }) => void };
scope.self = globalThis;
scope.postMessage = (m) => parentPort!.postMessage(m);
// Requests that arrive while the worker module loads wait for it.
const early: unknown[] = [];
parentPort!.on('message', (data) => (scope.onmessage ? scope.onmessage({ data }) : early.push(data)));
await import('../src/worker/analysis.worker.ts');
for (const data of early.splice(0)) scope.onmessage!({ data });
