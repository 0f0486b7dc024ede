/**
 * Tabletop-exercise mode: the two exercise scripts in scenarios/ (complete,
 * true to the article, their facilitator numbers true to the model), the
 * session state machine (step, reveal, decide, undo, restore), the views
 * (what players may and may not see), the decision log as CSV and the
 * after-action report as Markdown.
 */
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTERPRETATIONS, RESPONSES } from '../../src/model/parameters';
import { simulate } from '../../src/model/simulate';
import type { Run, Scenario } from '../../src/model/types';
import { parseScenario } from '../../src/scenario/parse';
import { parseScenarioText } from '../../src/scenario/parseText';
import {
  exerciseOf,
  HOTWASH_QUESTIONS,
  RULE_LABELS,
  SESSION_LIMITS,
  STRENGTHS_HEADING,
  silentTeams,
  afterActionMarkdown,
  createSession,
  csvCell,
  decisionLog,
  decisionLogCsv,
  predictionMiss,
  reportProvenance,
  sessionLogLines,
  decisionPreview,
  escapeMarkdown,
  facilitatorView,
  hotwashIndex,
  hotwashMinutes,
  moduleMinutes,
  parseSession,
  pendingInjects,
  playerView,
  predictionTarget,
  revealedRun,
  revealedThrough,
  scenarioForRun,
  scriptProblems,
  step,
  timerElapsed,
  withoutHistory,
  type ExerciseAction,
  type ExerciseSession,
  type SessionPlay,
} from '../../src/exercise';
import { DISK } from '../helpers/presets';
import { SAVED_UNDO_BUDGET, STORAGE_KEY, readSaved, saveExercise, savedText } from '../../src/ui/exercise/storage';
import { readCsv } from './csv.helpers';

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const ARTICLE = fileURLToPath(new URL('../../../shared/source-article.txt', import.meta.url));
const FILES = ['exercise-practitioners-60.yaml', 'exercise-classroom-20.yaml'];

function script(id: string): Scenario {
  const s = DISK.exercises.find((x) => x.id === id);
  if (!s) throw new Error(`exercise ${id} not loaded by loadPresets`);
  return s;
}
const PRACTITIONERS = script('exercise-practitioners-60');
const CLASSROOM = script('exercise-classroom-20');

/** A small script for rules the real scripts do not reach (no default, ties). */
const MINI: Scenario = (() => {
  const r = parseScenario({
    id: 'mini',
    title: 'Mini exercise',
    interpretation: 'deprioritized',
    response: 'free-hits',
    policy: { kind: 'indefinite' },
    horizonMonths: 6,
    injects: [
      { id: 'alpha', month: 1, title: 'Alpha event', text: 'Alpha text', notes: 'Alpha notes', effect: { type: 'sectorShock', sector: 'health', factor: 2, months: 2 } },
      {
        id: 'beta',
        month: 2,
        title: 'Beta decision',
        text: 'Beta text',
        notes: 'Beta notes',
        decision: {
          question: 'Reverse?',
          options: [
            { id: 'yes', label: 'Yes', effect: { type: 'reverse' }, expectedEffect: 'Beta yes expected' },
            { id: 'no', label: 'No', expectedEffect: 'Beta no expected' },
            { id: 'maybe', label: 'Maybe', expectedEffect: 'Beta maybe expected' },
          ],
        },
      },
      { id: 'gamma', month: 2, title: 'Gamma event', text: 'Gamma text', notes: 'Gamma notes' },
    ],
    exercise: {
      minutes: 30,
      objectives: ['Learn'],
      modules: [
        { title: 'First', fromMonth: 0, toMonth: 2, minutes: 10, questions: ['Q1?'] },
        { title: 'Second', fromMonth: 3, toMonth: 6, minutes: 10, questions: ['Q2?'] },
      ],
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
})();

/** Apply actions that must all succeed. */
function play(script: Scenario, session: ExerciseSession, ...actions: ExerciseAction[]): ExerciseSession {
  for (const action of actions) {
    const r = step(session, script, action);
    if (r.error) throw new Error(`${action.type} refused: ${r.error}`);
    session = r.session;
  }
  return session;
}

/** Apply an action that must be refused; the session must come back unchanged. */
function refused(script: Scenario, session: ExerciseSession, action: ExerciseAction): string {
  const r = step(session, script, action);
  expect(r.error, `${action.type} should be refused`).toBeTypeOf('string');
  expect(r.session).toBe(session);
  return r.error!;
}

/** The next move of a facilitator who plays every inject and takes every default. */
function autopilot(script: Scenario, s: ExerciseSession): ExerciseAction | null {
  if (s.phase === 'briefing') return { type: 'start', teams: ['Red', 'Blue'] };
  if (s.phase === 'hotwash') return { type: 'report' };
  if (s.phase === 'report') return null;
  if (s.openDecision) return { type: 'closeDecision', injectId: s.openDecision };
  const { unrevealed, undecided } = pendingInjects(script, s);
  if (unrevealed.length) return { type: 'revealInject', injectId: unrevealed[0].id };
  if (undecided.length) return { type: 'openDecision', injectId: undecided[0].id };
  return s.month < script.horizonMonths ? { type: 'advance' } : { type: 'finish' };
}

/** Play on autopilot until `until` holds (or the report). */
function playUntil(script: Scenario, s: ExerciseSession, until: (s: ExerciseSession) => boolean): ExerciseSession {
  for (let i = 0; i < 500 && !until(s); i++) {
    const move = autopilot(script, s);
    if (!move) break;
    s = play(script, s, move);
  }
  return s;
}

/** A play state with every inject revealed and the given options applied (others: defaults). */
function decided(script: Scenario, choices: Record<string, string>, drop: string[] = []): Scenario {
  const pretend: SessionPlay = {
    teams: [], month: script.horizonMonths, phase: 'running', revealedInjects: [], openDecision: null, choices: {}, overrides: {},
    closedDecisions: Object.entries(choices).map(([injectId, optionId]) => ({ injectId, optionId, rule: 'override', month: 0, at: null })),
    predictions: {},
  };
  const s = scenarioForRun(script, pretend, 'script');
  return { ...s, injects: s.injects.filter((i) => !drop.includes(i.id)) };
}

// ---------------------------------------------------------------------------

describe('the exercise scripts in scenarios/', () => {
  it.each(FILES)('%s parses, loads as an exercise, and its id is its file name', (file) => {
    const r = parseScenarioText(readFileSync(SCENARIO_DIR + file, 'utf8'), { source: file });
    if (!r.ok) throw new Error(r.errors.map((e) => `${file}:${e.line} ${e.path}: ${e.message}`).join('\n'));
    expect(r.value.id).toBe(file.replace('.yaml', ''));
    expect(r.value.exercise).toBeDefined();
    expect(DISK.exercises.map((s) => s.id)).toContain(r.value.id);
    expect(DISK.presets.map((s) => s.id)).not.toContain(r.value.id);
  });

  it.each([PRACTITIONERS, CLASSROOM])('$id is complete: objectives, modules covering every month, timeboxes, texts, notes, defaults', (s) => {
    expect(scriptProblems(s)).toEqual([]);
    const ex = s.exercise!;
    expect(ex.objectives.length).toBeGreaterThanOrEqual(3);
    expect(ex.modules[0].fromMonth).toBe(0);
    ex.modules.slice(1).forEach((m, i) => expect(m.fromMonth).toBe(ex.modules[i].toMonth + 1));
    expect(ex.modules.at(-1)!.toMonth).toBe(s.horizonMonths);
    expect(moduleMinutes(s) + hotwashMinutes(s)).toBe(ex.minutes);
    expect(hotwashMinutes(s)).toBeGreaterThanOrEqual(4);
    for (const m of ex.modules) expect(m.questions.length).toBeGreaterThanOrEqual(3);
    for (const inj of s.injects) {
      expect(inj.text?.length, inj.id).toBeGreaterThan(80);
      expect(inj.notes?.length, inj.id).toBeGreaterThan(150);
      if (inj.decision) {
        expect(inj.decision.defaultOption, inj.id).toBeDefined();
        for (const o of inj.decision.options) expect(o.expectedEffect?.length, `${inj.id}.${o.id}`).toBeGreaterThan(60);
      }
    }
    // Titles stay distinct, so the leak checks below can search for them.
    expect(new Set(s.injects.map((i) => i.title)).size).toBe(s.injects.length);
    expect(s.policy.kind).toBe('indefinite'); // only the players end the pause
  });

  it('the practitioners script is 60 minutes in three modules, with the injects the issue asks for', () => {
    const s = PRACTITIONERS;
    expect(s.exercise!.minutes).toBe(60);
    expect(s.exercise!.modules.map((m) => [m.fromMonth, m.toMonth, m.minutes])).toEqual([[0, 3, 15], [4, 9, 20], [10, 24, 15]]);
    expect(hotwashMinutes(s)).toBe(10);
    expect(s.injects.length).toBeGreaterThanOrEqual(6);
    expect(s.injects.length).toBeLessThanOrEqual(9);
    const decisions = s.injects.filter((i) => i.decision);
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    const effects = s.injects.flatMap((i) => [...i.effects, ...(i.decision?.options.flatMap((o) => o.effects) ?? [])]);
    const has = (pred: (e: (typeof effects)[number]) => boolean) => expect(effects.some(pred)).toBe(true);
    has((e) => e.type === 'sectorShock' && e.sector === 'health' && e.factor > 1);
    has((e) => e.type === 'sectorShock' && e.sector === 'supply-chain' && e.factor > 1);
    has((e) => e.type === 'coverageShock');
    has((e) => e.type === 'adversaryShift');
    has((e) => e.type === 'restraintCollapse');
    has((e) => e.type === 'reverse');
    expect(s.response).toBe('mixed');
  });

  it('the classroom script is a 20-minute round: two modules, three or four injects, one decision', () => {
    const s = CLASSROOM;
    expect(s.exercise!.minutes).toBe(20);
    expect(s.exercise!.modules).toHaveLength(2);
    expect(s.injects.length).toBeGreaterThanOrEqual(3);
    expect(s.injects.length).toBeLessThanOrEqual(4);
    expect(s.injects.filter((i) => i.decision)).toHaveLength(1);
    // Simple language: short sentences in what the students read.
    for (const inj of s.injects) {
      const sentences = inj.text!.split(/(?<=[.!?])\s+/);
      for (const sentence of sentences) expect(sentence.split(/\s+/).length, sentence).toBeLessThanOrEqual(25);
    }
  });

  // Skipped, with this reason, where ../shared/source-article.txt is not beside the checkout (a CI clone
  // elsewhere): the project quotes the article but must not carry a copy of it.
  it.skipIf(!existsSync(ARTICLE))('every phrase in double quotes is exact words of the source article', () => {
    const article = readFileSync(ARTICLE, 'utf8').replace(/\s+/g, ' ');
    for (const s of [PRACTITIONERS, CLASSROOM]) {
      const texts = [
        s.summary,
        ...s.exercise!.objectives,
        ...s.exercise!.modules.flatMap((m) => m.questions),
        ...s.injects.flatMap((i) => [i.text ?? '', i.notes ?? '', i.decision?.question ?? '', ...(i.decision?.options.flatMap((o) => [o.label, o.expectedEffect ?? '']) ?? [])]),
      ];
      const quoted = texts.flatMap((t) => [...t.matchAll(/"([^"]+)"/g)].map((m) => m[1].replace(/\s+/g, ' ')));
      expect(quoted.length).toBeGreaterThan(3);
      for (const q of quoted) expect(article, `${s.id}: not in the article: "${q}"`).toContain(q);
      // A quote's own full stop may stand for the comma that closes the article's quotation ("…pays off," said …).
      for (const q of s.quotes) expect(article).toContain(q.text.replace(/\s+/g, ' ').replace(/[.,]$/, ''));
    }
  });
});

describe('what the facilitator notes say holds in the model', () => {
  const diff = (a: Run, b: Run) => a.composite.map((x, t) => x - b.composite[t]);
  const inRange = (x: number, lo: number, hi: number) => {
    expect(x, `${x.toFixed(2)} < ${lo}`).toBeGreaterThanOrEqual(lo);
    expect(x, `${x.toFixed(2)} > ${hi}`).toBeLessThanOrEqual(hi);
  };

  it('practitioners: the default path, the sharing options and the world events', () => {
    const s = PRACTITIONERS;
    const base = simulate(decided(s, {}));
    inRange(base.composite[3], 52, 53);
    expect(base.composite[7]).toBeLessThan(60);
    expect(base.composite[8]).toBeGreaterThanOrEqual(60);
    inRange(base.composite[12], 57.5, 58.5);
    inRange(base.composite[24], 59.5, 60.5);
    inRange(base.alliedConfidence[7], 64.5, 65.5);
    const surge = diff(simulate(decided(s, { 'sharing-decision': 'sharing-surge' })), base);
    surge.forEach((d, t) => (t >= 3 && t <= 8 ? inRange(d, -1.85, -1.55) : expect(Math.abs(d)).toBeLessThan(1e-9)));
    const advisory = diff(simulate(decided(s, { 'sharing-decision': 'joint-advisory' })), base);
    advisory.forEach((d, t) => (t >= 3 && t <= 5 ? inRange(d, -1.95, -1.65) : expect(Math.abs(d)).toBeLessThan(1e-9)));
    const hospitals = diff(base, simulate(decided(s, {}, ['hospital-wave'])));
    for (const t of [5, 6, 7]) inRange(hospitals[t], 3.8, 4.5);
    const supply = diff(base, simulate(decided(s, {}, ['supply-chain-compromise'])));
    for (const t of [8, 9, 10, 11]) inRange(supply[t], 4.4, 5.5);
    const withoutMissed = simulate(decided(s, {}, ['missed-changes']));
    for (let t = 2; t <= 24; t++) {
      const real = base.composite[t] - withoutMissed.composite[t];
      expect(real).toBeLessThan(1);
      expect(base.perceived[t] - withoutMissed.perceived[t]).toBeLessThan(real);
    }
  });

  it('practitioners: reversing at month 6, warning Moscow, the restraint collapse, one year on', () => {
    const s = PRACTITIONERS;
    const base = simulate(decided(s, {}));
    const reverse = simulate(decided(s, { 'reversal-decision': 'reverse-now' }));
    expect([reverse.reversalMonth, reverse.reengageMonth]).toEqual([6, 9]);
    const d = diff(reverse, base);
    inRange(d[7], -1.6, -1.2);
    inRange(d[12], -6, -5);
    inRange(reverse.composite[24], 48.5, 49.5);
    expect(reverse.alliedConfidence[7]).toBeGreaterThan(reverse.alliedConfidence[6]);
    const warn = diff(simulate(decided(s, { 'reversal-decision': 'warn-moscow' })), base);
    inRange(warn[6], -1.1, -0.7);
    expect(Math.abs(warn[18])).toBeLessThan(0.1);
    const collapse = diff(base, simulate(decided(s, {}, ['restraint-ends'])));
    inRange(collapse[11], 0.4, 0.8);
    inRange(collapse[17], 1.6, 2.2);
    // After a reversal at month 6 the collapse changes nothing, and neither does a second reversal.
    const reversedWithout = simulate(decided(s, { 'reversal-decision': 'reverse-now' }, ['restraint-ends']));
    expect(diff(reverse, reversedWithout).every((x) => Math.abs(x) < 1e-9)).toBe(true);
    const twice = simulate(decided(s, { 'reversal-decision': 'reverse-now', 'review-decision': 'reverse-now' }));
    expect(twice.composite).toEqual(reverse.composite);
    const late = simulate(decided(s, { 'review-decision': 'reverse-now' }));
    expect([late.reversalMonth, late.reengageMonth]).toEqual([12, 15]);
    inRange(late.composite[24], 50.5, 51.5);
    inRange(late.composite[24] - reverse.composite[24], 1.5, 2.2);
    for (let t = 13; t <= 24; t++) inRange(base.composite[t], 58, 60.5);
  });

  it('classroom: restart or wait, and the three events', () => {
    const s = CLASSROOM;
    const wait = simulate(decided(s, {}));
    const restart = simulate(decided(s, { 'restart-decision': 'restart' }));
    expect([restart.reversalMonth, restart.reengageMonth]).toEqual([6, 9]);
    inRange(diff(restart, wait)[7], -4.3, -3.5);
    inRange(restart.composite[24], 48.7, 49.7);
    expect(wait.composite[8]).toBeLessThan(60);
    for (let t = 9; t <= 24; t++) expect(wait.composite[t]).toBeGreaterThan(60);
    inRange(Math.max(...wait.composite), 63.5, 64.5);
    inRange(wait.composite[24], 62, 63);
    const hospitals = diff(wait, simulate(decided(s, {}, ['hospitals-hit'])));
    for (const t of [2, 3, 4]) inRange(hospitals[t], 3.5, 4);
    const update = diff(wait, simulate(decided(s, {}, ['software-update-attack'])));
    for (const t of [9, 10, 11]) inRange(update[t], 3.8, 4.6);
    const lost = simulate(decided(s, {}, ['lost-track']));
    for (let t = 4; t <= 24; t++) {
      const real = wait.composite[t] - lost.composite[t];
      expect(real).toBeLessThanOrEqual(1.1);
      expect(wait.perceived[t] - lost.perceived[t]).toBeLessThan(real);
    }
  });
});

describe('session: starting and moving through the months', () => {
  it('starts in the briefing, and only a valid list of teams starts it', () => {
    const s0 = createSession(PRACTITIONERS);
    expect(s0).toMatchObject({ version: 1, scriptId: PRACTITIONERS.id, phase: 'briefing', month: 0, teams: [] });
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: [] })).toMatch(/at least one team/);
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['Red', 'red'] })).toMatch(/Two teams are named/);
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['x'.repeat(41)] })).toMatch(/longer than 40/);
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['Red\nBlue'] })).toMatch(/one line/);
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['constructor'] })).toMatch(/cannot be a team name/);
    for (const name of ['toString', 'valueOf', 'hasOwnProperty', '__proto__', 'prototype']) {
      expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['Red', name] })).toMatch(/cannot be a team name/);
    }
    // Runs of spaces are one space, so names that look the same are the same name.
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: ['Team  A', 'Team A'] })).toMatch(/Two teams are named "Team A"/);
    expect(refused(PRACTITIONERS, s0, { type: 'start', teams: Array.from({ length: 13 }, (_, i) => `T${i}`) })).toMatch(/At most 12/);
    expect(refused(PRACTITIONERS, s0, { type: 'advance' })).toMatch(/not started/);
    const s1 = play(PRACTITIONERS, s0, { type: 'start', teams: ['  Red ', 'Blue'], now: 1000 });
    expect(s1.teams).toEqual(['Red', 'Blue']);
    expect(s1.phase).toBe('predict');
    expect(s1.log).toEqual([{ kind: 'start', month: 0, at: 1000 }]);
    expect(refused(PRACTITIONERS, s1, { type: 'start', teams: ['Green'] })).toMatch(/already started/);
    // The input is never changed.
    expect(s0.phase).toBe('briefing');
  });

  it('refuses a session of another script, and unknown actions', () => {
    const s = createSession(CLASSROOM);
    expect(refused(PRACTITIONERS, s, { type: 'start', teams: ['Red'] })).toMatch(/belongs to the exercise "exercise-classroom-20"/);
    expect(refused(CLASSROOM, s, { type: 'fly' } as unknown as ExerciseAction)).toMatch(/Unknown action "fly"/);
    const r = step(s, CLASSROOM, null as unknown as ExerciseAction);
    expect(r.error).toMatch(/must be an object/);
    expect(r.session).toBe(s);
  });

  it('injects are due in their month only; the month cannot be passed until they are revealed or skipped', () => {
    let s = play(PRACTITIONERS, createSession(PRACTITIONERS), { type: 'start', teams: ['Red'] }, { type: 'advance', now: 5 });
    expect(s.month).toBe(1);
    expect(s.phase).toBe('running');
    expect(revealedThrough(PRACTITIONERS, s)).toBe(0); // the situation update comes before the numbers
    expect(refused(PRACTITIONERS, s, { type: 'advance' })).toMatch(/not seen: "The stand-down order is reported"/);
    expect(refused(PRACTITIONERS, s, { type: 'revealInject', injectId: 'hospital-wave' })).toMatch(/due in month 5/);
    expect(refused(PRACTITIONERS, s, { type: 'revealInject', injectId: 'nope' })).toMatch(/no inject "nope"/);
    s = play(PRACTITIONERS, s, { type: 'revealInject', injectId: 'order-lands' });
    expect(refused(PRACTITIONERS, s, { type: 'revealInject', injectId: 'order-lands' })).toMatch(/already been revealed/);
    expect(revealedThrough(PRACTITIONERS, s)).toBe(1);
    s = play(PRACTITIONERS, s, { type: 'advance' });
    // Skipping on purpose is allowed, and logged.
    const skipped = play(PRACTITIONERS, s, { type: 'advance', skipUnrevealed: true, now: 9 });
    expect(skipped.month).toBe(3);
    expect(skipped.log.at(-2)).toEqual({ kind: 'skip', month: 2, at: 9, injectId: 'missed-changes' });
    expect(refused(PRACTITIONERS, skipped, { type: 'revealInject', injectId: 'missed-changes' })).toMatch(/moved on; undo/);
    expect(facilitatorView(PRACTITIONERS, skipped).injects.find((i) => i.id === 'missed-changes')!.status).toBe('skipped');
  });

  it('rests in the predict phase at the start and at the end of each module, and targets the next module end', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red'] });
    expect(s.phase).toBe('predict');
    expect(predictionTarget(CLASSROOM, s)).toBe(6);
    s = playUntil(CLASSROOM, s, (x) => x.month === 6 && x.phase !== 'decision' && pendingInjects(CLASSROOM, x).undecided.length === 0);
    expect(s.phase).toBe('predict');
    expect(predictionTarget(CLASSROOM, s)).toBe(24);
    s = play(CLASSROOM, s, { type: 'advance' });
    expect(s.phase).toBe('running');
    s = playUntil(CLASSROOM, s, (x) => x.month === 24);
    expect(s.phase).toBe('running');
    expect(predictionTarget(CLASSROOM, s)).toBeNull();
    expect(refused(CLASSROOM, s, { type: 'advance' })).toMatch(/last month/);
  });

  it('predictions: 0–100, by a team, for a month not yet shown', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red', 'Blue'] });
    s = play(CLASSROOM, s, { type: 'predict', team: 'Red', value: 57.5, now: 3 }, { type: 'predict', team: 'Blue', value: 50 }, { type: 'predict', team: 'Blue', value: 61, month: 12 });
    expect(s.predictions).toEqual({ 6: { Red: 57.5, Blue: 50 }, 12: { Blue: 61 } });
    expect(s.log.at(-3)).toEqual({ kind: 'predict', month: 0, at: 3, team: 'Red', value: 57.5, forMonth: 6 });
    expect(refused(CLASSROOM, s, { type: 'predict', team: 'Green', value: 50 })).toMatch(/not one of the teams/);
    expect(refused(CLASSROOM, s, { type: 'predict', team: 'Red', value: 101 })).toMatch(/from 0 to 100/);
    expect(refused(CLASSROOM, s, { type: 'predict', team: 'Red', value: Number.NaN })).toMatch(/from 0 to 100/);
    expect(refused(CLASSROOM, s, { type: 'predict', team: 'Red', value: 50, month: 0 })).toMatch(/not yet shown: 1 to 24/);
    expect(refused(CLASSROOM, s, { type: 'predict', team: 'Red', value: 50, month: 25 })).toMatch(/not yet shown/);
    // While the month's decision is pending, its outcome is not shown, so it can still be predicted.
    s = playUntil(CLASSROOM, s, (x) => x.month === 6);
    expect(revealedThrough(CLASSROOM, s)).toBe(5);
    s = play(CLASSROOM, s, { type: 'predict', team: 'Red', value: 58, month: 6 });
    expect(s.predictions[6].Red).toBe(58);
  });
});

describe('session: decisions', () => {
  const atDecision = () => {
    let s = play(MINI, createSession(MINI), { type: 'start', teams: ['Red', 'Blue', 'Green'] });
    return playUntil(MINI, s, (x) => x.month === 2);
  };

  it('a decision is opened (and so revealed) in its month, and blocks the way on until it is closed', () => {
    let s = atDecision();
    expect(refused(MINI, s, { type: 'advance' })).toMatch(/decision "Beta decision" is due/);
    expect(refused(MINI, s, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes' })).toMatch(/No decision is open/);
    expect(refused(MINI, s, { type: 'openDecision', injectId: 'gamma' })).toMatch(/not a decision point/);
    s = play(MINI, s, { type: 'openDecision', injectId: 'beta', now: 7 });
    expect(s.phase).toBe('decision');
    expect(s.revealedInjects).toContain('beta');
    expect(s.log.slice(-2).map((e) => e.kind)).toEqual(['reveal', 'open']);
    expect(refused(MINI, s, { type: 'advance' })).toMatch(/"Beta decision" is open/);
    expect(refused(MINI, s, { type: 'finish' })).toMatch(/is open/);
    expect(refused(MINI, s, { type: 'openDecision', injectId: 'beta' })).toMatch(/already open/);
    // Other injects of the month can still be revealed while the teams deliberate.
    s = play(MINI, s, { type: 'revealInject', injectId: 'gamma' });
    expect(refused(MINI, s, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'perhaps' })).toMatch(/not an option/);
    expect(refused(MINI, s, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes', rationale: 'x'.repeat(2001) })).toMatch(/longer than 2000/);
  });

  it('closing applies the most common choice; a tie goes to the option chosen earliest; a team may change its mind', () => {
    let s = play(MINI, atDecision(), { type: 'openDecision', injectId: 'beta' });
    s = play(
      MINI,
      s,
      { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'no', rationale: 'cautious', expectation: 'stays high' },
      { type: 'recordChoice', injectId: 'beta', team: 'Blue', optionId: 'yes' },
      { type: 'recordChoice', injectId: 'beta', team: 'Green', optionId: 'maybe' },
    );
    // 1–1–1: Red's "no" was recorded first, and the rule says it was a tie.
    const applies = () => facilitatorView(MINI, s).injects.find((i) => i.id === 'beta')!.decision!.wouldApply;
    expect(applies()).toEqual({ optionId: 'no', rule: 'tie' });
    expect(RULE_LABELS.tie).toMatch(/^a tie .* chosen first$/);
    // Red only rewords its reasons: it keeps its place, and the tie still goes to "no".
    s = play(MINI, s, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'no', rationale: 'cautious (typo fixed)', expectation: 'stays high' });
    expect(s.choices.beta.map((c) => c.team)).toEqual(['Red', 'Blue', 'Green']);
    expect(s.choices.beta[0].rationale).toBe('cautious (typo fixed)');
    expect(applies()).toEqual({ optionId: 'no', rule: 'tie' });
    // Red changes its mind to "yes": 2 for yes.
    s = play(MINI, s, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes', rationale: 'changed' });
    expect(s.choices.beta.map((c) => c.team)).toEqual(['Blue', 'Green', 'Red']);
    s = play(MINI, s, { type: 'closeDecision', injectId: 'beta', now: 99 });
    expect(s.closedDecisions).toEqual([{ injectId: 'beta', optionId: 'yes', rule: 'plurality', month: 2, at: 99 }]);
    expect(s.phase).toBe('predict'); // month 2 ends the first module
    expect(s.openDecision).toBeNull();
    expect(refused(MINI, s, { type: 'closeDecision', injectId: 'beta' })).toMatch(/already been closed/);
    expect(refused(MINI, s, { type: 'openDecision', injectId: 'beta' })).toMatch(/already been closed/);
  });

  it("an override wins over the teams; without choices the script's default applies; with neither, closing is refused", () => {
    let s = play(MINI, atDecision(), { type: 'openDecision', injectId: 'beta' }, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes' });
    const overridden = play(MINI, s, { type: 'override', injectId: 'beta', optionId: 'maybe' }, { type: 'closeDecision', injectId: 'beta' });
    expect(overridden.closedDecisions[0]).toMatchObject({ optionId: 'maybe', rule: 'override' });
    const cleared = play(MINI, s, { type: 'override', injectId: 'beta', optionId: 'maybe' }, { type: 'override', injectId: 'beta', optionId: null });
    expect(cleared.overrides).toEqual({});
    expect(refused(MINI, cleared, { type: 'override', injectId: 'beta', optionId: null })).toMatch(/no override to clear/);
    // MINI's decision has no default: with no choice and no override there is nothing to apply.
    s = play(MINI, atDecision(), { type: 'openDecision', injectId: 'beta' });
    expect(refused(MINI, s, { type: 'closeDecision', injectId: 'beta' })).toMatch(/no default; record a choice or set an override/);
    // The real scripts all have defaults; a decision can be closed without being opened.
    let p = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red'] });
    p = playUntil(CLASSROOM, p, (x) => x.month === 6);
    p = play(CLASSROOM, p, { type: 'closeDecision', injectId: 'restart-decision' });
    expect(p.closedDecisions[0]).toMatchObject({ optionId: 'wait', rule: 'default' });
    expect(p.revealedInjects).toContain('restart-decision');
  });

  it('a closed decision feeds the run: equal up to the decision month, different after', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red', 'Blue'] });
    s = playUntil(CLASSROOM, s, (x) => x.month === 6);
    s = play(CLASSROOM, s, { type: 'openDecision', injectId: 'restart-decision' });
    const undecided = revealedRun(CLASSROOM, s);
    expect(undecided.reversalMonth).toBeNull();
    s = play(CLASSROOM, s, { type: 'recordChoice', injectId: 'restart-decision', team: 'Blue', optionId: 'restart' }, { type: 'closeDecision', injectId: 'restart-decision' });
    const reversed = revealedRun(CLASSROOM, s);
    expect(reversed.reversalMonth).toBe(6);
    for (let t = 0; t <= 6; t++) expect(reversed.composite[t]).toBe(undecided.composite[t]);
    for (let t = 7; t <= 24; t++) expect(reversed.composite[t]).toBeLessThan(undecided.composite[t] - 1);
    expect(scenarioForRun(CLASSROOM, s).injects.find((i) => i.id === 'restart-decision')!.decision!.chosen).toBe('restart');
  });

  it('previews each option of a decision for the facilitator, from what the players know', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red'] });
    s = playUntil(CLASSROOM, s, (x) => x.month === 6);
    const preview = decisionPreview(CLASSROOM, s, 'restart-decision');
    expect(preview.map((p) => [p.optionId, p.reversalMonth])).toEqual([['restart', 6], ['wait', null]]);
    const closed = play(CLASSROOM, s, { type: 'override', injectId: 'restart-decision', optionId: 'restart' }, { type: 'closeDecision', injectId: 'restart-decision' });
    expect(revealedRun(CLASSROOM, closed).composite).toEqual(preview[0].composite);
    expect(decisionPreview(CLASSROOM, s, 'hospitals-hit')).toEqual([]);
  });
});

describe('session: undo, notes and timers', () => {
  it('undo restores the state before the last play action, its log too, but keeps notes and timers', () => {
    let s = play(PRACTITIONERS, createSession(PRACTITIONERS), { type: 'start', teams: ['Red'] }, { type: 'advance' });
    const before = s;
    s = play(PRACTITIONERS, s, { type: 'revealInject', injectId: 'order-lands' });
    s = play(PRACTITIONERS, s, { type: 'setNote', field: 'discussion', moduleIndex: 0, text: 'Good debate' }, { type: 'startTimer', moduleIndex: 0, now: 1000 });
    s = play(PRACTITIONERS, s, { type: 'undo' });
    expect(s.revealedInjects).toEqual([]);
    expect(s.log).toEqual(before.log);
    expect(s.past).toEqual(before.past);
    expect(s.notes.discussion[0]).toBe('Good debate');
    expect(s.moduleTimers[0]).toEqual({ startedAt: 1000, elapsedMs: 0 });
    s = play(PRACTITIONERS, s, { type: 'undo' }, { type: 'undo' });
    expect(s.phase).toBe('briefing');
    expect(s.log).toEqual([]);
    expect(refused(PRACTITIONERS, s, { type: 'undo' })).toMatch(/nothing to undo/);
  });

  it('keeps at most the last 50 play actions', () => {
    let s = play(MINI, createSession(MINI), { type: 'start', teams: ['Red'] });
    for (let i = 0; i < 60; i++) s = play(MINI, s, { type: 'predict', team: 'Red', value: i });
    expect(s.past).toHaveLength(SESSION_LIMITS.undo);
    for (let i = 0; i < 50; i++) s = play(MINI, s, { type: 'undo' });
    expect(s.predictions[2].Red).toBe(9);
    expect(refused(MINI, s, { type: 'undo' })).toMatch(/nothing to undo/);
  });

  it('timers: one runs at a time, elapsed time counts to "now", the hot wash has its own', () => {
    const hot = hotwashIndex(PRACTITIONERS);
    let s = createSession(PRACTITIONERS);
    s = play(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: 0, now: 1_000 });
    expect(timerElapsed(s, 0, 61_000)).toBe(60_000);
    expect(refused(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: 0, now: 2_000 })).toMatch(/already running/);
    s = play(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: 1, now: 31_000 });
    expect(s.moduleTimers[0]).toEqual({ startedAt: null, elapsedMs: 30_000 });
    s = play(PRACTITIONERS, s, { type: 'pauseTimer', moduleIndex: 1, now: 41_000 }, { type: 'startTimer', moduleIndex: 0, now: 50_000 });
    expect(timerElapsed(s, 0, 60_000)).toBe(40_000);
    expect(refused(PRACTITIONERS, s, { type: 'pauseTimer', moduleIndex: 1, now: 1 })).toMatch(/not running/);
    expect(refused(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: hot + 1, now: 1 })).toMatch(/does not exist/);
    expect(refused(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: hot, now: Number.NaN })).toMatch(/current time/);
    s = play(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: hot, now: 70_000 }, { type: 'resetTimer', moduleIndex: 1 });
    expect(s.moduleTimers[1]).toBeUndefined();
    const view = playerView(PRACTITIONERS, s, { now: 70_000 });
    // During the briefing the projector shows module 1: 30 s + 20 s on its clock, paused when the hot wash's started.
    expect(view.module!.timer).toEqual({ elapsedMs: 50_000, remainingMs: 15 * 60_000 - 50_000, running: false });
    expect(s.past).toEqual([]); // timers are not undo steps
  });

  it('timers: moving on to the next module pauses the last one\'s clock, which ran on out of sight', () => {
    let s = play(PRACTITIONERS, createSession(PRACTITIONERS), { type: 'start', teams: ['Red'] });
    s = play(PRACTITIONERS, s, { type: 'startTimer', moduleIndex: 0, now: 1_000 });
    const end = exerciseOf(PRACTITIONERS).modules[0].toMonth;
    s = playUntil(PRACTITIONERS, s, (x) => x.month === end && autopilot(PRACTITIONERS, x)?.type === 'advance');
    expect(s.moduleTimers[0].startedAt).toBe(1_000);
    s = play(PRACTITIONERS, s, { ...autopilot(PRACTITIONERS, s)!, now: 61_000 } as never);
    expect(s.month).toBe(end + 1);
    expect(s.moduleTimers[0]).toEqual({ startedAt: null, elapsedMs: 60_000 });
  });

  it('notes: per module and the hot wash, strengths and improvements', () => {
    let s = createSession(CLASSROOM);
    s = play(CLASSROOM, s, { type: 'setNote', field: 'discussion', moduleIndex: 2, text: 'Hot wash notes' }, { type: 'setNote', field: 'strengths', text: 'Quick decisions' });
    expect(s.notes).toEqual({ discussion: { 2: 'Hot wash notes' }, strengths: 'Quick decisions', improvements: '' });
    expect(refused(CLASSROOM, s, { type: 'setNote', field: 'discussion', moduleIndex: 3, text: 'x' })).toMatch(/does not exist/);
    expect(refused(CLASSROOM, s, { type: 'setNote', field: 'strengths', text: 'x'.repeat(20001) })).toMatch(/at most 20000/);
    s = play(CLASSROOM, s, { type: 'setNote', field: 'discussion', moduleIndex: 2, text: '' });
    expect(s.notes.discussion).toEqual({});
    // Direction overrides would reverse the report's own words around a note: dropped as typed.
    s = play(CLASSROOM, s, { type: 'setNote', field: 'improvements', text: 'Slow \u202Eto decide' });
    expect(s.notes.improvements).toBe('Slow to decide');
  });
});

describe('full run-throughs, from the briefing to the report', () => {
  it('the practitioners exercise with three teams', () => {
    const S = PRACTITIONERS;
    let now = 1_700_000_000_000;
    const tick = () => (now += 60_000);
    let s = createSession(S);
    s = play(S, s, { type: 'startTimer', moduleIndex: 0, now: tick() }, { type: 'start', teams: ['Red', 'Blue', 'Green'], now: tick() });
    const teams = ['Red', 'Blue', 'Green'];
    const choices: Record<string, [string, string][]> = {
      'sharing-decision': [['Red', 'sharing-surge'], ['Blue', 'joint-advisory'], ['Green', 'sharing-surge']],
      'reversal-decision': [['Red', 'reverse-now'], ['Blue', 'wait-and-see'], ['Green', 'warn-moscow']],
      'review-decision': [],
    };
    for (let guard = 0; guard < 400 && s.phase !== 'report'; guard++) {
      if (s.phase === 'predict') {
        const target = predictionTarget(S, s)!;
        if (!s.predictions[target]) teams.forEach((team, i) => (s = play(S, s, { type: 'predict', team, value: 52 + 3 * i, now: tick() })));
      }
      const move = autopilot(S, s)!;
      if (move.type === 'openDecision') {
        s = play(S, s, { ...move, now: tick() });
        for (const [team, optionId] of choices[move.injectId]) {
          s = play(S, s, { type: 'recordChoice', injectId: move.injectId, team, optionId, rationale: `${team} thinks, so`, expectation: 'lower threat', now: tick() });
        }
        continue;
      }
      if (move.type === 'advance' && s.month === 3) s = play(S, s, { type: 'setNote', field: 'discussion', moduleIndex: 0, text: 'Teams split on sharing.' }, { type: 'startTimer', moduleIndex: 1, now: tick() });
      if (move.type === 'finish') {
        s = play(S, s, { type: 'startTimer', moduleIndex: hotwashIndex(S), now: tick() });
        s = play(S, s, { type: 'setNote', field: 'strengths', text: 'Clear rationales.' }, { type: 'setNote', field: 'improvements', text: 'Predictions ignored shocks.' });
      }
      s = play(S, s, { ...move, now: tick() });
    }
    expect(s.phase).toBe('report');
    expect(s.month).toBe(24);
    expect(s.revealedInjects).toHaveLength(S.injects.length);
    expect(s.closedDecisions.map((c) => [c.injectId, c.optionId, c.rule])).toEqual([
      ['sharing-decision', 'sharing-surge', 'plurality'],
      ['reversal-decision', 'reverse-now', 'tie'], // a three-way tie: Red answered first
      ['review-decision', 'keep-pause', 'default'],
    ]);
    expect(Object.keys(s.predictions).map(Number)).toEqual([3, 9, 24]);

    const run = revealedRun(S, s);
    expect(run.revealedThrough).toBe(24);
    expect([run.reversalMonth, run.reengageMonth]).toEqual([6, 9]);
    const view = playerView(S, s, { run });
    expect(view.chart.composite).toHaveLength(25);
    expect(view.module!.title).toBe('Hot wash');
    expect(view.module!.questions).toEqual([...HOTWASH_QUESTIONS]);
    expect(view.predictions.every((p) => p.outcome !== null)).toBe(true);
    expect(view.decisions.map((d) => d.applied!.rule)).toEqual(['plurality', 'tie', 'default']);

    const rows = decisionLog(S, s, run);
    expect(rows).toHaveLength(3 + 1 + 3 + 1 + 1);
    const reversal = rows.filter((r) => r.injectId === 'reversal-decision');
    expect(reversal.map((r) => [r.kind, r.team, r.applied])).toEqual([
      ['choice', 'Red', true], ['choice', 'Blue', false], ['choice', 'Green', false], ['outcome', null, true],
    ]);
    expect(reversal[0].compositeAtMonth).toBe(run.composite[6]);
    expect(reversal[0].compositeAtEnd).toBe(run.composite[24]);
    expect(reversal[0].expectedEffect).toMatch(/falls from month 7/);
    expect(rows.find((r) => r.injectId === 'sharing-decision')!.predictions).toEqual({ Red: 52, Blue: 55, Green: 58 });

    const csv = readCsv(decisionLogCsv(S, s, run));
    // Where the file came from, before the table: the caveat, model and script, the day play started.
    expect(csv.slice(0, 4).map((r) => r[0])).toEqual(['# Decision log', '# model', '# exercise started', '# threat indices']);
    expect(csv[0][1]).toBe('Stand-Down: a teaching model, not a forecast');
    expect(csv[1][1]).toBe(`Stand-Down model 1.1, exercise script “${S.id}”`);
    expect(csv[2][1]).toBe(reportProvenance(S, s).started);
    expect(csv[2][1]).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(csv[4]).toEqual([
      'Month', 'Inject', 'Question', 'Row', 'Team', 'Option', 'Rationale', 'Team expectation', 'Facilitator expected effect',
      'Applied', 'Rule', 'Composite at month', 'Composite at end', 'Prediction for the month: Red', 'Prediction for the month: Blue', 'Prediction for the month: Green',
    ]);
    expect(csv).toHaveLength(rows.length + 5);
    expect(csv[5].slice(0, 7)).toEqual(['3', 'Decision point 1: the ISAC asks what to do about sharing', S.injects[2].decision!.question, 'choice', 'Red', S.injects[2].decision!.options[0].label, 'Red thinks, so']);

    // A composite just under High is 59.96 in the CSV too, not 60 (which a spreadsheet would band as High).
    const edge = { ...run, composite: run.composite.map((x, m) => (m === 6 ? 59.96 : x)) };
    const edgeRow = readCsv(decisionLogCsv(S, s, edge)).find((r) => r[0] === '6')!;
    expect(edgeRow[11]).toBe('59.96');

    const report = afterActionMarkdown(S, s, run);
    // The sections in the report page's order, each once ("Hot wash" heads the last discussion note only).
    const headings = [
      '# After-action report', '## Objectives', '## Outcome in the model', '## Decisions', '## Predictions against outcomes', '## Discussion notes',
      '### Hot wash', `## ${STRENGTHS_HEADING}`, '### Strengths', '### Areas for improvement', '## Timeline', '## About this report',
    ];
    const at = headings.map((h) => report.split('\n').indexOf(report.split('\n').find((line) => line.startsWith(h))!));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(report.match(/Hot wash/g)).toHaveLength(1);
    // The page's timeline lists the session log with clock times; the file does too.
    expect(report).toMatch(/^### Session log$/m);
    const logLines = report.split('\n').filter((l) => /^- \d\d:\d\d · month \d+: /.test(l));
    expect(logLines.length).toBe(sessionLogLines(S, s).length);
    expect(logLines[0]).toBe(`- ${sessionLogLines(S, s)[0].time} · month 0: ${escapeMarkdown(sessionLogLines(S, s)[0].text, { inline: true })}`);
    expect(report).toMatch(/teaching model, not a forecast/);
    for (const o of S.exercise!.objectives) expect(report).toContain(escapeMarkdown(o, { inline: true }));
    expect(report).toContain('Teams split on sharing.');
    expect(report).toContain('Clear rationales.');
    expect(report).toContain('Predictions ignored shocks.');
    expect(report).toContain('The pause is reversed at the end of this month.');
    expect(report).toContain(escapeMarkdown(INTERPRETATIONS.reallocation.label, { inline: true }));
    expect(report).toContain(RESPONSES.mixed.label);
    // Provenance: the model and script, and the day play started (from the first recorded step's time).
    const first = s.log.find((e) => e.at !== null)!.at!;
    const day = new Date(first);
    const ymd = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    expect(report).toContain(`| Model | Stand-Down model 1.1, exercise script “${S.id}” |`);
    expect(report).toContain(`| Play started | ${ymd} |`);
    expect(report).toMatch(/\| Teams \| “Red”, “Blue”, “Green” \|/);
    expect(parseSession(JSON.parse(JSON.stringify(s)), S)).toEqual({ ok: true, session: s });
    // Notes that arrive by link or autosave lose direction controls, as typed ones do.
    const spoofed = { ...s, notes: { ...s.notes, strengths: 'Fast \u202Etsaf' } };
    const read = parseSession(JSON.parse(JSON.stringify(spoofed)), S);
    expect(read.ok && read.session.notes.strengths).toBe('Fast tsaf');
  });

  it('the classroom round, with a facilitator override', () => {
    const S = CLASSROOM;
    let s = play(S, createSession(S), { type: 'start', teams: ['Owls', 'Foxes'] }, { type: 'predict', team: 'Owls', value: 60 }, { type: 'predict', team: 'Foxes', value: 55 });
    s = playUntil(S, s, (x) => x.month === 6);
    s = play(
      S,
      s,
      { type: 'openDecision', injectId: 'restart-decision' },
      { type: 'recordChoice', injectId: 'restart-decision', team: 'Owls', optionId: 'restart', rationale: 'Threat is rising' },
      { type: 'recordChoice', injectId: 'restart-decision', team: 'Foxes', optionId: 'restart' },
      { type: 'override', injectId: 'restart-decision', optionId: 'wait' },
      { type: 'closeDecision', injectId: 'restart-decision' },
    );
    expect(s.closedDecisions[0]).toMatchObject({ optionId: 'wait', rule: 'override' });
    s = playUntil(S, s, (x) => x.phase === 'report');
    const run = revealedRun(S, s);
    expect(run.reversalMonth).toBeNull();
    expect(playerView(S, s).predictions).toEqual([{ month: 6, byTeam: { Owls: 60, Foxes: 55 }, outcome: run.composite[6] }]);
    const report = afterActionMarkdown(S, s);
    expect(report).toContain('facilitator override');
    expect(report).toContain('The pause was not reversed during play.');
    expect(report).toMatch(/\| 6 \| \d+\.\d \| 60\.0 \([+−]\d+\.\d\) \| 55\.0 \([+−]\d+\.\d\) \|/);
  });

  it('the report names the teams that made no choice on a decision', () => {
    const S = CLASSROOM;
    let s = play(S, createSession(S), { type: 'start', teams: ['Owls', 'Foxes', 'Bats, Inc'] });
    s = playUntil(S, s, (x) => x.month === 6);
    s = play(S, s, { type: 'openDecision', injectId: 'restart-decision' }, { type: 'recordChoice', injectId: 'restart-decision', team: 'Foxes', optionId: 'restart' });
    const closed = play(S, s, { type: 'closeDecision', injectId: 'restart-decision' });
    expect(silentTeams(closed, 'restart-decision')).toEqual(['Owls', 'Bats, Inc']);
    expect(afterActionMarkdown(S, closed)).toContain('No choice recorded from “Owls”, “Bats, Inc”.');
    const all = play(
      S,
      s,
      { type: 'recordChoice', injectId: 'restart-decision', team: 'Owls', optionId: 'wait' },
      { type: 'recordChoice', injectId: 'restart-decision', team: 'Bats, Inc', optionId: 'wait' },
      { type: 'closeDecision', injectId: 'restart-decision' },
    );
    expect(silentTeams(all, 'restart-decision')).toEqual([]);
    expect(afterActionMarkdown(S, all)).not.toContain('No choice recorded');
  });

  it('the projector stops asking for a prediction once every team has made it', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red', 'Blue'] });
    const month = playerView(CLASSROOM, s).predictionPrompt!.month;
    s = play(CLASSROOM, s, { type: 'predict', team: 'Red', value: 55, month });
    expect(playerView(CLASSROOM, s).predictionPrompt).toEqual({ month });
    s = play(CLASSROOM, s, { type: 'predict', team: 'Blue', value: 60, month });
    expect(playerView(CLASSROOM, s).predictionPrompt).toBeNull();
  });

  it('play can stop early: the report says how far it got and projects the rest', () => {
    let s = play(CLASSROOM, createSession(CLASSROOM), { type: 'start', teams: ['Red'] });
    s = playUntil(CLASSROOM, s, (x) => x.month === 9);
    expect(refused(CLASSROOM, s, { type: 'finish' })).toMatch(/not seen/);
    s = play(CLASSROOM, s, { type: 'finish', skipUnrevealed: true }, { type: 'report' });
    expect(refused(CLASSROOM, s, { type: 'advance' })).toMatch(/Play has finished/);
    expect(refused(CLASSROOM, s, { type: 'report' })).toMatch(/follows the hot wash/);
    expect(revealedThrough(CLASSROOM, s)).toBe(9);
    const report = afterActionMarkdown(CLASSROOM, s);
    expect(report).toContain('0 to 9 of 24');
    expect(report).toContain('Inject not played: A hacked software update spreads');
    expect(report).toContain('Projection to month 24');
  });
});

describe('views: what players see', () => {
  it('the players\' run has only revealed injects; the facilitator\'s scripted run has them all', () => {
    let s = play(PRACTITIONERS, createSession(PRACTITIONERS), { type: 'start', teams: ['Red'] });
    s = playUntil(PRACTITIONERS, s, (x) => x.month === 4);
    const revealed = scenarioForRun(PRACTITIONERS, s);
    expect(revealed.injects.map((i) => i.id)).toEqual(['order-lands', 'missed-changes', 'sharing-decision']);
    const players = revealedRun(PRACTITIONERS, s);
    const scripted = facilitatorView(PRACTITIONERS, s).runs.scripted;
    // The hospital wave at month 5 is in the scripted run but must not leak into the players' projection.
    expect(scripted.composite[5] - players.composite[5]).toBeGreaterThan(3);
    expect(scripted.composite.slice(0, 5)).toEqual(players.composite.slice(0, 5));
    // A `chosen` in a script file is ignored: the session decides.
    const preset = { ...MINI, injects: MINI.injects.map((i) => (i.decision ? { ...i, decision: { ...i.decision, chosen: 'yes' } } : i)) };
    expect(scenarioForRun(preset, createSession(preset), 'script').injects[1].decision!.chosen).toBeUndefined();
  });

  it('shows open decisions without the teams\' answers, closed ones with them, never notes or expected effects', () => {
    let s = play(MINI, createSession(MINI), { type: 'start', teams: ['Red', 'Blue'] });
    s = playUntil(MINI, s, (x) => x.month === 2);
    s = play(MINI, s, { type: 'openDecision', injectId: 'beta' }, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes', rationale: 'Because', expectation: 'Falls' });
    let view = playerView(MINI, s);
    expect(view.decisions).toEqual([
      { injectId: 'beta', month: 2, question: 'Reverse?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }, { id: 'maybe', label: 'Maybe' }], status: 'open', teamsAnswered: ['Red'], choices: [], applied: null },
    ]);
    expect(view.chart.revealedThrough).toBe(1);
    expect(view.chart.composite).toHaveLength(2);
    expect(view.injects.map((i) => i.title)).toEqual(['Alpha event', 'Beta decision']);
    s = play(MINI, s, { type: 'closeDecision', injectId: 'beta' });
    view = playerView(MINI, s);
    expect(view.decisions[0].applied).toEqual({ optionId: 'yes', label: 'Yes', rule: 'plurality', ruleLabel: "the teams' most common choice" });
    expect(view.decisions[0].choices).toEqual([{ team: 'Red', optionId: 'yes', optionLabel: 'Yes', rationale: 'Because', expectation: 'Falls' }]);
    expect(view.chart.revealedThrough).toBe(1); // gamma is still unrevealed in month 2
    const json = JSON.stringify(view);
    for (const secret of ['Alpha notes', 'Beta notes', 'Beta yes expected', 'Gamma event', 'Gamma text', 'deprioritized', 'free-hits', 'interpretation']) {
      expect(json).not.toContain(secret);
    }
    // The facilitator sees it all.
    const f = facilitatorView(MINI, s);
    expect(f.injects.map((i) => [i.id, i.status])).toEqual([['alpha', 'revealed'], ['beta', 'revealed'], ['gamma', 'due']]);
    expect(f.injects[0].notes).toBe('Alpha notes');
    expect(f.injects[1].decision!.options[0].expectedEffect).toBe('Beta yes expected');
    expect(f.script.interpretation).toBe('deprioritized');
    expect(f.advanceBlockedBy).toMatch(/Gamma event/);
    expect(f.log.at(-1)!.text).toBe('Decision closed: Beta decision. Applied "Yes" (the teams\' most common choice).');
  });

  it('random sessions stay valid, and the projector never shows a secret', () => {
    for (const S of [PRACTITIONERS, CLASSROOM, MINI]) {
      const decisions = S.injects.filter((i) => i.decision);
      const teams = ['Red', 'Blue', 'Green'];
      // 'auto': the autopilot's next move; 'choose': a team answers the open decision; 'overrule': the
      // facilitator overrides the decision due now (random ids alone would rarely hit them).
      type Move = ExerciseAction | 'auto' | 'tail' | { type: 'choose'; team: string; option: number } | { type: 'overrule'; option: number };
      const actionArb: fc.Arbitrary<Move> = fc.oneof(
        { weight: 20, arbitrary: fc.constant('auto' as const) },
        { weight: 4, arbitrary: fc.record({ type: fc.constant('choose' as const), team: fc.constantFrom(...teams), option: fc.nat(3) }) },
        { weight: 4, arbitrary: fc.record({ type: fc.constant('overrule' as const), option: fc.nat(3) }) },
        fc.record({ type: fc.constant('start' as const), teams: fc.subarray(teams, { minLength: 0 }) }),
        fc.record({ type: fc.constant('predict' as const), team: fc.constantFrom(...teams, 'Nobody'), value: fc.double({ min: -10, max: 110, noNaN: true }), month: fc.option(fc.integer({ min: -1, max: 26 }), { nil: undefined }) }),
        fc.record({ type: fc.constant('advance' as const), skipUnrevealed: fc.boolean() }),
        fc.record({ type: fc.constant('revealInject' as const), injectId: fc.constantFrom(...S.injects.map((i) => i.id), 'bogus') }),
        fc.record({ type: fc.constant('openDecision' as const), injectId: fc.constantFrom(...S.injects.map((i) => i.id)) }),
        fc.record({
          type: fc.constant('recordChoice' as const),
          injectId: fc.constantFrom(...decisions.map((i) => i.id)),
          team: fc.constantFrom(...teams),
          optionId: fc.constantFrom(...decisions.flatMap((i) => i.decision!.options.map((o) => o.id)), 'bogus'),
          rationale: fc.string({ maxLength: 20 }),
        }),
        fc.record({ type: fc.constant('override' as const), injectId: fc.constantFrom(...decisions.map((i) => i.id)), optionId: fc.option(fc.constantFrom(...decisions.flatMap((i) => i.decision!.options.map((o) => o.id))), { nil: null }) }),
        fc.record({ type: fc.constant('closeDecision' as const), injectId: fc.constantFrom(...decisions.map((i) => i.id)) }),
        { weight: 2, arbitrary: fc.constant({ type: 'undo' as const }) },
        fc.record({ type: fc.constant('setNote' as const), field: fc.constant('discussion' as const), moduleIndex: fc.integer({ min: -1, max: 4 }), text: fc.string({ maxLength: 30 }) }),
        fc.record({ type: fc.constantFrom('startTimer' as const, 'pauseTimer' as const), moduleIndex: fc.integer({ min: 0, max: 3 }), now: fc.integer({ min: 0, max: 1e9 }) }),
        fc.record({ type: fc.constant('finish' as const), skipUnrevealed: fc.boolean() }),
        fc.constant({ type: 'report' as const }),
      );
      const secrets = [
        ...S.injects.flatMap((i) => [i.notes ?? '', ...(i.decision?.options.map((o) => o.expectedEffect ?? '') ?? [])]).filter(Boolean),
        INTERPRETATIONS[S.interpretation].label,
      ];
      const reached = new Set<string>();
      fc.assert(
        fc.property(fc.array(actionArb, { maxLength: 200, size: 'max' }), (actions) => {
          let s = createSession(S);
          // After the random moves, the autopilot plays on to the report (a team answering each open
          // decision first), so every walk ends the exercise.
          for (const a of [...actions, ...Array<Move>(80).fill('tail')]) {
            let action: ExerciseAction | null;
            if (a === 'auto') action = autopilot(S, s);
            else if (a === 'tail') {
              const open = S.injects.find((i) => i.id === s.openDecision)?.decision;
              const answered = s.openDecision !== null && (s.choices[s.openDecision]?.length ?? 0) > 0;
              action = open && !answered ? { type: 'recordChoice', injectId: s.openDecision!, team: 'Red', optionId: open.options.at(-1)!.id } : autopilot(S, s);
            }
            else if (a.type === 'choose') {
              const open = S.injects.find((i) => i.id === s.openDecision)?.decision;
              action = open ? { type: 'recordChoice', injectId: s.openDecision!, team: a.team, optionId: open.options[a.option % open.options.length].id } : null;
            } else if (a.type === 'overrule') {
              const due = pendingInjects(S, s).undecided[0];
              action = due ? { type: 'override', injectId: due.id, optionId: due.decision.options[a.option % due.decision.options.length].id } : null;
            } else action = a;
            if (!action) continue;
            const r = step(s, S, action);
            if (r.error) expect(r.session).toBe(s);
            s = r.session;
            const restored = parseSession(JSON.stringify(s), S);
            if (!restored.ok) throw new Error(`${action.type} left an invalid session: ${restored.error}`);
            const view = playerView(S, s);
            const json = JSON.stringify(view);
            for (const secret of secrets) expect(json.includes(secret), `leaked: ${secret.slice(0, 40)}`).toBe(false);
            for (const inj of S.injects) {
              if (!s.revealedInjects.includes(inj.id)) {
                expect(json.includes(inj.title), `unrevealed title: ${inj.title}`).toBe(false);
                if (inj.text) expect(json.includes(inj.text)).toBe(false);
              }
              const shown = s.openDecision === inj.id || s.closedDecisions.some((c) => c.injectId === inj.id);
              if (inj.decision && !shown) expect(view.decisions.some((d) => d.injectId === inj.id)).toBe(false);
            }
            const through = revealedThrough(S, s);
            expect(through).toBeLessThanOrEqual(s.month);
            expect(view.chart.composite).toHaveLength(through + 1);
            expect(Object.values(view.chart.threat).every((xs) => xs.length === through + 1)).toBe(true);
            for (const p of view.predictions) if (p.month > through) expect(p.outcome).toBeNull();
            reached.add(s.phase);
            for (const c of s.closedDecisions) reached.add(c.rule);
          }
          // What is restored is what was saved.
          expect(parseSession(JSON.stringify(s), S)).toEqual({ ok: true, session: JSON.parse(JSON.stringify(s)) });
        }),
        // A fixed seed: the check below is about this test's own walks, and with 20 random walks a rare
        // move (overruling a due decision) was sometimes never made, which failed a run now and then.
        { numRuns: 20, seed: 20_261_125 },
      );
      // The random walks go deep enough to mean something: every phase, and decisions closed by each rule.
      const rules = decisions.every((d) => d.decision!.defaultOption) ? ['default', 'override', 'plurality'] : ['override', 'plurality'];
      // A tie may or may not come up in these walks; the 1–1–1 test above covers it.
      expect([...reached].filter((r) => r !== 'tie').sort(), S.id).toEqual([...rules, 'briefing', 'decision', 'hotwash', 'predict', 'report', 'running'].sort());
    }
  }, 60_000);
});

describe('parseSession: restoring a stored session', () => {
  const sample = () => {
    let s = play(MINI, createSession(MINI), { type: 'start', teams: ['Red', 'Blue'] });
    s = playUntil(MINI, s, (x) => x.month === 2);
    return play(MINI, s, { type: 'openDecision', injectId: 'beta' }, { type: 'recordChoice', injectId: 'beta', team: 'Red', optionId: 'yes' }, { type: 'predict', team: 'Red', value: 55, month: 4 }, { type: 'startTimer', moduleIndex: 0, now: 5 });
  };

  it('accepts what it wrote, as an object or as JSON text, with or without its history', () => {
    const s = sample();
    expect(parseSession(JSON.stringify(s), MINI)).toEqual({ ok: true, session: s });
    expect(parseSession(JSON.parse(JSON.stringify(s)), MINI)).toEqual({ ok: true, session: s });
    const { past: _past, ...noPast } = s;
    expect(parseSession(noPast, MINI)).toEqual({ ok: true, session: withoutHistory(s) });
    expect(JSON.stringify(withoutHistory(s)).length).toBeLessThan(JSON.stringify(s).length);
  });

  const json = () => JSON.parse(JSON.stringify(sample()));
  type Json = ReturnType<typeof json>;
  const cases: [string, (x: Json) => unknown, RegExp][] = [
    ['not an object', () => null, /^session must be an object/],
    ['a list', () => [], /^session must be an object/],
    ['a newer version', (x) => ({ ...x, version: 2 }), /session\.version is 2/],
    ['another exercise', (x) => ({ ...x, scriptId: 'other' }), /belongs to another exercise/],
    ['no month', (x) => ({ ...x, month: undefined }), /session\.month must be a whole number/],
    ['a month past the horizon', (x) => ({ ...x, month: 7 }), /session\.month must be a whole number from 0 to 6/],
    ['an unknown phase', (x) => ({ ...x, phase: 'lunch' }), /session\.phase must be one of briefing/],
    ['a team twice', (x) => ({ ...x, teams: ['Red', 'red'] }), /names the same team twice/],
    ['a missing field', (x) => { delete x.overrides; return x; }, /session\.overrides is missing/],
    ['an unknown inject', (x) => ({ ...x, revealedInjects: ['zeta'] }), /revealedInjects\[0\] names the inject "zeta"/],
    ['a future inject', (x) => ({ ...x, month: 1, openDecision: null, phase: 'running' }), /due in month 2, after the session's month 1/],
    ['a choice by a stranger', (x) => { x.choices.beta[0].team = 'Mallory'; return x; }, /choices\["beta"\]\[0\]\.team: "Mallory" is not one of the session's teams|choices\["beta"\]\[0\]\.team "Mallory" is not one/],
    ['an unknown option', (x) => { x.choices.beta[0].optionId = 'nah'; return x; }, /"nah" is not an option of "beta"/],
    ['a decision open in the wrong phase', (x) => ({ ...x, phase: 'running' }), /session\.phase is "running" while a decision is open/],
    ['a passed decision never closed', (x) => ({ ...x, month: 3, phase: 'running', openDecision: null }), /lacks the decision "beta"/],
    ['a prediction out of range', (x) => { x.predictions[4].Red = 150; return x; }, /must be a threat index from 0 to 100/],
    ['a prediction for month "soon"', (x) => ({ ...x, predictions: { soon: {} } }), /keys must be whole numbers from 1 to 6/],
    ['two running timers', (x) => ({ ...x, moduleTimers: { 0: { startedAt: 1, elapsedMs: 0 }, 1: { startedAt: 2, elapsedMs: 0 } } }), /more than one timer running/],
    ['a note that is not text', (x) => { x.notes.strengths = 3; return x; }, /session\.notes\.strengths must be text/],
    ['a bad log entry', (x) => { x.log[0].kind = 'party'; return x; }, /session\.log\[0\]\.kind must be one of/],
    ['a bad undo snapshot', (x) => { x.past[0].month = -1; return x; }, /session\.past\[0\]\.month must be a whole number/],
    ['a snapshot longer than the log', (x) => { x.past[0].logLength = 999; return x; }, /session\.past\[0\]\.logLength must be a whole number from 0/],
  ];
  it.each(cases)('names what is wrong: %s', (_, mutate, message) => {
    const r = parseSession(mutate(json()), MINI);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('never throws, whatever it is given', () => {
    expect(parseSession('{not json', MINI)).toMatchObject({ ok: false, error: expect.stringMatching(/not valid JSON/) });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(parseSession(cyclic, MINI).ok).toBe(false);
    fc.assert(
      fc.property(fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true }), (x) => {
        const r = parseSession(x, MINI);
        expect(r.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    // Mutating one leaf of a valid session gives a valid session or a message, never a throw.
    const leaves = (x: unknown, path: (string | number)[] = []): (string | number)[][] =>
      x && typeof x === 'object' ? Object.entries(x).flatMap(([k, v]) => leaves(v, [...path, Array.isArray(x) ? Number(k) : k])) : [path];
    const base = json();
    const paths = leaves(base);
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, value) => {
        const copy = JSON.parse(JSON.stringify(base));
        let at = copy;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path.at(-1)!] = value;
        const r = parseSession(copy, MINI);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(10);
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------
// CSV and Markdown.


describe('the decision log as CSV', () => {
  it('quotes per RFC 4180 and neutralises formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+SUM(A1)')).toBe("'+SUM(A1)");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('\tx')).toBe("'\tx");
    // The same rule as the ensemble CSV's: leading spaces do not hide a formula; "|" and "%" start one too.
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('|calc')).toBe("'|calc");
    expect(csvCell('%0A')).toBe("'%0A");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell(-2)).toBe('-2'); // numbers are ours, and stay numbers
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('yes');
  });

  it('survives hostile team names and rationales', () => {
    const teams = ['=cmd|calc', '@evil', 'Plain, team'];
    let s = play(MINI, createSession(MINI), { type: 'start', teams });
    s = playUntil(MINI, s, (x) => x.month === 2);
    s = play(
      MINI,
      s,
      { type: 'openDecision', injectId: 'beta' },
      { type: 'recordChoice', injectId: 'beta', team: '=cmd|calc', optionId: 'yes', rationale: '-1+2, "quoted"\r\nnext line', expectation: '+1' },
      { type: 'recordChoice', injectId: 'beta', team: 'Plain, team', optionId: 'no' },
      { type: 'closeDecision', injectId: 'beta' },
    );
    const text = decisionLogCsv(MINI, s);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = readCsv(text);
    expect(rows[4].slice(-3)).toEqual(["Prediction for the month: =cmd|calc", 'Prediction for the month: @evil', 'Prediction for the month: Plain, team']);
    expect(rows[5][4]).toBe("'=cmd|calc");
    expect(rows[5][6]).toBe('\'-1+2, "quoted"\r\nnext line');
    expect(rows[5][7]).toBe("'+1");
    expect(rows[6][4]).toBe('Plain, team');
    expect(rows.every((r) => r.length === 16)).toBe(true);
    for (const r of rows.slice(5)) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});

/** Special characters of Markdown that must only appear escaped in escaped text. */
function unescapedSpecials(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if ('`*_[]<>#|~$&@^'.includes(text[i])) found.push(text[i]);
  }
  return found;
}

describe('Markdown escaping in the after-action report', () => {
  it('escapes markup, defangs links, and keeps lines and paragraphs', () => {
    expect(escapeMarkdown('**bold** _it_ `code`')).toBe('\\*\\*bold\\*\\* \\_it\\_ \\`code\\`');
    expect(escapeMarkdown('[click](https://evil.example/x)', { inline: true })).toBe('\\[click\\](https\\[:\\]//evil.example/x)');
    expect(escapeMarkdown('<img src=x onerror=alert(1)>')).toBe('\\<img src=x onerror=alert(1)\\>');
    expect(escapeMarkdown('see www.evil.example or me@evil.example')).toBe('see www\\[.\\]evil.example or me\\[\\@\\]evil.example');
    expect(escapeMarkdown('# Title\n- item\n1. first\n> quote\n| a | b |\n\nnew paragraph')).toBe(
      '\\# Title  \n\\- item  \n1\\. first  \n\\> quote  \n\\| a \\| b \\|\n\nnew paragraph',
    );
    expect(escapeMarkdown('- a\nb', { inline: true })).toBe('\\- a b');
    expect(escapeMarkdown('&lt; $x$ ~~gone~~')).toBe('\\&lt; \\$x\\$ \\~\\~gone\\~\\~');
  });

  it('leaves nothing that could become markup, whatever the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab1. -+=#>*_[]()<>!|`~$&@^:/\\\n w'.split('')), maxLength: 60 }), fc.boolean(), (text, inline) => {
        const out = escapeMarkdown(text, { inline });
        expect(unescapedSpecials(out)).toEqual([]);
        expect(out).not.toMatch(/:\/\//);
        for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*([-+=]|\d+[.)])/);
        if (inline) expect(out).not.toContain('\n');
      }),
      { numRuns: 500 },
    );
  });

  it('a team name or a note cannot inject links, images or HTML into the report', () => {
    const hostile = '[x](https://evil.example)';
    let s = play(MINI, createSession(MINI), { type: 'start', teams: [hostile, '<b>bold</b>'] });
    s = play(MINI, s, { type: 'predict', team: hostile, value: 60 }, { type: 'setNote', field: 'strengths', text: '![img](http://evil.example/p.png)\n<script>alert(1)</script>' }, { type: 'setNote', field: 'discussion', moduleIndex: 0, text: '# Not a heading\n- not a list' });
    s = playUntil(MINI, s, (x) => x.month === 2);
    s = play(MINI, s, { type: 'openDecision', injectId: 'beta' }, { type: 'recordChoice', injectId: 'beta', team: hostile, optionId: 'yes', rationale: '*loud* | pipe' }, { type: 'closeDecision', injectId: 'beta' });
    s = playUntil(MINI, s, (x) => x.phase === 'report');
    const report = afterActionMarkdown(MINI, s);
    expect(report).not.toMatch(/(?<!\\)\]\(/);
    expect(report).not.toContain('<b>');
    expect(report).not.toContain('<script>');
    expect(report).not.toMatch(/https?:\/\//);
    expect(report).toContain('\\[x\\](https\\[:\\]//evil.example)');
    expect(report).toContain('\\# Not a heading  \n\\- not a list');
    expect(report).toContain('\\*loud\\* \\| pipe');
    // Every table row still has its columns: escaped pipes do not split cells.
    const tables = report.split(/\n{2,}/).filter((block) => block.startsWith('|'));
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const t of tables) {
      const widths = t.split('\n').map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, t).toBe(1);
    }
  });
});

describe('the autosave of a long exercise', () => {
  // Twelve teams writing to the text limits: each undo step copied every team's texts, and the
  // autosave outgrew the browser's storage before the end (found in a long-session review).
  const TEAMS = Array.from({ length: 12 }, (_, i) => `Team ${i + 1}`);
  const heavy = () => {
    let s = play(MINI, createSession(MINI), { type: 'start', teams: TEAMS });
    s = playUntil(MINI, s, (x) => x.month === 2);
    s = play(MINI, s, { type: 'openDecision', injectId: 'beta' });
    for (let i = 0; i < 60; i++) {
      const text = `${i} `.padEnd(2000, 'x');
      s = play(MINI, s, { type: 'recordChoice', injectId: 'beta', team: TEAMS[i % 12], optionId: i % 2 ? 'yes' : 'no', rationale: text, expectation: text });
    }
    return s;
  };

  it('keeps the whole play state and the newest undo steps that fit its budget', () => {
    const s = heavy();
    expect(s.past.length).toBe(SESSION_LIMITS.undo);
    const bare = savedText(MINI, withoutHistory(s), [MINI]).length;
    const text = savedText(MINI, s, [MINI]);
    expect(JSON.stringify(s).length).toBeGreaterThan(bare + 4 * SAVED_UNDO_BUDGET);
    expect(text.length).toBeLessThanOrEqual(bare + SAVED_UNDO_BUDGET);
    const loaded = readSaved(text, [MINI]);
    if (loaded.kind !== 'ok') throw new Error(loaded.kind);
    expect(withoutHistory(loaded.session)).toEqual(withoutHistory(s));
    // The steps kept are the newest: undoing after a reload gives what undoing before it gave.
    expect(loaded.session.past.length).toBeGreaterThan(0);
    expect(loaded.session.past).toEqual(s.past.slice(-loaded.session.past.length));
    expect(play(MINI, loaded.session, { type: 'undo' }).choices).toEqual(play(MINI, s, { type: 'undo' }).choices);
    // A session that fits is saved with its whole stack.
    const light = play(MINI, createSession(MINI), { type: 'start', teams: ['Red', 'Blue'] });
    expect(JSON.parse(savedText(MINI, light, [MINI])).session).toEqual(light);
  });

  it('is saved without its undo stack when storage refuses it with the stack', () => {
    const s = heavy();
    const data = new Map<string, string>();
    const limit = savedText(MINI, withoutHistory(s), [MINI]).length + 1000;
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        if (v.length > limit) throw new Error('exceeded the quota');
        data.set(k, v);
      },
      removeItem: (k: string) => void data.delete(k),
    };
    expect(saveExercise(storage, MINI, s, [MINI])).toBeNull();
    const loaded = readSaved(data.get(STORAGE_KEY)!, [MINI]);
    if (loaded.kind !== 'ok') throw new Error(loaded.kind);
    expect(withoutHistory(loaded.session)).toEqual(withoutHistory(s));
    expect(loaded.session.past).toEqual([]);
  });
});

describe('clock times in the log and the report', () => {
  it('are 24-hour "HH:MM" in ASCII digits, whatever the browser locale', async () => {
    const { clockTime } = await import('../../src/ui/exercise/labels');
    const spy = Date.prototype.toLocaleTimeString;
    // The browser's own locale (Arabic here) must not reach an English report.
    Date.prototype.toLocaleTimeString = function (this: Date, locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions) {
      return spy.call(this, locales ?? 'ar-EG', options);
    };
    try {
      // A local time: 21:05 wherever the tests run, and 24-hour ("9:05 PM" and "09:05" would both be wrong).
      expect(clockTime(new Date(2025, 2, 14, 21, 5).getTime())).toBe('21:05');
      expect(new Date(0).toLocaleTimeString(undefined, { hour: '2-digit' })).not.toMatch(/^\d/);
    } finally {
      Date.prototype.toLocaleTimeString = spy;
    }
  });
});

describe('predictionMiss', () => {
  it('says how far a prediction was, with its sign, and "spot on" for what rounds to zero (never −0.0 or ±0.0)', () => {
    expect(predictionMiss(55, 53.76)).toBe('+1.2');
    expect(predictionMiss(50, 50.44)).toBe('−0.4');
    expect(predictionMiss(50, 50.04)).toBe('spot on');
    expect(predictionMiss(50.04, 50)).toBe('spot on');
  });
});
