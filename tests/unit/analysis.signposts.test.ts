import { describe, expect, it } from 'vitest';
import {
  buildSignpostEnsemble, effectiveSampleSize, mutualInformation, posteriorWeights, screenObservations, signposts,
  type Observation, type SignpostEnsemble,
} from '../../src/analysis/signposts';
import { countLogPmf, countPmfRange, logFactorial, logGamma, logSumExp, poissonLogPmf, sortMembersByMonth, weightedBand } from '../../src/analysis/stats';
import { WORLDS } from '../../src/analysis/worlds';
import { SECTOR_IDS } from '../../src/model/parameters';
import { simulate } from '../../src/model/simulate';
import { scenario } from './analysis.helpers';

const NS = SECTOR_IDS.length;
const pois = (n: number, l: number) => (Math.exp(-l) * l ** n) / [...Array(n).keys()].reduce((f, i) => f * (i + 1), 1);

/**
 * A hand-made ensemble: `members[w]` lists the λ of world w's members (every
 * sector, every month), horizon 2; the composite of a member is 50 + its λ.
 */
function synthetic(members: number[][]): SignpostEnsemble {
  const H = 2;
  const N = members[0].length;
  const worlds = WORLDS.slice(0, members.length);
  const M = worlds.length * N;
  const lambda = new Float64Array(M * NS * (H + 1));
  const composite = new Float64Array(M * (H + 1));
  members.forEach((row, w) =>
    row.forEach((l, i) => {
      const m = w * N + i;
      lambda.fill(l, m * NS * (H + 1), (m + 1) * NS * (H + 1));
      composite.fill(50 + l, m * (H + 1), (m + 1) * (H + 1));
    }),
  );
  return { horizon: H, membersPerWorld: N, seed: 'x', worlds, lambda, composite, order: sortMembersByMonth(composite, M, H) };
}

describe('signposts: posterior by hand', () => {
  it('two worlds, one member each, one count: posterior ∝ prior · Poisson pmf', () => {
    const ens = synthetic([[5], [10]]);
    const [a, b] = [WORLDS[0].id, WORLDS[1].id];
    const r = signposts(ens, [{ sector: 'health', month: 1, count: 7 }], { [a]: 1, [b]: 3 });
    const pa = 0.25 * pois(7, 5);
    const pb = 0.75 * pois(7, 10);
    expect(r.worlds[0].prior).toBeCloseTo(0.25, 12);
    expect(r.worlds[0].posterior).toBeCloseTo(pa / (pa + pb), 12);
    expect(r.worlds[1].posterior).toBeCloseTo(pb / (pa + pb), 12);
    expect(r.logEvidence).toBeCloseTo(Math.log(pa + pb), 12);
    const w = [pa / (pa + pb), pb / (pa + pb)];
    expect(r.ess).toBeCloseTo(1 / (w[0] ** 2 + w[1] ** 2), 12);
    expect(r.lowEss).toBe(true);
  });

  it('a world is the average of its members’ likelihoods; several counts multiply', () => {
    const ens = synthetic([[4, 6], [10, 10]]);
    const obs: Observation[] = [
      { sector: 'health', month: 1, count: 5 },
      { sector: 'finance', month: 2, count: 8 },
    ];
    const r = signposts(ens, obs, {});
    const like = (l: number) => pois(5, l) * pois(8, l);
    const a = (like(4) + like(6)) / 2;
    const b = like(10);
    expect(r.worlds[0].posterior).toBeCloseTo(a / (a + b), 12);
    // Response marginals: world 0 is restraint, world 1 free hits.
    expect(r.responses.find((x) => x.id === 'restraint')!.posterior).toBeCloseTo(a / (a + b), 12);
    expect(r.responses.find((x) => x.id === 'skeptic')!.posterior).toBe(0);
  });

  it('without observations the posterior is the prior and the projection is the prior projection', () => {
    const ens = synthetic([[4, 6], [10, 12]]);
    const r = signposts(ens, [], {});
    expect(r.worlds.map((w) => w.posterior)).toEqual([0.5, 0.5]);
    expect(r.ess).toBeCloseTo(4, 12);
    expect(Number.isNaN(r.logEvidence)).toBe(true);
    expect(r.projection).toEqual(r.priorProjection);
    expect(r.projection.mean[1]).toBeCloseTo(50 + 8, 12);
  });

  it('falls back to the prior, and says so, when no member can produce the counts', () => {
    const ens = synthetic([[0], [0]]);
    const r = signposts(ens, [{ sector: 'health', month: 1, count: 3 }], {});
    expect(r.impossible).toBe(true);
    expect(r.worlds.map((w) => w.posterior)).toEqual([0.5, 0.5]);
  });

  it('a zero prior rules a world out whatever the data', () => {
    const ens = synthetic([[5], [10]]);
    const r = signposts(ens, [{ sector: 'health', month: 1, count: 5 }], { [WORLDS[0].id]: 0 });
    expect(r.worlds[0].posterior).toBe(0);
    expect(r.worlds[1].posterior).toBe(1);
  });
});

describe('signposts: observations', () => {
  it('keeps months 0 … H, drops the rest with a reason, and lets a later duplicate win', () => {
    const { used, ignored } = screenObservations(
      [
        { sector: 'health', month: 2, count: 4 },
        { sector: 'health', month: 0, count: 3 },
        { sector: 'health', month: 2, count: 6 },
        { sector: 'health', month: 3, count: 1 },
        { sector: 'finance', month: 1, count: -1 },
        { sector: 'nope' as never, month: 1, count: 1 },
      ],
      2,
    );
    expect(used).toEqual([
      { sector: 'health', month: 0, count: 3 },
      { sector: 'health', month: 2, count: 6 },
    ]);
    expect(ignored.map((i) => i.reason)).toEqual([
      'replaced by a later count for the same sector and month',
      'after month 2, the horizon',
      'count must be a whole number from 0',
      'unknown sector',
    ]);
  });
});

describe('expected information of a count', () => {
  const poisson = (mean: number) => ({ mean, extraVariance: 0 });

  it('is 0 when the worlds expect the same counts, and 1 bit when two equally likely worlds are far apart', () => {
    expect(mutualInformation([0.5, 0.5], [poisson(7), poisson(7)], [0, 1])).toBeCloseTo(0, 10);
    expect(mutualInformation([0.5, 0.5], [poisson(1), poisson(400)], [0, 1])).toBeCloseTo(1, 6);
    // Worlds whose counts differ a thousandfold: a product of tail probabilities underflowed and gave Infinity.
    expect(mutualInformation([0.5, 0.5], [poisson(5), poisson(5000)], [0, 1])).toBeCloseTo(1, 6);
    expect(mutualInformation([0.5, 0.5], [poisson(10), poisson(2000)], [0, 1])).toBeCloseTo(1, 6);
    // Two worlds in the same branch: nothing to separate.
    expect(mutualInformation([0.5, 0.5], [poisson(1), poisson(400)], [0, 0])).toBe(0);
  });

  it('matches a direct sum for Poisson(1) against Poisson(3) with priors 0.3 / 0.7', () => {
    let direct = 0;
    for (let n = 0; n < 60; n++) {
      const a = 0.3 * pois(n, 1);
      const b = 0.7 * pois(n, 3);
      const pn = a + b;
      if (a > 0) direct += a * Math.log2(a / (0.3 * pn));
      if (b > 0) direct += b * Math.log2(b / (0.7 * pn));
    }
    expect(mutualInformation([0.3, 0.7], [poisson(1), poisson(3)], [0, 1])).toBeCloseTo(direct, 10);
  });

  it('counts a spread of λ within a world as noise, not signal', () => {
    const sharp = mutualInformation([0.5, 0.5], [poisson(20), poisson(30)], [0, 1]);
    const blurred = mutualInformation([0.5, 0.5], [{ mean: 20, extraVariance: 60 }, { mean: 30, extraVariance: 90 }], [0, 1]);
    expect(blurred).toBeLessThan(sharp);
    expect(blurred).toBeGreaterThan(0);
  });
});

describe('numeric helpers', () => {
  it('log factorial, log gamma and the Poisson pmf agree with direct values', () => {
    expect(logFactorial(10)).toBeCloseTo(Math.log(3628800), 12);
    expect(logFactorial(300)).toBeCloseTo(logGamma(301), 8);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(Math.exp(poissonLogPmf(3, 2))).toBeCloseTo(pois(3, 2), 14);
    expect(poissonLogPmf(0, 0)).toBe(0);
    expect(poissonLogPmf(1, 0)).toBe(-Infinity);
  });

  it('log-sum-exp is safe at extremes', () => {
    expect(logSumExp([-1000, -1000])).toBeCloseTo(-1000 + Math.log(2), 12);
    expect(logSumExp([-Infinity, -Infinity])).toBe(-Infinity);
    expect(logSumExp([])).toBe(-Infinity);
  });

  it('posterior weights are normalised and the ESS of n equal weights is n', () => {
    const { weights, logEvidence } = posteriorWeights([Math.log(0.5), Math.log(0.5)], [-800, -801]);
    expect(weights[0] + weights[1]).toBeCloseTo(1, 12);
    expect(weights[0] / weights[1]).toBeCloseTo(Math.E, 10);
    expect(logEvidence).toBeCloseTo(logSumExp([Math.log(0.5) - 800, Math.log(0.5) - 801]), 10);
    expect(effectiveSampleSize([0.25, 0.25, 0.25, 0.25])).toBeCloseTo(4, 14);
  });

  it('count pmfs sum to 1 with the right mean and variance, including far from their mode', () => {
    for (const m of [{ mean: 3, extraVariance: 0 }, { mean: 250, extraVariance: 0 }, { mean: 40, extraVariance: 200 }, { mean: 600, extraVariance: 4e4 }]) {
      const to = Math.ceil(m.mean + 20 * Math.sqrt(m.mean + m.extraVariance));
      const pmf = new Float64Array(to + 1);
      countPmfRange(m, 0, to, pmf);
      let s = 0, mu = 0, v = 0;
      pmf.forEach((p, n) => { s += p; mu += n * p; });
      pmf.forEach((p, n) => (v += (n - mu) ** 2 * p));
      expect(s).toBeCloseTo(1, 9);
      expect(mu).toBeCloseTo(m.mean, 6);
      expect(v / (m.mean + m.extraVariance)).toBeCloseTo(1, 6);
      expect(pmf[Math.round(m.mean)]).toBeCloseTo(Math.exp(countLogPmf(Math.round(m.mean), m)), 12);
    }
  });

  it('weighted percentiles: equal weights give the order statistics, zero weights do not count', () => {
    const H = 0;
    const values = Float64Array.from([5, 1, 4, 2, 3]);
    const order = sortMembersByMonth(values, 5, H);
    const even = weightedBand(values, [1, 1, 1, 1, 1], H, order);
    expect([even.p5[0], even.p25[0], even.p50[0], even.p75[0], even.p95[0], even.mean[0]]).toEqual([1, 2, 3, 4, 5, 3]);
    const one = weightedBand(values, [0, 0, 1, 0, 0], H, order);
    expect([one.p5[0], one.p50[0], one.p95[0], one.mean[0]]).toEqual([4, 4, 4, 4]);
  });
});

describe('signposts on the real model', () => {
  const ens = buildSignpostEnsemble(scenario({ policy: { kind: 'indefinite' } }), { membersPerWorld: 120, seed: 'signposts' });

  it('builds nine worlds × N members', () => {
    expect(ens.worlds).toHaveLength(9);
    expect(ens.composite).toHaveLength(9 * 120 * 25);
    // Month 0 is the pre-pause state everywhere.
    expect(ens.composite[0]).toBe(50);
  });

  it('counts from a free-hits world make free hits the likely answer', () => {
    const truth = simulate(scenario({ policy: { kind: 'indefinite' } }));
    const obs = [0, 1, 2, 3].flatMap((m) => SECTOR_IDS.map((k) => ({ sector: k, month: m, count: Math.round(truth.incidents[k][m]) })));
    const r = signposts(ens, obs, {});
    // From a third before any count to more than half, and more than either other answer.
    const freeHits = r.responses.find((x) => x.id === 'free-hits')!.posterior;
    expect(freeHits).toBeGreaterThan(0.5);
    for (const x of r.responses) if (x.id !== 'free-hits') expect(x.posterior).toBeLessThan(freeHits);
    expect(r.worlds.reduce((s, w) => s + w.posterior, 0)).toBeCloseTo(1, 12);
    expect(r.ess).toBeLessThan(r.members);
    expect(r.projection.p50).toHaveLength(25);
  });

  it('says which count to watch: information grows as the branches drift apart', () => {
    const r = signposts(ens, [], {});
    const info = r.information.response;
    expect(info.entropy).toBeCloseTo(Math.log2(3), 12);
    expect(info.cells).toHaveLength(24 * NS);
    expect(info.bestByMonth).toHaveLength(24);
    for (const c of info.cells) {
      expect(c.bits).toBeGreaterThanOrEqual(0);
      expect(c.bits).toBeLessThanOrEqual(info.entropy + 1e-9);
    }
    expect(info.bestByMonth[11].bits).toBeGreaterThan(info.bestByMonth[0].bits);
    expect(info.earliest).not.toBeNull();
    expect(info.earliest!.bits).toBeGreaterThanOrEqual(0.1);
    expect(r.information.world.entropy).toBeCloseTo(Math.log2(9), 12);
  });

  it('rejects a bad ensemble size', () => {
    expect(() => buildSignpostEnsemble(scenario(), { membersPerWorld: 0, seed: 1 })).toThrow(/membersPerWorld/);
  });
});
