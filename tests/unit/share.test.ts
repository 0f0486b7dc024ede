import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeLink, encodeLink, modelVersionNotice, stateHash, LINK_FILE_THRESHOLD, type SharedState } from '../../src/share/link';
import { resolveRanges } from '../../src/model/engine';
import { simulate } from '../../src/model/simulate';
import { assertScenario } from '../../src/model/validate';
import { clampToDomain, PARAMETERS, INTERPRETATION_IDS, RESPONSE_IDS, POLICY_KINDS, SECTOR_IDS, MODEL_VERSION, shiftMode, defaultRange } from '../../src/model/parameters';
import { DISK_PRESETS as PRESETS } from '../helpers/presets';
import golden from '../fixtures/links-v1.json';
import LZString from 'lz-string';
import type { Scenario } from '../../src/model/types';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const fallback = (): SharedState => ({
  scenario: clone(PRESETS[0]),
  presetId: PRESETS[0].id,
  ensemble: { runs: 1000, seed: 'stand-down', noise: true },
  pinned: [],
  view: 'explore',
  explainTarget: { month: 12, target: 'composite' },
});

/** What must survive a round trip: the model's inputs and the view, not how overrides are spelled. */
const essence = (s: Scenario) => ({
  id: s.id, interpretation: s.interpretation, response: s.response, policy: s.policy.kind, horizon: s.horizonMonths,
  ranges: resolveRanges(s), injects: s.injects, title: s.title,
});
const stateEssence = (st: SharedState) => ({
  scenario: essence(st.scenario), presetId: st.presetId, ensemble: st.ensemble, view: st.view, explainTarget: st.explainTarget,
  pinned: st.pinned.map((p) => ({ label: p.label, scenario: essence(p.scenario) })),
});

const numericParams = PARAMETERS.filter((p) => Number.isFinite(p.domain.max) || true);

const stateArb: fc.Arbitrary<SharedState> = fc
  .record({
    preset: fc.constantFrom(...PRESETS),
    interpretation: fc.constantFrom(...INTERPRETATION_IDS),
    response: fc.constantFrom(...RESPONSE_IDS),
    policy: fc.constantFrom(...POLICY_KINDS),
    horizon: fc.integer({ min: 6, max: 60 }),
    edits: fc.array(fc.tuple(fc.constantFrom(...numericParams), fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 5 }),
    runs: fc.constantFrom(100, 1000, 2500, 10000, 100000),
    seed: fc.string({ minLength: 1, maxLength: 30 }),
    noise: fc.boolean(),
    view: fc.constantFrom('explore', 'compare', 'explain', 'model' as const),
    month: fc.nat(6),
    target: fc.constantFrom('composite', ...SECTOR_IDS),
    pins: fc.array(fc.tuple(fc.constantFrom(...PRESETS), fc.string({ maxLength: 20 })), { maxLength: 4 }),
  })
  .map((r) => {
    const scenario = clone(r.preset);
    if (scenario.interpretation !== r.interpretation) {
      scenario.interpretation = r.interpretation;
      for (const id of Object.keys(scenario.parameters)) if (PARAMETERS.find((p) => p.id === id)?.byInterpretation) delete scenario.parameters[id];
    }
    scenario.response = r.response;
    scenario.policy = { kind: r.policy };
    scenario.horizonMonths = r.horizon;
    scenario.injects = scenario.injects.filter((i) => i.month <= r.horizon);
    for (const [def, u] of r.edits) {
      const base = scenario.parameters[def.id] ?? defaultRange(def, scenario.interpretation);
      const lo = def.domain.min;
      const hi = Number.isFinite(def.domain.max) ? def.domain.max : base.high * 2;
      // Open ends (e.g. access decay < 1) are excluded: the generator makes only valid states.
      scenario.parameters[def.id] = shiftMode(def, base, clampToDomain(lo + u * (hi - lo), def.domain));
    }
    return {
      scenario, presetId: r.preset.id,
      ensemble: { runs: r.runs, seed: r.seed, noise: r.noise },
      pinned: r.pins.map(([p, label], i) => ({ id: `pin-${i + 1}`, label: label.trim() || p.title, scenario: clone(p) })),
      view: r.view as SharedState['view'],
      explainTarget: { month: r.month, target: r.target as SharedState['explainTarget']['target'] },
    };
  });

describe('share links', () => {
  it('a default view makes a short, readable link', () => {
    const st = fallback();
    st.scenario.parameters.escalationCeiling = shiftMode(PARAMETERS.find((p) => p.id === 'escalationCeiling')!, defaultRange(PARAMETERS.find((p) => p.id === 'escalationCeiling')!, 'deprioritized'), 1.5);
    st.ensemble.seed = '42';
    const link = encodeLink(st, PRESETS);
    expect(link).toMatch(new RegExp(`^v=1&m=${MODEL_VERSION}&s=${PRESETS[0].id}&escalationCeiling=1\\.5&seed=42`));
    expect(link.length).toBeLessThan(300);
  });

  it('property: encode → decode round-trips every valid state, with no problems', () => {
    fc.assert(
      fc.property(stateArb, (st) => {
        const decoded = decodeLink(encodeLink(st, PRESETS), PRESETS, fallback());
        expect(decoded.problems).toEqual([]);
        expect(stateEssence(decoded.state)).toEqual(stateEssence(st));
      }),
      { numRuns: 300 },
    );
  });

  it('a decoded link reproduces exactly the same numbers', () => {
    const st = fallback();
    st.scenario.parameters.responseSpeed = { low: 0.1, mode: 0.123456789, high: 0.5 };
    const again = decodeLink(encodeLink(st, PRESETS), PRESETS, fallback()).state;
    expect(simulate(again.scenario)).toEqual(simulate(st.scenario));
  });

  it('a custom scenario (different injects) is embedded whole and survives', () => {
    const st = fallback();
    st.scenario.title = 'My <b>own</b> scenario';
    st.scenario.injects = [{ id: 'inject-1', month: 3, title: '<script>alert(1)</script>', effects: [{ type: 'sectorShock', sector: 'health', factor: 2, months: 2 }] }];
    const link = encodeLink(st, PRESETS);
    expect(link).toContain('c=');
    const decoded = decodeLink(link, PRESETS, fallback());
    expect(decoded.problems).toEqual([]);
    expect(decoded.state.scenario.injects[0].title).toBe('<script>alert(1)</script>');
    expect(simulate(decoded.state.scenario)).toEqual(simulate(st.scenario));
  });

  it('long links are compressed when that is shorter, and flagged for a file when over the threshold', () => {
    const st = fallback();
    st.scenario.summary = 'x'.repeat(3000);
    const link = encodeLink(st, PRESETS);
    expect(link.length).toBeGreaterThan(0);
    const big = fallback();
    big.scenario.summary = Array.from({ length: 400 }, (_, i) => `word${i * 7919}`).join(' ');
    expect(encodeLink(big, PRESETS).length).toBeGreaterThan(LINK_FILE_THRESHOLD);
  });

  it('the golden corpus of version-1 links decodes to the same state forever', () => {
    for (const entry of golden) {
      const d = decodeLink(entry.link, PRESETS, fallback());
      const st = d.state;
      expect({
        problems: d.problems.length,
        presetId: st.presetId, interpretation: st.scenario.interpretation, response: st.scenario.response,
        policy: st.scenario.policy.kind, horizon: st.scenario.horizonMonths, parameters: st.scenario.parameters,
        ensemble: st.ensemble, view: st.view, explainTarget: st.explainTarget, pinned: st.pinned.map((p) => [p.label, p.scenario.id]),
        composite24: Math.round(simulate(st.scenario).composite[Math.min(24, st.scenario.horizonMonths)] * 1000) / 1000,
      }, entry.link).toEqual(entry.expected);
    }
  });

  it('refuses an absurd finite value, which used to overflow the engine to Infinity', () => {
    const d = decodeLink('#v=1&s=diplomatic-restraint&escalationCeiling=1e308', PRESETS, fallback());
    expect(d.problems.join('\n')).toMatch(/Escalation ceiling \(escalationCeiling="1e308"\) must be from 0 to 1000/);
    expect(d.state.scenario.parameters.escalationCeiling ?? null).toBeNull();
  });

  it('a repeated field: the first is used, and the message says so', () => {
    const d = decodeLink('#v=1&s=diplomatic-restraint&escalationCeiling=1&escalationCeiling=abc&escalationCeiling=2&seed=1&seed=2', PRESETS, fallback());
    const text = d.problems.join('\n');
    expect(text).toMatch(/The field "escalationCeiling" appears 3 times; the first \(escalationCeiling="1"\) is used/);
    expect(text).toMatch(/The field "seed" appears 2 times/);
    expect(text).not.toMatch(/abc/);
    expect(d.state.scenario.parameters.escalationCeiling).toMatchObject({ mode: 1 });
    expect(d.state.ensemble.seed).toBe('1');
  });

  it('a pinned comparison that names no scenario is not pinned; unknown fields in it and unknown a.* fields are named', () => {
    const d = decodeLink('#v=1&s=diplomatic-restraint&view=compare&pin=garbage&pin=s%3Ddeprioritized-free-hits%26foo%3Dbar&a.foo=1', PRESETS, fallback());
    const text = d.problems.join('\n');
    expect(text).toMatch(/Pinned scenario 1: "garbage" names no scenario; it was not pinned/);
    expect(text).toMatch(/Pinned scenario 2: unknown field "foo" ignored/);
    expect(text).toMatch(/Unknown link field "a\.foo" ignored/);
    expect(d.state.pinned.map((p) => p.scenario.id)).toEqual(['deprioritized-free-hits']);
  });

  it('an invalid embedded scenario is named in one clean sentence (no ".;" or ".)")', () => {
    const c = LZString.compressToEncodedURIComponent(JSON.stringify({ id: 'x', title: 'T', interpretation: 'zzz', response: 'nope' }));
    const text = decodeLink(`#v=1&c=${c}`, PRESETS, fallback()).problems.join('\n');
    expect(text).toMatch(/The embedded scenario is not valid \(/);
    expect(text).not.toMatch(/\.[;)]/);
  });

  it('an embedded scenario that cannot be used gives way to the preset named beside it', () => {
    const d = decodeLink('#v=1&s=diplomatic-restraint&c=NoIgLgTg9gzgdAJQ', PRESETS, fallback());
    expect(d.problems.join('\n')).toMatch(/The embedded scenario \(c=\) is damaged and could not be read; showing the preset s="diplomatic-restraint" instead/);
    expect(d.state.presetId).toBe('diplomatic-restraint');
    expect(decodeLink('#v=1&c=NoIgLgTg9gzgdAJQ', PRESETS, fallback()).problems.join('\n')).toMatch(/showing the default scenario instead/);
  });

  it('names what is wrong and keeps everything else', () => {
    const d = decodeLink('#v=1&s=diplomatic-restraint&escalationCeiling=banana&restraintDepth=7&n=5&noise=maybe&seed=7&bogus=1&i=hawkish', PRESETS, fallback());
    expect(d.state.presetId).toBe('diplomatic-restraint');
    expect(d.state.ensemble.seed).toBe('7');
    const text = d.problems.join('\n');
    expect(text).toMatch(/Escalation ceiling \(escalationCeiling="banana"\) must be a number, from 0 to 1000/);
    expect(text).toMatch(/Restraint depth \(restraintDepth="7"\) must be from 0 to 1/);
    // A whole-number parameter says so once ("must be a number, a whole number…" before).
    const months = decodeLink('#v=1&s=diplomatic-restraint&triggerMonths=abc', PRESETS, fallback()).problems.join('\n');
    expect(months).toMatch(/Trigger months \(triggerMonths="abc"\) must be a whole number from 1 to 60/);
    expect(text).toMatch(/Ensemble size n="5"/);
    expect(text).toMatch(/noise="maybe"/);
    expect(text).toMatch(/Unknown link field "bogus"/);
    expect(text).toMatch(/Unknown interpretation i="hawkish"/);
  });

  it('refuses newer formats, damaged compression and oversized links without throwing', () => {
    expect(decodeLink('v=9&s=no-pause', PRESETS, fallback()).problems[0]).toMatch(/newer Stand-Down/);
    expect(decodeLink('v=1&z=%%%%', PRESETS, fallback()).problems[0]).toMatch(/damaged/);
    expect(decodeLink('v=1&s=' + 'a'.repeat(300_000), PRESETS, fallback()).problems[0]).toMatch(/too long/);
    expect(decodeLink('v=1&c=garbage', PRESETS, fallback()).problems[0]).toMatch(/embedded scenario/);
    expect(decodeLink('v=1&s=no-pause&escalationCeiling=NaN&responseSpeed=Infinity&h=1e400', PRESETS, fallback()).problems).toHaveLength(3);
  });

  it('property: decoding never throws and always yields a runnable state (10,000 arbitrary and mutated links)', () => {
    const valid = fc.sample(stateArb, 50).map((st) => encodeLink(st, PRESETS));
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.nat(), fc.nat(), fc.string({ maxLength: 8 }))
      .map(([link, a, b, insert]) => {
        const i = a % (link.length + 1);
        const j = Math.min(link.length, i + (b % 12));
        return link.slice(0, i) + insert + link.slice(j);
      });
    const arbitrary = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), mutated, mutated);
    fc.assert(
      fc.property(arbitrary, (link) => {
        const d = decodeLink(link, PRESETS, fallback());
        // The engine's own guard: what it accepts, it runs.
        expect(() => assertScenario(d.state.scenario)).not.toThrow();
        for (const p of d.state.pinned) expect(() => assertScenario(p.scenario)).not.toThrow();
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('citation hashes are short, stable and differ between states', () => {
    const a = encodeLink(fallback(), PRESETS);
    expect(stateHash(a)).toMatch(/^[0-9a-z]{10}$/);
    expect(stateHash(a)).toBe(stateHash(a));
    expect(stateHash(a + 'x')).not.toBe(stateHash(a));
  });

  it('fields beside an embedded scenario (c=) change it, and a bad one is named; nothing is dropped unsaid', () => {
    const custom = { ...clone(PRESETS[1]), id: 'my-own', title: 'My own scenario' };
    const st = { ...fallback(), scenario: custom, presetId: 'my-own' };
    const link = encodeLink(st, PRESETS);
    expect(link).toMatch(/(^|&)(c|z)=/);
    // The readable form, with c= and edits beside it.
    const c = `c=${LZString.compressToEncodedURIComponent(JSON.stringify({ id: 'my-own', title: 'My own scenario', interpretation: custom.interpretation, response: custom.response, policy: custom.policy, horizonMonths: custom.horizonMonths }))}`;
    const d = decodeLink(`v=1&${c}&escalationCeiling=5&h=12&r=restraint&i=banana`, PRESETS, fallback());
    expect(d.state.scenario.title).toBe('My own scenario');
    expect(d.state.scenario.horizonMonths).toBe(12);
    expect(d.state.scenario.response).toBe('restraint');
    expect(d.state.scenario.parameters.escalationCeiling.mode).toBe(5);
    expect(d.problems).toEqual([expect.stringMatching(/^Unknown interpretation i="banana"/)]);
  });

  it('fields beside the compressed form (z=) change what it holds', () => {
    const link = encodeLink({ ...fallback(), pinned: [{ id: 'pin-1', label: 'x'.repeat(60), scenario: clone(PRESETS[2]) }] }, PRESETS);
    expect(link).toMatch(/&z=/);
    const d = decodeLink(`${link}&seed=777&h=abc`, PRESETS, fallback());
    expect(d.state.ensemble.seed).toBe('777');
    expect(d.state.pinned).toHaveLength(1);
    expect(d.problems).toEqual([expect.stringMatching(/^Horizon h="abc" is not a whole number/)]);
  });

  it('reads links whose "&" became "&amp;", or that were encoded twice, and says so', () => {
    const st = { ...fallback(), ensemble: { runs: 500, seed: 'abc', noise: false } };
    const link = encodeLink(st, PRESETS);
    for (const mangled of [link.replace(/&/g, '&amp;'), encodeURIComponent(link)]) {
      const d = decodeLink(mangled, PRESETS, fallback());
      expect(d.unread).toBeFalsy();
      expect(d.state.ensemble).toEqual(st.ensemble);
      expect(d.problems).toEqual([expect.stringMatching(/&amp;|encoded twice/)]);
    }
  });

  it('a link of nothing but unknown fields is left unread (it stays in the address bar), not applied as the default', () => {
    const d = decodeLink('v=1&m=1.0&foo=1&bar=2', PRESETS, fallback());
    expect(d.unread).toBe(true);
    expect(d.problems).toEqual([expect.stringMatching(/^Unknown link fields "foo", "bar" ignored\./)]);
    expect(decodeLink('v=1&m=1.0&foo=1&n=500', PRESETS, fallback()).unread).toBeFalsy();
  });

  it("a pinned scenario's repeated field is read from its first occurrence, as the main link's, and named", () => {
    const pin = new URLSearchParams([['s', PRESETS[1].id], ['escalationCeiling', '2'], ['escalationCeiling', '3'], ['l', 'P']]).toString();
    const d = decodeLink(`v=1&s=${PRESETS[0].id}&pin=${encodeURIComponent(pin)}`, PRESETS, fallback());
    expect(d.state.pinned[0].scenario.parameters.escalationCeiling.mode).toBe(2);
    expect(d.problems).toEqual(['Pinned scenario 1: the field "escalationCeiling" appears 2 times; the first (escalationCeiling="2") is used.']);
  });

  it("drops direction overrides from a pinned scenario's label", () => {
    const pin = new URLSearchParams([['s', PRESETS[1].id], ['l', 'Mine \u202Eexe.txt']]).toString();
    const d = decodeLink(`v=1&s=${PRESETS[0].id}&pin=${encodeURIComponent(pin)}`, PRESETS, fallback());
    expect(d.state.pinned[0].label).toBe('Mine exe.txt');
  });

  it('tells when a link was made with another model version', () => {
    expect(modelVersionNotice(MODEL_VERSION)).toBeNull();
    expect(modelVersionNotice('0.9')).toMatch(/made with model 0\.9 and is shown with model/);
    // The app's links always carry m=; a hand-written one without it is shown with this model, and says so.
    expect(modelVersionNotice('')).toMatch(/\(its m= field is empty\)/);
    expect(modelVersionNotice('9\u202E.1')).toMatch(/^This link was made with model 9\.1 and/);
    expect(decodeLink('v=1&s=no-pause&seed=a%E2%80%AEb', PRESETS, fallback()).problems).toEqual([expect.stringMatching(/^Seed must not hold direction-changing characters/)]);
    expect(modelVersionNotice(null)).toBe(`This link does not say which model it was made with (it has no m= field); it is shown with model ${MODEL_VERSION}, and numbers may differ from the ones its author saw.`);
  });
});

describe('analyst settings in links', () => {
  it('travel as a.* fields and come back; bad ones are named', async () => {
    const { defaultAnalysisSettings } = await import('../../src/analysis/settings');
    const st = fallback();
    st.analysis = { ...defaultAnalysisSettings(), metric: 'peak', observations: [{ sector: 'health', month: 1, count: 27 }, { sector: 'health', month: 2, count: 31 }] };
    const link = encodeLink(st, PRESETS);
    expect(link).toContain('a.metric=peak');
    expect(link).toContain('a.obs=health%3A1%3A27%2Chealth%3A2%3A31');
    const d = decodeLink(link, PRESETS, fallback());
    expect(d.problems).toEqual([]);
    expect(d.state.analysis).toEqual(st.analysis);
    const bad = decodeLink('v=1&s=no-pause&a.metric=vibes&a.obs=health:x:3', PRESETS, fallback());
    expect(bad.problems.join(' ')).toMatch(/Analysis settings:/);
    expect(bad.state.analysis?.metric).toBe(defaultAnalysisSettings().metric);
  });
});
