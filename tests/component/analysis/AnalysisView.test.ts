import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import AnalysisView from '../../../src/ui/analysis/AnalysisView.svelte';
import EnsembleHarness from './EnsembleHarness.svelte';
import ExportHarness from './ExportHarness.svelte';
import type { ExportContext } from '../../../src/share/export';
import { SyncAnalysisRunner } from '../../../src/analysis/runner';
import { defaultAnalysisSettings, type AnalysisSettings } from '../../../src/analysis/settings';
import type { Scenario } from '../../../src/model/types';

const scenario: Scenario = {
  id: 't', title: 't', summary: '', quotes: [], interpretation: 'deprioritized', response: 'free-hits',
  policy: { kind: 'trigger' }, horizonMonths: 12, parameters: {}, injects: [],
};

function setup(settings: AnalysisSettings = defaultAnalysisSettings()) {
  const onchange = vi.fn();
  const utils = render(AnalysisView, {
    scenario,
    ensemble: { runs: 1000, seed: 'view', noise: false },
    settings,
    onchange,
    makeRunner: () => new SyncAnalysisRunner(),
    sizes: { ranking: 150, policies: 12, signposts: 30 },
  });
  return { ...utils, onchange };
}

const answers = () => screen.getByRole('table', { name: /Russia's answer: probability before and after/ });
const posteriorOf = (label: string) => within(answers()).getByRole('row', { name: new RegExp(label) }).querySelectorAll('td')[1].textContent;

describe('AnalysisView', () => {
  it('draws the tornado, and the metric select redraws it and reports the setting', async () => {
    const { container, onchange } = setup();
    const rows = container.querySelectorAll('.tornado-row');
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.length).toBeLessThanOrEqual(12);
    expect(rows[0].querySelector('rect.bar-high')!.getAttribute('width')).toMatch(/^\d/);
    expect(screen.getByRole('img', { name: /^Cumulative reported incidents \(all sectors\): .* moves it most/ })).toBeInTheDocument();

    await fireEvent.change(screen.getByRole('combobox', { name: /Outcome measured/ }), { target: { value: 'peak' } });
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ metric: 'peak' }));
    expect(screen.getByRole('img', { name: /^Peak composite threat: .* moves it most/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'What moves peak threat most' })).toBeInTheDocument();
  });

  it('"Show data" lists every tornado bar', async () => {
    const { container } = setup();
    const frame = container.querySelector('.tornado')!.closest('figure')!;
    await fireEvent.click(within(frame as HTMLElement).getByRole('button', { name: 'Show data' }));
    const table = within(frame as HTMLElement).getByRole('table');
    expect(within(table).getAllByRole('row').length).toBeGreaterThan(container.querySelectorAll('.tornado-row').length);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent?.trim())).toContain('Low value');
  });

  it('ranks the inputs by the share of variance they explain', () => {
    const { container } = setup();
    const items = container.querySelectorAll('.ranks li');
    expect(items.length).toBe(10);
    expect(screen.getByText(/Together the inputs/)).toHaveTextContent(/each share is uncertain by at least ±\d+% and the total by ±\d+%/);
  });

  it('shows the posterior table, which responds to entered counts', async () => {
    const { onchange } = setup();
    expect(screen.queryByText(/reverses the pause in month/)).toBeNull();
    expect(posteriorOf('Free hits')).toBe('33%');
    expect(screen.getByText(/Effective sample size:/)).toHaveTextContent('270 of 270');

    const cell = screen.getByRole('spinbutton', { name: 'Health care, month 1: reported incidents' });
    await fireEvent.change(cell, { target: { value: '30' } });
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ observations: [{ sector: 'health', month: 1, count: 30 }] }));

    await fireEvent.click(screen.getByRole('button', { name: /Example: this scenario's expected counts/ }));
    await tick();
    const last = onchange.mock.lastCall![0] as AnalysisSettings;
    expect(last.observations).toHaveLength(6 * 4);
    // The example counts come from a free-hits world: free hits gains.
    expect(parseInt(posteriorOf('Free hits')!)).toBeGreaterThan(50);
    expect(screen.getByRole('img', { name: /^After 24 observed counts: most likely/ })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/Few runs fit these counts/);
  });

  it('refuses a count that is not a whole number, says so beside the cell, and keeps what was typed to correct', async () => {
    const { onchange } = setup();
    const cell = screen.getByRole('spinbutton', { name: 'Finance, month 2: reported incidents' }) as HTMLInputElement;
    await fireEvent.change(cell, { target: { value: '-4' } });
    expect(onchange).not.toHaveBeenCalled();
    expect(cell.value).toBe('-4');
    expect(cell).toHaveAttribute('aria-invalid', 'true');
    expect(cell).toHaveAccessibleDescription('Finance, month 2: “-4” is not a whole number of incidents from 0, so it is not used.');
    expect(screen.getAllByRole('alert').map((a) => a.textContent).join('')).toMatch(/^Finance, month 2: “-4” is not a whole number/);
    // Corrected, it is used and the message goes.
    await fireEvent.change(cell, { target: { value: '4' } });
    expect(onchange).toHaveBeenCalledTimes(1);
    expect(cell).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText(/is not a whole number/)).toBeNull();
  });

  it('keeps a count when a cell holds text a number field cannot read, and says so', async () => {
    const { onchange } = setup({ ...defaultAnalysisSettings(), observations: [{ sector: 'health', month: 1, count: 25 }] });
    const cell = screen.getByRole('spinbutton', { name: 'Health care, month 1: reported incidents' }) as HTMLInputElement;
    // "1e" or "--3" in a number field: the browser reports value "" and validity.badInput.
    Object.defineProperty(cell, 'validity', { value: { badInput: true }, configurable: true });
    await fireEvent.change(cell, { target: { value: '' } });
    expect(onchange).not.toHaveBeenCalled();
    expect(cell).toHaveAccessibleDescription('Health care, month 1: what was typed is not a number, so it is not used; the count in use is still 25.');
  });

  it('refuses to rule out the last world with a prior weight of 0, and names the cell', async () => {
    const onlyOne = Object.fromEntries(Object.keys(defaultAnalysisSettings().priors).map((id, i) => [id, i === 0 ? 2 : 0]));
    const { onchange } = setup({ ...defaultAnalysisSettings(), priors: onlyOne as AnalysisSettings['priors'] });
    const first = screen.getByRole('textbox', { name: 'Prior weight: Deprioritized, Reciprocal restraint' }) as HTMLInputElement;
    await fireEvent.change(first, { target: { value: '0' } });
    expect(onchange).not.toHaveBeenCalled();
    // The field is back at the weight in use, which is valid: described by the refusal, not marked invalid.
    expect(first.value).toBe('2');
    expect(first).not.toHaveAttribute('aria-invalid');
    await vi.waitFor(() => expect(first).toHaveAccessibleDescription(/: at least one world must keep a weight above 0; the weight in use is still 2\.$/));
    // The same refusal again empties the alert and fills it again, so it is read again.
    const alert = document.getElementById(first.getAttribute('aria-describedby')!)!;
    const seen: string[] = [];
    new MutationObserver(() => seen.push(alert.textContent ?? '')).observe(alert, { childList: true, characterData: true, subtree: true });
    await fireEvent.change(first, { target: { value: '0' } });
    await vi.waitFor(() => expect(seen.at(-1)).toMatch(/at least one world/));
    expect(seen).toContain('');
    await fireEvent.change(first, { target: { value: '5000' } });
    await vi.waitFor(() => expect(first).toHaveAccessibleDescription(/: a weight is a number from 0 to 1,000; the weight in use is still 2\.$/));
    await fireEvent.change(first, { target: { value: '3' } });
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ priors: expect.objectContaining({ 'deprioritized/restraint': 3 }) }));
    expect(first).not.toHaveAccessibleDescription();
    // A decimal comma is named, not read as 5 (a number field in an English page dropped the comma without a word).
    onchange.mockClear();
    await fireEvent.change(first, { target: { value: '0,5' } });
    expect(onchange).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(first).toHaveAccessibleDescription(/: write decimals with a point \(0\.5\), not a comma: a weight is a number from 0 to 1,000; the weight in use is still 3\.$/));
    await fireEvent.change(first, { target: { value: '0.5' } });
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ priors: expect.objectContaining({ 'deprioritized/restraint': 0.5 }) }));
  });

  it('does not offer the priors as a posterior when no run fits the counts', () => {
    const stopped: Scenario = {
      ...scenario,
      injects: [{ id: 'stop', month: 1, title: 'Health care stops reporting', effects: [{ type: 'sectorShock', sector: 'health', factor: 0, months: 3 }] }],
    };
    const onchange = vi.fn();
    render(AnalysisView, {
      scenario: stopped,
      ensemble: { runs: 1000, seed: 'view', noise: false },
      settings: { ...defaultAnalysisSettings(), observations: [{ sector: 'health', month: 1, count: 4 }] },
      onchange,
      makeRunner: () => new SyncAnalysisRunner(),
      sizes: { ranking: 100, policies: 8, signposts: 20 },
    });
    expect(screen.getByText(/No run of any world can produce these counts/)).toBeInTheDocument();
    const radio = screen.getByRole('radio', { name: /the signposts' posterior/ });
    expect(radio).toBeDisabled();
    expect(radio).toHaveAccessibleName("the signposts' posterior (no run fits the counts)");
    expect(screen.getByRole('table', { name: /each policy's expected value/ })).toHaveAccessibleName(/worlds weighted by your priors/);
  });

  it('shows the regret table with the minimax-regret and best-expected policies, and follows the policy choice', async () => {
    const { onchange } = setup();
    const table = screen.getByRole('table', { name: /each policy's expected value/ });
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 8);
    expect(within(table).getAllByText('Minimax regret').length).toBeGreaterThanOrEqual(1);
    expect(within(table).getAllByText('Best expected').length).toBeGreaterThanOrEqual(1);
    expect(screen.getByRole('img', { name: /^Regret in .* by policy and world: .* smallest worst-case regret/ })).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('checkbox', { name: 'Fixed: 12 months' }));
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ policies: expect.not.arrayContaining(['fixed-12']) }));
    expect(within(screen.getByRole('table', { name: /each policy's expected value/ })).getAllByRole('row')).toHaveLength(1 + 7);
  });

  it("keeps the choice of the signposts' posterior in the settings, so that it travels in the link", async () => {
    const { onchange } = setup({ ...defaultAnalysisSettings(), observations: [{ sector: 'health', month: 1, count: 30 }] });
    const table = () => screen.getByRole('table', { name: /each policy's expected value/ });
    expect(table()).toHaveAccessibleName(/worlds weighted by your priors/);
    await fireEvent.click(screen.getByRole('radio', { name: "the signposts' posterior" }));
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ weighting: 'posterior' }));
    expect(table()).toHaveAccessibleName(/worlds weighted by the signposts' posterior/);
  });

  it('a posterior chosen before there is one can be taken back, and says it waits', async () => {
    const { onchange } = setup({ ...defaultAnalysisSettings(), weighting: 'posterior' });
    const post = screen.getByRole('radio', { name: /the signposts' posterior/ });
    expect(post).toBeDisabled();
    expect(post).toHaveAccessibleName("the signposts' posterior (enter counts first; chosen, used once there is one)");
    await fireEvent.click(screen.getByRole('radio', { name: 'your priors' }));
    expect(onchange).toHaveBeenLastCalledWith(expect.objectContaining({ weighting: 'priors' }));
  });

  it('starts weighing by the posterior when the settings say so', () => {
    setup({ ...defaultAnalysisSettings(), observations: [{ sector: 'health', month: 1, count: 30 }], weighting: 'posterior' });
    expect(screen.getByRole('radio', { name: "the signposts' posterior" })).toBeChecked();
    expect(screen.getByRole('table', { name: /each policy's expected value/ })).toHaveAccessibleName(/signposts' posterior/);
  });

  it('warns that an event reversing the pause makes the pause policies alike after it', () => {
    const reversed: Scenario = { ...scenario, injects: [{ id: 'rev', month: 2, title: 'Order rescinded', effects: [{ type: 'reverse' }] }] };
    render(AnalysisView, {
      scenario: reversed, ensemble: { runs: 1000, seed: 'view', noise: false }, settings: defaultAnalysisSettings(), onchange: vi.fn(),
      makeRunner: () => new SyncAnalysisRunner(), sizes: { ranking: 100, policies: 8, signposts: 20 },
    });
    expect(screen.getByRole('note')).toHaveTextContent(/An event of this scenario reverses the pause in month 2 whatever the policy/);
  });

  it('starts from the settings it is given (e.g. from a share link)', () => {
    setup({ ...defaultAnalysisSettings(), metric: 'high', observations: [{ sector: 'allies', month: 1, count: 260 }], policies: ['none', 'indefinite'] });
    expect((screen.getByRole('combobox', { name: /Outcome measured/ }) as HTMLSelectElement).value).toBe('high');
    expect((screen.getByRole('spinbutton', { name: 'Allies, month 1: reported incidents' }) as HTMLInputElement).value).toBe('260');
    expect(within(screen.getByRole('table', { name: /each policy's expected value/ })).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('img', { name: /^After 1 observed count:/ })).toBeInTheDocument();
  });
});

describe('AnalysisView requests', () => {
  it('asks the runner again only for what an edit changes', async () => {
    const counts: Record<string, number> = {};
    class CountingRunner extends SyncAnalysisRunner {
      override request(...args: Parameters<SyncAnalysisRunner['request']>) {
        counts[args[0].kind] = (counts[args[0].kind] ?? 0) + 1;
        super.request(...args);
      }
    }
    const { component } = render(EnsembleHarness, {
      scenario,
      ensemble: { runs: 1000, seed: 'view', noise: false },
      settings: defaultAnalysisSettings(),
      onchange: () => {},
      makeRunner: () => new CountingRunner(),
      sizes: { ranking: 100, policies: 8, signposts: 20 },
    });
    expect(counts).toEqual({ tornado: 1, ranking: 1, signposts: 1, policies: 1 });
    await fireEvent.change(screen.getByRole('combobox', { name: /Outcome measured/ }), { target: { value: 'cost' } });
    expect(counts).toEqual({ tornado: 1, ranking: 1, signposts: 1, policies: 1 });
    await fireEvent.change(screen.getByRole('textbox', { name: 'Prior weight: Diplomatic signal, Reciprocal restraint' }), { target: { value: '3' } });
    expect(counts).toEqual({ tornado: 1, ranking: 1, signposts: 2, policies: 1 });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Trigger at 60' }));
    expect(counts).toEqual({ tornado: 1, ranking: 1, signposts: 2, policies: 2 });
    // Incident noise is read by the ranking only: the signposts and the grid run without it.
    component.setEnsemble({ runs: 1000, seed: 'view', noise: true });
    await tick();
    expect(counts).toEqual({ tornado: 1, ranking: 2, signposts: 2, policies: 2 });
    component.setEnsemble({ runs: 1000, seed: 'other', noise: true });
    await tick();
    expect(counts).toEqual({ tornado: 1, ranking: 3, signposts: 3, policies: 3 });
  });
});

describe('AnalysisView chart images', () => {
  /** Answers at once until told to hold, then keeps every request until released. */
  class HeldRunner extends SyncAnalysisRunner {
    holding = false;
    held: (() => void)[] = [];
    request(...args: Parameters<SyncAnalysisRunner['request']>) {
      if (this.holding) this.held.push(() => super.request(...args));
      else super.request(...args);
    }
    release() {
      this.holding = false;
      for (const answer of this.held.splice(0)) answer();
    }
  }

  it("are refused while a tool recomputes for new settings, and name the tool's own runs, not the app's", async () => {
    const context: ExportContext = {
      title: 'Test', link: 'https://example.org/#v=1', stateHash: 'abc', modelVersion: '1.1', date: '2026-11-26',
      assumptions: { interpretation: 'Deprioritized', response: 'Free hits', policy: 'Trigger', horizonMonths: 12, runs: 1000, seed: 'view', noise: true, changed: [] },
    };
    const runner = new HeldRunner();
    const saved: Blob[] = [];
    URL.createObjectURL = (b: Blob) => (saved.push(b), 'blob:stand-in');
    URL.revokeObjectURL = () => {};
    const { component } = render(ExportHarness, {
      exportContext: context, scenario, ensemble: { runs: 1000, seed: 'view', noise: true }, settings: defaultAnalysisSettings(), onchange: () => {},
      makeRunner: () => runner, sizes: { ranking: 150, policies: 12, signposts: 30 },
    });
    const svgButton = () => screen.getByRole('button', { name: /^Download Regret by policy and world: Cumulative reported incidents .* as SVG$/ });
    const message = () => svgButton().parentElement!.textContent!;

    runner.holding = true;
    (component as unknown as { setEnsemble: (e: object) => void }).setEnsemble({ runs: 1000, seed: 'other', noise: true });
    await tick();
    expect(runner.held.length).toBeGreaterThan(0);
    await fireEvent.click(svgButton());
    await vi.waitFor(() => expect(message()).toMatch(/could not be made: this chart is still being recomputed for the current settings/));
    expect(saved).toHaveLength(0);

    runner.release();
    await tick();
    await fireEvent.click(svgButton());
    await vi.waitFor(() => expect(saved).toHaveLength(1));
    // jsdom's Blob has no text(): read it as a browser page would.
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(saved[0]);
    });
    // The grid ran 12 runs per world without noise, whatever the app's 1,000 runs with noise.
    const caption = text.replace(/<\/text><text[^>]*>/g, ' ');
    expect(caption).toContain('Runs: 12 per world (reading × Russian answer) · Seed: &quot;other&quot; · Noise: off');
    expect(caption).not.toContain('Runs: 1,000');
  });
});
