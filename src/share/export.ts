/**
 * Exports that carry their own provenance: every file (CSV, JSON, chart SVG
 * and PNG) names the scenario, its link, the state hash and the key
 * assumptions, so a number found later in a slide or a spreadsheet can be
 * traced back to the view it came from. Pure string builders; the DOM side
 * (cloning a chart, drawing it to a canvas, downloading) is in
 * src/ui/share/chartExport.ts.
 */
import { INTERPRETATIONS, MODEL_VERSION, POLICIES, RESPONSES, SECTOR_IDS } from '../model/parameters';
import type { Band, Dist, EnsembleSummary, Run, ScalarSummary, Scenario } from '../model/types';
import { scenarioToFile } from '../scenario/serialize';
import { changedParameters, isEdited, scenarioTitle } from '../state/labels';
import { findPreset } from '../state/presets';
import type { AppState } from '../state/types';
import { localDate } from './dates';
import { neutralizeFormula } from './formula';
import { encodeLink, stateHash } from './link';

export { localDate, neutralizeFormula };

/** Said on everything that leaves the app: what these numbers are, and are not. */
export const CAVEAT = 'Stand-Down: a teaching model, not a forecast';

/** The assumptions a reader needs to make sense of an exported number. */
export interface Assumptions {
  interpretation: string;
  response: string;
  policy: string;
  horizonMonths: number;
  runs: number;
  seed: string;
  noise: boolean;
  /** Parameters moved away from their defaults, as "Escalation ceiling 2 (default 1.2)". */
  changed: string[];
  /**
   * What a chart was computed from, where that is not the app's ensemble
   * (an Analyse tool's own runs, Compare's pins): it replaces runs, seed and
   * noise in the caption.
   */
  computedFrom?: string;
}

/** Everything an export says about where it came from. */
export interface ExportContext {
  /** The scenario's title as the app shows it. */
  title: string;
  /** The full share link. */
  link: string;
  /** stateHash of the link's fragment. */
  stateHash: string;
  modelVersion: string;
  /** ISO date (YYYY-MM-DD) of the export. */
  date: string;
  assumptions: Assumptions;
}

/** The key assumptions of a state, in words. */
export function assumptionsOf(state: AppState): Assumptions {
  const s = state.scenario;
  return {
    interpretation: INTERPRETATIONS[s.interpretation]?.shortLabel ?? s.interpretation,
    response: RESPONSES[s.response]?.label ?? s.response,
    policy: POLICIES[s.policy.kind]?.label ?? s.policy.kind,
    horizonMonths: s.horizonMonths,
    runs: state.ensemble.runs,
    seed: state.ensemble.seed,
    noise: state.ensemble.noise,
    changed: changedParameters(s),
  };
}

/** The provenance of an export of `state`. `baseUrl` is the page address without its fragment. */
export function exportContext(state: AppState, baseUrl: string, presets: readonly Scenario[], now: Date = new Date()): ExportContext {
  const fragment = encodeLink(state, presets);
  return {
    title: scenarioTitle(state, presets),
    link: `${baseUrl}#${fragment}`,
    stateHash: stateHash(fragment),
    modelVersion: MODEL_VERSION,
    date: localDate(now),
    assumptions: assumptionsOf(state),
  };
}


/**
 * The current scenario as a file should carry it. An edited preset still has
 * the preset's title and summary, which describe the preset: the file gets
 * the title the app shows ("… (edited)") and a summary that says so.
 */
export function scenarioForFile(state: AppState, presets?: readonly Scenario[]): Scenario {
  const preset = findPreset(state.presetId, presets);
  if (!preset || state.scenario.title !== preset.title || !isEdited(state, presets)) return state.scenario;
  const summary = `Edited from the preset “${preset.title}”, whose summary follows. ${state.scenario.summary}`.trim().slice(0, 5000);
  return { ...state.scenario, title: scenarioTitle(state, presets), summary };
}

/** "Interpretation: Deprioritized · Response: Free hits · Policy: Reverse on trigger · Horizon: 24 months · Runs: 1,000 · Seed: "x" · Noise: on" */
export function assumptionsLine(a: Assumptions): string {
  return [
    `Interpretation: ${a.interpretation}`,
    `Response: ${a.response}`,
    `Policy: ${a.policy}`,
    `Horizon: ${a.horizonMonths} months`,
    ...(a.computedFrom ? [a.computedFrom] : [`Runs: ${a.runs.toLocaleString('en-US')}`, `Seed: "${a.seed}"`, `Noise: ${a.noise ? 'on' : 'off'}`]),
  ].join(' · ');
}

/** A citation: title, date, link and state hash. */
export function citationText(ctx: ExportContext): string {
  return `Stand-Down (model ${ctx.modelVersion}; a teaching model, not a forecast), “${ctx.title}”, ${ctx.date}. ${ctx.link} (state ${ctx.stateHash})`;
}

/** Longest link a printed citation carries whole: a longer one (a scenario with many injects) is cut on paper. */
export const PRINTED_LINK_MAX = 600;

/**
 * The citation as printed: a link too long to type from paper (4,400
 * characters for an exercise script, a page of base64) is cut, and the
 * state hash, which identifies the view, says which one it was.
 */
export function printedCitation(ctx: ExportContext, max = PRINTED_LINK_MAX): string {
  if (ctx.link.length <= max) return citationText(ctx);
  const cut = `${ctx.link.slice(0, 120)}… (a link of ${ctx.link.length.toLocaleString('en-US')} characters, shortened on paper; the app's Share link gives it whole)`;
  return citationText({ ...ctx, link: cut });
}

// ───────────────────────── CSV ─────────────────────────



/** A number for CSV: at most 10 significant digits (no float noise), empty when not finite. */
export function csvNumber(x: number | null | undefined): string {
  return typeof x === 'number' && Number.isFinite(x) ? String(Number(x.toPrecision(10))) : '';
}

/** One CSV field (RFC 4180): text is neutralised, then quoted when it holds a comma, quote or line break. */
export function csvField(value: string | number | null | undefined): string {
  if (typeof value === 'number' || value === null || value === undefined) return csvNumber(value as number | null | undefined);
  const text = neutralizeFormula(String(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV text with CRLF line ends (RFC 4180). */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

const BAND_KEYS = ['p5', 'p25', 'p50', 'p75', 'p95', 'mean'] as const;

/** Every banded series of a summary, by name: the summary's series, the no-pause baseline and the pause effect. */
export function summaryBands(summary: EnsembleSummary): [string, Band][] {
  return [
    ...Object.entries(summary.series),
    ['baseline.composite', summary.baseline.composite],
    ['pauseEffect.composite', summary.pauseEffect.series.composite],
    ['pauseEffect.cost', summary.pauseEffect.series.cost],
  ];
}

/** The lines that open every CSV export: "# key", "value" rows a reader (or pandas' comment='#') can skip. */
export function provenanceRows(ctx: ExportContext, what: string): string[][] {
  const a = ctx.assumptions;
  return [
    [`# ${what}`, CAVEAT],
    ['# scenario', ctx.title],
    ['# link', ctx.link],
    ['# state', ctx.stateHash],
    ['# model version', ctx.modelVersion],
    ['# exported', ctx.date],
    ['# assumptions', assumptionsLine(a)],
    ...(a.changed.length ? [['# changed parameters', a.changed.join('; ')]] : []),
  ];
}

/**
 * The ensemble summary as CSV, one row per month and series with its
 * percentiles (long format), after the provenance lines.
 */
/** What the summary CSV's months and series measure, in its own "# units" line. */
export const SUMMARY_UNITS =
  'month: months since the pause began (0 = before it); composite, perceived, threat.*, baseline.composite: threat index 0–100 (50 = before the pause); ' +
  'incidents.*: reported incidents in that month; cost: direct cost in that month, US$ million (a rough upper bound); ' +
  'coverage: intelligence coverage 0–1; blindSpots: 1 − coverage; adversary, criminal: Russian state and criminal activity (1 = before the pause); ' +
  "vigilance: share of attacks companies' extra effort blocks 0–1; alliedConfidence: 0–100 (70 = before the pause); " +
  'pauseEffect.*: scenario minus baseline, run by run; p5 … p95: percentiles over the runs; ' +
  'probReversedBy, probReengagedBy: share of runs in which the reversal was decided, or operations had resumed, by that month; probHighOrWorse: share of runs with composite ≥ 60 in that month (each in the mean column); ' +
  'rows with no month: whole-run numbers over months 1 … horizon (the key numbers): run.cumulativeIncidents.*, run.cumulativeCost (US$ million), run.peakComposite, ' +
  'run.monthsHighOrWorse (months with composite ≥ 60), run.reversalMonth (among runs that reverse), run.neverReversed (share of runs, in the mean column), and pauseEffect.run.*';

/** The whole-run distributions of one side (the scenario, or the pause effect), named as the CSV names them. */
function runDists(prefix: string, s: ScalarSummary): [string, Dist][] {
  return [
    ...SECTOR_IDS.map((k): [string, Dist] => [`${prefix}.cumulativeIncidents.${k}`, s.cumulativeIncidents[k]]),
    [`${prefix}.cumulativeIncidents.total`, s.cumulativeIncidents.total],
    [`${prefix}.cumulativeCost`, s.cumulativeCost],
    [`${prefix}.peakComposite`, s.peakComposite],
    [`${prefix}.monthsHighOrWorse`, s.monthsHighOrWorse],
  ];
}

export function summaryCsv(summary: EnsembleSummary, ctx: ExportContext): string {
  const rows: (string | number)[][] = [...provenanceRows(ctx, 'Ensemble summary'), ['# units', SUMMARY_UNITS], ['month', 'series', ...BAND_KEYS]];
  const bands = summaryBands(summary);
  const shares: [string, number[]][] = [
    ['probReversedBy', summary.probReversedBy],
    ['probReengagedBy', summary.probReengagedBy],
    ['probHighOrWorse', summary.probHighOrWorse],
  ];
  const share = (name: string, x: number): (string | number)[] => [name, '', '', '', '', '', x];
  for (let m = 0; m <= summary.horizonMonths; m++) {
    for (const [name, band] of bands) rows.push([m, name, ...BAND_KEYS.map((k) => band[k]?.[m] ?? NaN)]);
    for (const [name, p] of shares) rows.push([m, ...share(name, p[m])]);
  }
  // The key numbers: whole-run distributions, with an empty month (NaN in a spreadsheet or pandas, so the column stays numeric).
  const { reversalMonth, ...scenario } = summary.scalars;
  for (const [name, d] of [...runDists('run', scenario), ['run.reversalMonth', reversalMonth] as [string, Dist], ...runDists('pauseEffect.run', summary.pauseEffect.scalars)]) {
    rows.push(['', name, ...BAND_KEYS.map((k) => d[k])]);
  }
  rows.push(['', ...share('run.neverReversed', reversalMonth.probNever)]);
  return toCsv(rows);
}

// ───────────────────────── JSON ─────────────────────────

/** The full-results export. */
export interface ResultsExport {
  format: 'stand-down-results';
  formatVersion: 1;
  caveat: typeof CAVEAT;
  modelVersion: string;
  exported: string;
  title: string;
  link: string;
  state: string;
  assumptions: Assumptions;
  scenario: ReturnType<typeof scenarioToFile>;
  ensemble: { runs: number; seed: string; noise: boolean };
  expectedPath: Run | null;
  summary: EnsembleSummary | null;
}

/** The full results: summary, expected path, the scenario in file shape, link and versions. */
export function resultsExport(state: AppState, ctx: ExportContext, run: Run | null, summary: EnsembleSummary | null): ResultsExport {
  return {
    format: 'stand-down-results',
    formatVersion: 1,
    caveat: CAVEAT,
    modelVersion: ctx.modelVersion,
    exported: ctx.date,
    title: ctx.title,
    link: ctx.link,
    state: ctx.stateHash,
    assumptions: ctx.assumptions,
    scenario: scenarioToFile(scenarioForFile(state)),
    ensemble: { ...state.ensemble },
    expectedPath: run,
    summary,
  };
}

/** JSON text of an export; numbers that JSON cannot hold (NaN, ±Infinity) become null. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2);
}

// ───────────────────────── SVG caption ─────────────────────────

/** Text safe inside XML: markup characters escaped, characters XML cannot hold removed. */
export function escapeXml(text: string): string {
  return (
    String(text)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** Break text into lines of at most `width` characters, at spaces where possible. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (line) lines.push(line);
      line = '';
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!line) line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Link lines at most in a chart caption; a longer link is cut and the caption points to the JSON export. */
export const MAX_LINK_LINES = 10;

/** The caption lines added under an exported chart. */
export function captionLines(chartTitle: string, ctx: ExportContext, width = 110): string[] {
  const a = ctx.assumptions;
  const linkLines = wrapText(ctx.link, width);
  const shownLink = linkLines.length > MAX_LINK_LINES ? [...linkLines.slice(0, MAX_LINK_LINES - 1), `${linkLines[MAX_LINK_LINES - 1].slice(0, width - 1)}…`] : linkLines;
  return [
    ...wrapText(`${chartTitle} — ${ctx.title}`, width),
    ...wrapText(assumptionsLine(a), width),
    ...(a.changed.length ? wrapText(`Changed: ${a.changed.join('; ')}`, width).slice(0, 3) : []),
    ...shownLink,
    ...(linkLines.length > MAX_LINK_LINES ? ['(link shortened here; the full link is in the JSON and CSV exports)'] : []),
    `State ${ctx.stateHash} · model ${ctx.modelVersion} · ${ctx.date} · ${CAVEAT}`,
  ];
}

export interface ExportSvgInput {
  /** The chart's own <svg> element, serialised, with its styles inlined. */
  chart: string;
  /** Size of the chart in px. */
  width: number;
  height: number;
  lines: string[];
  /** Colours and font (resolved, not CSS variables). */
  background: string;
  textColor: string;
  fontFamily: string;
  /** The chart's legend, laid out as SVG markup (x from 0, y from 0), and its height: drawn between chart and caption. */
  legend?: { markup: string; height: number };
}

export const CAPTION_LINE_HEIGHT = 15;
export const CAPTION_FONT_SIZE = 11;

/** A standalone SVG document: the chart, then its caption lines below it. */
export function buildExportSvg(input: ExportSvgInput): string {
  const w = Math.max(1, Math.round(input.width));
  const legendHeight = input.legend ? Math.round(input.legend.height) : 0;
  const chartHeight = Math.max(1, Math.round(input.height));
  const top = chartHeight + legendHeight;
  const captionHeight = input.lines.length * CAPTION_LINE_HEIGHT + 14;
  const h = top + captionHeight;
  const legend = input.legend
    ? `<g transform="translate(8 ${chartHeight + 4})" font-family="${escapeXml(input.fontFamily)}" font-size="${CAPTION_FONT_SIZE}" fill="${escapeXml(input.textColor)}">${input.legend.markup}</g>`
    : '';
  const text = input.lines
    .map((line, i) => `<text x="8" y="${top + 12 + (i + 1) * CAPTION_LINE_HEIGHT - 4}"${i === 0 ? ' font-weight="700"' : ''}>${escapeXml(line)}</text>`)
    .join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<rect x="0" y="0" width="${w}" height="${h}" fill="${escapeXml(input.background)}"/>` +
    input.chart +
    legend +
    `<g font-family="${escapeXml(input.fontFamily)}" font-size="${CAPTION_FONT_SIZE}" fill="${escapeXml(input.textColor)}">${text}</g>` +
    `</svg>`
  );
}

/** Text for one line of a YAML comment: line breaks become spaces. */
export function commentLine(text: string): string {
  return String(text).replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/** A scenario's YAML with the provenance as leading comments (parsers ignore them). */
export function scenarioYamlText(yaml: string, ctx: ExportContext): string {
  const a = ctx.assumptions;
  // A scenario file has no ensemble settings (an import runs with the app's own): the comment says which
  // gave the exported numbers; the link above reproduces them exactly.
  const ensemble = `Ensemble when exported: ${a.runs.toLocaleString('en-US')} runs, seed "${commentLine(a.seed)}", incident noise ${a.noise ? 'on' : 'off'} (not part of the scenario; the link above carries them)`;
  return `# ${commentLine(ctx.title)}\n# ${commentLine(ctx.link)}\n# Stand-Down model ${commentLine(ctx.modelVersion)}, exported ${commentLine(ctx.date)}; a teaching model, not a forecast\n# ${ensemble}\n${yaml}`;
}

/** A file name from a title: lower-case words joined by hyphens, with the date. */
export function exportFileName(title: string, date: string, extension: string): string {
  const slug =
    title
      .normalize('NFKD')
      .replace(/([A-Za-z])\p{M}+/gu, '$1') // accents off Latin letters; other scripts' letters kept whole
      .toLowerCase()
      .replace(/([a-z])\p{M}+/gu, '$1') // lower-casing can add one too ('İ' gives 'i' and a dot)
      .normalize('NFC')
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '');
  // Cut by characters, not UTF-16 units, so a letter outside the basic plane is never split in half.
  const cut = Array.from(slug).slice(0, 60).join('').replace(/-+$/, '') || 'stand-down';
  return `stand-down-${cut}-${date}.${extension}`;
}
