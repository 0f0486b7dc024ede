/**
 * Where a horizontal bar chart writes its rows' names: left of the bars,
 * anchored at their end, while the longest name takes at most 45 % of the
 * chart's width; otherwise (a phone) each on a line of its own above its
 * bars, so that no name is cut off at the chart's left edge and the scale
 * keeps room for its ticks. Names above carry the class `sd-name-above`
 * (chart-theme.css), whose halo keeps grid lines from running through them.
 */
import { CHAR_WIDTH } from './format';

export interface RowNamePlace {
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'end';
}

export interface RowNames {
  above: boolean;
  /** Height of the line a name takes above its bars (0 when beside them). */
  line: number;
  /** The chart's left margin: the names' width beside the bars, a sliver when above. */
  margin: number;
  /** A row's name, for bars whose top is at `barsTop` and whose middle is at `barsMiddle`. */
  place(barsTop: number, barsMiddle: number): RowNamePlace;
}

export function rowNames(names: readonly string[], width: number, { minWidth = 0, gap = 10, line = 16 } = {}): RowNames {
  const besideWidth = Math.max(minWidth, ...names.map((n) => n.length * CHAR_WIDTH)) + gap;
  const above = besideWidth > width * 0.45;
  const margin = above ? 4 : besideWidth;
  return {
    above,
    line: above ? line : 0,
    margin,
    place: (barsTop, barsMiddle) =>
      above ? { labelX: -margin, labelY: barsTop - line / 2 - 2, labelAnchor: 'start' } : { labelX: -8, labelY: barsMiddle, labelAnchor: 'end' },
  };
}
