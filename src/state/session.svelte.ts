/**
 * The user's session around the store: messages about the link and saved
 * work (banners), autosave, "My scenarios" and importing scenario files.
 * Storage is passed in (localStorage in the app, a stand-in or nothing in
 * tests); every storage problem becomes a message and the app keeps working.
 */
import { getContext, setContext } from 'svelte';
import type { Scenario } from '../model/types';
// The YAML parser and validator are loaded only when someone imports a file,
// so they stay out of the first screen's JavaScript.
import { readTextFile } from '../scenario/decode';
import { withoutDirectionControls } from '../scenario/directionControls';
import type { ParseResult, ParseTextOptions, ScenarioError } from '../scenario/parse';
import { encodeLink } from '../share/link';
import {
  MAX_MY_SCENARIOS,
  cleanName,
  forgetSavedData,
  parseWork,
  serializeWork,
  writeSaved,
  STORAGE_KEY,
  type LoadResult,
  type ListableStorage,
  type MyScenario,
  type StorageLike,
} from './persist';
import { APP_PRESETS, cloneScenario } from './presets';
import type { AppStore } from './store.svelte';
import type { AppState } from './types';
import { initialState } from './edits';

/** A dismissible message shown at the top of the page. */
export interface Banner {
  id: number;
  /** One banner per kind: a newer one replaces an older one. */
  kind: 'link' | 'version' | 'saved' | 'storage' | 'import';
  title: string;
  messages: string[];
}

/** The outcome of the last import, shown by the import panel. */
export type ImportResult =
  | { ok: true; fileName: string; title: string; added: boolean }
  | { ok: false; fileName: string; errors: ScenarioError[] };

/** Which share/save panel is open. */
export type SharePanel = 'link' | 'citation' | 'mine' | 'import' | 'export';

export interface SessionOptions {
  /** Where saved work lives; null keeps everything in memory. */
  storage?: StorageLike | null;
  /** What was read from storage at start-up. */
  loaded?: LoadResult | null;
  /** Save the state after each change (false in tests and when storage is unusable). */
  autosave?: boolean;
  /** The page address without its fragment (links are built on it). */
  baseUrl?: () => string;
  presets?: readonly Scenario[];
  /** Milliseconds between a change and its autosave. */
  delayMs?: number;
  now?: () => Date;
}


type ParseText = (text: string, options?: ParseTextOptions) => ParseResult;
let parseText: ParseText | null = null;

/** Load the scenario-file parser (once); importText needs it. */
export async function loadScenarioParser(): Promise<void> {
  parseText ??= (await import('../scenario/parseText')).parseScenarioText;
}

export class Session {
  banners = $state.raw<Banner[]>([]);
  myScenarios = $state.raw<MyScenario[]>([]);
  /** The last deleted saved scenario, until it is restored or another is deleted. */
  lastDeleted = $state.raw<{ item: MyScenario; index: number } | null>(null);
  importResult = $state.raw<ImportResult | null>(null);
  /** The open share/save panel (a dropped file opens the import panel). */
  panel = $state<SharePanel | null>(null);

  readonly baseUrl: () => string;
  readonly presets: readonly Scenario[];

  #store: AppStore;
  #storage: StorageLike | null;
  #writable: boolean;
  #autosave: boolean;
  /** The person deleted what Stand-Down saved: this tab saves nothing more. */
  #forgotten = false;
  #delayMs: number;
  #now: () => Date;
  /** The stored state's link, written back as it was until the user changes something. */
  #storedLink: string | null;
  #dirty = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextBanner = 1;
  #unsubscribe: () => void;

  constructor(store: AppStore, options: SessionOptions = {}) {
    this.#store = store;
    this.#storage = options.storage ?? null;
    this.#writable = options.loaded ? options.loaded.writable : this.#storage !== null;
    this.#autosave = options.autosave ?? false;
    this.#delayMs = options.delayMs ?? 400;
    this.#now = options.now ?? (() => new Date());
    this.presets = options.presets ?? APP_PRESETS;
    this.baseUrl = options.baseUrl ?? defaultBaseUrl;
    this.#storedLink = options.loaded?.work.stateLink ?? null;
    this.myScenarios = options.loaded?.work.myScenarios ?? [];
    // Nothing is written at start-up: opening a link (good or bad) never overwrites saved work.
    this.#unsubscribe = store.subscribe(() => {
      this.#dirty = true;
      if (this.#autosave) this.#schedule();
    });
  }

  // ───────────── banners ─────────────

  /** Show (or replace) the banner of this kind. */
  showBanner(kind: Banner['kind'], title: string, messages: string[] = []): void {
    // At most twelve lines, and a last one saying how many more there were (none are dropped unsaid).
    const shown = messages.length > 12 ? [...messages.slice(0, 11), `…and ${messages.length - 11} more problems.`] : messages;
    const banner: Banner = { id: this.#nextBanner++, kind, title, messages: shown };
    this.banners = [...this.banners.filter((b) => b.kind !== kind), banner];
  }

  dismissBanner(id: number): void {
    this.banners = this.banners.filter((b) => b.id !== id);
  }

  clearBanner(kind: Banner['kind']): void {
    if (this.banners.some((b) => b.kind === kind)) this.banners = this.banners.filter((b) => b.kind !== kind);
  }

  // ───────────── links ─────────────

  /** The fragment (without '#') of the current state. */
  fragment(state: AppState = this.#store.state): string {
    return encodeLink(state, this.presets);
  }

  /** The full share link of the current state. */
  link(state: AppState = this.#store.state): string {
    return `${this.baseUrl()}#${this.fragment(state)}`;
  }

  // ───────────── autosave ─────────────

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.save(), this.#delayMs);
  }

  /** Write saved work now (also called when the page is hidden). Returns the problem, if any. */
  save(): string | null {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#writable || !this.#storage) return null;
    let text: string;
    try {
      // A tab that has not changed the view keeps the view stored now (another tab's, perhaps), not the one it opened with.
      const link = this.#dirty && this.#autosave ? this.fragment() : this.#currentStoredLink();
      text = serializeWork(link, this.myScenarios, this.#now());
      if (this.#dirty && this.#autosave) this.#storedLink = link;
    } catch (err) {
      const message = `Your work could not be prepared for saving (${err instanceof Error ? err.message : String(err)}).`;
      this.showBanner('storage', 'Saving failed', [message]);
      return message;
    }
    const problem = writeSaved(this.#storage, text);
    if (problem) this.showBanner('storage', 'Saving failed', [problem]);
    else this.clearBanner('storage');
    return problem;
  }

  /** The view in the stored record now (another tab may have written one since this tab opened), else the one this tab read. */
  #currentStoredLink(): string | null {
    try {
      const raw = this.#storage?.getItem(STORAGE_KEY);
      const record = raw ? (JSON.parse(raw) as { state?: unknown }) : null;
      return record && typeof record.state === 'string' ? record.state : this.#storedLink;
    } catch {
      return this.#storedLink;
    }
  }

  /** Whether a save is waiting (tests; the page-hide handler). */
  get pending(): boolean {
    return this.#timer !== undefined;
  }

  /** Another tab changed saved work: take its list of saved scenarios. */
  refreshFromStorage(): void {
    if (!this.#storage) return;
    try {
      const read = parseWork(this.#storage.getItem(STORAGE_KEY), this.presets, initialState(undefined, this.presets));
      if (!read.damaged) this.myScenarios = read.work.myScenarios;
    } catch {
      // Keep what this tab has.
    }
  }

  // ───────────── My scenarios ─────────────

  /** Save the current scenario under a name. Returns a refusal message or null. */
  saveScenario(rawName: string): string | null {
    const name = cleanName(rawName);
    if (!name) return 'Give the scenario a name first.';
    if (this.myScenarios.length >= MAX_MY_SCENARIOS) return `You can keep at most ${MAX_MY_SCENARIOS} scenarios; delete one first.`;
    const state = this.#store.state;
    const item: MyScenario = { id: this.#newId(), name, savedAt: this.#now().toISOString(), presetId: state.presetId, scenario: cloneScenario(state.scenario) };
    this.myScenarios = [...this.myScenarios, item];
    // Listed for this visit either way; if the browser would not store it, say so rather than "Saved".
    const problem =
      this.save() ??
      (!this.#storage
        ? 'This browser does not let Stand-Down save anything.'
        : this.#forgotten
          ? 'Saving is off in this tab since you deleted what Stand-Down saved; reload the page to save again.'
          : !this.#writable
            ? 'Saving is off until the damaged saved work is cleared (see the message at the top).'
          : null);
    return problem ? `“${name}” is listed for this visit only and will be gone after a reload. ${problem}` : null;
  }

  /** Make a saved scenario the current one (an undoable step). */
  openScenario(id: string): string | null {
    const item = this.myScenarios.find((m) => m.id === id);
    if (!item) return 'That saved scenario no longer exists.';
    this.#loadScenario(item.scenario, item.presetId);
    return null;
  }

  renameScenario(id: string, rawName: string): string | null {
    const name = cleanName(rawName);
    if (!name) return 'A name cannot be empty.';
    if (!this.myScenarios.some((m) => m.id === id)) return 'That saved scenario no longer exists.';
    this.myScenarios = this.myScenarios.map((m) => (m.id === id ? { ...m, name } : m));
    this.save();
    return null;
  }

  /** Delete a saved scenario; `restoreDeleted` brings it back. */
  deleteScenario(id: string): void {
    const index = this.myScenarios.findIndex((m) => m.id === id);
    if (index < 0) return;
    this.lastDeleted = { item: this.myScenarios[index], index };
    this.myScenarios = this.myScenarios.filter((m) => m.id !== id);
    this.save();
  }

  restoreDeleted(): void {
    const d = this.lastDeleted;
    if (!d) return;
    const list = [...this.myScenarios];
    const item = list.some((m) => m.id === d.item.id) ? { ...d.item, id: this.#newId() } : d.item;
    list.splice(Math.min(d.index, list.length), 0, item);
    this.myScenarios = list;
    this.lastDeleted = null;
    this.save();
  }

  // ───────────── a shared computer ─────────────

  /**
   * Delete everything Stand-Down keeps in this browser, and stop this tab
   * saving again (its next change would write the state back). Returns what
   * to tell the person.
   */
  forgetEverything(): { ok: boolean; message: string } {
    const storage = this.#storage as (StorageLike & Partial<ListableStorage>) | null;
    if (!storage || typeof storage.key !== 'function' || typeof storage.length !== 'number') {
      return { ok: false, message: 'This browser does not let Stand-Down keep anything, so there is nothing to delete.' };
    }
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const result = forgetSavedData(storage as ListableStorage);
    if ('error' in result) return { ok: false, message: result.error };
    this.#writable = false;
    this.#forgotten = true;
    this.myScenarios = [];
    this.lastDeleted = null;
    this.clearBanner('storage');
    // What is on screen, its pins and its undo steps go too: the address bar showed them to the next person.
    this.#store.reset(initialState(undefined, this.presets));
    const what = result.removed === 1 ? '1 storage entry' : `${result.removed} storage entries`;
    return {
      ok: true,
      message: `Deleted what Stand-Down kept in this browser (${what}: saved scenarios, autosaved work and exercises, the copies kept aside) and started again from the default scenario. This tab saves nothing more; close every Stand-Down tab too. The browser's history still holds the address of each view you had: clear it in the browser's settings.`,
    };
  }

  #newId(): string {
    const used = new Set(this.myScenarios.map((m) => m.id));
    let n = this.myScenarios.length + 1;
    while (used.has(`my-${n}`)) n++;
    return `my-${n}`;
  }

  #loadScenario(scenario: Scenario, presetId: string): void {
    const s = cloneScenario(scenario);
    const now = this.#store.state;
    this.#store.load({
      ...now,
      scenario: s,
      presetId,
      explainTarget: { ...now.explainTarget, month: Math.min(now.explainTarget.month, s.horizonMonths) },
    });
  }

  // ───────────── import ─────────────

  /** Read scenario text (YAML or JSON); a valid one becomes the current scenario and is added to My scenarios. */
  importText(text: string, fileName: string): ImportResult {
    const name = cleanName(fileName).slice(0, 80) || 'scenario file';
    if (!parseText) throw new Error('the scenario-file parser is not loaded yet (call loadScenarioParser first)');
    const parsed = parseText(text, { source: name, ...(/\.json$/i.test(name) ? { format: 'json' as const } : {}) });
    let result: ImportResult;
    if (!parsed.ok) {
      result = { ok: false, fileName: name, errors: parsed.errors };
    } else {
      const s = parsed.value;
      this.#loadScenario(s, s.id);
      const already = this.myScenarios.some((m) => JSON.stringify(m.scenario) === JSON.stringify(s));
      const added = !already && this.myScenarios.length < MAX_MY_SCENARIOS;
      if (added) {
        this.myScenarios = [
          ...this.myScenarios,
          { id: this.#newId(), name: cleanName(s.title) || name, savedAt: this.#now().toISOString(), presetId: s.id, scenario: cloneScenario(s) },
        ];
        this.save();
      }
      result = { ok: true, fileName: name, title: s.title, added };
    }
    this.importResult = result;
    this.panel = 'import';
    return result;
  }

  /** Read a file chosen or dropped by the user. Never rejects. */
  async importFile(file: Blob & { name?: string }): Promise<ImportResult> {
    const name = typeof file.name === 'string' ? withoutDirectionControls(file.name) : 'scenario file';
    const read = await readTextFile(file);
    if (!read.ok) return this.#importFailure(name, read.message);
    try {
      await loadScenarioParser();
      return this.importText(read.text, name);
    } catch (err) {
      return this.#importFailure(name, `The file could not be imported (${err instanceof Error ? err.message : String(err)}).`);
    }
  }

  #importFailure(fileName: string, message: string): ImportResult {
    const result: ImportResult = { ok: false, fileName: cleanName(fileName).slice(0, 80) || 'scenario file', errors: [{ path: '', message }] };
    this.importResult = result;
    this.panel = 'import';
    return result;
  }

  dispose(): void {
    if (this.#timer !== undefined) this.save();
    this.#unsubscribe();
  }
}

/**
 * The address links are made from: the page without its fragment and without its query. A query is
 * nothing of Stand-Down's (a course site's `?session=…`, a tracking tag) and should not travel in
 * every link and citation made from it.
 */
export function pageAddress(href: string): string {
  return href.split(/[?#]/)[0];
}

function defaultBaseUrl(): string {
  try {
    return typeof location !== 'undefined' ? pageAddress(location.href) : '';
  } catch {
    return '';
  }
}

const SESSION_KEY = Symbol('stand-down session');

/** Make the session available to every component below the caller. */
export function provideSession(session: Session): Session {
  return setContext(SESSION_KEY, session);
}

/** The session provided by an ancestor. */
export function useSession(): Session {
  const session = getContext<Session | undefined>(SESSION_KEY);
  if (!session) throw new Error('No session: render this component inside <App> or provide one with provideSession().');
  return session;
}

/** The context key, for tests that render a component alone. */
export const sessionContextKey = SESSION_KEY;
