/**
 * A quotation as printed: in curly double quotes, and the quotation marks
 * inside it (the article's straight "…") turned into single curly ones, as a
 * quote within a quote is set. A quote that stops before its sentence ends
 * (no full stop, question or exclamation mark) ends with "…", so a reader
 * knows the article goes on. Only the display changes: the stored text
 * stays the article's exact words.
 */
export function quoteText(text: string): string {
  // An opening mark starts the text or follows a space or an opening bracket; any other closes.
  const inner = text.replace(/"/g, (_, at: number) => (at === 0 || /[\s(\[]/.test(text[at - 1]) ? '‘' : '’'));
  const cut = !/[.!?…]['"’”]*\s*$/.test(text);
  return `“${cut ? `${inner.replace(/[\s,;:]+$/, '')}…` : inner}”`;
}
