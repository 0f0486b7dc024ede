/** Number formatting for charts, tables and readouts (d3-format, with a dash for missing values). */
import { format } from 'd3-format';

/** Approximate width of a character of the charts' 11–12 px sans-serif text, for laying out labels. */
export const CHAR_WIDTH = 6.3;

const cache = new Map<string, (n: number) => string>();

/** A d3-format specifier turned into a formatter that prints "—" for NaN, ±Infinity and undefined. */
export function formatter(spec: string): (n: number | null | undefined) => string {
  let f = cache.get(spec);
  if (!f) {
    f = format(spec);
    cache.set(spec, f);
  }
  const g = f;
  return (n) => (n == null || !Number.isFinite(n) ? '—' : g(n));
}

/**
 * A whole number with thousands separators, "10,000" (as toLocaleString('en-US')
 * prints it, without starting the browser's locale machinery, which costs
 * tens of milliseconds on the first call during start-up).
 */
export function grouped(n: number): string {
  return formatter(',')(n);
}

/** US$ from millions: "$850 million", "$19.6 billion". */
export function formatMillionsUsd(millions: number, signed = false): string {
  if (!Number.isFinite(millions)) return '—';
  const sign = millions < 0 ? '−' : signed ? '+' : '';
  const m = Math.abs(millions);
  if (m >= 1000) return `${sign}$${formatter(',.3~r')(m / 1000)} billion`;
  return `${sign}$${formatter(',.3~r')(m)} million`;
}
