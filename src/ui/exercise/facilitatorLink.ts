/**
 * The facilitator link: `exercise.html#role=facilitator&x=<payload>`, the
 * lz-string compressed JSON of `{ scriptId, session }` (the session without
 * its undo stack). It restores the exercise at its current step in another
 * browser; decoding never throws and names what is wrong.
 */
import LZString from 'lz-string';
import type { Scenario } from '../../model/types';
import { withoutHistory, type ExerciseSession } from '../../exercise/session';
import { parseSession } from '../../exercise/validate';
import { decompressJson } from './playerLink';

export type FacilitatorLinkResult = { ok: true; script: Scenario; session: ExerciseSession } | { ok: false; error: string };

/** The payload for a facilitator link. */
export function encodeFacilitatorPayload(script: Scenario, session: ExerciseSession): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify({ scriptId: script.id, session: withoutHistory(session) }));
}

/** The exercise in a facilitator link's payload, or a sentence saying what is wrong. */
export function decodeFacilitatorPayload(x: string, exercises: readonly Scenario[]): FacilitatorLinkResult {
  const fail = (why: string): FacilitatorLinkResult => ({ ok: false, error: `This facilitator link cannot be opened: ${why}.` });
  const data = decompressJson(x);
  if (!data.ok) return fail(data.error);
  const o = data.value;
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return fail('its data is not an exercise');
  const { scriptId, session } = o as Record<string, unknown>;
  if (typeof scriptId !== 'string') return fail('it does not say which exercise it belongs to (scriptId)');
  const script = exercises.find((s) => s.id === scriptId);
  if (!script) return fail(`it is for the exercise "${scriptId.slice(0, 80)}", which this version of Stand-Down does not have`);
  const parsed = parseSession(session, script);
  if (!parsed.ok) return fail(`its session is not valid (${parsed.error})`);
  return { ok: true, script, session: parsed.session };
}
