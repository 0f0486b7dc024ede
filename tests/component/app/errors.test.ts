import { fireEvent, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setHorizon, setResponse } from '../../../src/state/edits';
import { installGlobalErrorHandlers } from '../../../src/state/notices.svelte';
import { SyncRunner, type EnsembleRunner } from '../../../src/worker/runner';
import { renderApp } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

describe('keyboard shortcuts', () => {
  it('Ctrl+Z undoes, Shift+Ctrl+Z and Cmd+Shift+Z redo', async () => {
    const { store } = renderApp();
    store.update(setResponse('restraint'), { commit: true });
    store.update(setHorizon(36), { commit: true });
    await fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(store.state.scenario.horizonMonths).toBe(24);
    await fireEvent.keyDown(window, { key: 'z', metaKey: true });
    expect(store.state.scenario.response).toBe('free-hits');
    await fireEvent.keyDown(window, { key: 'Z', ctrlKey: true, shiftKey: true });
    expect(store.state.scenario.response).toBe('restraint');
    await fireEvent.keyDown(window, { key: 'z', metaKey: true, shiftKey: true });
    expect(store.state.scenario.horizonMonths).toBe(36);
  });

  it('leaves Ctrl+Z to the browser while typing in a field', async () => {
    const { store } = renderApp();
    store.update(setResponse('restraint'), { commit: true });
    const seed = within(screen.getByRole('group', { name: 'Ensemble' })).getByRole('textbox', { name: 'Seed' });
    await fireEvent.keyDown(seed, { key: 'z', ctrlKey: true });
    expect(store.state.scenario.response).toBe('restraint');
    // On a slider (not a text field) the shortcut works.
    const slider = screen.getByLabelText('Horizon');
    await fireEvent.keyDown(slider, { key: 'z', ctrlKey: true });
    expect(store.state.scenario.response).toBe('free-hits');
  });
});

describe('error boundary', () => {
  it('shows a plain message and a reset button instead of a blank page', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    let made = 0;
    const makeRunner = (): EnsembleRunner => {
      made += 1;
      if (made === 1)
        return {
          request: () => {
            throw new Error('the worker exploded');
          },
          dispose: () => {},
        };
      return new SyncRunner();
    };
    const { store } = renderApp({ makeRunner, state: { view: 'explore' } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Something went wrong');
    expect(alert).toHaveTextContent('Error: the worker exploded');
    store.update(setHorizon(40), { commit: true });
    await fireEvent.click(screen.getByRole('button', { name: 'Reset to the default scenario' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Stand-Down' })).toBeInTheDocument();
    expect(screen.getByRole('tablist', { name: 'Views' })).toBeInTheDocument();
    expect(store.state.scenario.horizonMonths).toBe(24);
    expect(store.canUndo).toBe(false);
    spy.mockRestore();
  });
});

describe('global error notices', () => {
  let remove: (() => void) | null = null;
  afterEach(() => remove?.());

  it('an uncaught error or rejected promise shows a dismissible notice', async () => {
    const { notices } = renderApp();
    remove = installGlobalErrorHandlers(window, notices);
    window.dispatchEvent(new ErrorEvent('error', { error: new Error('boom'), message: 'boom' }));
    window.dispatchEvent(new ErrorEvent('error', { message: 'ResizeObserver loop completed with undelivered notifications.' }));
    const rejection = new Event('unhandledrejection') as Event & { reason?: unknown };
    rejection.reason = new Error('lost promise');
    window.dispatchEvent(rejection);
    await Promise.resolve();
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Something went wrong: boom');
    expect(status).toHaveTextContent('Something went wrong: lost promise');
    expect(status).not.toHaveTextContent('ResizeObserver');
    await fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Something went wrong: boom' }));
    expect(status).not.toHaveTextContent('boom');
    expect(status).toHaveTextContent('lost promise');
  });
});
