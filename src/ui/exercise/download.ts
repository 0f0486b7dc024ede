/**
 * Files the facilitator downloads, named for the exercise; they are saved with
 * the app's one download helper (made in the page, never fetched).
 */
export { downloadText } from '../share/chartExport';

/** "after-action-exercise-classroom-20-2025-03-14.md". */
export function exerciseFileName(kind: 'after-action' | 'decision-log', scriptId: string, ext: string, date: Date = new Date()): string {
  const day = `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  const safe = scriptId.replace(/[^a-z0-9-]+/gi, '-').slice(0, 60) || 'exercise';
  return `${kind}-${safe}-${day}.${ext}`;
}

/** Put text on the clipboard; false when the browser refuses (the caller then shows it to copy by hand). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
