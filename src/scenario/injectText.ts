/**
 * A scenario's injects and decisions in words, for the pages that show what
 * a scenario contains outside an exercise (Explore). An author can then
 * check what a file's events do, and a student sees why a line jumps.
 */
import { SECTORS } from '../model/parameters';
import type { InjectEffect, Scenario } from '../model/types';

const share = (x: number) => `${Number((x * 100).toPrecision(4))}%`;
const plain = (x: number) => String(Number(x.toPrecision(4)));

/** One effect in words (MODEL.md section 7). */
export function effectText(e: InjectEffect): string {
  switch (e.type) {
    case 'sectorShock':
      return `${SECTORS[e.sector].label}: incidents ×${plain(e.factor)} for ${e.months} month${e.months === 1 ? '' : 's'}`;
    case 'adversaryShift':
      // Added to R in that month only; R then returns toward its target (MODEL.md section 7).
      return `A one-month push of ${e.amount < 0 ? '−' : '+'}${plain(Math.abs(e.amount))} to Russian activity (1 is the pre-pause level), which then fades`;
    case 'coverageShock':
      return `US exploitation access cut by ${share(e.share)}`;
    case 'restraintCollapse':
      return "Russia's restraint, where it holds, collapses";
    case 'reverse':
      return 'The pause is reversed (decided at the end of this month)';
  }
}

export interface OptionSummary {
  label: string;
  effects: string[];
  isDefault: boolean;
  isChosen: boolean;
}

export interface InjectSummary {
  month: number;
  title: string;
  /** The inject's own effects in words; none: narrative only. */
  effects: string[];
  /** Months past the horizon do nothing (the engine skips them). */
  beyondHorizon: boolean;
  decision?: {
    question: string;
    options: OptionSummary[];
    /** What the runs use: the chosen option, or none (a default applies only in an exercise). */
    status: string;
  };
}

/** The scenario's injects, in month order, in words. */
export function injectSummaries(scenario: Scenario): InjectSummary[] {
  return [...scenario.injects]
    .sort((a, b) => a.month - b.month)
    .map((inj) => {
      const d = inj.decision;
      const chosen = d?.chosen ? d.options.find((o) => o.id === d.chosen) : undefined;
      const fallback = d?.defaultOption ? d.options.find((o) => o.id === d.defaultOption) : undefined;
      return {
        month: inj.month,
        title: inj.title,
        effects: inj.effects.map(effectText),
        beyondHorizon: inj.month > scenario.horizonMonths,
        ...(d && {
          decision: {
            question: d.question,
            options: d.options.map((o) => ({ label: o.label, effects: o.effects.map(effectText), isDefault: o.id === d.defaultOption, isChosen: o === chosen })),
            // The engine applies only a chosen option (MODEL.md section 7: what the players choose is fed into the run).
            status: chosen
              ? `The runs use the chosen option, “${chosen.label}”.`
              : `No option is chosen, so the runs apply none${fallback ? `: the default, “${fallback.label}”, applies only when a team does not decide during an exercise` : ''}.`,
          },
        }),
      };
    });
}
