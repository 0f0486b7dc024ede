/**
 * Properties of the scenario parser: it never throws, whatever it is given;
 * every valid scenario survives a round trip through the file shape, YAML
 * and JSON; and mutating a valid scenario gives either a valid scenario or
 * errors that name a field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { INTERPRETATION_IDS, PARAMETERS, POLICY_KINDS, RESPONSE_IDS, SECTOR_IDS, type ParamDef } from '../../src/model/parameters';
import { parseScenario, scenarioToFile, type ParseResult } from '../../src/scenario/parse';
import { parseScenarioText, scenarioToYaml } from '../../src/scenario/parseText';
import { findExcessiveNesting } from '../../src/scenario/textDepth';

/** The result is well formed: ok with a value, or a non-empty list of errors with a path and a sentence each. */
function expectWellFormed(r: ParseResult) {
  if (r.ok) {
    expect(typeof r.value.id).toBe('string');
    return;
  }
  expect(r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(typeof e.path).toBe('string');
    expect(e.message.length).toBeGreaterThan(10);
    expect(e.message.length).toBeLessThan(1000);
    if (e.value !== undefined) expect(e.value.length).toBeLessThan(120);
  }
}

// ---------------------------------------------------------------------------
// Arbitraries for valid scenario files.

const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: max, unit: 'grapheme' }).filter((s) => s.trim().length > 0);
const name = fc.stringMatching(/^[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,5}){0,2}$/);

const paramValue = (def: ParamDef): fc.Arbitrary<number | { low: number; mode: number; high: number }> => {
  const { low, high } = def.range;
  const value = def.domain.integer
    ? fc.integer({ min: low, max: high })
    : fc.double({ min: low, max: high, noNaN: true }).filter((x) => x > def.domain.min || !def.domain.minOpen);
  const range = fc
    .tuple(value, value, value)
    .map((xs) => [...xs].sort((a, b) => a - b))
    .map(([l, m, h]) => ({ low: l, mode: m, high: h }));
  return fc.oneof(value, range);
};

const parametersArb = fc
  .subarray(PARAMETERS.filter((p) => !p.policy) as ParamDef[], { maxLength: 6 })
  .chain((defs) => fc.tuple(...defs.map((d) => paramValue(d).map((v) => [d.id, v] as const))))
  .map((entries) => Object.fromEntries(entries));

const policyArb = fc.oneof(
  fc.constant({ kind: 'indefinite' }),
  fc.record({ kind: fc.constant('fixed'), months: fc.integer({ min: 1, max: 24 }) }, { requiredKeys: ['kind'] }),
  fc.record(
    { kind: fc.constant('trigger'), threshold: fc.double({ min: 50, max: 70, noNaN: true }), months: fc.integer({ min: 1, max: 4 }) },
    { requiredKeys: ['kind'] },
  ),
);

const effectArb = fc.oneof(
  fc.record({
    type: fc.constant('sectorShock'),
    sector: fc.constantFrom(...SECTOR_IDS),
    factor: fc.double({ min: 0, max: 10, noNaN: true }),
    months: fc.integer({ min: 1, max: 12 }),
  }),
  fc.record({ type: fc.constant('adversaryShift'), amount: fc.double({ min: -2, max: 2, noNaN: true }) }),
  fc.record({ type: fc.constant('coverageShock'), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.constant({ type: 'restraintCollapse' }),
  fc.constant({ type: 'reverse' }),
);

const decisionArb = fc.uniqueArray(name, { minLength: 2, maxLength: 4 }).chain((ids) =>
  fc.record(
    {
      question: text(40),
      options: fc.tuple(...ids.map((id) => fc.record({ id: fc.constant(id), label: text(20), effects: fc.array(effectArb, { maxLength: 2 }) }, { requiredKeys: ['id', 'label'] }))),
      default: fc.constantFrom(...ids),
    },
    { requiredKeys: ['question', 'options'] },
  ),
);

const scenarioFileArb = fc.integer({ min: 6, max: 36 }).chain((horizonMonths) =>
  fc.record(
    {
      id: name,
      title: text(60),
      summary: text(200),
      quotes: fc.array(fc.record({ speaker: text(20), text: text(80) }), { maxLength: 2 }),
      interpretation: fc.constantFrom(...INTERPRETATION_IDS),
      response: fc.constantFrom(...RESPONSE_IDS),
      policy: policyArb,
      horizonMonths: fc.constant(horizonMonths),
      parameters: parametersArb,
      injects: fc.array(
        fc.record(
          {
            month: fc.integer({ min: 1, max: horizonMonths }),
            title: text(30),
            text: text(60),
            notes: text(60),
            effects: fc.array(effectArb, { maxLength: 3 }),
            decision: decisionArb,
          },
          { requiredKeys: ['month', 'title'] },
        ),
        { maxLength: 4 },
      ),
    },
    { requiredKeys: ['id', 'title', 'interpretation', 'response', 'policy', 'horizonMonths'] },
  ),
);

// ---------------------------------------------------------------------------

/** Property tests run hundreds of YAML parses (about 3 ms each); give them room on slow machines. */
const SLOW = 60_000;

describe('parseScenario never throws', () => {
  it('on arbitrary values, including exotic objects', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withBigInt: true,
          withBoxedValues: true,
          withDate: true,
          withMap: true,
          withSet: true,
          withNullPrototype: true,
          withObjectString: true,
          withSparseArray: true,
          withTypedArray: true,
          withUnicodeString: true,
        }),
        (input) => expectWellFormed(parseScenario(input)),
      ),
      { numRuns: 500 },
    );
  }, SLOW);

  it('on arbitrary JSON values, given as objects and as text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        expectWellFormed(parseScenario(input));
        expectWellFormed(parseScenarioText(JSON.stringify(input) ?? 'null', { format: 'json' }));
        expectWellFormed(parseScenarioText(JSON.stringify(input) ?? 'null'));
      }),
      { numRuns: 300 },
    );
  }, SLOW);

  it('on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'binary' }), (input) => {
        expectWellFormed(parseScenarioText(input));
        expectWellFormed(parseScenarioText(input, { format: 'json' }));
      }),
      { numRuns: 300 },
    );
  }, SLOW);

  it('on YAML-ish text built from scenario tokens', () => {
    const token = fc.constantFrom('id:', 'title:', 'policy:', 'kind:', 'injects:', '- ', '  ', '[', ']', '{', '}', ',', '"', "'", '&a', '*a', '|', '>', '#', '\n', 'x', '1', '.nan', '.inf', '~', '!!str', '---');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (tokens) => expectWellFormed(parseScenarioText(tokens.join('')))),
      { numRuns: 500 },
    );
  }, SLOW);
});

describe('valid scenarios', () => {
  it('parse, and survive scenarioToFile, YAML and JSON unchanged', () => {
    fc.assert(
      fc.property(scenarioFileArb, (file) => {
        const r = parseScenario(file);
        if (!r.ok) throw new Error(r.errors.map((e) => `${e.path}: ${e.message}`).join('\n'));
        const s = r.value;
        expect(parseScenario(scenarioToFile(s))).toStrictEqual({ ok: true, value: s });
        expect(parseScenarioText(scenarioToYaml(s))).toStrictEqual({ ok: true, value: s });
        expect(parseScenarioText(JSON.stringify(scenarioToFile(s)), { format: 'json' })).toStrictEqual({ ok: true, value: s });
      }),
      { numRuns: 200 },
    );
  }, SLOW);

  it('policy shorthand and the parameter it stands for are the same thing', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INTERPRETATION_IDS), fc.integer({ min: 1, max: 60 }), (interpretation, months) => {
        const base = { id: 'x', title: 'X', interpretation, response: 'skeptic' };
        const a = parseScenario({ ...base, policy: { kind: 'fixed', months } });
        const b = parseScenario({ ...base, policy: { kind: 'fixed' }, parameters: { fixedMonths: months } });
        expect(a).toStrictEqual(b);
      }),
    );
  });
});

describe('mutated valid scenarios', () => {
  /** Every path into a plain value, for picking a place to mutate. */
  function paths(x: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    const out = [prefix];
    if (Array.isArray(x)) x.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
    else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) out.push(...paths(v, [...prefix, k]));
    return out;
  }

  function mutate(file: unknown, path: (string | number)[], kind: 'replace' | 'delete' | 'add', value: unknown): unknown {
    if (path.length === 0) return kind === 'replace' ? value : file;
    const copy = structuredClone(file) as Record<string | number, unknown>;
    let parent = copy;
    for (const seg of path.slice(0, -1)) parent = parent[seg] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (kind === 'replace') parent[last] = value;
    else if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (!Array.isArray(parent)) parent[`extra${String(last)}`] = value;
    return copy;
  }

  it('give a valid scenario or well-formed errors, never a throw', () => {
    const mutation = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom('replace', 'delete', 'add') as fc.Arbitrary<'replace' | 'delete' | 'add'>,
      value: fc.oneof(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSparseArray: true, withNullPrototype: true }),
        fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1e308, -1e308, '', 'x'.repeat(6000), null),
      ),
    });
    fc.assert(
      fc.property(scenarioFileArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (file, mutations) => {
        let current: unknown = file;
        for (const m of mutations) {
          const all = paths(current);
          current = mutate(current, all[m.at % all.length], m.kind, m.value);
        }
        expectWellFormed(parseScenario(current));
      }),
      { numRuns: 300 },
    );
  }, SLOW);
});

describe('the nesting pre-scan', () => {
  it.each([
    ['flow lists', `${'['.repeat(70)}${']'.repeat(70)}`, 1],
    ['flow maps', `${'{a: '.repeat(70)}1${'}'.repeat(70)}`, 1],
    ['compact sequences', `${'- '.repeat(70)}x`, 1],
    ['block mappings', Array.from({ length: 70 }, (_, i) => `${' '.repeat(i)}a:`).join('\n'), 65],
  ])('catches deep %s', (_, text, line) => {
    expect(findExcessiveNesting(text, 64)?.line).toBe(line);
  });

  it.each([
    ['brackets inside quotes', `title: "${'['.repeat(100)}"`],
    ['brackets inside a block scalar', `summary: >-\n  ${'['.repeat(100)}\n  more prose\nid: x`],
    ['brackets in a comment', `# ${'['.repeat(100)}\nid: x`],
    ['apostrophes in plain prose', `title: Russia's ${'['.repeat(10)} it's\nid: x`],
  ])('ignores %s', (_, text) => {
    expect(findExcessiveNesting(text, 64)).toBeUndefined();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void findExcessiveNesting(s, 64)));
  });
});
