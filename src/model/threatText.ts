/** Threat indices as text whose number never contradicts its band (used by the app, the report and the charts). */
import { bandOf } from './parameters';

/** `v` rounded half up to `d` decimals (as the explanation's largest-remainder rounding does). */
function roundTo(v: number, d: number): number {
  return Math.round(v * 10 ** d) / 10 ** d;
}

/**
 * The fewest decimals, at least `min`, at which `v` rounds to a number in
 * the same threat band as `v` itself: 59.96 is "59.96", never "60.0", which
 * would be High while the value is Elevated. Past four decimals the value
 * is cut (not rounded) toward its band.
 */
export function threatDecimals(v: number, min = 1): number {
  if (!Number.isFinite(v)) return min;
  const band = bandOf(v);
  for (let d = min; d <= 4; d++) if (bandOf(roundTo(v, d)) === band) return d;
  return 4;
}

/**
 * A threat index as text whose number never contradicts its band: `min`
 * decimals, more when rounding would carry the number across a band edge
 * (59.95 → "59.95", not "60.0").
 */
export function threatNumber(v: number, min = 1): string {
  if (!Number.isFinite(v)) return '—';
  const d = threatDecimals(v, min);
  const rounded = roundTo(v, d);
  if (bandOf(rounded) === bandOf(v)) return rounded.toFixed(d);
  // Within 0.00005 below an edge: cut toward the band instead of rounding over it.
  return (Math.floor(v * 10 ** d) / 10 ** d).toFixed(d);
}
