/** The Explain page's headline and sentence: numbers that agree with their band, with each other and with the label as written. */
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { simulate } from '../../../src/model/simulate';
import type { Component } from 'svelte';
import ExplainView from '../../../src/ui/pages/ExplainView.svelte';
import { initialState } from '../../../src/state/edits';
import { AppStore, storeContextKey } from '../../../src/state/store.svelte';
import type { SectorId } from '../../../src/model/parameters';
import { explain } from '../../../src/model/explain';
import { DISK_PRESETS } from '../../helpers/presets';
import './fixtures';

function renderExplain(presetId: string, month: number, target: SectorId | 'composite') {
  const state = initialState(presetId, DISK_PRESETS);
  const store = new AppStore({ ...state, view: 'explain', explainTarget: { month, target } });
  const context = new Map<unknown, unknown>([[storeContextKey, store]]);
  render(ExplainView as unknown as Component<Record<string, unknown>>, { props: {}, context: context as Map<any, any> });
  return state.scenario;
}

const answer = () => document.querySelector('.answer')!.textContent!.replace(/\s+/g, ' ').trim();

describe('ExplainView', () => {
  it('a value just under 60 reads 59.99 (Elevated), and the sector keeps its capitals', () => {
    const scenario = renderExplain('deprioritized-restraint', 18, 'allies');
    const e = explain(scenario, 18, 'allies');
    expect(e.value).toBeGreaterThan(59.95);
    expect(e.value).toBeLessThan(60);
    expect(answer()).toBe(
      'In month 18, the threat index of the sector “Ukraine and allied partners ("hunt forward")” is 59.99 (Elevated); ' +
        'the bars show where its +9.99 points from 50 come from.',
    );
    expect(screen.getByRole('img', { name: /^59\.99 = 50 / })).toBeInTheDocument();
  });

  it('never lower-cases a sector name', () => {
    renderExplain('deprioritized-free-hits', 6, 'health');
    expect(answer()).toMatch(/^In month 6, the threat index of the sector “Hospitals and health care” is \d+\.\d \(\w+\);/);
  });

  it('a value of 50 is "0.0 points", not "−0.0"', () => {
    renderExplain('no-pause', 6, 'composite');
    expect(answer()).toMatch(/ its 0\.0 points from 50 come from\.$/);
  });
});

describe('ExplainView: the peak month', () => {
  it('offers the month the expected path peaks in, and goes there', async () => {
    const scenario = renderExplain('deprioritized-free-hits', 12, 'health');
    const run = simulate(scenario);
    const series = run.threat.health;
    const peak = series.indexOf(Math.max(...series.slice(1)), 1);
    expect(peak).not.toBe(12); // the test needs the peak elsewhere than the opening month
    const go = screen.getByRole('button', { name: `Go to the peak (month ${peak})` });
    await fireEvent.click(go);
    expect(answer()).toMatch(new RegExp(`^In month ${peak}, `));
    // The same button stays (focus does not jump away), now saying where the reader is.
    expect(screen.queryByRole('button', { name: /Go to the peak/ })).toBeNull();
    expect(screen.getByRole('button', { name: `Month ${peak} is the peak` })).toHaveAttribute('aria-disabled', 'true');
  });

  it('never calls month 0 the peak, even where every later month is lower', () => {
    const scenario = renderExplain('diplomatic-skeptic', 0, 'composite');
    const run = simulate(scenario);
    expect(Math.max(...run.composite.slice(1))).toBeLessThan(50);
    const peak = run.composite.indexOf(Math.max(...run.composite.slice(1)), 1);
    expect(peak).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: `Go to the peak (month ${peak})` })).toBeInTheDocument();
  });
});
