/**
 * The exercise page's fragment: `#role=facilitator|player`, optionally with
 * `&x=<payload>` (an lz-string compressed link). The fragment never reaches a
 * server. Parsed by hand: lz-string's URI alphabet uses "+", which
 * URLSearchParams would turn into a space.
 */

/** Who the page is for: the facilitator's console (default) or the players' projector. */
export type ExerciseRole = 'facilitator' | 'player';

export interface ExerciseHash {
  role: ExerciseRole;
  /** A compressed link payload, or null. */
  x: string | null;
}

/** Read the fragment; anything unknown means the facilitator console with no payload. */
export function parseExerciseHash(hash: string): ExerciseHash {
  const fields = new Map<string, string>();
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    let value = part.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw text: the payload decoder names what is wrong with it.
    }
    fields.set(part.slice(0, eq), value);
  }
  const role: ExerciseRole = fields.get('role') === 'player' ? 'player' : 'facilitator';
  const x = fields.get('x');
  return { role, x: x ? x : null };
}

/** The fragment for a role and an optional payload (already URI-safe). */
export function exerciseHash(role: ExerciseRole, x?: string | null): string {
  return `#role=${role}${x ? `&x=${x}` : ''}`;
}

/** The address of the exercise page for a role, relative to `base` (the current page's address). */
export function exerciseUrl(base: string, role: ExerciseRole, x?: string | null): string {
  const url = new URL('exercise.html', base);
  url.search = '';
  url.hash = exerciseHash(role, x);
  return url.href;
}
