/**
 * Signposts (pure): what the first months of a pause tell us about which
 * world we are in, and what to watch.
 *
 * 1. An "all worlds" ensemble: each of the nine worlds (3 readings × 3
 *    Russian answers; worlds.ts) with N members of the current scenario
 *    moved into it, every member's expected incidents λ_{k,t} and composite
 *    recorded.
 * 2. Observed monthly counts n_{k,t} (month 0 = the last pre-pause month
 *    allowed: it pins the sector's baseline) weight each member m of world w
 *    by its Poisson likelihood:
 *        ln w_m = ln(prior_w / N) + Σ_obs [ n ln λ_{k,t,m} − λ_{k,t,m} − ln n! ],
 *    normalised with log-sum-exp. A world's posterior probability is the sum
 *    of its members' weights; the effective sample size is 1 / Σ w_m²; the
 *    composite projection is re-summarised with these weights.
 * 3. Which single count best separates the branches, month by month: the
 *    expected information (mutual information, in bits) between the branch G
 *    (Russia's answer, or the world) and the count N_{k,t} one would observe:
 *        I(G; N) = Σ_g π_g Σ_n p(n | g) log2( p(n | g) / p(n) ),  p(n) = Σ_g π_g p(n | g),
 *    where π is the current (posterior) branch probability and p(n | g) the
 *    π-weighted mixture of its worlds' count models. A world's count model is
 *    built from its members' (weighted) mean λ, μ_w: Poisson(μ_w) if its
 *    members agree, otherwise a negative binomial with mean μ_w and variance
 *    μ_w + Var_w(λ), so uncertainty about a sector's baseline (which all
 *    worlds share) is not mistaken for a signal. I = 0: the count says
 *    nothing about the branch; I = log2(#branches): it settles it.
 */
import { SECTOR_IDS, SECTORS, RESPONSES, type ResponseId, type SectorId } from '../model/parameters';
import { compileScenario } from '../model/engine';
import { drawMembers } from '../model/ensemble';
import { seedToInt } from '../model/random';
import { assertScenario } from '../model/validate';
import type { Band, Scenario } from '../model/types';
import { stepMembers } from './members';
import { countPmfRange, logSumExp, poissonLogPmf, sortMembersByMonth, weightedBand, type CountModel } from './stats';
import { WORLDS, WORLD_RESPONSES, normalisePriors, worldScenario, type WorldDef, type WorldId } from './worlds';

const NS = SECTOR_IDS.length;

/** One observed monthly count of reported incidents. */
export interface Observation {
  sector: SectorId;
  /** Month since the pause began: 1 … H, or 0 for the last month before it. */
  month: number;
  count: number;
}

/** The all-worlds ensemble: the expensive part, reusable while only observations or priors change. */
export interface SignpostEnsemble {
  horizon: number;
  membersPerWorld: number;
  seed: string;
  worlds: readonly WorldDef[];
  /** Composite of member m (= world · N + i) at month t: index m·(H+1) + t. */
  composite: Float64Array;
  /** λ of member m, sector k, month t: index (m·NS + k)·(H+1) + t. */
  lambda: Float64Array;
  /** Members by composite, month by month (`sortMembersByMonth`), so reweighting is linear. */
  order: Uint32Array;
}

export interface SignpostEnsembleOptions {
  /** Members per world (e.g. 300–1,000). */
  membersPerWorld: number;
  seed: string | number;
}

/** Step every world's members and record λ and the composite (no Poisson noise: the observations supply it). */
export function buildSignpostEnsemble(scenario: Scenario, opts: SignpostEnsembleOptions): SignpostEnsemble {
  assertScenario(scenario);
  const N = opts.membersPerWorld;
  if (!Number.isInteger(N) || N < 1 || N > 20_000) throw new Error(`membersPerWorld: ${N} is not a whole number from 1 to 20000`);
  const H = scenario.horizonMonths;
  const H1 = H + 1;
  const total = WORLDS.length * N;
  const composite = new Float64Array(total * H1);
  const lambda = new Float64Array(total * NS * H1);
  const seed = seedToInt(opts.seed);
  WORLDS.forEach((world, w) => {
    const c = compileScenario(worldScenario(scenario, world));
    const members = drawMembers(c, seed, N);
    stepMembers(c, members, {
      onMonth: (t, set) => {
        for (let i = 0; i < N; i++) {
          const m = w * N + i;
          composite[m * H1 + t] = set.composite[i];
          for (let k = 0; k < NS; k++) lambda[(m * NS + k) * H1 + t] = set.lambda[k * N + i];
        }
      },
    });
  });
  const order = sortMembersByMonth(composite, total, H);
  return { horizon: H, membersPerWorld: N, seed: String(opts.seed), worlds: WORLDS, composite, lambda, order };
}

/**
 * Posterior weights from log prior weights and log-likelihoods, normalised
 * with log-sum-exp. `logEvidence` is ln Σ exp(logPrior + logLik); the weights
 * are all zero when it is −∞ (no member can produce the data).
 */
export function posteriorWeights(logPrior: ArrayLike<number>, logLik: ArrayLike<number>): { weights: Float64Array; logEvidence: number } {
  const n = logPrior.length;
  const lw = new Float64Array(n);
  for (let i = 0; i < n; i++) lw[i] = logPrior[i] + logLik[i];
  const z = logSumExp(lw);
  const weights = new Float64Array(n);
  if (z > -Infinity) for (let i = 0; i < n; i++) weights[i] = Math.exp(lw[i] - z);
  return { weights, logEvidence: z };
}

/** Effective sample size of normalised weights, 1 / Σ w². */
export function effectiveSampleSize(weights: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += weights[i] * weights[i];
  return s > 0 ? 1 / s : 0;
}

/** A (sector, month) count to watch, and the expected information it carries. */
export interface Indicator {
  sector: SectorId;
  month: number;
  /** Mutual information between the branch and the count, bits. */
  bits: number;
}

export type InformationTarget = 'response' | 'world';

export interface InformationMap {
  target: InformationTarget;
  /** Entropy of the branch under the current probabilities: the most a count could tell (bits). */
  entropy: number;
  /** Every sector × month 1 … H, month-major. */
  cells: Indicator[];
  /** The most informative sector in each month 1 … H. */
  bestByMonth: Indicator[];
  /** The first month whose best count carries at least `minBits`; null if none does. */
  earliest: Indicator | null;
  /** The most informative count of all. */
  best: Indicator | null;
}

export interface BranchProbability {
  id: string;
  label: string;
  prior: number;
  posterior: number;
}

export interface SignpostResult {
  worlds: (BranchProbability & { id: WorldId })[];
  /** Posterior of Russia's answer, summed over the readings. */
  responses: (BranchProbability & { id: ResponseId })[];
  /** Effective sample size of the reweighted ensemble, and its size. */
  ess: number;
  members: number;
  /** ESS below `minEss`: the projection rests on too few members to trust. */
  lowEss: boolean;
  minEss: number;
  /** Observations used, and those left out with the reason. */
  used: Observation[];
  ignored: { observation: Observation; reason: string }[];
  /** ln p(observations) under the prior mixture (NaN without observations). */
  logEvidence: number;
  /** No member of any world can produce the observations (the prior is shown instead). */
  impossible: boolean;
  /** The composite re-summarised with the posterior weights, and with the prior ones. */
  projection: Band;
  priorProjection: Band;
  information: Record<InformationTarget, InformationMap>;
}

export interface SignpostOptions {
  /** Warn below this effective sample size (default 50). */
  minEss?: number;
  /** An indicator "separates" the branches from this many bits (default 0.1). */
  minBits?: number;
}

/** Keep well-formed observations within the horizon; a later duplicate of a (sector, month) replaces an earlier one. */
export function screenObservations(observations: readonly Observation[], horizon: number) {
  const ignored: { observation: Observation; reason: string }[] = [];
  const byCell = new Map<string, Observation>();
  for (const o of observations) {
    const reason = !SECTOR_IDS.includes(o.sector)
      ? 'unknown sector'
      : !Number.isInteger(o.month) || o.month < 0
        ? 'month must be a whole number from 0'
        : o.month > horizon
          ? `after month ${horizon}, the horizon`
          : !Number.isInteger(o.count) || o.count < 0
            ? 'count must be a whole number from 0'
            : null;
    if (reason) {
      ignored.push({ observation: o, reason });
      continue;
    }
    const key = `${o.sector}:${o.month}`;
    const earlier = byCell.get(key);
    if (earlier) ignored.push({ observation: earlier, reason: 'replaced by a later count for the same sector and month' });
    byCell.set(key, o);
  }
  const used = [...byCell.values()].sort((a, b) => a.month - b.month || SECTOR_IDS.indexOf(a.sector) - SECTOR_IDS.indexOf(b.sector));
  return { used, ignored };
}

/** Weigh the all-worlds ensemble by observed counts: posterior of each world, ESS, projection, what to watch. */
export function signposts(
  ens: SignpostEnsemble,
  observations: readonly Observation[],
  priors?: Partial<Record<WorldId, number>>,
  options: SignpostOptions = {},
): SignpostResult {
  const minEss = options.minEss ?? 50;
  const minBits = options.minBits ?? 0.1;
  const { horizon: H, membersPerWorld: N, worlds } = ens;
  const H1 = H + 1;
  const M = worlds.length * N;
  const prior = normalisePriors(priors, worlds);
  const { used, ignored } = screenObservations(observations, H);

  const logPrior = new Float64Array(M);
  const logLik = new Float64Array(M);
  const cells = used.map((o) => SECTOR_IDS.indexOf(o.sector) * H1 + o.month);
  for (let m = 0; m < M; m++) {
    logPrior[m] = Math.log(prior[Math.floor(m / N)] / N);
    let ll = 0;
    for (let j = 0; j < used.length; j++) ll += poissonLogPmf(used[j].count, ens.lambda[m * NS * H1 + cells[j]]);
    logLik[m] = ll;
  }
  const priorWeights = posteriorWeights(logPrior, new Float64Array(M)).weights;
  let { weights, logEvidence } = posteriorWeights(logPrior, logLik);
  const impossible = used.length > 0 && logEvidence === -Infinity;
  if (impossible) weights = priorWeights;

  const worldPosterior = worlds.map((_, w) => {
    let s = 0;
    for (let i = 0; i < N; i++) s += weights[w * N + i];
    return s;
  });
  const worldRows = worlds.map((world, w) => ({ id: world.id, label: world.label, prior: prior[w], posterior: worldPosterior[w] }));
  const responses = WORLD_RESPONSES.map((r) => ({
    id: r,
    label: RESPONSES[r].label,
    prior: sumWhere(worlds, prior, (w) => w.response === r),
    posterior: sumWhere(worlds, worldPosterior, (w) => w.response === r),
  }));

  const ess = effectiveSampleSize(weights);
  return {
    worlds: worldRows,
    responses,
    ess,
    members: M,
    lowEss: ess < minEss,
    minEss,
    used,
    ignored,
    logEvidence: used.length ? logEvidence : NaN,
    impossible,
    projection: weightedBand(ens.composite, weights, H, ens.order),
    priorProjection: weightedBand(ens.composite, priorWeights, H, ens.order),
    information: informationMaps(ens, weights, worldPosterior, minBits),
  };
}

function sumWhere(worlds: readonly WorldDef[], xs: number[], pick: (w: WorldDef) => boolean): number {
  return worlds.reduce((s, w, i) => s + (pick(w) ? xs[i] : 0), 0);
}

/**
 * Every world's count model for every sector and month: the weighted mean and
 * variance of its members' λ, in one pass over the ensemble.
 * Returns models[(k·(H+1) + t)·W + w].
 */
function worldCountModels(ens: SignpostEnsemble, weights: Float64Array, worldWeight: number[]): CountModel[] {
  const N = ens.membersPerWorld;
  const W = ens.worlds.length;
  const cellsPerMember = NS * (ens.horizon + 1);
  const s1 = new Float64Array(cellsPerMember * W);
  const s2 = new Float64Array(cellsPerMember * W);
  for (let w = 0; w < W; w++) {
    for (let i = 0; i < N; i++) {
      const m = w * N + i;
      const wm = weights[m];
      if (!(wm > 0)) continue;
      const from = m * cellsPerMember;
      for (let c = 0; c < cellsPerMember; c++) {
        const x = ens.lambda[from + c];
        s1[c * W + w] += wm * x;
        s2[c * W + w] += wm * x * x;
      }
    }
  }
  const models: CountModel[] = new Array(cellsPerMember * W);
  for (let c = 0; c < cellsPerMember; c++) {
    for (let w = 0; w < W; w++) {
      const ww = worldWeight[w];
      const mean = ww > 0 ? s1[c * W + w] / ww : 0;
      const variance = ww > 0 ? Math.max(0, s2[c * W + w] / ww - mean * mean) : 0;
      // Spread below float noise is no spread: plain Poisson.
      models[c * W + w] = { mean, extraVariance: variance > 1e-9 * Math.max(1, mean * mean) ? variance : 0 };
    }
  }
  return models;
}

/** The counts each world makes likely for one sector and month: a shared grid of n and one pmf per live world. */
function countGrid(worldProb: number[], models: CountModel[]) {
  const live = worldProb.flatMap((p, w) => (p > 0 ? [w] : []));
  let lo = Infinity;
  let hi = 0;
  for (const w of live) {
    const { mean, extraVariance } = models[w];
    const sd = Math.sqrt(mean + extraVariance);
    lo = Math.min(lo, mean - 10 * sd - 3);
    hi = Math.max(hi, mean + 10 * sd + 3);
  }
  const from = Math.max(0, Math.floor(lo));
  const to = Math.max(from, Math.ceil(hi));
  const pmfs = live.map((w) => {
    const pmf = new Float64Array(to - from + 1);
    countPmfRange(models[w], from, to, pmf);
    return pmf;
  });
  return { live, pmfs, length: to - from + 1 };
}

/**
 * Mutual information (bits) between a branch and a count, given each world's
 * probability, its count model, and which branch each world belongs to:
 * I = Σ_g Σ_n P(g, n) log2( P(g, n) / (P(g) P(n)) ).
 */
export function mutualInformation(worldProb: number[], models: CountModel[], branchOf: number[]): number {
  return informationOf(worldProb, countGrid(worldProb, models), branchOf);
}

function informationOf(worldProb: number[], grid: ReturnType<typeof countGrid>, branchOf: number[]): number {
  const { live, pmfs, length } = grid;
  const branches = [...new Set(live.map((w) => branchOf[w]))];
  if (branches.length < 2) return 0;
  const joint = branches.map(() => new Float64Array(length));
  const branchProb = branches.map(() => 0);
  live.forEach((w, j) => {
    const b = branches.indexOf(branchOf[w]);
    const pmf = pmfs[j];
    const row = joint[b];
    for (let n = 0; n < length; n++) row[n] += worldProb[w] * pmf[n];
    branchProb[b] += worldProb[w];
  });
  const total = branchProb.reduce((a, b) => a + b, 0);
  const marginal = new Float64Array(length);
  for (const row of joint) for (let n = 0; n < length; n++) marginal[n] += row[n] / total;
  let info = 0;
  joint.forEach((row, b) => {
    const pb = branchProb[b] / total;
    for (let n = 0; n < length; n++) {
      const pj = row[n] / total; // P(branch, n)
      // In logs: far in the tails pb · marginal underflows to 0 while pj does not, and the ratio was Infinity.
      if (pj > 0 && marginal[n] > 0) info += pj * (Math.log2(pj) - Math.log2(pb) - Math.log2(marginal[n]));
    }
  });
  // Never more than there is to learn about the branch (rounding can overshoot it by a hair).
  return Math.min(entropyBits(branchProb), Math.max(0, info));
}

function entropyBits(ps: number[]): number {
  const total = ps.reduce((a, b) => a + b, 0);
  return ps.reduce((h, p) => (p > 0 ? h - (p / total) * Math.log2(p / total) : h), 0);
}

function informationMaps(ens: SignpostEnsemble, weights: Float64Array, worldProb: number[], minBits: number): Record<InformationTarget, InformationMap> {
  const W = ens.worlds.length;
  const H1 = ens.horizon + 1;
  const models = worldCountModels(ens, weights, worldProb);
  const targets: InformationTarget[] = ['response', 'world'];
  const branchOf = {
    response: ens.worlds.map((w) => WORLD_RESPONSES.indexOf(w.response)),
    world: ens.worlds.map((_, i) => i),
  };
  const cells = { response: [] as Indicator[], world: [] as Indicator[] };
  for (let t = 1; t <= ens.horizon; t++) {
    for (let k = 0; k < NS; k++) {
      const c = k * H1 + t;
      const grid = countGrid(worldProb, models.slice(c * W, c * W + W));
      for (const target of targets) cells[target].push({ sector: SECTOR_IDS[k], month: t, bits: informationOf(worldProb, grid, branchOf[target]) });
    }
  }
  const map = (target: InformationTarget): InformationMap => {
    const bestByMonth: Indicator[] = [];
    for (let t = 1; t <= ens.horizon; t++) {
      const month = cells[target].slice((t - 1) * NS, t * NS);
      bestByMonth.push(month.reduce((a, c) => (c.bits > a.bits ? c : a)));
    }
    const probs = new Map<number, number>();
    worldProb.forEach((p, w) => probs.set(branchOf[target][w], (probs.get(branchOf[target][w]) ?? 0) + p));
    return {
      target,
      entropy: entropyBits([...probs.values()]),
      cells: cells[target],
      bestByMonth,
      earliest: bestByMonth.find((c) => c.bits >= minBits) ?? null,
      best: bestByMonth.reduce<Indicator | null>((a, c) => (!a || c.bits > a.bits ? c : a), null),
    };
  };
  return { response: map('response'), world: map('world') };
}

/** "Hospitals and health care, month 3". */
export function indicatorLabel(i: Pick<Indicator, 'sector' | 'month'>): string {
  return `${SECTORS[i.sector].shortLabel}, month ${i.month}`;
}
