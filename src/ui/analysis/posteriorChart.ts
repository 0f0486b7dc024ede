/** View model of the posterior chart: for each world, its prior and its posterior probability as two bars. */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { SignpostResult } from '../../analysis/signposts';
import { rowNames, type RowNamePlace } from '../charts/rowNames';
import type { TableData } from '../charts/table';
import { formatPercent } from './format';

const round1 = (v: number) => Math.round(v * 10) / 10;

export interface PosteriorGeometry {
  width: number;
  height: number;
  left: number;
  innerWidth: number;
  ticks: { x: number; label: string }[];
  /** Each world's bars, its name placed beside them or above them (see rowNames). */
  rows: (RowNamePlace & {
    id: string;
    label: string;
    y: number;
    prior: number;
    posterior: number;
    barHeight: number;
    text: string;
    textX: number;
  })[];
}

export function posteriorGeometry(r: SignpostResult, width: number): PosteriorGeometry {
  const w = Math.max(320, width);
  const names = rowNames(r.worlds.map((wd) => wd.label), w, { gap: 12, line: 14 });
  const labelLine = names.line;
  const left = names.margin;
  const right = 44;
  const innerWidth = Math.max(60, w - left - right);
  const x = scaleLinear().domain([0, 1]).range([0, innerWidth]);
  const rowHeight = 24;
  const y = scaleBand<number>()
    .domain(r.worlds.map((_, i) => i))
    .range([22, 22 + r.worlds.length * rowHeight])
    .paddingInner(0.2);
  const bh = y.bandwidth();
  // Row i's bars, below its name (and every name above it) when names are above.
  const barY = (i: number) => (y(i) ?? 0) + (i + 1) * labelLine;
  return {
    width: w,
    height: 22 + r.worlds.length * (rowHeight + labelLine) + 6,
    left,
    innerWidth,
    ticks: x.ticks(5).map((v) => ({ x: round1(x(v)), label: formatPercent(v) })),
    rows: r.worlds.map((wd, i) => ({
      id: wd.id,
      label: wd.label,
      ...names.place(wd.label, round1(barY(i)), round1(barY(i) + bh / 2)),
      y: round1(barY(i)),
      prior: round1(x(wd.prior)),
      posterior: round1(x(wd.posterior)),
      barHeight: round1(bh),
      text: formatPercent(wd.posterior),
      textX: round1(Math.max(x(wd.posterior), x(wd.prior)) + 4),
    })),
  };
}

/** "After 12 counts: most likely Deprioritized, Free hits (41%, prior 11%); Russia's answer: Free hits 92%". */
export function posteriorHeadline(r: SignpostResult): string {
  const top = r.worlds.reduce((a, b) => (b.posterior > a.posterior ? b : a));
  const answer = r.responses.reduce((a, b) => (b.posterior > a.posterior ? b : a));
  const lead = r.used.length ? `After ${r.used.length} observed count${r.used.length > 1 ? 's' : ''}` : 'Before any counts (the priors)';
  return `${lead}: most likely ${top.label} (${formatPercent(top.posterior)}, prior ${formatPercent(top.prior)}); Russia's answer most likely ${answer.label} (${formatPercent(answer.posterior)})`;
}

export function posteriorTable(r: SignpostResult): TableData {
  return {
    caption: 'Probability of each world before (prior) and after (posterior) the observed counts',
    columns: [{ label: 'World' }, { label: 'Prior' }, { label: 'Posterior' }],
    rows: r.worlds.map((w) => [w.label, formatPercent(w.prior), formatPercent(w.posterior)]),
  };
}
