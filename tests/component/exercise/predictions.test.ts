import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import PlayerPredictions from '../../../src/ui/exercise/PlayerPredictions.svelte';
import type { PredictionRow } from '../../../src/exercise/views';

const rows: PredictionRow[] = [
  { month: 6, byTeam: { 'Table 1': 55, 'Table 2': 60 }, outcome: 57.6 },
  { month: 24, byTeam: { 'Table 1': 50 }, outcome: null },
];

describe('the predictions table', () => {
  it('has a column a team while there are no more teams than months', () => {
    render(PlayerPredictions, { rows, teams: ['Table 1', 'Table 2'] });
    const table = screen.getByRole('table', { name: 'Predictions and what happened' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Month', 'Table 1', 'Table 2', 'What happened']);
  });

  it('turns to a row a team when there are more teams than months, so twelve teams stay narrow', () => {
    const teams = Array.from({ length: 12 }, (_, i) => `Table ${i + 1}`);
    render(PlayerPredictions, { rows, teams });
    const table = screen.getByRole('table', { name: 'Predictions and what happened' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Team', 'Month 6', 'Month 24']);
    const rowOf = (name: string) => within(table).getByRole('row', { name: new RegExp(`^${name}\\b`) });
    expect(within(rowOf('Table 2')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['60 (+2.4)', '—']);
    expect(within(rowOf('What happened')).getAllByRole('cell').map((c) => c.textContent)).toEqual(['57.6', 'not yet']);
  });
});
