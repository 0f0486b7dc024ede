/**
 * Keeps the address bar's fragment equal to the share link of the current
 * state, so that the browser's back and forward buttons move between
 * committed states:
 *
 * - a committed change (a click, a typed value, undo, redo) adds a history
 *   entry (pushState);
 * - a slider drag adds one entry when it starts and then only replaces it
 *   (replaceState, at most every `throttleMs`), so back returns to the state
 *   before the drag, not to a point in the middle of it;
 * - back/forward (popstate) and a hand-edited fragment (hashchange) decode
 *   the link and load it without adding an entry.
 *
 * The window is passed in, so this runs against a stand-in in tests.
 */
import type { Scenario } from '../model/types';
import { encodeLink } from '../share/link';
import { APP_PRESETS } from './presets';
import { isLinkFragment, stateFromLink } from './startup';
import type { AppStore, StateChange } from './store.svelte';

/** The parts of `window` used here. */
export interface HistoryHost {
  location: { hash: string };
  history: { pushState(data: unknown, unused: string, url?: string): void; replaceState(data: unknown, unused: string, url?: string): void };
  addEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
  removeEventListener(type: 'popstate' | 'hashchange', listener: () => void): void;
}

export interface UrlSyncOptions {
  presets?: readonly Scenario[];
  /** Called after a link reached by back/forward or typed into the address bar is read, with its problems (often none). */
  onLinkRead?: (problems: string[], versionNotice: string | null, unread: boolean) => void;
  /** Least time between address-bar updates during a drag. */
  throttleMs?: number;
}

export class UrlSync {
  #store: AppStore;
  #host: HistoryHost;
  #presets: readonly Scenario[];
  #onRead: UrlSyncOptions['onLinkRead'];
  #throttleMs: number;
  /** The fragment the address bar shows (without '#'). */
  #current = '';
  /** True while a drag's history entry is open (pushed, still being replaced). */
  #dragEntry = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastReplace = 0;
  #unsubscribe: (() => void) | null = null;
  #onNavigate = () => this.#navigate();

  constructor(store: AppStore, host: HistoryHost, options: UrlSyncOptions = {}) {
    this.#store = store;
    this.#host = host;
    this.#presets = options.presets ?? APP_PRESETS;
    this.#onRead = options.onLinkRead;
    this.#throttleMs = options.throttleMs ?? 200;
  }

  /**
   * Show the current state's link (replacing whatever link opened the page)
   * and follow changes. `keep`: a link that could not be read at all stays
   * in the address bar until the first change, which adds an entry after it,
   * so the link is not lost (a newer version of the app may read it).
   */
  start(keep?: string): void {
    if (keep !== undefined) this.#current = keep;
    else {
      this.#current = this.#encode();
      this.#write('replace', this.#current);
    }
    this.#unsubscribe = this.#store.subscribe((change) => this.#changed(change));
    this.#host.addEventListener('popstate', this.#onNavigate);
    this.#host.addEventListener('hashchange', this.#onNavigate);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#host.removeEventListener('popstate', this.#onNavigate);
    this.#host.removeEventListener('hashchange', this.#onNavigate);
  }

  /** The fragment shown in the address bar (without '#'). */
  get fragment(): string {
    return this.#current;
  }

  #encode(): string {
    return encodeLink(this.#store.state, this.#presets);
  }

  #changed(change: StateChange): void {
    // The address bar already shows a state reached with back/forward.
    if (change.origin === 'navigate') return;
    if (!change.commit) {
      if (!this.#dragEntry) {
        this.#dragEntry = true;
        this.#current = this.#encode();
        this.#write('push', this.#current);
      } else {
        this.#throttledReplace();
      }
      return;
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const fragment = this.#encode();
    if (this.#dragEntry) {
      this.#dragEntry = false;
      this.#current = fragment;
      this.#write('replace', fragment);
    } else if (fragment !== this.#current) {
      this.#current = fragment;
      this.#write('push', fragment);
    }
  }

  #throttledReplace(): void {
    if (this.#timer !== undefined) return;
    const wait = Math.max(0, this.#lastReplace + this.#throttleMs - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (!this.#dragEntry) return;
      this.#current = this.#encode();
      this.#write('replace', this.#current);
    }, wait);
  }

  #write(kind: 'push' | 'replace', fragment: string): void {
    try {
      if (kind === 'push') this.#host.history.pushState(null, '', `#${fragment}`);
      else this.#host.history.replaceState(null, '', `#${fragment}`);
      this.#lastReplace = Date.now();
    } catch (err) {
      // Browsers refuse too many history calls in a short time; the next change writes the link again.
      console.warn('Stand-Down could not update the address bar:', err);
    }
  }

  #navigate(): void {
    let hash: string;
    try {
      hash = this.#host.location.hash;
    } catch {
      return;
    }
    const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
    if (fragment === this.#current) return;
    if (!isLinkFragment(hash)) {
      // An in-page anchor (#charts) or an emptied fragment: show the current link again.
      this.#write('replace', this.#current);
      return;
    }
    this.#dragEntry = false;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const decoded = stateFromLink(hash, this.#presets);
    this.#current = fragment;
    this.#store.load(decoded.state, 'navigate');
    this.#onRead?.(decoded.problems, decoded.versionNotice, decoded.unread);
  }
}
