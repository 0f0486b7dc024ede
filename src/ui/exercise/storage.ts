/**
 * Autosave of the facilitator's session in the browser's storage, versioned
 * `{ version: 1, scriptId, session }`. Parse, don't trust: a saved session
 * is restored only through `parseSession`; a corrupt one is set aside under
 * a backup key with a message naming what was wrong, and the exercise
 * starts fresh (never a blank page).
 */
import { keepNewestCopy } from '../../state/keepCopies';
import type { Scenario } from '../../model/types';
import { parseSession } from '../../exercise/validate';
import { withoutHistory, type ExerciseSession } from '../../exercise/session';
import { ownScriptFile, resolveScript } from '../../exercise/ownScript';

export const STORAGE_KEY = 'stand-down-exercise';
/** Where an autosave that could not be restored is kept, as it was. */
export const CORRUPT_KEY = 'stand-down-exercise:corrupt';
/** Where the autosave is kept when a facilitator link replaces it. */
export const REPLACED_KEY = 'stand-down-exercise:replaced';
export const SAVE_VERSION = 1;

/** What is stored under STORAGE_KEY. */
export interface SavedExercise {
  version: typeof SAVE_VERSION;
  scriptId: string;
  /** A script the facilitator opened from a file, in file shape: the app does not have it otherwise. */
  script?: unknown;
  session: ExerciseSession;
}

/** The storage the console uses: localStorage in the app, a stub in tests. */
export type ExerciseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'ok'; script: Scenario; session: ExerciseSession }
  | {
      kind: 'corrupt';
      error: string;
      text: string;
      /** Whether the text was copied aside (false: left where it was). */
      kept?: boolean;
      /** The key it was copied to: CORRUPT_KEY, or CORRUPT_KEY-n when the same text was kept there before. */
      keptUnder?: string;
    };

/** The browser's localStorage, or null where it is missing or refused (private modes, settings). */
export function browserStorage(): ExerciseStorage | null {
  try {
    const s = globalThis.localStorage;
    return s ?? null;
  } catch {
    return null;
  }
}

/** Check a saved exercise (the text as stored) against the scripts this app has. Never throws. */
export function readSaved(text: string, exercises: readonly Scenario[]): LoadResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: 'corrupt', text, error: `it is not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'corrupt', text, error: 'it is not an object' };
  const o = value as Record<string, unknown>;
  if (o.version !== SAVE_VERSION) {
    return { kind: 'corrupt', text, error: `its version is ${JSON.stringify(o.version) ?? 'missing'}; this app reads version ${SAVE_VERSION}` };
  }
  const found = resolveScript(o.scriptId, o.script, exercises);
  if (!found.ok) return { kind: 'corrupt', text, error: found.error };
  const script = found.script;
  const parsed = parseSession(o.session, script);
  if (!parsed.ok) return { kind: 'corrupt', text, error: parsed.error };
  return { kind: 'ok', script, session: parsed.session };
}

/**
 * Restore the autosave. A corrupt one is copied to CORRUPT_KEY and removed,
 * and the result says why it could not be used.
 */
export function loadExercise(storage: ExerciseStorage | null, exercises: readonly Scenario[]): LoadResult {
  if (!storage) return { kind: 'none' };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch {
    return { kind: 'none' };
  }
  if (text === null) return { kind: 'none' };
  const result = readSaved(text, exercises);
  if (result.kind === 'corrupt') {
    try {
      // Five deep, as the app's backups: a second damaged autosave does not erase the first.
      const keptUnder = keepNewestCopy(storage, CORRUPT_KEY, SET_ASIDE, text);
      storage.removeItem(STORAGE_KEY);
      return { ...result, kept: true, keptUnder };
    } catch {
      // Storage refused the copy (full): the text stays where it is, and the caller must not autosave over it.
      return { ...result, kept: false };
    }
  }
  return result;
}

/**
 * At most this many characters of a saved session go to its undo stack's
 * older steps. Each step is a whole copy of the play state, every team's
 * texts included, so with twelve teams writing long rationales the stack
 * made an autosave 30–40 times the session's size (1.8 MB against 56 KB,
 * measured), and the storage filled up before the exercise ended. The play
 * state itself is always saved whole; only the oldest undo steps are left
 * out, so undo after a reload may reach back fewer steps.
 */
export const SAVED_UNDO_BUDGET = 300_000;

/** The text stored for a session: the whole session, with as much of its undo stack (newest first) as the budget holds. */
export function savedText(script: Scenario, session: ExerciseSession, exercises: readonly Scenario[], undoBudget = SAVED_UNDO_BUDGET): string {
  // A script not among the app's (`exercises`) is saved with the session: a reload could not find it otherwise.
  const own = ownScriptFile(script, exercises);
  const text = (s: ExerciseSession) =>
    JSON.stringify({ version: SAVE_VERSION, scriptId: script.id, ...(own ? { script: own } : {}), session: s } satisfies SavedExercise);
  const whole = text(session);
  const bare = text(withoutHistory(session));
  if (whole.length - bare.length <= undoBudget) return whole;
  // Keep the newest steps that fit (each costs its JSON and a comma).
  let kept = 0;
  let used = 0;
  for (let i = session.past.length - 1; i >= 0; i--) {
    used += JSON.stringify(session.past[i]).length + 1;
    if (used > undoBudget) break;
    kept++;
  }
  return text({ ...session, past: kept ? session.past.slice(-kept) : [] });
}

/** Save the session (with its script when that is not among the app's `exercises`); returns why it could not be saved (storage full or refused), or null. */
export function saveExercise(storage: ExerciseStorage | null, script: Scenario, session: ExerciseSession, exercises: readonly Scenario[]): string | null {
  if (!storage) return 'This browser does not allow the page to store data, so the exercise is not autosaved. Copy the facilitator link to keep it.';
  try {
    storage.setItem(STORAGE_KEY, savedText(script, session, exercises));
    return null;
  } catch {
    // Full: the play state matters more than undoing after a reload.
  }
  try {
    storage.setItem(STORAGE_KEY, savedText(script, withoutHistory(session), exercises));
    return null;
  } catch (e) {
    return `The exercise could not be autosaved (${e instanceof Error ? e.message : String(e)}). Copy the facilitator link to keep it.`;
  }
}

/** Sessions kept aside, newest under REPLACED_KEY, older under REPLACED_KEY-2 … -SET_ASIDE: a second replacement does not erase the first. */
export const SET_ASIDE = 5;
/** Keep `text` aside as the newest, moving older ones down (the oldest of SET_ASIDE goes); false when storage refused. */
export function setAsideText(storage: ExerciseStorage | null, text: string): boolean {
  if (!storage) return false;
  try {
    keepNewestCopy(storage, REPLACED_KEY, SET_ASIDE, text);
    return true;
  } catch {
    return false;
  }
}

/** Whether an autosave is stored (false when storage cannot be read). */
export function hasAutosave(storage: ExerciseStorage | null): boolean {
  try {
    return storage?.getItem(STORAGE_KEY) != null;
  } catch {
    return false;
  }
}

/** Keep the current autosave aside (before a link replaces it). */
export function setAsideAutosave(storage: ExerciseStorage | null): boolean {
  if (!storage) return false;
  try {
    const text = storage.getItem(STORAGE_KEY);
    return text !== null && setAsideText(storage, text);
  } catch {
    return false;
  }
}
