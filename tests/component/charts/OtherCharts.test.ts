import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import EffectChart from '../../../src/ui/charts/EffectChart.svelte';
import CoverageChart from '../../../src/ui/charts/CoverageChart.svelte';
import ActivityChart from '../../../src/ui/charts/ActivityChart.svelte';
import ConfidenceChart from '../../../src/ui/charts/ConfidenceChart.svelte';
import ReversalChart from '../../../src/ui/charts/ReversalChart.svelte';
import { activityDomain } from '../../../src/ui/charts/activityChart';
import { reversalHeadline } from '../../../src/ui/charts/reversalChart';
import { fakeRun, fakeSummary } from './fixtures';

describe('EffectChart', () => {
  it('draws the paired pause effect around a zero line and explains the pairing', () => {
    const { container } = render(EffectChart, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Effect of the pause on composite threat, median +14.0 at month 4, 90% between +9.0 and +19.0',
    );
    expect(screen.getByText(/common random numbers/)).toBeInTheDocument();
    expect(within(container.querySelector('svg') as unknown as HTMLElement).getByText('no effect')).toBeInTheDocument();
    expect(container.querySelectorAll('line.sd-rule')).toHaveLength(1);
  });

  it('waits for the ensemble unless a baseline run gives the expected effect', () => {
    const { container, unmount } = render(EffectChart, { run: fakeRun(), summary: null });
    expect(screen.getByText('The pause effect appears when the ensemble finishes.')).toBeInTheDocument();
    expect(container.querySelector('path.sd-expected')).toBeNull();
    unmount();
    const flat = fakeRun({ composite: [50, 50, 50, 50, 50] });
    render(EffectChart, { run: fakeRun(), summary: null, baselineRun: flat });
    expect(screen.getByRole('img')).toHaveAccessibleName(/expected path \+13\.0 at month 4/);
  });
});

describe('CoverageChart', () => {
  it('shows coverage and blind spots as percentages', async () => {
    render(CoverageChart, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Intelligence coverage and blind spots, coverage (median) 55% at month 4, 90% between 50% and 60%; blind spots (median) 45%',
    );
    const plot = screen.getByRole('slider');
    await fireEvent.focus(plot);
    await fireEvent.keyDown(plot, { key: 'End' });
    expect(document.querySelector('[aria-live="polite"]')).toHaveTextContent(/blind spots \(median\) 45%$/);
  });
});

describe('ActivityChart', () => {
  it('shows state operations and the criminal ecosystem on one shared scale', () => {
    const { container } = render(ActivityChart, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('heading', { name: 'Adversary activity' })).toBeInTheDocument();
    const images = screen.getAllByRole('img');
    expect(images.map((i) => i.getAttribute('aria-label'))).toEqual([
      'State operations (R), median 1.50 at month 4, 90% between 1.25 and 1.75',
      'Criminal ecosystem (Q), median 1.25 at month 4, 90% between 1.00 and 1.50',
    ]);
    const ticks = [...container.querySelectorAll('.sd-axis')].map((a) =>
      [...a.querySelectorAll('text[x="-6"]')].map((t) => t.textContent).join(' '),
    );
    expect(ticks[0]).toBe('0.0 0.5 1.0 1.5');
    expect(ticks[1]).toBe(ticks[0]);
    expect(activityDomain(fakeRun(), fakeSummary())).toEqual([0, 1.8]);
    expect(activityDomain(fakeRun(), null)).toEqual([0, 1.5]);
    expect(container.querySelectorAll('line.sd-rule')).toHaveLength(2);
  });
});

describe('ConfidenceChart', () => {
  it('marks the pre-pause level', () => {
    render(ConfidenceChart, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('img')).toHaveAccessibleName(/median 61 at month 4/);
    expect(screen.getByText('pre-pause (70)')).toBeInTheDocument();
  });
});

describe('ReversalChart', () => {
  it('draws the two probabilities as step lines with a headline', async () => {
    const { container } = render(ReversalChart, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'Chance of reversal: by month 4, 64% of runs decide a reversal and 45% have resumed operations; the expected path decides a reversal in month 2.',
    );
    const lines = [...container.querySelectorAll('path.sd-overlay')];
    expect(lines.map((l) => l.getAttribute('data-label'))).toEqual(['reversal decided', 'operations resumed']);
    // Step lines: each month adds a horizontal and a vertical segment.
    expect(lines[0].getAttribute('d')!.split('L').length).toBeGreaterThanOrEqual(8);
    expect(screen.getByText('expected path: reversal decided')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Show data' }));
    const row = within(screen.getByRole('table', { name: 'Chance of reversal by month' })).getAllByRole('row')[4];
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['55%', '30%']);
  });

  it('waits for the ensemble but still marks the expected path', () => {
    render(ReversalChart, { run: fakeRun(), summary: null });
    expect(screen.getByText('Probabilities appear when the ensemble finishes.')).toBeInTheDocument();
    expect(screen.getByText('expected path: operations resume')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Show data' })).toBeNull();
    expect(reversalHeadline(fakeRun({ reversalMonth: null }), null)).toBe(
      'Chance of reversal: ensemble still computing; the expected path never reverses.',
    );
  });
});
