/**
 * `npm run bench`: ensembles of the preset grid (3 interpretations × 4
 * responses under the trigger policy, plus the no-pause baseline) at 1,000,
 * 10,000 and 100,000 members, 24 months, every series and percentile.
 * Prints median milliseconds (wall clock, and CPU time of this process, which
 * other programs on a shared machine inflate less), the fastest run (the
 * no-pause baseline, which is never stepped), nanoseconds per member-month
 * and peak memory; first on one thread (the app's ensemble worker), then
 * split across every core (the command line's --threads). Each table and
 * size runs in a process of its own, so that its peak memory is its own. Set
 * BENCH_SIZES=1000,10000 to run fewer sizes, BENCH_MODE=one or
 * BENCH_MODE=threads to run one table only.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { EnsembleThreads } from '../src/cli/ensembleThreads';
import { runEnsemble } from '../src/model/ensemble';
import type { Scenario } from '../src/model/types';
import { GRID_MONTHS as H, median, presetGrid } from './common';

const grid = presetGrid({ baseline: true });

const sizes = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const targets: Record<number, number> = { 1000: 10, 10000: 100, 100000: 1500 };
const gc = (globalThis as { gc?: () => void }).gc;

const mode = process.env.BENCH_MODE ?? 'both';
if (!process.env.BENCH_CHILD) console.log(`Stand-Down ensemble benchmark — node ${process.version}, ${grid.length} scenarios, ${H} months`);
if (!process.env.BENCH_CHILD) {
  // One process a table and size, so that each row's peak memory is that size's own: in one process the
  // 10,000-member runs' arrays and shared memory, not yet collected (in the helper threads' heaps too),
  // counted in the 100,000-member row's peak, 50 MB of it on two threads.
  for (const table of mode === 'both' ? ['one', 'threads'] : [mode]) {
    sizes.forEach((size, i) => {
      const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_MODE: table, BENCH_SIZES: String(size), BENCH_CHILD: '1', BENCH_ROWS_ONLY: i > 0 ? '1' : '' },
      });
      if (child.status !== 0) process.exit(child.status ?? 1);
    });
  }
  process.exit(0);
}

// Warm the JIT on a mid-size run so the first measured size is not compile time.
for (const s of grid) runEnsemble(s, { runs: 1000, seed: 'warm-up' });

type RunOne = (scenario: Scenario, runs: number, seed: number) => unknown;

function measure(title: string, runOne: RunOne): void {
  if (!process.env.BENCH_ROWS_ONLY) {
    console.log(`\n${title}`);
    console.log('members   median ms   median CPU ms   min ms   ns/member-month   peak RSS MB   target ms');
  }
  for (const runs of sizes) {
    const reps = runs >= 100_000 ? 1 : runs >= 10_000 ? 2 : 5;
    gc?.();
    let peak = process.memoryUsage().rss;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      for (const scenario of grid) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        runOne(scenario, runs, 42 + rep);
        times.push(performance.now() - t0);
        const used = process.cpuUsage(c0);
        cpu.push((used.user + used.system) / 1000);
        // No forced collection between runs: a forced full GC made the next run
        // 3–4× slower (measured), which no user of the app ever sees.
        peak = Math.max(peak, process.memoryUsage().rss);
      }
    }
    const med = median(times);
    const ns = (med * 1e6) / (runs * H);
    console.log(
      `${String(runs).padStart(7)}   ${med.toFixed(1).padStart(9)}   ${median(cpu).toFixed(1).padStart(13)}   ${Math.min(...times).toFixed(1).padStart(6)}   ${ns.toFixed(0).padStart(15)}   ${(peak / 2 ** 20).toFixed(0).padStart(11)}   ${String(targets[runs] ?? '—').padStart(9)}`,
    );
  }
}

if (mode === 'one') measure("One thread (what the app's ensemble worker runs):", (scenario, runs, seed) => runEnsemble(scenario, { runs, seed }));

// The same ensembles split across every core over shared memory (the command
// line's --threads); the numbers are identical, CPU time counts all threads.
const cores = availableParallelism();
if (cores > 1 && mode === 'threads') {
  const pool = await EnsembleThreads.start(cores);
  for (const s of grid) pool.run(s, { runs: 1000, seed: 'warm-up' });
  measure(`${pool.threads} threads, shared memory (stand-down --threads ${pool.threads}):`, (scenario, runs, seed) => pool.run(scenario, { runs, seed }));
  await pool.close();
}
