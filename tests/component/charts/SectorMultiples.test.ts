import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import SectorMultiples from '../../../src/ui/charts/SectorMultiples.svelte';
import { sectorPanels } from '../../../src/ui/charts/sectorMultiples';
import { SECTOR_IDS, SECTORS } from '../../../src/model/parameters';
import { fakeRun, fakeSummary } from './fixtures';

describe('SectorMultiples', () => {
  it('draws six multiples, each with its own headline', () => {
    render(SectorMultiples, { run: fakeRun(), summary: fakeSummary() });
    expect(screen.getByRole('heading', { name: 'Threat by sector' })).toBeInTheDocument();
    const images = screen.getAllByRole('img');
    expect(images).toHaveLength(6);
    expect(images[0]).toHaveAccessibleName(
      'Health care threat, median 61 at month 4, 90% between 56 and 66; about 25 reported incidents in month 4 (mean of runs)',
    );
    SECTOR_IDS.forEach((k, i) => {
      expect(screen.getByRole('heading', { name: SECTORS[k].shortLabel })).toBeInTheDocument();
      expect(images[i].getAttribute('aria-label')).toMatch(new RegExp(`^${SECTORS[k].shortLabel} threat, median ${61 + i} `));
    });
  });

  it('reads out expected incidents for the focused month', async () => {
    render(SectorMultiples, { run: fakeRun(), summary: fakeSummary() });
    const finance = screen.getByRole('slider', { name: 'Finance: month' });
    await fireEvent.focus(finance);
    await fireEvent.keyDown(finance, { key: 'ArrowRight' });
    const figure = finance.closest('figure') as HTMLElement;
    expect(within(figure).getByText(/^Month 1: median 55 /)).toHaveTextContent(
      'about 64 reported incidents that month (mean of runs)',
    );
  });

  it('falls back to the expected path for threat and incidents', async () => {
    render(SectorMultiples, { run: fakeRun(), summary: null });
    expect(screen.getAllByRole('img')[0]).toHaveAccessibleName(
      'Health care threat, expected path 58 at month 4 (ensemble still computing); about 14 reported incidents in month 4 (expected path)',
    );
    const buttons = screen.getAllByRole('button', { name: 'Show data' });
    expect(buttons).toHaveLength(6);
    await fireEvent.click(buttons[1]);
    const table = screen.getByRole('table', { name: 'Infrastructure: threat by month' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toEqual([
      'Month', 'expected path', 'reported incidents (expected path)',
    ]);
    expect(within(within(table).getAllByRole('row')[2]).getAllByRole('cell').map((c) => c.textContent)).toEqual(['53.0', '22.0']);
  });

  it('view model: one panel per sector in model order', () => {
    expect(sectorPanels(fakeRun(), null).map((p) => p.id)).toEqual([...SECTOR_IDS]);
  });
});
