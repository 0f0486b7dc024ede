/**
 * A new version deployed while people have the app open, on a host that
 * lets browsers cache files for ten minutes (as GitHub Pages does): the
 * page offers "Reload now", the reload opens the new version (not the old
 * index.html from the browser's cache, which names scripts the new cache
 * no longer has: a blank page), and another open tab is told. The built
 * app is copied into two "deploys" served by a small server of our own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchedPage, type PageWatch } from './browser';

const dist = process.env.STAND_DOWN_DIST || 'dist';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json' };

/** A copy of the build whose pages say which deploy they are, and whose worker has a cache of its own. */
function deploy(root: string, name: string): string {
  const dir = join(root, name);
  cpSync(dist, dir, { recursive: true });
  for (const page of ['index.html', 'exercise.html']) {
    const file = join(dir, page);
    writeFileSync(file, readFileSync(file, 'utf8').replace('<head>', `<head><meta name="stand-down-deploy" content="${name}">`));
  }
  const sw = join(dir, 'sw.js');
  writeFileSync(sw, readFileSync(sw, 'utf8').replace(/const CACHE = "stand-down-[^"]+";/, `const CACHE = "stand-down-deploy-${name}";`));
  return dir;
}

let root: string;
let site: string;
let server: Server;
let base: string;
let browser: Browser;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'stand-down-deploys-'));
  site = deploy(root, 'A');
  deploy(root, 'B');
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(site, path.endsWith('/') ? `${path}index.html` : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=600' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

const deployOf = (page: Page) => page.evaluate(() => document.querySelector('meta[name="stand-down-deploy"]')?.getAttribute('content'));

async function controlled(page: Page): Promise<void> {
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
}

describe('a new version deployed while the app is open', () => {
  it('is offered, and "Reload now" opens it; another open tab is told', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const watches: PageWatch[] = [];
    const openPage = async (url: string) => {
      const { page, watch } = await watchedPage(context, base);
      watches.push(watch);
      await page.goto(url);
      return page;
    };
    const app = await openPage(base);
    await controlled(app);
    expect(await deployOf(app)).toBe('A');
    const console = await openPage(`${base}exercise.html`);
    await console.getByRole('heading', { name: 'Prepare the exercise' }).waitFor();

    // Deploy B. The browser looks for a new worker when asked (here) or on a later visit.
    site = join(root, 'B');
    await app.evaluate(async () => void (await navigator.serviceWorker.getRegistration())?.update());
    const notice = app.getByRole('region', { name: 'New version' });
    await expect.poll(() => notice.isVisible(), { timeout: 30_000 }).toBe(true);
    // The words come a moment after the box, so that a screen reader reads them out.
    await expect.poll(() => notice.innerText()).toMatch(/A new version of Stand-Down is ready\. Reloading keeps your saved work/);
    // The facilitator's console is offered it too, in its own words.
    const consoleNotice = console.getByRole('region', { name: 'New version' });
    await expect.poll(() => consoleNotice.isVisible(), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => consoleNotice.innerText()).toMatch(/Reloading continues from the exercise's autosave; if the console says it is not autosaving/);

    await Promise.all([app.waitForEvent('load', { timeout: 30_000 }), notice.getByRole('button', { name: 'Reload now' }).click()]);
    await app.getByRole('heading', { name: 'Stand-Down', level: 1 }).waitFor();
    expect(await deployOf(app)).toBe('B');
    // The app is whole: a view loaded on demand comes from the new version's files.
    await app.getByRole('tab', { name: 'Compare' }).click();
    await app.getByRole('heading', { name: 'Side by side' }).waitFor();

    // The console, still on A's code, is told that another tab moved on.
    await expect.poll(() => consoleNotice.innerText(), { timeout: 30_000 }).toMatch(/updated in another tab/);
    expect(await deployOf(console)).toBe('A');
    // From the keyboard: Escape closes it, and focus goes back where it was before.
    const addTeam = console.getByRole('button', { name: 'Add a team' });
    await addTeam.focus();
    await consoleNotice.getByRole('button', { name: 'Later' }).focus();
    await console.keyboard.press('Escape');
    await expect(consoleNotice.count()).resolves.toBe(0);
    await expect(addTeam.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

    expect(watches.flatMap((w) => [...w.pageErrors, ...w.consoleErrors, ...w.foreignRequests])).toEqual([]);
    await context.close();
  });

  it('the exercise page alone makes the app work offline', async () => {
    // A facilitator who bookmarks the exercise page and never opens the app itself.
    site = join(root, 'A');
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page } = await watchedPage(context, base);
    await page.goto(`${base}exercise.html`);
    await page.getByRole('heading', { name: 'Prepare the exercise' }).waitFor();
    await controlled(page);
    await expect.poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.state), { timeout: 30_000 }).toBe('activated');
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Prepare the exercise' }).waitFor();
    await context.setOffline(false);
    await context.close();
  });
});
