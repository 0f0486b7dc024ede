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

/** "68 = 50 + 12 adversary activity + 9 blind spots − 3 private vigilance" (parts under 0.05 left out). */
export function explanationSentence(e: Explanation): string {
  const round = (x: number) => Math.round(x * 10) / 10;
  const terms = e.parts
    .filter((p) => Math.abs(p.value) >= 0.05)
    .map((p) => `${p.value < 0 ? '−' : '+'} ${Math.abs(round(p.value))} ${p.label}`);
  return `${round(e.value)} = 50 ${terms.join(' ')}`.trim();
}
