import { describe, expect, it } from 'vitest';
import { POLICY_OPTIONS, comparePolicies, regretTable, runPolicyGrid } from '../../src/analysis/policies';
import { WORLDS, worldScenario } from '../../src/analysis/worlds';
import { runEnsemble } from '../../src/model/ensemble';
import { scenario } from './analysis.helpers';

describe('regretTable', () => {
  // Three policies × three worlds, lower is better.
  //            w0  w1  w2
  const table = [
    [10, 50, 30], // A: great in w0, awful in w1
    [20, 30, 30], // B: never far from the best
    [30, 20, 40], // C: best in w1
  ];

  it('regret is the gap to the best policy in each world', () => {
    const r = regretTable(table);
    expect(r.regret).toEqual([
      [0, 30, 0],
      [10, 10, 0],
      [20, 0, 10],
    ]);
    expect(r.maxRegret).toEqual([30, 10, 20]);
    expect(r.bestInWorld).toEqual([0, 2, 0]);
  });

  it('flags the minimax-regret policy and the best expected one (uniform priors)', () => {
    const r = regretTable(table);
    expect(r.minimaxRegret).toEqual([1]);
    expect(r.expected.map((x) => +x.toFixed(6))).toEqual([30, 26.666667, 30]);
    expect(r.bestExpected).toEqual([1]);
  });

  it('priors move the best expected policy but not the minimax-regret one', () => {
    const r = regretTable(table, [8, 1, 1]);
    expect(r.priors).toEqual([0.8, 0.1, 0.1]);
    expect(r.bestExpected).toEqual([0]); // 0.8·10 + 0.1·50 + 0.1·30 = 16
    expect(r.minimaxRegret).toEqual([1]);
  });

  it('a world given weight 0 is ruled out of the worst case too', () => {
    // With w1 (where A is awful) ruled out, A's worst regret is 0: the minimax choice moves to A.
    const r = regretTable(table, [1, 0, 1]);
    expect(r.maxRegret).toEqual([0, 10, 20]);
    expect(r.minimaxRegret).toEqual([0]);
    // "Worst in" counts the same worlds: A is never behind in one that is left.
    expect(r.worstWorld).toEqual([-1, 0, 0]);
    expect(regretTable(table).worstWorld).toEqual([1, 0, 0]);
    // The regret in the ruled-out world is still given, for the table.
    expect(r.regret[0][1]).toBe(30);
  });

  it('reports ties, and treats bad or all-zero priors as uniform', () => {
    const r = regretTable([
      [1, 2],
      [2, 1],
    ], [0, 0]);
    expect(r.minimaxRegret).toEqual([0, 1]);
    expect(r.bestExpected).toEqual([0, 1]);
    expect(r.priors).toEqual([0.5, 0.5]);
    expect(regretTable([[1, 2]], [NaN, 1]).priors).toEqual([0, 1]);
  });
});

describe('runPolicyGrid', () => {
  const s = scenario({ horizonMonths: 6 });
  const grid = runPolicyGrid(s, { runs: 60, seed: 'grid' }, ['none', 'indefinite', 'fixed-3', 'fixed-12', 'trigger-56']);

  it('fills policies × worlds with ensemble means', () => {
    expect(grid.policies.map((p) => p.id)).toEqual(['none', 'indefinite', 'fixed-3', 'fixed-12', 'trigger-56']);
    expect(grid.worlds).toHaveLength(9);
    for (const rows of Object.values(grid.values)) for (const row of rows) for (const x of row) expect(Number.isFinite(x)).toBe(true);
  });

  it('uses common random numbers: a 12-month term never ends within 6 months, so it equals the indefinite pause exactly', () => {
    for (const m of ['incidents', 'peak', 'high', 'cost'] as const) expect(grid.values[m][3]).toEqual(grid.values[m][1]);
  });

  it('matches runEnsemble for the same world and policy', () => {
    const w = WORLDS.findIndex((x) => x.id === 'deprioritized/free-hits');
    const e = runEnsemble({ ...worldScenario(s, WORLDS[w]), policy: { kind: 'indefinite' } }, { runs: 60, seed: 'grid' });
    expect(grid.values.peak[1][w]).toBeCloseTo(e.scalars.peakComposite.mean, 9);
    expect(grid.values.incidents[1][w]).toBeCloseTo(e.scalars.cumulativeIncidents.total.mean, 9);
    // No pause: the same members' no-pause twins (scenario minus the paired pause effect).
    expect(grid.values.cost[0][w]).toBeCloseTo(e.scalars.cumulativeCost.mean - e.pauseEffect.scalars.cumulativeCost.mean, 6);
  });

  it('no pause is the same in every world that draws the same members', () => {
    const byInterpretation = WORLDS.map((w, i) => [w.interpretation, grid.values.peak[0][i]] as const);
    for (const [interp, v] of byInterpretation) expect(v).toBe(byInterpretation.find(([i]) => i === interp)![1]);
  });

  it('falls back to every policy for an empty or unknown choice, and reports progress', () => {
    const calls: number[] = [];
    const all = runPolicyGrid(s, { runs: 5, seed: 1 }, ['bogus'], (done) => calls.push(done));
    expect(all.policies).toHaveLength(POLICY_OPTIONS.length);
    expect(calls.at(-1)).toBe(9 * POLICY_OPTIONS.length);
  });

  it('comparePolicies applies world priors by id', () => {
    const onlyFreeHits = Object.fromEntries(WORLDS.map((w) => [w.id, w.response === 'free-hits' ? 1 : 0]));
    const r = comparePolicies(grid, 'incidents', onlyFreeHits);
    expect(r.priors.filter((p) => p > 0)).toHaveLength(3);
    expect(r.regret).toHaveLength(5);
  });
});

describe('splitting the grid by worlds', () => {
  it('parts computed on some worlds merge into the grid computed at once', async () => {
    const { mergePolicyGrids, splitWorlds } = await import('../../src/analysis/policies');
    const s = scenario({ horizonMonths: 8 });
    const opts = { runs: 30, seed: 'split' };
    const ids = ['none', 'indefinite', 'trigger-56'];
    const whole = runPolicyGrid(s, opts, ids);
    const groups = splitWorlds(2);
    expect(groups.flat().sort()).toEqual(WORLDS.map((w) => w.id).sort());
    const parts = groups.map((worlds) => runPolicyGrid(s, opts, ids, undefined, worlds));
    // Each part leaves the other part's worlds empty.
    expect(parts[0].values.incidents[1].filter(Number.isNaN)).toHaveLength(groups[1].length);
    expect(mergePolicyGrids(parts)).toEqual(whole);
  });
});
