/**
 * Which state the app opens with: the link in the address bar when there is
 * one, else the autosaved state, else the default. Pure: the caller reads
 * `location.hash` and storage.
 */
import type { Scenario } from '../model/types';
import { decodeLink, modelVersionNotice } from '../share/link';
import { initialState } from './edits';
import { APP_PRESETS } from './presets';
import type { AppState } from './types';

/** Where the starting state came from. */
export type StartSource = 'link' | 'autosave' | 'default';

export interface StartingState {
  state: AppState;
  source: StartSource;
  /** What was wrong with the link, one sentence each (empty when all was well). */
  problems: string[];
  /** "made with model 1.0, shown with 1.1", or null. */
  versionNotice: string | null;
  /** Nothing of the link could be read, so the state is the default (see DecodedLink.unread). */
  unread: boolean;
}

/**
 * Whether a fragment is a share link rather than an in-page anchor such as
 * `#charts`: links are key=value fields.
 */
export function isLinkFragment(hash: string): boolean {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length === 0) return false;
  return text.includes('=') || !/^[A-Za-z][\w-]*$/.test(text) || text === 'v';
}

/** Decode a fragment the way the app does everywhere: missing fields come from the default state. */
export function stateFromLink(hash: string, presets: readonly Scenario[] = APP_PRESETS): Omit<StartingState, 'source'> {
  const decoded = decodeLink(hash, presets, initialState(undefined, presets));
  return { state: decoded.state as AppState, problems: decoded.problems, versionNotice: decoded.unread ? null : modelVersionNotice(decoded.modelVersion), unread: decoded.unread === true };
}

/** The state to open with. `autosaved` is the state read from storage (null when none). */
export function startingState(hash: string, autosaved: AppState | null, presets: readonly Scenario[] = APP_PRESETS): StartingState {
  if (isLinkFragment(hash)) return { ...stateFromLink(hash, presets), source: 'link' };
  if (autosaved) return { state: autosaved, source: 'autosave', problems: [], versionNotice: null, unread: false };
  return { state: initialState(undefined, presets), source: 'default', problems: [], versionNotice: null, unread: false };
}
