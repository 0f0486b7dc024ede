import { runEnsemble } from '../src/model/ensemble';
const sc: any = { id: 'x', title: 'x', summary: '', quotes: [], interpretation: 'deprioritized', response: 'mixed', policy: { kind: 'trigger' }, horizonMonths: 24, parameters: {}, injects: [] };
for (const runs of [1000, 10000, 100000]) {
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    const r = runEnsemble(sc, { runs, seed: 42 });
    console.log(runs, (performance.now() - t0).toFixed(1), 'ms', r.series.composite.p50[24].toFixed(2), r.probReversedBy[24].toFixed(3), (process.memoryUsage().rss/1e6).toFixed(0),'MB');
  }
}
