/**
 * Saved work in the browser's storage: the current state (autosave) and
 * "My scenarios", as one versioned record under one key:
 *
 *   { "version": 1, "savedAt": "2025-…Z", "state": "<link fragment>", "myScenarios": [ … ] }
 *
 * The state is stored as its share link, so reading it back goes through the
 * same validator as a link (decodeLink); each saved scenario is stored in the
 * scenario file shape and read back through parseScenario. Nothing here
 * throws: damaged or foreign data gives messages that name what was wrong,
 * the usable rest, and a flag telling the caller to keep a backup of the raw
 * text before overwriting it.
 */
import { keepNewestCopy } from './keepCopies';
import { decodeLink, encodeLink } from '../share/link';
import type { Scenario } from '../model/types';
import { withoutDirectionControls } from '../scenario/directionControls';
import { firstProblems } from '../scenario/messages';
import { parseScenario } from '../scenario/parse';
import { scenarioToFile } from '../scenario/serialize';
import type { AppState } from './types';

/** The one storage key everything is saved under. */
export const STORAGE_KEY = 'stand-down:saved-work';
/** Where unreadable saved data is copied before it is replaced, so nothing is lost. */
export const BACKUP_KEY = 'stand-down:saved-work:backup';
/** Damaged records kept, newest under BACKUP_KEY, older ones under BACKUP_KEY-2 … -BACKUPS: a second problem does not erase the first. */
export const BACKUPS = 5;
/** The record format this code writes and reads. */
export const PERSIST_VERSION = 1;
/** Saved scenarios kept at most. */
export const MAX_MY_SCENARIOS = 100;
/** Names are cut to this many characters. */
export const MAX_NAME_LENGTH = 120;
/** Stored text longer than this is not read (localStorage holds about 5 MB). */
export const MAX_STORED_LENGTH = 5_000_000;

/** A scenario the user saved under a name. */
export interface MyScenario {
  /** Stable id within the list ("my-…"). */
  id: string;
  /** The user's name for it (plain text, never markup). */
  name: string;
  /** ISO date and time it was saved. */
  savedAt: string;
  /** The preset it started from (or its own id when it is not a preset's). */
  presetId: string;
  scenario: Scenario;
}

/** What was read from storage. */
export interface SavedWork {
  /** The autosaved state, or null when there was none (or it could not be used). */
  state: AppState | null;
  /** The autosaved state's link, as stored (written back unchanged until the user changes something). */
  stateLink: string | null;
  myScenarios: MyScenario[];
  savedAt: string | null;
}

export interface ReadResult {
  work: SavedWork;
  /** What was wrong, one sentence each; empty when all was well. */
  problems: string[];
  /** True when something stored could not be used: keep the raw text before overwriting it. */
  damaged: boolean;
}

/** The stored record, as JSON. */
interface StoredRecord {
  version: number;
  savedAt: string;
  state: string | null;
  myScenarios: { id: string; name: string; savedAt: string; presetId: string; scenario: unknown }[];
}

const EMPTY: SavedWork = { state: null, stateLink: null, myScenarios: [], savedAt: null };

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** A short, quoted preview of a value for messages (never more than 40 characters). */
function preview(x: unknown): string {
  let text: string;
  try {
    text = typeof x === 'string' ? JSON.stringify(x) : (JSON.stringify(x) ?? String(x));
  } catch {
    text = String(x);
  }
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a list';
  if (typeof x === 'object') return 'an object';
  if (typeof x === 'string') return `the text ${preview(x)}`;
  return `${typeof x} ${preview(x)}`;
}

/** Names: plain text without control characters, trimmed, at most MAX_NAME_LENGTH characters. */
export function cleanName(name: unknown): string {
  if (typeof name !== 'string') return '';
  // eslint-disable-next-line no-control-regex
  return withoutDirectionControls(name).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_NAME_LENGTH);
}

const isIsoDate = (x: unknown): x is string => typeof x === 'string' && x.length <= 40 && !Number.isNaN(Date.parse(x));

/** The record as stored text. `stateLink` is the state's share link (see encodeLink). */
export function serializeWork(stateLink: string | null, myScenarios: readonly MyScenario[], now: Date = new Date()): string {
  const record: StoredRecord = {
    version: PERSIST_VERSION,
    savedAt: now.toISOString(),
    state: stateLink,
    myScenarios: myScenarios.map((m) => ({ id: m.id, name: m.name, savedAt: m.savedAt, presetId: m.presetId, scenario: scenarioToFile(m.scenario) })),
  };
  return JSON.stringify(record);
}

/** The share link a state is stored as. */
export function stateToLink(state: AppState, presets: readonly Scenario[]): string {
  return encodeLink(state, presets);
}

/**
 * Read stored text back. `fallback` supplies whatever the stored state does
 * not (as for a link). Never throws.
 */
export function parseWork(text: unknown, presets: readonly Scenario[], fallback: AppState): ReadResult {
  const problems: string[] = [];
  try {
    if (text === null || text === undefined) return { work: EMPTY, problems, damaged: false };
    if (typeof text !== 'string') return fail(`Your saved work is not text (it is ${kindOf(text)}).`);
    if (text.length > MAX_STORED_LENGTH) {
      return fail(`Your saved work is too large to read (${text.length.toLocaleString('en-US')} characters; at most ${MAX_STORED_LENGTH.toLocaleString('en-US')}).`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      return fail(`Your saved work is damaged: it is not valid JSON (${err instanceof Error ? err.message.slice(0, 120) : 'unreadable'}).`);
    }
    if (!isObject(data)) return fail(`Your saved work is damaged: it should be an object with a version, but is ${kindOf(data)}.`);
    const version = data.version;
    if (version !== PERSIST_VERSION) {
      if (typeof version === 'number' && Number.isInteger(version) && version > PERSIST_VERSION) {
        return fail(`Your saved work was written by a newer Stand-Down (format version ${version}; this one reads version ${PERSIST_VERSION}).`);
      }
      return fail(`Your saved work has format version ${version === undefined ? '(missing)' : preview(version)}; this Stand-Down reads version ${PERSIST_VERSION}.`);
    }

    let damaged = false;
    const savedAt = isIsoDate(data.savedAt) ? data.savedAt : null;

    // The state, read like a link.
    let state: AppState | null = null;
    let stateLink: string | null = null;
    if (data.state !== null && data.state !== undefined) {
      if (typeof data.state !== 'string') {
        problems.push(`The autosaved state should be a link but is ${kindOf(data.state)}; it was not used.`);
        damaged = true;
      } else {
        const decoded = decodeLink(data.state, presets, fallback);
        if (decoded.problems.length) {
          damaged = true;
          const listed = decoded.problems.length > 5 ? [...decoded.problems.slice(0, 4), `…and ${decoded.problems.length - 4} more.`] : decoded.problems;
          problems.push(...listed.map((p) => `Autosaved state: ${p}`));
        }
        state = decoded.state as AppState;
        stateLink = decoded.problems.length ? null : data.state;
      }
    }

    // My scenarios, each checked on its own.
    const myScenarios: MyScenario[] = [];
    const list = data.myScenarios;
    if (list !== undefined && !Array.isArray(list)) {
      problems.push(`"My scenarios" should be a list but is ${kindOf(list)}; it could not be read.`);
      damaged = true;
    } else if (Array.isArray(list)) {
      if (list.length > MAX_MY_SCENARIOS) {
        problems.push(`"My scenarios" holds ${list.length} entries; only the first ${MAX_MY_SCENARIOS} were read.`);
        damaged = true;
      }
      const ids = new Set<string>();
      list.slice(0, MAX_MY_SCENARIOS).forEach((item, i) => {
        const read = readMyScenario(item, i, ids);
        if (typeof read === 'string') {
          problems.push(read);
          damaged = true;
        } else {
          ids.add(read.id);
          myScenarios.push(read);
        }
      });
    }
    return { work: { state, stateLink, myScenarios, savedAt }, problems, damaged };
  } catch (err) {
    return fail(`Your saved work could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }

  function fail(message: string): ReadResult {
    problems.push(message);
    return { work: EMPTY, problems, damaged: true };
  }
}

/** One saved scenario, or a message naming what was wrong with it. */
function readMyScenario(item: unknown, index: number, usedIds: ReadonlySet<string>): MyScenario | string {
  const where = `Saved scenario ${index + 1}`;
  if (!isObject(item)) return `${where} should be an object but is ${kindOf(item)}; it was left out.`;
  const name = cleanName(item.name);
  const label = name ? `${where} (“${name.slice(0, 40)}”)` : where;
  if (!name) return `${where} has no name (name is ${kindOf(item.name)}); it was left out.`;
  const parsed = parseScenario(item.scenario, { source: 'saved' });
  if (!parsed.ok) {
    const first = firstProblems(parsed.errors, 2);
    return `${label} is not a valid scenario (${first}); it was left out.`;
  }
  let id = typeof item.id === 'string' && /^[\w-]{1,60}$/.test(item.id) ? item.id : `my-${index + 1}`;
  for (let k = 2; usedIds.has(id); k++) id = `my-${index + 1}-${k}`;
  const presetId = typeof item.presetId === 'string' && item.presetId.length <= 100 ? item.presetId : parsed.value.id;
  return { id, name, savedAt: isIsoDate(item.savedAt) ? item.savedAt : new Date(0).toISOString(), presetId, scenario: parsed.value };
}

// ───────────────────────── storage ─────────────────────────

/** The part of the Storage interface used here (localStorage, or a stand-in in tests). */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Storage whose keys can be listed (localStorage can). */
export interface ListableStorage extends StorageLike {
  readonly length: number;
  key(index: number): string | null;
}

/**
 * Every key Stand-Down writes begins so: saved work and its backups
 * ("stand-down:…"), the exercise's autosave and the copies kept aside
 * ("stand-down-exercise…").
 */
export const KEY_PREFIX = 'stand-down';

/**
 * Remove everything Stand-Down keeps in this browser (on a shared computer,
 * notes and kept-aside copies would otherwise stay). Returns how many items
 * went, or why it could not.
 */
export function forgetSavedData(storage: ListableStorage): { removed: number } | { error: string } {
  try {
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && key.startsWith(KEY_PREFIX)) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    return { removed: keys.length };
  } catch (err) {
    return { error: `The browser would not let Stand-Down delete what it saved (${err instanceof Error ? err.message : String(err)}).` };
  }
}

/** The browser's localStorage, or null when it is missing or blocked (private modes, cookie settings). */
export function browserStorage(): StorageLike | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/** Whether an error is the browser saying storage is full. */
export function isQuotaError(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { name?: unknown; code?: unknown };
  return e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22 || e.code === 1014;
}

export interface LoadResult extends ReadResult {
  /** False when damaged data could not be backed up: do not overwrite it then. */
  writable: boolean;
}

/**
 * Read saved work from storage; damaged data is first copied to BACKUP_KEY
 * (and the message says so). Never throws.
 */
export function loadSaved(storage: StorageLike | null, presets: readonly Scenario[], fallback: AppState): LoadResult {
  if (!storage) return { work: EMPTY, problems: [], damaged: false, writable: false };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (err) {
    return {
      work: EMPTY,
      problems: [`This browser does not let Stand-Down read its saved work (${describe(err)}); your changes will not be kept after you close the page. Links still work.`],
      damaged: false,
      writable: false,
    };
  }
  const read = parseWork(raw, presets, fallback);
  if (!read.damaged || raw === null) return { ...read, writable: true };
  try {
    const key = keepNewestCopy(storage, BACKUP_KEY, BACKUPS, raw);
    return { ...read, problems: [...read.problems, `A copy of what was stored is kept in this browser's storage under “${key}”.`], writable: true };
  } catch (err) {
    return {
      ...read,
      problems: [...read.problems, `The damaged data could not be backed up (${describe(err)}), so it is left as it is and nothing will be saved until you clear it.`],
      writable: false,
    };
  }
}

/** Write the record; a message when it could not be written (full storage, blocked storage). Never throws. */
export function writeSaved(storage: StorageLike | null, text: string): string | null {
  if (!storage) return 'This browser does not let Stand-Down save anything; your work lives only in the link.';
  try {
    storage.setItem(STORAGE_KEY, text);
    return null;
  } catch (err) {
    if (isQuotaError(err)) {
      return "Your work could not be saved: this browser's storage for Stand-Down is full (QuotaExceededError). The link still holds the current scenario; delete some of My scenarios or export them to free space.";
    }
    return `Your work could not be saved (${describe(err)}). The link still holds the current scenario.`;
  }
}

function describe(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
