/**
 * Exercise outputs for the facilitator: the decision log (rows, and CSV for
 * a spreadsheet) and the after-action report (Markdown). Both are built from
 * the run of what was played (`revealedRun`), so they report the exercise
 * the teams experienced, not injects they never saw.
 *
 * Team names, rationales and notes are typed by people, and scripts can be
 * imported: every piece of text is escaped for its target (RFC 4180 quoting
 * plus formula neutralisation for CSV; Markdown escaping and defanged URLs
 * for the report), so no cell becomes a formula and no text becomes a link,
 * an image or HTML.
 */
import { FIXED_ASSUMPTIONS, INTERPRETATIONS, MODEL_VERSION, POLICIES, RESPONSES } from '../model/parameters';
import { threatNumber } from '../model/threatText';
import type { Run, Scenario } from '../model/types';
import { RULE_LABELS, closedDecision, predictionOf, teamChoices, type DecisionRule, type ExerciseSession } from './session';
import { exerciseOf, hotwashIndex, isDecisionInject, moduleOrHotwash, optionOf, type DecisionInject } from './script';
import { describeLogEntry, revealedRun } from './views';
import { clockTime, predictionMiss, tidy } from './text';

export { clockTime, predictionMiss, tidy };
import { localDate } from '../share/dates';
import { neutralizeFormula } from '../share/formula';

// ---------------------------------------------------------------------------
// The decision log.

/** One row of the decision log: a team's choice, or the outcome of a decision. */
export interface DecisionLogRow {
  month: number;
  injectId: string;
  /** The inject's title. */
  inject: string;
  question: string;
  /** 'choice': one team's answer; 'outcome': the option applied (one row per closed decision, team null). */
  kind: 'choice' | 'outcome';
  team: string | null;
  optionId: string;
  option: string;
  rationale: string;
  /** What the team expected, in their words. */
  expectation: string;
  /** What the script expects the option to do (facilitator material). */
  expectedEffect: string;
  /** Whether this option was applied to the model. */
  applied: boolean;
  /** The rule that picked the applied option; null while the decision is not closed. */
  rule: DecisionRule | null;
  /** Composite threat index in the decision's month, in the run of what was played. */
  compositeAtMonth: number;
  /** Composite threat index at the horizon of that run. */
  compositeAtEnd: number;
  /** Each team's prediction for the decision's month (null: none). */
  predictions: Record<string, number | null>;
}

/**
 * The decision log: for every decision with choices or closed, in month
 * order, one row per team choice (in the order recorded) and, once closed,
 * one outcome row. `run` defaults to `revealedRun(script, session)`.
 */
export function decisionLog(script: Scenario, session: ExerciseSession, run: Run = revealedRun(script, session)): DecisionLogRow[] {
  const rows: DecisionLogRow[] = [];
  const decisions = script.injects.filter(isDecisionInject).sort((a, b) => a.month - b.month);
  for (const inject of decisions) {
    const closed = closedDecision(session, inject.id);
    const choices = teamChoices(session, inject.id);
    if (!closed && choices.length === 0) continue;
    const common = {
      month: inject.month,
      injectId: inject.id,
      inject: inject.title,
      question: inject.decision.question,
      rule: closed?.rule ?? null,
      compositeAtMonth: run.composite[inject.month],
      compositeAtEnd: run.composite[run.horizonMonths],
      predictions: Object.fromEntries(session.teams.map((t) => [t, predictionOf(session, inject.month, t) ?? null])),
    };
    const option = (id: string) => ({
      optionId: id,
      option: optionOf(inject, id)?.label ?? id,
      expectedEffect: optionOf(inject, id)?.expectedEffect ?? '',
    });
    for (const c of choices) {
      rows.push({ ...common, kind: 'choice', team: c.team, ...option(c.optionId), rationale: c.rationale, expectation: c.expectation, applied: closed?.optionId === c.optionId });
    }
    if (closed) rows.push({ ...common, kind: 'outcome', team: null, ...option(closed.optionId), rationale: '', expectation: '', applied: true });
  }
  return rows;
}

/**
 * One CSV cell (RFC 4180): text that a spreadsheet would run as a formula is
 * prefixed with a quote; a cell with a comma, a double quote or a line break
 * is quoted, with double quotes doubled. Numbers are written as they are.
 */
export function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = neutralizeFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows of cells as CSV text: CRLF line ends, a final CRLF (RFC 4180). */
export function toCsv(rows: readonly (readonly (string | number | boolean | null)[])[]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A threat index for a CSV cell: one decimal, more where rounding would cross a band edge (59.96, not 60). */
const threatCell = (x: number) => Number(threatNumber(x, 1));

/** The decision log as CSV, one column per team for its prediction of the composite at the row's month. */
export function decisionLogCsv(script: Scenario, session: ExerciseSession, run?: Run): string {
  const rows = decisionLog(script, session, run);
  const header = [
    'Month', 'Inject', 'Question', 'Row', 'Team', 'Option', 'Rationale', 'Team expectation', 'Facilitator expected effect',
    'Applied', 'Rule', 'Composite at month', 'Composite at end', ...session.teams.map((t) => `Prediction for the month: ${t}`),
  ];
  const { model, started } = reportProvenance(script, session);
  // Where the file came from, before the table (as the app's ensemble CSV does): it travels without the report.
  const provenance = [
    ['# Decision log', 'Stand-Down: a teaching model, not a forecast'],
    ['# model', model],
    ['# exercise started', started],
    ['# threat indices', 'the composite (0–100; 50 = the pre-pause level) on the expected path as played: revealed injects and applied decisions only; "Composite at end" is the last month of the script, a projection where play stopped earlier'],
  ];
  // Every row as wide as the header: readers that take the first row's width (pandas) refuse rows that are wider.
  const pad = (row: string[]) => [...row, ...Array<string>(header.length - row.length).fill('')];
  return toCsv([
    ...provenance.map(pad),
    header,
    ...rows.map((r) => [
      r.month, r.inject, r.question, r.kind, r.team ?? '', r.option, r.rationale, r.expectation, r.expectedEffect,
      r.applied, r.rule ? RULE_LABELS[r.rule] : '', threatCell(r.compositeAtMonth), threatCell(r.compositeAtEnd),
      ...session.teams.map((t) => (Object.hasOwn(r.predictions, t) ? r.predictions[t] : null)),
    ]),
  ]);
}

// ---------------------------------------------------------------------------
// Markdown.

/**
 * Text as literal Markdown: every character that could start markup is
 * backslash-escaped (emphasis, code, links, images, HTML and entities,
 * tables, math, mentions, headings, lists, block quotes), and URLs and e-mail addresses are defanged
 * ("https[:]//", "www[.]", "name[@]host") so no renderer links them. With
 * `inline`, line breaks become spaces (for table cells and list items);
 * otherwise lines are kept as hard line breaks and blank lines as paragraphs.
 */
export function escapeMarkdown(text: string, options: { inline?: boolean } = {}): string {
  let s = String(text).replace(/\r\n?/g, '\n');
  s = s
    .replace(/:\/\//g, '[:]//')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}[.]`)
    .replace(/([\w.+-])@([\w-]+\.)/g, '$1[@]$2');
  s = s.replace(/[\\`*_[\]<>#|~$&@^]/g, (c) => `\\${c}`);
  // Control characters other than line breaks have no business in a report.
  s = s.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
  // Inline text may still open a list item or a table cell, where a leading "-" or "1." would start a list.
  if (options.inline) return escapeLineStart(s.replace(/\s*\n\s*/g, ' ').trim());
  return s
    .split(/\n{2,}/)
    .map((para) =>
      para
        .split('\n')
        .map((line) => escapeLineStart(line.trim()))
        .filter((line) => line !== '')
        .join('  \n'),
    )
    .filter((para) => para !== '')
    .join('\n\n');
}

/** Escape what only matters at the start of a line: list markers, setext underlines, ordered-list numbers. */
function escapeLineStart(line: string): string {
  if (/^[-+=]/.test(line)) return `\\${line}`;
  return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

const md = (text: string) => escapeMarkdown(text, { inline: true });
const fmt = (x: number) => x.toFixed(1);

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The teams, each in quotation marks, so that a name with a comma in it reads as one team. */
export function teamList(teams: readonly string[]): string {
  return teams.length ? teams.map((t) => `“${t}”`).join(', ') : '(none)';
}

/**
 * Where a report comes from: the model version and the script, and the day
 * play started (the session's first step, in the reader's time zone), so a
 * printed or shared report can be traced and its times placed.
 */
export function reportProvenance(script: Scenario, session: ExerciseSession): { model: string; started: string } {
  const at = session.log.find((e) => e.at !== null)?.at ?? null;
  return {
    model: `Stand-Down model ${MODEL_VERSION}, exercise script “${script.id}”`,
    started: at === null ? 'not recorded' : localDate(new Date(at)),
  };
}

/** The report's last paragraph, on the page and in the file. */
export const ABOUT_REPORT =
  'Generated by Stand-Down from the exercise session. Stand-Down is a teaching model of one news article (SecureWorld News, March 2025) on the order pausing US Cyber Command operations against Russia, not a forecast: its numbers show what follows from the stated assumptions, and the injects were invented for the exercise. Threat indices are relative to the pre-pause level (50); incident counts are reported incidents.';

/** The heading over the hot wash's strengths and areas for improvement, on the page and in the file ("Hot wash" is the last discussion note's). */
export const STRENGTHS_HEADING = 'Strengths and areas for improvement';

/** The session's log as the report lists it: clock time ('' when not recorded), month and what happened; moving on a month is left out (the month says it). */
export function sessionLogLines(script: Scenario, session: ExerciseSession): { time: string; month: number; text: string }[] {
  return session.log
    .filter((e) => e.kind !== 'advance')
    .map((e) => ({ time: e.at === null ? '' : clockTime(e.at), month: e.month, text: tidy(describeLogEntry(script, e)) }));
}

/**
 * The model's outcome after month `played`, as sentences (no user text in
 * them): the composite now and at its peak, what the US could attribute,
 * allied confidence, the reversal, and the projection to the horizon.
 */
export function outcomeFacts(run: Run, played: number): string[] {
  // The peak over the months played, 1 … played (month 0 is the pre-pause 50, not an outcome).
  const played1 = run.composite.slice(1, played + 1);
  const peak = Math.max(...played1);
  // Threat indices never round across a band edge: a peak of 59.96 is not "60.0" (High).
  const peakText = played >= 1 ? `, peak ${threatNumber(peak)} in month ${played1.indexOf(peak) + 1}` : '';
  return [
    `Threat index (composite, 50 = before the pause): ${threatNumber(run.composite[played])} at month ${played}${peakText}.`,
    `What the US could attribute (perceived index) at month ${played}: ${threatNumber(run.perceived[played])}.`,
    `Allied confidence (${FIXED_ASSUMPTIONS.preConfidence} before the pause): ${fmt(run.alliedConfidence[played])} at month ${played}.`,
    run.reversalMonth !== null && run.reversalMonth <= played
      ? `The pause was reversed at the end of month ${run.reversalMonth}${run.reengageMonth !== null && run.reengageMonth <= played ? `; offensive operations resumed in month ${run.reengageMonth}` : ''}.`
      : 'The pause was not reversed during play.',
    ...(played < run.horizonMonths ? [`Projection to month ${run.horizonMonths} from what was played: ${threatNumber(run.composite[run.horizonMonths])}.`] : []),
  ];
}

/** The teams that recorded no choice on a decision, in the session's order. */
export function silentTeams(session: ExerciseSession, injectId: string): string[] {
  const answered = new Set(teamChoices(session, injectId).map((c) => c.team));
  return session.teams.filter((t) => !answered.has(t));
}

/**
 * The after-action report as Markdown, in the report page's order: the
 * exercise and its teams, objectives, the model's outcome, each decision
 * with the teams' choices (and the teams that made none) and what the
 * script expected, predictions against outcomes, discussion notes per
 * module and from the hot wash, strengths and areas for improvement, a
 * timeline of injects and decisions, and a note that this is a teaching
 * model. Pass the run of what was played (`revealedRun`); it defaults to that.
 */
export function afterActionMarkdown(script: Scenario, session: ExerciseSession, run: Run = revealedRun(script, session)): string {
  const ex = exerciseOf(script);
  const played = Math.min(session.month, run.horizonMonths);
  const provenance = reportProvenance(script, session);
  const out: string[] = [];

  out.push(`# After-action report: ${md(script.title)}`);
  out.push(
    '> Stand-Down is a teaching model, not a forecast. The numbers below come from its expected path for this exercise; every inject was fictional.',
  );
  out.push(
    table(['', ''], [
      ['Exercise', md(script.title)],
      ...(ex.audience ? [['Audience', md(ex.audience)]] : []),
      ['Teams', md(teamList(session.teams))],
      ['Months played', `0 to ${played} of ${run.horizonMonths}`],
      ['Planned length', ex.minutes !== undefined ? `${ex.minutes} minutes` : 'not stated'],
      ['Reading of the order (hidden from players)', md(INTERPRETATIONS[script.interpretation].label)],
      ["Russia's answer (hidden from players)", md(RESPONSES[script.response].label)],
      ['US policy in the model', md(POLICIES[script.policy.kind].label)],
      ['Model', md(provenance.model)],
      ['Play started', provenance.started],
    ]),
  );

  out.push('## Objectives');
  out.push(ex.objectives.length ? ex.objectives.map((o, i) => `${i + 1}. ${md(o)}`).join('\n') : '_No objectives were stated._');

  // The sections in the order the report page shows them, so a printed page and the file read alike.
  out.push('## Outcome in the model');
  out.push(outcomeFacts(run, played).map((line) => `- ${line}`).join('\n'));

  out.push('## Decisions');
  out.push(decisionsSection(script, session, run));

  out.push('## Predictions against outcomes');
  out.push(predictionsSection(session, run, played));

  out.push('## Discussion notes');
  for (let i = 0; i <= hotwashIndex(script); i++) {
    const m = moduleOrHotwash(script, i)!;
    const heading = i < hotwashIndex(script) ? `### ${md(m.title)} (months ${m.fromMonth}–${m.toMonth})` : '### Hot wash';
    const note = session.notes.discussion[i];
    out.push(heading);
    out.push(note?.trim() ? escapeMarkdown(note) : '_No notes recorded._');
  }

  out.push(`## ${STRENGTHS_HEADING}`);
  out.push('### Strengths');
  out.push(session.notes.strengths.trim() ? escapeMarkdown(session.notes.strengths) : '_None recorded._');
  out.push('### Areas for improvement');
  out.push(session.notes.improvements.trim() ? escapeMarkdown(session.notes.improvements) : '_None recorded._');

  out.push('## Timeline');
  out.push(timeline(script, session, run, played));
  // The page's timeline is the session log with clock times: the file has it too.
  const log = sessionLogLines(script, session);
  if (log.length) {
    out.push('### Session log');
    out.push(log.map((l) => `- ${l.time ? `${l.time} · ` : ''}month ${l.month}: ${md(l.text)}`).join('\n'));
  }

  out.push('## About this report');
  out.push(ABOUT_REPORT);
  return out.join('\n\n') + '\n';
}

function timeline(script: Scenario, session: ExerciseSession, run: Run, played: number): string {
  const rows: [number, number, string][] = []; // month, order within the month, text
  rows.push([0, 0, `Exercise started with ${session.teams.length} team${session.teams.length === 1 ? '' : 's'}.`]);
  const revealed = new Set(session.revealedInjects);
  for (const inj of script.injects) {
    if (inj.month > played) continue;
    if (isDecisionInject(inj)) {
      const closed = closedDecision(session, inj.id);
      const applied = closed ? optionOf(inj, closed.optionId)?.label ?? closed.optionId : null;
      rows.push([inj.month, 2, closed ? `Decision: ${md(inj.decision.question)} Applied: **${md(applied!)}** (${RULE_LABELS[closed.rule]}).` : `Decision pending: ${md(inj.decision.question)}`]);
    } else if (revealed.has(inj.id)) {
      rows.push([inj.month, 1, `Inject: ${md(inj.title)}`]);
    } else if (inj.month < played || session.phase === 'hotwash' || session.phase === 'report') {
      rows.push([inj.month, 1, `Inject not played: ${md(inj.title)}`]);
    }
  }
  if (run.reversalMonth !== null && run.reversalMonth <= played) rows.push([run.reversalMonth, 3, 'The pause is reversed at the end of this month.']);
  if (run.reengageMonth !== null && run.reengageMonth <= played) rows.push([run.reengageMonth, 3, 'Offensive cyber operations resume.']);
  if (session.phase === 'hotwash' || session.phase === 'report') rows.push([played, 4, 'Play ended; hot wash.']);
  rows.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return table(['Month', 'What happened', 'Threat index'], rows.map(([m, , text]) => [String(m), text, threatNumber(run.composite[m])]));
}

function decisionsSection(script: Scenario, session: ExerciseSession, run: Run): string {
  const parts: string[] = [];
  const decisions = script.injects.filter(isDecisionInject).sort((a, b) => a.month - b.month);
  for (const inj of decisions) {
    const closed = closedDecision(session, inj.id);
    const choices = teamChoices(session, inj.id);
    if (!closed && !choices.length) continue;
    parts.push(`### Month ${inj.month}: ${md(inj.decision.question)}`);
    const lines: string[] = [];
    if (closed) {
      const option = optionOf(inj, closed.optionId);
      lines.push(`- Applied: **${md(option?.label ?? closed.optionId)}** (${RULE_LABELS[closed.rule]}).`);
      if (option?.expectedEffect) lines.push(`- What the script expected it to do: ${md(option.expectedEffect)}`);
    } else {
      lines.push('- Not closed: no option was applied.');
    }
    lines.push(`- Threat index in month ${inj.month}: ${threatNumber(run.composite[inj.month])}; at month ${run.horizonMonths}: ${threatNumber(run.composite[run.horizonMonths])}.`);
    parts.push(lines.join('\n'));
    if (choices.length) {
      parts.push(
        table(
          ['Team', 'Choice', 'Rationale', 'What the team expected'],
          choices.map((c) => [md(c.team), md(optionLabelOf(inj, c.optionId)), md(c.rationale) || '—', md(c.expectation) || '—']),
        ),
      );
      const silent = silentTeams(session, inj.id);
      if (silent.length) parts.push(`No choice recorded from ${md(teamList(silent))}.`);
    } else {
      parts.push('_No team recorded a choice._');
    }
  }
  return parts.length ? parts.join('\n\n') : '_No decisions were taken._';
}

function optionLabelOf(inj: DecisionInject, optionId: string): string {
  return optionOf(inj, optionId)?.label ?? optionId;
}

function predictionsSection(session: ExerciseSession, run: Run, played: number): string {
  const months = Object.keys(session.predictions).map(Number).sort((a, b) => a - b);
  if (!months.length || !session.teams.length) return '_No predictions were made._';
  const rows = months.map((m) => {
    const outcome = m <= played ? run.composite[m] : null;
    return [
      String(m),
      outcome === null ? 'not reached' : threatNumber(outcome),
      ...session.teams.map((t) => {
        const p = predictionOf(session, m, t);
        if (p === undefined) return '—';
        return outcome === null ? fmt(p) : `${fmt(p)} (${predictionMiss(p, outcome)})`;
      }),
    ];
  });
  const errors = session.teams.map((t) => {
    const diffs = months.flatMap((m) => {
      const p = predictionOf(session, m, t);
      return m <= played && p !== undefined ? [Math.abs(p - run.composite[m])] : [];
    });
    return diffs.length ? `${md(t)}: ${fmt(diffs.reduce((a, b) => a + b, 0) / diffs.length)} points over ${diffs.length} prediction${diffs.length === 1 ? '' : 's'}` : `${md(t)}: no prediction reached`;
  });
  return [
    table(['Month', 'Outcome', ...session.teams.map(md)], rows),
    `Mean distance from the outcome: ${errors.join('; ')}. In brackets: prediction minus outcome.`,
  ].join('\n\n');
}
