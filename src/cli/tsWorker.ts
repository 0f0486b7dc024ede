/**
 * A Node worker thread running a TypeScript module, as this process runs its
 * own (tsx): a plain-JS bootstrap registers tsx inside the thread, then
 * imports the module. Used by the command line's ensemble threads and the
 * analysis benchmark.
 */
import { Worker } from 'node:worker_threads';

export function tsWorker(entry: URL): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(boot, { eval: true });
}
