/**
 * Reading an exercise script the facilitator opens from a file: read as any
 * scenario file the app imports (size and UTF-8 checked by readTextFile),
 * then parsed (the YAML parser is loaded only now). Never rejects.
 */
import type { Scenario } from '../../model/types';
import { readTextFile } from '../../scenario/decode';
import { withoutDirectionControls } from '../../scenario/directionControls';
import type { ScenarioError } from '../../scenario/parse';

export type OpenedScript = { ok: true; fileName: string; script: Scenario } | { ok: false; fileName: string; errors: ScenarioError[] };

export async function readScriptFile(file: Blob & { name?: string }): Promise<OpenedScript> {
  // A file name is text from elsewhere too: "abc\u202Etxt.exe" would reverse the words printed after it.
  const fileName = typeof file.name === 'string' && file.name ? withoutDirectionControls(file.name) : 'the file';
  const fail = (message: string): OpenedScript => ({ ok: false, fileName, errors: [{ path: '', message }] });
  const read = await readTextFile(file);
  if (!read.ok) return fail(read.message);
  try {
    const { parseScenarioText } = await import('../../scenario/parseText');
    const parsed = parseScenarioText(read.text, { source: fileName });
    return parsed.ok ? { ok: true, fileName, script: parsed.value } : { ok: false, fileName, errors: parsed.errors };
  } catch (err) {
    return fail(`The file could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
}
