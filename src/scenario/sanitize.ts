/**
 * First line of defence for `parseScenario(input: unknown)`: copy the input
 * into plain data (objects, lists, strings, numbers, booleans, null) with
 * bounded depth and size, so the schema never meets cycles, getters that
 * throw, proxies, class instances or inputs large enough to stall the page.
 */
import { fieldName, type PathSegment, type Problem } from './messages';

export const DATA_LIMITS = {
  /** A real scenario is at most ~8 levels deep (injects → decision → options → effects). */
  depth: 24,
  /** Values in total; a large exercise script has a few thousand. */
  nodes: 200_000,
  /** Items in one list, before the schema's own (smaller) limits. */
  listLength: 10_000,
  /** Fields in one object. */
  keys: 1_000,
  /** Problems reported before giving up. */
  problems: 20,
} as const;

/** Keys that could reach an object's prototype, or that valibot's record() silently skips. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type PlainData = null | boolean | number | string | undefined | PlainData[] | { [key: string]: PlainData };

/** Copy `input` into plain data, or report why it cannot be read. Never throws. */
export function toPlainData(input: unknown): { ok: true; value: PlainData } | { ok: false; problems: Problem[] } {
  const problems: Problem[] = [];
  const ancestors = new Set<object>();
  let nodes = 0;
  let stopped = false;

  const report = (segments: PathSegment[], message: string, value?: string) => {
    if (problems.length < DATA_LIMITS.problems) problems.push({ segments: [...segments], message, ...(value ? { value } : {}) });
    else stopped = true;
  };

  const copy = (x: unknown, path: PathSegment[]): PlainData => {
    if (stopped) return null;
    if (++nodes > DATA_LIMITS.nodes) {
      report(path, `The scenario is too large: more than ${DATA_LIMITS.nodes.toLocaleString('en-US')} values in total.`);
      stopped = true;
      return null;
    }
    switch (typeof x) {
      case 'string':
      case 'boolean':
      case 'undefined':
        return x;
      case 'number':
        return x === 0 ? 0 : x; // -0 → 0; NaN and Infinity go on to the schema, which names the field
      case 'bigint':
        report(path, `${fieldName(path)} must be an ordinary number, but is a BigInt.`, `${x}n`);
        return null;
      case 'symbol':
      case 'function':
        report(path, `${fieldName(path)} must be plain data, but is a ${typeof x}.`, `a ${typeof x}`);
        return null;
    }
    if (x === null) return null;
    const obj = x as object;
    if (path.length >= DATA_LIMITS.depth) {
      // Name the top of the deep branch: a path of 24 segments helps nobody.
      const top = path.slice(0, 3);
      report(top, `${fieldName(top)}${path.length > 3 ? '…' : ''} is nested too deeply (more than ${DATA_LIMITS.depth} levels).`);
      stopped = true; // every deeper branch would say the same
      return null;
    }
    if (ancestors.has(obj)) {
      report(path, `${fieldName(path)} refers back to one of its own parents (a cycle); a scenario must be a tree of plain data.`);
      return null;
    }
    ancestors.add(obj);
    try {
      return Array.isArray(obj) ? copyList(obj, path) : copyObject(obj, path);
    } catch (e) {
      report(path, `${fieldName(path)} could not be read (${errorText(e)}).`);
      return null;
    } finally {
      ancestors.delete(obj);
    }
  };

  const copyList = (xs: unknown[], path: PathSegment[]): PlainData => {
    const n = xs.length;
    if (n > DATA_LIMITS.listLength) {
      report(path, `${fieldName(path)} has ${n.toLocaleString('en-US')} items; at most ${DATA_LIMITS.listLength.toLocaleString('en-US')} are allowed.`);
      return null;
    }
    const out: PlainData[] = [];
    for (let i = 0; i < n && !stopped; i++) out.push(readAndCopy(() => xs[i], [...path, i]));
    return out;
  };

  const copyObject = (obj: object, path: PathSegment[]): PlainData => {
    const proto = Object.getPrototypeOf(obj);
    if (proto !== Object.prototype && proto !== null) {
      const kind = typeof proto?.constructor?.name === 'string' && proto.constructor.name ? proto.constructor.name : 'special object';
      report(path, `${fieldName(path)} must be plain data (text, a number, true/false, a list or a mapping), but is a ${kind}.`, `a ${kind}`);
      return null;
    }
    const keys = Object.keys(obj);
    if (keys.length > DATA_LIMITS.keys) {
      report(path, `${fieldName(path)} has ${keys.length.toLocaleString('en-US')} fields; at most ${DATA_LIMITS.keys.toLocaleString('en-US')} are allowed.`);
      return null;
    }
    const out: { [key: string]: PlainData } = {};
    for (const key of keys) {
      if (stopped) break;
      if (FORBIDDEN_KEYS.has(key)) {
        report([...path, key], `${fieldName(path)} has a field named "${key}", which is not allowed.`, key);
        continue;
      }
      out[key] = readAndCopy(() => (obj as Record<string, unknown>)[key], [...path, key]);
    }
    return out;
  };

  // Reading a property may run a getter or a proxy trap: a throw there is the field's problem.
  const readAndCopy = (read: () => unknown, path: PathSegment[]): PlainData => {
    let value: unknown;
    try {
      value = read();
    } catch (e) {
      report(path, `${fieldName(path)} could not be read (${errorText(e)}).`);
      return null;
    }
    return copy(value, path);
  };

  let value: PlainData = null;
  try {
    value = copy(input, []);
  } catch (e) {
    report([], `The scenario could not be read (${errorText(e)}).`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value };
}

/** The message of a thrown value, guarded: even reading it may throw. */
export function errorText(e: unknown): string {
  try {
    const m = e instanceof Error ? e.message : String(e);
    return m.length > 120 ? `${m.slice(0, 119)}…` : m;
  } catch {
    return 'unknown error';
  }
}
