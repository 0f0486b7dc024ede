/**
 * Unicode's direction overrides, embeddings and isolates (U+202A–202E,
 * U+2066–2069). In a title or a note they reverse the text after them, even
 * the app's own words printed beside it ("See it in" + title + " Compare"
 * read "See it inexe.txt Compare"), and travel into exports: a spoof, never
 * needed in a title or a note. Removed where a person's text comes in.
 * (Marks U+200E/U+200F, which change no order, are kept.)
 */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

export function withoutDirectionControls(text: string): string {
  return text.replace(DIRECTION_CONTROLS, '');
}

/** Whether text holds any of them: where removing them would change a value (a seed), it is refused instead. */
export function hasDirectionControls(text: string): boolean {
  return /[\u202a-\u202e\u2066-\u2069]/.test(text);
}
