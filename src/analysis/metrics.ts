/**
 * The outcome measures the analyst tools rank, compare and explain. Each is
 * a number per path summed or counted over months 1 … H (month 0 is the
 * pre-pause state and never counts), exactly as the ensemble's scalar
 * summaries define them (MODEL.md section 5). Lower is better for all four.
 */

import { HIGH_FROM } from '../model/parameters';

export const METRIC_IDS = ['incidents', 'peak', 'high', 'cost'] as const;
export type MetricId = (typeof METRIC_IDS)[number];

export interface MetricDef {
  id: MetricId;
  /** Full label, e.g. for a select. */
  label: string;
  /** Short label for table headers and accessible names. */
  shortLabel: string;
  /** Unit in words. */
  unit: string;
  /** d3-format specifier for values. */
  format: string;
}

export const METRICS: Record<MetricId, MetricDef> = {
  incidents: {
    id: 'incidents', label: 'Cumulative reported incidents (all sectors)', shortLabel: 'incidents',
    unit: 'incidents', format: ',.0f',
  },
  peak: { id: 'peak', label: 'Peak composite threat', shortLabel: 'peak threat', unit: 'threat index (0–100)', format: '.1f' },
  high: {
    id: 'high', label: 'Months at High or worse (composite ≥ 60)', shortLabel: 'months at High+',
    unit: 'months', format: '.1f',
  },
  cost: { id: 'cost', label: 'Cumulative cost (US$ million, rough upper bound)', shortLabel: 'cost', unit: 'US$ million', format: ',.0f' },
};

/** Composite threat at or above which a month counts as "High or worse". */
export const HIGH_THRESHOLD = HIGH_FROM;

/** One value per metric. */
export type MetricValues = Record<MetricId, number>;

export function isMetricId(x: unknown): x is MetricId {
  return typeof x === 'string' && (METRIC_IDS as readonly string[]).includes(x);
}
