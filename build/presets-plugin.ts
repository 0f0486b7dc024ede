/**
 * Parses scenarios/*.yaml at build time and serves the result as the module
 * `virtual:stand-down-presets`, so the browser receives ready JSON and the
 * first screen needs neither the YAML parser nor the validator. A broken
 * preset fails the build (and the tests) with its file name and line.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { loadPresets } from '../src/scenario/load';

const ID = 'virtual:stand-down-presets';
const RESOLVED = '\0' + ID;

export function presetsPlugin(dir: string): Plugin {
  return {
    name: 'stand-down-presets',
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      const names = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort();
      const files: Record<string, string> = {};
      for (const name of names) {
        const path = resolve(join(dir, name));
        this.addWatchFile(path);
        files[name] = readFileSync(path, 'utf8');
      }
      return `export default ${JSON.stringify(loadPresets(files))};`;
    },
  };
}
