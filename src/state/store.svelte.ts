/**
 * The app's store: the current state as a frozen Immer snapshot in
 * `$state.raw` (a deep `$state` proxy would break Immer's frozen objects),
 * changed only through `update`, with undo/redo.
 */
import { getContext, setContext } from 'svelte';
import { History, type Recipe, type UpdateOptions } from './history';
import { initialState } from './edits';
import type { AppState } from './types';

export class AppStore {
  /** The current state; read it, never mutate it. */
  state: AppState = $state.raw(initialState());
  /** Whether undo/redo have anything to do. */
  canUndo = $state(false);
  canRedo = $state(false);
  /** The last refusal message of an update, for a shared live region. */
  lastError = $state<string | null>(null);

  #history: History<AppState>;

  constructor(initial: AppState = initialState()) {
    this.#history = new History(initial);
    this.#sync();
  }

  /**
   * Apply a recipe (usually an edit from edits.ts). `commit: false` for
   * intermediate values (slider drags): they join the next committed step.
   * Returns the refusal message, or null when the change was applied.
   */
  update(recipe: Recipe<AppState>, options: UpdateOptions = { commit: true }): string | null {
    const error = this.#history.update(recipe, options);
    this.lastError = error;
    this.#sync();
    return error;
  }

  undo(): void {
    if (this.#history.undo()) this.#sync();
  }

  redo(): void {
    if (this.#history.redo()) this.#sync();
  }

  /** Replace the state and clear the history. */
  reset(state: AppState = initialState()): void {
    this.#history.reset(state);
    this.lastError = null;
    this.#sync();
  }

  #sync(): void {
    this.state = this.#history.state;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }
}

/** A new store (tests make their own). */
export function createStore(initial?: AppState): AppStore {
  return new AppStore(initial);
}

const STORE_KEY = Symbol('stand-down store');

/** Make the store available to every component below the caller. */
export function provideStore(store: AppStore): AppStore {
  return setContext(STORE_KEY, store);
}

/** The store provided by an ancestor. */
export function useStore(): AppStore {
  const store = getContext<AppStore | undefined>(STORE_KEY);
  if (!store) throw new Error('No app store: render this component inside <App> or provide one with provideStore().');
  return store;
}

/** The context key, for tests that render a control alone: render(C, { context: new Map([[storeContextKey, store]]) }). */
export const storeContextKey = STORE_KEY;
