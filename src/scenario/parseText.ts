/**
 * Scenario TEXT (YAML or JSON) to a validated Scenario, with line numbers in
 * errors. Kept apart from parse.ts so the YAML parser loads only where text
 * is read (imports, the command line, tests), not on the app's first screen.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import type { Scenario } from '../model/types';
import { scenarioToFile } from './serialize';
import { preview, type Problem } from './messages';
import { errorText } from './sanitize';
import { findExcessiveNesting } from './textDepth';
import {
  MAX_TEXT_LENGTH,
  fail,
  MAX_TEXT_NESTING,
  MAX_YAML_ALIASES,
  finish,
  parseCore,
  sourceOf,
  type Locate,
  type ParseResult,
  type ParseTextOptions,
} from './parse';

/**
 * Parse scenario text (YAML or JSON) and validate it like `parseScenario`.
 * Syntax errors and field errors carry the line they refer to. Never throws.
 */
export function parseScenarioText(text: string, options: ParseTextOptions = {}): ParseResult {
  let locate: Locate | undefined;
  const source = sourceOf(options);
  return finish(() => {
    if (typeof text !== 'string') return fail([], `The scenario text must be a string, but is ${preview(text)}.`);
    if (text.length > MAX_TEXT_LENGTH) {
      return fail(
        [],
        `The scenario text is too long: ${text.length.toLocaleString('en-US')} characters; the limit is ${MAX_TEXT_LENGTH.toLocaleString('en-US')}.`,
      );
    }
    if (text.trim() === '') return fail([], 'The scenario text is empty.');
    const format = options?.format ?? (source?.toLowerCase().endsWith('.json') ? 'json' : 'yaml');
    const read = format === 'json' ? readJson(text) : readYaml(text);
    if (!read.ok) return read;
    locate = read.locate;
    // The app's "Full results (JSON)" carries its scenario in file shape: importing it brings that scenario back
    // (it was refused with fifteen unknown and missing fields).
    if (isResultsFile(read.value)) {
      const inner = read.locate;
      locate = (segments) => inner(['scenario', ...segments]);
      return parseCore(read.value.scenario);
    }
    return parseCore(read.value);
  }, source, () => locate);
}

/** A results file the app exports ("format": "stand-down-results"), with its scenario. */
function isResultsFile(value: unknown): value is { scenario: unknown } {
  return typeof value === 'object' && value !== null && (value as { format?: unknown }).format === 'stand-down-results' && 'scenario' in value;
}

// ---------------------------------------------------------------------------
// Reading text.

type Read = { ok: true; value: unknown; locate: Locate } | { ok: false; problems: Problem[] };

/** YAML syntax errors listed before "… and n more". */
const MAX_SYNTAX_ERRORS = 3;

/** What to do about the YAML mistakes authors make most (by the yaml library's error codes). */
const SYNTAX_HINTS: Partial<Record<string, string>> = {
  BLOCK_AS_IMPLICIT_KEY: '; a value that holds ": " must be in quotes, e.g. title: "Decision: restart now?"',
  TAB_AS_INDENT: '; indent with spaces, not tabs',
  MULTILINE_IMPLICIT_KEY: '; a value that holds ": " must be in quotes, or a key is missing its colon',
  MISSING_CHAR: '; a quoted value must close its quote on the same value',
};

function readYaml(text: string): Read {
  const deep = findExcessiveNesting(text, MAX_TEXT_NESTING);
  if (deep) {
    return {
      ok: false,
      problems: [{ segments: [], message: `The YAML is nested too deeply (more than ${MAX_TEXT_NESTING} levels).`, line: deep.line }],
    };
  }
  const lineCounter = new LineCounter();
  // prettyErrors would quote the offending source line; we add line and column ourselves.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length) {
    const problems: Problem[] = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
      const at = typeof e.pos?.[0] === 'number' ? lineCounter.linePos(e.pos[0]) : undefined;
      const where = at ? ` (line ${at.line}, column ${at.col})` : '';
      // The repeated key as written, up to its colon (the error marks only its first character).
      const key = e.pos ? (/^\s*("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(text.slice(e.pos[0], e.pos[0] + 100))?.[1] ?? '') : '';
      const message =
        e.code === 'MULTIPLE_DOCS'
          ? `The text holds more than one YAML document (separated by "---")${where}; a scenario file holds one.`
          : e.code === 'DUPLICATE_KEY' && key
            ? `The key "${key}" appears twice in the same mapping${where}; keep one.`
            : /call stack/i.test(e.message)
              ? 'The YAML is nested too deeply to read.'
              : `YAML syntax error: ${firstLine(e.message)}${where}${SYNTAX_HINTS[e.code] ?? ''}.`;
      return { segments: [], message, ...(at ? { line: at.line } : {}) };
    });
    // One slip (a tab, a missing quote) can make the parser report many: the first ones say where to look.
    if (doc.errors.length > MAX_SYNTAX_ERRORS) {
      problems.push({ segments: [], message: `… and ${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML errors, often caused by the first; fix it and open the file again.` });
    }
    return { ok: false, problems };
  }
  const locate = yamlLocator(doc, lineCounter);
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }), locate };
  } catch (e) {
    const message = /alias/i.test(errorText(e))
      ? `The YAML uses aliases (*name) too often (more than ${MAX_YAML_ALIASES} expansions); write the values out instead.`
      : `The YAML could not be read (${errorText(e)}).`;
    return { ok: false, problems: [{ segments: [], message }] };
  }
}

function readJson(text: string): Read {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const msg = errorText(e);
    const line = jsonErrorLine(msg, text);
    return { ok: false, problems: [{ segments: [], message: `JSON syntax error: ${msg}`, line }] };
  }
  // JSON is YAML, so the YAML parser can map paths to lines for field errors.
  let locate: Locate = () => undefined;
  try {
    // Absurdly deep JSON is reported by the sanitizer with its path; skip line mapping then.
    if (findExcessiveNesting(text, MAX_TEXT_NESTING)) return { ok: true, value, locate };
    const lineCounter = new LineCounter();
    const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
    // JSON.parse keeps the last of a repeated key without a word; YAML files are refused for it, so JSON is too.
    const repeated = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    if (repeated.length) {
      return {
        ok: false,
        problems: repeated.map((e) => {
          const at = typeof e.pos?.[0] === 'number' ? lineCounter.linePos(e.pos[0]) : undefined;
          const where = at ? ` (line ${at.line}, column ${at.col})` : '';
          return { segments: [], message: `A key appears twice in the same object${where}; keep one.`, ...(at ? { line: at.line } : {}) };
        }),
      };
    }
    if (!doc.errors.length) locate = yamlLocator(doc, lineCounter);
  } catch {
    // Line numbers are a nicety; the JSON itself parsed.
  }
  return { ok: true, value, locate };
}

/** Line of a JSON.parse error: newer engines say "(line 3 column 5)", older ones "at position 42". */
function jsonErrorLine(message: string, text: string): number | undefined {
  const lc = /line (\d+) column \d+/.exec(message);
  if (lc) return Number(lc[1]);
  const pos = /position (\d+)/.exec(message);
  if (!pos) return undefined;
  const offset = Math.min(Number(pos[1]), text.length);
  let line = 1;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function firstLine(s: string): string {
  const first = s.slice(0, 300).split('\n')[0].trim();
  return first.endsWith(':') || first.endsWith('.') ? first.slice(0, -1) : first;
}

/** Map a field path to the line of its key (or its value, or its nearest existing parent). */
function yamlLocator(doc: Document, lineCounter: LineCounter): Locate {
  const lineAt = (node: unknown): number | undefined => {
    const range = isNode(node) ? node.range : undefined;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return (segments) => {
    try {
      for (let n = segments.length; n > 0; n--) {
        const parent = n === 1 ? doc.contents : doc.getIn(segments.slice(0, n - 1), true);
        const key = segments[n - 1];
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
          const line = pair ? (lineAt(pair.key) ?? lineAt(pair.value)) : undefined;
          if (line !== undefined) return line;
        } else if (isSeq(parent) && typeof key === 'number') {
          const line = lineAt(parent.items[key]);
          if (line !== undefined) return line;
        }
      }
      return lineAt(doc.contents);
    } catch {
      return undefined;
    }
  };
}

// ---------------------------------------------------------------------------
// Validation.

/** The scenario as YAML text, in the format of scenarios/*.yaml. */
export function scenarioToYaml(s: Scenario): string {
  return stringify(scenarioToFile(s), { lineWidth: 100, minContentWidth: 40 });
}
