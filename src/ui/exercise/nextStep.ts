/**
 * The console's "Next" button: the one action that moves the exercise on
 * from where it stands, in the order a facilitator plays a month (reveal the
 * month's injects, run its decisions, then move to the next month).
 */
import type { Scenario } from '../../model/types';
import { injectById, isDecisionInject, optionOf } from '../../exercise/script';
import { pendingInjects, resolveDecision, type ExerciseAction, type ExerciseSession } from '../../exercise/session';

export interface NextStep {
  /** What the button says, e.g. 'Reveal "Two hospitals hit by ransomware"'. */
  label: string;
  /** The action to dispatch (the caller adds `now`). */
  action: ExerciseAction;
}

/** The next step of play, or null in the briefing (start with the teams) and once the report is open. */
export function nextStep(script: Scenario, session: ExerciseSession): NextStep | null {
  switch (session.phase) {
    case 'briefing':
    case 'report':
      return null;
    case 'hotwash':
      return { label: 'Open the after-action report', action: { type: 'report' } };
    case 'decision': {
      const id = session.openDecision!;
      const inject = injectById(script, id);
      const applied = resolveDecision(script, session, id);
      const option = applied && isDecisionInject(inject) ? optionOf(inject, applied.optionId)?.label : undefined;
      return { label: `Close the decision${option ? ` (applies "${option}")` : ''}`, action: { type: 'closeDecision', injectId: id } };
    }
    default: {
      const { unrevealed, undecided } = pendingInjects(script, session);
      if (unrevealed.length) return { label: `Reveal "${unrevealed[0].title}"`, action: { type: 'revealInject', injectId: unrevealed[0].id } };
      if (undecided.length) return { label: `Open the decision "${undecided[0].title}"`, action: { type: 'openDecision', injectId: undecided[0].id } };
      if (session.month < script.horizonMonths) return { label: `Go to month ${session.month + 1}`, action: { type: 'advance' } };
      return { label: 'Finish play: go to the hot wash', action: { type: 'finish' } };
    }
  }
}
