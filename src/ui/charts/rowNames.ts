/**
 * Where a horizontal bar chart writes its rows' names: left of the bars,
 * anchored at their end, while the longest name takes at most 45 % of the
 * chart's width; otherwise (a phone) each on a line of its own above its
 * bars, so that no name is cut off at the chart's left edge and the scale
 * keeps room for its ticks. Names above carry the class `sd-name-above`
 * (chart-theme.css), whose halo keeps grid lines from running through them.
 */
import { CHAR_WIDTH } from './format';
import { chartTextWidth } from './textWidth';

export interface RowNamePlace {
  labelX: number;
  labelY: number;
  labelAnchor: 'start' | 'end';
  /** The name's lines (one unless wrapped above the bars) and the distance between them. */
  labelLines: string[];
  lineStep: number;
}

export interface RowNames {
  above: boolean;
  /** Height of the lines a name takes above its bars (0 when beside them): one, or more when a name is wrapped. */
  line: number;
  /** A name as the lines it is written on: one beside the bars; above them, wrapped at spaces to the chart's width. */
  lines(name: string): string[];
  /** The chart's left margin: the names' width beside the bars, a sliver when above. */
  margin: number;
  /** Where row `name` goes, for bars whose top is at `barsTop` and whose middle is at `barsMiddle`. */
  place(name: string, barsTop: number, barsMiddle: number): RowNamePlace;
}

export function rowNames(names: readonly string[], width: number, { minWidth = 0, gap = 10, line = 16 } = {}): RowNames {
  const besideWidth = Math.max(minWidth, ...names.map((n) => n.length * CHAR_WIDTH)) + gap;
  const above = besideWidth > width * 0.45;
  const margin = above ? 4 : besideWidth;
  // Above the bars a long name (or one widened by a reader's own letter spacing) wraps rather than runs off the chart.
  const wrapped = new Map(names.map((n) => [n, above ? wrap(n, width - 8) : [n]]));
  const count = Math.max(1, ...[...wrapped.values()].map((l) => l.length));
  const height = above ? line * count : 0;
  return {
    above,
    line: height,
    lines: (name) => wrapped.get(name) ?? [name],
    margin,
    // The first line's baseline middle; the others follow `line` px apart.
    place: (name, barsTop, barsMiddle) => {
      const labelLines = wrapped.get(name) ?? [name];
      return above
        ? { labelX: -margin, labelY: barsTop - height + line / 2 - 2, labelAnchor: 'start', labelLines, lineStep: line }
        : { labelX: -8, labelY: barsMiddle, labelAnchor: 'end', labelLines, lineStep: line };
    },
  };
}

/** `text` in lines no wider than `width` (measured), broken at spaces; a word wider than that keeps a line of its own. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (current && chartTextWidth(next) > width) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}
