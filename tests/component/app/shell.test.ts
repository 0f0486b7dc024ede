import { fireEvent, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { setResponse } from '../../../src/state/edits';
import { renderApp } from './helpers';
import { SyncRunner } from '../../../src/worker/runner';

// The whole app with its charts renders in about two seconds under jsdom.
vi.setConfig({ testTimeout: 30_000 });

describe('App shell', () => {
  it('says on its first screen that it is a teaching model, not a forecast', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 1, name: 'Stand-Down' })).toBeInTheDocument();
    expect(screen.getByText('A teaching model, not a forecast.')).toBeInTheDocument();
    expect(screen.getByText(/Every scenario is a what-if built from one news article's expert readings/)).toBeInTheDocument();
  });

  it('has a skip link to the charts, and landmarks', () => {
    renderApp();
    const skip = screen.getByRole('link', { name: 'Skip to the charts' });
    expect(skip).toHaveAttribute('href', '#charts');
    expect(screen.getByRole('main')).toHaveAttribute('id', 'charts');
    expect(screen.getByRole('complementary', { name: 'Scenario controls' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toBeInTheDocument();
  });

  it('shows the scenario and the ensemble result (synchronous runner)', () => {
    renderApp();
    expect(screen.getByRole('heading', { level: 2, name: /Scenario: Russia deprioritized, free hits/ })).toBeInTheDocument();
    expect(screen.getByText('Bands from 100 runs, seed “stand-down”.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Composite threat' })).toBeInTheDocument();
  });

  it('a control change redraws at once and reruns the ensemble', async () => {
    const { store } = renderApp();
    const group = screen.getByRole('radiogroup', { name: 'Adversary response' });
    await fireEvent.click(within(group).getByRole('radio', { name: 'Reciprocal restraint' }));
    expect(store.state.scenario.response).toBe('restraint');
    expect(screen.getByRole('heading', { level: 2, name: /Deprioritized · Reciprocal restraint · Reverse on trigger \(edited\)/ })).toBeInTheDocument();
    const ensemble = screen.getByRole('group', { name: 'Ensemble' });
    await fireEvent.change(within(ensemble).getByRole('combobox', { name: 'Ensemble size' }), { target: { value: '1000' } });
    expect(screen.getByText('Bands from 1,000 runs, seed “stand-down”.')).toBeInTheDocument();
  });

  it('shows ensemble errors as a message', () => {
    renderApp({
      makeRunner: () => ({
        request: (_s, _o, cb) => cb.onError('runs: out of memory'),
        dispose: () => {},
      }),
    });
    expect(screen.getByRole('alert')).toHaveTextContent('The ensemble could not be run: runs: out of memory');
  });

  it('shows a progress bar only for runs slower than 200 ms', async () => {
    let finish: (() => void) | null = null;
    renderApp({
      makeRunner: () => ({
        request: (_s, _o, cb) => {
          cb.onProgress?.(0.25);
          finish = () => cb.onError('stopped');
        },
        dispose: () => {},
      }),
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    await new Promise((r) => setTimeout(r, 260));
    expect(await screen.findByRole('progressbar')).toHaveAttribute('value', '0.25');
    expect(screen.getByText(/^Running 100 scenarios…/)).toBeInTheDocument();
    // Only the sentence is in a live region: the bar's moves are not read out one by one.
    expect(screen.getByText(/^Running 100 scenarios…/).closest('[aria-live]')).not.toBeNull();
    expect(screen.getByRole('progressbar').closest('[aria-live]')).toBeNull();
    finish!();
    await Promise.resolve();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('while a slow run computes, says the bands and key numbers shown are from before the last change (so a printed page says it too)', async () => {
    const sync = new SyncRunner();
    let calls = 0;
    const { store } = renderApp({
      makeRunner: () => ({
        request: (s, o, cb) => (calls++ === 0 ? sync.request(s, o, cb) : undefined),
        dispose: () => {},
      }),
    });
    expect(await screen.findByText(/^Bands from 100 runs/)).toBeInTheDocument();
    store.update(setResponse('restraint'));
    await new Promise((r) => setTimeout(r, 260));
    const line = await screen.findByText(/^Running 100 scenarios…/);
    expect(line.textContent!.replace(/\s+/g, ' ')).toBe(
      'Running 100 scenarios… Until they finish, the bands and key numbers shown are from before your last change (100 runs, seed “stand-down”).',
    );
  });
});

describe('Views', () => {
  it('tabs switch views and say which is selected', async () => {
    const { store } = renderApp();
    const tabs = screen.getByRole('tablist', { name: 'Views' });
    // Accessible names: on a phone one tab shows a short label ("Model"), its name stays whole.
    const names = within(tabs).getAllByRole('tab').map((t) => t.getAttribute('aria-label') ?? t.textContent);
    expect(names).toEqual(['Explore', 'Compare', 'Explain', 'Analyse', 'How the model works']);
    expect(within(tabs).getByRole('tab', { name: 'Explore' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Explore');

    await fireEvent.click(within(tabs).getByRole('tab', { name: 'Explain' }));
    expect(store.state.view).toBe('explain');
    expect(within(tabs).getByRole('tab', { name: 'Explain' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Explain');
    expect(screen.getByRole('heading', { name: 'Why is this number what it is?' })).toBeInTheDocument();
  });

  it('arrow keys move between tabs', async () => {
    const { store } = renderApp();
    const tab = screen.getByRole('tab', { name: 'Explore' });
    await fireEvent.keyDown(tab, { key: 'ArrowRight' });
    expect(store.state.view).toBe('compare');
    expect(screen.getByRole('tab', { name: 'Compare' })).toHaveFocus();
    await fireEvent.keyDown(screen.getByRole('tab', { name: 'Compare' }), { key: 'End' });
    expect(store.state.view).toBe('model');
    await fireEvent.keyDown(screen.getByRole('tab', { name: 'How the model works' }), { key: 'ArrowRight' });
    expect(store.state.view).toBe('explore');
  });

  it('switching views is not an undo step', async () => {
    const { store } = renderApp();
    store.update(setResponse('restraint'), { commit: true });
    await fireEvent.click(screen.getByRole('tab', { name: 'Explain' }));
    store.undo();
    expect(store.state.view).toBe('explain');
    expect(store.state.scenario.response).toBe('free-hits');
  });
});
