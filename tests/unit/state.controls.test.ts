/** Pure helpers behind the controls and the shell (slider scales, typed numbers, shortcuts). */
import { describe, expect, it } from 'vitest';
import { PARAMETERS, PARAM_BY_ID, defaultRange } from '../../src/model/parameters';
import { assumptionGroups, sectorGroups, SET_ABOVE } from '../../src/ui/controls/assumptions';
import { INTERPRETATION_CHOICES, POLICY_CHOICES, RESPONSE_CHOICES } from '../../src/ui/controls/choices';
import { formatField, niceCeil, parseTyped, sliderScale, sourceText } from '../../src/ui/controls/numeric';
import { isTypingTarget, shortcutFor } from '../../src/ui/layout/shortcuts';

describe('parseTyped', () => {
  it.each([
    ['1.2', 1.2],
    [' 3 ', 3],
    ['-0.5', -0.5],
    ['−2', -2],
    ['.5', 0.5],
    ['1e3', 1000],
    ['4.', 4],
  ])('reads "%s" as %s', (text, value) => expect(parseTyped(text)).toBe(value));

  it.each(['', '  ', 'abc', '1.2.3', '0x10', '1,5', 'Infinity', 'NaN', '--1'])('refuses "%s"', (text) => {
    expect(parseTyped(text)).toBeNaN();
  });
});

describe('slider scales', () => {
  const scale = (id: string) => {
    const def = PARAM_BY_ID.get(id)!;
    const r = defaultRange(def, 'deprioritized');
    return sliderScale(def, r, r);
  };

  it.each([
    ['restraintDepth', { min: 0, max: 1, step: 0.01 }],
    ['responseSpeed', { min: 0.01, max: 1, step: 0.01 }],
    ['accessDecay', { min: 0, max: 0.99, step: 0.01 }],
    ['triggerThreshold', { min: 0, max: 100, step: 1 }],
    ['reengageLag', { min: 1, max: 60, step: 1 }],
    ['escalationCeiling', { min: 0, max: 10, step: 0.1 }],
    ['vigilanceRamp', { min: 1, max: 25, step: 0.1 }],
  ])('%s', (id, expected) => expect(scale(id)).toEqual(expected));

  it('every default mode lies on its slider, and every slider has a sensible number of steps', () => {
    for (const def of PARAMETERS) {
      const r = defaultRange(def, 'diplomatic');
      const s = sliderScale(def, r, r);
      expect(r.mode, def.id).toBeGreaterThanOrEqual(s.min);
      expect(r.mode, def.id).toBeLessThanOrEqual(s.max);
      expect(r.high, def.id).toBeLessThanOrEqual(s.max);
      const steps = (s.max - s.min) / s.step;
      expect(steps, def.id).toBeGreaterThanOrEqual(5);
      expect(steps, def.id).toBeLessThanOrEqual(1000);
    }
  });

  it('stretches to a typed value beyond its end', () => {
    const def = PARAM_BY_ID.get('escalationCeiling')!;
    expect(sliderScale(def, def.range, { low: 10, mode: 14, high: 16 }).max).toBe(14);
  });

  it('niceCeil', () => {
    expect([0.3, 1, 2.4, 6, 7, 24, 720].map(niceCeil)).toEqual([0.5, 1, 2.5, 10, 10, 25, 1000]);
  });
});

describe('formatting', () => {
  it('formatField drops float noise', () => {
    expect(formatField(0.1 + 0.2)).toBe('0.3');
    expect(formatField(1.2)).toBe('1.2');
    expect(formatField(NaN)).toBe('');
  });
  it('sourceText drops the bare "Integer" notes', () => {
    expect(sourceText('Integer')).toBe('');
    expect(sourceText('Integer; Kreps & Schneider')).toBe('Kreps & Schneider');
    expect(sourceText('Assumption')).toBe('Assumption');
  });
});

describe('choices come from the parameter table', () => {
  it('uses the exact option names', () => {
    expect(INTERPRETATION_CHOICES.map((c) => c.label)).toEqual(['Deprioritized', 'Diplomatic signal', 'Reallocation']);
    expect(RESPONSE_CHOICES.map((c) => c.label)).toEqual(['Reciprocal restraint', 'Free hits', 'No change', 'Unknown']);
    expect(POLICY_CHOICES.map((c) => c.label)).toEqual(['Indefinite', 'Fixed term', 'Reverse on trigger']);
    expect(INTERPRETATION_CHOICES.every((c) => c.quote?.speaker === 'Chris Gray (as summarised by SecureWorld News)')).toBe(true);
  });
});

describe('assumption groups', () => {
  it('cover every parameter exactly once', () => {
    const ids = [
      ...assumptionGroups().flatMap((g) => [...g.params, ...g.elsewhere]),
      ...sectorGroups().flatMap((g) => g.params),
    ].map((p) => p.id);
    expect(ids.sort()).toEqual(PARAMETERS.map((p) => p.id).sort());
    expect([...SET_ABOVE].every((id) => PARAM_BY_ID.has(id))).toBe(true);
  });
});

describe('shortcuts', () => {
  const el = (tag: string, type?: string) => ({ tagName: tag, type, isContentEditable: false, closest: () => null }) as unknown as EventTarget;
  const key = (k: string, mods: Partial<KeyboardEvent> = {}, target: EventTarget | null = null) =>
    shortcutFor({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, target, ...mods } as KeyboardEvent);

  it.each([
    [key('z', { ctrlKey: true }), 'undo'],
    [key('z', { metaKey: true }), 'undo'],
    [key('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [key('z', { metaKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('z'), null],
    [key('z', { ctrlKey: true, altKey: true }), null],
    [key('z', { ctrlKey: true }, el('INPUT', 'text')), null],
    [key('z', { ctrlKey: true }, el('TEXTAREA')), null],
    [key('z', { ctrlKey: true }, el('INPUT', 'range')), 'undo'],
    [key('z', { ctrlKey: true }, el('SELECT')), 'undo'],
  ])('%#: %s', (got, expected) => expect(got).toBe(expected));

  it('content-editable counts as typing', () => {
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true, closest: () => null } as unknown as EventTarget)).toBe(true);
  });
});
