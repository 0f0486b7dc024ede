import { render } from '@testing-library/svelte';
import type { Component } from 'svelte';
import { initialState } from '../../../src/state/edits';
import { AppStore, storeContextKey } from '../../../src/state/store.svelte';
import type { AppState } from '../../../src/state/types';

type AnyProps = Record<string, unknown>;

/** Render a control with its own store in context; returns the store too. */
export function renderWithStore(component: Component<never>, props: AnyProps = {}, state: AppState = initialState()) {
  const store = new AppStore(state);
  const context = new Map<unknown, unknown>([[storeContextKey, store]]);
  const result = render(component as unknown as Component<AnyProps>, { props, context: context as Map<any, any> });
  return { store, ...result };
}
