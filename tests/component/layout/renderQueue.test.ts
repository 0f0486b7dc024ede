import { render, screen, waitFor } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import App from '../../../src/App.svelte';
import { initialState } from '../../../src/state/edits';
import { Notices } from '../../../src/state/notices.svelte';
import { AppStore } from '../../../src/state/store.svelte';
import { RenderQueue } from '../../../src/ui/layout/renderQueue';
import { SyncRunner } from '../../../src/worker/runner';

vi.setConfig({ testTimeout: 30_000 });

/** A queue whose waits are released by hand, so each "task" is visible to the test. */
function steppedQueue() {
  const gates: (() => void)[] = [];
  const wait = () => new Promise<void>((resolve) => gates.push(resolve));
  const queue = new RenderQueue(false, wait, wait);
  const step = async () => {
    gates.shift()?.();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { queue, step, gates };
}

describe('RenderQueue', () => {
  it('shows at once when immediate, and is never "starting"', () => {
    const queue = new RenderQueue(true);
    const shown: string[] = [];
    queue.enqueue(() => shown.push('a'));
    expect(shown).toEqual(['a']);
    expect(queue.starting).toBe(false);
  });

  it('shows one part per task, lower priority first, then in the order asked', async () => {
    const { queue, step } = steppedQueue();
    const shown: string[] = [];
    queue.enqueue(() => shown.push('a'));
    queue.enqueue(() => shown.push('later'), 1);
    queue.enqueue(() => shown.push('b'));
    queue.enqueue(() => shown.push('first'), -1);
    expect(shown).toEqual([]);
    expect(queue.starting).toBe(true);
    await step();
    expect(shown).toEqual(['first']);
    await step();
    expect(shown).toEqual(['first', 'a']);
    await step();
    await step();
    expect(shown).toEqual(['first', 'a', 'b', 'later']);
    expect(queue.starting).toBe(true);
    // One more wait after the last part (it may have asked for more), then the start is over.
    const started = queue.started();
    await step();
    await started;
    expect(queue.starting).toBe(false);
  });

  it('drops a withdrawn part and still ends the start when nothing was asked for', async () => {
    const { queue, step } = steppedQueue();
    const shown: string[] = [];
    const withdraw = queue.enqueue(() => shown.push('gone'));
    withdraw();
    await step();
    expect(shown).toEqual([]);
    expect(queue.starting).toBe(false);
    const fresh = steppedQueue();
    const started = fresh.queue.started();
    await fresh.step();
    await started;
    expect(fresh.queue.starting).toBe(false);
  });
});

describe('the staged app', () => {
  it('draws the shell first and the rest of the first screen in later tasks, ending with the ensemble', async () => {
    const base = initialState();
    const store = new AppStore({ ...base, ensemble: { ...base.ensemble, runs: 100 } });
    const request = vi.spyOn(SyncRunner.prototype, 'request');
    render(App, { props: { store, makeRunner: () => new SyncRunner(), notices: new Notices(), staged: true } });
    // At once: the header and the tabs; the scenario and its chart come later.
    expect(screen.getByRole('heading', { level: 1, name: 'Stand-Down' })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Explore' })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Composite threat' })).toBeNull();
    expect(request).not.toHaveBeenCalled();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Composite threat' })).toBeInTheDocument(), { timeout: 10_000 });
    await waitFor(() => expect(screen.getByRole('radiogroup', { name: 'Interpretation' })).toBeInTheDocument(), { timeout: 10_000 });
    // The first ensemble is asked for once the first screen is drawn.
    await waitFor(() => expect(screen.getByText('Bands from 100 runs, seed “stand-down”.')).toBeInTheDocument(), { timeout: 10_000 });
    expect(request).toHaveBeenCalledTimes(1);
    request.mockRestore();
  });
});
