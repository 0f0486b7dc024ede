import { render } from '@testing-library/svelte';
import App from '../../../src/App.svelte';
import { initialState } from '../../../src/state/edits';
import { Notices } from '../../../src/state/notices.svelte';
import { AppStore } from '../../../src/state/store.svelte';
import type { AppState } from '../../../src/state/types';
import { SyncRunner, type EnsembleRunner } from '../../../src/worker/runner';

/** The app with a synchronous runner and small ensembles, so tests are quick and deterministic. */
export function renderApp(options: { state?: Partial<AppState>; makeRunner?: () => EnsembleRunner } = {}) {
  const base = initialState();
  const state: AppState = { ...base, ensemble: { ...base.ensemble, runs: 100 }, ...options.state };
  const store = new AppStore(state);
  const notices = new Notices();
  const makeRunner = options.makeRunner ?? (() => new SyncRunner());
  const result = render(App, { props: { store, makeRunner, notices } });
  return { store, notices, ...result };
}
