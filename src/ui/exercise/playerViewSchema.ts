/**
 * Parse, don't trust: a player view that arrives from outside the page (a
 * player link, a message from the facilitator's window) is checked field by
 * field before the projector shows it. The schema lists only what a
 * PlayerView has, and valibot's objects drop unknown keys, so nothing else
 * (a note, an expected effect) can ride along and be rendered.
 */
import * as v from 'valibot';
import { SECTOR_IDS, type SectorId } from '../../model/parameters';
import { withoutDirectionControls } from '../../scenario/directionControls';
import { toPlainData } from '../../scenario/sanitize';
import { DECISION_RULES, PHASES, SESSION_LIMITS } from '../../exercise/session';
import type { PlayerView } from '../../exercise/views';

const MAX_MONTHS = 600;
// Direction controls removed, as everywhere text comes in: a player link is text from elsewhere.
const text = (max: number) => v.pipe(v.string(), v.maxLength(max), v.transform(withoutDirectionControls));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
const num = v.pipe(v.number(), v.finite());
const month = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_MONTHS));
const series = list(num, MAX_MONTHS + 1);
const team = text(SESSION_LIMITS.teamName);
const threatIndex = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(100));

const timer = v.object({ elapsedMs: num, remainingMs: num, running: v.boolean() });

const moduleView = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(0)),
  title: text(500),
  fromMonth: month,
  toMonth: month,
  minutes: v.pipe(num, v.minValue(0)),
  questions: list(text(5000), 100),
  timer,
});

const decision = v.object({
  injectId: text(200),
  month,
  question: text(5000),
  options: list(v.object({ id: text(200), label: text(1000) }), 50),
  status: v.picklist(['open', 'closed']),
  teamsAnswered: list(team, SESSION_LIMITS.teams),
  choices: list(
    v.object({ team, optionId: text(200), optionLabel: text(1000), rationale: text(SESSION_LIMITS.text), expectation: text(SESSION_LIMITS.text) }),
    SESSION_LIMITS.teams,
  ),
  applied: v.nullable(v.object({ optionId: text(200), label: text(1000), rule: v.picklist(DECISION_RULES), ruleLabel: text(200) })),
});

const chart = v.object({
  revealedThrough: month,
  months: list(month, MAX_MONTHS + 1),
  composite: series,
  perceived: series,
  alliedConfidence: series,
  threat: v.object(Object.fromEntries(SECTOR_IDS.map((k) => [k, series])) as Record<SectorId, typeof series>),
  reversalMonth: v.nullable(month),
  reengageMonth: v.nullable(month),
});

const schema = v.object({
  title: text(1000),
  summary: text(20000),
  audience: v.nullable(text(1000)),
  objectives: list(text(5000), 100),
  quotes: list(v.object({ speaker: text(500), text: text(5000) }), 100),
  phase: v.picklist(PHASES),
  month,
  horizonMonths: month,
  teams: list(team, SESSION_LIMITS.teams),
  module: v.nullable(moduleView),
  injects: list(v.object({ id: text(200), month, title: text(1000), text: text(20000) }), 500),
  decisions: list(decision, 500),
  predictionPrompt: v.nullable(v.object({ month })),
  predictions: list(v.object({ month, byTeam: v.record(team, threatIndex), outcome: v.nullable(num) }), MAX_MONTHS + 1),
  chart,
});

export type PlayerViewResult = { ok: true; view: PlayerView } | { ok: false; error: string };

/** Check a player view from outside the page; the error names the first field that is wrong. Never throws. */
export function parsePlayerView(input: unknown): PlayerViewResult {
  try {
    const plain = toPlainData(input);
    if (!plain.ok) return { ok: false, error: `it cannot be read (${plain.problems[0]?.message ?? 'unknown problem'})` };
    const r = v.safeParse(schema, plain.value);
    if (!r.success) {
      const issue = r.issues[0];
      const path = v.getDotPath(issue);
      return { ok: false, error: `${path ? `the field "${path}"` : 'the view'} is wrong: ${issue.message}` };
    }
    const view = r.output as PlayerView;
    const c = view.chart;
    if (view.month > view.horizonMonths || c.revealedThrough > view.month) return { ok: false, error: 'its months are inconsistent (month after the horizon, or data after the current month)' };
    const lengths = [c.months, c.composite, c.perceived, c.alliedConfidence, ...SECTOR_IDS.map((k) => c.threat[k])].map((a) => a.length);
    if (lengths.some((n) => n !== c.revealedThrough + 1)) return { ok: false, error: 'its chart series do not match the months shown' };
    return { ok: true, view };
  } catch (e) {
    return { ok: false, error: `it could not be checked (${e instanceof Error ? e.message : String(e)})` };
  }
}
