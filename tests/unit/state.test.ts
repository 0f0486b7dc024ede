import { describe, expect, it } from 'vitest';
import { PARAMETERS, PARAM_BY_ID, defaultRange } from '../../src/model/parameters';
import { simulate } from '../../src/model/simulate';
import type { Scenario } from '../../src/model/types';
import { finalPauseEffect, gridCells, keyNumbers, peakPauseEffect } from '../../src/state/compare';
import {
  applyEdit,
  currentRange,
  initialState,
  loadPreset,
  pin,
  resetParameter,
  resetToPreset,
  setExplainTarget,
  setHorizon,
  setInterpretation,
  setNoise,
  setParameterMode,
  setPolicy,
  setResponse,
  setRuns,
  setSeed,
  setView,
  unpin,
  withInterpretation,
  type Edit,
} from '../../src/state/edits';
import { History } from '../../src/state/history';
import { changedParameters, describeScenario, isEdited, scenarioTitle } from '../../src/state/labels';
import { baselineScenario, expectedPath, forcedReversalMonth } from '../../src/state/model';
import { APP_PRESETS, DEFAULT_PRESET_ID } from '../../src/state/presets';
import { encodeLink } from '../../src/share/link';
import { stateFromLink } from '../../src/state/startup';
import { createStore } from '../../src/state/store.svelte';
import type { AppState } from '../../src/state/types';
import { runEnsemble } from '../../src/model/ensemble';

/** Apply edits in turn; fail the test if one is refused. */
function run(state: AppState, ...edits: Edit[]): AppState {
  for (const e of edits) {
    const r = applyEdit(state, e);
    expect(r.error).toBeNull();
    state = r.state;
  }
  return state;
}

const base = () => initialState();

describe('initialState', () => {
  it('opens the default preset with default ensemble settings', () => {
    const s = base();
    expect(s.presetId).toBe(DEFAULT_PRESET_ID);
    expect(s.scenario.id).toBe(DEFAULT_PRESET_ID);
    expect(s.ensemble).toEqual({ runs: 1000, seed: 'stand-down', noise: true });
    expect(s.pinned).toEqual([]);
    expect(s.view).toBe('explore');
    expect(s.explainTarget).toEqual({ month: 12, target: 'composite' });
  });

  it('copies the preset, so the frozen preset is never shared with the state', () => {
    const s = base();
    const preset = APP_PRESETS[0];
    expect(s.scenario).toEqual(preset);
    expect(s.scenario).not.toBe(preset);
  });

  it('falls back to the first preset for an unknown id', () => {
    expect(initialState('nope').presetId).toBe(APP_PRESETS[0].id);
  });
});

describe('scenario choices', () => {
  it.each([
    ['setInterpretation', setInterpretation('diplomatic'), (s: AppState) => s.scenario.interpretation, 'diplomatic'],
    ['setResponse', setResponse('restraint'), (s: AppState) => s.scenario.response, 'restraint'],
    ['setPolicy', setPolicy('fixed'), (s: AppState) => s.scenario.policy.kind, 'fixed'],
    ['setNoise', setNoise(false), (s: AppState) => s.ensemble.noise, false],
    ['setView', setView('compare'), (s: AppState) => s.view, 'compare'],
  ] as const)('%s applies', (_name, edit, read, expected) => {
    const { state, error } = applyEdit(base(), edit as Edit);
    expect(error).toBeNull();
    expect(read(state)).toBe(expected);
  });

  it.each([
    ['interpretation', setInterpretation('sideways' as never), 'Unknown interpretation "sideways"'],
    ['response', setResponse('maybe' as never), 'Unknown adversary response "maybe"'],
    ['policy', setPolicy('whenever' as never), 'Unknown US policy "whenever"'],
    ['view', setView('map' as never), 'Unknown view "map"'],
  ])('refuses an unknown %s and changes nothing', (_name, edit, message) => {
    const s = base();
    const r = applyEdit(s, edit);
    expect(r.error).toContain(message);
    expect(r.state).toBe(s);
  });

  it('drops overrides of interpretation-specific parameters when the reading changes', () => {
    let s = run(base(), setParameterMode('monitoringRetained', 0.3), setParameterMode('escalationCeiling', 2));
    s = run(s, setInterpretation('diplomatic'));
    expect(s.scenario.parameters.monitoringRetained).toBeUndefined();
    expect(s.scenario.parameters.escalationCeiling.mode).toBe(2);
    expect(currentRange(s.scenario, 'monitoringRetained')).toEqual({ low: 0.85, mode: 0.95, high: 1 });
  });

  it('keeps overrides when the same reading is chosen again', () => {
    let s = run(base(), setParameterMode('monitoringRetained', 0.3));
    s = run(s, setInterpretation(s.scenario.interpretation));
    expect(s.scenario.parameters.monitoringRetained.mode).toBe(0.3);
  });

  it('withInterpretation leaves its input alone', () => {
    const s = run(base(), setParameterMode('sharingRetained', 0.5)).scenario;
    const t = withInterpretation(s, 'reallocation');
    expect(s.parameters.sharingRetained.mode).toBe(0.5);
    expect(t.parameters.sharingRetained).toBeUndefined();
    expect(t.interpretation).toBe('reallocation');
  });
});

describe('setParameterMode', () => {
  it('moves the mode and keeps low and high at their distance', () => {
    const s = run(base(), setParameterMode('escalationCeiling', 2));
    expect(s.scenario.parameters.escalationCeiling).toEqual({ low: 1.2, mode: 2, high: 3.8 });
  });

  it('clamps low and high to the domain', () => {
    const s = run(base(), setParameterMode('restraintDepth', 0.95));
    const r = s.scenario.parameters.restraintDepth;
    expect(r.mode).toBe(0.95);
    expect(r.high).toBe(1);
    expect(r.low).toBeCloseTo(0.8);
  });

  it('rounds whole-number parameters half up', () => {
    const s = run(base(), setParameterMode('reengageLag', 1.5));
    expect(s.scenario.parameters.reengageLag).toEqual({ low: 1, mode: 2, high: 5 });
    const t = run(base(), setParameterMode('reengageLag', 4.4));
    expect(t.scenario.parameters.reengageLag.mode).toBe(4);
  });

  it('removes the override when the value goes back to the default', () => {
    let s = run(base(), setParameterMode('escalationCeiling', 2));
    s = run(s, setParameterMode('escalationCeiling', 1.2));
    expect(s.scenario.parameters.escalationCeiling).toBeUndefined();
  });

  it.each([
    ['escalationCeiling', -1, 'Escalation ceiling must be from 0 to 1000; kept 1.2'],
    ['escalationCeiling', NaN, 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2'],
    ['escalationCeiling', Infinity, 'Escalation ceiling must be a number, from 0 to 1000; kept 1.2'],
    ['restraintDepth', 1.5, 'Restraint depth must be from 0 to 1; kept 0.2'],
    ['responseSpeed', 0, 'Adversary response speed must be from 0 (exclusive) to 1; kept 0.25'],
    ['accessDecay', 1, 'Access decay must be from 0 to 1 (exclusive); kept 0.07'],
    ['triggerThreshold', 101, 'Trigger threshold must be from 0 to 100; kept 56'],
    ['reengageLag', 0, 'Re-engagement lag must be a whole number from 1 to 60; kept 3'],
    ['reengageLag', 61, 'Re-engagement lag must be a whole number from 1 to 60; kept 3'],
    // Not "must be a number, a whole number from 1 to 60".
    ['reengageLag', NaN, 'Re-engagement lag must be a whole number from 1 to 60; kept 3'],
    ['vigilanceRamp', 0.5, 'Vigilance ramp-up must be from 1 to 600; kept 6'],
  ])('refuses %s = %s with a message naming the allowed range', (id, value, message) => {
    const s = base();
    const r = applyEdit(s, setParameterMode(id, value));
    expect(r.error).toBe(message);
    expect(r.state).toBe(s);
  });

  it('names the value in force, not the default, when refusing', () => {
    const s = run(base(), setParameterMode('escalationCeiling', 2.5));
    expect(applyEdit(s, setParameterMode('escalationCeiling', -3)).error).toBe('Escalation ceiling must be from 0 to 1000; kept 2.5');
  });

  it('refuses an unknown parameter', () => {
    expect(applyEdit(base(), setParameterMode('warpFactor', 1)).error).toBe('Unknown parameter "warpFactor"');
  });

  it('accepts the ends of every domain that are included, and the mode of every parameter', () => {
    for (const def of PARAMETERS) {
      const mode = defaultRange(def, 'deprioritized').mode;
      expect(applyEdit(base(), setParameterMode(def.id, mode)).error, def.id).toBeNull();
      if (!def.domain.minOpen) expect(applyEdit(base(), setParameterMode(def.id, def.domain.min)).error, def.id).toBeNull();
    }
  });

  it('always leaves a scenario the engine accepts', () => {
    let s = base();
    for (const def of PARAMETERS) {
      const d = def.domain;
      const target = Number.isFinite(d.max) && d.max < 1000 ? (d.maxOpen ? d.max - 0.01 : d.max) : d.min + 10;
      s = applyEdit(s, setParameterMode(def.id, target)).state;
    }
    expect(expectedPath(s.scenario).ok).toBe(true);
  });

  it('resetParameter removes the override', () => {
    let s = run(base(), setParameterMode('privateResponse', 0.2));
    s = run(s, resetParameter('privateResponse'));
    expect(s.scenario.parameters.privateResponse).toBeUndefined();
  });
});

describe('setHorizon', () => {
  it('accepts whole months from 6 to 60', () => {
    expect(run(base(), setHorizon(6)).scenario.horizonMonths).toBe(6);
    expect(run(base(), setHorizon(60)).scenario.horizonMonths).toBe(60);
  });

  it.each([5, 61, 12.5, NaN])('refuses %s', (months) => {
    const r = applyEdit(base(), setHorizon(months));
    expect(r.error).toBe('Horizon must be a whole number of months from 6 to 60; kept 24');
  });

  it('pulls the explained month inside a shorter horizon', () => {
    const s = run(base(), setExplainTarget(20, 'health'), setHorizon(8));
    expect(s.explainTarget).toEqual({ month: 8, target: 'health' });
  });

  it('refuses to cut off a scenario event', () => {
    let s = base();
    s = { ...s, scenario: { ...s.scenario, injects: [{ id: 'x', month: 10, title: 'Event', effects: [] }] } };
    expect(applyEdit(s, setHorizon(8)).error).toBe('Horizon must be at least 10 months: this scenario has an event in month 10; kept 24');
    expect(applyEdit(s, setHorizon(10)).error).toBeNull();
  });
});

describe('ensemble settings', () => {
  it.each([100, 1000, 10_000, 100_000, 2500])('accepts %s runs', (n) => {
    expect(run(base(), setRuns(n)).ensemble.runs).toBe(n);
  });

  it.each([99, 100_001, 0, 1000.5, NaN])('refuses %s runs', (n) => {
    expect(applyEdit(base(), setRuns(n)).error).toBe('Ensemble size must be a whole number from 100 to 100,000; kept 1,000');
  });

  it('trims the seed and refuses an empty or overlong one', () => {
    expect(run(base(), setSeed('  42 ')).ensemble.seed).toBe('42');
    expect(applyEdit(base(), setSeed('   ')).error).toBe('Seed must be 1 to 200 characters; kept "stand-down"');
    expect(applyEdit(base(), setSeed('x'.repeat(201))).error).toBe('Seed must be 1 to 200 characters; kept "stand-down"');
    // Removing them would change the draws: a seed with direction controls is refused, not altered.
    expect(applyEdit(base(), setSeed('ab\u202Ecd')).error).toMatch(/^Seed must not hold direction-changing characters/);
  });
});

describe('presets', () => {
  const other = APP_PRESETS.find((p) => p.id !== DEFAULT_PRESET_ID)!;

  it('loadPreset replaces the scenario and remembers the preset', () => {
    const s = run(base(), setParameterMode('escalationCeiling', 2), loadPreset(other.id));
    expect(s.presetId).toBe(other.id);
    expect(s.scenario).toEqual(other);
    expect(isEdited(s)).toBe(false);
  });

  it('refuses an unknown preset', () => {
    expect(applyEdit(base(), loadPreset('atlantis')).error).toBe('Unknown preset "atlantis"');
  });

  it('resetToPreset undoes every scenario change but keeps ensemble settings and pins', () => {
    let s = run(base(), pin('first'), setRuns(100), setInterpretation('diplomatic'), setParameterMode('escalationCeiling', 2), setHorizon(36));
    expect(isEdited(s)).toBe(true);
    s = run(s, resetToPreset());
    expect(s.scenario).toEqual(APP_PRESETS[0]);
    expect(isEdited(s)).toBe(false);
    expect(s.ensemble.runs).toBe(100);
    expect(s.pinned).toHaveLength(1);
  });
});

describe('pin and unpin', () => {
  it('pins copies of the scenario, up to four', () => {
    let s = base();
    const responses = ['restraint', 'skeptic', 'mixed', 'free-hits'] as const;
    responses.forEach((r, i) => {
      s = run(s, setResponse(r), pin(`P${i + 1}`));
    });
    expect(s.pinned.map((p) => [p.id, p.label, p.scenario.response])).toEqual([
      ['pin-1', 'P1', 'restraint'],
      ['pin-2', 'P2', 'skeptic'],
      ['pin-3', 'P3', 'mixed'],
      ['pin-4', 'P4', 'free-hits'],
    ]);
    s = run(s, setResponse('restraint'), setHorizon(12));
    const r = applyEdit(s, pin('P5'));
    expect(r.error).toBe('You can pin at most 4 scenarios; unpin one first');
    expect(r.state.pinned).toHaveLength(4);
  });

  it('cuts a long pin label where a share link would, so the link shows the label its author saw', () => {
    const long = `Smith & Co. review ${'x'.repeat(200)}`;
    const s = run(base(), pin(long));
    expect(s.pinned[0].label).toHaveLength(120);
    expect(s.pinned[0].label).toBe(`${long.slice(0, 119)}…`);
    const back = stateFromLink(encodeLink(s, APP_PRESETS));
    expect(back.state.pinned[0].label).toBe(s.pinned[0].label);
  });

  it('numbers a pin whose label another pin already has, so columns and legends tell them apart', () => {
    const s = run(base(), setParameterMode('escalationCeiling', 2), pin('Edited'), setParameterMode('escalationCeiling', 3), pin('Edited'), setResponse('restraint'), pin('Edited'));
    expect(s.pinned.map((p) => p.label)).toEqual(['Edited', 'Edited (2)', 'Edited (3)']);
    const long = 'y'.repeat(130);
    const t = run(base(), pin(long), setResponse('restraint'), pin(long));
    expect(t.pinned[1].label).toHaveLength(120);
    expect(t.pinned[1].label.endsWith('… (2)')).toBe(true);
  });

  it('refuses to pin the same scenario twice', () => {
    const s = run(base(), pin('A'));
    expect(applyEdit(s, pin('B')).error).toBe('This scenario is already pinned as "A"');
  });

  it('unpins by id and reuses the free id', () => {
    let s = run(base(), pin('A'), setResponse('restraint'), pin('B'), unpin('pin-1'));
    expect(s.pinned.map((p) => p.label)).toEqual(['B']);
    s = run(s, setResponse('skeptic'), pin('C'));
    expect(s.pinned.map((p) => p.id)).toEqual(['pin-2', 'pin-1']);
    expect(applyEdit(s, unpin('pin-9')).error).toBe('No pinned scenario "pin-9"');
  });

  it('a pinned scenario does not follow later edits', () => {
    const s = run(base(), pin('A'), setParameterMode('escalationCeiling', 3));
    expect(s.pinned[0].scenario.parameters.escalationCeiling).toBeUndefined();
  });
});

describe('setExplainTarget', () => {
  it('accepts months 0 … H and sectors', () => {
    expect(run(base(), setExplainTarget(0, 'allies')).explainTarget).toEqual({ month: 0, target: 'allies' });
  });
  it('refuses other months and sectors', () => {
    expect(applyEdit(base(), setExplainTarget(25, 'composite')).error).toBe('Month must be a whole number from 0 to 24');
    expect(applyEdit(base(), setExplainTarget(3, 'space' as never)).error).toBe('Unknown sector "space"');
  });
});

describe('labels', () => {
  it('describes a scenario in three words', () => {
    expect(describeScenario(base().scenario)).toBe('Deprioritized · Free hits · Reverse on trigger');
  });
  it('titles an edited scenario by what it has become', () => {
    const s = run(base(), setResponse('restraint'));
    expect(scenarioTitle(base())).toBe(APP_PRESETS[0].title);
    expect(scenarioTitle(s)).toBe('Deprioritized · Reciprocal restraint · Reverse on trigger (edited)');
  });
  it("keeps a title of the scenario's own, even when it starts from a preset's id (an analyst's file)", () => {
    const s = run(base(), setResponse('restraint'));
    expect(scenarioTitle({ ...s, scenario: { ...s.scenario, title: 'Smith & Co. review — escalation ceiling 1.7' } })).toBe('Smith & Co. review — escalation ceiling 1.7');
  });
  it('makes afresh a title it generated, as an exported edited preset carries it, so it follows later edits', () => {
    // The file of an edit with restraint, re-imported and then edited back to the preset's free hits.
    const imported = run(base(), setResponse('restraint'));
    const file = { ...imported, scenario: { ...imported.scenario, title: scenarioTitle(imported) } };
    expect(scenarioTitle(file)).toBe('Deprioritized · Reciprocal restraint · Reverse on trigger (edited)');
    const back = run(file, setResponse('free-hits'));
    expect(isEdited(back)).toBe(false);
    expect(scenarioTitle(back)).not.toMatch(/\(edited\)$/);
    expect(scenarioTitle(run(file, setResponse('skeptic')))).toBe('Deprioritized · No change · Reverse on trigger (edited)');
  });
  it('lists changed parameters with their defaults', () => {
    const s = run(base(), setParameterMode('escalationCeiling', 2));
    expect(changedParameters(s.scenario)).toEqual(['Escalation ceiling 2 (default 1.2)']);
  });
  it('lists a range a file narrowed around the same most likely value, which read as unchanged', () => {
    const d = defaultRange(PARAM_BY_ID.get('responseSpeed')!, 'deprioritized');
    const narrow = { low: (d.low + d.mode) / 2, mode: d.mode, high: (d.mode + d.high) / 2 };
    const s = { ...base().scenario, parameters: { responseSpeed: narrow } };
    const f = (x: number) => String(Number(x.toPrecision(6)));
    expect(changedParameters(s)).toEqual([`Adversary response speed range ${f(narrow.low)}–${f(narrow.high)} (default ${f(d.low)}–${f(d.high)})`]);
    // Moved and narrowed: both said.
    const moved = { ...s, parameters: { responseSpeed: { ...narrow, mode: narrow.high } } };
    expect(changedParameters(moved)[0]).toBe(
      `Adversary response speed ${f(narrow.high)}, range ${f(narrow.low)}–${f(narrow.high)} (default ${f(d.mode)}, range ${f(d.low)}–${f(d.high)})`,
    );
    // Moved unevenly with the same width: the range is not what the slider gives, so it is said.
    const uneven = { low: d.low + 0.01, mode: d.mode + 0.02, high: d.high + 0.01 };
    expect(changedParameters({ ...s, parameters: { responseSpeed: uneven } })[0]).toMatch(/, range /);
    // A slider's own move (the range moved with the most likely value) is the value alone.
    const slid = applyEdit(base(), setParameterMode('responseSpeed', d.mode + 0.02)).state.scenario;
    expect(changedParameters(slid)).toEqual([`Adversary response speed ${f(d.mode + 0.02)} (default ${f(d.mode)})`]);
    // The default range written out in a file is no change.
    expect(changedParameters({ ...s, parameters: { responseSpeed: { ...d } } })).toEqual([]);
  });
});

describe('model helpers', () => {
  it('an event reverses the pause whatever the policy as the engine reads it: a chosen option counts, a month past the horizon does not', () => {
    const s = base().scenario;
    expect(forcedReversalMonth(s)).toBeNull();
    const reverse = { type: 'reverse' } as const;
    const decision = {
      question: 'Reverse the order?',
      options: [{ id: 'yes', label: 'Yes', effects: [reverse] }, { id: 'no', label: 'No', effects: [] }],
    };
    // The Analyse page read only an inject's own effects: a decision to reverse lost its warning.
    const chosen: Scenario = { ...s, injects: [{ id: 'vote', month: 5, title: 'Vote', effects: [], decision: { ...decision, chosen: 'yes' } }] };
    expect(forcedReversalMonth(chosen)).toBe(5);
    expect(simulate(chosen).reversalMonth).toBe(5);
    const notChosen: Scenario = { ...s, injects: [{ id: 'vote', month: 5, title: 'Vote', effects: [], decision }] };
    expect(forcedReversalMonth(notChosen)).toBeNull();
    const late: Scenario = { ...s, injects: [{ id: 'late', month: s.horizonMonths + 1, title: 'Late', effects: [reverse] }, { id: 'early', month: 7, title: 'Early', effects: [reverse] }] };
    expect(forcedReversalMonth(late)).toBe(7);
  });

  it('the no-pause twin is flat at 50', () => {
    const r = simulate(baselineScenario(base().scenario));
    expect(r.composite.every((v) => Math.abs(v - 50) < 1e-9)).toBe(true);
  });

  it('expectedPath turns an invalid scenario into a message', () => {
    const bad = { ...base().scenario, horizonMonths: 3 } as Scenario;
    const r = expectedPath(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/horizonMonths/);
  });

  it('the grid has the three readings under restraint, free hits and no change', () => {
    const cells = gridCells(base().scenario);
    expect(cells.map((c) => c.id)).toEqual([
      'deprioritized/restraint',
      'diplomatic/restraint',
      'reallocation/restraint',
      'deprioritized/free-hits',
      'diplomatic/free-hits',
      'reallocation/free-hits',
      'deprioritized/skeptic',
      'diplomatic/skeptic',
      'reallocation/skeptic',
    ]);
    expect(cells.every((c) => c.scenario.policy.kind === 'trigger' && c.scenario.interpretation === c.interpretation)).toBe(true);
  });

  it('reads key numbers and the final pause effect from a summary', () => {
    const summary = runEnsemble(base().scenario, { runs: 200, seed: 'k' });
    const k = keyNumbers(summary);
    expect(k.peakComposite.low).toBeLessThanOrEqual(k.peakComposite.median);
    expect(k.peakComposite.median).toBeLessThanOrEqual(k.peakComposite.high);
    expect(k.reversal.median).not.toBeNull();
    const e = finalPauseEffect(summary);
    expect(e.low).toBeLessThanOrEqual(e.high);
    const noPause = runEnsemble(baselineScenario(base().scenario), { runs: 100, seed: 'k' });
    expect(keyNumbers(noPause).reversal.median).toBeNull();
  });

  it('gives the pause effect at its peak, which free hits with a trigger raises though it ends level', () => {
    // Students read the grid's month-24 "0.0" for deprioritized × free hits as "free hits makes no difference".
    const summary = runEnsemble(base().scenario, { runs: 200, seed: 'k' });
    expect(base().scenario.response).toBe('free-hits');
    const peak = peakPauseEffect(summary);
    expect(peak.median).toBe(summary.pauseEffect.scalars.peakComposite.p50);
    expect(peak.low).toBeLessThanOrEqual(peak.median);
    expect(peak.median).toBeGreaterThan(finalPauseEffect(summary).median + 3);
  });
});

describe('History (undo/redo over Immer patches)', () => {
  const h = () => new History<AppState>(base());
  const commit = { commit: true };
  const drag = { commit: false };

  it('undoes and redoes committed steps in order', () => {
    const hist = h();
    hist.update(setResponse('restraint'), commit);
    hist.update(setHorizon(36), commit);
    expect(hist.depth).toBe(2);
    hist.undo();
    expect(hist.state.scenario.horizonMonths).toBe(24);
    expect(hist.state.scenario.response).toBe('restraint');
    hist.undo();
    expect(hist.state.scenario.response).toBe('free-hits');
    expect(hist.canUndo).toBe(false);
    hist.redo();
    hist.redo();
    expect(hist.state.scenario.horizonMonths).toBe(36);
    expect(hist.canRedo).toBe(false);
  });

  it('undo returns the exact earlier state', () => {
    const hist = h();
    const start = hist.state;
    hist.update(setParameterMode('escalationCeiling', 2), commit);
    hist.update(setInterpretation('diplomatic'), commit);
    hist.update(pin('x'), commit);
    hist.undo();
    hist.undo();
    hist.undo();
    expect(hist.state).toEqual(start);
  });

  it('coalesces a drag (uncommitted updates) into the next committed step', () => {
    const hist = h();
    for (const v of [1.3, 1.5, 1.8, 2.1]) hist.update(setParameterMode('escalationCeiling', v), drag);
    expect(hist.canUndo).toBe(true);
    hist.update(setParameterMode('escalationCeiling', 2.2), commit);
    expect(hist.depth).toBe(1);
    hist.undo();
    expect(hist.state.scenario.parameters.escalationCeiling).toBeUndefined();
    hist.redo();
    expect(hist.state.scenario.parameters.escalationCeiling.mode).toBe(2.2);
  });

  it('undo in the middle of a drag undoes the drag so far', () => {
    const hist = h();
    hist.update(setResponse('restraint'), commit);
    hist.update(setHorizon(30), drag);
    hist.update(setHorizon(40), drag);
    hist.undo();
    expect(hist.state.scenario.horizonMonths).toBe(24);
    expect(hist.state.scenario.response).toBe('restraint');
    hist.redo();
    expect(hist.state.scenario.horizonMonths).toBe(40);
  });

  it('a new edit clears the redo stack', () => {
    const hist = h();
    hist.update(setResponse('restraint'), commit);
    hist.undo();
    expect(hist.canRedo).toBe(true);
    hist.update(setResponse('skeptic'), commit);
    expect(hist.canRedo).toBe(false);
  });

  it('refused and empty edits are not steps', () => {
    const hist = h();
    expect(hist.update(setParameterMode('escalationCeiling', -1), commit)).toMatch(/from 0 to 1000/);
    hist.update(setResponse(hist.state.scenario.response), commit);
    expect(hist.canUndo).toBe(false);
  });

  it('keeps at least 100 steps', () => {
    const hist = h();
    for (let i = 0; i < 150; i++) hist.update(setSeed(`s${i}`), commit);
    let undone = 0;
    while (hist.canUndo) {
      hist.undo();
      undone++;
    }
    expect(undone).toBeGreaterThanOrEqual(100);
    expect(undone).toBe(150);
  });

  it('drops the oldest steps beyond its limit', () => {
    const hist = new History<AppState>(base(), 100);
    for (let i = 0; i < 120; i++) hist.update(setSeed(`s${i}`), commit);
    expect(hist.depth).toBe(100);
    while (hist.canUndo) hist.undo();
    expect(hist.state.ensemble.seed).toBe('s19');
  });

  it('unrecorded updates (navigation) are not undone', () => {
    const hist = h();
    hist.update(setResponse('restraint'), commit);
    hist.update(setView('compare'), { commit: true, record: false });
    expect(hist.depth).toBe(1);
    hist.undo();
    expect(hist.state.view).toBe('compare');
    expect(hist.state.scenario.response).toBe('free-hits');
  });

  it('reset forgets everything', () => {
    const hist = h();
    hist.update(setResponse('restraint'), commit);
    hist.reset(base());
    expect(hist.canUndo).toBe(false);
    expect(hist.canRedo).toBe(false);
  });
});

describe('AppStore', () => {
  it('exposes a frozen state and undo/redo flags', () => {
    const store = createStore();
    expect(Object.isFrozen(store.state)).toBe(true);
    expect(store.canUndo).toBe(false);
    expect(store.update(setResponse('restraint'), { commit: true })).toBeNull();
    expect(store.state.scenario.response).toBe('restraint');
    expect(store.canUndo).toBe(true);
    store.undo();
    expect(store.state.scenario.response).toBe('free-hits');
    expect(store.canRedo).toBe(true);
    store.redo();
    expect(store.state.scenario.response).toBe('restraint');
  });

  it('returns and remembers refusals', () => {
    const store = createStore();
    const error = store.update(setParameterMode('escalationCeiling', -2), { commit: true });
    expect(error).toBe('Escalation ceiling must be from 0 to 1000; kept 1.2');
    expect(store.lastError).toBe(error);
    expect(store.canUndo).toBe(false);
  });

  it('reset returns to the default scenario', () => {
    const store = createStore();
    store.update(setHorizon(48), { commit: true });
    store.reset();
    expect(store.state.scenario.horizonMonths).toBe(24);
    expect(store.canUndo).toBe(false);
  });

  it('every parameter in the table has a label the controls can use', () => {
    for (const def of PARAMETERS) expect(PARAM_BY_ID.get(def.id)?.label).toBeTruthy();
  });
});

describe('setParameterMode keeps the spread of its reference range', () => {
  it('dragging to the end of the domain and back loses nothing', () => {
    let s = run(base(), setParameterMode('restraintDepth', 0.99));
    expect(s.scenario.parameters.restraintDepth.high).toBe(1);
    s = run(s, setParameterMode('restraintDepth', 0.3));
    expect(s.scenario.parameters.restraintDepth).toEqual({ low: 0.15, mode: 0.3, high: 0.5 });
  });
});
