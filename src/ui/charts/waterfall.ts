/** View model of the explanation waterfall: from the pre-pause 50 through each part to the value. */
import { max, min } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { SECTORS } from '../../model/parameters';
import { roundExplanation, type Explanation } from '../../model/explain';
import { formatter, threatDecimals, unsignZero } from './format';

export type StepKind = 'start' | 'up' | 'down' | 'end';

export interface WaterfallStep {
  kind: StepKind;
  label: string;
  /** The step's size or total, as text ("+12.3", "50"). */
  valueText: string;
  from: number;
  to: number;
}

/**
 * Decimals of an explanation's numbers: one, or more when one decimal would
 * carry the value across a band edge (59.96 shows as 59.96, not 60). The
 * chart, its sentence and the Explain page's headline all use this.
 */
export function explanationDecimals(e: Explanation): number {
  return threatDecimals(e.value, 1);
}

/** What is being explained, in a few words: "composite", "Health care". */
export function targetLabel(e: Explanation): string {
  return e.target === 'composite' ? 'composite' : SECTORS[e.target].shortLabel;
}

/**
 * The start (50), one step per part that does not round to zero, and the
 * value. The texts are rounded by the largest-remainder rule (the same as
 * explanationSentence), so the shown steps add up exactly to the shown
 * value; the bars are drawn at the exact values.
 */
export function waterfallSteps(e: Explanation, decimals = explanationDecimals(e)): WaterfallStep[] {
  // Same rounding and cut-off as explanationSentence, so the chart and the sentence agree.
  const total = formatter(`.${decimals}~f`);
  const delta = formatter(`+.${decimals}~f`);
  const r = roundExplanation(e, decimals);
  const shown = new Map(r.parts.map((p) => [p.id, p.shown]));
  const steps: WaterfallStep[] = [{ kind: 'start', label: 'pre-pause level', valueText: total(r.base), from: e.base, to: e.base }];
  let at: number = e.base;
  for (const p of e.parts) {
    const text = shown.get(p.id);
    if (text != null) {
      steps.push({ kind: text >= 0 ? 'up' : 'down', label: p.label, valueText: delta(text), from: at, to: at + p.value });
    }
    // A part too small to show still moves the next bar's start, so the last bar ends at the value.
    at += p.value;
  }
  steps.push({ kind: 'end', label: `${targetLabel(e)}, month ${e.month}`, valueText: total(r.total), from: e.value, to: e.value });
  return steps;
}

export interface WaterfallBar extends WaterfallStep {
  y: number;
  x: number;
  width: number;
  /** x of the step's end, where the connector to the next row starts. */
  endX: number;
  /** Where the value text starts: just right of the bar. */
  valueX: number;
}

export interface WaterfallGeometry {
  width: number;
  height: number;
  labelWidth: number;
  rowHeight: number;
  barHeight: number;
  top: number;
  plotWidth: number;
  ticks: { value: number; x: number; label: string }[];
  bars: WaterfallBar[];
}

const ROW = 26;
const BAR = 14;
const TOP = 22;

/** Rows of bars on a threat-index axis for an SVG `width` px wide. */
export function waterfallGeometry(steps: WaterfallStep[], width: number): WaterfallGeometry {
  const w = Math.max(240, width);
  const labelWidth = Math.round(Math.min(200, Math.max(150, w * 0.42)));
  const plotWidth = w - labelWidth - 14;
  // Room right of the bars for their value text ("+12.3").
  const valueRoom = 44;
  const values = steps.flatMap((s) => [s.from, s.to]);
  const lo = min(values) ?? 50;
  const hi = max(values) ?? 50;
  const pad = Math.max(2, (hi - lo) * 0.1);
  const x = scaleLinear().domain([lo - pad, hi + pad]).nice().range([0, plotWidth - valueRoom]);
  const count = Math.max(2, Math.floor((plotWidth - valueRoom) / 60));
  const tickFormat = x.tickFormat(count);
  const fmt = (v: number) => unsignZero(tickFormat(v));
  const r = (v: number) => Math.round(v * 10) / 10;
  return {
    width: w,
    height: TOP + steps.length * ROW + 4,
    labelWidth,
    rowHeight: ROW,
    barHeight: BAR,
    top: TOP,
    plotWidth,
    ticks: x.ticks(count).map((v) => ({ value: v, x: r(x(v)), label: fmt(v) })),
    bars: steps.map((s, i) => {
      const a = x(Math.min(s.from, s.to));
      const b = x(Math.max(s.from, s.to));
      const width = Math.max(1.5, b - a);
      return { ...s, y: i * ROW + (ROW - BAR) / 2, x: r(a), width: r(width), endX: r(x(s.to)), valueX: r(a + width + 6) };
    }),
  };
}
