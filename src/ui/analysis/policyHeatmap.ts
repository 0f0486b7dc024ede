/**
 * View model of the regret heatmap: policies (rows) × worlds (columns), each
 * cell shaded by the policy's regret in that world for one metric (darker =
 * further from the best policy there; 0 = the best).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { METRICS, type MetricId } from '../../analysis/metrics';
import type { PolicyGrid, RegretTable } from '../../analysis/policies';
import { WORLD_INTERPRETATIONS } from '../../analysis/worlds';
import { INTERPRETATIONS, type ResponseId } from '../../model/parameters';
import { chartTextWidth } from '../charts/textWidth';
import type { TableData } from '../charts/table';
import { formatMetric } from './format';

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Short column names for Russia's answers. */
export const RESPONSE_SHORT: Partial<Record<ResponseId, string>> = { restraint: 'Restraint', 'free-hits': 'Free hits', skeptic: 'No change' };

/** A cell's text: its regret, or "best". */
const cellText = (metric: MetricId, regret: number) => (regret === 0 ? 'best' : formatMetric(metric, regret));
/** Bold text is wider. */
const BOLD = 1.12;
/** The gap between columns, a share of a column. */
const GAP = 0.06;

export interface HeatCell {
  policy: number;
  world: number;
  x: number;
  y: number;
  /** 0 … 1: regret relative to the largest regret in the table. */
  opacity: number;
  /** Light text on dark cells. */
  dark: boolean;
  text: string;
  best: boolean;
}

export interface HeatmapGeometry {
  width: number;
  height: number;
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
  rows: { label: string; y: number; minimax: boolean }[];
  groups: { label: string; x: number; width: number }[];
  columns: { label: string; x: number }[];
  cells: HeatCell[];
}

export function heatmapGeometry(grid: PolicyGrid, table: RegretTable, metric: MetricId, width: number): HeatmapGeometry {
  const rowLabels = grid.policies.map((p) => p.label);
  // The minimax row is bold and starred: room for it on every row.
  const left = Math.max(...rowLabels.map((l) => chartTextWidth(`★ ${l}`) * BOLD)) + 12;
  const top = 40;
  const columnLabels = grid.worlds.map((wd) => RESPONSE_SHORT[wd.response] ?? wd.response);
  const texts = grid.policies.flatMap((_, p) => grid.worlds.map((__, wi) => cellText(metric, table.regret[p][wi])));
  // Never narrower than its labels and numbers: below that the chart is wider than a phone and scrolls
  // (scaled down to fit, its column names overlapped at 8 px).
  // (A column's name may use the gap beside it; a cell's number stays inside its cell.)
  const column = Math.max(44, ...columnLabels.map((l) => chartTextWidth(l) + 4), ...texts.map((t) => (chartTextWidth(t) + 8) / (1 - GAP)));
  const w = Math.max(left + grid.worlds.length * column, width);
  // A pixel short of the edge: the best cell's outline (1 px, half outside the cell) was clipped at the right.
  const x = scaleBand<number>()
    .domain(grid.worlds.map((_, i) => i))
    .range([left, w - 1])
    .paddingInner(GAP);
  const cellHeight = 28;
  const y = scaleBand<number>()
    .domain(grid.policies.map((_, i) => i))
    .range([top, top + grid.policies.length * (cellHeight + 3)])
    .paddingInner(0.1);
  const maxRegret = Math.max(0, ...table.regret.flat());
  const shade = scaleLinear().domain([0, maxRegret > 0 ? maxRegret : 1]).range([0.05, 0.9]).clamp(true);
  const cells: HeatCell[] = [];
  grid.policies.forEach((_, p) =>
    grid.worlds.forEach((__, wi) => {
      const r = table.regret[p][wi];
      const opacity = round1(shade(r) * 100) / 100;
      cells.push({
        policy: p, world: wi, x: round1(x(wi) ?? 0), y: round1(y(p) ?? 0), opacity, dark: opacity > 0.55,
        text: cellText(metric, r), best: r === 0,
      });
    }),
  );
  const groups = WORLD_INTERPRETATIONS.map((interp) => {
    const cols = grid.worlds.flatMap((wd, i) => (wd.interpretation === interp ? [i] : []));
    const x0 = x(cols[0]) ?? 0;
    const x1 = (x(cols[cols.length - 1]) ?? 0) + x.bandwidth();
    return { label: INTERPRETATIONS[interp].shortLabel, x: round1((x0 + x1) / 2), width: round1(x1 - x0) };
  });
  return {
    width: w,
    height: top + grid.policies.length * (cellHeight + 3) + 6,
    left,
    top,
    cellWidth: round1(x.bandwidth()),
    cellHeight: round1(y.bandwidth()),
    rows: rowLabels.map((label, p) => ({ label, y: round1((y(p) ?? 0) + y.bandwidth() / 2), minimax: table.minimaxRegret.includes(p) })),
    groups,
    columns: columnLabels.map((label, i) => ({ label, x: round1((x(i) ?? 0) + x.bandwidth() / 2) })),
    cells,
  };
}

/** "Regret in cumulative incidents: Trigger at 56 has the smallest worst-case regret (1,200); Fixed: 3 months is best on average". */
export function heatmapHeadline(grid: PolicyGrid, table: RegretTable, metric: MetricId): string {
  const names = (idx: number[]) => idx.map((i) => grid.policies[i].label).join(' and ');
  const mm = table.minimaxRegret;
  return (
    `Regret in ${METRICS[metric].label.toLowerCase()} by policy and world: ${names(mm)} ${mm.length > 1 ? 'have' : 'has'} the smallest ` +
    `worst-case regret (${formatMetric(metric, table.maxRegret[mm[0]])}); ${names(table.bestExpected)} ${table.bestExpected.length > 1 ? 'are' : 'is'} best on average`
  );
}

/** Policies × worlds: expected value and regret in every cell. */
export function heatmapTable(grid: PolicyGrid, table: RegretTable, metric: MetricId): TableData {
  const m = METRICS[metric];
  return {
    caption: `${m.label} by policy (rows) and world (columns): ensemble mean, and regret against the best policy in that world`,
    columns: [
      { label: 'Policy' },
      ...grid.worlds.map((w) => ({ label: w.label })),
      { label: 'Worst regret' },
    ],
    rows: grid.policies.map((p, i) => [
      p.label,
      ...grid.worlds.map((_, w) => `${formatMetric(metric, grid.values[metric][i][w])} (regret ${formatMetric(metric, table.regret[i][w])})`),
      formatMetric(metric, table.maxRegret[i]),
    ]),
  };
}
