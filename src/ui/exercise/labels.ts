/** Plain-language names for the exercise's phases and inject statuses. */
import type { ExercisePhase } from '../../exercise/session';

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

/** A log sentence tidied: a title ending in "?" or "!" needs no full stop after it. */
export function tidy(sentence: string): string {
  return sentence.replace(/([?!])\.(\s|$)/g, '$1$2');
}

/** "1 team", "3 teams". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A log entry's clock time, "14:05", in the facilitator's own time zone but
 * in the report's language: with the browser's locale an English report
 * showed "٠٨:١٦ م" under Arabic settings.
 */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
}
