/**
 * The scenario format: preset files, conversion to the domain type, number
 * overrides, policy shorthand, injects, round trips and the preset loader.
 * Malformed input is in scenario-errors.test.ts, properties in
 * scenario-properties.test.ts, the JSON Schema in scenario-schema.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARAM_BY_ID, defaultRange, shiftMode } from '../../src/model/parameters';
import { simulate } from '../../src/model/simulate';
import type { Run, Scenario } from '../../src/model/types';
import { parseScenario, scenarioToFile } from '../../src/scenario/parse';
import { parseScenarioText, scenarioToYaml } from '../../src/scenario/parseText';
import { EXERCISES, PRESETS, presetById } from '../../src/scenario/presets';
import { loadPresets } from '../../src/scenario/load';

const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const ARTICLE = fileURLToPath(new URL('../../../shared/source-article.txt', import.meta.url));
const scenarioFiles = readdirSync(SCENARIO_DIR).filter((f) => /\.(ya?ml)$/.test(f)).sort();
const readScenario = (f: string) => readFileSync(SCENARIO_DIR + f, 'utf8');

/** A minimal valid scenario in file shape; tests spread overrides into it. */
const BASE = {
  id: 'test-scenario',
  title: 'Test',
  interpretation: 'deprioritized',
  response: 'free-hits',
  policy: { kind: 'indefinite' },
} as const;

function ok(input: unknown): Scenario {
  const r = parseScenario(input);
  if (!r.ok) throw new Error(`expected a valid scenario, got:\n${r.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return r.value;
}

describe('scenario files in scenarios/', () => {
  it('has the required presets', () => {
    const ids = scenarioFiles.map((f) => f.replace(/\.ya?ml$/, ''));
    const required = [
      ...['deprioritized', 'diplomatic', 'reallocation'].flatMap((i) => ['restraint', 'free-hits', 'skeptic'].map((r) => `${i}-${r}`)),
      'deprioritized-free-hits-trigger',
      'reallocation-free-hits-trigger',
      'no-pause',
    ];
    expect(ids).toEqual(expect.arrayContaining(required));
  });

  it.each(scenarioFiles)('%s parses, and its id is its file name', (file) => {
    const r = parseScenarioText(readScenario(file), { source: file });
    if (!r.ok) throw new Error(r.errors.map((e) => `${file}:${e.line ?? '?'} ${e.path}: ${e.message}`).join('\n'));
    expect(r.value.id).toBe(file.replace(/\.ya?ml$/, ''));
  });

  it.each(scenarioFiles)('%s is written for students: title, one-paragraph summary, quotes, 24 months', (file) => {
    const text = readScenario(file);
    expect(text.startsWith('#'), 'a comment header explains the file').toBe(true);
    const r = parseScenarioText(text);
    if (!r.ok) return; // reported by the parse test
    const s = r.value;
    expect(s.title.length).toBeGreaterThan(5);
    expect(s.summary.length).toBeGreaterThan(200);
    expect(s.summary).not.toMatch(/\n\s*\n/); // one paragraph
    expect(s.quotes.length).toBeGreaterThan(0);
    for (const q of s.quotes) expect(q.text.length, `quote too long in ${file}`).toBeLessThanOrEqual(200);
    expect(s.horizonMonths).toBe(24);
  });

  // Skipped, with this reason, where ../shared/source-article.txt is not beside the checkout (a CI clone
  // elsewhere): the project quotes the article but must not carry a copy of it.
  it.skipIf(!existsSync(ARTICLE))('quotes are exact words of the source article, with a named speaker', () => {
    const article = readFileSync(ARTICLE, 'utf8').replace(/\s+/g, ' ');
    const speakers = /^(Trey Ford|Chris Gray|Jason Soroko|John Bambenek|SecureWorld News|The Record)/;
    for (const file of scenarioFiles) {
      const r = parseScenarioText(readScenario(file));
      if (!r.ok) continue; // reported by the parse test
      for (const q of r.value.quotes) {
        // A quote's own full stop may stand for the comma that closes the article's quotation ("…pays off," said …).
        expect(article, `${file}: quote not found verbatim: ${q.text}`).toContain(q.text.replace(/\s+/g, ' ').replace(/[.,]$/, ''));
        expect(q.speaker, `${file}: unknown speaker`).toMatch(speakers);
      }
    }
  });
});

describe('what the summaries tell students holds in the expected path', () => {
  const run = (id: string) => simulate(presetById(id)!);
  const max = (xs: number[]) => Math.max(...xs);
  // One row per claim in a summary; if the engine changes, fix the wording of the file too.
  const claims: [id: string, claim: string, holds: (r: Run) => boolean][] = [
    ['deprioritized-restraint', 'roughly cancel at first, then creep up; allied confidence falls', (r) =>
      Math.abs(r.composite[3] - 50) < 1.5 && r.composite[24] > r.composite[6] + 3 && r.alliedConfidence[24] < 60],
    ['deprioritized-free-hits', 'High band within the first year, never lifted, perceived below real', (r) =>
      r.composite[12] >= 60 && r.reversalMonth === null && r.perceived[24] < r.composite[24]],
    ['deprioritized-skeptic', 'rises only a little', (r) => r.composite[24] > 50 && r.composite[24] < 55],
    ['diplomatic-restraint', 'below the pre-pause level within months, gain fades later', (r) =>
      r.composite[3] < 50 && r.composite[24] > r.composite[6]],
    ['diplomatic-free-hits', 'levels off about five points up; never high enough to trigger', (r) =>
      r.composite[24] > 53 && r.composite[24] < 58 && max(r.perceived) < PARAM_BY_ID.get('triggerThreshold')!.range.mode],
    ['diplomatic-skeptic', 'near or slightly below the pre-pause level', (r) => r.composite[24] <= 50 && r.composite[24] > 47],
    ['reallocation-restraint', 'a little below at first, above by the end', (r) => r.composite[3] < 50 && r.composite[24] > 50],
    ['reallocation-free-hits', 'close to the High band after two years', (r) => r.composite[24] > 57 && r.composite[24] < 60],
    ['reallocation-skeptic', 'stays near the pre-pause level', (r) => Math.abs(r.composite[24] - 50) < 1],
    ['deprioritized-free-hits-trigger', 'alarm about half a year in, operations three months later, back near 50', (r) =>
      r.reversalMonth !== null && r.reversalMonth >= 5 && r.reversalMonth <= 7 && r.reengageMonth === r.reversalMonth + 3 && Math.abs(r.composite[24] - 50) < 2],
    ['reallocation-free-hits-trigger', 'reversal almost a year in, then falls back', (r) =>
      r.reversalMonth !== null && r.reversalMonth >= 9 && r.reversalMonth <= 12 && r.composite[24] < max(r.composite) - 4],
    ['deprioritized-mixed-trigger', 'reversal in the second half of the first year', (r) =>
      r.reversalMonth !== null && r.reversalMonth >= 7 && r.reversalMonth <= 12],
    ['no-pause', 'exactly 50 throughout', (r) => r.composite.every((x) => x === 50)],
  ];
  it.each(claims)('%s: %s', (id, _, claim) => {
    expect(claim(run(id))).toBe(true);
  });

  it('the pause policy matters only where the summaries say so', () => {
    const triggered = { ...presetById('diplomatic-free-hits')!, policy: { kind: 'trigger' as const } };
    expect(simulate(triggered).reversalMonth).toBeNull();
    expect(run('reallocation-free-hits-trigger').reversalMonth!).toBeGreaterThan(run('deprioritized-free-hits-trigger').reversalMonth!);
  });
});

describe('PRESETS and EXERCISES', () => {
  it('loads every scenario file exactly once, exercise scripts apart', () => {
    const ids = [...PRESETS, ...EXERCISES].map((s) => s.id).sort();
    expect(ids).toEqual(scenarioFiles.map((f) => f.replace(/\.ya?ml$/, '')).sort());
    expect(EXERCISES.every((s) => s.exercise)).toBe(true);
    expect(PRESETS.some((s) => s.exercise)).toBe(false);
  });

  it('groups pause scenarios by interpretation and puts the baseline last', () => {
    const order = PRESETS.map((s) => s.interpretation);
    expect(order.at(-1)).toBe('none');
    const groups = order.filter((x, i) => x !== order[i - 1]);
    expect(groups).toEqual(['deprioritized', 'diplomatic', 'reallocation', 'none']);
    expect(PRESETS.slice(0, 4).map((s) => s.id)).toEqual([
      'deprioritized-restraint',
      'deprioritized-free-hits',
      'deprioritized-free-hits-trigger',
      'deprioritized-skeptic',
    ]);
  });

  it('finds presets by id and freezes them', () => {
    expect(presetById('no-pause')?.interpretation).toBe('none');
    expect(presetById('nope')).toBeUndefined();
    const s = presetById('deprioritized-free-hits')!;
    expect(Object.isFrozen(s) && Object.isFrozen(s.quotes) && Object.isFrozen(s.parameters)).toBe(true);
  });

  it('throws at load, naming the file, when a preset is broken', () => {
    const good = readScenario('no-pause.yaml');
    expect(() => loadPresets({ '../../scenarios/no-pause.yaml': good })).not.toThrow();
    expect(() => loadPresets({ '../../scenarios/broken.yaml': 'id: broken\ntitle: [oops\n' })).toThrow(/broken\.yaml:\d+: YAML syntax error/);
    expect(() => loadPresets({ '../../scenarios/bad.yaml': good.replace('response: skeptic', 'response: shrug') })).toThrow(
      /bad\.yaml:\d+: response must be one of/,
    );
    expect(() => loadPresets({ '../../scenarios/renamed.yaml': good })).toThrow(/renamed\.yaml has id "no-pause"/);
  });

  it('puts files with an exercise key into the exercise list', () => {
    const exercise = `${readScenario('no-pause.yaml').replace('id: no-pause', 'id: drill')}exercise:\n  objectives: [Practise]\n  modules:\n    - { title: Opening, fromMonth: 0, toMonth: 3, minutes: 20, questions: [What now?] }\n`;
    const { presets, exercises } = loadPresets({ 'x/no-pause.yaml': readScenario('no-pause.yaml'), 'x/drill.yaml': exercise });
    expect(presets.map((s) => s.id)).toEqual(['no-pause']);
    expect(exercises.map((s) => s.id)).toEqual(['drill']);
    expect(exercises[0].exercise?.modules[0]).toEqual({ title: 'Opening', fromMonth: 0, toMonth: 3, minutes: 20, questions: ['What now?'] });
  });
});

it('the example in scenarios/README.md parses', () => {
  const readme = readFileSync(`${SCENARIO_DIR}README.md`, 'utf8');
  const example = readme.split('```yaml')[1]?.split('```')[0] ?? '';
  const r = parseScenarioText(example);
  expect(r.ok ? 'ok' : r.errors).toBe('ok');
});

describe('conversion to the domain type', () => {
  it('fills defaults with fresh objects and leaves no undefined fields', () => {
    const a = ok(BASE);
    const b = ok(BASE);
    expect(a).toStrictEqual({
      ...BASE,
      policy: { kind: 'indefinite' },
      summary: '',
      quotes: [],
      horizonMonths: 24,
      parameters: {},
      injects: [],
    });
    expect(a.quotes).not.toBe(b.quotes);
    expect(a.injects).not.toBe(b.injects);
    expect(a.parameters).not.toBe(b.parameters);
  });

  it('trims prose (YAML block scalars end with a newline)', () => {
    const s = parseScenarioText('id: t\ntitle: "  T  "\nsummary: |\n  One paragraph.\ninterpretation: none\nresponse: skeptic\npolicy: {kind: indefinite}\n');
    expect(s.ok && [s.value.title, s.value.summary]).toEqual(['T', 'One paragraph.']);
  });

  // A bare number moves the mode; low and high keep their distance, clamped to the domain.
  it.each([
    ['escalationCeiling', 'deprioritized', 2, { low: 1.2, mode: 2, high: 3.8 }],
    ['monitoringRetained', 'diplomatic', 0.5, { low: 0.4, mode: 0.5, high: 0.55 }],
    ['monitoringRetained', 'deprioritized', 0.5, { low: 0.35, mode: 0.5, high: 0.7 }],
    ['monitoringRetained', 'diplomatic', 0.98, { low: 0.88, mode: 0.98, high: 1 }],
    ['restraintFragility', 'deprioritized', 0, { low: 0, mode: 0, high: 0.07 }],
    ['reengageLag', 'deprioritized', 4.4, { low: 2, mode: 4, high: 7 }],
    ['reengageLag', 'deprioritized', 4.5, { low: 3, mode: 5, high: 8 }],
    ['triggerMonths', 'deprioritized', 1, { low: 1, mode: 1, high: 3 }],
    ['health.baselineIncidents', 'deprioritized', 30, { low: 21, mode: 30, high: 59 }],
  ] as const)('%s = %s under %s moves the mode', (id, interpretation, value, expected) => {
    const s = ok({ ...BASE, interpretation, parameters: { [id]: value } });
    const r = s.parameters[id];
    expect(r.low).toBeCloseTo(expected.low, 9);
    expect(r.mode).toBeCloseTo(expected.mode, 9);
    expect(r.high).toBeCloseTo(expected.high, 9);
    const def = PARAM_BY_ID.get(id)!;
    expect(r).toEqual(shiftMode(def, defaultRange(def, interpretation), value));
  });

  it('keeps a full range as given, rounding whole-number parameters', () => {
    const s = ok({
      ...BASE,
      parameters: { escalationCeiling: { low: 0.5, mode: 1, high: 2 }, reengageLag: { low: 1.4, mode: 2.5, high: 5.49 } },
    });
    expect(s.parameters).toEqual({ escalationCeiling: { low: 0.5, mode: 1, high: 2 }, reengageLag: { low: 1, mode: 3, high: 5 } });
  });

  it.each([
    [{ kind: 'fixed', months: 9 }, { fixedMonths: 9 }],
    [{ kind: 'fixed', months: 8.6 }, { fixedMonths: 9 }],
    [{ kind: 'trigger', threshold: 60 }, { triggerThreshold: 60 }],
    [{ kind: 'trigger', threshold: 60, months: 3 }, { triggerThreshold: 60, triggerMonths: 3 }],
  ])('folds policy shorthand %j into parameters', (policy, modes) => {
    const s = ok({ ...BASE, policy });
    expect(s.policy).toEqual({ kind: policy.kind });
    expect(Object.fromEntries(Object.entries(s.parameters).map(([k, r]) => [k, r.mode]))).toEqual(modes);
  });

  it('gives injects ids and effect lists, keeping explicit ids unique', () => {
    const s = ok({
      ...BASE,
      injects: [
        { id: 'inject-2', month: 1, title: 'Named like a default' },
        { month: 2, title: 'One effect', effect: { type: 'reverse' } },
        { month: 3, title: 'Several', effects: [{ type: 'coverageShock', share: 0.5 }, { type: 'adversaryShift', amount: -0.2 }] },
        {
          month: 4,
          title: 'Decide',
          decision: {
            question: 'What now?',
            options: [
              { id: 'wait', label: 'Wait' },
              { id: 'act', label: 'Act', effect: { type: 'sectorShock', sector: 'health', factor: 1.5, months: 2 } },
            ],
            default: 'wait',
          },
        },
      ],
    });
    expect(s.injects.map((i) => i.id)).toEqual(['inject-2', 'inject-2-2', 'inject-3', 'inject-4']);
    expect(s.injects.map((i) => i.effects.length)).toEqual([0, 1, 2, 0]);
    expect(s.injects[3].decision).toEqual({
      question: 'What now?',
      options: [
        { id: 'wait', label: 'Wait', effects: [] },
        { id: 'act', label: 'Act', effects: [{ type: 'sectorShock', sector: 'health', factor: 1.5, months: 2 }] },
      ],
      defaultOption: 'wait',
    });
  });
});

describe('round trip', () => {
  const rich = ok({
    ...BASE,
    summary: 'A summary.',
    quotes: [{ speaker: 'Trey Ford', text: 'Pausing any operation' }],
    policy: { kind: 'trigger', threshold: 58, months: 3 },
    horizonMonths: 36,
    parameters: {
      escalationCeiling: 2,
      restraintDepth: { low: 0.1, mode: 0.2, high: 0.3 },
      'supply-chain.russiaShare': 0.55,
      reengageLag: { low: 2, mode: 2, high: 2 },
    },
    injects: [
      { month: 2, title: 'Leak', text: 'Player text', notes: 'Facilitator only', effect: { type: 'coverageShock', share: 0.3 } },
      { id: 'choice', month: 30, title: 'Choice', decision: { question: 'Q?', options: [{ id: 'a', label: 'A', expectedEffect: 'Calm' }, { id: 'b', label: 'B', effects: [{ type: 'reverse' }, { type: 'restraintCollapse' }] }], default: 'b', chosen: 'a' } },
    ],
    exercise: { audience: 'Students', minutes: 90, objectives: ['Learn'], modules: [{ title: 'M1', fromMonth: 0, toMonth: 12, minutes: 30, questions: ['Why?'] }] },
  });

  it("drops direction overrides from a file's texts: they reversed the app's own words printed beside a title", () => {
    // "abc\u202Etxt.exe" showed as "abcexe.txt", and "See it in" + title + " Compare" read "See it inexe.txt Compare".
    const spoof = { ...scenarioToFile(PRESETS[0]), title: 'abc\u202Etxt.exe', summary: 'Left \u2067isolated\u2069 and marked \u200F.' };
    const r = parseScenario(spoof);
    expect(r.ok && r.value.title).toBe('abctxt.exe');
    expect(r.ok && r.value.summary).toBe('Left isolated and marked \u200F.');
    // Removed before trimming, so no spaces are left at the ends.
    const padded = parseScenario({ ...spoof, title: '\u202E  Title ' });
    expect(padded.ok && padded.value.title).toBe('Title');
  });

  it.each([...PRESETS.map((s) => [s.id, s] as const), ['a rich scenario', rich] as const])('%s survives scenarioToFile and YAML', (_, s) => {
    expect(parseScenario(scenarioToFile(s))).toStrictEqual({ ok: true, value: s });
    expect(parseScenarioText(scenarioToYaml(s))).toStrictEqual({ ok: true, value: s });
    expect(parseScenarioText(JSON.stringify(scenarioToFile(s)), { format: 'json' })).toStrictEqual({ ok: true, value: s });
  });

  it('writes only overrides, as numbers when the range is the shifted default', () => {
    const file = scenarioToFile(rich) as Record<string, unknown>;
    expect(file.parameters).toEqual({
      escalationCeiling: 2,
      restraintDepth: { low: 0.1, mode: 0.2, high: 0.3 },
      'supply-chain.russiaShare': 0.55,
      reengageLag: { low: 2, mode: 2, high: 2 },
    });
    expect(file.policy).toEqual({ kind: 'trigger', threshold: 58, months: 3 });
    expect(scenarioToFile(presetById('no-pause')!)).not.toHaveProperty('parameters');
  });
});
