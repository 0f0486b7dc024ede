import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { PARAMETERS } from '../../../src/model/parameters';
import { pin, setResponse } from '../../../src/state/edits';
import { renderApp } from './helpers';
import { DISK } from '../../helpers/presets';
import { initialState } from '../../../src/state/edits';

vi.setConfig({ testTimeout: 60_000 });

describe('Explore: events in this scenario', () => {
  it("lists a file's injects and what they do", async () => {
    const script = DISK.exercises.find((s) => s.id === 'exercise-classroom-20')!;
    // A title written as HTML stays text.
    const scenario = { ...script, injects: script.injects.map((i, n) => (n === 0 ? { ...i, title: '<img src=x onerror=alert(1)>' } : i)) };
    renderApp({ state: { scenario } });
    const section = await screen.findByRole('region', { name: 'Events in this scenario' });
    expect(within(section).getByText('<img src=x onerror=alert(1)>')).toBeInTheDocument();
    expect(section.querySelector('img')).toBeNull();
    expect(within(section).getByText(/Decision: Should the US end the pause/)).toBeInTheDocument();
    expect(within(section).getByText(/No option is chosen, so the runs apply none/)).toBeInTheDocument();
    expect(within(section).getByText(/Supply chains and IT providers: incidents ×1\.7 for 3 months/)).toBeInTheDocument();
    // An exercise script says where it can be played.
    expect(within(section).getByRole('link', { name: 'Run a tabletop exercise' })).toHaveAttribute('href', './exercise.html');
  });

  it('shows no events section for a preset without injects', () => {
    expect(initialState().scenario.injects).toHaveLength(0);
    renderApp();
    expect(screen.getByRole('heading', { name: 'Key numbers' })).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Events in this scenario' })).toBeNull();
  });
});

describe('Explain view', () => {
  it('takes apart the chosen month and sector, with the waterfall', async () => {
    const { store } = renderApp({ state: { view: 'explain' } });
    const month = screen.getByRole('combobox', { name: 'Month' });
    const sector = screen.getByRole('combobox', { name: 'Sector' });
    expect(month).toHaveValue('12');
    expect(sector).toHaveValue('composite');
    expect(screen.getByText(/In month 12, the composite threat index is/)).toBeInTheDocument();
    expect(screen.getByText(/= 50 \+ [\d.]+ adversary activity/)).toBeInTheDocument();
    await fireEvent.change(month, { target: { value: '6' } });
    await fireEvent.change(sector, { target: { value: 'health' } });
    expect(store.state.explainTarget).toEqual({ month: 6, target: 'health' });
    expect(screen.getByText(/In month 6, the threat index of the sector “Hospitals and health care” is/)).toBeInTheDocument();
    expect(screen.getAllByRole('img').length).toBeGreaterThan(0);
  });
});

describe('How the model works', () => {
  it('is loaded on demand and shows equations, the parameter table and the caveats', async () => {
    renderApp({ state: { view: 'model' } });
    expect(await screen.findByRole('heading', { name: 'How the model works' }, { timeout: 15_000 })).toBeInTheDocument();
    expect(screen.getByText(/Stand-Down is a teaching model, not a forecast/)).toBeInTheDocument();
    expect(screen.getByText(/a floor on real ones; costs are a rough upper bound/)).toBeInTheDocument();
    const table = screen.getByRole('table', { name: /Every uncertain parameter/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(PARAMETERS.length + 1);
    expect(within(table).getByText('escalationCeiling')).toBeInTheDocument();
    // The readable name comes first (a phone shows the first columns), the file id last.
    const heads = within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect([heads[0], heads.at(-1)]).toEqual(['Parameter', 'Id (in files and links)']);
    expect(within(rows[1]).getAllByRole('rowheader', { name: PARAMETERS[0].label })[0]).toBe(rows[1].firstElementChild);
    expect(screen.getByRole('table', { name: /Sectors: fixed shares and weights/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Sources' })).toBeInTheDocument();
    // Students met the equations before any word on how to read a chart.
    expect(screen.getByRole('heading', { name: 'Reading the charts' })).toBeInTheDocument();
    expect(screen.getByText(/each 25 points up is twice as many incidents/)).toBeInTheDocument();
    // The controls are hidden on this page.
    expect(screen.queryByRole('complementary', { name: 'Scenario controls' })).toBeNull();
  });
});

describe('Compare view', () => {
  it('pins scenarios, overlays them, lists key numbers and fills the grid', async () => {
    const { store } = renderApp({ state: { view: 'compare' } });
    expect(await screen.findByText(/Nothing pinned yet/, undefined, { timeout: 15_000 })).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: /Pin for comparison \(0\/4\)/ }));
    expect(store.state.pinned).toHaveLength(1);
    const pinMessage = () => document.querySelector('.pin-message');
    // The message names the label the pin got.
    await vi.waitFor(() => expect(pinMessage()).toHaveTextContent(`Pinned “${store.state.pinned[0].label}”`));
    await waitFor(() => expect(pinMessage()).toHaveTextContent(/^Pinned “.*” \(1 of 4\)\. See it in Compare\.$/));
    // Pinning it again is refused, and a second try says so again: the live region
    // is emptied before the same message comes back (it reads only a change).
    const changes: string[] = [];
    new MutationObserver(() => changes.push(pinMessage()!.textContent!)).observe(pinMessage()!, { childList: true, characterData: true, subtree: true });
    for (let i = 0; i < 2; i++) {
      await fireEvent.click(screen.getByRole('button', { name: /Pin for comparison \(1\/4\)/ }));
      await waitFor(() => expect(pinMessage()).toHaveTextContent(/^This scenario is already pinned as/));
    }
    expect(changes.filter((t) => t === '')).toHaveLength(2);
    store.update(setResponse('restraint'), { commit: true });
    store.update(pin('Restraint'), { commit: true });

    const list = await screen.findByRole('button', { name: 'Unpin Restraint' });
    expect(list).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: /Key numbers/ });
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim());
    expect(headers.slice(1)).toEqual([
      'Current: Deprioritized · Reciprocal restraint · Reverse on trigger (edited)',
      'Russia deprioritized, free hits, and the US reverses course',
      'Restraint',
    ]);
    for (const row of ['Peak composite threat', 'Months at High or worse (≥ 60)', 'Reported incidents, all sectors, cumulative', 'Cumulative direct cost (rough upper bound)', 'Reversal decided (median month of the runs that reverse)']) {
      expect(within(table).getByRole('rowheader', { name: row })).toBeInTheDocument();
    }
    await waitFor(() => expect(within(table).queryByText('computing…')).toBeNull());

    const grid = screen.getByRole('table', { name: /Pause effect on the composite threat at month 24/ });
    expect(within(grid).getAllByRole('row')).toHaveLength(4);
    for (const r of ['Reciprocal restraint', 'Free hits', 'No change']) expect(within(grid).getByRole('rowheader', { name: r })).toBeInTheDocument();
    await waitFor(() => expect(within(grid).queryByText('computing…')).toBeNull());
    expect(within(grid).getAllByText(/^90%: [−+]?[\d.]+ to [−+]?[\d.]+$/)).toHaveLength(9);
    expect(within(grid).getAllByText(/^at its peak [−+]?[\d.]+$/)).toHaveLength(9);
    expect(grid).toHaveAccessibleDescription(/Points above \(\+\) or below \(−\) the no-pause baseline at month 24/);
    expect(within(grid).getByText('current scenario')).toBeInTheDocument();

    // The composite chart's legend names the pinned scenarios.
    expect(screen.getAllByText('Restraint').length).toBeGreaterThan(1);
    // Each pin's swatch in the list is its line on the chart: colour and dash (the dash tells them apart in print).
    const swatches = [...document.querySelectorAll('.pins .line-swatch line')].map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray')]);
    const lines = [...document.querySelectorAll('path.sd-overlay')].map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray')]);
    expect(swatches).toHaveLength(2);
    expect(new Set(swatches.map((s) => s[1])).size).toBe(2);
    for (const swatch of swatches) expect(lines).toContainEqual(swatch);
    // And the Key numbers table's column swatches are the same lines.
    const columns = [...table.querySelectorAll('.line-swatch line')].map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray')]);
    expect(columns).toEqual(swatches);

    await fireEvent.click(screen.getByRole('button', { name: 'Unpin Restraint' }));
    expect(store.state.pinned.map((p) => p.label)).toEqual(['Russia deprioritized, free hits, and the US reverses course']);
  });
});
