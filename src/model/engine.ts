/**
 * The Stand-Down step function (MODEL.md sections 1–3 and 7). One code path
 * serves the deterministic "expected path" and every ensemble member: the
 * member's parameter values and random draws are passed in, and results are
 * written into preallocated typed arrays so the ensemble's hot loop makes no
 * objects.
 */
import {
  FIXED_ASSUMPTIONS as F,
  INTERPRETATIONS,
  PARAMETERS,
  SECTORS,
  SECTOR_IDS,
  defaultRange,
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
const SIGMA = SECTOR_IDS.map((k) => SECTORS[k].stateShare);
const BETA = SECTOR_IDS.map((k) => SECTORS[k].blindSpotSensitivity);
const WEIGHT = SECTOR_IDS.map((k) => SECTORS[k].weight);
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
}

/** Resolve every parameter's range: the scenario's overrides on top of the table's defaults. */
export function resolveRanges(scenario: Pick<Scenario, 'interpretation' | 'parameters'>): Range[] {
  return PARAMETERS.map((def) => scenario.parameters[def.id] ?? defaultRange(def, scenario.interpretation));
}

function integerParam(i: number): boolean {
  return PARAMETERS[i].domain.integer === true;
}

/** Round integer parameters half up, minimum 1, in place. */
export function roundIntegers(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) if (integerParam(i)) values[i] = Math.max(1, Math.floor(values[i] + 0.5));
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
  return {
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

/** Per-month output of one path; sector arrays are indexed k·(H+1)+t. */
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

/** The random parts of one path. `expected` replaces them by expectations (deterministic run). */
export interface PathDraws {
  expected: boolean;
  /** Member branch under `mixed`: true = restraint. */
  restraintBranch: boolean;
  /** Month G in which restraint collapses (restraint holds in month t if G > t). */
  collapseMonth: number;
  /** One uniform per sector and month (k·H + t − 1) for Poisson counts, or null for λ. */
  poissonUniforms: Float64Array | null;
  /** Poisson inversion, passed in so the engine stays free of sampling code paths it does not need. */
  poisson?: (lambda: number, u: number) => number;
}

export const EXPECTED_PATH: PathDraws = { expected: true, restraintBranch: true, collapseMonth: Infinity, poissonUniforms: null };

export interface PathResult {
  reversalMonth: number | null;
  reengageMonth: number | null;
}

/** Threat level of a sector from its rate relative to baseline (MODEL.md section 3). */
export function threatLevel(lambda: number, base: number): number {
  if (lambda <= 0) return 0;
  const t = 50 + LOG2_SCALE * Math.log(lambda / base);
  return t < 0 ? 0 : t > 100 ? 100 : t;
}

/**
 * Run one path of the model for t = 1 … H (MODEL.md section 2, in its order).
 * `v` holds the path's parameter values in PARAMETERS order.
 */
export function runPath(c: CompiledScenario, v: Float64Array, draws: PathDraws, out: PathBuffers): PathResult {
  const H = c.horizon;
  const n = H + 1;
  const alpha = v[I.responseSpeed];
  const e = v[I.escalationCeiling];
  const d = v[I.restraintDepth];
  const h = v[I.restraintFragility];
  const p = v[I.reciprocationChance];
  const kappa = v[I.criminalCoupling];
  const decayO = v[I.readinessDecay];
  const recoverO = v[I.readinessRecovery];
  const recoverE = v[I.accessRecovery];
  const lag = v[I.reengageLag];
  const vig = v[I.privateResponse];
  const tauV = v[I.vigilanceRamp];
  const gamma = v[I.confidenceSpeed];
  const theta = v[I.triggerThreshold];
  const kMonths = v[I.triggerMonths];
  const fixedMonths = v[I.fixedMonths];
  const pause = c.pause;
  const m = pause ? v[I.monitoringRetained] : 1;
  const s = pause ? v[I.sharingRetained] : 1;
  const decayE = pause ? v[I.accessDecay] : 0;
  const r = c.rhetoric;
  const { response } = c;

  // Month 0: the pre-pause state.
  out.readiness[0] = 1;
  out.access[0] = 1;
  out.monitoring[0] = 1;
  out.coverage[0] = 1;
  out.blindSpots[0] = 0;
  out.sharing[0] = 1;
  out.deterrence[0] = 1;
  out.adversary[0] = 1;
  out.adversaryTarget[0] = 1;
  out.criminal[0] = 1;
  out.vigilance[0] = 0;
  out.alliedConfidence[0] = F.preConfidence;
  out.composite[0] = 50;
  out.perceived[0] = 50;
  let cost0 = 0;
  for (let k = 0; k < NS; k++) {
    const b = v[SECTOR_BASE[k]];
    out.lambda[k * n] = b;
    out.threat[k * n] = 50;
    out.incidents[k * n] = b;
    cost0 += b * v[SECTOR_COST[k]];
  }
  out.cost[0] = cost0;

  let reversalMonth = Infinity;
  let reengage = Infinity;
  // Survival of restraint carried into mutual normality once operations resume (deterministic: S_{t_re−1}).
  let frozenSurvival = -1;
  let aboveThetaRun = 0;

  for (let t = 1; t <= H; t++) {
    const stopped = pause && t < reengage;
    const reversed = reversalMonth < t;

    // 1–2. Offensive readiness and exploitation access.
    const O = stopped ? out.readiness[t - 1] * (1 - decayO) : out.readiness[t - 1] + recoverO * (1 - out.readiness[t - 1]);
    let E = stopped ? out.access[t - 1] * (1 - decayE) : out.access[t - 1] + recoverE * (1 - out.access[t - 1]);
    E *= c.accessKept[t];
    // 3–6. Monitoring, coverage, sharing, deterrence.
    const mTarget = !pause || reversed ? 1 : m;
    const M = out.monitoring[t - 1] + F.monitoringSpeed * (mTarget - out.monitoring[t - 1]);
    const C = F.coverageAccessWeight * E + F.coverageMonitoringWeight * M;
    const B = 1 - C;
    const sT = !pause || reversed ? 1 : s;
    const D = F.deterrenceReadinessWeight * O + F.deterrenceCoverageWeight * C;
    const P = 1 - D;

    // 7. Adversary target R*, adversary activity R, criminal ecosystem Q.
    let target = 1;
    if (pause && response !== 'skeptic') {
      const freeHits = 1 + e * P;
      let restraint = freeHits;
      if (response === 'restraint' || response === 'mixed') {
        if (stopped) {
          const collapsedByInject = t >= c.collapseInjectMonth;
          if (draws.expected) {
            const S = collapsedByInject ? 0 : Math.pow(1 - h, t);
            restraint = S * (1 - d) + (1 - S) * freeHits;
            frozenSurvival = S;
          } else {
            const holds = !collapsedByInject && draws.collapseMonth > t;
            restraint = holds ? 1 - d : freeHits;
            frozenSurvival = holds ? 1 : 0;
          }
        } else {
          // From t_re on: restraint that held through t_re − 1 becomes mutual normality.
          restraint = frozenSurvival + (1 - frozenSurvival) * freeHits;
        }
      }
      if (response === 'free-hits') target = freeHits;
      else if (response === 'restraint') target = restraint;
      else if (draws.expected) target = p * restraint + (1 - p) * freeHits;
      else target = draws.restraintBranch ? restraint : freeHits;
    }
    let R = out.adversary[t - 1] + alpha * (target - out.adversary[t - 1]) + c.adversaryShift[t];
    if (R < 0) R = 0; // activity cannot be negative, whatever an inject subtracts
    const Q = out.criminal[t - 1] + alpha * (1 + kappa * (target - 1) - out.criminal[t - 1]);

    // 8–9. Private-sector vigilance and allied confidence.
    const vTarget = pause ? vig * (0.5 + 0.5 * sT) : 0;
    const V = out.vigilance[t - 1] + (vTarget - out.vigilance[t - 1]) / tauV;
    const softening = pause && !(reversalMonth < t) ? F.rhetoricPenalty * r : 0;
    const A = out.alliedConfidence[t - 1] + gamma * (F.preConfidence * (0.6 + 0.4 * sT) - softening - out.alliedConfidence[t - 1]);

    // 10. Sector rates, threat levels, composite, perceived composite, cost.
    let composite = 0;
    let cost = 0;
    const blindGap = B * (1 - sT);
    for (let k = 0; k < NS; k++) {
      const b = v[SECTOR_BASE[k]];
      const pi = v[SECTOR_PI[k]];
      const activity = SIGMA[k] * R + (1 - SIGMA[k]) * Q;
      const idx = k * n + t;
      const lambda = b * ((1 - pi) + pi * activity * (1 + BETA[k] * blindGap) * (1 - V)) * c.sectorFactor[idx];
      const T = threatLevel(lambda, b);
      out.lambda[idx] = lambda;
      out.threat[idx] = T;
      composite += WEIGHT[k] * T;
      cost += lambda * v[SECTOR_COST[k]];
      out.incidents[idx] = draws.poissonUniforms && draws.poisson
        ? draws.poisson(lambda, draws.poissonUniforms[k * H + t - 1])
        : lambda;
    }
    const perceived = 50 + (F.attributionFloor + (1 - F.attributionFloor) * C) * (composite - 50);

    out.readiness[t] = O;
    out.access[t] = E;
    out.monitoring[t] = M;
    out.coverage[t] = C;
    out.blindSpots[t] = B;
    out.sharing[t] = sT;
    out.deterrence[t] = D;
    out.adversaryTarget[t] = target;
    out.adversary[t] = R;
    out.criminal[t] = Q;
    out.vigilance[t] = V;
    out.alliedConfidence[t] = A;
    out.composite[t] = composite;
    out.perceived[t] = perceived;
    out.cost[t] = cost;

    // 11. Policy check at the end of the month: the earliest decision wins.
    if (pause && reversalMonth === Infinity) {
      aboveThetaRun = perceived >= theta ? aboveThetaRun + 1 : 0;
      const byTrigger = c.policy === 'trigger' && aboveThetaRun >= kMonths;
      const byFixed = c.policy === 'fixed' && t === fixedMonths;
      if (byTrigger || byFixed || t === c.reverseInjectMonth) {
        reversalMonth = t;
        reengage = t + lag;
      }
    }
  }
  return {
    reversalMonth: reversalMonth <= H ? reversalMonth : null,
    reengageMonth: reengage <= H ? reengage : null,
  };
}
