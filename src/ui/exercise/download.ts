/** Files the facilitator downloads: made in the page (Blob + object URL), never fetched. */

/** Offer text as a file download. */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

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
