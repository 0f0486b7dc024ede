/**
 * Scenario → file shape (the inverse of parse.ts): what "Save as YAML" and
 * JSON export write. Only overrides are written, as numbers whenever the
 * range is just the default range moved to a new mode, so a saved file reads
 * like a hand-written one; parseScenario(scenarioToFile(s)) deep-equals s.
 */
import { PARAM_BY_ID, defaultRange, shiftMode, type Range } from '../model/parameters';
import type { Decision, Inject, InjectEffect, Scenario } from '../model/types';
import type { ScenarioFile } from './schema';

type FileEffect = InjectEffect;
type FileInject = NonNullable<ScenarioFile['injects']>[number];
type FileDecision = NonNullable<FileInject['decision']>;

/** Which policy shorthand field stands for which parameter, per policy kind. */
const SHORTHAND: Record<string, Record<string, string>> = {
  fixed: { fixedMonths: 'months' },
  trigger: { triggerThreshold: 'threshold', triggerMonths: 'months' },
};

/** The override as a bare mode when parsing that number gives back exactly this range. */
function compactRange(id: string, r: Range, s: Scenario): number | Range {
  const def = PARAM_BY_ID.get(id);
  if (def) {
    const shifted = shiftMode(def, defaultRange(def, s.interpretation), r.mode);
    if (shifted.low === r.low && shifted.mode === r.mode && shifted.high === r.high) return r.mode;
  }
  return { low: r.low, mode: r.mode, high: r.high };
}

/** `effect` for a single effect, `effects` for several, nothing for none. */
function effectFields(effects: InjectEffect[]): { effect?: FileEffect; effects?: FileEffect[] } {
  if (effects.length === 0) return {};
  if (effects.length === 1) return { effect: { ...effects[0] } };
  return { effects: effects.map((e) => ({ ...e })) };
}

function decisionToFile(d: Decision): FileDecision {
  return {
    question: d.question,
    options: d.options.map((o) => ({
      id: o.id,
      label: o.label,
      ...effectFields(o.effects),
      ...(o.expectedEffect !== undefined ? { expectedEffect: o.expectedEffect } : {}),
    })),
    ...(d.defaultOption !== undefined ? { default: d.defaultOption } : {}),
    ...(d.chosen !== undefined ? { chosen: d.chosen } : {}),
  };
}

function injectToFile(inj: Inject, index: number): FileInject {
  return {
    // The parser names an id-less inject `inject-<n>`; leave such ids implicit.
    ...(inj.id !== `inject-${index + 1}` ? { id: inj.id } : {}),
    month: inj.month,
    title: inj.title,
    ...(inj.text !== undefined ? { text: inj.text } : {}),
    ...(inj.notes !== undefined ? { notes: inj.notes } : {}),
    ...effectFields(inj.effects),
    ...(inj.decision ? { decision: decisionToFile(inj.decision) } : {}),
  };
}

/** Convert a validated scenario back to the file shape (plain JSON-compatible data). */
export function scenarioToFile(s: Scenario): ScenarioFile {
  const policy: Record<string, unknown> & { kind: Scenario['policy']['kind'] } = { kind: s.policy.kind };
  const parameters: Record<string, number | Range> = {};
  for (const [id, range] of Object.entries(s.parameters)) {
    const value = compactRange(id, range, s);
    const field = SHORTHAND[s.policy.kind]?.[id];
    if (field && typeof value === 'number') policy[field] = value;
    else parameters[id] = value;
  }
  const file: ScenarioFile = {
    id: s.id,
    title: s.title,
    ...(s.summary ? { summary: s.summary } : {}),
    ...(s.quotes.length ? { quotes: s.quotes.map((q) => ({ speaker: q.speaker, text: q.text })) } : {}),
    interpretation: s.interpretation,
    response: s.response,
    policy: policy as ScenarioFile['policy'],
    horizonMonths: s.horizonMonths,
    ...(Object.keys(parameters).length ? { parameters } : {}),
    ...(s.injects.length ? { injects: s.injects.map(injectToFile) } : {}),
  };
  if (s.exercise) {
    const ex = s.exercise;
    file.exercise = {
      ...(ex.audience !== undefined ? { audience: ex.audience } : {}),
      ...(ex.minutes !== undefined ? { minutes: ex.minutes } : {}),
      objectives: [...ex.objectives],
      modules: ex.modules.map((m) => ({ ...m, questions: [...m.questions] })),
    };
  }
  return file;
}
