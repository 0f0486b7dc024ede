#!/usr/bin/env node
/**
 * `npx stand-down`: the app's engine on the command line. Loads the
 * TypeScript sources through tsx, parses scenarios/*.yaml the way the build
 * does, and serves them to the app's modules as `virtual:stand-down-presets`
 * (a Node module hook), so the CLI runs exactly the code the browser runs.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { register as registerHook } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const dir = fileURLToPath(new URL('../scenarios/', import.meta.url));
const { loadPresets } = await import('../src/scenario/load.ts');
const files = Object.fromEntries(
  readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [f, readFileSync(dir + f, 'utf8')]),
);
const source = `export default ${JSON.stringify(loadPresets(files))};`;
registerHook('./virtual-presets-hook.js', import.meta.url, { data: { source } });
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
