/**
 * Reading an exercise script the facilitator opens from a file: strictly
 * UTF-8, at most a few megabytes, parsed and checked as any scenario file
 * (the YAML parser is loaded only now). Never rejects.
 */
import type { Scenario } from '../../model/types';
import { NOT_UTF8, decodeUtf8 } from '../../scenario/decode';
import type { ScenarioError } from '../../scenario/parse';

/** As for scenario files the app imports. */
export const MAX_SCRIPT_BYTES = 4_000_000;

export type OpenedScript = { ok: true; fileName: string; script: Scenario } | { ok: false; fileName: string; errors: ScenarioError[] };

export async function readScriptFile(file: Blob & { name?: string }): Promise<OpenedScript> {
  const fileName = typeof file.name === 'string' && file.name ? file.name : 'the file';
  const fail = (message: string): OpenedScript => ({ ok: false, fileName, errors: [{ path: '', message }] });
  try {
    if (file.size > MAX_SCRIPT_BYTES) return fail(`The file is too large (${file.size.toLocaleString('en-US')} bytes); exercise scripts are a few kilobytes.`);
    const text = decodeUtf8(await file.arrayBuffer());
    if (text === null) return fail(NOT_UTF8);
    const { parseScenarioText } = await import('../../scenario/parseText');
    const parsed = parseScenarioText(text, { source: fileName });
    return parsed.ok ? { ok: true, fileName, script: parsed.value } : { ok: false, fileName, errors: parsed.errors };
  } catch (err) {
    return fail(`The file could not be read (${err instanceof Error ? err.message : String(err)}).`);
  }
}
