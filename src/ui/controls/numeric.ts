/** Slider scales and typed-number parsing for the numeric controls (testable without a DOM). */
import type { ParamDef, Range } from '../../model/parameters';

export interface SliderScale {
  min: number;
  max: number;
  step: number;
}

/** A "nice" number ≥ x: 1, 2, 2.5 or 5 times a power of ten. */
export function niceCeil(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12) return m * p;
  return 10 * p;
}

/**
 * The slider's span for a parameter: the whole domain when it is small
 * (shares, months, the 0–100 threshold), otherwise 0 to a nice number above
 * twice the default high. The typed field accepts the whole domain; a typed
 * value beyond the slider's end stretches it.
 */
export function sliderScale(def: ParamDef, fallback: Range, current: Range): SliderScale {
  const d = def.domain;
  let max = Number.isFinite(d.max) && d.max <= 100 ? d.max : niceCeil(2 * fallback.high);
  if (d.maxOpen && max === d.max) max = d.max; // handled by step below
  const span = max - d.min;
  let step = d.integer ? 1 : 10 ** Math.floor(Math.log10(span / 100));
  if (!d.integer && span / step > 400) step *= 5;
  let min = d.min;
  if (d.minOpen) min = d.min + step;
  if (d.maxOpen) max = max - step;
  if (current.mode > max) max = current.mode;
  if (current.mode < min) min = current.mode;
  return { min, max, step: roundFloat(step) };
}

function roundFloat(x: number): number {
  return Number(x.toPrecision(12));
}

/** Read a typed number: NaN for anything that is not plainly a number (empty, words, "1.2.3"). */
export function parseTyped(text: string): number {
  const t = text.trim().replace(/\u2212/g, '-');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t)) return NaN;
  return Number(t);
}

/**
 * What to do about typed text that is not a number, when a comma is the
 * reason (null otherwise): a decimal comma ("0,5") or a thousands separator
 * ("1,000") is named. The number fields of an English page dropped a comma
 * without a word and read "0,5" as 5.
 */
export function commaHint(text: string): string | null {
  if (/^\s*[-+\u2212]?\d{1,3}(,\d{3})+\s*$/.test(text)) return 'write it without thousands separators (1000, not 1,000)';
  return /^\s*[-+\u2212]?\d*,\d+\s*$/.test(text) ? 'write decimals with a point (0.5), not a comma' : null;
}

/** Show a value in a field: up to 6 significant digits, no float noise. */
export function formatField(x: number): string {
  if (!Number.isFinite(x)) return '';
  return String(Number(x.toPrecision(6)));
}

/** A parameter's source as shown beside its control: the table's bare "Integer" notes are dropped. */
export function sourceText(source: string): string {
  return source.replace(/^Integer(;\s*)?/, '').trim();
}
