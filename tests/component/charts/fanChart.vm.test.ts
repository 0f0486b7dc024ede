import { describe, expect, it } from 'vitest';
import {
  MIN_ZOOM_SPAN, OVERLAY_STYLES, dataDomain, estimateWidth, zoomedThreatDomain, fanGeometry, fanHeadline, fanLegend, fanReadout, fanTable, horizonOf, keyToMonth, monthAt, monthTicks,
  type FanSeries,
} from '../../../src/ui/charts/fanChart';
import { band } from './fixtures';

const series = (over: Partial<FanSeries> = {}): FanSeries => ({
  band: band([50, 55, 59, 62, 64]),
  expected: [50, 54, 58, 61, 63],
  baseline: null,
  overlays: [],
  ...over,
});

describe('monthTicks', () => {
  it.each([
    // [horizon, inner width, expected ticks]
    [24, 532, [0, 3, 6, 9, 12, 15, 18, 21, 24]],
    [24, 282, [0, 6, 12, 18, 24]],
    [24, 150, [0, 12, 24]],
    [4, 532, [0, 1, 2, 3, 4]],
    [36, 282, [0, 12, 24, 36]],
    [60, 900, [0, 6, 12, 18, 24, 30, 36, 42, 48, 54, 60]],
  ])('H=%i at %i px gives %j', (h, w, ticks) => {
    expect(monthTicks(h, w)).toEqual(ticks);
  });

  it.each([
    [60, 286, [0, 24, 48, 60]],
    [50, 286, [0, 12, 24, 36, 50]],
    [30, 286, [0, 12, 24, 30]],
    [7, 100, [0, 7]],
  ])('always labels the last month: H=%i at %i px gives %j', (h, w, ticks) => {
    expect(monthTicks(h, w)).toEqual(ticks);
  });

  it('labels the last month at every horizon and width, never closer than 32 px to the tick before', () => {
    for (const w of [100, 200, 286, 390, 640, 900]) {
      for (let h = 1; h <= 120; h++) {
        const t = monthTicks(h, w);
        expect(t[0]).toBe(0);
        expect(t.at(-1)).toBe(h);
        expect(t.length).toBeLessThanOrEqual(Math.max(2, Math.floor(w / 48)));
        for (let i = 1; i < t.length; i++) expect(((t[i] - t[i - 1]) / h) * w).toBeGreaterThanOrEqual(32);
      }
    }
  });

  it('never crowds labels closer than ~48 px', () => {
    for (const w of [100, 200, 390, 640, 1200]) {
      const t = monthTicks(24, w);
      expect(t.length).toBeLessThanOrEqual(Math.max(2, Math.floor(w / 48)));
      expect(t[0]).toBe(0);
    }
  });
});

describe('fanHeadline', () => {
  it('reads the median and 90% interval at the last month', () => {
    expect(fanHeadline('Composite threat', series(), '.0f')).toBe(
      'Composite threat, median 64 at month 4, 90% between 59 and 69',
    );
  });
  it('falls back to the expected path while the ensemble computes', () => {
    expect(fanHeadline('Composite threat', series({ band: null }), '.0f')).toBe(
      'Composite threat, expected path 63 at month 4 (ensemble still computing)',
    );
  });
  it('lists overlays when there is no band or path', () => {
    const s = series({ band: null, expected: null, overlays: [{ label: 'reversal decided', values: [0, 0.1, 0.5] }] });
    expect(fanHeadline('Chance', s, '.0%')).toBe('Chance at month 2: reversal decided 50%');
  });
  it('says when there is nothing', () => {
    expect(fanHeadline('X', series({ band: null, expected: null }), '.0f')).toBe('X: no data yet');
  });
});

describe('fanReadout and fanTable', () => {
  it('reads one month', () => {
    expect(fanReadout(series(), 2, '.0f')).toBe(
      'Month 2: median 59 (middle half 57 to 61, 90% 54 to 64); expected path 58',
    );
  });
  it('says when a month has no values yet', () => {
    expect(fanReadout(series({ band: null, expected: null, horizon: 24 }), 3, '.0f')).toBe('Month 3: no values yet');
  });
  it('tabulates months × percentiles, mean and expected path', () => {
    const t = fanTable('Composite threat by month', series(), '.1f');
    expect(t.caption).toBe('Composite threat by month');
    expect(t.columns.map((c) => c.label)).toEqual(['Month', 'p5', 'p25', 'median', 'p75', 'p95', 'mean', 'expected path']);
    expect(t.rows).toHaveLength(5);
    expect(t.rows[4]).toEqual(['4', '59.0', '62.0', '64.0', '66.0', '69.0', '64.5', '63.0']);
  });
  it('adds baseline, overlay and extra columns, and prints a dash for missing values', () => {
    const t = fanTable('T', series({ band: null, baseline: band([50, 50, 50, 50, 50]), overlays: [{ label: 'A', values: [1, 2] }] }), '.0f', undefined, [
      { label: 'incidents', values: [10, 11, 12, 13, 14], format: ',.1f' },
    ]);
    expect(t.columns.map((c) => c.label)).toEqual(['Month', 'expected path', 'no pause (median)', 'A', 'incidents']);
    expect(t.rows[3]).toEqual(['3', '61', '50', '—', '13.0']);
  });
  it('builds legend entries for what is drawn', () => {
    expect(fanLegend(series({ overlays: [{ label: 'pinned', values: [1] }] })).map((i) => i.label)).toEqual([
      'median', 'middle 50% of runs', '90% of runs', 'expected path', 'pinned',
    ]);
    // Bands with no width are not drawn, so not listed; a note says why.
    expect(fanLegend(series({ band: band([50, 50, 50, 50, 50], 0) })).map((i) => i.label)).toEqual([
      'median', 'the runs do not differ: no band to draw', 'expected path',
    ]);
    const middleFlat = band([50, 55, 59, 62, 64]);
    middleFlat.p25 = middleFlat.p50;
    middleFlat.p75 = middleFlat.p50;
    expect(fanLegend(series({ band: middleFlat })).map((i) => i.label)).toEqual(['median', '90% of runs', 'expected path']);
  });
});

describe('fanGeometry', () => {
  it('fits the data when no domain is given, including reference lines', () => {
    expect(dataDomain(series({ band: null, expected: [0.2, 0.9] }), [1])).toEqual([0.2, 1]);
    expect(dataDomain(series({ band: null, expected: [3, 8] }), [0])).toEqual([0, 8]);
  });
  it('zooms a threat axis to everything drawn, on multiples of 5, at least MIN_ZOOM_SPAN wide, inside 0–100', () => {
    // band([50 … 64]) runs from p5 = 45 to p95 = 69 (the fixture's spread), the trigger line at 56.
    expect(zoomedThreatDomain(series(), [56])).toEqual([45, 70]);
    // A flat path is shown 20 wide around it, not stretched to fill the plot.
    expect(zoomedThreatDomain(series({ band: null, expected: [50, 50.5, 51] }))).toEqual([45, 65]);
    expect(zoomedThreatDomain(series({ band: null, expected: [52, 58] }))).toEqual([45, 65]);
    // At the scale's ends the range shifts inside 0–100 rather than shrinking.
    expect(zoomedThreatDomain(series({ band: null, expected: [97, 99] }))).toEqual([80, 100]);
    expect(zoomedThreatDomain(series({ band: null, expected: [0.5, 2] }))).toEqual([0, 20]);
    const cases: number[][] = [[12.3, 18.9], [49.99, 50.01], [3, 97], [61, 61], [0, 100]];
    for (const values of cases) {
      const [lo, hi] = zoomedThreatDomain(series({ band: null, expected: values }));
      expect(lo % 5, `${values}`).toBe(0);
      expect(hi % 5, `${values}`).toBe(0);
      expect(hi - lo, `${values}`).toBeGreaterThanOrEqual(MIN_ZOOM_SPAN);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(100);
      // Nothing drawn is clamped to the plot's edge.
      for (const v of values) expect(v >= lo && v <= hi, `${v} in [${lo}, ${hi}]`).toBe(true);
    }
  });

  it('shades exactly the threat bands inside the domain, labelled', () => {
    const g = fanGeometry({ series: series(), width: 640, height: 280, yDomain: [40, 100], showThreatBands: true });
    expect(g.threatBands.map((b) => b.label)).toEqual(['Elevated', 'High', 'Severe']);
    expect(g.margin.right).toBeGreaterThan(50);
  });
  it("keeps a marker label clear of the top value tick it may sit over", () => {
    // The top tick ("100", 12 px, centred on the plot's top edge with dy 0.32em) reaches 0.41em above it: 4.9 px.
    // A label's descenders reach about 0.24em (2.9 px) below its baseline; at 6 px above the plot they touched.
    const g = fanGeometry({ series: series(), width: 640, height: 280, yDomain: [0, 100], markers: [{ month: 0, label: 'expected path: reversal decided' }] });
    const tickTop = -(0.73 - 0.32) * 12;
    for (const m of g.markers) expect(m.labelY + 0.24 * 12).toBeLessThan(tickTop);
  });

  it('keeps marker labels from overlapping by stacking them', () => {
    const markers = [
      { month: 2, label: 'reversal decided (P=0.64 by month 24)' },
      { month: 3, label: 'operations resume (P=0.45 by month 24)' },
    ];
    const g = fanGeometry({ series: series(), width: 390, height: 280, markers });
    expect(g.markers).toHaveLength(2);
    expect(g.markers[0].labelY).not.toBe(g.markers[1].labelY);
    // Labels stay inside the SVG at 390 px.
    for (const m of g.markers) {
      expect(g.margin.left + m.labelX).toBeGreaterThanOrEqual(0);
      expect(g.margin.left + m.labelX + Math.max(...m.lines.map(estimateWidth))).toBeLessThanOrEqual(390.5);
    }
  });
  it.each([
    [390, [6, 9]],
    [640, [6, 9]],
    [390, [22, 23]],
    [390, [1, 2, 3]],
    [900, [4, 6, 12]],
  ])('at %i px, markers at months %j: no label overlaps a label or crosses a marker line', (width, months) => {
    const s = series({ band: null, expected: Array.from({ length: 25 }, () => 50) });
    const markers = months.map((m, i) => ({ month: m, label: `${i % 2 ? 'operations resume' : 'reversal decided'} (P=0.64 by month 24)` }));
    const g = fanGeometry({ series: s, width, height: 280, markers });
    // A label's lowest row, and its rows (two when wrapped).
    const row = (m: (typeof g.markers)[number]) => Math.round((-6 - m.labelY) / 14);
    const top = (m: (typeof g.markers)[number]) => row(m) + m.lines.length - 1;
    // Widths as wide as the layout assumes without a DOM (wider than the old 6.3 px a character).
    const span = (m: (typeof g.markers)[number]) => [m.labelX, m.labelX + Math.max(...m.lines.map(estimateWidth))] as const;
    for (const a of g.markers) {
      const [a0, a1] = span(a);
      expect(a.lines.join(' ')).toBe(a.label);
      expect(g.margin.left + a0).toBeGreaterThanOrEqual(0);
      expect(g.margin.left + a1).toBeLessThanOrEqual(width + 0.5);
      for (const b of g.markers) {
        if (a === b) continue;
        const [b0, b1] = span(b);
        if (row(a) <= top(b) && row(b) <= top(a)) expect(a1 < b0 || b1 < a0).toBe(true);
        // b's line runs from its own label down to the plot, through every lower row.
        if (row(a) < row(b)) expect(b.x < a0 || b.x > a1).toBe(true);
      }
    }
  });

  it('keeps the composite chart\'s marker labels inside a phone-width SVG (real text is wider than 6.3 px a character)', () => {
    // The default scenario at 390×844: the SVG is 366 px wide; markers at months 6 and 9 of 24.
    const s = series({ band: null, expected: Array.from({ length: 25 }, () => 50) });
    const markers = [
      { month: 6, label: 'reversal decided (P=0.79 by month 24)' },
      { month: 9, label: 'operations resume (P=0.79 by month 24)' },
    ];
    for (const width of [320, 366, 390]) {
      // Without a DOM (the layout's own estimate), and with a font 8 px a character wide.
      for (const textWidth of [undefined, (t: string) => t.length * 8]) {
        const g = fanGeometry({ series: s, width, height: 280, markers, yDomain: [0, 100], showThreatBands: true, yLabel: 'threat index', textWidth });
        const w = textWidth ?? estimateWidth;
        for (const m of g.markers) {
          expect(g.margin.left + m.labelX).toBeGreaterThanOrEqual(0);
          expect(g.margin.left + m.labelX + Math.max(...m.lines.map(w))).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('puts a label left of its line when it does not fit on the right, and wraps it when it fits on neither side', () => {
    const s = series({ band: null, expected: Array.from({ length: 25 }, () => 50) });
    const label = 'operations resume (P=0.79 by month 24)';
    const near = fanGeometry({ series: s, width: 640, height: 280, markers: [{ month: 22, label }] }).markers[0];
    expect(near.lines).toEqual([label]);
    expect(near.labelX + estimateWidth(label)).toBeLessThanOrEqual(near.x - 3);
    // 20 px a character: 760 px in one line, wider than the whole 640 px chart.
    const g = fanGeometry({ series: s, width: 640, height: 280, markers: [{ month: 12, label }], textWidth: (t) => t.length * 20 });
    expect(g.markers[0].lines).toEqual(['operations resume', '(P=0.79 by month 24)']);
    expect(g.margin.top).toBeGreaterThanOrEqual(10 + 2 * 14);
    expect(g.margin.left + g.markers[0].labelX + 20 * '(P=0.79 by month 24)'.length).toBeLessThanOrEqual(640);
    // Two markers whose one-line labels cannot avoid each other's lines at 366 px: wrapped, none crossed.
    const two = fanGeometry({
      series: s, width: 366, height: 280, yDomain: [0, 100], showThreatBands: true, yLabel: 'threat index',
      markers: [{ month: 6, label: 'reversal decided (P=0.79 by month 24)' }, { month: 9, label }],
    });
    expect(two.markers.some((m) => m.lines.length === 2)).toBe(true);
  });

  it('draws a step curve for cumulative probabilities', () => {
    const s = series({ band: null, expected: null, overlays: [{ label: 'p', values: [0, 0.5, 1] }] });
    const linear = fanGeometry({ series: s, width: 640, height: 280, yDomain: [0, 1] }).paths.overlays[0].d;
    const step = fanGeometry({ series: s, width: 640, height: 280, yDomain: [0, 1], curve: 'step' }).paths.overlays[0].d;
    expect(step).not.toBe(linear);
    expect(step.split('L').length).toBeGreaterThan(linear.split('L').length);
  });
  it('maps pointer positions to months and clamps them', () => {
    const g = fanGeometry({ series: series(), width: 640, height: 280 });
    expect(monthAt(g, g.margin.left + g.x(3) + 2)).toBe(3);
    expect(monthAt(g, -50)).toBe(0);
    expect(monthAt(g, 5000)).toBe(horizonOf(series()));
  });
});

describe('keyToMonth', () => {
  it.each([
    ['ArrowRight', 3, 4],
    ['ArrowRight', 24, 24],
    ['ArrowLeft', 3, 2],
    ['ArrowLeft', 0, 0],
    ['Home', 10, 0],
    ['End', 1, 24],
    ['PageUp', 1, 7],
    ['ArrowRight', null, 0],
    ['a', 3, null],
  ] as const)('%s from %s → %s', (key, from, to) => {
    expect(keyToMonth(key, from, 24)).toBe(to);
  });
});

describe('overlay colours', () => {
  it('keep a line in its own style when one before it is missing (a pin still computing or failed)', () => {
    const s = { band: null, expected: null, baseline: null, overlays: [{ label: 'third pin', values: [50, 51, 52], style: 2 }] };
    expect(fanLegend(s)[0]).toMatchObject({ kind: 'overlay', label: 'third pin', ...OVERLAY_STYLES[2] });
    const g = fanGeometry({ series: s, width: 600, height: 280 });
    expect(g.paths.overlays[0]).toMatchObject(OVERLAY_STYLES[2]);
    // Without a style, the place in the list decides, as before.
    expect(fanLegend({ ...s, overlays: [{ label: 'first', values: [50, 51, 52] }] })[0]).toMatchObject(OVERLAY_STYLES[0]);
  });
});
