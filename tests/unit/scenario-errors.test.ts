/**
 * Malformed scenarios: every case must come back as errors (never a throw)
 * whose path names the field and whose message shows the offending value and
 * what is allowed.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario, type ScenarioError } from '../../src/scenario/parse';
import { parseScenarioText } from '../../src/scenario/parseText';

const BASE = {
  id: 'test-scenario',
  title: 'Test',
  interpretation: 'deprioritized',
  response: 'free-hits',
  policy: { kind: 'indefinite' },
};

const inject = (extra: Record<string, unknown>) => ({ ...BASE, injects: [{ month: 2, title: 'Event', ...extra }] });

function errorsOf(run: () => ReturnType<typeof parseScenario>): ScenarioError[] {
  let result: ReturnType<typeof parseScenario> | undefined;
  expect(() => {
    result = run();
  }).not.toThrow();
  expect(result!.ok).toBe(false);
  return result!.ok ? [] : result!.errors;
}

/** [name, input, path of the error, fragments the message must contain] */
type Case = [string, unknown, string, string[]];

const cases: Case[] = [
  // Wrong types
  ['title is a number', { ...BASE, title: 42 }, 'title', ['title must be text of 1 to 200 characters', 'but is 42']],
  ['title is empty after trimming', { ...BASE, title: '   ' }, 'title', ['title must be text of 1 to 200', 'but is ""']],
  ['id is not kebab-case', { ...BASE, id: 'My Scenario' }, 'id', ['id must be a kebab-case id', '"My Scenario"']],
  ['horizonMonths is text', { ...BASE, horizonMonths: 'twelve' }, 'horizonMonths', ['whole number from 6 to 60', '"twelve"']],
  ['quotes is an object', { ...BASE, quotes: { speaker: 'x' } }, 'quotes', ['quotes must be a list of at most 20 quotes', 'speaker']],
  ['policy is a string', { ...BASE, policy: 'indefinite' }, 'policy', ['policy must be a policy object with a "kind" field', '"indefinite"']],
  ['a parameter is text', { ...BASE, parameters: { escalationCeiling: 'high' } }, 'parameters.escalationCeiling', ['a number (the new most likely value) or a range', '"high"']],
  ['a range value is text', { ...BASE, parameters: { escalationCeiling: { low: 1, mode: 'x', high: 2 } } }, 'parameters.escalationCeiling.mode', ['mode must be a number', '"x"']],
  ['inject month is fractional', inject({ month: 2.5 }), 'injects[0].month', ['whole number from 1 to 60', '2.5']],
  ['a boolean where text goes', inject({ text: true }), 'injects[0].text', ['text must be text', 'true']],

  // NaN and Infinity
  ['horizonMonths is NaN', { ...BASE, horizonMonths: NaN }, 'horizonMonths', ['whole number from 6 to 60', 'NaN']],
  ['a parameter is Infinity', { ...BASE, parameters: { escalationCeiling: Infinity } }, 'parameters.escalationCeiling', ['escalation ceiling', 'from 0 to 1000', 'Infinity']],
  // Finite but absurd: 1e308 overflowed incidents and cost to Infinity when the ceiling had no bound.
  ['a parameter is 1e308', { ...BASE, parameters: { escalationCeiling: 1e308 } }, 'parameters.escalationCeiling', ['from 0 to 1000', '1e+308']],
  ['a ramp is 1e308', { ...BASE, parameters: { vigilanceRamp: { low: 3, mode: 6, high: 1e308 } } }, 'parameters.vigilanceRamp.high', ['from 1 to 600', '1e+308']],
  ['a range end is -Infinity', { ...BASE, parameters: { restraintDepth: { low: -Infinity, mode: 0.2, high: 0.3 } } }, 'parameters.restraintDepth.low', ['from 0 to 1', '-Infinity']],
  ['a shock factor is Infinity', inject({ effect: { type: 'sectorShock', sector: 'health', factor: Infinity, months: 1 } }), 'injects[0].effect.factor', ['number from 0 to 100', 'Infinity']],
  ['a parameter is NaN', { ...BASE, parameters: { responseSpeed: NaN } }, 'parameters.responseSpeed', ['a number', 'NaN']],
  ['trigger threshold is NaN', { ...BASE, policy: { kind: 'trigger', threshold: NaN } }, 'policy.threshold', ['from 0 to 100', 'NaN']],

  // Negative and huge numbers
  ['horizonMonths negative', { ...BASE, horizonMonths: -5 }, 'horizonMonths', ['whole number from 6 to 60', '-5']],
  ['horizonMonths huge', { ...BASE, horizonMonths: 1e308 }, 'horizonMonths', ['whole number from 6 to 60', '1e+308']],
  ['response speed negative', { ...BASE, parameters: { responseSpeed: -0.1 } }, 'parameters.responseSpeed', ['from 0 (exclusive) to 1', '-0.1']],
  ['response speed zero (open end)', { ...BASE, parameters: { responseSpeed: 0 } }, 'parameters.responseSpeed', ['from 0 (exclusive) to 1', 'but is 0']],
  ['baseline incidents huge', { ...BASE, parameters: { 'health.baselineIncidents': 1e7 } }, 'parameters["health.baselineIncidents"]', ['from 0 (exclusive) to 1000000', '10000000']],
  ['re-engagement lag below 1', { ...BASE, parameters: { reengageLag: 0.4 } }, 'parameters.reengageLag', ['a whole number from 1 to 60', '0.4']],
  ['fixed months huge', { ...BASE, policy: { kind: 'fixed', months: 1e9 } }, 'policy.months', ['whole number from 1 to 60', '1000000000']],
  ['shock factor negative', inject({ effect: { type: 'sectorShock', sector: 'health', factor: -1, months: 1 } }), 'injects[0].effect.factor', ['number from 0 to 100', '-1']],
  ['shock months huge', inject({ effect: { type: 'sectorShock', sector: 'health', factor: 2, months: 1e9 } }), 'injects[0].effect.months', ['whole number from 1 to 60']],
  ['adversary shift huge', inject({ effect: { type: 'adversaryShift', amount: 1e6 } }), 'injects[0].effect.amount', ['number from -10 to 10', '1000000']],
  ['coverage share above 1', inject({ effects: [{ type: 'coverageShock', share: 1.5 }] }), 'injects[0].effects[0].share', ['number from 0 to 1', '1.5']],
  ['inject after the horizon', { ...inject({ month: 30 }), horizonMonths: 24 }, 'injects[0].month', ['from 1 to 24 (horizonMonths)', '30']],
  ['range out of order', { ...BASE, parameters: { escalationCeiling: { low: 2, mode: 1, high: 3 } } }, 'parameters.escalationCeiling', ['low ≤ mode ≤ high']],

  // Unknown ids
  ['unknown interpretation', { ...BASE, interpretation: 'appeasement' }, 'interpretation', ['one of "deprioritized", "diplomatic", "reallocation", "none"', '"appeasement"']],
  ['misspelt interpretation', { ...BASE, interpretation: 'Diplomatic' }, 'interpretation', ['did you mean "diplomatic"?']],
  ['unknown response', { ...BASE, response: 'free_hits' }, 'response', ['one of "restraint", "free-hits"', 'did you mean "free-hits"?']],
  ['unknown policy kind', { ...BASE, policy: { kind: 'forever' } }, 'policy.kind', ['one of "indefinite", "fixed", "trigger"', '"forever"']],
  ['unknown sector', inject({ effect: { type: 'sectorShock', sector: 'hospitals', factor: 2, months: 1 } }), 'injects[0].effect.sector', ['one of "health"', '"hospitals"']],
  ['sector spelt long', inject({ effect: { type: 'sectorShock', sector: 'healthcare', factor: 2, months: 1 } }), 'injects[0].effect.sector', ['did you mean "health"?']],
  // Names as the app shows them: authors copy what they see on screen.
  ['response as shown', { ...BASE, response: 'no change' }, 'response', ['the app shows "No change"; a file writes "skeptic"']],
  ['mixed as shown', { ...BASE, response: 'Unknown' }, 'response', ['the app shows "Unknown"; a file writes "mixed"']],
  ['policy as shown', { ...BASE, policy: { kind: 'Reverse on trigger' } }, 'policy.kind', ['a file writes "trigger"']],
  ['sector by a word of its name', inject({ effect: { type: 'sectorShock', sector: 'ukraine', factor: 2, months: 1 } }), 'injects[0].effect.sector', ['a file writes "allies"']],
  ['sector by its longer name', inject({ effect: { type: 'sectorShock', sector: 'critical infrastructure', factor: 2, months: 1 } }), 'injects[0].effect.sector', ['a file writes "infrastructure"']],
  ['unknown effect type', inject({ effect: { type: 'nuke' } }), 'injects[0].effect.type', ['one of "sectorShock"', '"nuke"']],
  ['unknown parameter', { ...BASE, parameters: { escalationCeilling: 2 } }, 'parameters.escalationCeilling', ['Unknown parameter "escalationCeilling"', 'did you mean "escalationCeiling"?']],
  ['sector parameter without sector', { ...BASE, parameters: { russiaShare: 0.5 } }, 'parameters.russiaShare', ['<sector>.<name>', 'health.russiaShare']],
  ['decision default not an option', inject({ decision: { question: 'Q?', options: [{ id: 'yes', label: 'Yes' }, { id: 'no', label: 'No' }], default: 'maybe' } }), 'injects[0].decision.default', ['must name one of the options ("yes", "no")', '"maybe"']],
  ['duplicate option ids', inject({ decision: { question: 'Q?', options: [{ id: 'a', label: 'A' }, { id: 'a', label: 'B' }] } }), 'injects[0].decision.options[1].id', ['already the id of options[0]']],
  ['duplicate inject ids', { ...BASE, injects: [{ id: 'x', month: 1, title: 'A' }, { id: 'x', month: 2, title: 'B' }] }, 'injects[1].id', ['already the id of injects[0]']],
  ['one-option decision', inject({ decision: { question: 'Q?', options: [{ id: 'a', label: 'A' }] } }), 'injects[0].decision.options', ['a list of 2 to 10 options']],

  // Missing fields
  ['no id', { ...BASE, id: undefined }, 'id', ['id must be a kebab-case id', 'nothing']],
  ['no title', (({ title: _, ...rest }) => rest)(BASE), 'title', ['title is missing; it must be text of 1 to 200 characters']],
  ['no policy', (({ policy: _, ...rest }) => rest)(BASE), 'policy', ['policy is missing', 'a policy object with a "kind" field']],
  ['policy without kind', { ...BASE, policy: {} }, 'policy.kind', ['policy.kind is missing', 'one of "indefinite"']],
  ['inject without month', { ...BASE, injects: [{ title: 'A' }] }, 'injects[0].month', ['injects[0].month is missing', 'whole number from 1 to 60']],
  ['range without high', { ...BASE, parameters: { escalationCeiling: { low: 1, mode: 2 } } }, 'parameters.escalationCeiling.high', ['high is missing']],
  ['effect without type', inject({ effect: { share: 0.5 } }), 'injects[0].effect.type', ['type is missing', 'one of "sectorShock"']],

  // Unknown keys are reported, not dropped
  ['unknown top-level key', { ...BASE, horizon: 12 }, 'horizon', ['Unknown field "horizon" in the scenario', 'did you mean "horizonMonths"?', 'horizonMonths']],
  ['misspelt inject key', inject({ titel: 'x' }), 'injects[0].titel', ['Unknown field "titel" in injects[0]', 'did you mean "title"?']],
  ['extra effect key', inject({ effect: { type: 'reverse', when: 'now' } }), 'injects[0].effect.when', ['Unknown field "when"', 'type']],
  ['extra range key', { ...BASE, parameters: { escalationCeiling: { low: 1, mode: 2, high: 3, median: 2 } } }, 'parameters.escalationCeiling.median', ['Unknown field "median"', 'low, mode, high']],
  ['shorthand on the wrong policy', { ...BASE, policy: { kind: 'indefinite', months: 6 } }, 'policy.months', ['Unknown field "months" in policy']],
  ['policy shorthand and parameter both', { ...BASE, policy: { kind: 'fixed', months: 6 }, parameters: { fixedMonths: 8 } }, 'policy.months', ['policy.months and parameters.fixedMonths both set', 'give only one']],
  ['effect and effects both', inject({ effect: { type: 'reverse' }, effects: [] }), 'injects[0].effect', ['both effect and effects']],
  ['__proto__ key', JSON.parse('{"__proto__": {"polluted": true}, "id": "x"}'), '__proto__', ['field named "__proto__"']],

  // Not plain data
  ['a Date', { ...BASE, title: new Date(0) }, 'title', ['plain data', 'Date']],
  ['a Map', new Map([['id', 'x']]), '', ['The scenario must be plain data', 'Map']],
  ['a function', { ...BASE, summary: () => 'x' }, 'summary', ['plain data', 'function']],
  ['a symbol', { ...BASE, id: Symbol('x') }, 'id', ['plain data', 'symbol']],
  ['a BigInt', { ...BASE, horizonMonths: 24n }, 'horizonMonths', ['ordinary number', 'BigInt']],
  ['not an object at all', 'deprioritized', '', ['The scenario must be an object with the fields id, title', '"deprioritized"']],
  ['null', null, '', ['The scenario must be an object', 'null']],
];

describe('malformed scenarios give errors that name the field', () => {
  it.each(cases)('%s', (_, input, path, fragments) => {
    const errors = errorsOf(() => parseScenario(input));
    const match = errors.find((e) => e.path === path);
    expect(match, `no error at "${path}"; got ${JSON.stringify(errors)}`).toBeDefined();
    for (const f of fragments) expect(match!.message).toContain(f);
    if (path) expect(match!.message).toContain(path.split(/[.[]/)[0]);
  });

  it('reports every unknown key of an object, not just the first', () => {
    const errors = errorsOf(() => parseScenario({ ...BASE, foo: 1, bar: 2 }));
    expect(errors.map((e) => e.path)).toEqual(['foo', 'bar']);
  });

  it('copies the source into every error', () => {
    const errors = errorsOf(() => parseScenario({ ...BASE, title: 1 }, { source: 'mine.yaml' }));
    expect(errors[0].source).toBe('mine.yaml');
  });

  it('caps the number of errors', () => {
    const input = { ...BASE, injects: Array.from({ length: 150 }, () => ({ month: 'x', title: 1 })) };
    const errors = errorsOf(() => parseScenario(input));
    expect(errors.length).toBe(51);
    expect(errors.at(-1)!.message).toMatch(/and \d+ more problems/);
  });
});

describe('hostile input fails fast and never throws', () => {
  const TEN_MB = 'x'.repeat(10 * 1024 * 1024);

  // Inputs are built inside the test: vitest chokes on 10 MB test parameters.
  const hugeInputs: Record<string, () => unknown> = {
    title: () => ({ ...BASE, title: TEN_MB }),
    summary: () => ({ ...BASE, summary: TEN_MB }),
    'injects[0].text': () => inject({ text: TEN_MB }),
  };

  it.each(Object.keys(hugeInputs))('a 10 MB string in %s', (path) => {
    const input = hugeInputs[path]();
    const t0 = performance.now();
    const errors = errorsOf(() => parseScenario(input));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(errors[0].path).toBe(path);
    expect(errors[0].message).toContain('10,485,760 characters');
    expect(errors[0].value!.length).toBeLessThan(100);
  });

  it('a 10 MB key is named without being copied into the message', () => {
    const errors = errorsOf(() => parseScenario({ ...BASE, parameters: { [TEN_MB]: 1 } }));
    expect(errors[0].message.length).toBeLessThan(300);
    expect(errors[0].path.length).toBeLessThan(100);
  });

  it('a 10 MB text is refused before parsing', () => {
    const errors = errorsOf(() => parseScenarioText(`title: ${TEN_MB}`));
    expect(errors[0].message).toMatch(/too long: 10,485,767 characters; the limit is 1,000,000/);
  });

  it.each([
    ['objects', (inner: unknown) => ({ a: inner }), 'parameters.a.a'],
    ['lists', (inner: unknown) => [inner], 'parameters[0][0]'],
  ])('10,000-deep nesting of %s', (_, wrap, path) => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = wrap(deep);
    const errors = errorsOf(() => parseScenario({ ...BASE, parameters: deep }));
    expect(errors[0].path.replace(/\.a$|\[0\]$/, '')).toBe(path.replace(/\.a$|\[0\]$/, ''));
    expect(errors[0].message).toContain('nested too deeply');
  });

  it('10,000-deep nesting in YAML and JSON text', () => {
    const yaml = errorsOf(() => parseScenarioText(`${'['.repeat(10_000)}${']'.repeat(10_000)}`));
    expect(yaml[0].message).toMatch(/nested too deeply/);
    const json = errorsOf(() => parseScenarioText(`{"injects": ${'['.repeat(10_000)}${']'.repeat(10_000)}}`, { format: 'json' }));
    expect(json[0].message).toMatch(/nested too deeply/);
    expect(json[0].path).toMatch(/^injects/);
  });

  it('a cyclic object', () => {
    const cyclic: Record<string, unknown> = { ...BASE };
    cyclic.injects = [{ month: 1, title: 'Loop', decision: cyclic }];
    const errors = errorsOf(() => parseScenario(cyclic));
    expect(errors[0].path).toBe('injects[0].decision');
    expect(errors[0].message).toContain('cycle');
  });

  it('an object with a throwing getter', () => {
    const input = {
      ...BASE,
      get title(): string {
        throw new Error('getter exploded');
      },
    };
    const errors = errorsOf(() => parseScenario(input));
    expect(errors[0]).toMatchObject({ path: 'title', message: 'title could not be read (getter exploded).' });
  });

  it('proxies whose traps throw, and a revoked proxy', () => {
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('no keys'); } });
    expect(errorsOf(() => parseScenario({ ...BASE, exercise: hostile }))[0]).toMatchObject({ path: 'exercise' });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(errorsOf(() => parseScenario(proxy))[0].message).toMatch(/could not be read/);
  });

  it('a thrown non-Error with a throwing toString', () => {
    const evil = { toString: () => { throw new Error('again'); } };
    const input = { ...BASE, get id(): string { throw evil; } };
    expect(errorsOf(() => parseScenario(input))[0].path).toBe('id');
  });

  it('a huge sparse list', () => {
    const list: unknown[] = [];
    list.length = 1e9;
    expect(errorsOf(() => parseScenario({ ...BASE, injects: list }))[0].message).toMatch(/1,000,000,000 items/);
  });

  it('a YAML alias bomb', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const t0 = performance.now();
    const errors = errorsOf(() => parseScenarioText(rows.join('\n')));
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(errors[0].message).toMatch(/aliases/);
  });
});

describe('errors in text carry line numbers', () => {
  const yaml = [
    'id: located', // 1
    'title: Located', // 2
    'interpretation: diplomatic', // 3
    'response: restraint', // 4
    'policy:', // 5
    '  kind: indefinite', // 6
    'horizonMonths: 100', // 7
    'parameters:', // 8
    '  escalationCeiling: -1', // 9
    'injects:', // 10
    '  - month: 3', // 11
    '    title: Event', // 12
    '    effect:', // 13
    '      type: sectorShock', // 14
    '      sector: hospitals', // 15
    '      factor: 2', // 16
    '      months: 1', // 17
    '    mood: tense', // 18
  ].join('\n');

  it('field errors point at the field', () => {
    const errors = errorsOf(() => parseScenarioText(yaml, { source: 'located.yaml' }));
    const lines = Object.fromEntries(errors.map((e) => [e.path, e.line]));
    expect(lines).toMatchObject({ horizonMonths: 7, 'injects[0].effect.sector': 15, 'injects[0].mood': 18 });
    expect(errors.every((e) => e.source === 'located.yaml')).toBe(true);
  });

  it('errors found after the structure checks point at the field too', () => {
    const errors = errorsOf(() => parseScenarioText(yaml.replace('horizonMonths: 100', 'horizonMonths: 24').replace('hospitals', 'health').replace('    mood: tense', '')));
    expect(errors).toEqual([expect.objectContaining({ path: 'parameters.escalationCeiling', line: 9 })]);
  });

  it.each([
    ['an unclosed flow list', 'id: x\ntitle: T\ninterpretation: [none\nresponse: skeptic\n', 4],
    ['a key indented under a plain value', 'id: x\ntitle: T\ninterpretation: none\n   response: x\n', 3],
    ['a tab indent', 'id: x\npolicy:\n\tkind: fixed\n', 3],
  ])('a YAML syntax error: %s', (_, text, line) => {
    const errors = errorsOf(() => parseScenarioText(text));
    expect(errors[0].message).toMatch(/^YAML syntax error/);
    expect(errors[0].line).toBe(line);
  });

  it('the YAML mistakes authors make most say what to do, and one slip does not bury the file in errors', () => {
    const colon = errorsOf(() => parseScenarioText('id: x\ntitle: Decision: restart now?\n'));
    expect(colon[0].message).toMatch(/must be in quotes, e\.g\. title: "Decision: restart now\?"/);
    expect(colon[0].line).toBe(2);
    expect(errorsOf(() => parseScenarioText('id: x\npolicy:\n\tkind: fixed\n'))[0].message).toMatch(/indent with spaces, not tabs/);
    const twice = errorsOf(() => parseScenarioText('id: x\ntitle: T\nid: y\n'));
    expect(twice[0].message).toBe('The key "id" appears twice in the same mapping (line 3, column 1); keep one.');
    expect(twice[0].line).toBe(3);
    const many = errorsOf(() => parseScenarioText(Array.from({ length: 8 }, (_, i) => `k${i}: a: b`).join('\n')));
    expect(many).toHaveLength(4);
    expect(many[3].message).toMatch(/^… and \d+ more YAML errors, often caused by the first/);
  });

  it('a JSON syntax error', () => {
    const errors = errorsOf(() => parseScenarioText('{\n  "id": "x",\n  "title": "T",\n}', { source: 'x.json' }));
    expect(errors[0].message).toMatch(/^JSON syntax error/);
    expect(errors[0].line).toBe(4);
  });

  it('a key given twice in JSON is refused, as in YAML, with its line', () => {
    const errors = errorsOf(() => parseScenarioText('{\n  "id": "dupjson",\n  "title": "A",\n  "title": "B"\n}', { source: 'x.json' }));
    expect(errors[0].message).toMatch(/A key appears twice in the same object \(line 4, column 3\)/);
    expect(errors[0].line).toBe(4);
  });

  it('field errors in JSON text point at the field', () => {
    const json = JSON.stringify({ ...BASE, horizonMonths: 99 }, null, 2);
    const errors = errorsOf(() => parseScenarioText(json, { format: 'json' }));
    expect(errors[0]).toMatchObject({ path: 'horizonMonths', line: json.split('\n').findIndex((l) => l.includes('horizonMonths')) + 1 });
  });

  it.each([
    ['empty text', '', /empty/],
    ['several documents', 'id: a\n---\nid: b\n', /more than one YAML document/],
    ['a bare scalar', '42', /must be an object/],
  ])('%s', (_, text, message) => {
    expect(errorsOf(() => parseScenarioText(text))[0].message).toMatch(message);
  });
});
