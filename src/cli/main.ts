/**
 * The command line (`npx stand-down`). It builds the same app state the
 * browser would (presets, share links and edits come from src/state and
 * src/share) and runs the same engine, so a link and a seed give the same
 * numbers here as in the app.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runEnsemble } from '../model/ensemble';
import { EnsembleThreads } from './ensembleThreads';
import { simulate } from '../model/simulate';
import { MODEL_VERSION, PARAM_BY_ID, roundInteger } from '../model/parameters';
import type { EnsembleSummary, Run } from '../model/types';
import { MAX_TEXT_LENGTH } from '../scenario/parse';
import { NOT_UTF8, decodeUtf8 } from '../scenario/decode';
import { parseScenarioText } from '../scenario/parseText';
import { exportContext, resultsExport, summaryCsv, toCsv, toJsonText } from '../share/export';
import { applyEdit, initialState, setHorizon, setNoise, setParameterMode, setRuns, setSeed, type Edit } from '../state/edits';
import { APP_PRESETS, findPreset } from '../state/presets';
import { stateFromLink } from '../state/startup';
import type { AppState } from '../state/types';

export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** A mistake in what the user asked for: printed without a stack trace, exit code 2. */
class UsageError extends Error {}

const USAGE = `stand-down — the Stand-Down engine on the command line (model ${MODEL_VERSION}; a teaching model, not a forecast)

Usage:
  stand-down run   [scenario] [options]     one ensemble; CSV (default) or JSON
  stand-down sweep [scenario] --grid id=v1,v2,… [--grid …] [options]
                                           one ensemble per grid point; a CSV row each
  stand-down presets                       list the preset scenarios

Scenario (one of; default: the app's default preset):
  --preset ID          a preset from scenarios/ (see "stand-down presets")
  --file PATH          a scenario file (YAML or JSON)
  --link LINK          exactly what a share link shows (the part after '#', or the whole URL)

Options:
  --set id=value       move a parameter's most likely value, as the app's slider does (repeatable)
  --runs N             ensemble members, 100–100000 (default 1000, or the link's)
  --seed TEXT          random seed (default "stand-down", or the link's)
  --noise / --no-noise Poisson incident counts on or off (default on, or the link's)
  --horizon MONTHS     6–60
  --threads N          split each ensemble across N threads, 1–16 (default 1); the numbers are
                       the same, only quicker on several cores (1.2–1.6× with 2)
  --format csv|json    output format (run; default csv)
  --out PATH           write to a file instead of stdout
  --quiet              no progress on stderr
  --help
`;

/** Apply an edit; a refusal becomes a usage error naming the option. */
function edit(state: AppState, e: Edit, option: string): AppState {
  const { state: next, error } = applyEdit(state, e);
  // The app keeps the old value ("; kept 1,000"); here nothing runs, so that part would mislead.
  if (error) throw new UsageError(`${option}: ${error.replace(/; kept [^;]*$/, '')}`);
  return next;
}

function parseNumber(text: string, option: string): number {
  // Decimal notation only, as the app and links read numbers ("0x3E8" is not 1000 there either).
  const x = Number(text);
  if (!/^\s*-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(text) || !Number.isFinite(x)) throw new UsageError(`${option}: "${text}" is not a number`);
  return x;
}

/** What a run should tell the person but that does not stop it (printed on stderr, even with --quiet). */
let warnings: string[] = [];

/** The state a run starts from: a link, a file or a preset, then the options on top. */
function buildState(values: Record<string, string | boolean | string[] | undefined>): AppState {
  const sources = ['preset', 'file', 'link'].filter((k) => values[k] !== undefined);
  if (sources.length > 1) throw new UsageError(`give only one of --preset, --file and --link (got ${sources.map((s) => `--${s}`).join(', ')})`);
  let state: AppState;
  if (typeof values.link === 'string') {
    const hash = values.link.includes('#') ? values.link.slice(values.link.indexOf('#')) : values.link;
    const decoded = stateFromLink(hash);
    // The Analyse view's settings do not change a run: their problems are warnings here, as the app's banner is.
    const analysis = decoded.problems.filter((p) => p.startsWith('Analysis settings:'));
    const problems = decoded.problems.filter((p) => !analysis.includes(p));
    if (problems.length) throw new UsageError(`--link: ${problems.join(' ')}`);
    for (const note of [decoded.versionNotice, ...analysis]) if (note) warnings.push(`--link: ${note}`);
    state = decoded.state;
  } else if (typeof values.file === 'string') {
    let text: string;
    try {
      // A scenario file is at most a million characters (4 bytes each at most): a larger one is not read whole first.
      const info = statSync(values.file);
      // A device or a pipe (/dev/zero) has no size to check: only regular files are read.
      if (!info.isFile()) throw new UsageError(`--file: ${values.file} is not a regular file`);
      const size = info.size;
      if (size > 4 * MAX_TEXT_LENGTH) throw new UsageError(`--file: ${values.file} is ${size.toLocaleString('en-US')} bytes; a scenario file is at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')} characters`);
      const decoded = decodeUtf8(readFileSync(values.file));
      if (decoded === null) throw new UsageError(`--file: ${values.file}: ${NOT_UTF8}`);
      text = decoded;
      if (text.length > MAX_TEXT_LENGTH) throw new UsageError(`--file: ${values.file} is ${text.length.toLocaleString('en-US')} characters long; a scenario file is at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')}`);
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--file: cannot read ${values.file} (${(err as Error).message})`);
    }
    const parsed = parseScenarioText(text, { source: values.file });
    if (!parsed.ok) {
      const lines = parsed.errors.map((e) => `  ${values.file}${e.line ? `:${e.line}` : ''}: ${e.message}`);
      throw new UsageError(`--file: the scenario is not valid:\n${lines.join('\n')}`);
    }
    state = { ...initialState(), scenario: parsed.value, presetId: parsed.value.id };
  } else {
    const id = typeof values.preset === 'string' ? values.preset : undefined;
    if (id !== undefined && !findPreset(id)) throw new UsageError(`--preset: unknown preset "${id}"; run "stand-down presets" for the list`);
    state = initialState(id);
  }
  if (typeof values.horizon === 'string') state = edit(state, setHorizon(parseNumber(values.horizon, '--horizon')), '--horizon');
  for (const assignment of (values.set as string[] | undefined) ?? []) {
    const [id, value] = splitAssignment(assignment, '--set');
    state = edit(state, setParameterMode(id, parseNumber(value, `--set ${id}`)), `--set ${id}`);
  }
  if (typeof values.runs === 'string') state = edit(state, setRuns(parseNumber(values.runs, '--runs')), '--runs');
  if (typeof values.seed === 'string') state = edit(state, setSeed(values.seed), '--seed');
  if (values.noise === true) state = edit(state, setNoise(true), '--noise');
  if (values['no-noise'] === true) state = edit(state, setNoise(false), '--no-noise');
  return state;
}

function splitAssignment(text: string, option: string): [string, string] {
  const i = text.indexOf('=');
  if (i <= 0) throw new UsageError(`${option}: expected id=value, got "${text}"`);
  const id = text.slice(0, i);
  if (!PARAM_BY_ID.has(id)) throw new UsageError(`${option}: unknown parameter "${id}"`);
  return [id, text.slice(i + 1)];
}

/** Helper threads for --threads (null: one thread). */
let threads: EnsembleThreads | null = null;

/** Run the state's ensemble with progress on stderr when it takes a while (one thread only). */
function ensembleOf(state: AppState, io: CliIo, quiet: boolean, label = ''): EnsembleSummary {
  if (threads) return threads.run(state.scenario, { runs: state.ensemble.runs, seed: state.ensemble.seed, noise: state.ensemble.noise });
  const started = Date.now();
  let last = 0;
  return runEnsemble(state.scenario, { runs: state.ensemble.runs, seed: state.ensemble.seed, noise: state.ensemble.noise }, (done, total) => {
    const now = Date.now();
    if (!quiet && now - started > 1000 && now - last > 500) {
      last = now;
      // Large ensembles report fractions of a month as their members are stepped in turns: whole months are enough here.
      io.stderr.write(`${label}month ${Math.floor(done)} of ${total}…\n`);
    }
  });
}

/**
 * Files name their link as the fragment alone ("#v=1&…"): the command line
 * does not know where the app is hosted, and put after the app's address the
 * fragment opens the same view.
 */
const LINK_BASE = '';

function output(text: string, out: string | undefined, io: CliIo, csv: boolean): void {
  if (!out) {
    io.stdout.write(text);
    return;
  }
  try {
    // A CSV file starts with a byte-order mark, as the app's downloads do: a spreadsheet then reads "≥", "–" and "·" as UTF-8.
    // Standard output stays plain, for pipes.
    writeFileSync(out, csv && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text);
  } catch (err) {
    throw new UsageError(`--out: cannot write ${out} (${(err as Error).message})`);
  }
}

/** Refuse an --out that cannot be written before the ensembles run, not after, or that would overwrite the --file read. */
function checkOut(out: unknown, file: unknown): void {
  if (typeof out !== 'string') return;
  if (typeof file === 'string' && resolve(out) === resolve(file)) throw new UsageError(`--out: ${out} is the scenario file being read (--file); give another name`);
  const stat = (p: string) => {
    try {
      return statSync(p);
    } catch {
      return null;
    }
  };
  if (stat(out)?.isDirectory()) throw new UsageError(`--out: ${out} is a folder; give a file name`);
  const folder = dirname(resolve(out));
  if (!stat(folder)?.isDirectory()) throw new UsageError(`--out: the folder ${folder} does not exist`);
}

/** The options each command takes; any other is refused rather than silently ignored. */
const SCENARIO_OPTIONS = ['preset', 'file', 'link', 'set', 'runs', 'seed', 'noise', 'no-noise', 'horizon', 'out', 'quiet', 'threads'];
const COMMAND_OPTIONS: Record<string, ReadonlySet<string>> = {
  run: new Set([...SCENARIO_OPTIONS, 'format']),
  sweep: new Set([...SCENARIO_OPTIONS, 'grid']),
  presets: new Set(),
};

function checkOptions(command: string, values: Record<string, unknown>): void {
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) return;
  const extra = Object.keys(values).filter((k) => values[k] !== undefined && k !== 'help' && !allowed.has(k));
  if (extra.length) throw new UsageError(`${extra.map((k) => `--${k}`).join(', ')} ${extra.length > 1 ? 'do' : 'does'} not apply to "${command}"`);
}

function runCommand(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): void {
  const state = buildState(values);
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError(`--format: "${format}" is not csv or json`);
  const run: Run = simulate(state.scenario);
  const summary = ensembleOf(state, io, values.quiet === true);
  const ctx = exportContext(state, LINK_BASE, APP_PRESETS);
  const text = format === 'csv' ? summaryCsv(summary, ctx) : `${toJsonText(resultsExport(state, ctx, run, summary))}\n`;
  output(text, values.out as string | undefined, io, format === 'csv');
}

/** Every combination of the grid's values, in order. */
function gridPoints(grid: [string, number[]][]): Record<string, number>[] {
  return grid.reduce<Record<string, number>[]>((points, [id, xs]) => points.flatMap((p) => xs.map((x) => ({ ...p, [id]: x }))), [{}]);
}

function sweepCommand(values: Record<string, string | boolean | string[] | undefined>, io: CliIo): void {
  const specs = (values.grid as string[] | undefined) ?? [];
  if (specs.length === 0) throw new UsageError('sweep needs at least one --grid id=v1,v2,…');
  const grid = specs.map((spec): [string, number[]] => {
    const [id, list] = splitAssignment(spec, '--grid');
    const xs = list.split(',').map((t) => parseNumber(t, `--grid ${id}`));
    return [id, xs];
  });
  const points = gridPoints(grid);
  if (points.length > 1000) throw new UsageError(`--grid: ${points.length} points; at most 1000`);
  const base = buildState(values);
  const H = base.scenario.horizonMonths;
  const ids = grid.map(([id]) => id);
  const rows: (string | number)[][] = [
    [...ids, 'composite_p50_end', 'composite_p5_end', 'composite_p95_end', 'peak_composite_p50', 'months_high_or_worse_p50',
      'incidents_total_p50', 'incidents_total_p5', 'incidents_total_p95', 'cost_musd_p50', 'pause_effect_incidents_p50', 'p_reversed_by_end'],
  ];
  // Whole-number parameters are rounded (MODEL.md section 4): a row names the value used, and the person is told.
  const used = (id: string, x: number) => (PARAM_BY_ID.get(id)!.domain.integer ? roundInteger(x) : x);
  for (const [id, xs] of grid) {
    for (const x of new Set(xs)) if (used(id, x) !== x) warnings.push(`--grid ${id}: ${x} is used as ${used(id, x)} (a whole number)`);
  }
  // Every point checked before the first ensemble runs: a bad value at the end of a long sweep wasted it all.
  const states = points.map((point) => ids.reduce((state, id) => edit(state, setParameterMode(id, point[id]), `--grid ${id}`), base));
  points.forEach((point, k) => {
    const state = states[k];
    if (values.quiet !== true) io.stderr.write(`point ${k + 1} of ${points.length}: ${ids.map((id) => `${id}=${used(id, point[id])}`).join(', ')}\n`);
    const s = ensembleOf(state, io, true);
    const c = s.series.composite;
    rows.push([
      ...ids.map((id) => used(id, point[id])), c.p50[H], c.p5[H], c.p95[H], s.scalars.peakComposite.p50, s.scalars.monthsHighOrWorse.p50,
      s.scalars.cumulativeIncidents.total.p50, s.scalars.cumulativeIncidents.total.p5, s.scalars.cumulativeIncidents.total.p95,
      s.scalars.cumulativeCost.p50, s.pauseEffect.scalars.cumulativeIncidents.total.p50, s.probReversedBy[H],
    ]);
  });
  output(toCsv(rows), values.out as string | undefined, io, true);
}

/** Run the command line; returns the exit code (0 fine, 2 bad input, 1 anything else). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        preset: { type: 'string' }, file: { type: 'string' }, link: { type: 'string' },
        set: { type: 'string', multiple: true }, grid: { type: 'string', multiple: true },
        runs: { type: 'string' }, seed: { type: 'string' }, noise: { type: 'boolean' }, 'no-noise': { type: 'boolean' },
        horizon: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' },
        quiet: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, threads: { type: 'string' },
      },
    });
    const command = positionals[0];
    if (values.help || !command) {
      io.stdout.write(USAGE);
      return command || values.help ? 0 : 2;
    }
    if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`);
    checkOptions(command, values);
    checkOut(values.out, values.file);
    if (typeof values.threads === 'string') {
      const n = parseNumber(values.threads, '--threads');
      if (!Number.isInteger(n) || n < 1 || n > 16) throw new UsageError(`--threads: expected a whole number from 1 to 16, got "${values.threads}"`);
      if (n > 1 && command !== 'presets') threads = await EnsembleThreads.start(n);
    }
    if (command === 'run') runCommand(values, io);
    else if (command === 'sweep') sweepCommand(values, io);
    else if (command === 'presets') io.stdout.write(APP_PRESETS.map((p) => `${p.id}\t${p.title}`).join('\n') + '\n');
    else throw new UsageError(`unknown command "${command}"; use run, sweep or presets`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`stand-down: ${(err as Error).message}\n(stand-down --help for usage)\n`);
      return 2;
    }
    io.stderr.write(`stand-down: ${(err as Error).message ?? String(err)}\n`);
    return 1;
  } finally {
    for (const w of warnings) io.stderr.write(`stand-down: note: ${w}\n`);
    warnings = [];
    await threads?.close();
    threads = null;
  }
}
