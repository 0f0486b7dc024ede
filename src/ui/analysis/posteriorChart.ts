/** View model of the posterior chart: for each world, its prior and its posterior probability as two bars. */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { SignpostResult } from '../../analysis/signposts';
import type { TableData } from '../charts/table';
import { formatPercent } from './format';

const CHAR_WIDTH = 6.3;
const round1 = (v: number) => Math.round(v * 10) / 10;

export interface PosteriorGeometry {
  width: number;
  height: number;
  left: number;
  innerWidth: number;
  ticks: { x: number; label: string }[];
  rows: {
    id: string;
    label: string;
    /** Where the name is written: left of the bars (anchored at its end), or on a line of its own above them. */
    labelX: number;
    labelY: number;
    labelAnchor: 'start' | 'end';
    y: number;
    prior: number;
    posterior: number;
    barHeight: number;
    text: string;
    textX: number;
  }[];
}

export function posteriorGeometry(r: SignpostResult, width: number): PosteriorGeometry {
  const labelWidth = Math.max(...r.worlds.map((w) => w.label.length * CHAR_WIDTH)) + 12;
  const w = Math.max(320, width);
  // Names that would take more than 45 % of the width (a phone) each get a line of their own above
  // their bars, so that the scale keeps room for its ticks.
  const above = labelWidth > w * 0.45;
  const labelLine = above ? 14 : 0;
  const left = above ? 4 : labelWidth;
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
      labelX: above ? -left : -8,
      labelY: round1(above ? barY(i) - labelLine / 2 - 1 : barY(i) + bh / 2),
      labelAnchor: above ? 'start' : 'end',
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
