/**
 * The facilitator link: `exercise.html#role=facilitator&x=<payload>`, the
 * lz-string compressed JSON of `{ scriptId, script?, session }` (the session
 * without its undo stack; `script` only for a script opened from a file). It restores the exercise at its current step in another
 * browser; decoding never throws and names what is wrong.
 */
import LZString from 'lz-string';
import type { Scenario } from '../../model/types';
import { withoutHistory, type ExerciseSession } from '../../exercise/session';
import { parseSession } from '../../exercise/validate';
import { ownScriptFile, resolveScript } from '../../exercise/ownScript';
import { decompressJson } from './playerLink';

export type FacilitatorLinkResult = { ok: true; script: Scenario; session: ExerciseSession } | { ok: false; error: string };

/** The payload for a facilitator link. */
export function encodeFacilitatorPayload(script: Scenario, session: ExerciseSession, exercises: readonly Scenario[]): string {
  // A script opened from a file travels in the link: the other browser does not have it.
  const own = ownScriptFile(script, exercises);
  return LZString.compressToEncodedURIComponent(JSON.stringify({ scriptId: script.id, ...(own ? { script: own } : {}), session: withoutHistory(session) }));
}

/** The exercise in a facilitator link's payload, or a sentence saying what is wrong. */
export function decodeFacilitatorPayload(x: string, exercises: readonly Scenario[]): FacilitatorLinkResult {
  const fail = (why: string): FacilitatorLinkResult => ({ ok: false, error: `This facilitator link cannot be opened: ${why}.` });
  const data = decompressJson(x);
  if (!data.ok) return fail(data.error);
  const o = data.value;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return fail('its data is not an exercise');
  const { scriptId, script: own, session } = o as Record<string, unknown>;
  const found = resolveScript(scriptId, own, exercises);
  if (!found.ok) return fail(found.error);
  const script = found.script;
  const parsed = parseSession(session, script);
  if (!parsed.ok) return fail(`its session is not valid (${parsed.error})`);
  return { ok: true, script, session: parsed.session };
}
