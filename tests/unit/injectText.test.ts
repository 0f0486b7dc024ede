/** A scenario's events in words, as Explore lists them (an author's only way to check a file's injects outside an exercise). */
import { describe, expect, it } from 'vitest';
import { effectText, injectSummaries } from '../../src/scenario/injectText';
import { simulate } from '../../src/model/simulate';
import { DISK } from '../helpers/presets';

const classroom = DISK.exercises.find((s) => s.id === 'exercise-classroom-20')!;

describe('injectText', () => {
  it('says what each effect does, in the sector names the app shows', () => {
    expect(effectText({ type: 'sectorShock', sector: 'health', factor: 1.5, months: 3 })).toBe('Hospitals and health care: incidents ×1.5 for 3 months');
    expect(effectText({ type: 'sectorShock', sector: 'health', factor: 0.5, months: 1 })).toBe('Hospitals and health care: incidents ×0.5 for 1 month');
    expect(effectText({ type: 'adversaryShift', amount: -0.1 })).toBe('A one-month push of −0.1 to Russian activity (1 is the pre-pause level), which then fades');
    expect(effectText({ type: 'coverageShock', share: 0.4 })).toBe('US exploitation access cut by 40%');
    expect(effectText({ type: 'reverse' })).toMatch(/^The pause is reversed/);
  });

  it('a decision nobody chose applies no option, and says the default is for an exercise only, as the engine does', () => {
    const summaries = injectSummaries(classroom);
    expect(summaries.map((s) => s.month)).toEqual([...summaries.map((s) => s.month)].sort((a, b) => a - b));
    const big = summaries.find((s) => s.decision)!;
    expect(big.decision!.status).toBe(
      'No option is chosen, so the runs apply none: the default, “Wait and see”, applies only when a team does not decide during an exercise.',
    );
    expect(big.decision!.options.map((o) => [o.label, o.isDefault, o.isChosen])).toEqual([['Restart now', false, false], ['Wait and see', true, false]]);
    // The engine agrees: without a choice, no reversal at the decision's month.
    expect(simulate(classroom).reversalMonth).not.toBe(big.month);

    const chosen = { ...classroom, injects: classroom.injects.map((i) => (i.decision ? { ...i, decision: { ...i.decision, chosen: 'restart' } } : i)) };
    const decided = injectSummaries(chosen).find((s) => s.decision)!;
    expect(decided.decision!.status).toBe('The runs use the chosen option, “Restart now”.');
    expect(simulate(chosen).reversalMonth).toBe(decided.month);
  });

  it('marks an event after the last month as doing nothing', () => {
    const short = { ...classroom, horizonMonths: 6 };
    const s = injectSummaries(short);
    expect(s.filter((e) => e.beyondHorizon).map((e) => e.month).every((m) => m > 6)).toBe(true);
    expect(s.some((e) => e.beyondHorizon)).toBe(true);
  });
});
