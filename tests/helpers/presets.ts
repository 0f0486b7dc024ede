/** The preset files read from disk, for tests that run outside Vite's import.meta.glob. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPresets } from '../../src/scenario/load';

const dir = join(import.meta.dirname, '../../scenarios');
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(join(dir, f), 'utf8')]),
);
export const DISK = loadPresets(files);
export const DISK_PRESETS = DISK.presets;
