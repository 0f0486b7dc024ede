import { compileScenario, PathSet } from '../src/model/engine';
import { drawMembers } from '../src/model/ensemble';
const sc: any = { id: 'x', title: 'x', summary: '', quotes: [], interpretation: 'deprioritized', response: 'mixed', policy: { kind: 'trigger' }, horizonMonths: 24, parameters: {}, injects: [] };
const c = compileScenario(sc);
const N = 10000;
for (let rep = 0; rep < 5; rep++) {
  let t0 = performance.now();
  const m = drawMembers(c, 42, N);
  const t1 = performance.now();
  const set = new PathSet(c, m.values, m.draws);
  for (let t = 1; t <= 24; t++) set.step(t);
  const t2 = performance.now();
  console.log('draw us/member', ((t1 - t0) * 1000 / N).toFixed(2), 'step ns/member-month', ((t2 - t1) * 1e6 / N / 24).toFixed(0));
}
