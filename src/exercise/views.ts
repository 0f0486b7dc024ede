/**
 * What the model and the screens make of a session: the scenario to run,
 * the run the players may see, and two view models. `playerView` is exactly
 * what the projector may show; `facilitatorView` has everything.
 *
 * Information rule: the players' chart is built from the injects they have
 * seen and the decisions they have closed, and cut at the last month they
 * may see (`revealedThrough`). An inject's effect never reaches them before
 * the inject does, facilitator notes and expected effects never do, and the
 * hidden truth of the script (which reading of the order, which Russian
 * answer) is shown to the facilitator only.
 */
import { SECTOR_IDS, type Quote, type SectorId } from '../model/parameters';
import { simulate } from '../model/simulate';
import type { Decision, Inject, InjectEffect, Run, Scenario } from '../model/types';
import {
  RULE_LABELS,
  closedDecision,
  inPlay,
  moveOnBlocker,
  overrideOf,
  pendingInjects,
  predictionOf,
  predictionTarget,
  resolveDecision,
  revealedThrough,
  tallyChoices,
  teamChoices,
  timerElapsed,
  type ClosedDecision,
  type DecisionRule,
  type ExercisePhase,
  type ExerciseSession,
  type LogEntry,
  type SessionPlay,
  type TeamChoice,
} from './session';
import {
  exerciseOf,
  hotwashIndex,
  hotwashMinutes,
  injectById,
  isDecisionInject,
  moduleIndexAt,
  moduleOrHotwash,
  optionOf,
  type DecisionInject,
} from './script';

// ---------------------------------------------------------------------------
// The scenario behind a session, and its runs.

/**
 * Which injects a run includes: 'revealed', what the players have seen (the
 * projection the projector shows); 'script', every inject of the script,
 * with each decision not yet closed taking its default (where the script is
 * heading if the teams take the defaults; facilitator only).
 */
export type RunScope = 'revealed' | 'script';

/**
 * The script as a scenario for `simulate`: each closed decision's applied
 * option is set as `decision.chosen`, so its effects act from the decision's
 * month (a `reverse` at the end of it). A `chosen` written in the script
 * file is ignored: in an exercise the session decides.
 */
export function scenarioForRun(script: Scenario, session: SessionPlay, scope: RunScope = 'revealed'): Scenario {
  const revealed = new Set(session.revealedInjects);
  const applied = new Map(session.closedDecisions.map((c) => [c.injectId, c.optionId]));
  const injects = script.injects
    .filter((inj) => scope === 'script' || revealed.has(inj.id))
    .map((inj): Inject => {
      const copy: Inject = { ...inj, effects: [...inj.effects] };
      if (inj.decision) {
        const { chosen: _ignored, ...decision } = inj.decision;
        const chosen = applied.get(inj.id) ?? (scope === 'script' ? inj.decision.defaultOption : undefined);
        copy.decision = { ...decision, ...(chosen !== undefined ? { chosen } : {}) } satisfies Decision;
      }
      return copy;
    });
  return { ...script, injects };
}

/** A run of what the players have seen, with the last month they may see. Arrays cover the whole horizon. */
export interface RevealedRun extends Run {
  revealedThrough: number;
}

/**
 * The deterministic run of the revealed scenario (`scenarioForRun(…,
 * 'revealed')`): full arrays, which after `revealedThrough` are a projection
 * from what is known now. Only `playerView` cuts them for the projector.
 */
export function revealedRun(script: Scenario, session: SessionPlay): RevealedRun {
  return { ...simulate(scenarioForRun(script, session, 'revealed')), revealedThrough: revealedThrough(script, session) };
}

/** The deterministic run of the whole script with the decisions so far (defaults for the rest): facilitator only. */
export function scriptedRun(script: Scenario, session: SessionPlay): Run {
  return simulate(scenarioForRun(script, session, 'script'));
}

/** What one option of a decision would lead to, from what the players know now. */
export interface OptionPreview {
  optionId: string;
  label: string;
  /** Composite threat index, month 0 … horizon, if this option were applied (revealed injects only). */
  composite: number[];
  reversalMonth: number | null;
}

/**
 * For the facilitator's chart while a decision is open: the revealed run
 * with each option applied in turn (one model run per option), so the
 * facilitator can see the stakes, or show them in the hot wash. Empty for an
 * unknown inject or one that is not a decision.
 */
export function decisionPreview(script: Scenario, session: SessionPlay, injectId: string): OptionPreview[] {
  const inject = injectById(script, injectId);
  if (!isDecisionInject(inject)) return [];
  const others = session.closedDecisions.filter((c) => c.injectId !== injectId);
  const revealed = session.revealedInjects.includes(injectId) ? session.revealedInjects : [...session.revealedInjects, injectId];
  return inject.decision.options.map((o) => {
    const what: SessionPlay = {
      ...session,
      revealedInjects: revealed,
      closedDecisions: [...others, { injectId, optionId: o.id, rule: 'override', month: inject.month, at: null }],
    };
    const run = simulate(scenarioForRun(script, what, 'revealed'));
    return { optionId: o.id, label: o.label, composite: run.composite, reversalMonth: run.reversalMonth };
  });
}

// ---------------------------------------------------------------------------
// The player view.

/** A module (or the hot wash) as shown, with its timer. */
export interface ModuleView {
  /** Module index; the hot wash is `modules.length`. */
  index: number;
  title: string;
  fromMonth: number;
  toMonth: number;
  minutes: number;
  questions: string[];
  timer: TimerView;
}

export interface TimerView {
  elapsedMs: number;
  /** Time left in the timebox (negative when over). */
  remainingMs: number;
  running: boolean;
}

/** A revealed inject as players see it: no notes, no effects. */
export interface PlayerInject {
  id: string;
  month: number;
  title: string;
  text: string;
}

export interface PlayerDecision {
  injectId: string;
  month: number;
  question: string;
  options: { id: string; label: string }[];
  status: 'open' | 'closed';
  /** Teams that have answered (while open, their answers stay hidden so that no team anchors on another). */
  teamsAnswered: string[];
  /** The teams' answers, once the decision is closed. */
  choices: { team: string; optionId: string; optionLabel: string; rationale: string; expectation: string }[];
  /** The option applied to the model, once closed. */
  applied: { optionId: string; label: string; rule: DecisionRule; ruleLabel: string } | null;
}

export interface PredictionRow {
  month: number;
  /** Predicted composite threat index by team. */
  byTeam: Record<string, number>;
  /** The model's composite at that month once the players may see it, else null. */
  outcome: number | null;
}

/** Chart data cut at the last month players may see: index = month, 0 … revealedThrough. */
export interface PlayerChart {
  revealedThrough: number;
  months: number[];
  composite: number[];
  perceived: number[];
  alliedConfidence: number[];
  threat: Record<SectorId, number[]>;
  /** Month the reversal was decided, once shown; null otherwise. */
  reversalMonth: number | null;
  /** Month offensive operations resumed, once shown; null otherwise. */
  reengageMonth: number | null;
}

/** Everything the projector may show, and nothing else. */
export interface PlayerView {
  title: string;
  /** The opening situation (the script's summary). */
  summary: string;
  audience: string | null;
  objectives: string[];
  quotes: Quote[];
  phase: ExercisePhase;
  month: number;
  horizonMonths: number;
  teams: string[];
  /** The module under way (the first one during the briefing), or the hot wash after play. */
  module: ModuleView | null;
  injects: PlayerInject[];
  decisions: PlayerDecision[];
  /** The month teams are asked to predict now, or null when predictions are closed. */
  predictionPrompt: { month: number } | null;
  predictions: PredictionRow[];
  chart: PlayerChart;
}

export interface ViewOptions {
  /** The caller's clock (epoch ms), for running timers. */
  now?: number;
  /** A run already computed with `revealedRun` for this session, to avoid running the model twice. */
  run?: RevealedRun;
}

function timerView(script: Scenario, session: ExerciseSession, index: number, now?: number): TimerView {
  const minutes = moduleOrHotwash(script, index)?.minutes ?? 0;
  const elapsedMs = timerElapsed(session, index, now);
  return { elapsedMs, remainingMs: minutes * 60_000 - elapsedMs, running: session.moduleTimers[index]?.startedAt != null };
}

function moduleView(script: Scenario, session: ExerciseSession, index: number, now?: number): ModuleView | null {
  const m = moduleOrHotwash(script, index);
  if (!m) return null;
  return { index, title: m.title, fromMonth: m.fromMonth, toMonth: m.toMonth, minutes: m.minutes, questions: [...m.questions], timer: timerView(script, session, index, now) };
}

/** Index of the module under way: the first during the briefing, the hot wash after play. */
export function currentModuleIndex(script: Scenario, session: SessionPlay): number {
  if (session.phase === 'hotwash' || session.phase === 'report') return hotwashIndex(script);
  if (session.phase === 'briefing') return exerciseOf(script).modules.length ? 0 : -1;
  return moduleIndexAt(script, session.month);
}

function cut<T>(xs: readonly T[], through: number): T[] {
  return xs.slice(0, through + 1);
}

function predictionRows(session: SessionPlay, run: RevealedRun): PredictionRow[] {
  return Object.keys(session.predictions)
    .map(Number)
    .sort((a, b) => a - b)
    .map((month) => ({
      month,
      byTeam: { ...session.predictions[month] },
      outcome: month <= run.revealedThrough ? run.composite[month] : null,
    }));
}

function playerDecision(inject: DecisionInject, session: SessionPlay): PlayerDecision | null {
  const closed = closedDecision(session, inject.id);
  const open = session.openDecision === inject.id;
  if (!closed && !open) return null;
  const choices = teamChoices(session, inject.id);
  const label = (id: string) => optionOf(inject, id)?.label ?? id;
  return {
    injectId: inject.id,
    month: inject.month,
    question: inject.decision.question,
    options: inject.decision.options.map((o) => ({ id: o.id, label: o.label })),
    status: closed ? 'closed' : 'open',
    teamsAnswered: choices.map((c) => c.team),
    choices: closed
      ? choices.map((c) => ({ team: c.team, optionId: c.optionId, optionLabel: label(c.optionId), rationale: c.rationale, expectation: c.expectation }))
      : [],
    applied: closed ? { optionId: closed.optionId, label: label(closed.optionId), rule: closed.rule, ruleLabel: RULE_LABELS[closed.rule] } : null,
  };
}

/** Revealed injects in the order of the script's months (then of revealing). */
function revealedInjects(script: Scenario, session: SessionPlay): Inject[] {
  return session.revealedInjects
    .map((id) => injectById(script, id))
    .filter((inj): inj is Inject => inj !== undefined)
    .sort((a, b) => a.month - b.month);
}

/**
 * What the projector may show: the briefing material, the module under way
 * with its questions and timer, the revealed injects (title and player text),
 * open and closed decisions (question, option labels, the applied choice),
 * predictions against outcomes for the months shown, and chart data up to
 * the last month shown. Never facilitator notes, expected effects, effects,
 * unrevealed injects, the script's hidden reading of the order, or data of
 * later months.
 */
export function playerView(script: Scenario, session: ExerciseSession, options: ViewOptions = {}): PlayerView {
  const run = options.run ?? revealedRun(script, session);
  const through = run.revealedThrough;
  const ex = exerciseOf(script);
  const playing = inPlay(session);
  const target = playing ? predictionTarget(script, session) : null;
  const threat = Object.fromEntries(SECTOR_IDS.map((k) => [k, cut(run.threat[k], through)])) as Record<SectorId, number[]>;
  const shown = (m: number | null) => (m !== null && m <= through ? m : null);
  return {
    title: script.title,
    summary: script.summary,
    audience: ex.audience ?? null,
    objectives: [...ex.objectives],
    quotes: script.quotes.map((q) => ({ speaker: q.speaker, text: q.text })),
    phase: session.phase,
    month: session.month,
    horizonMonths: script.horizonMonths,
    teams: [...session.teams],
    module: moduleView(script, session, currentModuleIndex(script, session), options.now),
    injects: revealedInjects(script, session).map((inj) => ({ id: inj.id, month: inj.month, title: inj.title, text: inj.text ?? '' })),
    decisions: revealedInjects(script, session)
      .filter(isDecisionInject)
      .map((inj) => playerDecision(inj, session))
      .filter((d): d is PlayerDecision => d !== null),
    // Asked only while a team still has to answer: the projector asked again after every team had.
    predictionPrompt: target !== null && session.teams.some((t) => predictionOf(session, target, t) === undefined) ? { month: target } : null,
    predictions: predictionRows(session, run),
    chart: {
      revealedThrough: through,
      months: Array.from({ length: through + 1 }, (_, t) => t),
      composite: cut(run.composite, through),
      perceived: cut(run.perceived, through),
      alliedConfidence: cut(run.alliedConfidence, through),
      threat,
      reversalMonth: shown(run.reversalMonth),
      reengageMonth: shown(run.reengageMonth),
    },
  };
}

// ---------------------------------------------------------------------------
// The facilitator view.

/** Where an inject stands in the session. */
export type InjectStatus = 'upcoming' | 'due' | 'revealed' | 'skipped';

/** An inject of the master list, with everything the facilitator needs. */
export interface FacilitatorInject {
  id: string;
  month: number;
  title: string;
  text: string;
  notes: string;
  effects: InjectEffect[];
  status: InjectStatus;
  decision: FacilitatorDecision | null;
}

export interface FacilitatorDecision {
  question: string;
  options: { id: string; label: string; effects: InjectEffect[]; expectedEffect: string }[];
  defaultOption: string | null;
  status: 'pending' | 'open' | 'closed';
  choices: TeamChoice[];
  /** Teams per option. */
  tally: Record<string, number>;
  override: string | null;
  /** What closing it now would apply (null when nothing would: no choice, override or default). */
  wouldApply: { optionId: string; rule: DecisionRule } | null;
  closed: ClosedDecision | null;
}

/** Everything the facilitator console needs. */
export interface FacilitatorView {
  /** Exactly what the projector shows now. */
  player: PlayerView;
  /** The script's hidden truth: which reading of the order and which Russian answer the model runs. */
  script: Pick<Scenario, 'id' | 'title' | 'interpretation' | 'response' | 'policy' | 'horizonMonths'>;
  phase: ExercisePhase;
  month: number;
  teams: string[];
  /** Modules and, last, the hot wash, each with its timer and discussion note. */
  modules: (ModuleView & { note: string })[];
  hotwashMinutes: number;
  /** The master list of injects, in month order. */
  injects: FacilitatorInject[];
  /** Ids of injects due now that still need revealing or deciding. */
  pending: string[];
  /** Why `advance` would be refused now (null: it would work). */
  advanceBlockedBy: string | null;
  /** Why `finish` would be refused now (null: it would work). */
  finishBlockedBy: string | null;
  /** The month `predict` targets by default, or null. */
  predictionTarget: number | null;
  predictions: PredictionRow[];
  runs: {
    /** What the players see (full arrays; they see months up to `revealedThrough`). */
    revealed: RevealedRun;
    /** The whole script with the decisions so far and defaults for the rest. */
    scripted: Run;
  };
  notes: ExerciseSession['notes'];
  /** The timeline, with a sentence per entry. */
  log: (LogEntry & { text: string })[];
  /** How many play actions can be undone. */
  undoDepth: number;
}

function injectStatus(inject: Inject, session: SessionPlay, pending: ReadonlySet<string>): InjectStatus {
  if (session.revealedInjects.includes(inject.id)) return 'revealed';
  if (session.phase === 'briefing' || inject.month > session.month) return 'upcoming';
  return pending.has(inject.id) ? 'due' : 'skipped';
}

function facilitatorDecision(script: Scenario, inject: DecisionInject, session: SessionPlay): FacilitatorDecision {
  const closed = closedDecision(session, inject.id) ?? null;
  const choices = teamChoices(session, inject.id);
  return {
    question: inject.decision.question,
    options: inject.decision.options.map((o) => ({ id: o.id, label: o.label, effects: [...o.effects], expectedEffect: o.expectedEffect ?? '' })),
    defaultOption: inject.decision.defaultOption ?? null,
    status: closed ? 'closed' : session.openDecision === inject.id ? 'open' : 'pending',
    choices: [...choices],
    tally: tallyChoices(choices),
    override: overrideOf(session, inject.id) ?? null,
    wouldApply: closed ? null : resolveDecision(script, session, inject.id),
    closed,
  };
}

/** The whole picture for the facilitator console: master list, notes, expected effects, both runs, timers, log. */
export function facilitatorView(script: Scenario, session: ExerciseSession, options: ViewOptions = {}): FacilitatorView {
  const revealed = options.run ?? revealedRun(script, session);
  const { unrevealed, undecided } = pendingInjects(script, session);
  const pending = new Set([...unrevealed, ...undecided].map((inj) => inj.id));
  const moduleCount = hotwashIndex(script) + 1;
  const playing = inPlay(session);
  return {
    player: playerView(script, session, { ...options, run: revealed }),
    script: {
      id: script.id,
      title: script.title,
      interpretation: script.interpretation,
      response: script.response,
      policy: { ...script.policy },
      horizonMonths: script.horizonMonths,
    },
    phase: session.phase,
    month: session.month,
    teams: [...session.teams],
    modules: Array.from({ length: moduleCount }, (_, i) => ({ ...moduleView(script, session, i, options.now)!, note: session.notes.discussion[i] ?? '' })),
    hotwashMinutes: hotwashMinutes(script),
    injects: [...script.injects]
      .sort((a, b) => a.month - b.month)
      .map((inj) => ({
        id: inj.id,
        month: inj.month,
        title: inj.title,
        text: inj.text ?? '',
        notes: inj.notes ?? '',
        effects: [...inj.effects],
        status: injectStatus(inj, session, pending),
        decision: isDecisionInject(inj) ? facilitatorDecision(script, inj, session) : null,
      })),
    pending: [...pending],
    advanceBlockedBy: moveOnBlocker(script, session) ?? (session.month >= script.horizonMonths ? 'This is the last month; finish play to go to the hot wash.' : null),
    finishBlockedBy: moveOnBlocker(script, session),
    predictionTarget: playing ? predictionTarget(script, session) : null,
    predictions: predictionRows(session, revealed),
    runs: { revealed, scripted: scriptedRun(script, session) },
    notes: session.notes,
    log: session.log.map((e) => ({ ...e, text: describeLogEntry(script, e) })),
    undoDepth: session.past.length,
  };
}

// ---------------------------------------------------------------------------
// The log in words.

function optionLabel(script: Scenario, injectId: string | undefined, optionId: string | undefined): string {
  const inject = injectId ? injectById(script, injectId) : undefined;
  const option = isDecisionInject(inject) && optionId ? optionOf(inject, optionId) : undefined;
  return option?.label ?? optionId ?? '';
}

/** One log entry as a sentence (plain text; escape it before putting it in Markdown or HTML). */
export function describeLogEntry(script: Scenario, e: LogEntry): string {
  const title = e.injectId ? (injectById(script, e.injectId)?.title ?? e.injectId) : '';
  switch (e.kind) {
    case 'start':
      return 'Exercise started.';
    case 'predict':
      return `${e.team} predicted a threat index of ${e.value} for month ${e.forMonth}.`;
    case 'advance':
      return `Moved to month ${e.month}.`;
    case 'reveal':
      return `Inject revealed: ${title}.`;
    case 'skip':
      return `Inject skipped (not shown to players): ${title}.`;
    case 'open':
      return `Decision opened: ${title}.`;
    case 'choice':
      return `${e.team} chose "${optionLabel(script, e.injectId, e.optionId)}" at ${title}.`;
    case 'override':
      return e.optionId ? `Facilitator override at ${title}: "${optionLabel(script, e.injectId, e.optionId)}".` : `Override cleared at ${title}.`;
    case 'close':
      return `Decision closed: ${title}. Applied "${optionLabel(script, e.injectId, e.optionId)}" (${e.rule ? RULE_LABELS[e.rule] : 'rule unknown'}).`;
    case 'finish':
      return 'Play finished; hot wash.';
    case 'report':
      return 'After-action report.';
  }
}
