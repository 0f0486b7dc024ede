/**
 * The share-link codec. The URL fragment (never sent to a server) carries
 * the whole view: preset id (or an embedded custom scenario), only the
 * parameters that differ from the preset, policy, seed, ensemble size,
 * horizon, pinned comparisons and the selected view, plus the link format
 * version `v` and the model version `m`.
 *
 *   #v=1&m=1.0&s=deprioritized-free-hits&escalationCeiling=1.5&seed=42
 *
 * Readable when short; when the lz-string compressed form (`z=`) is
 * shorter, that is used. Decoding never throws: every field is checked on
 * its own, a bad one is dropped with a message that names it, and the rest
 * of the link still applies.
 */
import LZString from 'lz-string';
import {
  ENSEMBLE,
  HORIZON,
  INTERPRETATION_IDS,
  MODEL_VERSION,
  PARAMETERS,
  PARAM_BY_ID,
  POLICY_KINDS,
  RESPONSE_IDS,
  SECTOR_IDS,
  defaultRange,
  describeDomain,
  describeNumberDomain,
  inDomain,
  roundInteger,
  shiftMode,
  type Range,
  type SectorId,
} from '../model/parameters';
import type { Scenario } from '../model/types';
import { URL_KEYS as ANALYSIS_URL_KEYS, decodeAnalysisSettings, defaultAnalysisSettings, encodeAnalysisSettings } from '../analysis/settings';
import { hasDirectionControls, withoutDirectionControls } from '../scenario/directionControls';
import { firstProblems } from '../scenario/messages';
import { parseScenario } from '../scenario/parse';
import { scenarioToFile } from '../scenario/serialize';
import { MAX_PINNED, MAX_PIN_LABEL, RUNS, SEED, VIEWS, type AppState, type PinnedScenario, type View } from '../state/types';

/** The link format this code writes. */
export const LINK_VERSION = 1;
/** Links longer than this are offered as a file instead. */
export const LINK_FILE_THRESHOLD = 2000;
/** Fragments longer than this are refused unread. */
export const MAX_FRAGMENT_LENGTH = 200_000;

/** The part of the app state a link carries. */
export type SharedState = Pick<AppState, 'scenario' | 'presetId' | 'ensemble' | 'pinned' | 'view' | 'explainTarget' | 'analysis'>;

export interface DecodedLink {
  state: SharedState;
  /** What was wrong with the link, one sentence each, naming the field. Empty when all was well. */
  problems: string[];
  /** Model version the link was made with (null when it did not say). */
  modelVersion: string | null;
  linkVersion: number | null;
  /** True when nothing of the link could be read (too long, a newer format, damaged z=): `state` is the fallback. */
  unread?: boolean;
}

/** Migrations: each takes a link of version n and returns one of version n + 1. */
export const MIGRATIONS: Record<number, (params: URLSearchParams) => URLSearchParams> = {};

// ───────────────────────── encoding ─────────────────────────

const num = (x: number) => String(x);

function rangeEquals(a: Range, b: Range): boolean {
  return a.low === b.low && a.mode === b.mode && a.high === b.high;
}

/** The narrative and inject content of a scenario: when it differs from the preset's, the scenario is embedded whole. */
function contentKey(s: Scenario): string {
  return JSON.stringify([s.id, s.title, s.summary, s.quotes, s.injects, s.exercise ?? null]);
}

/** A scenario as link fields: its preset and what differs from it, or the whole scenario embedded. */
export function scenarioFields(scenario: Scenario, presetId: string, presets: readonly Scenario[]): [string, string][] {
  const preset = presets.find((p) => p.id === presetId);
  if (!preset || contentKey(preset) !== contentKey(scenario)) {
    return [['c', LZString.compressToEncodedURIComponent(JSON.stringify(scenarioToFile(scenario)))]];
  }
  const out: [string, string][] = [['s', preset.id]];
  if (scenario.interpretation !== preset.interpretation) out.push(['i', scenario.interpretation]);
  if (scenario.response !== preset.response) out.push(['r', scenario.response]);
  if (scenario.policy.kind !== preset.policy.kind) out.push(['p', scenario.policy.kind]);
  if (scenario.horizonMonths !== preset.horizonMonths) out.push(['h', num(scenario.horizonMonths)]);
  for (const def of PARAMETERS) {
    const own = scenario.parameters[def.id] ?? defaultRange(def, scenario.interpretation);
    const base = presetRange(preset, def.id, scenario.interpretation);
    if (rangeEquals(own, base)) continue;
    const shifted = shiftMode(def, base, own.mode);
    out.push([def.id, rangeEquals(own, shifted) ? num(own.mode) : `${num(own.low)}~${num(own.mode)}~${num(own.high)}`]);
  }
  return out;
}

/** The range a preset gives a parameter when read under an interpretation (its override applies only under its own). */
function presetRange(preset: Scenario, id: string, interpretation: Scenario['interpretation']): Range {
  const def = PARAM_BY_ID.get(id)!;
  const own = preset.parameters[id];
  if (own && (!def.byInterpretation || preset.interpretation === interpretation)) return own;
  return defaultRange(def, interpretation);
}

/** The readable form of a state's link (without the leading '#'). */
function readableFields(state: SharedState, presets: readonly Scenario[]): [string, string][] {
  const fields = scenarioFields(state.scenario, state.presetId, presets);
  const e = state.ensemble;
  if (e.runs !== RUNS.default) fields.push(['n', num(e.runs)]);
  if (e.seed !== SEED.default) fields.push(['seed', e.seed]);
  fields.push(['noise', e.noise ? '1' : '0']);
  if (state.view !== 'explore') fields.push(['view', state.view]);
  const x = state.explainTarget;
  fields.push(['x', `${x.month}.${x.target}`]);
  // Analyst tools' settings travel as a.* fields, only where they differ from the defaults.
  for (const entry of encodeAnalysisSettings(state.analysis ?? defaultAnalysisSettings())) fields.push(entry);
  for (const pin of state.pinned) {
    const pinFields = scenarioFields(pin.scenario, pin.scenario.id, presets);
    pinFields.push(['l', pin.label]);
    fields.push(['pin', new URLSearchParams(pinFields).toString()]);
  }
  return fields;
}

/** The fragment (without '#') for a state: versions first, then the readable or the compressed form, whichever is shorter. */
export function encodeLink(state: SharedState, presets: readonly Scenario[]): string {
  const head = `v=${LINK_VERSION}&m=${encodeURIComponent(MODEL_VERSION)}`;
  const body = new URLSearchParams(readableFields(state, presets)).toString();
  const compressed = `z=${LZString.compressToEncodedURIComponent(body)}`;
  return `${head}&${compressed.length < body.length ? compressed : body}`;
}

/** A short, stable hash of a link, for citations ("state 3f9a1c2e"). */
export function stateHash(fragment: string): string {
  // cyrb53: a well-mixed 53-bit string hash, printed as 10 base-36 digits.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < fragment.length; i++) {
    const ch = fragment.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36).padStart(11, '0').slice(-10);
}

// ───────────────────────── decoding ─────────────────────────

const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Parse a number field strictly: digits only, finite. */
function parseNumber(text: string): number | null {
  if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text.trim())) return null;
  const x = Number(text);
  return Number.isFinite(x) ? x : null;
}

const SCENARIO_KEYS = new Set(['s', 'c', 'i', 'r', 'p', 'h']);

/** Read a scenario from link fields; problems name each field that could not be used. */
export function decodeScenario(
  params: URLSearchParams,
  presets: readonly Scenario[],
  fallback: { scenario: Scenario; presetId: string },
  problems: string[],
  where = '',
): { scenario: Scenario; presetId: string } {
  const embedded = params.get('c');
  if (embedded !== null) {
    let json: string | null = null;
    try {
      json = LZString.decompressFromEncodedURIComponent(embedded);
    } catch {
      json = null;
    }
    let data: unknown = undefined;
    try {
      data = json ? JSON.parse(json) : undefined;
    } catch {
      data = undefined;
    }
    const parsed = data === undefined ? null : parseScenario(data, { source: 'link' });
    // Fields beside it (a hand-edited link: c=…&escalationCeiling=5) change it as they would change a preset.
    if (parsed?.ok) return applyFields(params, parsed.value, parsed.value.id, problems, where);
    const what = parsed
      ? `The embedded scenario is not valid (${firstProblems(parsed.errors, 3)})`
      : 'The embedded scenario (c=) is damaged and could not be read';
    // A preset named beside it (s=) is the next best reading of the link; otherwise the default.
    if (!params.has('s')) {
      problems.push(`${where}${what}; showing the default scenario instead.`);
      return fallback;
    }
    problems.push(`${where}${what}; showing the preset s=${show(params.get('s')!)} instead.`);
  }

  const presetId = params.get('s');
  const preset = presetId === null ? undefined : presets.find((p) => p.id === presetId);
  if (presetId !== null && !preset) problems.push(`${where}Unknown preset s=${show(presetId)}; using "${fallback.presetId}" instead.`);
  const base = preset ?? presets.find((p) => p.id === fallback.presetId) ?? fallback.scenario;
  return applyFields(params, base, base.id, problems, where);
}

/** The link's reading, answer, policy, horizon and parameter fields applied to a copy of `base`. */
function applyFields(params: URLSearchParams, base: Scenario, presetId: string, problems: string[], where: string): { scenario: Scenario; presetId: string } {
  const scenario: Scenario = JSON.parse(JSON.stringify(base));

  const pick = <T extends string>(key: string, allowed: readonly T[], label: string): T | undefined => {
    const raw = params.get(key);
    if (raw === null) return undefined;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${where}Unknown ${label} ${key}=${show(raw)}; allowed: ${allowed.join(', ')}. Kept the preset's ${label}.`);
    return undefined;
  };
  const interpretation = pick('i', INTERPRETATION_IDS, 'interpretation');
  if (interpretation && interpretation !== scenario.interpretation) {
    scenario.interpretation = interpretation;
    // Interpretation-specific overrides belong to the preset's own reading.
    for (const id of Object.keys(scenario.parameters)) if (PARAM_BY_ID.get(id)?.byInterpretation) delete scenario.parameters[id];
  }
  const response = pick('r', RESPONSE_IDS, 'response');
  if (response) scenario.response = response;
  const policy = pick('p', POLICY_KINDS, 'US policy');
  if (policy) scenario.policy = { kind: policy };
  const horizon = params.get('h');
  if (horizon !== null) {
    const h = parseNumber(horizon);
    if (h === null || !Number.isInteger(h) || h < HORIZON.min || h > HORIZON.max) {
      problems.push(`${where}Horizon h=${show(horizon)} is not a whole number of months from ${HORIZON.min} to ${HORIZON.max}; kept ${scenario.horizonMonths}.`);
    } else {
      scenario.horizonMonths = h;
      scenario.injects = scenario.injects.filter((inj) => inj.month <= h);
    }
  }

  for (const [key, raw] of params) {
    const def = PARAM_BY_ID.get(key);
    if (!def) continue;
    const base = scenario.parameters[key] ?? defaultRange(def, scenario.interpretation);
    const parts = raw.split('~');
    if (parts.length === 1) {
      const x = parseNumber(raw);
      const value = x !== null && def.domain.integer ? roundInteger(x) : x;
      if (value === null || !inDomain(value, def.domain)) {
        // Not a number at all ("banana") reads better as such than as out of range.
        const what = value === null ? describeNumberDomain(def.domain) : describeDomain(def.domain);
        problems.push(`${where}${def.label} (${key}=${show(raw)}) must be ${what}; kept ${base.mode}.`);
        continue;
      }
      scenario.parameters[key] = shiftMode(def, base, value);
    } else {
      const xs = parts.map(parseNumber);
      const ok = xs.length === 3 && xs.every((x) => x !== null && inDomain(x, { ...def.domain, integer: false })) && xs[0]! <= xs[1]! && xs[1]! <= xs[2]!;
      if (!ok) {
        problems.push(`${where}${def.label} (${key}=${show(raw)}) must be low~mode~high with low ≤ mode ≤ high, each ${describeDomain(def.domain)}; kept ${base.low}~${base.mode}~${base.high}.`);
        continue;
      }
      scenario.parameters[key] = { low: xs[0]!, mode: def.domain.integer ? roundInteger(xs[1]!) : xs[1]!, high: xs[2]! };
    }
  }
  return { scenario, presetId };
}

const KNOWN_KEYS = new Set(['v', 'm', 'z', 'n', 'seed', 'noise', 'view', 'x', 'pin', 'l', ...SCENARIO_KEYS]);

/** Split a fragment ('#…' or '…') into fields, following migrations up to the current version. */
function readFields(fragment: string, problems: string[]): { params: URLSearchParams; linkVersion: number | null; modelVersion: string | null } | null {
  let text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  if (text.length > MAX_FRAGMENT_LENGTH) {
    problems.push(`The link is too long (${text.length.toLocaleString('en')} characters; at most ${MAX_FRAGMENT_LENGTH.toLocaleString('en')}); it was not read.`);
    return null;
  }
  // Links that passed through HTML mail or a chat app: "&" written as "&amp;", or the whole fragment encoded again.
  if (/&amp;/i.test(text)) {
    text = text.replace(/&amp;/gi, '&');
    problems.push('The link\'s separators had been written as “&amp;” (as some mail programs do); they were read as “&”.');
  }
  if (!text.includes('=') && /%3D/i.test(text)) {
    try {
      text = decodeURIComponent(text);
      problems.push('The link had been encoded twice (“%3D” for “=”); it was decoded once and read.');
    } catch {
      // Not decodable: read as it is, and its fields will be named as unknown.
    }
  }
  let outer: URLSearchParams;
  try {
    outer = new URLSearchParams(text);
  } catch {
    problems.push('The link could not be read as key=value fields.');
    return null;
  }
  const rawVersion = outer.get('v');
  const modelVersion = outer.get('m');
  let version = rawVersion === null ? null : parseNumber(rawVersion);
  if (rawVersion !== null && (version === null || !Number.isInteger(version) || version < 1)) {
    problems.push(`The link's format version v=${show(rawVersion)} is not valid; reading it as version ${LINK_VERSION}.`);
    version = LINK_VERSION;
  }
  if (version !== null && version > LINK_VERSION) {
    problems.push(`The link was made by a newer Stand-Down (link format ${version}; this one reads up to ${LINK_VERSION}); it was not read.`);
    return null;
  }
  const z = outer.get('z');
  let params = outer;
  if (z !== null) {
    let inner: string | null = null;
    try {
      inner = LZString.decompressFromEncodedURIComponent(z);
    } catch {
      inner = null;
    }
    if (!inner) {
      problems.push('The compressed part of the link (z=) is damaged; it was not read.');
      return null;
    }
    text = inner;
    params = new URLSearchParams(inner);
    // Fields beside z= (a hand-edited link: z=…&seed=777) change what it holds, as they would in the readable form.
    const beside = [...outer].filter(([key]) => !['v', 'm', 'z'].includes(key));
    for (const key of new Set(beside.map(([k]) => k))) if (!REPEATABLE.has(key)) params.delete(key);
    for (const [key, value] of beside) params.append(key, value);
  }
  let v = version ?? LINK_VERSION;
  while (v < LINK_VERSION) {
    const migrate = MIGRATIONS[v];
    if (!migrate) {
      problems.push(`Links of format ${v} can no longer be read.`);
      return null;
    }
    params = migrate(params);
    v++;
  }
  return { params: firstOfEach(params, problems), linkVersion: version, modelVersion };
}

/** Fields a link may repeat: one pinned comparison each. */
const REPEATABLE = new Set(['pin']);

/**
 * Keep the first of a repeated field and say so. Some fields were read from
 * their first occurrence and others from every one (the last winning), so a
 * repeated field's message could name one value while another was applied.
 */
function firstOfEach(params: URLSearchParams, problems: string[]): URLSearchParams {
  const seen = new Map<string, number>();
  const kept: [string, string][] = [];
  for (const [key, value] of params) {
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (count === 1 || REPEATABLE.has(key)) kept.push([key, value]);
  }
  const repeated = [...seen].filter(([key, count]) => count > 1 && !REPEATABLE.has(key));
  if (repeated.length === 0) return params;
  for (const [key, count] of repeated.slice(0, 5)) {
    problems.push(`The field ${show(key)} appears ${count} times; the first (${key}=${show(params.get(key) ?? '')}) is used.`);
  }
  return new URLSearchParams(kept);
}

/**
 * Decode a link into a valid state. Never throws. Whatever cannot be used is
 * named in `problems`; `fallback` supplies everything the link does not.
 */
export function decodeLink(fragment: string, presets: readonly Scenario[], fallback: SharedState): DecodedLink {
  const problems: string[] = [];
  try {
    const fields = typeof fragment === 'string' ? readFields(fragment, problems) : null;
    if (!fields) return { state: fallback, problems, modelVersion: null, linkVersion: null, unread: true };
    const { params } = fields;
    const analysisKeys: ReadonlySet<string> = new Set(Object.values(ANALYSIS_URL_KEYS));
    const unknown = [...new Set([...params.keys()].filter((k) => !KNOWN_KEYS.has(k) && !PARAM_BY_ID.has(k) && !analysisKeys.has(k)))];
    if (unknown.length) problems.push(`Unknown link field${unknown.length > 1 ? 's' : ''} ${unknown.slice(0, 5).map(show).join(', ')} ignored.`);
    // Only unknown fields (besides the versions): nothing was applied, and the person may want the link back to mend it.
    if (unknown.length && [...params.keys()].every((k) => unknown.includes(k) || k === 'v' || k === 'm')) {
      return { state: fallback, problems, modelVersion: null, linkVersion: null, unread: true };
    }

    const main = params.has('s') || params.has('c') ? decodeScenario(params, presets, fallback, problems) : { scenario: fallback.scenario, presetId: fallback.presetId };
    if (!params.has('s') && !params.has('c')) {
      // A link with parameters but no scenario applies them to the fallback scenario.
      const onlyParams = new URLSearchParams([...params].filter(([k]) => PARAM_BY_ID.has(k) || ['i', 'r', 'p', 'h'].includes(k)));
      if ([...onlyParams.keys()].length) Object.assign(main, decodeScenario(new URLSearchParams([['s', fallback.presetId], ...onlyParams]), presets, fallback, problems));
    }

    const ensemble = { ...fallback.ensemble };
    const n = params.get('n');
    if (n !== null) {
      const x = parseNumber(n);
      if (x === null || !Number.isInteger(x) || x < RUNS.min || x > Math.min(RUNS.max, ENSEMBLE.maxRuns)) problems.push(`Ensemble size n=${show(n)} must be a whole number from ${RUNS.min} to ${RUNS.max.toLocaleString('en')}; kept ${ensemble.runs}.`);
      else ensemble.runs = x;
    }
    const seed = params.get('seed');
    if (seed !== null) {
      if (seed.length === 0 || seed.length > SEED.maxLength) problems.push(`Seed must be 1 to ${SEED.maxLength} characters; kept "${ensemble.seed}".`);
      else if (hasDirectionControls(seed)) problems.push(`Seed must not hold direction-changing characters (U+202A–202E, U+2066–2069); kept "${ensemble.seed}".`);
      else ensemble.seed = seed;
    }
    const noise = params.get('noise');
    if (noise !== null) {
      if (noise === '1' || noise === '0') ensemble.noise = noise === '1';
      else problems.push(`Incident noise noise=${show(noise)} must be 1 or 0; kept ${ensemble.noise ? 1 : 0}.`);
    }
    let view: View = fallback.view;
    const rawView = params.get('view');
    if (rawView !== null) {
      if ((VIEWS as readonly string[]).includes(rawView)) view = rawView as View;
      else problems.push(`Unknown view view=${show(rawView)}; allowed: ${VIEWS.join(', ')}.`);
    }
    let explainTarget = { ...fallback.explainTarget, month: Math.min(fallback.explainTarget.month, main.scenario.horizonMonths) };
    const x = params.get('x');
    if (x !== null) {
      const m = /^(\d{1,3})\.([a-z-]+)$/.exec(x);
      const month = m ? Number(m[1]) : NaN;
      const target = m?.[2];
      if (!m || month > main.scenario.horizonMonths || !(target === 'composite' || SECTOR_IDS.includes(target as SectorId))) {
        problems.push(`Explain target x=${show(x)} must be month.sector with a month from 0 to ${main.scenario.horizonMonths} and a sector or "composite".`);
      } else explainTarget = { month, target: target as SectorId | 'composite' };
    }
    const pinned: PinnedScenario[] = [];
    params.getAll('pin').forEach((raw, index) => {
      if (pinned.length >= MAX_PINNED) {
        if (index === MAX_PINNED) problems.push(`At most ${MAX_PINNED} pinned scenarios; the rest were ignored.`);
        return;
      }
      const where = `Pinned scenario ${index + 1}: `;
      const pinProblems: string[] = [];
      const pinParams = firstOfEach(new URLSearchParams(raw), pinProblems);
      for (const p of pinProblems) problems.push(`${where}${p.charAt(0).toLowerCase()}${p.slice(1)}`);
      const pinKeys = [...new Set(pinParams.keys())];
      const strange = pinKeys.filter((k) => !SCENARIO_KEYS.has(k) && k !== 'l' && !PARAM_BY_ID.has(k));
      if (strange.length) problems.push(`${where}unknown field${strange.length > 1 ? 's' : ''} ${strange.slice(0, 5).map(show).join(', ')} ignored.`);
      if (!pinKeys.some((k) => SCENARIO_KEYS.has(k) || PARAM_BY_ID.has(k))) {
        // Nothing in it says which scenario: it would only have pinned a copy of the main one.
        problems.push(`${where}${show(raw)} names no scenario; it was not pinned.`);
        return;
      }
      const before = problems.length;
      const pin = decodeScenario(pinParams, presets, main, problems, where);
      if (problems.length > before && !pinParams.has('s') && !pinParams.has('c')) return;
      const label = withoutDirectionControls(pinParams.get('l') ?? pin.scenario.title).slice(0, MAX_PIN_LABEL) || `Pinned ${index + 1}`;
      pinned.push({ id: `pin-${pinned.length + 1}`, label, scenario: pin.scenario });
    });
    let analysis = fallback.analysis;
    if ([...params.keys()].some((k) => k.startsWith('a.'))) {
      const decodedAnalysis = decodeAnalysisSettings(params);
      analysis = decodedAnalysis.value;
      for (const e of decodedAnalysis.errors) problems.push(`Analysis settings: ${e}.`);
    }
    return {
      state: { scenario: main.scenario, presetId: main.presetId, ensemble, pinned, view, explainTarget, ...(analysis ? { analysis } : {}) },
      problems,
      modelVersion: fields.modelVersion,
      linkVersion: fields.linkVersion,
    };
  } catch (err) {
    problems.push(`The link could not be read (${err instanceof Error ? err.message : String(err)}); showing the default view.`);
    return { state: fallback, problems, modelVersion: null, linkVersion: null, unread: true };
  }
}

/** "made with model 1.0, shown with model 1.1", "does not say which model", or null when the versions agree. */
export function modelVersionNotice(linkModelVersion: string | null): string | null {
  // Links the app makes always carry m=; one without it was written or cut by hand, so its model is unknown.
  if (linkModelVersion === null || linkModelVersion === '') {
    const why = linkModelVersion === null ? 'it has no m= field' : 'its m= field is empty';
    return `This link does not say which model it was made with (${why}); it is shown with model ${MODEL_VERSION}, and numbers may differ from the ones its author saw.`;
  }
  if (linkModelVersion === MODEL_VERSION) return null;
  return `This link was made with model ${withoutDirectionControls(linkModelVersion).slice(0, 20)} and is shown with model ${MODEL_VERSION}; numbers may differ from the ones its author saw.`;
}
