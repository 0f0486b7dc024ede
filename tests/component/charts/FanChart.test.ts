import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import FanChart from '../../../src/ui/charts/FanChart.svelte';
import { band } from './fixtures';

const base = {
  title: 'Composite threat',
  band: band([50, 55, 59, 62, 64]),
  expected: [50, 54, 58, 61, 63],
  yDomain: [0, 100] as [number, number],
  valueFormat: '.0f',
  tableFormat: '.1f',
  tableCaption: 'Composite threat by month',
};

const medianPath = (c: HTMLElement) => c.querySelector('path.sd-median')?.getAttribute('d');

describe('FanChart', () => {
  it('names the chart with a headline that reflects the data', () => {
    render(FanChart, base);
    expect(screen.getByRole('heading', { name: 'Composite threat' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Composite threat, median 64 at month 4, 90% between 59 and 69' })).toBeInTheDocument();
  });

  it("draws a reference line's label over the data lines, with a halo", () => {
    // Drawn under them, "no effect" and "trigger threshold" were crossed out by the median and expected lines.
    const { container } = render(FanChart, { ...base, rules: [{ value: 56, label: 'trigger threshold' }] });
    const label = within(container.querySelector('svg') as unknown as HTMLElement).getByText('trigger threshold');
    expect(label).toHaveClass('sd-halo');
    const expected = container.querySelector('path.sd-expected')!;
    expect(expected.compareDocumentPosition(label) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('a threat chart on the 0–100 scale can zoom its axis to the runs, and says so in the image and its name', async () => {
    const { container } = render(FanChart, { ...base, showThreatBands: true, yLabel: 'threat index' });
    const zoom = screen.getByRole('button', { name: 'Zoom the axis to the runs' });
    expect(zoom).toHaveAttribute('aria-pressed', 'false');
    const ticks = () => [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(ticks()).toContain('100');
    await fireEvent.click(zoom);
    expect(zoom).toHaveAttribute('aria-pressed', 'true');
    // band([50 … 64]) spans 45–69: the axis runs 45–70 and the bands outside it are not shaded.
    expect(ticks()).not.toContain('100');
    expect(ticks()).toContain('threat index (axis zoomed to 45–70)');
    expect(screen.getByRole('img', { name: /90% between 59 and 69\. Value axis zoomed to 45–70\.$/ })).toBeInTheDocument();
    const bands = [...container.querySelectorAll('svg text')].map((t) => t.textContent);
    expect(bands).not.toContain('Low');
    expect(bands).toContain('High');
    await fireEvent.click(zoom);
    expect(ticks()).toContain('100');
    expect(screen.getByRole('img', { name: 'Composite threat, median 64 at month 4, 90% between 59 and 69' })).toBeInTheDocument();
  });

  it('remembers a zoom for the visit when the chart is drawn afresh (another view and back)', async () => {
    const first = render(FanChart, { ...base, title: 'Remembered', showThreatBands: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Zoom the axis to the runs' }));
    first.unmount();
    render(FanChart, { ...base, title: 'Remembered', showThreatBands: true });
    const again = screen.getByRole('button', { name: 'Zoom the axis to the runs' });
    expect(again).toHaveAttribute('aria-pressed', 'true');
    await fireEvent.click(again);
    expect(again).toHaveAttribute('aria-pressed', 'false');
  });

  it('offers no zoom where the axis is not the whole threat scale, or in a small multiple', () => {
    render(FanChart, { ...base, yDomain: null });
    render(FanChart, { ...base, showThreatBands: true, compact: true });
    expect(screen.queryByRole('button', { name: 'Zoom the axis to the runs' })).toBeNull();
  });

  it('"Show data" reveals a table whose cells are the band values', async () => {
    render(FanChart, base);
    const button = screen.getByRole('button', { name: 'Show data' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('table')).toBeNull();
    await fireEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const table = screen.getByRole('table', { name: 'Composite threat by month' });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(headers).toEqual(['Month', 'p5', 'p25', 'median', 'p75', 'p95', 'mean', 'expected path']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(5);
    const month2 = within(rows[2]).getAllByRole('cell').map((c) => c.textContent);
    expect(month2).toEqual(['54.0', '57.0', '59.0', '61.0', '64.0', '59.5', '58.0']);
    await fireEvent.click(button);
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('redraws when the data change', async () => {
    const { container, rerender } = render(FanChart, base);
    const before = medianPath(container);
    expect(before).toMatch(/^M/);
    await rerender({ ...base, band: band([50, 60, 70, 75, 80]) });
    expect(medianPath(container)).not.toBe(before);
    expect(screen.getByRole('img', { name: /median 80 at month 4/ })).toBeInTheDocument();
  });

  it('draws the expected path alone while the ensemble computes', () => {
    const { container } = render(FanChart, { ...base, band: null });
    expect(container.querySelector('path.sd-median')).toBeNull();
    expect(container.querySelector('path.sd-band-outer')).toBeNull();
    expect(container.querySelector('path.sd-expected')?.getAttribute('d')).toMatch(/^M/);
    expect(screen.getByRole('img', { name: /expected path 63 at month 4 \(ensemble still computing\)/ })).toBeInTheDocument();
    expect(screen.getByText('expected path')).toBeInTheDocument();
  });

  it('moves a month cursor with the keyboard and reads it out', async () => {
    render(FanChart, base);
    const plot = screen.getByRole('slider', { name: 'Composite threat: month' });
    expect(plot).toHaveAttribute('tabindex', '0');
    await fireEvent.focus(plot);
    const live = document.querySelector('[aria-live="polite"]')!;
    expect(live).toHaveTextContent(/^Month 0: median 50/);
    await fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(live).toHaveTextContent('Month 1: median 55 (middle half 53 to 57, 90% 50 to 60); expected path 54');
    expect(plot).toHaveAttribute('aria-valuenow', '1');
    await fireEvent.keyDown(plot, { key: 'End' });
    expect(live).toHaveTextContent(/^Month 4: median 64/);
    await fireEvent.keyDown(plot, { key: 'ArrowRight' });
    expect(live).toHaveTextContent(/^Month 4:/);
    await fireEvent.keyDown(plot, { key: 'Home' });
    expect(live).toHaveTextContent(/^Month 0:/);
    await fireEvent.blur(plot);
    expect(live).toHaveTextContent('');
  });

  it('shows the month under the pointer', async () => {
    const { container } = render(FanChart, base);
    const plot = screen.getByRole('slider');
    // jsdom has no layout: the chart falls back to 640 px and offsetX is read directly.
    const ev = new MouseEvent('pointermove', { bubbles: true });
    Object.defineProperty(ev, 'offsetX', { value: 640 - 20 });
    await fireEvent(plot, ev);
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(/^Month 4:/);
    expect(container.querySelector('.sd-cursor')).not.toBeNull();
    await fireEvent.pointerLeave(plot);
    expect(container.querySelector('.sd-cursor')).toBeNull();
  });

  it('a tap reads the month under the finger, not month 0', async () => {
    render(FanChart, base);
    const plot = screen.getByRole('slider');
    // A tap: down, focus, up, leave, and no move in between.
    const down = new MouseEvent('pointerdown', { bubbles: true });
    Object.defineProperty(down, 'offsetX', { value: 640 - 20 });
    await fireEvent(plot, down);
    await fireEvent.focus(plot);
    await fireEvent.pointerUp(plot);
    await fireEvent.pointerLeave(plot);
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(/^Month 4:/);
    expect(plot).toHaveAttribute('aria-valuenow', '4');
  });

  it('renders markers with their labels, and threat bands labelled at the edge', () => {
    const { container } = render(FanChart, {
      ...base,
      showThreatBands: true,
      markers: [{ month: 2, label: 'reversal decided (P=0.64 by month 24)' }],
    });
    const svg = container.querySelector('svg')!;
    expect(within(svg as unknown as HTMLElement).getByText('reversal decided (P=0.64 by month 24)')).toBeInTheDocument();
    expect(container.querySelectorAll('line.sd-marker')).toHaveLength(1);
    for (const name of ['Low', 'Guarded', 'Elevated', 'High', 'Severe']) {
      expect(within(svg as unknown as HTMLElement).getByText(name)).toBeInTheDocument();
    }
  });

  it('draws up to four overlays with distinct colours and dashes, plus a dotted baseline', () => {
    const overlays = ['A', 'B', 'C', 'D', 'E'].map((label, i) => ({ label, values: [50, 50 + i, 50 + 2 * i, 50, 50] }));
    const { container } = render(FanChart, { ...base, overlays, baseline: band([50, 50, 50, 50, 50]) });
    const paths = [...container.querySelectorAll('path.sd-overlay')];
    expect(paths.map((p) => p.getAttribute('data-label'))).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(paths.map((p) => p.getAttribute('stroke'))).size).toBe(4);
    expect(new Set(paths.map((p) => p.getAttribute('stroke-dasharray'))).size).toBe(4);
    expect(container.querySelector('path.sd-baseline')).not.toBeNull();
    const legend = container.querySelector('.sd-legend') as HTMLElement;
    expect(within(legend).getByText('no pause')).toBeInTheDocument();
    expect(within(legend).queryByText('E')).toBeNull();
  });

  it('uses a responsive viewBox at the measured width (640 px when unmeasured)', () => {
    const { container } = render(FanChart, base);
    const svg = container.querySelector('svg')!;
    expect(svg.getAttribute('viewBox')).toBe('0 0 640 280');
    expect(svg.getAttribute('width')).toBe('100%');
  });

  it('keeps every font size in the chart theme at 11 px or more', () => {
    // Sizes are px, rem, or steps of the app's type scale (--fs-* in app.css, in rem of 16 px).
    const read = (file: string) => readFileSync(resolve(process.cwd(), file), 'utf8');
    const scale = new Map([...read('src/app.css').matchAll(/(--fs-[\w-]+):\s*([\d.]+)rem/g)].map((m) => [m[1], Number(m[2]) * 16]));
    const px = (value: string) => {
      const step = /^var\((--fs-[\w-]+)\)$/.exec(value);
      if (step) return scale.get(step[1]) ?? NaN;
      const m = /^([\d.]+)(px|rem)$/.exec(value);
      return m ? Number(m[1]) * (m[2] === 'rem' ? 16 : 1) : NaN;
    };
    const sizes = [...read('src/ui/charts/chart-theme.css').matchAll(/font-size:\s*([^;]+);/g)].map((m) => px(m[1].trim()));
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every(Number.isFinite)).toBe(true);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
  });
});
