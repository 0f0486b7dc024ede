/**
 * Browser tests run against the built app: build once with Vite, serve the
 * bundle with `vite preview` on a free loopback port, and hand the address to
 * the tests.
 */
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

let server: PreviewServer | undefined;
/** Where the bundle goes: `STAND_DOWN_DIST` lets two runs on one machine keep apart. */
const outDir = process.env.STAND_DOWN_DIST || 'dist';

export default async function setup(project: TestProject) {
  // The production build users get (NODE_ENV is 'test' inside Vitest, which would select Svelte's dev build).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    if (!process.env.STAND_DOWN_SKIP_BUILD) await build({ logLevel: 'warn', mode: 'production', build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, build: { outDir }, logLevel: 'warn' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  return async () => {
    await new Promise<void>((resolve) => server?.httpServer.close(() => resolve()));
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
