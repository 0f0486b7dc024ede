/**
 * Screenshots of the built app for a person to look at:
 *   npx tsx scripts/screenshot.ts [url-suffix] [name]
 * Serves dist/ with `vite preview`, captures 1280×800 and 390×844 full pages into screenshots/.
 */
import { preview } from 'vite';
import { launch } from '../tests/browser/browser';

const suffix = process.argv[2] ?? '';
const name = process.argv[3] ?? 'explore';
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const address = server.httpServer.address();
const port = typeof address === 'object' && address ? address.port : 4173;
const browser = await launch();
// ONLY=phone or ONLY=desktop takes one size (a button may exist at one size only).
for (const [w, h, tag] of ([[1280, 800, 'desktop'], [390, 844, 'phone']] as const).filter(([, , t]) => !process.env.ONLY || t === process.env.ONLY)) {
  // SCHEME=dark shows the dark theme (prefers-color-scheme).
  // TOUCH=1 emulates a touch screen (pointer: coarse) at both sizes.
  const touch = process.env.TOUCH === '1';
  const page = await browser.newPage({
    viewport: { width: w, height: h }, deviceScaleFactor: 1, colorScheme: process.env.SCHEME === 'dark' ? 'dark' : 'light', hasTouch: touch, isMobile: touch && tag === 'phone',
  });
  page.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  page.on('pageerror', (e) => console.error('pageerror:', e.message));
  await page.goto(`http://127.0.0.1:${port}/${suffix}`);
  await page.waitForTimeout(2500);
  // CLICK="Compare|Pin for comparison" clicks buttons or tabs by accessible name, in order.
  for (const name of (process.env.CLICK ?? '').split('|').filter(Boolean)) {
    await page.getByRole(name.startsWith('tab:') ? 'tab' : 'button', { name: name.replace(/^tab:/, '') }).first().click();
    await page.waitForTimeout(1500);
  }
  // PAGES=n takes n viewport-sized shots down the page (name-tag-1.png …), else one.
  const pages = Number(process.env.PAGES ?? 1);
  for (let i = 0; i < pages; i++) {
    await page.evaluate((y) => window.scrollTo(0, y), i * h);
    await page.waitForTimeout(200);
    await page.screenshot({ path: `screenshots/${name}-${tag}${pages > 1 ? `-${i + 1}` : ''}.png` });
  }
  await page.close();
}
await browser.close();
server.httpServer.close();
