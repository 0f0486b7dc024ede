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

/** Largest scenario file read (an exercise script too): four bytes for each of the parser's 1,000,000 characters. */
export const MAX_SCENARIO_FILE_BYTES = 4_000_000;

/**
 * The text of a file a person chose or dropped: refused when too large or
 * not UTF-8, with a sentence saying so. Never rejects.
 */
export async function readTextFile(file: Blob): Promise<{ ok: true; text: string } | { ok: false; message: string }> {
  try {
    if (file.size > MAX_SCENARIO_FILE_BYTES) {
      return { ok: false, message: `The file is too large (${file.size.toLocaleString('en-US')} bytes); scenario files are a few kilobytes.` };
    }
    const text = decodeUtf8(await file.arrayBuffer());
    return text === null ? { ok: false, message: NOT_UTF8 } : { ok: true, text };
  } catch (err) {
    return { ok: false, message: `The file could not be read (${err instanceof Error ? err.message : String(err)}).` };
  }
}
