/**
 * Timings of the analyst tools (src/analysis), run the way the app runs them:
 * inside the analysis worker (src/worker/analysis.worker.ts in a Node worker
 * thread, timed from request to reply), one job at a time.
 *
 *   node --import tsx bench/analysis.bench.ts
 *
 * BENCH_RUNS sets the members (default 1000: ranking 1,000 members, policy
 * grid 1,000 per world, signposts 500 per world); BENCH_REPS the repetitions
 * after one warm-up. Prints the median and minimum milliseconds of each job.
 * The policy grid is also timed as the app runs it: its worlds split between
 * two workers working at once (the app's pool has one worker per core).
 */
import type { Worker } from 'node:worker_threads';
import { tsWorker } from '../src/cli/tsWorker';
import type { AnalysisJob } from '../src/analysis/jobs';
import { splitWorlds } from '../src/analysis/policies';
import type { AnalysisReply } from '../src/worker/protocol';
import type { Scenario } from '../src/model/types';

const runs = Number(process.env.BENCH_RUNS ?? 1000);
const reps = Number(process.env.BENCH_REPS ?? 5);
const scenario: Scenario = {
  id: 'bench', title: 'bench', summary: '', quotes: [], interpretation: 'deprioritized', response: 'mixed',
  policy: { kind: 'trigger' }, horizonMonths: 24, parameters: {}, injects: [],
};
const ensemble = { runs, seed: 'bench', noise: true };
const half = { ...ensemble, runs: Math.round(runs / 2), noise: false };
const observations = [
  { sector: 'health' as const, month: 1, count: 24 },
  { sector: 'health' as const, month: 2, count: 27 },
  { sector: 'infrastructure' as const, month: 1, count: 88 },
];
let fresh = 0;
const grid = (): AnalysisJob => ({ kind: 'policies', scenario, ensemble: { ...ensemble, noise: false }, policies: [] });
const jobs: [string, (rep: number) => AnalysisJob | AnalysisJob[]][] = [
  ['tornado (every uncertain parameter × low/high, 4 metrics)', () => ({ kind: 'tornado', scenario })],
  [`ranking (${runs} members with Poisson noise, 4 metrics)`, () => ({ kind: 'ranking', scenario, ensemble })],
  [`policy grid (8 policies × 9 worlds × ${runs} members)`, grid],
  ['policy grid, worlds split between two workers (as the app)', () => splitWorlds(2).map((worlds) => ({ ...grid(), worlds }) as AnalysisJob)],
  [`signposts, new all-worlds ensemble (9 × ${half.runs} members)`, () => ({ kind: 'signposts', scenario: { ...scenario, id: `b${fresh++}` }, ensemble: half, observations, priors: {} })],
  ['signposts, counts edited (reweigh only)', (rep) => ({ kind: 'signposts', scenario, ensemble: half, observations: observations.slice(0, 1 + (rep % 3)), priors: {} })],
];

const shim = new URL('./analysis.worker-shim.ts', import.meta.url);
const workers = [tsWorker(shim), tsWorker(shim)];
let nextId = 1;
/** Milliseconds from request to the last reply; several jobs go to the workers at once. */
async function run(job: AnalysisJob | AnalysisJob[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all((Array.isArray(job) ? job : [job]).map((j, k) => runOn(workers[k], j)));
  return performance.now() - t0;
}
function runOn(worker: Worker, job: AnalysisJob): Promise<void> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const listener = (m: AnalysisReply) => {
      if (m.id !== id || m.kind === 'progress') return;
      worker.off('message', listener);
      if (m.kind === 'error') reject(new Error(m.message));
      else resolve();
    };
    worker.on('message', listener);
    worker.postMessage({ id, job });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Stand-Down analysis benchmark — node ${process.version}, in a worker thread, 24 months, ${reps} repetitions after a warm-up`);
for (const [name, make] of jobs) {
  const times: number[] = [];
  for (let r = 0; r <= reps; r++) {
    const ms = await run(make(r));
    if (r > 0) times.push(ms);
  }
  console.log(`${name.padEnd(64)} median ${median(times).toFixed(0).padStart(5)} ms   min ${Math.min(...times).toFixed(0).padStart(5)} ms`);
}
await Promise.all(workers.map((w) => w.terminate()));
