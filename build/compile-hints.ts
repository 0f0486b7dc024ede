/**
 * Build-only plugin: marks the JavaScript a page needs to start with V8's
 * explicit compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136 and
 * later; other engines read it as a comment). V8 then compiles those files'
 * functions on a background thread while they download, instead of one by
 * one on the main thread the first time each runs, which is what made the
 * first render's tasks long.
 *
 * Measured on the built app (Lighthouse 12.8.2, mobile, three interleaved
 * runs each): total blocking time 70–140 ms with the hint, 170–300 ms without;
 * the main thread's CPU time while starting, 182–203 ms against 203–250 ms
 * (scripts/trace-start.ts).
 *
 * A chunk is marked when a page reaches it from its entry through static
 * imports, or through the dynamic import of a start-up module (`startModules`:
 * the explorer's boot and the exercise app). Views opened later are left to
 * compile lazily, as usual.
 */
import type { Plugin, Rollup } from 'vite';

type OutputBundle = Rollup.OutputBundle;
type OutputChunk = Rollup.OutputChunk;

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/** The chunks loaded when a page starts: entries, their static imports, and the start-up modules' graphs. */
export function startupChunks(bundle: OutputBundle, startModules: RegExp): Set<string> {
  const chunks = new Map<string, OutputChunk>();
  for (const [name, out] of Object.entries(bundle) as [string, OutputBundle[string]][]) if (out.type === 'chunk') chunks.set(name, out);
  const marked = new Set<string>();
  const visit = (name: string) => {
    const chunk = chunks.get(name);
    if (!chunk || marked.has(name)) return;
    marked.add(name);
    chunk.imports.forEach(visit);
    for (const dynamic of chunk.dynamicImports) {
      const target = chunks.get(dynamic);
      if (target?.facadeModuleId && startModules.test(target.facadeModuleId)) visit(dynamic);
    }
  };
  for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
  return marked;
}

export function compileHints(startModules = /[\\/]src[\\/](boot\.ts|ui[\\/]exercise[\\/]ExerciseApp\.svelte)$/): Plugin {
  return {
    name: 'stand-down-compile-hints',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const name of startupChunks(bundle, startModules)) {
        const chunk = bundle[name] as OutputChunk;
        if (!chunk.code.startsWith(COMPILE_HINT)) chunk.code = COMPILE_HINT + chunk.code;
      }
    },
  };
}
