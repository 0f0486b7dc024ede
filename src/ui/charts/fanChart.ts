/**
 * View model of the fan chart: scales, ticks, SVG path strings, labels,
 * headline, readout and data table, all from plain numbers. The component
 * only renders what this returns (D3 computes, Svelte renders).
 */
import { max, min, range } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import { area, curveLinear, curveStepAfter, line } from 'd3-shape';
import { BANDS } from '../../model/parameters';
import type { Band } from '../../model/types';
import { formatter, unsignZero } from './format';
import { estimateTextWidth } from './textWidth';
import type { TableColumn, TableData } from './table';

/** A labelled comparison line (e.g. a pinned scenario's median). */
export interface Overlay {
  label: string;
  /** One value per month, index = month. */
  values: number[];
  /** Which of OVERLAY_STYLES to draw it in (default: its place in the list), so a line keeps its colour when one before it is missing. */
  style?: number;
}

/** A vertical marker at a month, e.g. "reversal decided (64% of runs by month 24)". */
export interface Marker {
  month: number;
  label: string;
}

/** A horizontal reference line, e.g. zero or the pre-pause level. */
export interface Rule {
  value: number;
  label?: string;
}

export type Curve = 'linear' | 'step';

/** Everything a fan chart can draw, as data. */
export interface FanSeries {
  /** Ensemble percentiles; null while the ensemble is still computing. */
  band: Band | null;
  /** The deterministic expected path. */
  expected: number[] | null;
  /** What the US can see on the expected path (the perceived composite a trigger acts on), or absent. */
  perceived?: number[] | null;
  /** The no-pause baseline's band. */
  baseline: Band | null;
  /** Up to four comparison lines. */
  overlays: Overlay[];
  /** Last month, when no series says it yet (e.g. nothing computed). */
  horizon?: number;
}

/** Names used in the legend, the readout and the table. */
export interface FanLabels {
  median: string;
  expected: string;
  perceived: string;
  baseline: string;
}

export const DEFAULT_LABELS: FanLabels = {
  median: 'median',
  expected: 'expected path',
  perceived: 'what the US can see (expected path)',
  baseline: 'no pause',
};

/** Okabe–Ito colours, each with its own dash pattern (readable without colour, and unlike the no-pause line's dots). */
export const OVERLAY_STYLES = [
  { color: 'var(--chart-overlay-1)', dash: '10 3 2 3' },
  { color: 'var(--chart-overlay-2)', dash: '14 3 2 3 2 3' },
  { color: 'var(--chart-overlay-3)', dash: '12 4' },
  { color: 'var(--chart-overlay-4)', dash: '2 2 2 2 8 2' },
] as const;

export const MAX_OVERLAYS = OVERLAY_STYLES.length;

/** Height of a row of marker labels above the plot, px. */
export const MARKER_ROW = 14;
/** From the plot's top to the lowest marker row's baseline. */
export const MARKER_GAP = 9;

/** Pixel positions to one decimal: shorter markup, no float noise in snapshots. */
const round1 = (v: number) => Math.round(v * 10) / 10;

/** The last month shown: the longest series' length minus one. */
export function horizonOf(s: FanSeries): number {
  if (s.horizon != null) return s.horizon;
  const lengths = [s.band?.p50.length, s.expected?.length, s.baseline?.p50.length, ...s.overlays.map((o) => o.values.length)];
  return Math.max(0, (max(lengths.filter((n): n is number => n != null)) ?? 1) - 1);
}

/** Closest two month labels may be, in px (a two- or three-digit label and a gap). */
const MIN_TICK_GAP = 32;

/**
 * Month ticks for a plot `innerWidth` px wide: the smallest step among 1, 2,
 * 3, 6, 12, 24 … months that leaves at least ~48 px between labels. The
 * last month is always labelled; a step tick too close to it is dropped.
 */
export function monthTicks(horizon: number, innerWidth: number): number[] {
  const maxTicks = Math.max(2, Math.floor(innerWidth / 48));
  const steps = [1, 2, 3, 6, 12, 24, 36, 60, 120, 240];
  const step = steps.find((s) => Math.floor(horizon / s) + 1 <= maxTicks) ?? steps[steps.length - 1];
  const ticks = range(0, horizon + 1, step);
  const last = ticks[ticks.length - 1];
  if (horizon > 0 && last !== horizon) {
    const gap = ((horizon - last) / horizon) * innerWidth;
    if (last > 0 && (gap < MIN_TICK_GAP || ticks.length + 1 > maxTicks)) ticks.pop();
    ticks.push(horizon);
  }
  return ticks;
}

/** Roughly one value tick per 45 px of plot height, at least two. */
export function valueTickCount(innerHeight: number): number {
  return Math.max(2, Math.round(innerHeight / 45));
}

/** All finite values the chart draws. */
function allValues(s: FanSeries): number[] {
  const out: number[] = [];
  const push = (a: number[] | null | undefined) => {
    if (a) for (const v of a) if (Number.isFinite(v)) out.push(v);
  };
  for (const b of [s.band, s.baseline]) {
    push(b?.p5);
    push(b?.p95);
    push(b?.p50);
  }
  push(s.expected);
  push(s.perceived);
  for (const o of s.overlays) push(o.values);
  return out;
}

/** A nice value domain covering the data and the given values (e.g. 0 or a reference line). */
export function dataDomain(s: FanSeries, include: number[] = []): [number, number] {
  const values = [...allValues(s), ...include];
  let lo = min(values) ?? 0;
  let hi = max(values) ?? 1;
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const [a, b] = scaleLinear().domain([lo, hi]).nice().domain();
  return [a, b];
}

/** The narrowest value range a zoomed threat axis shows: a few points' wobble should not fill the plot. */
export const MIN_ZOOM_SPAN = 20;

/**
 * A threat axis zoomed to what is drawn: every value of every series (so
 * nothing is clamped to the plot's edge) and the given lines, on multiples of
 * 5, at least MIN_ZOOM_SPAN wide, inside 0–100.
 */
export function zoomedThreatDomain(s: FanSeries, include: number[] = []): [number, number] {
  const values = [...allValues(s), ...include];
  let lo = Math.floor((min(values) ?? 50) / 5) * 5;
  let hi = Math.ceil((max(values) ?? 50) / 5) * 5;
  if (hi - lo < MIN_ZOOM_SPAN) {
    // Widen to exactly the minimum, about evenly on both sides, in steps of 5.
    const extra = MIN_ZOOM_SPAN - (hi - lo);
    const below = Math.floor(extra / 10) * 5;
    lo -= below;
    hi += extra - below;
  }
  if (lo < 0) [lo, hi] = [0, hi - lo];
  if (hi > 100) [lo, hi] = [Math.max(0, lo - (hi - 100)), 100];
  return [lo, hi];
}

export interface FanGeometryInput {
  series: FanSeries;
  /** Total SVG width in px (the measured container width). */
  width: number;
  height: number;
  /** Fixed value domain; null for one fitted to the data. */
  yDomain?: [number, number] | null;
  /** Short label for the value axis, drawn above it. */
  yLabel?: string;
  /** Label for the month axis; empty for none. */
  xLabel?: string;
  /** d3-format specifier for value ticks; d3 picks the precision when it has none. */
  tickFormat?: string;
  showThreatBands?: boolean;
  markers?: Marker[];
  rules?: Rule[];
  curve?: Curve;
  /** Width of a marker label in px; default a wide estimate (the component measures the real text). */
  textWidth?: TextWidth;
}

export interface Tick {
  value: number;
  /** Position along the axis in px, relative to the plot area. */
  at: number;
  label: string;
}

export interface PlacedMarker {
  month: number;
  label: string;
  /** The label as drawn: one line, or two when it would not fit in one; the last line's baseline is at labelY. */
  lines: string[];
  x: number;
  labelX: number;
  labelY: number;
}

export interface PlacedThreatBand {
  id: string;
  label: string;
  y: number;
  height: number;
  labelY: number;
}

export interface FanGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  innerWidth: number;
  innerHeight: number;
  horizon: number;
  x: (month: number) => number;
  y: (value: number) => number;
  xTicks: Tick[];
  yTicks: Tick[];
  paths: {
    outer: string | null;
    inner: string | null;
    median: string | null;
    expected: string | null;
    perceived: string | null;
    baselineBand: string | null;
    baselineMedian: string | null;
    overlays: { label: string; d: string; color: string; dash: string }[];
  };
  threatBands: PlacedThreatBand[];
  markers: PlacedMarker[];
  rules: { value: number; y: number; label: string }[];
}

const MAX_MARKER_ROWS = 4;

/** Width of a label in px: measured when the page can measure text, else a safe (wide) estimate. */
export type TextWidth = (text: string) => number;

/** A width estimate that errs wide, for when text cannot be measured (tests, no canvas). */
export const estimateWidth: TextWidth = (text) => estimateTextWidth(text, 12);

interface MarkerSlot {
  x: number;
  w: number;
  labelX: number;
  /** The label's lowest row (0 = just above the plot). */
  row: number;
  /** Rows the label takes: 1, or 2 when wrapped. */
  rows: number;
}

/** Labels share a row and overlap, or a marker line runs through (or touches) another marker's label. */
function clash(a: MarkerSlot, b: MarkerSlot): boolean {
  const within = (x: number, s: MarkerSlot) => x > s.labelX - 3 && x < s.labelX + s.w + 3;
  const shareRow = a.row <= b.row + b.rows - 1 && b.row <= a.row + a.rows - 1;
  if (shareRow && a.labelX < b.labelX + b.w + 6 && a.labelX + a.w + 6 > b.labelX) return true;
  // A line runs from its own label's lowest row down through every lower row.
  return (a.row <= b.row && within(b.x, a)) || (b.row <= a.row && within(a.x, b));
}

/** A label in two lines: before its parenthesis ("operations resume" / "(79% of runs by month 24)"), else at the middle space. */
export function splitLabel(label: string): [string, string] | null {
  const paren = label.indexOf(' (');
  if (paren > 0) return [label.slice(0, paren), label.slice(paren + 1)];
  const spaces = [...label.matchAll(/ /g)].map((m) => m.index ?? 0);
  if (!spaces.length) return null;
  const mid = spaces.reduce((best, i) => (Math.abs(i - label.length / 2) < Math.abs(best - label.length / 2) ? i : best));
  return [label.slice(0, mid), label.slice(mid + 1)];
}

interface MarkerOption {
  lines: string[];
  w: number;
  labelX: number;
}

/**
 * Place marker labels in rows above the plot so that no two labels overlap
 * and no marker line runs through another marker's label: the fewest rows
 * that work, each label right of its line when it fits there, else left of
 * it, else in two lines (a small search; charts carry two or three markers).
 * A label never runs past the SVG's edges (`left` … `right`): where it fits
 * on neither side of its line it is pushed in from the edge it would cross.
 */
function placeMarkers(markers: Marker[], x: (m: number) => number, left: number, right: number, widthOf: TextWidth) {
  const clampX = (lx: number, w: number) => Math.max(left, Math.min(lx, right - w));
  // A pixel of slack for rounding and anti-aliasing.
  const width = (t: string) => Math.ceil(widthOf(t)) + 1;
  const sidesOf = (mx: number, lines: string[]): MarkerOption[] => {
    const w = Math.max(...lines.map(width));
    const rightOf = mx + 4;
    const leftOf = mx - 4 - w;
    const fitsRight = rightOf + w <= right;
    const fitsLeft = leftOf >= left;
    // Right of the line when it fits; left of it when only that fits; otherwise clamped inside the SVG.
    const xs = fitsRight || !fitsLeft ? [clampX(rightOf, w), clampX(leftOf, w)] : [leftOf, clampX(rightOf, w)];
    return xs.map((labelX) => ({ lines, w, labelX }));
  };
  const items = markers.map((m) => {
    const mx = x(m.month);
    const split = splitLabel(m.label);
    const oneLine = sidesOf(mx, [m.label]);
    const wrapped = split ? sidesOf(mx, split) : [];
    // A line wider than the whole SVG is only ever drawn wrapped (when it can be).
    const single = oneLine[0].w > right - left && wrapped.length ? [] : oneLine;
    return { mx, single, wrapped, fallback: single[0] ?? wrapped[0] };
  });
  const slots: (MarkerSlot & { lines: string[] })[] = [];
  const search = (i: number, rows: number, wrap: boolean): boolean => {
    if (i === items.length) return true;
    const { mx, single, wrapped } = items[i];
    const options = wrap ? [...single, ...wrapped] : single;
    for (let row = 0; row < rows; row++) {
      for (const o of options) {
        const slot = { x: mx, w: o.w, labelX: o.labelX, row, rows: o.lines.length, lines: o.lines };
        if (row + slot.rows > rows) continue;
        if (slots.slice(0, i).some((p) => clash(slot, p))) continue;
        slots[i] = slot;
        if (search(i + 1, rows, wrap)) return true;
      }
    }
    return false;
  };
  let found = false;
  if (items.length <= 5) {
    // One line per label if any number of rows allows it, else with labels wrapped.
    for (const wrap of [false, true]) {
      for (let rows = 1; rows <= MAX_MARKER_ROWS && !found; rows++) found = search(0, rows, wrap);
      if (found) break;
    }
  }
  if (!found) {
    // Too crowded to avoid every clash: one row (two if wrapped) per marker, labels right of their lines (inside the SVG).
    let row = 0;
    items.forEach(({ mx, fallback: o }, i) => {
      slots[i] = { x: mx, w: o.w, labelX: o.labelX, row, rows: o.lines.length, lines: o.lines };
      row += o.lines.length;
    });
  }
  const placed = markers.map((m, i) => ({ month: m.month, label: m.label, lines: slots[i].lines, x: slots[i].x, labelX: slots[i].labelX, row: slots[i].row }));
  return { placed, rows: slots.reduce((r, s) => Math.max(r, s.row + s.rows), 0) };
}

/** Scales, ticks and paths of a fan chart for a given size. */
export function fanGeometry(input: FanGeometryInput): FanGeometry {
  const s = input.series;
  const H = horizonOf(s);
  const markers = (input.markers ?? []).filter((m) => m.month >= 0 && m.month <= H);
  const rules = input.rules ?? [];
  const domain = input.yDomain ?? dataDomain(s, rules.map((r) => r.value));
  const y = scaleLinear().domain(domain).clamp(true);
  const tickFormat = input.tickFormat ?? ',f';

  // Left margin from the widest value label; right margin leaves room for band names.
  const provisional = y.copy().range([200, 0]);
  const provisionalTicks = provisional.ticks(5).map(provisional.tickFormat(5, tickFormat));
  const left = Math.max(28, (max(provisionalTicks, (t) => t.length) ?? 2) * 7 + 12);
  const right = input.showThreatBands ? 64 : 14;
  const bottom = input.xLabel ? 38 : 22;
  const width = Math.max(200, input.width);
  const innerWidth = width - left - right;
  const x = scaleLinear().domain([0, Math.max(1, H)]).range([0, innerWidth]);

  const { placed, rows } = placeMarkers(markers, x, -left, innerWidth + right, input.textWidth ?? estimateWidth);
  const top = 10 + (input.yLabel ? 18 : 0) + rows * MARKER_ROW;
  const innerHeight = Math.max(40, input.height - top - bottom);
  y.range([innerHeight, 0]);

  const count = valueTickCount(innerHeight);
  const d3Tick = y.tickFormat(count, tickFormat);
  // "0", never "+0" or "−0", on a signed axis.
  const fmtTick = (v: number) => unsignZero(d3Tick(v));
  const months = range(H + 1);
  const curve = input.curve === 'step' ? curveStepAfter : curveLinear;
  const ok = (v: number | undefined): v is number => v != null && Number.isFinite(v);
  const bandPath = (lo: number[], hi: number[]) =>
    area<number>()
      .defined((m) => ok(lo[m]) && ok(hi[m]))
      .x((m) => x(m))
      .y0((m) => y(lo[m]))
      .y1((m) => y(hi[m]))
      .curve(curve)
      .digits(1)(months);
  const linePath = (v: number[]) =>
    line<number>()
      .defined((m) => ok(v[m]))
      .x((m) => x(m))
      .y((m) => y(v[m]))
      .curve(curve)
      .digits(1)(months);

  const threatBands: PlacedThreatBand[] = [];
  if (input.showThreatBands) {
    const [d0, d1] = y.domain();
    for (const b of BANDS) {
      const lo = Math.max(b.from, d0);
      const hi = Math.min(b.to, d1);
      if (hi <= lo) continue;
      const y0 = round1(y(hi));
      const y1 = round1(y(lo));
      threatBands.push({ id: b.id, label: b.label, y: y0, height: y1 - y0, labelY: (y0 + y1) / 2 });
    }
  }

  return {
    width,
    height: input.height,
    margin: { top, right, bottom, left },
    innerWidth,
    innerHeight,
    horizon: H,
    x,
    y,
    xTicks: monthTicks(H, innerWidth).map((m) => ({ value: m, at: round1(x(m)), label: String(m) })),
    yTicks: y.ticks(count).map((v) => ({ value: v, at: round1(y(v)), label: fmtTick(v) })),
    paths: {
      outer: s.band ? bandPath(s.band.p5, s.band.p95) : null,
      inner: s.band ? bandPath(s.band.p25, s.band.p75) : null,
      median: s.band ? linePath(s.band.p50) : null,
      expected: s.expected ? linePath(s.expected) : null,
      perceived: s.perceived ? linePath(s.perceived) : null,
      baselineBand: s.baseline ? bandPath(s.baseline.p5, s.baseline.p95) : null,
      baselineMedian: s.baseline ? linePath(s.baseline.p50) : null,
      overlays: s.overlays.slice(0, MAX_OVERLAYS).map((o, i) => ({
        label: o.label,
        d: linePath(o.values) ?? '',
        ...OVERLAY_STYLES[(o.style ?? i) % OVERLAY_STYLES.length],
      })),
    },
    threatBands,
    markers: placed.map((m) => ({
      month: m.month,
      label: m.label,
      lines: m.lines,
      x: round1(m.x),
      labelX: round1(m.labelX),
      // 9 px above the plot, not 6: a label placed left of its line, over the value axis, touched the top tick ("100").
      labelY: -MARKER_GAP - m.row * MARKER_ROW,
    })),
    rules: rules.map((r) => ({ value: r.value, y: round1(y(r.value)), label: r.label ?? '' })),
  };
}

/** The month under a pointer at `px` (px from the SVG's left edge). */
export function monthAt(g: FanGeometry, px: number): number {
  const m = Math.round((px - g.margin.left) / (g.innerWidth / Math.max(1, g.horizon)));
  return Math.max(0, Math.min(g.horizon, m));
}

/** The month a key moves the cursor to, or null when the key is not one of ours. */
export function keyToMonth(key: string, current: number | null, horizon: number): number | null {
  const c = current ?? 0;
  const clamp = (m: number) => Math.max(0, Math.min(horizon, m));
  switch (key) {
    case 'ArrowRight':
    case 'ArrowUp':
      return current == null ? 0 : clamp(c + 1);
    case 'ArrowLeft':
    case 'ArrowDown':
      return current == null ? 0 : clamp(c - 1);
    case 'PageUp':
      return clamp(c + 6);
    case 'PageDown':
      return clamp(c - 6);
    case 'Home':
      return 0;
    case 'End':
      return horizon;
    default:
      return null;
  }
}

/** "Composite threat, median 63 at month 24, 90% between 55 and 71". */
export function fanHeadline(title: string, s: FanSeries, valueFormat: ValueFormat, labels: FanLabels = DEFAULT_LABELS): string {
  const f = toFormatter(valueFormat);
  const H = horizonOf(s);
  // The other lines drawn (what the US can see, pinned scenarios) are named too: the chart's text alternative says what it shows.
  const others = [
    ...(s.perceived ? [`${labels.perceived} ${f(s.perceived[H])}`] : []),
    ...s.overlays.slice(0, MAX_OVERLAYS).map((o) => `${o.label} ${f(o.values[H])}`),
  ];
  const more = others.length ? `; ${others.join('; ')}` : '';
  if (s.band) {
    const b = s.band;
    return `${title}, ${labels.median} ${f(b.p50[H])} at month ${H}, 90% between ${f(b.p5[H])} and ${f(b.p95[H])}${more}`;
  }
  if (s.expected) return `${title}, ${labels.expected} ${f(s.expected[H])} at month ${H} (ensemble still computing)${more}`;
  if (s.overlays.length) {
    return `${title} at month ${H}: ${s.overlays.map((o) => `${o.label} ${f(o.values[H])}`).join(', ')}`;
  }
  return `${title}: no data yet`;
}

/** A d3-format specifier, or a function (a threat index's band-safe number: see `threatFormat`). */
export type ValueFormat = string | ((n: number) => string);
const toFormatter = (f: ValueFormat) => (typeof f === 'string' ? formatter(f) : f);

/** The readout for one month: "Month 5: median 58 (middle half 55–61, 90% 52–64); expected path 57". */
export function fanReadout(s: FanSeries, month: number, valueFormat: ValueFormat, labels: FanLabels = DEFAULT_LABELS): string {
  const f = toFormatter(valueFormat);
  const parts: string[] = [];
  if (s.band) {
    const b = s.band;
    parts.push(
      `${labels.median} ${f(b.p50[month])} (middle half ${f(b.p25[month])} to ${f(b.p75[month])}, 90% ${f(b.p5[month])} to ${f(b.p95[month])})`,
    );
  }
  if (s.expected) parts.push(`${labels.expected} ${f(s.expected[month])}`);
  if (s.perceived) parts.push(`${labels.perceived} ${f(s.perceived[month])}`);
  if (s.baseline) parts.push(`${labels.baseline} ${f(s.baseline.p50[month])}`);
  for (const o of s.overlays.slice(0, MAX_OVERLAYS)) parts.push(`${o.label} ${f(o.values[month])}`);
  return `Month ${month}: ${parts.length ? parts.join('; ') : 'no values yet'}`;
}

/** A further table column that is not drawn on the value axis (e.g. incidents beside a threat index). */
export interface TableExtra {
  label: string;
  values: number[];
  /** d3-format specifier for its cells. */
  format: string;
}

/** Months × (p5, p25, median, p75, p95, mean, expected path, baseline median, overlays, extras). */
export function fanTable(
  caption: string,
  s: FanSeries,
  valueFormat: string,
  labels: FanLabels = DEFAULT_LABELS,
  extras: TableExtra[] = [],
): TableData {
  const f = formatter(valueFormat);
  const columns: TableColumn[] = [{ label: 'Month' }];
  const getters: ((m: number) => number)[] = [];
  if (s.band) {
    const b = s.band;
    columns.push(
      { label: 'p5', title: '5th percentile of runs' },
      { label: 'p25', title: '25th percentile of runs' },
      { label: labels.median, title: '50th percentile of runs' },
      { label: 'p75', title: '75th percentile of runs' },
      { label: 'p95', title: '95th percentile of runs' },
      { label: 'mean', title: 'mean of runs' },
    );
    getters.push((m) => b.p5[m], (m) => b.p25[m], (m) => b.p50[m], (m) => b.p75[m], (m) => b.p95[m], (m) => b.mean[m]);
  }
  if (s.expected) {
    const e = s.expected;
    columns.push({ label: labels.expected, title: 'deterministic run with every parameter at its mode' });
    getters.push((m) => e[m]);
  }
  if (s.perceived) {
    const p = s.perceived;
    columns.push({ label: labels.perceived, title: 'the threat the US can attribute to Russia, on the expected path' });
    getters.push((m) => p[m]);
  }
  if (s.baseline) {
    const b = s.baseline;
    columns.push({ label: `${labels.baseline} (median)` });
    getters.push((m) => b.p50[m]);
  }
  for (const o of s.overlays.slice(0, MAX_OVERLAYS)) {
    columns.push({ label: o.label });
    getters.push((m) => o.values[m]);
  }
  const cells = getters.map((g) => (m: number) => f(g(m)));
  for (const x of extras) {
    const fx = formatter(x.format);
    columns.push({ label: x.label });
    cells.push((m) => fx(x.values[m]));
  }
  const rows = range(horizonOf(s) + 1).map((m) => [String(m), ...cells.map((c) => c(m))]);
  return { caption, columns, rows };
}

export type LegendKind = 'outer' | 'inner' | 'median' | 'expected' | 'perceived' | 'baseline' | 'overlay' | 'note';

export interface LegendItem {
  kind: LegendKind;
  label: string;
  color?: string;
  dash?: string;
}

/** Said in the legend, in place of the bands, when every run has the same value every month. */
export const NO_SPREAD_NOTE = 'the runs do not differ: no band to draw';

/**
 * Whether a band has no width anywhere (lo = hi every month, up to float
 * noise): nothing is drawn for it, so the legend should not list it.
 */
export function flatBand(lo: number[], hi: number[]): boolean {
  return lo.every((v, m) => {
    const w = hi[m];
    if (!Number.isFinite(v) || !Number.isFinite(w)) return true;
    return Math.abs(w - v) <= 1e-9 * Math.max(1, Math.abs(v), Math.abs(w));
  });
}

/** Legend entries for what is drawn. */
export function fanLegend(s: FanSeries, labels: FanLabels = DEFAULT_LABELS): LegendItem[] {
  const items: LegendItem[] = [];
  if (s.band) {
    items.push({ kind: 'median', label: labels.median });
    if (flatBand(s.band.p5, s.band.p95)) {
      items.push({ kind: 'note', label: NO_SPREAD_NOTE });
    } else {
      if (!flatBand(s.band.p25, s.band.p75)) items.push({ kind: 'inner', label: 'middle 50% of runs' });
      items.push({ kind: 'outer', label: '90% of runs' });
    }
  }
  if (s.expected) items.push({ kind: 'expected', label: labels.expected });
  if (s.perceived) items.push({ kind: 'perceived', label: labels.perceived });
  if (s.baseline) items.push({ kind: 'baseline', label: labels.baseline });
  s.overlays.slice(0, MAX_OVERLAYS).forEach((o, i) => items.push({ kind: 'overlay', label: o.label, ...OVERLAY_STYLES[(o.style ?? i) % OVERLAY_STYLES.length] }));
  return items;
}
