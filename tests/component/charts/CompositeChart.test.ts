import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { format } from 'd3-format';
import CompositeChart from '../../../src/ui/charts/CompositeChart.svelte';
import { reversalMarkers, reversalNote } from '../../../src/ui/charts/compositeChart';
import { fakeRun, fakeSummary } from './fixtures';
import { realResults } from './engine';

describe('CompositeChart', () => {
  it('labels reversal and re-engagement markers with their probabilities', () => {
    const { container } = render(CompositeChart, { run: fakeRun(), summary: fakeSummary() });
    const svg = container.querySelector('svg') as unknown as HTMLElement;
    expect(within(svg).getByText('reversal decided (P=0.64 by month 4)')).toBeInTheDocument();
    expect(within(svg).getByText('operations resume (P=0.45 by month 4)')).toBeInTheDocument();
    expect(container.querySelector('path.sd-baseline')).not.toBeNull();
    expect(screen.getByRole('img', { name: /^Composite threat, median 64 at month 4, 90% between 59 and 69\./ })).toBeInTheDocument();
  });

  it('shows the expected path alone, with its markers, while the ensemble computes', () => {
    const { container } = render(CompositeChart, { run: fakeRun(), summary: null });
    expect(container.querySelector('path.sd-median')).toBeNull();
    expect(container.querySelector('path.sd-expected')).not.toBeNull();
    expect(screen.getByText('reversal decided (expected path)')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /expected path 63 at month 4 \(ensemble still computing\)/ })).toBeInTheDocument();
  });

  it('draws pinned comparison medians as labelled overlays', () => {
    const { container } = render(CompositeChart, {
      run: fakeRun(),
      summary: fakeSummary(),
      overlays: [{ label: 'Pinned: diplomatic', values: [50, 51, 52, 53, 54] }],
    });
    expect(container.querySelector('path.sd-overlay[data-label="Pinned: diplomatic"]')).not.toBeNull();
    expect(within(container.querySelector('.sd-legend') as HTMLElement).getByText('Pinned: diplomatic')).toBeInTheDocument();
  });

  it('matches a real ensemble: headline and table come from the summary', async () => {
    const { run, summary } = realResults();
    render(CompositeChart, { run, summary });
    const f = format('.0f');
    const c = summary.series.composite;
    expect(
      screen.getByRole('img', {
        name: new RegExp(`^Composite threat, median ${f(c.p50[24])} at month 24, 90% between ${f(c.p5[24])} and ${f(c.p95[24])}`),
      }),
    ).toBeInTheDocument();
    expect(screen.getByText(`reversal decided (P=${format('.2f')(summary.probReversedBy[24])} by month 24)`)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Show data' }));
    const table = screen.getByRole('table', { name: 'Composite threat by month' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(26);
    const last = within(rows[25]).getAllByRole('cell').map((td) => td.textContent);
    const g = format('.1f');
    expect(last.slice(0, 7)).toEqual([c.p5, c.p25, c.p50, c.p75, c.p95, c.mean, run.composite].map((a) => g(a[24])));
    expect(last[7]).toBe(g(summary.baseline.composite.p50[24]));
  });
});

describe('compositeChart view model', () => {
  it('places no markers when the expected path never reverses, and says how often runs do', () => {
    const run = fakeRun({ reversalMonth: null, reengageMonth: null });
    expect(reversalMarkers(run, fakeSummary())).toEqual([]);
    expect(reversalNote(run, fakeSummary())).toBe(
      'On the expected path the pause is never reversed; 64% of runs decide a reversal by month 4.',
    );
    expect(reversalNote(fakeRun(), null)).toBe(
      'On the expected path the reversal is decided in month 2 and operations resume in month 3.',
    );
  });
});
