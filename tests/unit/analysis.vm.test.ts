import { describe, expect, it } from 'vitest';
import { defaultAnalysisSettings } from '../../src/analysis/settings';
import { regretTable, type PolicyGrid } from '../../src/analysis/policies';
import { WORLDS } from '../../src/analysis/worlds';
import type { Tornado } from '../../src/analysis/sensitivity';
import type { SignpostResult } from '../../src/analysis/signposts';
import { simulate } from '../../src/model/simulate';
import {
  analysisSizes, equalPriors, exampleObservations, observationMonths, observedCount, setObservation, setPrior, togglePolicy,
} from '../../src/ui/analysis/edits';
import { formatPercent } from '../../src/ui/analysis/format';
import { heatmapGeometry, heatmapHeadline, heatmapTable } from '../../src/ui/analysis/policyHeatmap';
import { chartTextWidth } from '../../src/ui/charts/textWidth';
import { posteriorGeometry, posteriorHeadline } from '../../src/ui/analysis/posteriorChart';
import { tornadoGeometry, tornadoHeadline, tornadoTable } from '../../src/ui/analysis/tornadoChart';
import { scenario } from './analysis.helpers';

const param = (id: string, label: string, symbol: string) => ({ id, label, symbol, unit: '' });
const sampleTornado: Tornado = {
  metric: 'incidents',
  base: 1000,
  bars: [
    { param: param('e', 'Escalation ceiling', 'e'), low: 0.4, high: 3, valueAtLow: 800, valueAtHigh: 1600, swing: 800 },
    { param: param('d', 'Restraint depth', 'd'), low: 0.05, high: 0.4, valueAtLow: 1100, valueAtHigh: 900, swing: 200 },
  ],
  inert: [param('k', 'Trigger months', 'k')],
};

describe('tornado view model', () => {
  const g = tornadoGeometry(sampleTornado, 640);

  it('draws bars from the base to each end', () => {
    expect(g.rows.map((r) => r.id)).toEqual(['e', 'd']);
    const [e, d] = g.rows;
    expect(e.high.y - e.low.y).toBeCloseTo(g.barHeight, 0);
    expect(e.low.x + e.low.width).toBeCloseTo(g.baseX, 0);
    expect(e.high.x).toBeCloseTo(g.baseX, 0);
    expect(e.high.width).toBeGreaterThan(e.low.width);
    // A parameter whose high end lowers the outcome: its high bar lies left of the base.
    expect(d.high.x + d.high.width).toBeCloseTo(g.baseX, 0);
    expect(d.low.text).toBe('0.05');
    expect(g.ticks.length).toBeGreaterThan(1);
    expect(tornadoGeometry(sampleTornado, 640, 1).rows).toHaveLength(1);
  });

  it('writes names beside the bars when they fit, on a line above them on a phone', () => {
    // Beside: anchored at their end, left of the bars, level with the row's bars.
    const [e] = g.rows;
    expect(e.labelAnchor).toBe('end');
    expect(e.labelX).toBeLessThan(0);
    expect(e.labelY).toBeCloseTo(e.low.y + g.barHeight, 0);
    // A long name on a 366 px phone column (the sector parameters' names are this long): above its bars, all of it inside the chart.
    const long = { ...sampleTornado, bars: sampleTornado.bars.map((b) => ({ ...b, param: param(b.param.id, 'Allies: reported incidents a month', 'b[allies]') })) };
    const phone = tornadoGeometry(long, 366);
    expect(phone.rows.map((r) => r.labelAnchor)).toEqual(['start', 'start']);
    for (const [i, r] of phone.rows.entries()) {
      expect(phone.margin.left + r.labelX).toBe(0);
      expect(r.label.length * 6.3).toBeLessThanOrEqual(phone.width);
      // The name's line ends before its bars begin, and the bars before the next row's name.
      expect(r.labelY + 8).toBeLessThanOrEqual(r.low.y);
      if (i > 0) expect(phone.rows[i - 1].high.y + phone.barHeight).toBeLessThanOrEqual(r.labelY - 6);
    }
    expect(phone.height).toBeGreaterThan(tornadoGeometry(sampleTornado, 366).height);
  });

  it('wraps a name too long for a narrow chart onto lines of its own above its bars, and leaves room for them', () => {
    const name = 'Infrastructure: reported incidents a month, counted by the sector regulator';
    const long = { ...sampleTornado, bars: sampleTornado.bars.map((b) => ({ ...b, param: param(b.param.id, name, 'b[infrastructure]') })) };
    const phone = tornadoGeometry(long, 320);
    for (const [i, r] of phone.rows.entries()) {
      expect(r.labelLines.length).toBeGreaterThan(1);
      expect(r.labelLines.join(' ')).toBe(r.label);
      for (const line of r.labelLines) expect(chartTextWidth(line)).toBeLessThanOrEqual(phone.width - 8);
      // The last line ends before the row's bars begin, and the bars before the next row's first line.
      expect(r.labelY + (r.labelLines.length - 1) * r.lineStep + 8).toBeLessThanOrEqual(r.low.y);
      if (i > 0) expect(phone.rows[i - 1].high.y + phone.barHeight).toBeLessThanOrEqual(r.labelY - 6);
    }
  });

  it('leaves room for the value printed left of the leftmost bar, clear of the names', () => {
    for (const geo of [g, tornadoGeometry(sampleTornado, 366)]) {
      const [e] = geo.rows;
      // Escalation ceiling's low end (0.4) is the smallest outcome: its bar reaches the scale's left end.
      expect(e.low.left).toBe(true);
      const textStart = e.low.end - 3 - e.low.text.length * 7;
      // Names beside the bars end 8 px left of the scale; names above leave the whole margin.
      expect(textStart).toBeGreaterThanOrEqual(e.labelAnchor === 'end' ? 0 : -geo.margin.left);
    }
  });

  it('says what moves the outcome most, and tabulates every bar', () => {
    expect(tornadoHeadline(sampleTornado)).toBe(
      'Cumulative reported incidents (all sectors): escalation ceiling (e) moves it most, from 800 to 1,600 (expected path 1,000); 2 parameters move it',
    );
    expect(tornadoHeadline({ ...sampleTornado, bars: [] })).toMatch(/no single parameter moves it/);
    const t = tornadoTable(sampleTornado);
    expect(t.rows[1]).toEqual(['Restraint depth (d)', '0.05', '1,100', '0.4', '900', '200']);
  });
});

describe('policy heatmap view model', () => {
  const grid: PolicyGrid = {
    runs: 10, seed: 's', noise: false, horizon: 12,
    policies: [
      { id: 'none', label: 'No pause', kind: null },
      { id: 'indefinite', label: 'Indefinite pause', kind: 'indefinite' },
    ],
    worlds: [...WORLDS],
    values: {
      incidents: [WORLDS.map((_, i) => 100 + i), WORLDS.map((_, i) => (i < 8 ? 101 + i : 95))],
      peak: [WORLDS.map(() => 50), WORLDS.map(() => 55)],
      high: [WORLDS.map(() => 0), WORLDS.map(() => 1)],
      cost: [WORLDS.map(() => 10), WORLDS.map(() => 12)],
    },
  };
  const table = regretTable(grid.values.incidents);

  it('shades each cell by regret and marks the best and the minimax row', () => {
    const g = heatmapGeometry(grid, table, 'incidents', 720);
    expect(g.cells).toHaveLength(18);
    const best = g.cells.filter((c) => c.best);
    expect(best).toHaveLength(9);
    expect(best.every((c) => c.text === 'best' && c.opacity === 0.05)).toBe(true);
    const worst = g.cells.reduce((a, c) => (c.opacity > a.opacity ? c : a));
    expect(worst.opacity).toBe(0.9);
    expect(worst.dark).toBe(true);
    expect(g.groups.map((x) => x.label)).toEqual(['Deprioritized', 'Diplomatic signal', 'Reallocation']);
    expect(g.columns.slice(0, 3).map((c) => c.label)).toEqual(['Restraint', 'Free hits', 'No change']);
    expect(g.rows.filter((r) => r.minimax).map((r) => r.label)).toEqual(['Indefinite pause']);
    // The best cells' 1 px outline, half outside the cell, stays inside the image (it was clipped at the right edge).
    expect(Math.max(...g.cells.map((c) => c.x + g.cellWidth)) + 0.5).toBeLessThanOrEqual(g.width);
  });

  it('never draws a column narrower than its name or its numbers: a narrow screen scrolls instead', () => {
    const g = heatmapGeometry(grid, table, 'incidents', 300);
    const step = g.columns[1].x - g.columns[0].x;
    for (const c of g.columns) expect(step).toBeGreaterThanOrEqual(chartTextWidth(c.label));
    for (const c of g.cells) expect(g.cellWidth).toBeGreaterThanOrEqual(chartTextWidth(c.text) + 8);
    expect(g.width).toBeGreaterThan(300);
    for (const r of g.rows) expect(g.left).toBeGreaterThan(chartTextWidth(`★ ${r.label}`));
    // Given room, it takes all of it.
    expect(heatmapGeometry(grid, table, 'incidents', 2000).width).toBe(2000);
  });

  it('headline and table', () => {
    expect(heatmapHeadline(grid, table, 'incidents')).toMatch(/^Regret in cumulative reported incidents .*: Indefinite pause has the smallest worst-case regret \(1\); Indefinite pause is best on average$/);
    const t = heatmapTable(grid, table, 'incidents');
    expect(t.columns).toHaveLength(11);
    expect(t.rows[0][1]).toBe('100 (regret 0)');
    expect(t.rows[0][9]).toBe('108 (regret 13)');
  });
});

describe('posterior view model', () => {
  const worlds = WORLDS.map((w, i) => ({ id: w.id, label: w.label, prior: 1 / 9, posterior: i === 1 ? 0.6 : 0.05 }));
  const result = {
    worlds,
    responses: [
      { id: 'restraint', label: 'Reciprocal restraint', prior: 1 / 3, posterior: 0.15 },
      { id: 'free-hits', label: 'Free hits', prior: 1 / 3, posterior: 0.7 },
      { id: 'skeptic', label: 'No change', prior: 1 / 3, posterior: 0.15 },
    ],
    used: [{ sector: 'health', month: 1, count: 3 }],
  } as unknown as SignpostResult;

  it('bars on a 0–100% scale and a headline naming the likeliest world and answer', () => {
    const g = posteriorGeometry(result, 640);
    expect(g.rows[1].posterior).toBeCloseTo(0.6 * g.innerWidth, 0);
    expect(g.ticks.at(-1)!.label).toBe('100%');
    expect(posteriorHeadline(result)).toBe(
      "After 1 observed count: most likely Deprioritized, Free hits (60%, prior 11%); Russia's answer most likely Free hits (70%)",
    );
  });

  it('keeps room for its ticks on a phone by writing the names above the bars', () => {
    const wide = posteriorGeometry(result, 640);
    expect(wide.rows.every((r) => r.labelAnchor === 'end' && r.labelX < 0)).toBe(true);
    const phone = posteriorGeometry(result, 366);
    expect(phone.rows.every((r) => r.labelAnchor === 'start' && phone.left + r.labelX === 0)).toBe(true);
    // Six ticks (0–100 %), each label about 28 px wide, need more than 6 × 28 px of scale.
    expect(phone.innerWidth).toBeGreaterThan(6 * 28);
    for (const [i, r] of phone.rows.entries()) {
      expect(r.labelY + 7).toBeLessThanOrEqual(r.y);
      if (i > 0) expect(phone.rows[i - 1].y + phone.rows[i - 1].barHeight).toBeLessThanOrEqual(r.labelY - 6);
    }
    expect(phone.rows.at(-1)!.y + phone.rows.at(-1)!.barHeight).toBeLessThanOrEqual(phone.height);
  });

  it('percentages', () => {
    expect([formatPercent(0.001), formatPercent(0.5), formatPercent(0.999), formatPercent(NaN)]).toEqual(['<1%', '50%', '>99%', '—']);
  });
});

describe('settings edits', () => {
  const d = defaultAnalysisSettings();

  it('sets, replaces and clears a count; refuses anything but a whole number from 0', () => {
    const a = setObservation(d, 'health', 2, '31');
    const b = setObservation(a, 'health', 1, ' 25 ');
    expect(b.observations).toEqual([
      { sector: 'health', month: 1, count: 25 },
      { sector: 'health', month: 2, count: 31 },
    ]);
    expect(observedCount(b, 'health', 2)).toBe(31);
    expect(setObservation(b, 'health', 2, '').observations).toHaveLength(1);
    for (const bad of ['-1', '2.5', 'x', '1e9']) expect(setObservation(b, 'health', 2, bad)).toBe(b);
  });

  it('shows months 0 … 3 at least, more when asked or observed, never past the horizon', () => {
    expect(observationMonths(d, 0, 24)).toEqual([0, 1, 2, 3]);
    expect(observationMonths(d, 2, 24)).toHaveLength(6);
    expect(observationMonths(setObservation(d, 'allies', 9, '200'), 0, 24)).toHaveLength(10);
    expect(observationMonths(d, 10, 6)).toHaveLength(7);
  });

  it('example counts are the expected path rounded', () => {
    const run = simulate(scenario());
    const e = exampleObservations(d, run, 3);
    expect(e.observations).toHaveLength(24);
    expect(e.observations.find((o) => o.sector === 'finance' && o.month === 2)!.count).toBe(Math.round(run.incidents.finance[2]));
  });

  it('priors and policies', () => {
    const p = setPrior(d, 'diplomatic/restraint', '2.5');
    expect(p.priors['diplomatic/restraint']).toBe(2.5);
    expect(setPrior(d, 'diplomatic/restraint', '-1')).toBe(d);
    expect(setPrior(d, 'diplomatic/restraint', '')).toBe(d);
    expect(Object.values(equalPriors(p).priors).every((w) => w === 1)).toBe(true);
    const two = { ...d, policies: ['none', 'indefinite'] };
    expect(togglePolicy(two, 'none', false)).toBe(two);
    expect(togglePolicy(two, 'trigger-56', true).policies).toEqual(['none', 'indefinite', 'trigger-56']);
    expect(togglePolicy(d, 'fixed-3', false).policies).not.toContain('fixed-3');
  });

  it('sizes follow the ensemble size within bounds', () => {
    expect(analysisSizes(1000)).toEqual({ ranking: 1000, policies: 1000, signposts: 500 });
    expect(analysisSizes(100)).toEqual({ ranking: 500, policies: 100, signposts: 100 });
    expect(analysisSizes(100_000)).toEqual({ ranking: 2000, policies: 1000, signposts: 500 });
  });
});
