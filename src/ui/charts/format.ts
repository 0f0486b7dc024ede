/** Number formatting for charts, tables and readouts (d3-format, with a dash for missing values). */
import { format } from 'd3-format';

/** Approximate width of a character of the charts' 11–12 px sans-serif text, for laying out labels. */
export const CHAR_WIDTH = 6.3;

/**
 * Drop the sign of a number that shows as zero: "+0.0", "−0.0", "+0" and
 * "+0%" read as "0.0", "0.0", "0" and "0%" (a value that rounds to nothing
 * has no direction).
 */
export function unsignZero(text: string): string {
  return /^[+−-]/.test(text) && !/[1-9]/.test(text) ? text.slice(1) : text;
}

const cache = new Map<string, (n: number) => string>();

/** A d3-format specifier turned into a formatter that prints "—" for NaN, ±Infinity and undefined. */
export function formatter(spec: string): (n: number | null | undefined) => string {
  let f = cache.get(spec);
  if (!f) {
    const d3f = format(spec);
    f = (n: number) => unsignZero(d3f(n));
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

/**
 * A signed number to one decimal: "+1.2", "−0.4", and "0.0" (no sign) for
 * anything that rounds to zero. The one formatter for signed one-decimal values.
 */
export function signed1(n: number | null | undefined): string {
  return formatter('+.1f')(n);
}

import { threatDecimals, threatNumber } from '../../model/threatText';

export { threatDecimals, threatNumber };

/** `threatNumber` with `min` decimals, as a formatter for charts of threat indices. */
export const threatFormat = (min: number) => (v: number) => threatNumber(v, min);
