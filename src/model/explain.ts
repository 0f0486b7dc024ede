/**
 * "Why is this number what it is" (MODEL.md section 6). A sector's threat
 * index is 50 + 25·log2(λ/b), and λ/b is the product of the bracket
 * (1 − π) + π·a·g·v and the inject factor X. The log of the bracket is split
 * between adversary activity a, blind spots g and private vigilance v by the
 * Shapley rule (the average of each factor's marginal contribution over the
 * orders in which the three can be switched on); the inject factor is its own
 * part, and so is a binding 0–100 clamp. The parts add up exactly.
 */
import { SECTORS, SECTOR_IDS, sectorParamId, type SectorId } from './parameters';
import { PARAM_INDEX } from './engine';
import { simulateBuffers } from './simulate';
import type { Scenario } from './types';

export type PartId = 'activity' | 'blindSpots' | 'vigilance' | 'injects' | 'clamp';

export interface ExplanationPart {
  id: PartId;
  label: string;
  /** Points of threat index this factor adds (negative: removes). */
  value: number;
}

export interface Explanation {
  month: number;
  target: SectorId | 'composite';
  /** The threat index being explained. */
  value: number;
  /** The pre-pause level every part is measured from. */
  base: 50;
  parts: ExplanationPart[];
}

export const PART_LABELS: Record<PartId, string> = {
  activity: 'adversary activity',
  blindSpots: 'blind spots',
  vigilance: 'private vigilance',
  injects: 'exercise injects',
  clamp: 'held at the 0–100 limits',
};

const SCALE = 25 / Math.LN2;

/** Shapley split of ln((1 − π) + π·a·g·v) among a, g and v, each measured against 1. */
export function shapleyLogBracket(pi: number, a: number, g: number, v: number): [number, number, number] {
  const f = (x: number, y: number, z: number) => Math.log(1 - pi + pi * x * y * z);
  const f000 = 0; // f(1, 1, 1) = ln 1
  const fa = f(a, 1, 1);
  const fg = f(1, g, 1);
  const fv = f(1, 1, v);
  const fag = f(a, g, 1);
  const fav = f(a, 1, v);
  const fgv = f(1, g, v);
  const fagv = f(a, g, v);
  // Weights for three players: 1/3 alone, 1/6 with each one other, 1/3 with both.
  const phiA = (fa - f000) / 3 + (fag - fg) / 6 + (fav - fv) / 6 + (fagv - fgv) / 3;
  const phiG = (fg - f000) / 3 + (fag - fa) / 6 + (fgv - fv) / 6 + (fagv - fav) / 3;
  const phiV = (fv - f000) / 3 + (fav - fa) / 6 + (fgv - fg) / 6 + (fagv - fag) / 3;
  return [phiA, phiG, phiV];
}

function sectorParts(lambdaRatio: number, threat: number, pi: number, a: number, g: number, v: number, x: number): Record<PartId, number> {
  if (!(lambdaRatio > 0)) {
    // No incidents at all: the index is 0 by definition. An inject that multiplied the sector by
    // zero did that, so the fall is the injects'; otherwise (the bracket itself is 0) the floor's.
    if (!(x > 0) && 1 - pi + pi * a * g * v > 0) return { activity: 0, blindSpots: 0, vigilance: 0, injects: threat - 50, clamp: 0 };
    return { activity: 0, blindSpots: 0, vigilance: 0, injects: 0, clamp: threat - 50 };
  }
  const bracketZero = !(1 - pi + pi * a * g * v > 0);
  if (bracketZero) return { activity: 0, blindSpots: 0, vigilance: 0, injects: 0, clamp: threat - 50 };
  const [pa, pg, pv] = shapleyLogBracket(pi, a, g, v);
  const activity = SCALE * pa;
  const blindSpots = SCALE * pg;
  const vigilance = SCALE * pv;
  const injects = SCALE * Math.log(x);
  const unclamped = 50 + activity + blindSpots + vigilance + injects;
  return { activity, blindSpots, vigilance, injects, clamp: threat - unclamped };
}

/**
 * Explain the expected path's threat index for a sector (or the composite)
 * at a month: the index, 50, and the parts that take it from 50 to its value.
 */
export function explain(scenario: Scenario, month: number, target: SectorId | 'composite'): Explanation {
  const { buffers: b, values } = simulateBuffers(scenario);
  const H = scenario.horizonMonths;
  if (!Number.isInteger(month) || month < 0 || month > H) throw new RangeError(`month: ${month} is not a month from 0 to ${H}`);
  if (target !== 'composite' && !SECTOR_IDS.includes(target)) throw new RangeError(`sector: unknown "${String(target)}"`);
  const n = H + 1;
  const totals: Record<PartId, number> = { activity: 0, blindSpots: 0, vigilance: 0, injects: 0, clamp: 0 };
  let value = 0;
  SECTOR_IDS.forEach((k, i) => {
    if (target !== 'composite' && target !== k) return;
    const weight = target === 'composite' ? SECTORS[k].weight : 1;
    const idx = i * n + month;
    const base = values[PARAM_INDEX[sectorParamId(k, 'baselineIncidents')]];
    const pi = values[PARAM_INDEX[sectorParamId(k, 'russiaShare')]];
    const sigma = SECTORS[k].stateShare;
    const a = sigma * b.adversary[month] + (1 - sigma) * b.criminal[month];
    const g = 1 + SECTORS[k].blindSpotSensitivity * b.blindSpots[month] * (1 - b.sharing[month]);
    const v = 1 - b.vigilance[month];
    const lambda = b.lambda[idx];
    const bracket = 1 - pi + pi * a * g * v;
    const x = bracket > 0 ? lambda / base / bracket : 1;
    const parts = sectorParts(lambda / base, b.threat[idx], pi, a, g, v, x);
    for (const id of Object.keys(totals) as PartId[]) totals[id] += weight * parts[id];
    value += weight * b.threat[idx];
  });
  const parts = (Object.keys(totals) as PartId[]).map((id) => ({ id, label: PART_LABELS[id], value: totals[id] }));
  return { month, target, value, base: 50, parts };
}

/**
 * Integers (values × 10^decimals, rounded) that add up exactly to
 * `total` × 10^decimals rounded, by the largest-remainder rule: each value is
 * rounded to the nearest unit, and the units the sum is off by are taken
 * from (or given to) the values that rounding moved furthest the other way
 * (ties: the larger magnitude, then the earlier value). No value moves more
 * than one unit from its exact amount, nor changes sign. Display only.
 */
export function largestRemainder(values: number[], total: number, decimals: number): number[] {
  const scale = 10 ** decimals;
  // Snap float noise (12.000000000001, 11.99999999999) to the integer it stands for.
  const snap = (x: number) => (Math.abs(x - Math.round(x)) < 1e-7 ? Math.round(x) : x);
  const scaled = values.map((v) => snap(v * scale));
  const out = scaled.map((x) => Math.round(x));
  let off = Math.round(snap(total * scale)) - out.reduce((a, b) => a + b, 0);
  if (off === 0) return out;
  const step = off > 0 ? 1 : -1;
  // Rounded down the most first when units are missing; rounded up the most first when there are too many.
  const order = scaled
    .map((x, i) => ({ i, err: (x - out[i]) * step, mag: Math.abs(x) }))
    .sort((a, b) => b.err - a.err || b.mag - a.mag || a.i - b.i);
  for (let k = 0; off !== 0 && order.length; k = (k + 1) % order.length, off -= step) out[order[k].i] += step;
  return out;
}

/** A part as shown: its value rounded so that the shown parts add up to the shown total. */
export interface RoundedPart extends ExplanationPart {
  /** The value as shown, to `decimals` places; 0 when the part is left out. */
  shown: number;
}

export interface RoundedExplanation {
  decimals: number;
  /** The value as shown: `base` plus every shown part, exactly (in units of 10^−decimals). */
  total: number;
  base: number;
  /** The parts that show as non-zero, in order. */
  parts: RoundedPart[];
}

/**
 * The explanation rounded for display to `decimals` places by the
 * largest-remainder rule, so that 50 and the shown parts add up exactly to
 * the shown value ("50.1 = 50 − 1.1 + 1.6 − 0.4", never a sum of 50.2).
 * Parts that round to zero are left out. The exact values stay in `value`.
 */
export function roundExplanation(e: Explanation, decimals = 1): RoundedExplanation {
  const scale = 10 ** decimals;
  // The value rounded as the page rounds it (half up), less the start.
  const target = (Math.round(e.value * scale) - Math.round(e.base * scale)) / scale;
  const units = largestRemainder(e.parts.map((p) => p.value), target, decimals);
  const parts = e.parts.map((p, i) => ({ ...p, shown: units[i] / scale })).filter((p) => p.shown !== 0);
  const total = (Math.round(e.base * scale) + units.reduce((a, b) => a + b, 0)) / scale;
  return { decimals, total, base: e.base, parts };
}

/** A number to `decimals` places with trailing zeros dropped: 68, 12.5, 0.25. */
function trimmed(x: number, decimals: number): string {
  return String(Number(x.toFixed(decimals)));
}

/**
 * "68 = 50 + 12 adversary activity + 9 blind spots − 3 private vigilance":
 * parts rounded to `decimals` places so that they add up to the value shown
 * (parts that round to zero left out).
 */
export function explanationSentence(e: Explanation, decimals = 1): string {
  const r = roundExplanation(e, decimals);
  const terms = r.parts.map((p) => `${p.shown < 0 ? '−' : '+'} ${trimmed(Math.abs(p.shown), decimals)} ${p.label}`);
  return `${trimmed(r.total, decimals)} = ${trimmed(r.base, decimals)} ${terms.join(' ')}`.trim();
}
