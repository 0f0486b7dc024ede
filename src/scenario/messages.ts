/**
 * Small helpers for readable validation messages: field paths, short
 * previews of offending values and "did you mean" suggestions.
 */

import { INTERPRETATIONS, POLICIES, RESPONSES, SECTORS } from '../model/parameters';

/** One step of a path into a scenario: an object key or a list index. */
export type PathSegment = string | number;

/** A problem found while validating, before it is located in a file. */
export interface Problem {
  segments: PathSegment[];
  message: string;
  /** Short preview of the offending value. */
  value?: string;
  /** Line in the source text, when known before the path is (syntax errors). */
  line?: number;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `injects[2].effects[0].factor`; keys that are not identifiers are quoted: `parameters["health.russiaShare"]`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    // Length first: a regex star over a 10 MB key grows V8's backtrack stack until the process dies.
    else if (s.length <= 60 && IDENTIFIER.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(truncate(s, 60))}]`;
  }
  return out;
}

/** The name of a field in a message: its path, or "the scenario" at the root. */
export function fieldName(segments: readonly PathSegment[]): string {
  return segments.length ? formatPath(segments) : 'the scenario';
}

/** Cut a string to `max` characters, marking the cut. */
export function truncate(s: string, max = 60): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** A sentence as a clause inside another (its full stop dropped), so quoting it does not give '.)' or '.;'. */
export function asClause(sentence: string): string {
  return sentence.replace(/\.$/, '');
}

/** The first `count` problems' messages as one clause, separated by semicolons. */
export function firstProblems(problems: readonly { message: string }[], count: number): string {
  return problems.slice(0, count).map((p) => asClause(p.message)).join('; ');
}

const PREVIEW_MAX = 60;

/**
 * A short, human-readable preview of any value (at most ~60 characters),
 * safe on huge strings and large structures: it never serialises more than it shows.
 */
export function preview(value: unknown, max = PREVIEW_MAX): string {
  try {
    // A long string keeps its length visible after the cut.
    if (typeof value === 'string' && value.length > max) {
      return `${JSON.stringify(value.slice(0, max - 20)).slice(0, -1)}…" (${value.length.toLocaleString('en-US')} characters)`;
    }
    return truncate(previewInner(value, max, 0), max);
  } catch {
    return 'an unreadable value';
  }
}

function previewInner(value: unknown, budget: number, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.slice(0, Math.max(budget, 1)));
    case 'number':
      return Object.is(value, -0) ? '0' : String(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'nothing';
    case 'bigint':
      return `${value}n`;
    case 'symbol':
      return 'a symbol';
    case 'function':
      return 'a function';
  }
  if (value === null) return 'null';
  if (depth > 2) return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const parts: string[] = [];
    let used = 2;
    for (let i = 0; i < value.length && used < budget; i++) {
      const p = previewInner(value[i], budget - used, depth + 1);
      parts.push(p);
      used += p.length + 2;
    }
    const more = parts.length < value.length ? ', …' : '';
    return `[${parts.join(', ')}${more}]`;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = typeof proto?.constructor?.name === 'string' ? proto.constructor.name : 'object';
    return `a ${name}`;
  }
  const parts: string[] = [];
  let used = 2;
  const keys = Object.keys(value as object);
  for (const k of keys) {
    if (used >= budget) break;
    const p = `${k.length <= 60 && IDENTIFIER.test(k) ? k : JSON.stringify(truncate(k, 20))}: ${previewInner((value as Record<string, unknown>)[k], budget - used, depth + 1)}`;
    parts.push(p);
    used += p.length + 2;
  }
  const more = parts.length < keys.length ? ', …' : '';
  return `{ ${parts.join(', ')}${more} }`;
}

/**
 * Edit distance counting a swap of neighbours as one edit ("titel" → "title"),
 * giving up (returning Infinity) once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      rowMin = Math.min(rowMin, d);
    }
    if (rowMin > limit) return Infinity;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** Lower case without separators, so `free_hits`, `Free Hits` and `free-hits` compare equal. */
const normalise = (s: string) => s.toLowerCase().replace(/[\s_.\-]/g, '');

/**
 * The candidate closest to `input`, if it is close enough to be a likely typo
 * (or the same name spelled with other case or separators). Long inputs are
 * not compared: a 10 MB key must not cost seconds.
 */
export function suggest(input: string, candidates: readonly string[]): string | undefined {
  if (typeof input !== 'string' || input.length === 0 || input.length > 100) return undefined;
  const n = normalise(input);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === input) continue;
    const nc = normalise(c);
    const limit = Math.max(1, Math.floor(Math.max(n.length, 3) / 3));
    let d = editDistance(n, nc, limit);
    // "healthcare" → "health", "infra" → "infrastructure": one name starts the other.
    if (d > limit && Math.min(n.length, nc.length) >= 4 && (n.startsWith(nc) || nc.startsWith(n))) d = limit;
    if (d <= limit && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` or the empty string. */
export function didYouMean(input: unknown, candidates: readonly string[]): string {
  if (typeof input !== 'string') return '';
  const s = suggest(input, candidates);
  return s ? ` (did you mean "${s}"?)` : '';
}

/** The names the app shows for the ids a file uses (readings, answers, policies, sectors). */
const SHOWN_NAMES: ReadonlyMap<string, readonly string[]> = new Map<string, string[]>([
  ...Object.values(INTERPRETATIONS).map((d): [string, string[]] => [d.id, [d.label, d.shortLabel]]),
  ...Object.values(RESPONSES).map((d): [string, string[]] => [d.id, [d.label]]),
  ...Object.values(POLICIES).map((d): [string, string[]] => [d.id, [d.label]]),
  ...Object.values(SECTORS).map((d): [string, string[]] => [d.id, [d.label, d.shortLabel]]),
]);

/**
 * ` (the app shows "No change"; a file writes "skeptic")` when `input` is, or
 * is a word of, the name the app shows for exactly one of the allowed ids:
 * authors copy what they see on screen ("no change", "ukraine").
 */
export function shownNameHint(input: unknown, candidates: readonly string[]): string {
  if (typeof input !== 'string' || input.length > 100) return '';
  const n = normalise(input);
  if (n.length < 3) return '';
  const hits = candidates.flatMap((id) => {
    const names = SHOWN_NAMES.get(id) ?? [];
    const name = names.find((s) => normalise(s) === n) ?? (n.length >= 5 ? names.find((s) => normalise(s).includes(n)) : undefined);
    return name ? [[id, name] as const] : [];
  });
  if (hits.length !== 1) return '';
  const [id, name] = hits[0];
  return ` (the app shows "${name}"; a file writes "${id}")`;
}
