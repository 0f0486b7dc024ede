import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_OBSERVATIONS, URL_KEYS, decodeAnalysisSettings, defaultAnalysisSettings, encodeAnalysisSettings, sameAnalysisSettings,
  validateAnalysisSettings, type AnalysisSettings,
} from '../../src/analysis/settings';
import { METRIC_IDS } from '../../src/analysis/metrics';
import { POLICY_OPTION_IDS } from '../../src/analysis/policies';
import { WORLD_IDS } from '../../src/analysis/worlds';
import { SECTOR_IDS } from '../../src/model/parameters';

describe('analysis settings', () => {
  it('defaults: incidents, no observations, uniform priors, every policy', () => {
    const d = defaultAnalysisSettings();
    expect(d.metric).toBe('incidents');
    expect(d.observations).toEqual([]);
    expect(Object.keys(d.priors)).toEqual([...WORLD_IDS]);
    expect(Object.values(d.priors).every((w) => w === 1)).toBe(true);
    expect(d.policies).toEqual([...POLICY_OPTION_IDS]);
  });

  it('writes nothing for the defaults, and the documented fields otherwise', () => {
    expect(encodeAnalysisSettings(defaultAnalysisSettings()).toString()).toBe('');
    const s: AnalysisSettings = {
      ...defaultAnalysisSettings(),
      metric: 'peak',
      observations: [
        { sector: 'health', month: 1, count: 25 },
        { sector: 'health', month: 2, count: 31 },
      ],
    };
    const p = encodeAnalysisSettings(s);
    expect(p.get('a.metric')).toBe('peak');
    expect(p.get('a.obs')).toBe('health:1:25,health:2:31');
    expect(p.has('a.prior')).toBe(false);
    expect(decodeAnalysisSettings(new URLSearchParams('a.metric=peak&a.obs=health:1:25,health:2:31'))).toEqual({ value: s, errors: [] });
  });

  it('keeps the other fields of a link and replaces stale analysis ones', () => {
    const p = new URLSearchParams('s=abc&a.metric=cost&a.pol=none,indefinite');
    encodeAnalysisSettings(defaultAnalysisSettings(), p);
    expect(p.toString()).toBe('s=abc');
  });

  it('round-trips priors and a policy subset', () => {
    const s = defaultAnalysisSettings();
    s.priors['diplomatic/restraint'] = 2.5;
    s.priors['deprioritized/skeptic'] = 0;
    s.policies = ['none', 'trigger-56', 'fixed-6'];
    const p = encodeAnalysisSettings(s);
    expect(p.get(URL_KEYS.policies)).toBe('none,fixed-6,trigger-56');
    const back = decodeAnalysisSettings(new URLSearchParams(p.toString()));
    expect(back.errors).toEqual([]);
    expect(back.value.priors).toEqual(s.priors);
    expect(back.value.policies).toEqual(['none', 'fixed-6', 'trigger-56']);
  });

  it("carries the policy table's weighting, written only when it is the posterior", () => {
    expect(defaultAnalysisSettings().weighting).toBe('priors');
    const p = encodeAnalysisSettings({ ...defaultAnalysisSettings(), weighting: 'posterior' });
    expect(p.toString()).toBe('a.weigh=posterior');
    expect(decodeAnalysisSettings(p).value.weighting).toBe('posterior');
    const bad = decodeAnalysisSettings(new URLSearchParams('a.weigh=votes'));
    expect(bad.value.weighting).toBe('priors');
    expect(bad.errors).toEqual(['weighting: unknown "votes"; use priors or posterior']);
  });

  it('drops what it cannot use, says why, and keeps the rest', () => {
    const r = decodeAnalysisSettings(
      new URLSearchParams('a.metric=nope&a.obs=health:1:25,mars:1:2,health:x:3,finance:2:-4,oops&a.prior=diplomatic/restraint:3,venus:2,diplomatic/skeptic:-1&a.pol=none'),
    );
    expect(r.value.metric).toBe('incidents');
    expect(r.value.observations).toEqual([{ sector: 'health', month: 1, count: 25 }]);
    expect(r.value.priors['diplomatic/restraint']).toBe(3);
    expect(r.value.priors['diplomatic/skeptic']).toBe(1);
    expect(r.value.policies).toEqual([...POLICY_OPTION_IDS]);
    expect(r.errors).toHaveLength(8);
    expect(r.errors.join('\n')).toMatch(/metric: unknown "nope"/);
    expect(r.errors.join('\n')).toMatch(/unknown sector "mars"/);
    expect(r.errors.join('\n')).toMatch(/compare at least two/);
  });

  it('all-zero priors become uniform; too many observations are cut', () => {
    const zero = Object.fromEntries(WORLD_IDS.map((id) => [id, 0]));
    expect(Object.values(validateAnalysisSettings({ priors: zero }).value.priors).every((w) => w === 1)).toBe(true);
    const many = Array.from({ length: 200 }, (_, i) => ({ sector: SECTOR_IDS[i % 6], month: Math.floor(i / 6), count: i }));
    const v = validateAnalysisSettings({ observations: many });
    expect(v.value.observations).toHaveLength(MAX_OBSERVATIONS);
    expect(v.errors[0]).toMatch(/only the first/);
  });

  it('the validator never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const r = validateAnalysisSettings(x);
        expect(METRIC_IDS).toContain(r.value.metric);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.values(URL_KEYS), 'x'), fc.string()), (fields) => {
        decodeAnalysisSettings(new URLSearchParams(fields));
      }),
    );
  });

  it('valid settings survive encode → decode unchanged', () => {
    const observation = fc.record({
      sector: fc.constantFrom(...SECTOR_IDS),
      month: fc.integer({ min: 0, max: 60 }),
      count: fc.integer({ min: 0, max: 1_000_000 }),
    });
    const settings = fc.record({
      metric: fc.constantFrom(...METRIC_IDS),
      observations: fc.uniqueArray(observation, { maxLength: 20, selector: (o) => `${o.sector}:${o.month}` }),
      priors: fc.record(Object.fromEntries(WORLD_IDS.map((id) => [id, fc.double({ min: 0.01, max: 1000, noNaN: true })]))),
      policies: fc.subarray([...POLICY_OPTION_IDS], { minLength: 2 }),
      weighting: fc.constantFrom('priors', 'posterior'),
    }) as fc.Arbitrary<AnalysisSettings>;
    fc.assert(
      fc.property(settings, (s) => {
        const clean = validateAnalysisSettings(s).value;
        const back = decodeAnalysisSettings(new URLSearchParams(encodeAnalysisSettings(clean).toString()));
        expect(back.errors).toEqual([]);
        expect(sameAnalysisSettings(back.value, clean)).toBe(true);
        expect(back.value.observations).toEqual(clean.observations);
        for (const id of WORLD_IDS) expect(back.value.priors[id] / clean.priors[id]).toBeCloseTo(1, 8);
      }),
    );
  });
  it('a link of very long or very many bad values gives a short message: values cut to 40 characters, at most eight problems listed', () => {
    const long = 'x'.repeat(30_000);
    const params = new URLSearchParams([
      ['a.metric', long], ['a.pol', `${long},${long}`], ['a.obs', Array.from({ length: 50 }, (_, i) => `bad${i}`).join(',')],
    ]);
    const { errors } = decodeAnalysisSettings(params);
    expect(errors.slice(0, 4)).toEqual([
      'a.obs item 1 "bad0" is not sector:month:count', 'a.obs item 2 "bad1" is not sector:month:count', 'a.obs item 3 "bad2" is not sector:month:count',
      'a.obs: 47 more items are not sector:month:count',
    ]);
    expect(errors.length).toBeLessThanOrEqual(9);
    expect(errors.join(' ').length).toBeLessThan(1500);
    expect(errors.some((e) => e.startsWith('metric: unknown'))).toBe(true);
    // The count of those not listed is right: 5 malformed observations (3 listed, 1 line for the rest) and 20 unknown worlds.
    const many = decodeAnalysisSettings(new URLSearchParams([
      ['a.obs', 'a,b,c,d,e'], ['a.prior', Array.from({ length: 20 }, (_, i) => `world${i}:1`).join(',')],
    ])).errors;
    expect(many).toHaveLength(9);
    expect(many[8]).toBe(`and ${4 + 20 - 8} more problems`);
    expect(errors.some((e) => e.includes(`"${'x'.repeat(40)}…"`))).toBe(true);
  });
});
