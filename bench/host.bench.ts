/**
 * `npm run bench:host`: how fast this machine's cores are running right now,
 * to read `npm run bench` by. Runs the one-thread grid at 1,000 members (12
 * pause scenarios a round, 12 rounds) in one process alone, then in two
 * processes at once, and prints each round's median in ms. On 2026-11-26 a
 * round took about 14 ms in some spells and 20-21 ms in others; the spells
 * last seconds, change in the middle of a process, and come and go on each
 * core separately (two processes at once were both at 14 ms for some rounds
 * and both at 21 ms for others). Last, in one process, it alternates a
 * two-thread ensemble of 1,000 members with a one-thread ensemble of 500
 * (half the work, on one core): the two threads wait for the slower core.
 * Nothing here is a target.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { EnsembleThreads } from '../src/cli/ensembleThreads';
import { runEnsemble } from '../src/model/ensemble';
import { median, presetGrid } from './common';

const ROUNDS = 12;
/** The grid's 12 pause scenarios (the never-stepped baseline left out). */
const pauseGrid = () => presetGrid({ baseline: false });


function rounds(): string {
  const grid = pauseGrid();
  for (const s of grid) runEnsemble(s, { runs: 1000, seed: 'warm-up' });
  const medians: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const times = grid.map((s) => {
      const t0 = performance.now();
      runEnsemble(s, { runs: 1000, seed: round });
      return performance.now() - t0;
    });
    medians.push(median(times).toFixed(1));
  }
  return medians.join(' ');
}

const self = fileURLToPath(import.meta.url);
const child = () =>
  new Promise<string>((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, self], { env: { ...process.env, HOST_BENCH_CHILD: '1' }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`a benchmark process ended with code ${code}`))));
  });

if (process.env.HOST_BENCH_CHILD) {
  console.log(rounds());
} else {
  console.log(`One-thread ensembles of 1,000 members: median ms of each round of 12 scenarios (${ROUNDS} rounds)`);
  console.log(`one process alone:    ${await child()}`);
  const [a, b] = await Promise.all([child(), child()]);
  console.log(`two at once, first:   ${a}`);
  console.log(`two at once, second:  ${b}`);

  const grid = pauseGrid();
  const pool = await EnsembleThreads.start(2);
  for (const s of grid) {
    pool.run(s, { runs: 1000, seed: 'warm-up' });
    runEnsemble(s, { runs: 500, seed: 'warm-up' });
  }
  const two: string[] = [];
  const one: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t2: number[] = [];
    const t1: number[] = [];
    for (const s of grid) {
      let t0 = performance.now();
      pool.run(s, { runs: 1000, seed: round });
      t2.push(performance.now() - t0);
      t0 = performance.now();
      runEnsemble(s, { runs: 500, seed: round });
      t1.push(performance.now() - t0);
    }
    two.push(median(t2).toFixed(1));
    one.push(median(t1).toFixed(1));
  }
  await pool.close();
  console.log('\nIn one process, alternating:');
  console.log(`two threads, 1,000 members: ${two.join(' ')}`);
  console.log(`one thread, 500 members:    ${one.join(' ')}`);
}
