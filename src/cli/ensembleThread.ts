/** A helper thread of `EnsembleThreads`: computes the parts of shared ensembles it is given. */
import { parentPort } from 'node:worker_threads';
import { runSharedPart, type SharedEnsembleJob } from '../model/sharedEnsemble';

const port = parentPort!;
port.on('message', ({ job, part }: { job: SharedEnsembleJob; part: number }) => {
  try {
    runSharedPart(job, part);
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
port.postMessage({ ready: true });
