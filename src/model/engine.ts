/**
 * The Stand-Down step function (MODEL.md sections 1–3 and 7). One code path
 * serves the deterministic "expected path" and every ensemble member: the
 * member's parameter values and random draws are passed in, and results are
 * written into preallocated typed arrays so the ensemble's hot loop makes no
 * objects.
 */
import { freshArray, type Allocate } from './arrays';
import {
  FIXED_ASSUMPTIONS as F,
  INTERPRETATIONS,
  PARAMETERS,
  SECTORS,
  SECTOR_IDS,
  defaultRange,
  roundInteger,
  sectorParamId,
  type InterpretationId,
  type PolicyKind,
  type Range,
  type ResponseId,
} from './parameters';
import { WORLD_EFFECTS, type Scenario } from './types';

/** Position of every parameter in a member's value vector (PARAMETERS order). */
export const PARAM_INDEX: Readonly<Record<string, number>> = Object.fromEntries(PARAMETERS.map((p, i) => [p.id, i]));
const I = PARAM_INDEX;
const NS = SECTOR_IDS.length;
const SECTOR_BASE = SECTOR_IDS.map((k) => I[sectorParamId(k, 'baselineIncidents')]);
const SECTOR_PI = SECTOR_IDS.map((k) => I[sectorParamId(k, 'russiaShare')]);
const SECTOR_COST = SECTOR_IDS.map((k) => I[sectorParamId(k, 'incidentCost')]);
const SIGMA = Float64Array.from(SECTOR_IDS, (k) => SECTORS[k].stateShare);
const BETA = Float64Array.from(SECTOR_IDS, (k) => SECTORS[k].blindSpotSensitivity);
const WEIGHT = Float64Array.from(SECTOR_IDS, (k) => SECTORS[k].weight);
const LOG2_SCALE = 25 / Math.LN2;


/** A scenario turned into flat arrays the step function reads. */
export interface CompiledScenario {
  horizon: number;
  interpretation: InterpretationId;
  response: ResponseId;
  policy: PolicyKind;
  /** True unless this is the no-pause baseline. */
  pause: boolean;
  rhetoric: number;
  /** Full (low, mode, high) of every parameter, PARAMETERS order. */
  ranges: Range[];
  /** Every parameter at its mode (integers rounded). */
  modes: Float64Array;
  /** X_{k,t}: product of sector-shock factors, index k·(H+1)+t. */
  sectorFactor: Float64Array;
  /** adversaryShift amount added to R in month t. */
  adversaryShift: Float64Array;
  /** Product of (1 − share) of coverage shocks in month t. */
  accessKept: Float64Array;
  /** Earliest restraintCollapse inject month (Infinity if none). */
  collapseInjectMonth: number;
  /** Earliest reverse inject month (Infinity if none). */
  reverseInjectMonth: number;
  /** No pause and no injects: every month equals month 0, so stepping can be skipped. */
  unchanging: boolean;
}

/** Resolve every parameter's range: the scenario's overrides on top of the table's defaults. */
export function resolveRanges(scenario: Pick<Scenario, 'interpretation' | 'parameters'>): Range[] {
  return PARAMETERS.map((def) => scenario.parameters[def.id] ?? defaultRange(def, scenario.interpretation));
}

/** Positions of the integer parameters (L, k, n_D): rounding runs once per ensemble member. */
const INTEGER_PARAMS = PARAMETERS.flatMap((p, i) => (p.domain.integer === true ? [i] : []));

/** Round integer parameters half up, minimum 1, in place. */
export function roundIntegers(values: Float64Array): void {
  for (const i of INTEGER_PARAMS) values[i] = roundInteger(values[i]);
}

/**
 * Compile a validated scenario. With `baseline`, the result is its no-pause
 * twin: same horizon, sectors, parameters and world-event injects, no policy
 * injects (MODEL.md section 5).
 */
export function compileScenario(scenario: Scenario, baseline = false): CompiledScenario {
  const H = scenario.horizonMonths;
  const interpretation: InterpretationId = baseline ? 'none' : scenario.interpretation;
  const ranges = resolveRanges(scenario);
  const modes = new Float64Array(ranges.map((r) => r.mode));
  roundIntegers(modes);
  const sectorFactor = new Float64Array(NS * (H + 1)).fill(1);
  const adversaryShift = new Float64Array(H + 1);
  const accessKept = new Float64Array(H + 1).fill(1);
  let collapseInjectMonth = Infinity;
  let reverseInjectMonth = Infinity;
  for (const inject of scenario.injects) {
    const chosen = inject.decision?.chosen
      ? inject.decision.options.find((o) => o.id === inject.decision!.chosen)?.effects ?? []
      : [];
    for (const effect of [...inject.effects, ...chosen]) {
      if (baseline && !WORLD_EFFECTS.has(effect.type)) continue;
      const m = inject.month;
      if (m < 1 || m > H) continue;
      switch (effect.type) {
        case 'sectorShock': {
          const k = SECTOR_IDS.indexOf(effect.sector);
          for (let t = m; t < Math.min(H + 1, m + effect.months); t++) sectorFactor[k * (H + 1) + t] *= effect.factor;
          break;
        }
        case 'adversaryShift':
          adversaryShift[m] += effect.amount;
          break;
        case 'coverageShock':
          accessKept[m] *= 1 - effect.share;
          break;
        case 'restraintCollapse':
          collapseInjectMonth = Math.min(collapseInjectMonth, m);
          break;
        case 'reverse':
          reverseInjectMonth = Math.min(reverseInjectMonth, m);
          break;
      }
    }
  }
  const anyShock = sectorFactor.some((x) => x !== 1) || adversaryShift.some((x) => x !== 0) || accessKept.some((x) => x !== 1);
  return {
    unchanging: interpretation === 'none' && !anyShock,
    horizon: H,
    interpretation,
    response: scenario.response,
    policy: scenario.policy.kind,
    pause: interpretation !== 'none',
    rhetoric: INTERPRETATIONS[interpretation].rhetoricSoftening,
    ranges,
    modes,
    sectorFactor,
    adversaryShift,
    accessKept,
    collapseInjectMonth,
    reverseInjectMonth,
  };
}

/** Per-month record of one path; sector arrays are indexed k·(H+1)+t. */
export interface PathBuffers {
  readiness: Float64Array;
  access: Float64Array;
  monitoring: Float64Array;
  coverage: Float64Array;
  blindSpots: Float64Array;
  sharing: Float64Array;
  deterrence: Float64Array;
  adversary: Float64Array;
  adversaryTarget: Float64Array;
  criminal: Float64Array;
  vigilance: Float64Array;
  alliedConfidence: Float64Array;
  composite: Float64Array;
  perceived: Float64Array;
  cost: Float64Array;
  lambda: Float64Array;
  threat: Float64Array;
  incidents: Float64Array;
}

export function allocatePath(H: number): PathBuffers {
  const n = H + 1;
  const f = () => new Float64Array(n);
  return {
    readiness: f(), access: f(), monitoring: f(), coverage: f(), blindSpots: f(), sharing: f(), deterrence: f(),
    adversary: f(), adversaryTarget: f(), criminal: f(), vigilance: f(), alliedConfidence: f(), composite: f(),
    perceived: f(), cost: f(), lambda: new Float64Array(NS * n), threat: new Float64Array(NS * n), incidents: new Float64Array(NS * n),
  };
}

/**
 * The sector parameters b, π and c of a set of members, packed sector after
 * sector (index k·count + i) so the hot loop reads one flat array each.
 */
export interface SectorValues {
  base: Float64Array;
  share: Float64Array;
  unitCost: Float64Array;
}

/** Indices (PARAMETERS order) of each sector's b, π and c, in SECTOR_IDS order. */
export const SECTOR_PARAMS = { base: SECTOR_BASE, share: SECTOR_PI, unitCost: SECTOR_COST } as const;

/** Pack the sector parameters of `values` (one array per parameter) into SectorValues. */
export function packSectorValues(values: Float64Array[], allocate: Allocate = freshArray): SectorValues {
  const n = values[0].length;
  const pack = (idx: number[]) => {
    const out = allocate(NS * n);
    idx.forEach((j, k) => out.set(values[j], k * n));
    return out;
  };
  return { base: pack(SECTOR_BASE), share: pack(SECTOR_PI), unitCost: pack(SECTOR_COST) };
}

/** The random parts of a set of paths, one entry per member. */
export interface PathDraws {
  /** True: replace the random parts by expectations (the deterministic run). */
  expected: boolean;
  /** Member branch under `mixed`: 1 = restraint. */
  restraintBranch: Uint8Array;
  /** Month G in which restraint collapses (restraint holds in month t if G > t). */
  collapseMonth: Float64Array;
}

/**
 * A set of paths of one compiled scenario stepped month by month together,
 * stored as one typed array per quantity with one entry per member
 * (structure of arrays). After `init()` and each `step(t)`, the arrays hold
 * month t's values; the caller summarises or records them before the next
 * step. The deterministic run is a set of one path.
 *
 * An unchanging set (the no-pause baseline without injects) is never
 * stepped, so its arrays keep month 0's values for good, and arrays that
 * hold the same constant are one array (readiness, access, coverage … are
 * all the same array of ones). At 100,000 members that saves 11 MB a set.
 */
export class PathSet {
  readonly count: number;
  // State carried from month to month (and this month's value after a step).
  readonly readiness: Float64Array;
  readonly access: Float64Array;
  readonly monitoring: Float64Array;
  readonly adversary: Float64Array;
  readonly criminal: Float64Array;
  readonly vigilance: Float64Array;
  readonly alliedConfidence: Float64Array;
  // This month's derived values.
  readonly coverage: Float64Array;
  readonly sharing: Float64Array;
  readonly deterrence: Float64Array;
  readonly adversaryTarget: Float64Array;
  readonly composite: Float64Array;
  readonly perceived: Float64Array;
  readonly cost: Float64Array;
  /** λ of sector k for member i at index k·count + i. */
  readonly lambda: Float64Array;
  readonly threat: Float64Array;
  // Policy bookkeeping.
  /** Month the reversal was decided (Infinity: none yet). */
  readonly reversalMonth: Float64Array;
  /** Month operations resume, t_rev + L (Infinity: none). */
  readonly reengageMonth: Float64Array;
  private readonly aboveThetaRun: Float64Array;
  /** Restraint survival carried into mutual normality once operations resume (S_{t_re−1}). */
  private readonly survival: Float64Array;
  /** Sector parameters, packed (see SectorValues). */
  readonly sectors: SectorValues;
  private readonly base: Float64Array;
  private readonly share: Float64Array;
  private readonly unitCost: Float64Array;
  private readonly factor = new Float64Array(NS);

  constructor(
    readonly c: CompiledScenario,
    /** Parameter values: one array per parameter (PARAMETERS order), one entry per member. */
    readonly values: Float64Array[],
    readonly draws: PathDraws,
    /** The sector parameters of `values` already packed (by drawMembers, or another set over the same values). */
    sectors?: SectorValues,
    /** Where the arrays come from (every one is written by `init` before it is read). */
    allocate: Allocate = freshArray,
  ) {
    const n = values[0].length;
    this.count = n;
    const f = () => allocate(n);
    // Unchanging: one array per constant (see the class comment); otherwise one per quantity.
    const constants = new Map<string, Float64Array>();
    const held = (value: string) => {
      if (!c.unchanging) return f();
      let a = constants.get(value);
      if (!a) constants.set(value, (a = f()));
      return a;
    };
    this.readiness = held('1');
    this.access = held('1');
    this.monitoring = held('1');
    this.adversary = held('1');
    this.criminal = held('1');
    this.vigilance = held('0');
    this.alliedConfidence = f();
    this.coverage = held('1');
    this.sharing = held('1');
    this.deterrence = held('1');
    this.adversaryTarget = held('1');
    this.composite = held('50');
    this.perceived = held('50');
    this.cost = f();
    this.lambda = allocate(NS * n);
    this.threat = allocate(NS * n);
    this.reversalMonth = held('never');
    this.reengageMonth = held('never');
    this.aboveThetaRun = held('0');
    this.survival = held('1');
    this.sectors = sectors ?? packSectorValues(values, allocate);
    this.base = this.sectors.base;
    this.share = this.sectors.share;
    this.unitCost = this.sectors.unitCost;
    this.init();
  }

  /** Month 0: the pre-pause state, λ_k = b_k, every T = 50. */
  init(): void {
    const n = this.count;
    this.readiness.fill(1);
    this.access.fill(1);
    this.monitoring.fill(1);
    this.adversary.fill(1);
    this.criminal.fill(1);
    this.vigilance.fill(0);
    this.alliedConfidence.fill(F.preConfidence);
    this.coverage.fill(1);
    this.sharing.fill(1);
    this.deterrence.fill(1);
    this.adversaryTarget.fill(1);
    this.composite.fill(50);
    this.perceived.fill(50);
    this.threat.fill(50);
    this.reversalMonth.fill(Infinity);
    this.reengageMonth.fill(Infinity);
    this.aboveThetaRun.fill(0);
    this.survival.fill(1);
    this.cost.fill(0);
    this.lambda.set(this.base);
    for (let j = 0; j < NS * n; j++) this.cost[j % n] += this.base[j] * this.unitCost[j];
  }

  /**
   * Advance paths lo … hi − 1 (default: all) from month t − 1 to month t
   * (MODEL.md section 2, in its order). Paths are independent, so a range
   * can be taken through several months before the next range.
   */
  step(t: number, lo = 0, hi = this.count): void {
    const { c, values: v, draws, count: n } = this;
    if (c.unchanging) return;
    const pause = c.pause;
    const response = c.response;
    const hasRestraint = pause && (response === 'restraint' || response === 'mixed');
    const rhetoricPenalty = F.rhetoricPenalty * c.rhetoric;
    const accessKept = c.accessKept[t];
    const shift = c.adversaryShift[t];
    const collapsedByInject = t >= c.collapseInjectMonth;
    const checkPolicy = pause;
    const reverseNow = t === c.reverseInjectMonth;
    const fixedPolicy = c.policy === 'fixed';
    const triggerPolicy = c.policy === 'trigger';
    const expected = draws.expected;
    const H1 = c.horizon + 1;

    const alphaA = v[I.responseSpeed], eA = v[I.escalationCeiling], dA = v[I.restraintDepth], hA = v[I.restraintFragility];
    const pA = v[I.reciprocationChance], kappaA = v[I.criminalCoupling], decayOA = v[I.readinessDecay];
    const recoverOA = v[I.readinessRecovery], recoverEA = v[I.accessRecovery], lagA = v[I.reengageLag];
    const vigA = v[I.privateResponse], tauA = v[I.vigilanceRamp], gammaA = v[I.confidenceSpeed];
    const thetaA = v[I.triggerThreshold], kA = v[I.triggerMonths], fixedA = v[I.fixedMonths];
    const mA = v[I.monitoringRetained], sA = v[I.sharingRetained], decayEA = v[I.accessDecay];
    const O = this.readiness, E = this.access, M = this.monitoring, R = this.adversary, Q = this.criminal;
    const V = this.vigilance, A = this.alliedConfidence, Cv = this.coverage, Sv = this.sharing, Dv = this.deterrence;
    const target = this.adversaryTarget, comp = this.composite, perc = this.perceived, costv = this.cost;
    const lam = this.lambda, thr = this.threat, rev = this.reversalMonth, reeng = this.reengageMonth;
    const run = this.aboveThetaRun, surv = this.survival, branch = draws.restraintBranch, collapse = draws.collapseMonth;
    const baseK = this.base, shareK = this.share, costK = this.unitCost, factor = this.factor;
    // Module constants copied to locals: cheaper to read in the hot loop.
    const sigma = SIGMA, beta = BETA, weight = WEIGHT, scale = LOG2_SCALE, ns = NS;
    for (let k = 0; k < NS; k++) factor[k] = c.sectorFactor[k * H1 + t];

    for (let i = lo; i < hi; i++) {
      const stopped = pause && t < reeng[i];
      const reversed = rev[i] < t;

      // 1–2. Offensive readiness and exploitation access.
      const o = stopped ? O[i] * (1 - decayOA[i]) : O[i] + recoverOA[i] * (1 - O[i]);
      const e0 = stopped ? E[i] * (1 - (pause ? decayEA[i] : 0)) : E[i] + recoverEA[i] * (1 - E[i]);
      const e = e0 * accessKept;
      // 3–6. Monitoring, coverage, sharing, deterrence.
      const mTarget = !pause || reversed ? 1 : mA[i];
      const m = M[i] + F.monitoringSpeed * (mTarget - M[i]);
      const cov = F.coverageAccessWeight * e + F.coverageMonitoringWeight * m;
      const blind = 1 - cov;
      const sT = !pause || reversed ? 1 : sA[i];
      const det = F.deterrenceReadinessWeight * o + F.deterrenceCoverageWeight * cov;
      const perm = 1 - det;

      // 7. Adversary target R*, activity R, criminal ecosystem Q.
      let rStar = 1;
      if (pause && response !== 'skeptic') {
        const freeHits = 1 + eA[i] * perm;
        let restraint = freeHits;
        if (hasRestraint) {
          if (stopped) {
            let S: number;
            if (collapsedByInject) S = 0;
            else if (expected) S = Math.pow(1 - hA[i], t);
            else S = collapse[i] > t ? 1 : 0;
            restraint = S * (1 - dA[i]) + (1 - S) * freeHits;
            surv[i] = S;
          } else {
            // From t_re on: restraint that held through t_re − 1 becomes mutual normality.
            restraint = surv[i] + (1 - surv[i]) * freeHits;
          }
        }
        if (response === 'free-hits') rStar = freeHits;
        else if (response === 'restraint') rStar = restraint;
        else if (expected) rStar = pA[i] * restraint + (1 - pA[i]) * freeHits;
        else rStar = branch[i] === 1 ? restraint : freeHits;
      }
      let r = R[i] + alphaA[i] * (rStar - R[i]) + shift;
      if (r < 0) r = 0; // activity cannot be negative, whatever an inject subtracts
      const q = Q[i] + alphaA[i] * (1 + kappaA[i] * (rStar - 1) - Q[i]);

      // 8–9. Private-sector vigilance and allied confidence.
      const vTarget = pause ? vigA[i] * (0.5 + 0.5 * sT) : 0;
      const vig = V[i] + (vTarget - V[i]) / tauA[i];
      const softening = pause && !reversed ? rhetoricPenalty : 0;
      const a = A[i] + gammaA[i] * (F.preConfidence * (0.6 + 0.4 * sT) - softening - A[i]);

      // 10. Sector rates and cost; threat levels below.
      let cost = 0;
      const blindGap = blind * (1 - sT);
      const notBlocked = 1 - vig;
      for (let k = 0; k < ns; k++) {
        const j = k * n + i;
        const pi = shareK[j];
        const activity = sigma[k] * r + (1 - sigma[k]) * q;
        // λ/b, kept in the threat array until the pass below turns it into T.
        const ratio = ((1 - pi) + pi * activity * (1 + beta[k] * blindGap) * notBlocked) * factor[k];
        const lambda = baseK[j] * ratio;
        lam[j] = lambda;
        thr[j] = ratio;
        cost += lambda * costK[j];
      }

      O[i] = o;
      E[i] = e;
      M[i] = m;
      Cv[i] = cov;
      Sv[i] = sT;
      Dv[i] = det;
      target[i] = rStar;
      R[i] = r;
      Q[i] = q;
      V[i] = vig;
      A[i] = a;
      costv[i] = cost;
    }

    // Threat level T = clamp(50 + 25·log2(λ/b), 0, 100), and 0 when λ = 0 (MODEL.md section 3).
    // A pass of its own: a logarithm is a call, and in the loop above every live value
    // would be saved and restored around each of the six.
    for (let k = 0; k < ns; k++) {
      for (let j = k * n + lo; j < k * n + hi; j++) {
        let T = 0;
        if (lam[j] > 0) {
          T = 50 + scale * Math.log(thr[j]);
          T = T < 0 ? 0 : T > 100 ? 100 : T;
        }
        thr[j] = T;
      }
    }

    for (let i = lo; i < hi; i++) {
      // 10 (cont.). Composite and perceived composite.
      let composite = 0;
      for (let k = 0; k < ns; k++) composite += weight[k] * thr[k * n + i];
      const perceived = 50 + (F.attributionFloor + (1 - F.attributionFloor) * Cv[i]) * (composite - 50);
      comp[i] = composite;
      perc[i] = perceived;

      // 11. Policy check at the end of the month: the earliest decision wins.
      if (checkPolicy && rev[i] === Infinity) {
        run[i] = perceived >= thetaA[i] ? run[i] + 1 : 0;
        if ((triggerPolicy && run[i] >= kA[i]) || (fixedPolicy && t === fixedA[i]) || reverseNow) {
          rev[i] = t;
          reeng[i] = t + lagA[i];
        }
      }
    }
  }

  /** Copy member i's month-t values into a per-month record. */
  record(i: number, t: number, out: PathBuffers): void {
    const n = this.count;
    const H1 = this.c.horizon + 1;
    out.readiness[t] = this.readiness[i];
    out.access[t] = this.access[i];
    out.monitoring[t] = this.monitoring[i];
    out.coverage[t] = this.coverage[i];
    out.blindSpots[t] = 1 - this.coverage[i];
    out.sharing[t] = this.sharing[i];
    out.deterrence[t] = this.deterrence[i];
    out.adversary[t] = this.adversary[i];
    out.adversaryTarget[t] = this.adversaryTarget[i];
    out.criminal[t] = this.criminal[i];
    out.vigilance[t] = this.vigilance[i];
    out.alliedConfidence[t] = this.alliedConfidence[i];
    out.composite[t] = this.composite[i];
    out.perceived[t] = this.perceived[i];
    out.cost[t] = this.cost[i];
    for (let k = 0; k < NS; k++) {
      out.lambda[k * H1 + t] = this.lambda[k * n + i];
      out.threat[k * H1 + t] = this.threat[k * n + i];
      out.incidents[k * H1 + t] = this.lambda[k * n + i];
    }
  }

  /** Decided reversal and resumption months of member i (null when none within the horizon). */
  outcome(i: number): { reversalMonth: number | null; reengageMonth: number | null } {
    const H = this.c.horizon;
    const r = this.reversalMonth[i];
    const e = this.reengageMonth[i];
    return { reversalMonth: r <= H ? r : null, reengageMonth: e <= H ? e : null };
  }
}

/** Wrap one member's parameter vector as a set of one path. */
export function singleValues(vector: Float64Array): Float64Array[] {
  return Array.from(vector, (x) => new Float64Array([x]));
}

export const EXPECTED_DRAWS: PathDraws = { expected: true, restraintBranch: new Uint8Array([1]), collapseMonth: new Float64Array([Infinity]) };

/** Run one path through the horizon and record every month (the deterministic run, or one member for tests). */
export function runPath(c: CompiledScenario, vector: Float64Array, draws: PathDraws, out: PathBuffers) {
  const set = new PathSet(c, singleValues(vector), draws);
  set.record(0, 0, out);
  for (let t = 1; t <= c.horizon; t++) {
    set.step(t);
    set.record(0, t, out);
  }
  return set.outcome(0);
}
