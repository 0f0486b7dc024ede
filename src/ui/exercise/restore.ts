/**
 * Which session the facilitator console opens with, and whether it follows
 * another console tab: the two places where a careless choice would write
 * over the only copy of someone's exercise. Pure apart from the storage they
 * are given, so each path is tested without a page.
 */
import type { Scenario } from '../../model/types';
import { asClause } from '../../scenario/messages';
import { withoutHistory, type ExerciseSession } from '../../exercise/session';
import { decodeFacilitatorPayload } from './facilitatorLink';
import { PHASE_LABELS } from './labels';
import {
  CORRUPT_KEY, REPLACED_KEY, STORAGE_KEY, hasAutosave, loadExercise, readSaved, savedText, setAsideAutosave, setAsideText,
  type ExerciseStorage,
} from './storage';

/** "the briefing", or "month 4, decision". */
export const sessionPlace = (s: ExerciseSession) => (s.phase === 'briefing' ? 'the briefing' : `month ${s.month}, ${PHASE_LABELS[s.phase].toLowerCase()}`);

export interface StartingSession {
  /** The script and session to restore; null: a new session of the first script. */
  restored: { script: Scenario; session: ExerciseSession } | null;
  /** What the facilitator should know, in sentences; empty when nothing happened worth saying. */
  notice: string;
  /**
   * Why this tab must not autosave (it would write over the only copy of something: a damaged autosave,
   * or a session that a full storage would not let it keep aside); null when it may.
   */
  keepStored: string | null;
}

/**
 * The console's starting session: a facilitator link's payload first (the autosave it replaces is kept
 * aside), else the autosave; a damaged autosave is copied aside before a new session starts.
 */
export function startingSession(payload: string | null, exercises: readonly Scenario[], storage: ExerciseStorage | null): StartingSession {
  const messages: string[] = [];
  if (payload) {
    const link = decodeFacilitatorPayload(payload, exercises);
    if (link.ok) {
      const existing = hasAutosave(storage);
      const kept = setAsideAutosave(storage);
      let keepStored: string | null = null;
      messages.push(`Opened the exercise from the link at ${sessionPlace(link.session)}.`);
      if (kept) messages.push(`The exercise autosaved in this browser before is kept aside under the storage key "${REPLACED_KEY}".`);
      else if (existing) {
        // Autosaving the link's session would write over the only copy of the one before.
        keepStored = `the exercise autosaved before is still under "${STORAGE_KEY}"`;
        messages.push(
          `The exercise autosaved in this browser before could not be kept aside (the browser's storage is full), so it stays under "${STORAGE_KEY}" and this tab will not autosave over it. Copy the facilitator link to keep this session.`,
        );
      }
      return { restored: { script: link.script, session: link.session }, notice: messages.join(' '), keepStored };
    }
    messages.push(link.error);
  }
  const saved = loadExercise(storage, exercises);
  if (saved.kind === 'ok') {
    if (saved.session.phase !== 'briefing') messages.push(`Continuing the autosaved exercise at ${sessionPlace(saved.session)}.`);
    return { restored: { script: saved.script, session: saved.session }, notice: messages.join(' '), keepStored: null };
  }
  if (saved.kind === 'corrupt' && saved.kept === false) {
    messages.push(
      `The autosaved exercise could not be restored: ${asClause(saved.error)}. This browser's storage is full, so its text could not be copied aside; it stays under "${STORAGE_KEY}", and this tab will not autosave over it. Use the facilitator link to keep this session.`,
    );
    // Autosaving now would write over the only copy: this tab does not autosave until the page is reloaded.
    return { restored: null, notice: messages.join(' '), keepStored: `a damaged autosave that could not be copied aside is kept under "${STORAGE_KEY}"` };
  }
  if (saved.kind === 'corrupt') {
    messages.push(
      `The autosaved exercise could not be restored: ${asClause(saved.error)}. Its text is kept in this browser's storage under "${saved.keptUnder ?? CORRUPT_KEY}"; a new exercise has started.`,
    );
  }
  return { restored: null, notice: messages.join(' '), keepStored: null };
}

/** What to do when another console tab wrote the autosave. */
export type OtherTabChange =
  /** Not a session this app can read, or not the autosave: nothing to do. */
  | { kind: 'ignore' }
  /** Following would lose this tab's session: stay, stop autosaving, and say why. */
  | { kind: 'stay'; notice: string; keepStored: string }
  /** Show the other tab's session; autosaving resumes. */
  | { kind: 'follow'; script: Scenario; session: ExerciseSession; status: string };

/**
 * Another tab (say, an old facilitator link opened there) may have gone back in time: this tab's session
 * is kept aside first, so following the other tab never loses it. A tab that played on from here (a longer
 * log of the same script) is no loss to follow.
 */
export function otherTabChange(
  key: string | null, newValue: string | null, own: { script: Scenario; session: ExerciseSession },
  exercises: readonly Scenario[], builtIn: readonly Scenario[], storage: ExerciseStorage | null,
): OtherTabChange {
  if (key !== STORAGE_KEY || newValue === null) return { kind: 'ignore' };
  const r = readSaved(newValue, exercises);
  if (r.kind !== 'ok') return { kind: 'ignore' };
  const wentBack = own.session.phase !== 'briefing' && (r.script.id !== own.script.id || r.session.log.length < own.session.log.length);
  // Without its undo steps when storage refuses it with them, as the autosave does: the play matters more.
  const kept =
    wentBack &&
    (setAsideText(storage, savedText(own.script, own.session, builtIn)) || setAsideText(storage, savedText(own.script, withoutHistory(own.session), builtIn)));
  if (wentBack && !kept) {
    return {
      kind: 'stay',
      keepStored: `another console tab's session is under "${STORAGE_KEY}", and this tab's could not be kept aside`,
      notice: `The console in another tab went back to ${sessionPlace(r.session)}. This tab's session could not be kept aside (the browser's storage is full), so this tab stays where it is and no longer autosaves. Copy its facilitator link to keep it.`,
    };
  }
  return {
    kind: 'follow',
    script: r.script,
    session: r.session,
    status: kept
      ? `Updated from the console in another tab, now at ${sessionPlace(r.session)}. The session this tab showed is kept aside under the storage key "${REPLACED_KEY}".`
      : 'Updated from the console in another tab.',
  };
}
