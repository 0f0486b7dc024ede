/** Plain-language names for the exercise's phases and inject statuses. */
import type { ExercisePhase } from '../../exercise/session';

// Shared with the after-action report's file, which must say them the same way.
export { clockTime, tidy } from '../../exercise/text';

export const PHASE_LABELS: Record<ExercisePhase, string> = {
  briefing: 'Briefing',
  predict: 'Predict first',
  running: 'Playing',
  decision: 'Decision open',
  hotwash: 'Hot wash',
  report: 'After-action report',
};

/** Inject status as the facilitator reads it in the master list. */
export const INJECT_STATUS_LABELS = {
  upcoming: 'Upcoming',
  due: 'Due now',
  revealed: 'Revealed',
  skipped: 'Skipped',
} as const;


/** "1 team", "3 teams". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

