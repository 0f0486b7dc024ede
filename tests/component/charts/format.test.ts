/** Shared number formatting: threat numbers that agree with their band, and one signed one-decimal format. */
import { describe, expect, it } from 'vitest';
import { bandOf } from '../../../src/model/parameters';
import { formatter, signed1, threatDecimals, threatNumber, unsignZero } from '../../../src/ui/charts/format';
import { threatText } from '../../../src/ui/charts/summaryCards';
import { effectParts, effectText, KEY_ROWS } from '../../../src/ui/pages/compareFormat';
import { fanGeometry, fanHeadline, fanTable } from '../../../src/ui/charts/fanChart';
import type { KeyNumbers } from '../../../src/state/compare';

describe('threat numbers never contradict their band', () => {
  it.each([
    [59.991, '59.99'],
    [59.9929, '59.99'],
    [59.95, '59.95'],
    [19.95, '19.95'],
    [39.95, '39.95'],
    [79.95, '79.95'],
    [59.999, '59.999'],
    [59.99999, '59.9999'],
    [59.94, '59.9'],
    [60.04, '60.0'],
    [45.55, '45.6'],
  ])('%f to one decimal reads %s', (v, text) => {
    expect(threatNumber(v, 1)).toBe(text);
    expect(bandOf(Number(text))).toBe(bandOf(v));
  });

  it('summary cards: whole points, with decimals only where rounding would cross an edge', () => {
    expect(threatText(59.96)).toBe('59.96');
    expect(threatText(59.7)).toBe('59.7');
    expect(threatText(19.97)).toBe('19.97');
    expect(threatText(63.2)).toBe('63');
  });

  it('holds for values all over the scale and right at the edges', () => {
    const values = [...Array.from({ length: 5001 }, (_, i) => i / 50), ...[20, 40, 60, 80].flatMap((e) => [e - 1e-3, e - 0.049, e - 0.05, e - 0.051, e - 0.0049, e - 5e-6])];
    for (const v of values) {
      for (const min of [0, 1]) {
        const text = threatNumber(v, min);
        expect(bandOf(Number(text)), `${v} → ${text}`).toBe(bandOf(v));
        expect(text.split('.')[1]?.length ?? 0).toBe(threatDecimals(v, min));
      }
    }
  });

  it('the Compare table peak row shows 59.99, not 60.0', () => {
    const spread = (median: number, low: number, high: number) => ({ median, low, high });
    const k = { peakComposite: spread(59.991, 55.2, 79.97) } as unknown as KeyNumbers;
    expect(KEY_ROWS[0].cell(k)).toBe('59.99 (55.2–79.97)');
  });

  it('the Compare table reversal row puts "never" first when most runs never reverse', () => {
    const row = KEY_ROWS.find((r) => r.label.startsWith('Reversal decided'))!;
    const at = (median: number | null, probNever: number) => row.cell({ reversal: { median, probNever } } as unknown as KeyNumbers);
    // The median month is over the runs that reverse: month 10 is not the typical run when two in three never reverse.
    expect(at(10, 0.667)).toBe('never in 67% of runs; the rest: month 10');
    expect(at(6, 0.2)).toBe('month 6 (never in 20% of runs)');
    expect(at(6, 0)).toBe('month 6');
    expect(at(null, 1)).toBe('never');
  });
});

describe('signed one-decimal values', () => {
  it.each([
    [0.04, '0.0'],
    [-0.04, '0.0'],
    [-0, '0.0'],
    [0, '0.0'],
    [0.06, '+0.1'],
    [-0.06, '−0.1'],
    [6.24, '+6.2'],
    [-12.35, '−12.3'],
    [Number.NaN, '—'],
  ])('%f reads %s', (v, text) => {
    expect(signed1(v)).toBe(text);
    expect(formatter('+.1f')(v)).toBe(text);
  });

  it('drops the sign of anything shown as zero', () => {
    expect(unsignZero('+0')).toBe('0');
    expect(unsignZero('−0.00')).toBe('0.00');
    expect(unsignZero('+0%')).toBe('0%');
    expect(unsignZero('+0.1')).toBe('+0.1');
    expect(unsignZero('−10')).toBe('−10');
    expect(formatter('+,.0f')(0.3)).toBe('0');
  });

  it('Compare shows 0.0 where it showed ±0.0', () => {
    const s = { median: 0.02, low: -0.04, high: 1.26 };
    expect(effectParts(s)).toEqual({ median: '0.0', band: '0.0 to +1.3' });
    expect(effectText({ median: -0.3, low: -1.04, high: 0.01 })).toBe('−0.3 (90%: −1.0 to 0.0)');
  });

  it('the pause-effect chart: "0" on the axis and "0.0" in headline and table, never "+0" or "−0.0"', () => {
    const series = { band: null, expected: [0, -0.02, 0.5, -0.04], baseline: null, overlays: [] };
    const g = fanGeometry({ series, width: 640, height: 280, tickFormat: '+f', yDomain: [-1, 1] });
    expect(g.yTicks.find((t) => t.value === 0)?.label).toBe('0.0');
    const wide = fanGeometry({ series, width: 640, height: 280, tickFormat: '+f', yDomain: [-10, 10] });
    expect(wide.yTicks.find((t) => t.value === 0)?.label).toBe('0');
    expect(wide.yTicks.find((t) => t.value > 0)?.label).toMatch(/^\+/);
    expect(fanHeadline('Effect', series, '+.1f')).toBe('Effect, expected path 0.0 at month 3 (ensemble still computing)');
    const rows = fanTable('t', series, '+.1f').rows;
    expect(rows.map((r) => r[1])).toEqual(['0.0', '0.0', '+0.5', '0.0']);
  });
});
