/** Scenario files are UTF-8: the app's import and the command line read their bytes the same strict way. */

export const NOT_UTF8 =
  'The file is not UTF-8 text (some of its bytes are not UTF-8, as in a Latin-1 or UTF-16 file); save it as UTF-8 and try again.';

/**
 * The text of a file's bytes, strictly UTF-8 (a byte-order mark is dropped);
 * null when some bytes are not UTF-8. Read leniently, a Latin-1 "Café"
 * became "Caf\uFFFD" and was carried into links and saved scenarios.
 */
export function decodeUtf8(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}
