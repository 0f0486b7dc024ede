/**
 * Files the facilitator downloads, named for the exercise; they are saved with
 * the app's one download helper (made in the page, never fetched).
 */
import { localDate } from '../../share/dates';

export { downloadText } from '../share/chartExport';
export { copyText } from '../share/clipboard';

/** "after-action-exercise-classroom-20-2025-03-14.md". */
export function exerciseFileName(kind: 'after-action' | 'decision-log', scriptId: string, ext: string, date: Date = new Date()): string {
  const safe = scriptId.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'exercise';
  return `${kind}-${safe}-${localDate(date)}.${ext}`;
}
