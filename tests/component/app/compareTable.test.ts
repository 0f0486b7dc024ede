/**
 * The Compare view's side-by-side table names each scenario's horizon, and
 * warns when they differ: a 12-month pin's totals are not half the cost of
 * the same policy over 24 months.
 */
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { runEnsemble } from '../../../src/model/ensemble';
import CompareTable from '../../../src/ui/pages/CompareTable.svelte';
import { scenario } from '../charts/engine';

const summaryOver = (horizonMonths: number) => runEnsemble({ ...scenario, horizonMonths }, { runs: 100, seed: 'compare' });

const horizonRow = () => within(screen.getByRole('table', { name: 'Key numbers' })).getByRole('row', { name: /^Horizon/ });

describe('CompareTable', () => {
  it('gives each column its horizon, and says nothing more while they agree', () => {
    const s = summaryOver(24);
    render(CompareTable, { columns: [{ title: 'Current', summary: s }, { title: 'Pinned', summary: s, overlay: 0 }] });
    expect(within(horizonRow()).getAllByRole('cell').map((c) => c.textContent)).toEqual(['24 months', '24 months']);
    expect(screen.queryByText(/different horizons/)).toBeNull();
  });

  it('warns that totals over different horizons are not comparable', () => {
    render(CompareTable, { columns: [{ title: 'Current', summary: summaryOver(24) }, { title: 'Pinned', summary: summaryOver(12), overlay: 0 }, { title: 'Computing', summary: null }] });
    expect(within(horizonRow()).getAllByRole('cell').map((c) => c.textContent)).toEqual(['24 months', '12 months', '—']);
    expect(screen.getByText(/These scenarios run over different horizons \(24, 12 months\)/)).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Key numbers' })).toHaveAccessibleDescription(/different horizons \(24, 12 months\)/);
  });
});
