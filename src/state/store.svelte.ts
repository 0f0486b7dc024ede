/**
 * The app's store: the current state as a frozen Immer snapshot in
 * `$state.raw` (a deep `$state` proxy would break Immer's frozen objects),
 * changed only through `update`, with undo/redo.
 */
import { getContext, setContext } from 'svelte';
import { History, type Recipe, type UpdateOptions } from './history';
import { initialState } from './edits';
import type { AppState } from './types';

/** What caused a change of state, for listeners (the URL, autosave). */
export type ChangeOrigin = 'edit' | 'undo' | 'redo' | 'reset' | 'load' | 'navigate';

export interface StateChange {
  state: AppState;
  /** False while a slider is dragged (the change will be followed by a committed one). */
  commit: boolean;
  origin: ChangeOrigin;
}

export type ChangeListener = (change: StateChange) => void;

export class AppStore {
  /** The current state; read it, never mutate it. */
  state: AppState = $state.raw(initialState());
  /** Whether undo/redo have anything to do. */
  canUndo = $state(false);
  canRedo = $state(false);
  /** The last refusal message of an update, for a shared live region. */
  lastError = $state<string | null>(null);

  #history: History<AppState>;
  #listeners = new Set<ChangeListener>();

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
    return this.#change('edit', options.commit, () => this.#history.update(recipe, options));
  }

  undo(): void {
    this.#change('undo', true, () => (this.#history.undo(), null));
  }

  redo(): void {
    this.#change('redo', true, () => (this.#history.redo(), null));
  }

  /** Replace the state and clear the history. */
  reset(state: AppState = initialState()): void {
    this.#change('reset', true, () => (this.#history.reset(state), null));
  }

  /**
   * Replace the whole state as one undoable step (a link, an import, a saved
   * scenario). Only the parts that differ are replaced, so unchanged parts
   * keep their identity. `navigate` marks a change that came from the
   * browser's back/forward buttons (the URL already shows it).
   */
  load(next: AppState, origin: 'load' | 'navigate' = 'load'): void {
    this.#change(origin, true, () =>
      this.#history.update(
        (draft) => {
          for (const key of Object.keys(next) as (keyof AppState)[]) {
            if (JSON.stringify(draft[key]) !== JSON.stringify(next[key])) (draft as unknown as Record<string, unknown>)[key] = structuredClone(next[key]);
          }
        },
        { commit: true },
      ),
    );
  }

  /** Call `listener` after every change of state; returns a function that stops it. */
  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #change(origin: ChangeOrigin, commit: boolean, apply: () => string | null): string | null {
    const before = this.#history.state;
    const error = apply();
    if (origin === 'edit') this.lastError = error;
    else if (origin === 'reset') this.lastError = null;
    this.#sync();
    if (this.state !== before) {
      for (const listener of this.#listeners) {
        try {
          listener({ state: this.state, commit, origin });
        } catch (err) {
          // A failing listener (storage, URL) must not undo the change or stop the others.
          console.error('Stand-Down: a state listener failed:', err);
        }
      }
    }
    return error;
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
