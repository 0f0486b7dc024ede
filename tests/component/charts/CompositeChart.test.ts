import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { format } from 'd3-format';
import CompositeChart from '../../../src/ui/charts/CompositeChart.svelte';
import type { Component } from 'svelte';
import { NO_PAUSE_NOTE, reversalMarkers, reversalNote } from '../../../src/ui/charts/compositeChart';
import { fanLegend, NO_SPREAD_NOTE } from '../../../src/ui/charts/fanChart';
import { runEnsemble } from '../../../src/model/ensemble';
import { initialState } from '../../../src/state/edits';
import { AppStore, storeContextKey } from '../../../src/state/store.svelte';
import { DISK_PRESETS } from '../../helpers/presets';
import { fakeRun, fakeSummary } from './fixtures';
import { realResults } from './engine';

describe('CompositeChart', () => {
  it("labels the expected path's reversal and re-engagement markers as such, the share of runs that reverse in the note", () => {
    const { container } = render(CompositeChart, { run: fakeRun(), summary: fakeSummary() });
    const svg = container.querySelector('svg') as unknown as HTMLElement;
    // "64% of runs by month 4" drawn at the expected path's month read as 64% reversing in that month.
    expect(within(svg).getByText('expected path: reversal decided')).toBeInTheDocument();
    expect(within(svg).getByText('expected path: operations resume')).toBeInTheDocument();
    expect(within(svg).queryByText(/% of runs/)).toBeNull();
    expect(screen.getByText(/64% of runs decide a reversal by month 4/)).toBeInTheDocument();
    expect(container.querySelector('path.sd-baseline')).not.toBeNull();
    expect(screen.getByRole('img', { name: /^Composite threat, median 64 at month 4, 90% between 59 and 69\./ })).toBeInTheDocument();
  });

  it('shows the expected path alone, with its markers, while the ensemble computes', () => {
    const { container } = render(CompositeChart, { run: fakeRun(), summary: null });
    expect(container.querySelector('path.sd-median')).toBeNull();
    expect(container.querySelector('path.sd-expected')).not.toBeNull();
    expect(screen.getByText('expected path: reversal decided')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /expected path 63 at month 4 \(ensemble still computing\)/ })).toBeInTheDocument();
  });

  it('draws what the US can see, and the trigger threshold it acts on, when asked (Explore)', async () => {
    const run = fakeRun();
    const { container } = render(CompositeChart, { run, summary: fakeSummary(), showPerceived: true, trigger: { threshold: 56, months: 2 } });
    expect(container.querySelector('path.sd-perceived')).not.toBeNull();
    expect(screen.getByRole('img', { name: new RegExp(`; what the US can see \\(expected path\\) ${format('.0f')(run.perceived[4])}\\.`) })).toBeInTheDocument();
    const legend = within(container.querySelector('.sd-legend') as HTMLElement);
    expect(legend.getByText('what the US can see (expected path)')).toBeInTheDocument();
    expect(within(container.querySelector('svg') as unknown as HTMLElement).getByText('trigger threshold')).toBeInTheDocument();
    expect(screen.getByText(/the trigger acts on what it sees \(2 months in a row at or above 56\)\./)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Show data' }));
    const table = screen.getByRole('table');
    const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(screen.getByText(/^p5, p25, p75, p95: the values below which 5%, 25%, 75% and 95% of the runs fall/)).toBeInTheDocument();
    const col = heads.indexOf('what the US can see (expected path)');
    expect(col).toBeGreaterThan(0);
    expect(within(table).getAllByRole('row')[2].children[col].textContent).toBe(format('.1f')(run.perceived[1]));
  });

  it('leaves the perceived line out unless asked (Compare), and the threshold out without a trigger', () => {
    const { container, unmount } = render(CompositeChart, { run: fakeRun(), summary: fakeSummary() });
    expect(container.querySelector('path.sd-perceived')).toBeNull();
    unmount();
    const other = render(CompositeChart, { run: fakeRun(), summary: fakeSummary(), showPerceived: true });
    expect(other.container.querySelector('path.sd-perceived')).not.toBeNull();
    expect(other.container.querySelector('line.sd-rule')).toBeNull();
  });

  it('draws pinned comparison medians as labelled overlays', () => {
    const { container } = render(CompositeChart, {
      run: fakeRun(),
      summary: fakeSummary(),
      overlays: [{ label: 'Pinned: diplomatic', values: [50, 51, 52, 53, 54] }],
    });
    expect(container.querySelector('path.sd-overlay[data-label="Pinned: diplomatic"]')).not.toBeNull();
    // The text alternative names the pinned line too.
    expect(screen.getByRole('img', { name: /90% between 59 and 69; Pinned: diplomatic 54\./ })).toBeInTheDocument();
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
    expect(screen.getByText(new RegExp(`${format('.0%')(summary.probReversedBy[24])} of runs decide a reversal by month 24`))).toBeInTheDocument();
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
    expect(reversalMarkers(run)).toEqual([]);
    expect(reversalNote(run, fakeSummary())).toBe(
      'On the expected path the pause is never reversed; 64% of runs decide a reversal by month 4.',
    );
    expect(reversalNote(fakeRun(), null)).toBe(
      'On the expected path the reversal is decided in month 2 and operations resume in month 3.',
    );
  });
});

describe('the no-pause baseline', () => {
  const flat = () => {
    const s = fakeSummary();
    const fifty = [50, 50, 50, 50, 50];
    s.series.composite = { p5: fifty, p25: fifty, p50: fifty, p75: fifty, p95: fifty, mean: fifty };
    s.probReversedBy = [0, 0, 0, 0, 0];
    s.probReengagedBy = [0, 0, 0, 0, 0];
    return s;
  };
  const noPauseRun = () => fakeRun({ composite: [50, 50, 50, 50, 50], reversalMonth: null, reengageMonth: null });

  it('says there is no pause, not that it is never reversed', () => {
    expect(reversalNote(noPauseRun(), flat(), true)).toBe(NO_PAUSE_NOTE);
    render(CompositeChart, { run: noPauseRun(), summary: flat(), noPause: true });
    expect(screen.getByText(/There is no pause in this scenario/)).toBeInTheDocument();
    expect(screen.queryByText(/never reversed/)).toBeNull();
    expect(screen.queryByText(/of runs decide a reversal/)).toBeNull();
  });

  it('knows the scenario from the app store when not told', () => {
    const state = initialState('no-pause', DISK_PRESETS);
    const context = new Map<unknown, unknown>([[storeContextKey, new AppStore(state)]]);
    render(CompositeChart as unknown as Component<Record<string, unknown>>, {
      props: { run: noPauseRun(), summary: flat() },
      context: context as Map<any, any>,
    });
    expect(screen.getByText(/There is no pause in this scenario/)).toBeInTheDocument();
  });

  it('lists no bands that have no width: says the runs do not differ', () => {
    const { container } = render(CompositeChart, { run: noPauseRun(), summary: flat(), noPause: true });
    const legend = within(container.querySelector('.sd-legend') as HTMLElement);
    expect(legend.queryByText('90% of runs')).toBeNull();
    expect(legend.queryByText('middle 50% of runs')).toBeNull();
    expect(legend.getByText(NO_SPREAD_NOTE)).toBeInTheDocument();
    expect(legend.getByText('median')).toBeInTheDocument();
  });

  it('the real no-pause preset: runs do not differ, and the note says so', () => {
    const sc = DISK_PRESETS.find((p) => p.id === 'no-pause')!;
    const summary = runEnsemble(sc, { runs: 40, seed: 'flat' });
    const legend = fanLegend({ band: summary.series.composite, expected: null, baseline: null, overlays: [] }).map((i) => i.label);
    expect(legend).toEqual(['median', NO_SPREAD_NOTE]);
  });
});
