/**
 * Each thread's first ensemble is preceded by tiny priming ensembles
 * (ensemble.ts, `primeThread`), which leave their arrays in the thread's
 * pool. The first real ensemble must not see any of that: these tests run
 * first in a module of their own, with the primer's own member counts, so
 * the first real run reuses the primer's arrays.
 */
import { describe, expect, it } from 'vitest';
import { PRIMER, PRIMER_OPTIONS, runEnsemble } from '../../src/model/ensemble';
import { runSharedPart, sharedEnsembleJob } from '../../src/model/sharedEnsemble';
import type { Scenario } from '../../src/model/types';

const scenario: Scenario = {
  id: 't', title: '', summary: '', quotes: [], interpretation: 'deprioritized', response: 'free-hits', policy: { kind: 'fixed' },
  horizonMonths: 9, parameters: {}, injects: [],
};
const runs = PRIMER_OPTIONS[PRIMER_OPTIONS.length - 1].runs;

describe('priming a thread', () => {
  it('leaves the first real ensemble as any later one', () => {
    const first = JSON.stringify(runEnsemble(scenario, { runs, seed: 'first', noise: true }));
    runEnsemble(PRIMER, { runs: 500, seed: 2 });
    runEnsemble(scenario, { runs: 64, seed: 3 });
    expect(JSON.stringify(runEnsemble(scenario, { runs, seed: 'first', noise: true }))).toBe(first);
  });

  it('leaves the first shared part as any later one', () => {
    const run = () => JSON.stringify(runSharedPart(sharedEnsembleJob(scenario, { runs, seed: 'part', noise: true }, 1), 0));
    const first = run();
    runSharedPart(sharedEnsembleJob(PRIMER, { runs: 300, seed: 2 }, 1), 0);
    expect(run()).toBe(first);
    expect(first).toBe(JSON.stringify(runEnsemble(scenario, { runs, seed: 'part', noise: true })));
  });
});
