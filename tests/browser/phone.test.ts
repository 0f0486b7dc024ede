/**
 * The built app on a phone (390 × 844, and 320 × 640 in the dark theme):
 * every view fits the screen. A word cut off at an edge (a chart's names
 * drawn left of the chart, a column pushed past the right edge) is found by
 * its box; text in a container that scrolls sideways (a wide table, the tab
 * strip) may run on, since a swipe reaches it, but that container must then
 * be reachable from the keyboard, which axe checks with the rest of its
 * serious and critical rules. The page logs no error and asks no other host
 * for anything.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, seriousViolations, watchedPage, type PageWatch } from './browser';
import { MODEL_VERSION } from '../../src/model/parameters';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let watch: PageWatch;

/** Text (HTML or SVG) whose box leaves the screen outside any sideways-scrolling container, as "text (left–right)". */
async function textOffScreen(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const inScroller = (el: Element) => {
      for (let a = el.parentElement; a; a = a.parentElement) {
        const o = getComputedStyle(a).overflowX;
        if (o === 'auto' || o === 'scroll') return true;
      }
      return false;
    };
    const off: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own) continue;
      const box = el.getBoundingClientRect();
      // Not laid out (closed details, hidden tabs) or visually hidden for screen readers only (1 px boxes).
      if (box.width <= 1 || box.height <= 1 || getComputedStyle(el).visibility === 'hidden') continue;
      // A table's caption is the exception: it should wrap within the screen, not scroll away with its table.
      if ((box.left < -1 || box.right > width + 1) && (!inScroller(el) || el.closest('caption'))) {
        off.push(`${el.textContent!.trim().slice(0, 40)} (${Math.round(box.left)}–${Math.round(box.right)})`);
      }
    }
    return off;
  });
}

/** Wait until no part of the view is still computing. */
async function computed(p: Page): Promise<void> {
  // The model page has no ensemble of its own to wait for.
  await p.waitForFunction(() => (document.querySelector('[data-run-status]')?.getAttribute('data-run-status') ?? 'done') === 'done', null, { timeout: 30_000 });
  await p.waitForFunction(() => !document.body.innerText.includes('Computing'), null, { timeout: 60_000 });
}

/** What fails on this screen: text off it (outside sideways scrollers), the page scrolling sideways, serious axe violations. */
/** Chart text drawn smaller than 9 px on screen (an SVG scaled down to fit): the first eight. */
function tinyChartText(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const tiny: string[] = [];
    for (const svg of document.querySelectorAll('svg[viewBox]')) {
      const box = svg.getBoundingClientRect();
      const viewWidth = (svg as SVGSVGElement).viewBox.baseVal.width;
      if (box.width <= 1 || !viewWidth) continue;
      const scale = box.width / viewWidth;
      for (const t of svg.querySelectorAll('text')) {
        const size = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (t.getBoundingClientRect().width > 0 && size < 9) tiny.push(`${t.textContent!.trim().slice(0, 30)} at ${size.toFixed(1)} px`);
      }
    }
    return tiny.slice(0, 8);
  });
}

/** What sticks out past the screen's right edge, outside any box of its own that scrolls: the first eight, to name the culprit. */
function widening(p: Page, width: number): Promise<string[]> {
  return p.evaluate((w) => {
    const scrolls = (e: Element) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
    const inScroller = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement) if (scrolls(a)) return true;
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > w + 1 && !inScroller(e))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} to ${Math.round(e.getBoundingClientRect().right)} px`);
  }, width);
}

async function misfits(p: Page, width: number): Promise<string[]> {
  const scrollWidth = await p.evaluate(() => document.documentElement.scrollWidth);
  return [
    ...(await textOffScreen(p)).map((t) => `off screen: ${t}`),
    ...(await tinyChartText(p)).map((t) => `chart text too small: ${t}`),
    ...(scrollWidth > width ? [`page ${scrollWidth} px wide`, ...(await widening(p, width))] : []),
    ...(await seriousViolations(p)).map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`),
  ];
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

// A common phone, and the 320 px that WCAG 1.4.10 (reflow) asks content to fit without scrolling
// sideways, there in the dark theme, so that axe checks its contrast too.
describe.each([
  [390, 844, 'light'],
  [320, 640, 'dark'],
] as const)('on a phone %i px wide (%s theme)', (width, height, colorScheme) => {
  beforeAll(async () => {
    const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, colorScheme });
    ({ page, watch } = await watchedPage(context, baseUrl));
    await page.goto(baseUrl);
    await page.getByRole('heading', { name: 'Stand-Down', level: 1 }).waitFor();
    await computed(page);
  });

  it('starts the composite chart on the first screen, with pinning and sharing under it', async () => {
    const chart = (await page.getByRole('img', { name: /^Composite threat/ }).boundingBox())!;
    const share = (await page.getByRole('region', { name: 'Share, save and export' }).boundingBox())!;
    const pin = (await page.getByRole('button', { name: /^Pin for comparison/ }).boundingBox())!;
    // On the common phone the top of the plot, where the threat rises, is in sight without scrolling
    // (it was 870 px down, under the pin and share buttons, at 390 × 844), and so is its month axis: the
    // scenario's notes on the reversal sit under the plot, not in a six-line caption above it.
    if (height >= 800) expect(chart.y + chart.height).toBeLessThanOrEqual(height);
    expect(pin.y).toBeGreaterThan(chart.y + chart.height);
    expect(share.y).toBeGreaterThan(pin.y);
  });

  // Each tab and a heading of its own view: views load on first use, and "nothing computing" proves
  // nothing until the view is there.
  const views = [
    ['Explore', 'Key numbers'],
    ['Compare', 'Pinned scenarios'],
    ['Explain', 'Why is this number what it is?'],
    ['Analyse', 'Policy comparison: robust choices'],
    ['How the model works', 'The equations, month by month'],
  ] as const;
  for (const [tab, heading] of views) {
    it(`fits the ${tab} view to the screen`, async () => {
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('heading', { name: heading }).first().waitFor();
      await computed(page);
      expect(await misfits(page, width)).toEqual([]);
    });
  }

  it('fits the opened scenario controls to the screen', async () => {
    await page.getByRole('tab', { name: 'Explore' }).click();
    await page.getByRole('button', { name: 'Change the scenario' }).click();
    await page.getByRole('button', { name: 'Hide the scenario controls' }).waitFor();
    expect(await misfits(page, width)).toEqual([]);
  });

  it('keeps the result in sight while the controls are open, and goes back to the charts', async () => {
    // The controls are open (the test above): scrolled into them, the charts are screens away.
    const preview = page.getByRole('group', { name: 'The result as you change the scenario' });
    await page.getByRole('radio', { name: /^Reciprocal restraint/ }).scrollIntoViewIfNeeded();
    const box = (await preview.boundingBox())!;
    const height = page.viewportSize()!.height;
    expect(box.y + box.height).toBeGreaterThan(height - 2);
    expect(box.y).toBeGreaterThan(height / 2);
    const before = await preview.innerText();
    await page.getByRole('radio', { name: /^Reciprocal restraint/ }).check();
    await expect.poll(() => preview.innerText()).not.toBe(before);
    expect(await preview.innerText()).toMatch(/Threat at month 24: \d+\.\d+ \((Low|Guarded|Elevated|High|Severe)\) · peak \d+\.\d+ · /);
    await page.getByRole('radio', { name: /^Free hits/ }).check();
    // From the keyboard: each control Tab reaches is scrolled clear of the strip, not under it (WCAG 2.4.11).
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press('Tab');
      const hidden = await page.evaluate(() => {
        const active = document.activeElement as HTMLElement | null;
        const strip = document.querySelector('.live-preview');
        if (!active || !strip || strip.contains(active)) return null;
        const a = active.getBoundingClientRect();
        const b = strip.getBoundingClientRect();
        const under = a.bottom > b.top + 1 && a.top < b.bottom - 1;
        return under ? `${active.tagName} ${active.getAttribute('aria-label') ?? active.id} at ${Math.round(a.top)}–${Math.round(a.bottom)}, strip at ${Math.round(b.top)}–${Math.round(b.bottom)}` : null;
      });
      expect(hidden, `Tab ${i + 1}`).toBeNull();
    }
    await preview.getByRole('button', { name: 'Show the charts' }).click();
    await expect.poll(() => preview.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Change the scenario' }).getAttribute('aria-expanded')).toBe('false');
    const charts = (await page.locator('#charts').boundingBox())!;
    expect(charts.y).toBeLessThan(height);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('charts');
  });

  it("fits the facilitator console, running, and the player view to the screen", async () => {
    await page.goto(new URL('exercise.html', baseUrl).href);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await misfits(page, width)).toEqual([]);

    // Running: the briefing, then each month the console reaches with "Next" alone.
    const form = page.getByRole('form', { name: 'Teams' });
    await form.getByRole('textbox').first().fill('Blue cell');
    await form.getByRole('button', { name: 'Start the exercise' }).click();
    // On to the first open decision, whose table of options is the widest thing the console shows.
    let decision = false;
    for (let step = 0; step < 30 && !decision; step++) {
      await page.getByRole('button', { name: /^Next: / }).first().waitFor();
      expect(await misfits(page, width), `step ${step}`).toEqual([]);
      decision = await page.getByRole('heading', { name: "Each team's choice" }).isVisible();
      if (decision) break;
      const next = page.getByRole('button', { name: /^Next: / }).first();
      if (await next.isEnabled()) {
        await next.click();
        continue;
      }
      // "Next" waits for the teams' predictions: record one.
      const predict = page.getByRole('region', { name: 'Predict first' });
      if (!(await predict.getByRole('textbox').count())) break;
      await predict.getByRole('textbox').first().fill('55');
      await predict.getByRole('button', { name: 'Record predictions' }).click();
    }
    expect(decision, 'an open decision was reached').toBe(true);
    // Too wide for the phone, the options table scrolls in a box the keyboard can reach.
    expect(await page.getByRole('region', { name: 'Options table (scrolls sideways)' }).getAttribute('tabindex')).toBe('0');

    // The players' view of the same exercise, as a player opens the player link on a phone.
    const player = await page.context().newPage();
    await player.goto(new URL('exercise.html#role=player', baseUrl).href);
    await player.getByText(/Month \d+ of \d+/).first().waitFor();
    expect(await misfits(player, width), 'player view').toEqual([]);
    await player.close();
  });

  it('logs no errors and asks no other host for anything', () => {
    expect(watch.pageErrors).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

describe('with a reader’s own text spacing (WCAG 1.4.12), 320 px wide', () => {
  it('chart labels laid out by their measured width stay on the screen and apart', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 });
    // A user style sheet, as a browser extension applies it, before the app draws anything.
    await context.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync('* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }');
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      });
    });
    const p = await context.newPage();
    await p.goto(`${baseUrl}#v=1&m=1.1&s=deprioritized-free-hits-trigger&view=analysis`);
    await p.locator('svg.heatmap').waitFor({ timeout: 60_000 });
    await computed(p);
    expect(await p.evaluate(() => getComputedStyle(document.body).letterSpacing)).not.toBe('normal');
    // Nothing runs off the screen: the tornado's long row names wrap above their bars.
    expect(await textOffScreen(p)).toEqual([]);
    const overlaps = await p.evaluate(() => {
      const boxes = [...document.querySelectorAll('svg.heatmap text.sd-small.sd-muted')].map((t) => t.getBoundingClientRect());
      return boxes.slice(1).filter((b, i) => b.left < boxes[i].right - 0.5 && Math.abs(b.top - boxes[i].top) < 2).length;
    });
    expect(overlaps).toBe(0);
    await context.close();
  });
});

describe('a touch phone, 390 × 844, the longest preset title', () => {
  it('shows the whole composite plot, month axis and its title, on the first screen', async () => {
    // Touch makes buttons and the "About" line taller (app.css), and the longest title takes three lines: the
    // plot's bottom was at 879 px. The view tabs now fit one row ("Model" for "How the model works").
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    const { page } = await watchedPage(context, baseUrl);
    await page.goto(`${baseUrl}#v=1&m=${MODEL_VERSION}&s=deprioritized-mixed-trigger`);
    await page.getByRole('heading', { name: 'Stand-Down', level: 1 }).waitFor();
    await computed(page);
    const chart = (await page.getByRole('img', { name: /^Composite threat/ }).boundingBox())!;
    expect(chart.y + chart.height).toBeLessThanOrEqual(844);
    const tabs = await page.getByRole('tab').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
    expect(tabs).toBe(1);
    expect(await page.getByRole('tab', { name: 'How the model works' }).innerText()).toBe('Model');
    await context.close();
  });

  it('keeps the five view tabs on one row on the commonest phones, 360 and 375 px wide', async () => {
    for (const [width, height] of [[360, 800], [375, 812]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
      const { page } = await watchedPage(context, baseUrl);
      await page.goto(baseUrl);
      await page.getByRole('tab', { name: 'Explore' }).waitFor();
      const rows = await page.getByRole('tab').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size);
      expect(rows, `${width} px`).toBe(1);
      await context.close();
    }
  });

  it('on a 2560 px screen, header, tabs and views keep to one 110rem column, aligned', async () => {
    // With no limit the composite chart stretched to 2096 × 280 and captions ran to 290 characters.
    const context = await browser.newContext({ viewport: { width: 2560, height: 1440 }, deviceScaleFactor: 1 });
    const { page } = await watchedPage(context, baseUrl);
    await page.goto(baseUrl);
    await computed(page);
    const left = async (locator: ReturnType<Page['locator']>) => Math.round((await locator.boundingBox())!.x);
    const title = await left(page.getByRole('heading', { name: 'Stand-Down', level: 1 }));
    // Within a few px (a tab's border, a label's own inset).
    expect(Math.abs((await left(page.getByRole('tab', { name: 'Explore' }))) - title)).toBeLessThanOrEqual(4);
    expect(Math.abs((await left(page.getByText('Start from a preset'))) - title)).toBeLessThanOrEqual(4);
    const chart = (await page.getByRole('img', { name: /^Composite threat/ }).boundingBox())!;
    expect(chart.x + chart.width - title).toBeLessThanOrEqual(110 * 16);
    await context.close();
  });

  it('a 1024 × 768 touch tablet shows the whole composite plot on the first screen', async () => {
    // The pin button beside the title squeezed it to three lines: the plot ended at y 808.
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, deviceScaleFactor: 1, hasTouch: true });
    const { page } = await watchedPage(context, baseUrl);
    await page.goto(`${baseUrl}#v=1&m=${MODEL_VERSION}&s=deprioritized-mixed-trigger`);
    await computed(page);
    const chart = (await page.getByRole('img', { name: /^Composite threat/ }).boundingBox())!;
    expect(chart.y + chart.height).toBeLessThanOrEqual(768);
    // Pinning and sharing are right under the chart.
    await page.getByRole('button', { name: /^Pin for comparison/ }).waitFor();
    await context.close();
  });

  it('on a phone held sideways, keeps the result strip to one row and "Show the charts" shows the whole chart', async () => {
    // 844 × 390: the strip took 79 px (a fifth of the screen) for one line of numbers, and the button scrolled to the
    // top of the charts' column, leaving the composite chart's lower bands and month axis below the fold.
    const context = await browser.newContext({ viewport: { width: 844, height: 390 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    const { page } = await watchedPage(context, baseUrl);
    await page.goto(baseUrl);
    await computed(page);
    await page.getByRole('button', { name: 'Change the scenario' }).click();
    await page.getByRole('radio', { name: /^Reciprocal restraint/ }).check();
    const preview = page.getByRole('group', { name: 'The result as you change the scenario' });
    const strip = (await preview.boundingBox())!;
    expect(strip.height).toBeLessThanOrEqual(56);
    await preview.getByRole('button', { name: 'Show the charts' }).click();
    await expect.poll(() => preview.count()).toBe(0);
    const chart = (await page.getByRole('img', { name: /^Composite threat/ }).boundingBox())!;
    expect(chart.y).toBeGreaterThanOrEqual(0);
    expect(chart.y + chart.height).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('charts');
    await context.close();
  });

  it("draws a focused tab's ring clear of its neighbours' labels", async () => {
    // The tabs touch on a phone: a ring drawn 2 px outside the tab lay over the next tab's first letter.
    const context = await browser.newContext({ viewport: { width: 360, height: 800 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true });
    const { page } = await watchedPage(context, baseUrl);
    await page.goto(baseUrl);
    await page.getByRole('tab', { name: 'Explore' }).focus();
    await page.keyboard.press('ArrowRight');
    const focused = page.getByRole('tab', { name: 'Compare' });
    await expect(focused.evaluate((el) => el === document.activeElement && el.matches(':focus-visible'))).resolves.toBe(true);
    const overlaps = await page.getByRole('tab').evaluateAll((tabs) => {
      const ring = document.activeElement as HTMLElement;
      const style = getComputedStyle(ring);
      const reach = parseFloat(style.outlineOffset) + parseFloat(style.outlineWidth);
      const box = ring.getBoundingClientRect();
      const out = { left: box.left - reach, right: box.right + reach, top: box.top - reach, bottom: box.bottom + reach };
      return tabs.filter((t) => t !== ring).flatMap((t) => {
        const text = document.createRange();
        text.selectNodeContents(t);
        return [...text.getClientRects()]
          .filter((r) => r.width > 0 && r.left < out.right && r.right > out.left && r.top < out.bottom && r.bottom > out.top)
          .map(() => t.textContent);
      });
    });
    expect(overlaps).toEqual([]);
    await context.close();
  });
});
