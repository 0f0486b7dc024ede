/**
 * The tabletop-exercise session: a pure state machine over plain data.
 *
 * A session records how one group plays one exercise script: which month the
 * facilitator has reached, which injects the players have seen, what each team
 * chose at each decision point and which option was applied, the teams'
 * predictions of the threat index, discussion notes, module timers and a log.
 * It is JSON all the way down, so it can be autosaved and put in a link; it
 * never reads the clock (the caller passes `now`, epoch milliseconds) and never
 * touches the DOM.
 *
 * Flow (HSEEP: briefing, modules, hot wash, after-action report):
 *
 *   briefing ─start→ predict ⇄ running ─finish→ hotwash ─report→ report
 *                        └─openDecision→ decision ─closeDecision┘
 *
 * `advance` reveals the next month. Injects are due in their own month only:
 * the facilitator reveals each (the master list stays hidden from players) or
 * skips it explicitly, and closes every decision due that month, before the
 * session moves on. `predict` is the phase at the start of the exercise and at
 * the end of each module, when teams predict the threat index for the end of
 * the next module; predictions are accepted whenever play is under way.
 *
 * Every action goes through `step(session, script, action)`, which returns the
 * new session, or the unchanged session and an error sentence. Play actions
 * are undoable (the last SESSION_LIMITS.undo of them); notes and timers are
 * live edits that undo leaves alone.
 */
import { produce, type Draft } from 'immer';
import type { Scenario } from '../model/types';
import { withoutDirectionControls } from '../scenario/directionControls';
import {
  exerciseOf,
  hotwashIndex,
  injectById,
  isDecisionInject,
  moduleIndexAt,
  optionOf,
  type DecisionInject,
} from './script';

/** The session format this code writes and reads. */
export const SESSION_VERSION = 1;

/** Sizes a session may reach: generous for a real exercise, small enough for storage and links. */
export const SESSION_LIMITS = {
  teams: 12,
  teamName: 40,
  /** A rationale or a team's expectation. */
  text: 2000,
  /** A discussion note, or the strengths / improvements of the hot wash. */
  note: 20000,
  /** Log entries; later actions still work but are no longer logged. */
  log: 5000,
  /** Play actions that can be undone. */
  undo: 50,
} as const;

export const PHASES = ['briefing', 'predict', 'running', 'decision', 'hotwash', 'report'] as const;
/** Where the exercise is: see the flow in this module's comment. */
export type ExercisePhase = (typeof PHASES)[number];

export const DECISION_RULES = ['override', 'plurality', 'tie', 'default'] as const;
/**
 * Which rule picked the applied option of a decision: the facilitator's
 * override, the option most teams chose, a tie between the most chosen
 * options (it goes to the one chosen earliest), or the script's default when
 * no team chose.
 */
export type DecisionRule = (typeof DECISION_RULES)[number];

/** Plain-language names of the rules, for views and reports. */
export const RULE_LABELS: Record<DecisionRule, string> = {
  override: 'facilitator override',
  plurality: "the teams' most common choice",
  tie: "a tie between the teams' most common choices, broken by the one chosen first",
  default: "the script's default, as no team chose",
};

/** One team's answer to a decision point. */
export interface TeamChoice {
  team: string;
  optionId: string;
  /** Why the team chose it, in their words. */
  rationale: string;
  /** What the team expects the choice to do, in their words (not the script's expectedEffect). */
  expectation: string;
  /** When it was recorded (caller's clock, epoch ms), or null. */
  at: number | null;
}

/** A decision that has been closed: the option applied to the model and the rule that picked it. */
export interface ClosedDecision {
  injectId: string;
  optionId: string;
  rule: DecisionRule;
  /** Session month when it was closed (always the inject's month). */
  month: number;
  at: number | null;
}

/** A module's stopwatch; `startedAt` is set while it runs. */
export interface ModuleTimer {
  startedAt: number | null;
  elapsedMs: number;
}

export interface ExerciseNotes {
  /** Discussion notes by module index; the hot wash is index `modules.length`. */
  discussion: Record<number, string>;
  /** Hot wash: what went well. */
  strengths: string;
  /** Hot wash: areas for improvement. */
  improvements: string;
}

export const LOG_KINDS = ['start', 'predict', 'advance', 'reveal', 'skip', 'open', 'choice', 'override', 'close', 'finish', 'report'] as const;
export type LogKind = (typeof LOG_KINDS)[number];

/** One line of the session's timeline (facilitator and report only). */
export interface LogEntry {
  kind: LogKind;
  /** Session month when it happened. */
  month: number;
  /** Caller's clock (epoch ms) when given, else null. */
  at: number | null;
  injectId?: string;
  team?: string;
  /** The option chosen, overridden (absent when an override was cleared) or applied. */
  optionId?: string;
  rule?: DecisionRule;
  /** A prediction: the predicted threat index and the month it is for. */
  value?: number;
  forMonth?: number;
}

/** The part of the session that play actions change and undo restores. */
export interface SessionPlay {
  teams: string[];
  /** Last month reached, 0 … horizon; month 0 is the pre-pause state. */
  month: number;
  phase: ExercisePhase;
  /** Ids of injects shown to the players, in the order they were revealed. */
  revealedInjects: string[];
  /** The decision the teams are answering now (phase 'decision'), or null. */
  openDecision: string | null;
  /** Team choices by decision inject id, in the order recorded (one per team). */
  choices: Record<string, TeamChoice[]>;
  /** Facilitator overrides by decision inject id: the option to apply whatever the teams chose. */
  overrides: Record<string, string>;
  /** Closed decisions, in the order closed. */
  closedDecisions: ClosedDecision[];
  /** Predicted composite threat index (0–100) by target month, then by team. */
  predictions: Record<number, Record<string, number>>;
}

/** A state to return to with undo: the play fields and how long the log was. */
export interface SessionSnapshot extends SessionPlay {
  logLength: number;
}

/** A whole exercise session (plain JSON; see this module's comment). */
export interface ExerciseSession extends SessionPlay {
  version: typeof SESSION_VERSION;
  /** Id of the exercise script being played. */
  scriptId: string;
  notes: ExerciseNotes;
  /** Stopwatches by module index; the hot wash is index `modules.length`. */
  moduleTimers: Record<number, ModuleTimer>;
  log: LogEntry[];
  /** Undo stack, oldest first, at most SESSION_LIMITS.undo entries. */
  past: SessionSnapshot[];
}

interface Timed {
  /** The caller's clock, epoch ms; recorded in the log (timers require it). */
  now?: number;
}

/** Everything a facilitator (or a test) can do to a session. Every action may carry `now`. */
export type ExerciseAction =
  | ({ type: 'start'; teams: string[] } & Timed)
  | ({ type: 'predict'; team: string; value: number; /** Target month; defaults to `predictionTarget`. */ month?: number } & Timed)
  | ({ type: 'advance'; /** Move on although injects due this month were not revealed. */ skipUnrevealed?: boolean } & Timed)
  | ({ type: 'revealInject'; injectId: string } & Timed)
  | ({ type: 'openDecision'; injectId: string } & Timed)
  | ({ type: 'recordChoice'; injectId: string; team: string; optionId: string; rationale?: string; expectation?: string } & Timed)
  | ({ type: 'override'; injectId: string; /** null clears the override. */ optionId: string | null } & Timed)
  | ({ type: 'closeDecision'; injectId: string } & Timed)
  | ({ type: 'finish'; skipUnrevealed?: boolean } & Timed)
  | ({ type: 'report' } & Timed)
  | ({ type: 'undo' } & Timed)
  | ({ type: 'setNote'; field: 'discussion'; moduleIndex: number; text: string } & Timed)
  | ({ type: 'setNote'; field: 'strengths' | 'improvements'; text: string } & Timed)
  | { type: 'startTimer'; moduleIndex: number; now: number }
  | { type: 'pauseTimer'; moduleIndex: number; now: number }
  | ({ type: 'resetTimer'; moduleIndex: number } & Timed);

export type ExerciseActionType = ExerciseAction['type'];

/** The result of a step: the new session, or the unchanged one and why the action was refused. */
export interface StepResult {
  session: ExerciseSession;
  error?: string;
}

// ---------------------------------------------------------------------------
// Creating a session and reading its state.

/** A new session for a script, in the briefing phase. */
export function createSession(script: Scenario): ExerciseSession {
  return {
    version: SESSION_VERSION,
    scriptId: script.id,
    teams: [],
    month: 0,
    phase: 'briefing',
    revealedInjects: [],
    openDecision: null,
    choices: {},
    overrides: {},
    closedDecisions: [],
    predictions: {},
    notes: { discussion: {}, strengths: '', improvements: '' },
    moduleTimers: {},
    log: [],
    past: [],
  };
}

/** The session without its undo stack: much smaller, for share links (undo starts afresh). */
export function withoutHistory(session: ExerciseSession): ExerciseSession {
  return { ...session, past: [] };
}

/**
 * The phase a session rests in at a month once nothing is open: 'predict'
 * at the start and at the end of each module (teams predict the next
 * module's outcome), 'running' otherwise and at the horizon.
 */
export function restingPhase(script: Scenario, month: number): ExercisePhase {
  if (month >= script.horizonMonths) return 'running';
  if (month === 0) return 'predict';
  return exerciseOf(script).modules.some((m) => m.toMonth === month) ? 'predict' : 'running';
}

/** The injects due in the session's month that still need the facilitator: not revealed, or decisions not closed. */
export function pendingInjects(script: Scenario, session: SessionPlay) {
  const revealed = new Set(session.revealedInjects);
  const closed = new Set(session.closedDecisions.map((c) => c.injectId));
  // Before the start nothing is due; after play, what was left unrevealed was skipped on purpose.
  const due = inPlay(session) ? script.injects.filter((inj) => inj.month === session.month) : [];
  return {
    /** Narrative and event injects not yet revealed. */
    unrevealed: due.filter((inj) => !inj.decision && !revealed.has(inj.id)),
    /** Decisions not yet closed (revealed or not). */
    undecided: due.filter((inj): inj is DecisionInject => isDecisionInject(inj) && !closed.has(inj.id)),
  };
}

/**
 * The last month whose outcome players may see. It is the session's month,
 * or the month before while injects of this month are still to be revealed
 * or decided: the situation update comes first, the numbers after, so an
 * inject's effect never appears in the chart before the inject itself.
 */
export function revealedThrough(script: Scenario, session: SessionPlay): number {
  const { unrevealed, undecided } = pendingInjects(script, session);
  return unrevealed.length || undecided.length ? Math.max(0, session.month - 1) : session.month;
}

/**
 * The month teams are asked to predict by default: the end of the module
 * that the next month belongs to (the next month itself when no module
 * covers it), or null at the horizon.
 */
export function predictionTarget(script: Scenario, session: SessionPlay): number | null {
  const next = session.month + 1;
  if (next > script.horizonMonths) return null;
  const i = moduleIndexAt(script, next);
  return i >= 0 ? Math.min(exerciseOf(script).modules[i].toMonth, script.horizonMonths) : next;
}

// Records are keyed by inject ids and team names: read own entries only, never
// inherited ones such as "constructor".

/** The teams' choices at a decision, in the order recorded. */
export function teamChoices(session: SessionPlay, injectId: string): TeamChoice[] {
  return Object.hasOwn(session.choices, injectId) ? session.choices[injectId] : [];
}

/** The facilitator's override of a decision, if any. */
export function overrideOf(session: SessionPlay, injectId: string): string | undefined {
  return Object.hasOwn(session.overrides, injectId) ? session.overrides[injectId] : undefined;
}

/** A team's prediction for a month, if any. */
export function predictionOf(session: SessionPlay, month: number, team: string): number | undefined {
  const byTeam = Object.hasOwn(session.predictions, month) ? session.predictions[month] : undefined;
  return byTeam && Object.hasOwn(byTeam, team) ? byTeam[team] : undefined;
}

/** How many teams chose each option of a decision (options nobody chose are absent). */
export function tallyChoices(choices: readonly TeamChoice[]): Record<string, number> {
  const tally: Record<string, number> = {};
  for (const c of choices) tally[c.optionId] = (tally[c.optionId] ?? 0) + 1;
  return tally;
}

/**
 * The option a decision would apply if closed now, and the rule that picks
 * it: the override, else the option most teams chose (a tie goes to the tied
 * option recorded earliest), else the script's default; null when there is
 * none of these.
 */
export function resolveDecision(script: Scenario, session: SessionPlay, injectId: string): { optionId: string; rule: DecisionRule } | null {
  const inject = injectById(script, injectId);
  if (!isDecisionInject(inject)) return null;
  const override = overrideOf(session, injectId);
  if (override !== undefined) return { optionId: override, rule: 'override' };
  const choices = teamChoices(session, injectId);
  if (choices.length) {
    const tally = tallyChoices(choices);
    const most = Math.max(...Object.values(tally));
    // Choices are in recording order, so the first with the top count was recorded earliest.
    const first = choices.find((c) => tally[c.optionId] === most)!;
    const tied = Object.values(tally).filter((n) => n === most).length > 1;
    return { optionId: first.optionId, rule: tied ? 'tie' : 'plurality' };
  }
  const fallback = inject.decision.defaultOption;
  return fallback !== undefined ? { optionId: fallback, rule: 'default' } : null;
}

/** A decision that has been closed, if it has. */
export function closedDecision(session: SessionPlay, injectId: string): ClosedDecision | undefined {
  return session.closedDecisions.find((c) => c.injectId === injectId);
}

/**
 * Why the session cannot move past its month now (`advance` or `finish`),
 * or null when it can.
 */
export function moveOnBlocker(script: Scenario, session: SessionPlay, skipUnrevealed = false): string | null {
  if (session.phase === 'briefing') return 'The exercise has not started; start it with the teams first.';
  if (session.phase === 'hotwash' || session.phase === 'report') return 'Play has finished.';
  if (session.openDecision !== null) {
    return `The decision "${titleOf(script, session.openDecision)}" is open; close it first (the teams' choice, an override or the default applies).`;
  }
  const { unrevealed, undecided } = pendingInjects(script, session);
  if (undecided.length) {
    return `The decision "${undecided[0].title}" is due in month ${session.month}; open it for the teams or close it with the default first.`;
  }
  if (unrevealed.length && !skipUnrevealed) {
    const names = unrevealed.map((inj) => `"${inj.title}"`).join(', ');
    return `Month ${session.month} has injects the players have not seen: ${names}. Reveal them, or move on with "skip unrevealed" to leave them out of the exercise.`;
  }
  return null;
}

/** Milliseconds a module's timer has run, counting the current run up to `now`. */
export function timerElapsed(session: Pick<ExerciseSession, 'moduleTimers'>, moduleIndex: number, now?: number): number {
  const t = session.moduleTimers[moduleIndex];
  if (!t) return 0;
  const running = t.startedAt !== null && now !== undefined ? Math.max(0, now - t.startedAt) : 0;
  return t.elapsedMs + running;
}

function titleOf(script: Scenario, injectId: string): string {
  return injectById(script, injectId)?.title ?? injectId;
}

// ---------------------------------------------------------------------------
// The reducer.

const UNDOABLE: ReadonlySet<ExerciseActionType> = new Set([
  'start', 'predict', 'advance', 'revealInject', 'openDecision', 'recordChoice', 'override', 'closeDecision', 'finish', 'report',
]);

type Outcome = ExerciseSession | string;

/** Why an action would be refused now, or null when it would be applied (for enabling buttons). */
export function checkAction(session: ExerciseSession, script: Scenario, action: ExerciseAction): string | null {
  return step(session, script, action).error ?? null;
}

/**
 * Apply one action. Never throws and never changes its inputs: an action
 * that is not allowed now returns the unchanged session and an error
 * sentence saying why and what to do instead.
 */
export function step(session: ExerciseSession, script: Scenario, action: ExerciseAction): StepResult {
  let outcome: Outcome;
  try {
    if (session.scriptId !== script.id) {
      outcome = `This session belongs to the exercise "${session.scriptId}", not to "${script.id}".`;
    } else if (!action || typeof action !== 'object' || typeof action.type !== 'string') {
      outcome = 'The action must be an object with a "type".';
    } else {
      outcome = apply(session, script, action);
      if (typeof outcome !== 'string' && UNDOABLE.has(action.type)) outcome = remember(session, outcome);
    }
  } catch (e) {
    outcome = `The action could not be applied (${e instanceof Error ? e.message : String(e)}).`;
  }
  return typeof outcome === 'string' ? { session, error: outcome } : { session: outcome };
}

function apply(s: ExerciseSession, script: Scenario, a: ExerciseAction): Outcome {
  switch (a.type) {
    case 'start':
      return start(s, script, a.teams, a.now);
    case 'predict':
      return predict(s, script, a);
    case 'advance':
      return advance(s, script, a.skipUnrevealed === true, a.now);
    case 'revealInject':
      return revealInject(s, script, a.injectId, a.now);
    case 'openDecision':
      return openDecision(s, script, a.injectId, a.now);
    case 'recordChoice':
      return recordChoice(s, script, a);
    case 'override':
      return override(s, script, a.injectId, a.optionId, a.now);
    case 'closeDecision':
      return closeDecision(s, script, a.injectId, a.now);
    case 'finish':
      return finish(s, script, a.skipUnrevealed === true, a.now);
    case 'report':
      if (s.phase !== 'hotwash') return 'The report follows the hot wash; finish play first.';
      return produce(s, (d) => {
        d.phase = 'report';
        log(d, { kind: 'report', month: d.month, at: clock(a.now) });
      });
    case 'undo':
      return undo(s);
    case 'setNote':
      return setNote(s, script, a);
    case 'startTimer':
    case 'pauseTimer':
    case 'resetTimer':
      return timer(s, script, a);
    default:
      return `Unknown action "${String((a as { type: unknown }).type).slice(0, 40)}".`;
  }
}

/** Push the state before a play action onto the undo stack. */
function remember(before: ExerciseSession, after: ExerciseSession): ExerciseSession {
  const snapshot: SessionSnapshot = {
    teams: before.teams,
    month: before.month,
    phase: before.phase,
    revealedInjects: before.revealedInjects,
    openDecision: before.openDecision,
    choices: before.choices,
    overrides: before.overrides,
    closedDecisions: before.closedDecisions,
    predictions: before.predictions,
    logLength: before.log.length,
  };
  const past = [...after.past, snapshot];
  return { ...after, past: past.length > SESSION_LIMITS.undo ? past.slice(past.length - SESSION_LIMITS.undo) : past };
}

function undo(s: ExerciseSession): Outcome {
  const last = s.past.at(-1);
  if (!last) return 'There is nothing to undo.';
  const { logLength, ...play } = last;
  // Notes and timers are live edits: undoing a reveal must not lose a note or rewind the clock.
  return { ...s, ...play, log: s.log.slice(0, logLength), past: s.past.slice(0, -1) };
}

function clock(now: unknown): number | null {
  return typeof now === 'number' && Number.isFinite(now) ? now : null;
}

function log(d: Draft<ExerciseSession>, entry: LogEntry): void {
  if (d.log.length < SESSION_LIMITS.log) d.log.push(entry);
}

/** Control characters, and invisible or direction-changing ones that could disguise a name. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');
/**
 * Names that would collide with object internals where team names are keys:
 * every name an empty object already answers to ("toString", "valueOf",
 * "hasOwnProperty", "__proto__", …), and "prototype".
 */
const reservedName = (name: string) => name in {} || name === 'prototype';

/** A team name as given, trimmed; or the reason it is not acceptable. */
function teamName(x: unknown): string | { error: string } {
  if (typeof x !== 'string') return { error: 'Team names must be text.' };
  const trimmed = x.trim();
  if (!trimmed) return { error: 'Team names must not be empty.' };
  if (CONTROL.test(trimmed)) return { error: `The team name "${trimmed.replace(CONTROL_ALL, ' ').slice(0, 20)}" must be one line, without control or invisible characters.` };
  // Runs of spaces count as one, so "Team  A" and "Team A" are one name, as they look.
  const name = trimmed.replace(/\s+/g, ' ');
  if (name.length > SESSION_LIMITS.teamName) return { error: `The team name "${name.slice(0, 20)}…" is longer than ${SESSION_LIMITS.teamName} characters.` };
  if (reservedName(name)) return { error: `"${name}" cannot be a team name; choose another.` };
  return name;
}

function start(s: ExerciseSession, script: Scenario, teams: unknown, now?: number): Outcome {
  if (s.phase !== 'briefing') return 'The exercise has already started.';
  if (!Array.isArray(teams) || teams.length === 0) return 'Name at least one team to start.';
  if (teams.length > SESSION_LIMITS.teams) return `At most ${SESSION_LIMITS.teams} teams can play; ${teams.length} were named.`;
  const names: string[] = [];
  for (const t of teams) {
    const name = teamName(t);
    if (typeof name !== 'string') return name.error;
    if (names.some((n) => n.toLowerCase() === name.toLowerCase())) return `Two teams are named "${name}"; team names must differ.`;
    names.push(name);
  }
  return produce(s, (d) => {
    d.teams = names;
    d.phase = restingPhase(script, 0);
    log(d, { kind: 'start', month: 0, at: clock(now) });
  });
}

/** Phases in which play is under way (predictions, reveals and decisions are possible): the one test of it. */
export function inPlay(s: Pick<SessionPlay, 'phase'>): boolean {
  return s.phase === 'predict' || s.phase === 'running' || s.phase === 'decision';
}

function notInPlay(s: SessionPlay): string {
  return s.phase === 'briefing' ? 'The exercise has not started; start it with the teams first.' : 'Play has finished.';
}

function knownTeam(s: SessionPlay, team: unknown): string | null {
  if (typeof team !== 'string' || !s.teams.includes(team)) {
    return `"${String(team).slice(0, 40)}" is not one of the teams (${s.teams.join(', ')}).`;
  }
  return null;
}

function predict(s: ExerciseSession, script: Scenario, a: Extract<ExerciseAction, { type: 'predict' }>): Outcome {
  if (!inPlay(s)) return notInPlay(s);
  const teamError = knownTeam(s, a.team);
  if (teamError) return teamError;
  if (typeof a.value !== 'number' || !Number.isFinite(a.value) || a.value < 0 || a.value > 100) {
    return `A prediction is a threat index from 0 to 100 (50 is the pre-pause level), not ${String(a.value).slice(0, 20)}.`;
  }
  const target = a.month ?? predictionTarget(script, s);
  if (target === null) return 'There are no months left to predict.';
  const seen = revealedThrough(script, s);
  if (!Number.isInteger(target) || target <= seen || target > script.horizonMonths) {
    return `Predictions are for a month not yet shown: ${seen + 1} to ${script.horizonMonths}, not ${String(target).slice(0, 20)}.`;
  }
  return produce(s, (d) => {
    (d.predictions[target] ??= {})[a.team] = a.value;
    log(d, { kind: 'predict', month: d.month, at: clock(a.now), team: a.team, value: a.value, forMonth: target });
  });
}

function advance(s: ExerciseSession, script: Scenario, skip: boolean, now?: number): Outcome {
  const blocked = moveOnBlocker(script, s, skip);
  if (blocked) return blocked;
  if (s.month >= script.horizonMonths) return `Month ${s.month} is the last month of the exercise; finish play to go to the hot wash.`;
  const { unrevealed } = pendingInjects(script, s);
  return produce(s, (d) => {
    for (const inj of unrevealed) log(d, { kind: 'skip', month: d.month, at: clock(now), injectId: inj.id });
    d.month += 1;
    d.phase = restingPhase(script, d.month);
    // A new module: the last one's countdown stops (it ran on out of sight, under the new module's bar).
    if (moduleIndexAt(script, d.month) !== moduleIndexAt(script, s.month)) pauseTimers(d, s, now);
    log(d, { kind: 'advance', month: d.month, at: clock(now) });
  });
}

/** Checks shared by actions on an inject of the current month. */
function dueInject(s: SessionPlay, script: Scenario, injectId: unknown) {
  const inject = typeof injectId === 'string' ? injectById(script, injectId) : undefined;
  if (!inject) return { error: `There is no inject "${String(injectId).slice(0, 80)}" in this exercise.` };
  if (inject.month > s.month) return { error: `"${inject.title}" is due in month ${inject.month}; the exercise is at month ${s.month}.` };
  if (inject.month < s.month) {
    return { error: `"${inject.title}" was due in month ${inject.month} and the exercise has moved on; undo back to that month to play it.` };
  }
  return { inject };
}

function revealInject(s: ExerciseSession, script: Scenario, injectId: unknown, now?: number): Outcome {
  if (!inPlay(s)) return notInPlay(s);
  const { inject, error } = dueInject(s, script, injectId);
  if (!inject) return error;
  if (s.revealedInjects.includes(inject.id)) return `"${inject.title}" has already been revealed.`;
  return produce(s, (d) => {
    d.revealedInjects.push(inject.id);
    log(d, { kind: 'reveal', month: d.month, at: clock(now), injectId: inject.id });
  });
}

/** Checks shared by actions on a decision of the current month that is not closed. */
function dueDecision(s: SessionPlay, script: Scenario, injectId: unknown) {
  const { inject, error } = dueInject(s, script, injectId);
  if (!inject) return { error };
  if (!isDecisionInject(inject)) return { error: `"${inject.title}" is not a decision point.` };
  if (closedDecision(s, inject.id)) return { error: `The decision "${inject.title}" has already been closed.` };
  return { inject };
}

function openDecision(s: ExerciseSession, script: Scenario, injectId: unknown, now?: number): Outcome {
  if (!inPlay(s)) return notInPlay(s);
  if (s.openDecision !== null) {
    return s.openDecision === injectId
      ? `The decision "${titleOf(script, s.openDecision)}" is already open.`
      : `The decision "${titleOf(script, s.openDecision)}" is open; close it before opening another.`;
  }
  const { inject, error } = dueDecision(s, script, injectId);
  if (!inject) return error!;
  return produce(s, (d) => {
    // Opening a decision shows it: the players cannot answer a question they have not seen.
    if (!d.revealedInjects.includes(inject.id)) {
      d.revealedInjects.push(inject.id);
      log(d, { kind: 'reveal', month: d.month, at: clock(now), injectId: inject.id });
    }
    d.openDecision = inject.id;
    d.phase = 'decision';
    log(d, { kind: 'open', month: d.month, at: clock(now), injectId: inject.id });
  });
}

function limitedText(x: unknown, what: string): string | { error: string } {
  if (x === undefined) return '';
  if (typeof x !== 'string') return { error: `The ${what} must be text.` };
  if (x.length > SESSION_LIMITS.text) return { error: `The ${what} is longer than ${SESSION_LIMITS.text} characters.` };
  return withoutDirectionControls(x).trim();
}

function recordChoice(s: ExerciseSession, script: Scenario, a: Extract<ExerciseAction, { type: 'recordChoice' }>): Outcome {
  if (s.phase !== 'decision' || s.openDecision === null) return 'No decision is open; open one before recording the teams\' choices.';
  if (a.injectId !== s.openDecision) return `The open decision is "${titleOf(script, s.openDecision)}", not "${String(a.injectId).slice(0, 80)}".`;
  const inject = injectById(script, s.openDecision) as DecisionInject;
  const teamError = knownTeam(s, a.team);
  if (teamError) return teamError;
  const option = typeof a.optionId === 'string' ? optionOf(inject, a.optionId) : undefined;
  if (!option) return `"${String(a.optionId).slice(0, 40)}" is not an option of "${inject.title}" (${inject.decision.options.map((o) => o.id).join(', ')}).`;
  const rationale = limitedText(a.rationale, 'rationale');
  if (typeof rationale !== 'string') return rationale.error;
  const expectation = limitedText(a.expectation, 'expectation');
  if (typeof expectation !== 'string') return expectation.error;
  return produce(s, (d) => {
    // A team that changes its mind is recorded anew, so "earliest" means its latest answer; one
    // that only rewords its reasons keeps its place (ties go to the first team to answer).
    const list = teamChoices(s, inject.id).slice();
    const at = list.findIndex((c) => c.team === a.team);
    if (at >= 0 && list[at].optionId === option.id) list[at] = { ...list[at], rationale, expectation };
    else {
      if (at >= 0) list.splice(at, 1);
      list.push({ team: a.team, optionId: option.id, rationale, expectation, at: clock(a.now) });
    }
    d.choices[inject.id] = list;
    log(d, { kind: 'choice', month: d.month, at: clock(a.now), injectId: inject.id, team: a.team, optionId: option.id });
  });
}

function override(s: ExerciseSession, script: Scenario, injectId: unknown, optionId: unknown, now?: number): Outcome {
  if (!inPlay(s)) return notInPlay(s);
  const { inject, error } = dueDecision(s, script, injectId);
  if (!inject) return error!;
  if (optionId !== null && (typeof optionId !== 'string' || !optionOf(inject, optionId))) {
    return `"${String(optionId).slice(0, 40)}" is not an option of "${inject.title}" (${inject.decision.options.map((o) => o.id).join(', ')}).`;
  }
  if (optionId === null && overrideOf(s, inject.id) === undefined) return `"${inject.title}" has no override to clear.`;
  return produce(s, (d) => {
    if (optionId === null) delete d.overrides[inject.id];
    else d.overrides[inject.id] = optionId;
    log(d, { kind: 'override', month: d.month, at: clock(now), injectId: inject.id, ...(optionId !== null ? { optionId } : {}) });
  });
}

function closeDecision(s: ExerciseSession, script: Scenario, injectId: unknown, now?: number): Outcome {
  if (!inPlay(s)) return notInPlay(s);
  if (s.openDecision !== null && s.openDecision !== injectId) {
    return `The decision "${titleOf(script, s.openDecision)}" is open; close that one first.`;
  }
  const { inject, error } = dueDecision(s, script, injectId);
  if (!inject) return error!;
  const applied = resolveDecision(script, s, inject.id);
  if (!applied) return `No team has chosen for "${inject.title}", there is no override and the script gives no default; record a choice or set an override first.`;
  return produce(s, (d) => {
    if (!d.revealedInjects.includes(inject.id)) {
      d.revealedInjects.push(inject.id);
      log(d, { kind: 'reveal', month: d.month, at: clock(now), injectId: inject.id });
    }
    d.closedDecisions.push({ injectId: inject.id, optionId: applied.optionId, rule: applied.rule, month: d.month, at: clock(now) });
    d.openDecision = null;
    d.phase = restingPhase(script, d.month);
    log(d, { kind: 'close', month: d.month, at: clock(now), injectId: inject.id, optionId: applied.optionId, rule: applied.rule });
  });
}

function finish(s: ExerciseSession, script: Scenario, skip: boolean, now?: number): Outcome {
  const blocked = moveOnBlocker(script, s, skip);
  if (blocked) return blocked;
  const { unrevealed } = pendingInjects(script, s);
  return produce(s, (d) => {
    for (const inj of unrevealed) log(d, { kind: 'skip', month: d.month, at: clock(now), injectId: inj.id });
    d.phase = 'hotwash';
    pauseTimers(d, s, now);
    log(d, { kind: 'finish', month: d.month, at: clock(now) });
  });
}

function moduleIndexError(script: Scenario, index: unknown): string | null {
  const max = hotwashIndex(script);
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > max) {
    return `Module index ${String(index).slice(0, 20)} does not exist; use 0 to ${max - 1} for the modules and ${max} for the hot wash.`;
  }
  return null;
}

function setNote(s: ExerciseSession, script: Scenario, a: Extract<ExerciseAction, { type: 'setNote' }>): Outcome {
  if (typeof a.text !== 'string') return 'A note must be text.';
  if (a.text.length > SESSION_LIMITS.note) return `A note may hold at most ${SESSION_LIMITS.note} characters.`;
  const text = withoutDirectionControls(a.text);
  if (a.field === 'discussion') {
    const bad = moduleIndexError(script, a.moduleIndex);
    if (bad) return bad;
    return produce(s, (d) => {
      if (text) d.notes.discussion[a.moduleIndex] = text;
      else delete d.notes.discussion[a.moduleIndex];
    });
  }
  if (a.field !== 'strengths' && a.field !== 'improvements') return 'A note goes to "discussion", "strengths" or "improvements".';
  const field = a.field;
  return produce(s, (d) => {
    d.notes[field] = text;
  });
}

function timer(s: ExerciseSession, script: Scenario, a: Extract<ExerciseAction, { type: 'startTimer' | 'pauseTimer' | 'resetTimer' }>): Outcome {
  const bad = moduleIndexError(script, a.moduleIndex);
  if (bad) return bad;
  const i = a.moduleIndex;
  if (a.type === 'resetTimer') {
    if (!s.moduleTimers[i]) return 'That timer has not been started.';
    return produce(s, (d) => {
      delete d.moduleTimers[i];
    });
  }
  if (typeof a.now !== 'number' || !Number.isFinite(a.now) || a.now < 0) return 'Timers need the current time ("now", in milliseconds).';
  const now = a.now;
  const current = s.moduleTimers[i];
  if (a.type === 'pauseTimer') {
    if (!current || current.startedAt === null) return 'That timer is not running.';
    return produce(s, (d) => {
      d.moduleTimers[i] = { startedAt: null, elapsedMs: timerElapsed(s, i, now) };
    });
  }
  if (current && current.startedAt !== null) return 'That timer is already running.';
  return produce(s, (d) => {
    // One clock at a time: starting a module's timer pauses any other.
    pauseTimers(d, s, now);
    d.moduleTimers[i] = { startedAt: now, elapsedMs: current?.elapsedMs ?? 0 };
  });
}

/** Pause every running timer, keeping the time it ran until `now`. */
function pauseTimers(d: Draft<ExerciseSession>, s: ExerciseSession, now: number | undefined): void {
  for (const [key, t] of Object.entries(d.moduleTimers)) {
    if (t.startedAt !== null) d.moduleTimers[Number(key)] = { startedAt: null, elapsedMs: timerElapsed(s, Number(key), now) };
  }
}
