/**
 * The player link: `exercise.html#role=player&x=<payload>`, where the
 * payload is the lz-string compressed JSON of a PlayerView, the very data
 * the projector shows (never the session or the script). A static snapshot
 * for a room without the facilitator's window.
 */
import LZString from 'lz-string';
import type { PlayerView } from '../../exercise/views';
import { parsePlayerView } from './playerViewSchema';

/** Payloads longer than this are refused unread. */
export const MAX_PAYLOAD = 400_000;

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The view with its chart numbers rounded to 0.01 (what the projector can show), for a shorter link. */
export function compactView(view: PlayerView): PlayerView {
  const c = view.chart;
  const r = (xs: number[]) => xs.map(round2);
  return {
    ...view,
    chart: {
      ...c,
      composite: r(c.composite),
      perceived: r(c.perceived),
      alliedConfidence: r(c.alliedConfidence),
      threat: Object.fromEntries(Object.entries(c.threat).map(([k, xs]) => [k, r(xs)])) as PlayerView['chart']['threat'],
    },
    predictions: view.predictions.map((p) => ({ ...p, outcome: p.outcome === null ? null : round2(p.outcome) })),
  };
}

/** The payload for a player link. */
export function encodePlayerPayload(view: PlayerView): string {
  return LZString.compressToEncodedURIComponent(JSON.stringify(compactView(view)));
}

/** Decompress and parse a compressed JSON payload; the error says what went wrong. Never throws. */
export function decompressJson(x: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (x.length > MAX_PAYLOAD) return { ok: false, error: `its data is too long (${x.length} characters)` };
  let json: string | null;
  try {
    // A link pasted through a mail client may have its "+" turned into spaces.
    json = LZString.decompressFromEncodedURIComponent(x.replace(/ /g, '+'));
  } catch {
    json = null;
  }
  if (!json) return { ok: false, error: 'its data is damaged or incomplete (it may have been cut off when it was copied)' };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, error: 'its data is damaged (it does not decompress to valid JSON)' };
  }
}

/** The player view in a player link's payload, or a sentence saying what is wrong. Never throws. */
export function decodePlayerPayload(x: string): { ok: true; view: PlayerView } | { ok: false; error: string } {
  const data = decompressJson(x);
  if (!data.ok) return { ok: false, error: `This player link cannot be shown: ${data.error}.` };
  const parsed = parsePlayerView(data.value);
  if (!parsed.ok) return { ok: false, error: `This player link cannot be shown: ${parsed.error}.` };
  return parsed;
}
