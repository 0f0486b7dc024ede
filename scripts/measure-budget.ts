/**
 * Initial JavaScript budget: loads the built app in Chromium, lists the
 * scripts fetched before the first screen settles (workers excluded), and
 * sums their gzip sizes. Usage: npx vite build && npx tsx scripts/measure-budget.ts
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { preview } from 'vite';
import { launch } from '../tests/browser/browser';

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : 4173;
const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const scripts = new Set<string>();
page.on('request', (r) => {
  if (r.resourceType() === 'script') scripts.add(new URL(r.url()).pathname);
});
await page.goto(`http://127.0.0.1:${port}/`);
await page.waitForTimeout(3000);
let total = 0;
let workers = 0;
for (const path of [...scripts].sort()) {
  const gz = gzipSync(readFileSync(`dist${path}`), { level: 9 }).length;
  // Worker scripts load off the main thread and do not delay the first screen.
  if (/worker/.test(path)) workers += gz;
  else total += gz;
  console.log(`${(gz / 1024).toFixed(1).padStart(7)} KB  ${path}`);
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript on the main thread, gzipped (budget 150 KB)`);
console.log(`${(workers / 1024).toFixed(1).padStart(7)} KB  ensemble worker, gzipped (loaded in parallel, off the main thread)`);
await browser.close();
server.httpServer.close();
