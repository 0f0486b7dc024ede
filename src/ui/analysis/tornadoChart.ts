/**
 * View model of the tornado chart: one row per parameter, a bar from the
 * expected path's value to the value with the parameter at the low end of its
 * range (upper half of the row), and one to the value at the high end (lower
 * half), so a parameter whose two ends push the same way stays readable
 * (D3 computes, Svelte renders).
 */
import { extent } from 'd3-array';
import { scaleBand, scaleLinear } from 'd3-scale';
import { METRICS } from '../../analysis/metrics';
import type { Tornado } from '../../analysis/sensitivity';
import { rowNames, type RowNamePlace } from '../charts/rowNames';
import type { TableData } from '../charts/table';
import { formatMetric, formatParam } from './format';

/** A digit of the values printed beside the bars (the same 12 px type; digits run wider). */
const DIGIT_WIDTH = 7;
const round1 = (v: number) => Math.round(v * 10) / 10;

/** A row: its name placed beside its bars or above them (see rowNames). */
export interface TornadoRowGeometry extends RowNamePlace {
  id: string;
  label: string;
  y: number;
  /** The bar toward the value at the parameter's low end, and toward its high end; `left`: it ends left of the base. */
  low: TornadoBarGeometry;
  high: TornadoBarGeometry;
}

export interface TornadoBarGeometry {
  x: number;
  y: number;
  width: number;
  /** Where the bar ends (the outcome's value), and whether that is left of the base. */
  end: number;
  left: boolean;
  /** The parameter's value, printed beyond the bar's end. */
  text: string;
}

export interface TornadoGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  innerWidth: number;
  rowHeight: number;
  /** Height of each of a row's two bars. */
  barHeight: number;
  baseX: number;
  ticks: { x: number; label: string }[];
  rows: TornadoRowGeometry[];
}

/** The parameter's name as a row label: "Escalation ceiling (e)". */
export const paramLabel = (p: { label: string; symbol: string }) => `${p.label} (${p.symbol})`;

export function tornadoGeometry(t: Tornado, width: number, maxBars = 12): TornadoGeometry {
  const bars = t.bars.slice(0, maxBars);
  const labels = bars.map((b) => paramLabel(b.param));
  const w = Math.max(320, width);
  const names = rowNames(labels, w, { minWidth: 80 });
  const labelLine = names.line;
  const margin = { top: 26, right: 44, bottom: 8, left: names.margin };
  const innerWidth = w - margin.left - margin.right;
  // Room left of the scale for the values printed beyond bars that end left of the base, so the
  // leftmost one does not run into the names.
  const leftTexts = bars.flatMap((b) => [...(b.valueAtLow < t.base ? [b.low] : []), ...(b.valueAtHigh < t.base ? [b.high] : [])]);
  const valuePad = Math.max(0, ...leftTexts.map((v) => formatParam(v).length * DIGIT_WIDTH + 6));
  const rowHeight = 30 + labelLine;
  const values = [t.base, ...bars.flatMap((b) => [b.valueAtLow, b.valueAtHigh])];
  const [lo, hi] = extent(values) as [number, number];
  const x = scaleLinear()
    .domain(lo === hi ? [lo - 1, hi + 1] : [lo, hi])
    .nice()
    .range([valuePad, innerWidth]);
  // A row's two bars share a band of 30 px, below its name when that is above.
  const band = scaleBand<number>().domain([0]).range([0, 30]).paddingInner(0.3).paddingOuter(0.15);
  const barsTop = (i: number) => i * rowHeight + labelLine + (band(0) ?? 0);
  const baseX = x(t.base);
  const half = band.bandwidth() / 2;
  const bar = (value: number, paramValue: number, y: number): TornadoBarGeometry => {
    const end = x(value);
    return {
      x: round1(Math.min(baseX, end)), y: round1(y), width: round1(Math.abs(end - baseX)), end: round1(end),
      left: end < baseX, text: formatParam(paramValue),
    };
  };
  // Large totals tick as 12k, 1.5M; indices and months with d3's own precision.
  const fmt = t.metric === 'incidents' || t.metric === 'cost' ? x.tickFormat(5, '~s') : x.tickFormat(5);
  return {
    width: w,
    height: margin.top + bars.length * rowHeight + margin.bottom,
    margin,
    innerWidth,
    rowHeight,
    barHeight: round1(half),
    baseX: round1(baseX),
    ticks: x.ticks(5).map((v) => ({ x: round1(x(v)), label: fmt(v) })),
    rows: bars.map((b, i) => ({
      id: b.param.id,
      label: labels[i],
      ...names.place(labels[i], round1(barsTop(i)), round1(barsTop(i) + half)),
      y: round1(barsTop(i)),
      low: bar(b.valueAtLow, b.low, barsTop(i)),
      high: bar(b.valueAtHigh, b.high, barsTop(i) + half),
    })),
  };
}

/** "Cumulative reported incidents: the escalation ceiling (e) moves it most, from 9,100 to 18,300 (expected path 13,400)". */
export function tornadoHeadline(t: Tornado): string {
  const name = METRICS[t.metric].label;
  if (!t.bars.length) return `${name}: no single parameter moves it in this scenario (expected path ${formatMetric(t.metric, t.base)})`;
  const top = t.bars[0];
  const [a, b] = [top.valueAtLow, top.valueAtHigh].sort((p, q) => p - q);
  return (
    `${name}: ${paramLabel(top.param).replace(/^./, (c) => c.toLowerCase())} moves it most, from ${formatMetric(t.metric, a)} to ` +
    `${formatMetric(t.metric, b)} (expected path ${formatMetric(t.metric, t.base)}); ${t.bars.length} parameters move it`
  );
}

/** Every bar (not only the drawn ones) as a table. */
export function tornadoTable(t: Tornado): TableData {
  const m = METRICS[t.metric];
  return {
    caption: `${m.label} with one parameter at the low or high end of its range, all others at their modes (expected path ${formatMetric(t.metric, t.base)})`,
    columns: [
      { label: 'Parameter' },
      { label: 'Low value' },
      { label: `${m.shortLabel} at low`, title: `${m.label} with the parameter at its low value` },
      { label: 'High value' },
      { label: `${m.shortLabel} at high`, title: `${m.label} with the parameter at its high value` },
      { label: 'Swing', title: 'largest minus smallest of: at low, expected path, at high' },
    ],
    rows: t.bars.map((b) => [
      paramLabel(b.param),
      formatParam(b.low),
      formatMetric(t.metric, b.valueAtLow),
      formatParam(b.high),
      formatMetric(t.metric, b.valueAtHigh),
      formatMetric(t.metric, b.swing),
    ]),
  };
}
