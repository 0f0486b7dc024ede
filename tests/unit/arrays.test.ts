import { describe, expect, it } from 'vitest';
import { ArrayPool } from '../../src/model/arrays';
import { runEnsemble } from '../../src/model/ensemble';
import type { Scenario } from '../../src/model/types';

describe('ArrayPool', () => {
  it('hands back the previous ensemble’s arrays only for an ensemble of the same size', () => {
    const pool = new ArrayPool();
    pool.startEnsemble(10);
    const a = pool.take(10);
    const b = pool.take(60);
    pool.startEnsemble(10);
    const again = [pool.take(60), pool.take(10), pool.take(10)];
    expect(again[0]).toBe(b);
    expect(again[1]).toBe(a);
    expect(again[2]).not.toBe(a); // one array is never handed out twice in one ensemble
    pool.startEnsemble(20); // another size: nothing is kept
    expect(pool.take(10)).not.toBe(a);
    expect(pool.take(60)).not.toBe(b);
  });
});

describe('runEnsemble with reused arrays', () => {
  const scenario = (response: Scenario['response']): Scenario => ({
    id: 't', title: '', summary: '', quotes: [], interpretation: 'diplomatic', response, policy: { kind: 'trigger' },
    horizonMonths: 10, parameters: {}, injects: [],
  });
  it('gives the same numbers whatever ran before it (no stale values leak in)', () => {
    const opts = { runs: 300, seed: 'reuse', noise: true };
    const first = JSON.stringify(runEnsemble(scenario('mixed'), opts));
    // Same size, other worlds and seeds in between: their arrays are reused.
    runEnsemble(scenario('free-hits'), { runs: 300, seed: 1, noise: false });
    runEnsemble(scenario('restraint'), { runs: 300, seed: 2, noise: true });
    expect(JSON.stringify(runEnsemble(scenario('mixed'), opts))).toBe(first);
    // After another size, fresh arrays again.
    runEnsemble(scenario('free-hits'), { runs: 120, seed: 3 });
    expect(JSON.stringify(runEnsemble(scenario('mixed'), opts))).toBe(first);
  });
});
