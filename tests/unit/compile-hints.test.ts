import { describe, expect, it } from 'vitest';
import type { Rollup } from 'vite';
import { COMPILE_HINT, compileHints, startupChunks } from '../../build/compile-hints';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

function chunk(fileName: string, opts: Partial<OutputChunk> = {}): OutputChunk {
  return { type: 'chunk', fileName, code: `/* ${fileName} */`, isEntry: false, imports: [], dynamicImports: [], facadeModuleId: null, ...opts } as OutputChunk;
}

function bundle(): OutputBundle {
  const chunks = [
    chunk('main.js', { isEntry: true, imports: ['client.js'], dynamicImports: ['boot.js', 'Compare.js'] }),
    chunk('client.js'),
    chunk('boot.js', { facadeModuleId: '/app/src/boot.ts', imports: ['FanChart.js'], dynamicImports: ['Compare.js'] }),
    chunk('FanChart.js', { imports: ['client.js'] }),
    chunk('Compare.js', { facadeModuleId: '/app/src/ui/pages/CompareView.svelte', imports: ['Table.js'] }),
    chunk('Table.js'),
    chunk('ensemble.worker.js', { isEntry: false }),
  ];
  const out: OutputBundle = {};
  for (const c of chunks) out[c.fileName] = c;
  out['app.css'] = { type: 'asset', fileName: 'app.css', source: '' } as OutputBundle[string];
  return out;
}

describe('compile hints', () => {
  it('marks what a page loads to start: entries, their static imports and the start-up modules', () => {
    const marked = startupChunks(bundle(), /src\/boot\.ts$/);
    expect([...marked].sort()).toEqual(['FanChart.js', 'boot.js', 'client.js', 'main.js']);
  });

  it('leaves views opened later, and workers, to compile lazily', () => {
    const b = bundle();
    const plugin = compileHints(/src\/boot\.ts$/);
    (plugin.generateBundle as (o: unknown, b: OutputBundle) => void).call({}, {}, b);
    const hinted = (name: string) => (b[name] as OutputChunk).code.startsWith(COMPILE_HINT);
    expect(hinted('main.js') && hinted('boot.js') && hinted('FanChart.js') && hinted('client.js')).toBe(true);
    expect(hinted('Compare.js') || hinted('Table.js') || hinted('ensemble.worker.js')).toBe(false);
    // Once only, however often the hook runs.
    (plugin.generateBundle as (o: unknown, b: OutputBundle) => void).call({}, {}, b);
    expect((b['main.js'] as OutputChunk).code.split(COMPILE_HINT).length).toBe(2);
  });
});
