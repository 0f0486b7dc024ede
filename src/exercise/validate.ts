/**
 * Parse, don't trust: a stored session (autosave, file, link) becomes an
 * ExerciseSession only after every field and every cross-field rule has
 * been checked against the script it claims to belong to. Never throws; a
 * corrupt autosave gives a sentence naming what is wrong, not a crash.
 */
import type { Scenario } from '../model/types';
import { withoutDirectionControls } from '../scenario/directionControls';
import { toPlainData, type PlainData } from '../scenario/sanitize';
import {
  DECISION_RULES,
  LOG_KINDS,
  PHASES,
  SESSION_LIMITS,
  SESSION_VERSION,
  type ClosedDecision,
  type ExerciseNotes,
  type ExerciseSession,
  type LogEntry,
  type ModuleTimer,
  type SessionPlay,
  type SessionSnapshot,
  type TeamChoice,
} from './session';
import { hotwashIndex, injectById, isDecisionInject, optionOf } from './script';

export type ParseSessionResult = { ok: true; session: ExerciseSession } | { ok: false; error: string };

/** Stored sessions longer than this (as JSON text) are refused unread. */
export const MAX_SESSION_TEXT = 5_000_000;

/** Thrown inside the checker only; parseSession turns it into `{ ok: false }`. */
class Invalid extends Error {}

type Obj = { [key: string]: PlainData };

function fail(path: string, message: string): never {
  throw new Invalid(`${path} ${message}`);
}

function preview(x: unknown): string {
  const s = typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x) ?? String(x);
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

function obj(x: PlainData | undefined, path: string): Obj {
  if (x === null || typeof x !== 'object' || Array.isArray(x)) fail(path, `must be an object, but is ${preview(x)}.`);
  return x as Obj;
}

function list(x: PlainData | undefined, path: string, max: number): PlainData[] {
  if (!Array.isArray(x)) fail(path, `must be a list, but is ${preview(x)}.`);
  if (x.length > max) fail(path, `has ${x.length} entries; at most ${max} are allowed.`);
  return x;
}

function str(x: PlainData | undefined, path: string, max: number): string {
  if (typeof x !== 'string') fail(path, `must be text, but is ${preview(x)}.`);
  if (x.length > max) fail(path, `is longer than ${max} characters.`);
  return x;
}

/** A person's text (a note, a rationale): as `str`, with direction controls removed, as when it was typed. */
function prose(x: PlainData | undefined, path: string, max: number): string {
  return withoutDirectionControls(str(x, path, max));
}

function int(x: PlainData | undefined, path: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max) fail(path, `must be a whole number from ${min} to ${max}, but is ${preview(x)}.`);
  return x;
}

function time(x: PlainData | undefined, path: string): number | null {
  if (x === null) return null;
  if (typeof x !== 'number' || !Number.isFinite(x)) fail(path, `must be a time in milliseconds or null, but is ${preview(x)}.`);
  return x;
}

function oneOf<T extends string>(x: PlainData | undefined, path: string, allowed: readonly T[]): T {
  if (typeof x !== 'string' || !allowed.includes(x as T)) fail(path, `must be one of ${allowed.join(', ')}, but is ${preview(x)}.`);
  return x as T;
}

/** Keys of a record that stand for whole numbers (months, module indexes). */
function indexKey(key: string, path: string, min: number, max: number): number {
  const n = Number(key);
  if (!/^\d+$/.test(key) || n < min || n > max) fail(path, `has the key ${preview(key)}; keys must be whole numbers from ${min} to ${max}.`);
  return n;
}

/** A field that must exist (the message names it when it does not). */
function field(o: Obj, key: string, path: string): PlainData {
  if (!Object.hasOwn(o, key)) fail(`${path}.${key}`, 'is missing.');
  return o[key];
}

function decisionOf(script: Scenario, id: string, path: string) {
  const inject = injectById(script, id);
  if (!inject) fail(path, `names the inject ${preview(id)}, which is not in the exercise "${script.id}".`);
  if (!isDecisionInject(inject)) fail(path, `names the inject ${preview(id)}, which is not a decision point.`);
  return inject;
}

/** The play fields, checked against the script and against each other. */
function parsePlay(o: Obj, script: Scenario, path: string): SessionPlay {
  const H = script.horizonMonths;
  const phase = oneOf(field(o, 'phase', path), `${path}.phase`, PHASES);
  const month = int(field(o, 'month', path), `${path}.month`, 0, H);

  const teams = list(field(o, 'teams', path), `${path}.teams`, SESSION_LIMITS.teams).map((t, i) => {
    const name = str(t, `${path}.teams[${i}]`, SESSION_LIMITS.teamName);
    if (!name.trim() || name !== name.trim() || /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(name) || ['__proto__', 'constructor', 'prototype'].includes(name)) fail(`${path}.teams[${i}]`, `${preview(name)} is not a usable team name.`);
    return name;
  });
  if (new Set(teams.map((t) => t.toLowerCase())).size !== teams.length) fail(`${path}.teams`, 'names the same team twice.');
  if ((phase === 'briefing') !== (teams.length === 0)) {
    fail(`${path}.teams`, phase === 'briefing' ? 'must be empty during the briefing.' : 'must name at least one team once the exercise has started.');
  }
  if (phase === 'briefing' && month !== 0) fail(`${path}.month`, 'must be 0 during the briefing.');

  const revealedInjects = list(field(o, 'revealedInjects', path), `${path}.revealedInjects`, script.injects.length).map((x, i) => {
    const at = `${path}.revealedInjects[${i}]`;
    const id = str(x, at, 200);
    const inject = injectById(script, id);
    if (!inject) fail(at, `names the inject ${preview(id)}, which is not in the exercise "${script.id}".`);
    if (inject.month > month) fail(at, `names "${id}", which is due in month ${inject.month}, after the session's month ${month}.`);
    return id;
  });
  if (new Set(revealedInjects).size !== revealedInjects.length) fail(`${path}.revealedInjects`, 'lists an inject twice.');
  const revealed = new Set(revealedInjects);

  const closedDecisions = list(field(o, 'closedDecisions', path), `${path}.closedDecisions`, script.injects.length).map((x, i): ClosedDecision => {
    const at = `${path}.closedDecisions[${i}]`;
    const c = obj(x, at);
    const injectId = str(field(c, 'injectId', at), `${at}.injectId`, 200);
    const inject = decisionOf(script, injectId, `${at}.injectId`);
    if (!revealed.has(injectId)) fail(`${at}.injectId`, `names "${injectId}", which has not been revealed.`);
    const optionId = str(field(c, 'optionId', at), `${at}.optionId`, 200);
    if (!optionOf(inject, optionId)) fail(`${at}.optionId`, `${preview(optionId)} is not an option of "${injectId}".`);
    const rule = oneOf(field(c, 'rule', at), `${at}.rule`, DECISION_RULES);
    const closedAt = int(field(c, 'month', at), `${at}.month`, inject.month, month);
    return { injectId, optionId, rule, month: closedAt, at: time(field(c, 'at', at), `${at}.at`) };
  });
  const closed = new Set(closedDecisions.map((c) => c.injectId));
  if (closed.size !== closedDecisions.length) fail(`${path}.closedDecisions`, 'closes the same decision twice.');
  for (const inj of script.injects) {
    if (inj.decision && inj.month < month && !closed.has(inj.id)) {
      fail(`${path}.closedDecisions`, `lacks the decision "${inj.id}" of month ${inj.month}; a session cannot pass a decision without closing it.`);
    }
  }

  const openRaw = field(o, 'openDecision', path);
  let openDecision: string | null = null;
  if (openRaw !== null) {
    const id = str(openRaw, `${path}.openDecision`, 200);
    const inject = decisionOf(script, id, `${path}.openDecision`);
    if (!revealed.has(id) || closed.has(id) || inject.month !== month) {
      fail(`${path}.openDecision`, `names "${id}", which cannot be open: an open decision is revealed, not closed, and due in the session's month.`);
    }
    openDecision = id;
  }
  if ((phase === 'decision') !== (openDecision !== null)) {
    fail(`${path}.phase`, phase === 'decision' ? 'is "decision" but no decision is open.' : `is "${phase}" while a decision is open.`);
  }

  const choices: Record<string, TeamChoice[]> = {};
  const rawChoices = obj(field(o, 'choices', path), `${path}.choices`);
  for (const [id, raw] of Object.entries(rawChoices)) {
    const at = `${path}.choices[${preview(id)}]`;
    const inject = decisionOf(script, id, at);
    if (inject.month > month) fail(at, `holds choices for a decision due in month ${inject.month}, after the session's month ${month}.`);
    const seen = new Set<string>();
    choices[id] = list(raw, at, SESSION_LIMITS.teams).map((x, i): TeamChoice => {
      const cat = `${at}[${i}]`;
      const c = obj(x, cat);
      const team = str(field(c, 'team', cat), `${cat}.team`, SESSION_LIMITS.teamName);
      if (!teams.includes(team)) fail(`${cat}.team`, `${preview(team)} is not one of the session's teams.`);
      if (seen.has(team)) fail(`${cat}.team`, `${preview(team)} has two choices for the same decision.`);
      seen.add(team);
      const optionId = str(field(c, 'optionId', cat), `${cat}.optionId`, 200);
      if (!optionOf(inject, optionId)) fail(`${cat}.optionId`, `${preview(optionId)} is not an option of "${id}".`);
      return {
        team,
        optionId,
        rationale: prose(field(c, 'rationale', cat), `${cat}.rationale`, SESSION_LIMITS.text),
        expectation: prose(field(c, 'expectation', cat), `${cat}.expectation`, SESSION_LIMITS.text),
        at: time(field(c, 'at', cat), `${cat}.at`),
      };
    });
  }

  const overrides: Record<string, string> = {};
  for (const [id, raw] of Object.entries(obj(field(o, 'overrides', path), `${path}.overrides`))) {
    const at = `${path}.overrides[${preview(id)}]`;
    const inject = decisionOf(script, id, at);
    if (inject.month > month) fail(at, `overrides a decision due in month ${inject.month}, after the session's month ${month}.`);
    const optionId = str(raw, at, 200);
    if (!optionOf(inject, optionId)) fail(at, `${preview(optionId)} is not an option of "${id}".`);
    overrides[id] = optionId;
  }

  const predictions: Record<number, Record<string, number>> = {};
  for (const [key, raw] of Object.entries(obj(field(o, 'predictions', path), `${path}.predictions`))) {
    const at = `${path}.predictions[${preview(key)}]`;
    const target = indexKey(key, `${path}.predictions`, 1, H);
    const byTeam: Record<string, number> = {};
    for (const [team, value] of Object.entries(obj(raw, at))) {
      if (!teams.includes(team)) fail(at, `has a prediction by ${preview(team)}, which is not one of the session's teams.`);
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) fail(`${at}[${preview(team)}]`, `must be a threat index from 0 to 100, but is ${preview(value)}.`);
      byTeam[team] = value;
    }
    predictions[target] = byTeam;
  }

  return { teams, month, phase, revealedInjects, openDecision, choices, overrides, closedDecisions, predictions };
}

function parseNotes(x: PlainData | undefined, script: Scenario, path: string): ExerciseNotes {
  const o = obj(x, path);
  const discussion: Record<number, string> = {};
  for (const [key, raw] of Object.entries(obj(field(o, 'discussion', path), `${path}.discussion`))) {
    discussion[indexKey(key, `${path}.discussion`, 0, hotwashIndex(script))] = prose(raw, `${path}.discussion[${key}]`, SESSION_LIMITS.note);
  }
  return {
    discussion,
    strengths: prose(field(o, 'strengths', path), `${path}.strengths`, SESSION_LIMITS.note),
    improvements: prose(field(o, 'improvements', path), `${path}.improvements`, SESSION_LIMITS.note),
  };
}

function parseTimers(x: PlainData | undefined, script: Scenario, path: string): Record<number, ModuleTimer> {
  const timers: Record<number, ModuleTimer> = {};
  let running = 0;
  for (const [key, raw] of Object.entries(obj(x, path))) {
    const at = `${path}[${key}]`;
    const t = obj(raw, at);
    const startedAt = time(field(t, 'startedAt', at), `${at}.startedAt`);
    const elapsedMs = field(t, 'elapsedMs', at);
    if (typeof elapsedMs !== 'number' || !Number.isFinite(elapsedMs) || elapsedMs < 0) fail(`${at}.elapsedMs`, `must be a number of milliseconds ≥ 0, but is ${preview(elapsedMs)}.`);
    if (startedAt !== null) running++;
    timers[indexKey(key, path, 0, hotwashIndex(script))] = { startedAt, elapsedMs };
  }
  if (running > 1) fail(path, 'has more than one timer running.');
  return timers;
}

function parseLog(x: PlainData | undefined, script: Scenario, path: string): LogEntry[] {
  return list(x, path, SESSION_LIMITS.log).map((raw, i): LogEntry => {
    const at = `${path}[${i}]`;
    const e = obj(raw, at);
    const entry: LogEntry = {
      kind: oneOf(field(e, 'kind', at), `${at}.kind`, LOG_KINDS),
      month: int(field(e, 'month', at), `${at}.month`, 0, script.horizonMonths),
      at: time(field(e, 'at', at), `${at}.at`),
    };
    // Optional fields: the log is a record of what happened, so names are only checked for type.
    if (e.injectId !== undefined) entry.injectId = str(e.injectId, `${at}.injectId`, 200);
    if (e.team !== undefined) entry.team = str(e.team, `${at}.team`, SESSION_LIMITS.teamName);
    if (e.optionId !== undefined) entry.optionId = str(e.optionId, `${at}.optionId`, 200);
    if (e.rule !== undefined) entry.rule = oneOf(e.rule, `${at}.rule`, DECISION_RULES);
    if (e.value !== undefined) {
      if (typeof e.value !== 'number' || !Number.isFinite(e.value)) fail(`${at}.value`, `must be a number, but is ${preview(e.value)}.`);
      entry.value = e.value;
    }
    if (e.forMonth !== undefined) entry.forMonth = int(e.forMonth, `${at}.forMonth`, 0, script.horizonMonths);
    return entry;
  });
}

function parseCore(input: PlainData, script: Scenario): ExerciseSession {
  const o = obj(input, 'session');
  const version = field(o, 'version', 'session');
  if (version !== SESSION_VERSION) fail('session.version', `is ${preview(version)}; this version of the app reads sessions of version ${SESSION_VERSION}.`);
  const scriptId = str(field(o, 'scriptId', 'session'), 'session.scriptId', 200);
  if (scriptId !== script.id) fail('session.scriptId', `is "${scriptId}": the session belongs to another exercise than "${script.id}".`);
  const play = parsePlay(o, script, 'session');
  const log = parseLog(field(o, 'log', 'session'), script, 'session.log');
  // An undo stack is optional: links carry sessions without one.
  const past = (o.past === undefined ? [] : list(o.past, 'session.past', SESSION_LIMITS.undo)).map((raw, i): SessionSnapshot => {
    const at = `session.past[${i}]`;
    const snap = obj(raw, at);
    const logLength = int(field(snap, 'logLength', at), `${at}.logLength`, 0, log.length);
    return { ...parsePlay(snap, script, at), logLength };
  });
  return {
    version: SESSION_VERSION,
    scriptId,
    ...play,
    notes: parseNotes(field(o, 'notes', 'session'), script, 'session.notes'),
    moduleTimers: parseTimers(field(o, 'moduleTimers', 'session'), script, 'session.moduleTimers'),
    log,
    past,
  };
}

/**
 * Check a stored session against its script and return a clean copy, or a
 * sentence naming the first thing wrong ("session.choices["x"][0].team:
 * …"). Accepts the parsed value or the JSON text. Never throws.
 */
export function parseSession(json: unknown, script: Scenario): ParseSessionResult {
  try {
    let value = json;
    if (typeof json === 'string') {
      if (json.length > MAX_SESSION_TEXT) return { ok: false, error: `The stored session is too large (${json.length} characters).` };
      try {
        value = JSON.parse(json);
      } catch (e) {
        return { ok: false, error: `The stored session is not valid JSON (${e instanceof Error ? e.message : String(e)}).` };
      }
    }
    const plain = toPlainData(value);
    if (!plain.ok) return { ok: false, error: `The stored session cannot be read: ${plain.problems[0]?.message ?? 'unknown problem'}` };
    return { ok: true, session: parseCore(plain.value, script) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, error: e.message };
    return { ok: false, error: `The stored session could not be checked (${e instanceof Error ? e.message : String(e)}).` };
  }
}
