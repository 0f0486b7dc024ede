/** Number formatting of the analysis view. */
import { METRICS, type MetricId } from '../../analysis/metrics';
import { formatter } from '../charts/format';

/** A metric's value in its d3 format ("12,345", "61.2"). */
export function formatMetric(metric: MetricId, x: number): string {
  return formatter(METRICS[metric].format)(x);
}

/** A parameter value: up to three significant digits, no trailing zeros ("0.4", "3", "1,200"). */
export const formatParam = formatter(',.3~g');

/** A probability as a percentage ("72%", "<1%"). */
export function formatPercent(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p > 0 && p < 0.005) return '<1%';
  if (p < 1 && p > 0.995) return '>99%';
  return formatter('.0%')(p);
}

/** Bits of information ("0.16 bits"). */
export const formatBits = (b: number) => `${formatter('.2f')(b)} bits`;

/** A whole number with thousands separators. */
export const formatCount = formatter(',.0f');
