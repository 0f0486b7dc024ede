/**
 * Reading an exercise script: a Scenario with an `exercise` key (objectives,
 * modules with timeboxes and discussion questions) and injects that form the
 * master scenario events list. Pure helpers shared by the session state
 * machine, the views and the reports.
 */
import type { Decision, Exercise, ExerciseModule, Inject, Scenario } from '../model/types';

/** An inject that asks the players a question. */
export type DecisionInject = Inject & { decision: Decision };

/** Questions for the hot wash, the facilitated discussion right after play (HSEEP). */
export const HOTWASH_QUESTIONS: readonly string[] = [
  'What went well? Which of our decisions or habits would we keep in a real event?',
  'What would we do differently, and who owns that change?',
  'Where were our predictions furthest from the outcome, and why?',
  'Which objectives did we meet, and which did we not reach?',
];

const NO_EXERCISE: Exercise = { objectives: [], modules: [] };

/** The script's exercise material; a plain preset has none (it can still be played, without modules). */
export function exerciseOf(script: Scenario): Exercise {
  return script.exercise ?? NO_EXERCISE;
}

/** Index used for the hot wash wherever modules are indexed (timers, discussion notes): one past the last module. */
export function hotwashIndex(script: Scenario): number {
  return exerciseOf(script).modules.length;
}

/** Minutes planned for modules, in total. */
export function moduleMinutes(script: Scenario): number {
  return exerciseOf(script).modules.reduce((sum, m) => sum + m.minutes, 0);
}

/**
 * Minutes left for the hot wash: the exercise's stated length minus its
 * modules (the file format has no hot-wash field, so the remainder is it).
 */
export function hotwashMinutes(script: Scenario): number {
  const ex = exerciseOf(script);
  return ex.minutes === undefined ? 0 : Math.max(0, ex.minutes - moduleMinutes(script));
}

/** Index of the first module whose months include `month`, or -1. */
export function moduleIndexAt(script: Scenario, month: number): number {
  return exerciseOf(script).modules.findIndex((m) => m.fromMonth <= month && month <= m.toMonth);
}

/** The module at an index, or the hot wash (as a pseudo-module) at `hotwashIndex`. */
export function moduleOrHotwash(script: Scenario, index: number): ExerciseModule | undefined {
  const modules = exerciseOf(script).modules;
  if (index >= 0 && index < modules.length) return modules[index];
  if (index === modules.length) {
    return { title: 'Hot wash', fromMonth: script.horizonMonths, toMonth: script.horizonMonths, minutes: hotwashMinutes(script), questions: [...HOTWASH_QUESTIONS] };
  }
  return undefined;
}

export function injectById(script: Scenario, id: string): Inject | undefined {
  return script.injects.find((inj) => inj.id === id);
}

export function isDecisionInject(inject: Inject | undefined): inject is DecisionInject {
  return inject?.decision !== undefined;
}

/** The option of a decision by id. */
export function optionOf(inject: DecisionInject, optionId: string) {
  return inject.decision.options.find((o) => o.id === optionId);
}

/**
 * What an exercise script still lacks to be run as a facilitated exercise,
 * one sentence each (empty when complete). The parser already guarantees a
 * valid scenario; this checks the exercise design: objectives, modules that
 * cover month 0 to the horizon without gaps, questions in every module,
 * timeboxes within the stated length, player text and facilitator notes on
 * every inject, and a default and expected effects on every decision.
 */
export function scriptProblems(script: Scenario): string[] {
  const problems: string[] = [];
  const ex = script.exercise;
  if (!ex) return ['The scenario has no exercise section (objectives and modules).'];
  if (ex.objectives.length === 0) problems.push('The exercise has no objectives.');
  if (ex.modules.length === 0) problems.push('The exercise has no modules.');
  let next = 0;
  ex.modules.forEach((m, i) => {
    const name = `Module ${i + 1} ("${m.title}")`;
    if (m.fromMonth !== next) problems.push(`${name} starts at month ${m.fromMonth}; it should start at month ${next} so that the modules cover every month once.`);
    next = m.toMonth + 1;
    if (m.questions.length === 0) problems.push(`${name} has no discussion questions.`);
  });
  const last = ex.modules.at(-1);
  if (last && last.toMonth !== script.horizonMonths) problems.push(`The last module ends at month ${last.toMonth}; it should end at the horizon, month ${script.horizonMonths}.`);
  if (ex.minutes === undefined) problems.push('The exercise does not state its length (exercise.minutes).');
  else if (moduleMinutes(script) > ex.minutes) problems.push(`The modules take ${moduleMinutes(script)} minutes, more than the exercise's ${ex.minutes}.`);
  for (const inj of script.injects) {
    const name = `Inject "${inj.id}" (month ${inj.month})`;
    if (!inj.text) problems.push(`${name} has no player text.`);
    if (!inj.notes) problems.push(`${name} has no facilitator notes.`);
    if (inj.decision) {
      if (inj.decision.defaultOption === undefined) problems.push(`${name} has a decision without a default option.`);
      for (const o of inj.decision.options) {
        if (!o.expectedEffect) problems.push(`${name}: option "${o.id}" has no expected effect for the facilitator.`);
      }
    }
  }
  return problems;
}

