/**
 * Keyboard focus after actions, in the built app: a control that disables
 * or removes itself once used must not leave focus on <body> (where a
 * screen reader goes silent and Tab starts again from the top), and the
 * share bar's panels close with Escape and give focus back to their opener; and
 * in high-contrast modes (forced colours) what was shown by colour alone keeps a mark.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, watchedPage, type PageWatch } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
const watches: PageWatch[] = [];

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  for (const w of watches) expect(w.pageErrors).toEqual([]);
});

async function open(path: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, watch } = await watchedPage(context, baseUrl);
  watches.push(watch);
  await page.goto(baseUrl + path);
  return page;
}

/** What has focus: tag and accessible-ish name, or "body". */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return 'body';
    return `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? (el as HTMLElement).innerText?.trim().slice(0, 60) ?? ''}`;
  });
}

/** Focus leaves <body> once the page's own updates are done (the rescue runs a task after the action). */
async function focusSettled(page: Page): Promise<string> {
  await page.waitForTimeout(100);
  return focused(page);
}

describe('focus after actions', () => {
  it('a button that disables itself (Reset to preset, the last Undo) passes focus to a control beside it', async () => {
    const page = await open('');
    await page.getByRole('img', { name: /^Composite threat/ }).first().waitFor({ timeout: 20_000 });
    const slider = page.getByRole('slider', { name: 'Trigger threshold', exact: true });
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const reset = page.getByRole('button', { name: 'Reset to preset' });
    await expect(reset.isEnabled()).resolves.toBe(true);
    await reset.focus();
    await page.keyboard.press('Enter');
    await expect(reset.isDisabled()).resolves.toBe(true);
    expect(await focusSettled(page)).not.toBe('body');

    // Undo the reset, then the slider move: the last Undo disables itself.
    const undo = page.getByRole('button', { name: 'Undo', exact: true });
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await expect(undo.isDisabled()).resolves.toBe(true);
    expect(await focusSettled(page)).not.toBe('body');
    await page.context().close();
  });

  it('share panels close with Escape and with Close, giving focus back to the button that opened them', async () => {
    const page = await open('');
    await page.getByRole('img', { name: /^Composite threat/ }).first().waitFor({ timeout: 20_000 });
    const mine = page.getByRole('button', { name: 'My scenarios' });
    await mine.focus();
    await page.keyboard.press('Enter');
    await expect(mine.getAttribute('aria-expanded')).resolves.toBe('true');
    const saveAs = page.getByRole('textbox', { name: 'Save the current scenario as' });
    await saveAs.focus();
    await page.keyboard.press('Escape');
    await expect(mine.getAttribute('aria-expanded')).resolves.toBe('false');
    expect(await focused(page)).toBe('button:My scenarios');

    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Close' }).click();
    expect(await focusSettled(page)).toBe('button:My scenarios');
    await page.context().close();
  });

  it('My scenarios: Rename focuses the new name; Escape cancels only the rename; Delete focuses Undo delete', async () => {
    const page = await open('');
    await page.getByRole('img', { name: /^Composite threat/ }).first().waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'My scenarios' }).click();
    await page.getByRole('textbox', { name: 'Save the current scenario as' }).fill('First');
    await page.keyboard.press('Enter');
    const rename = page.getByRole('button', { name: 'Rename First' });
    await rename.focus();
    await page.keyboard.press('Enter');
    expect(await focusSettled(page)).toMatch(/^input/);
    await page.keyboard.press('Escape');
    expect(await focusSettled(page)).toBe('button:Rename First');
    await expect(page.getByRole('button', { name: 'My scenarios' }).getAttribute('aria-expanded')).resolves.toBe('true');

    await page.getByRole('button', { name: 'Delete First' }).focus();
    await page.keyboard.press('Enter');
    expect(await focusSettled(page)).toBe('button:Undo delete');
    await page.keyboard.press('Enter');
    expect(await focusSettled(page)).not.toBe('body');
    await page.context().close();
  });

  it('the exercise: starting it, and the timer swapping Start for Pause, keep focus off <body>', async () => {
    const page = await open('exercise.html');
    const form = page.getByRole('form', { name: 'Teams' });
    await form.getByRole('textbox').first().fill('Red');
    await form.getByRole('button', { name: 'Start the exercise' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^Next/ }).first().waitFor();
    expect(await focusSettled(page)).not.toBe('body');

    const start = page.getByRole('button', { name: /^Start the timer/ }).first();
    await start.focus();
    await page.keyboard.press('Enter');
    expect(await focusSettled(page)).not.toBe('body');
    await page.context().close();
  });
});

describe('focus after actions, continued', () => {
  it('a chart image download keeps focus on its button (it disabled itself while the PNG was drawn, and focus jumped to the next section)', async () => {
    const page = await open('');
    await page.getByText(/^Bands from 1,000 runs/).waitFor({ timeout: 30_000 });
    const png = page.getByRole('button', { name: 'Download Composite threat as PNG' });
    await png.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Saved .*\.png$/).first().waitFor({ timeout: 20_000 });
    expect(await focusSettled(page)).toBe('button:Download Composite threat as PNG');
  });

  it('Tab reaches the charts below the first screen, which are drawn only when scrolled near', async () => {
    // From the composite chart's last button Tab went to the page's body: nothing below had been drawn.
    const page = await open('');
    await page.getByText(/^Bands from 1,000 runs/).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Download Composite threat as SVG' }).focus();
    const reached: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => {
        const el = document.activeElement;
        return !el || el === document.body ? 'body' : `${el.tagName.toLowerCase()}:${el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40)}`;
      }));
    }
    expect(reached).not.toContain('body');
    expect(reached.join(' | ')).toMatch(/Effect of the pause on composite threat/);
  });

  it("Explain's 'Go to the peak' keeps focus on itself, now saying the reader is at the peak", async () => {
    const page = await open('#v=1&view=explain');
    const go = page.getByRole('button', { name: /^Go to the peak \(month \d+\)$/ });
    await go.waitFor({ timeout: 20_000 });
    const month = Number(/month (\d+)/.exec((await go.textContent())!)![1]);
    await go.focus();
    await page.keyboard.press('Enter');
    expect(await focusSettled(page)).toBe(`button:Month ${month} is the peak`);
    await page.getByText(new RegExp(`^In month ${month}, `)).waitFor();
  });
});

describe('menus that change the view', () => {
  it('arrowing through the closed preset menu loads a preset only on Enter (WCAG 3.2.2)', async () => {
    const page = await open('');
    await page.getByRole('img', { name: /^Composite threat/ }).first().waitFor({ timeout: 20_000 });
    const before = page.url();
    const menu = page.getByRole('combobox', { name: 'Start from a preset' });
    await menu.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(300);
    expect(page.url()).not.toBe(before);
    expect(await menu.inputValue()).toBe(new URL(page.url()).hash.match(/[#&]s=([^&]+)/)?.[1]);
    await page.context().close();
  });
});

describe('live regions', () => {
  it('progress is not read out step by step: no live region holds a changing count or percentage', async () => {
    const page = await open('#v=1&m=1.1&s=deprioritized-free-hits-trigger&view=analysis');
    await page.getByRole('heading', { name: /policy/i }).first().waitFor({ timeout: 20_000 });
    // Sample every live region while the analyses compute.
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const texts = await page.evaluate(() => Array.from(document.querySelectorAll('[aria-live]'), (el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()));
      for (const t of texts) if (t) seen.add(t);
      await page.waitForTimeout(100);
    }
    const counting = [...seen].filter((t) => /\d+ ?%|\d+ of \d+/.test(t));
    expect(counting).toEqual([]);
    expect([...seen].some((t) => /Computing the comparison…/.test(t))).toBe(true);
    await page.context().close();
  });
});

describe('high-contrast modes (forced colours)', () => {
  it("Compare's grid keeps 'worse' and 'better' apart without its shading: a solid or a dashed left edge", async () => {
    const page = await open('#v=1&m=1.1&s=deprioritized-free-hits-trigger&n=100&view=compare');
    await page.emulateMedia({ forcedColors: 'active' });
    await page.locator('td.up, td.down').first().waitFor({ timeout: 60_000 });
    const edges = await page.evaluate(() =>
      ['up', 'down'].map((k) => {
        const td = document.querySelector(`td.${k}`);
        return td ? `${getComputedStyle(td).borderLeftStyle} ${parseFloat(getComputedStyle(td).borderLeftWidth) >= 3}` : null;
      }),
    );
    expect(edges[0]).toBe('solid true');
    if (edges[1] !== null) expect(edges[1]).toBe('dashed true');
    await page.context().close();
  });

  it('the selected view tab, the tornado key and a pressed toggle keep a mark of their own', async () => {
    const page = await open('#v=1&m=1.1&s=deprioritized-free-hits-trigger&view=analysis');
    await page.emulateMedia({ forcedColors: 'active' });
    const tab = page.getByRole('tab', { name: 'Analyse' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    const widths = await tab.evaluate((el) => {
      const other = [...document.querySelectorAll('[role="tab"]')].find((t) => t.getAttribute('aria-selected') === 'false')!;
      return [getComputedStyle(el).borderTopWidth, getComputedStyle(other).borderTopWidth];
    });
    expect(parseFloat(widths[0])).toBeGreaterThanOrEqual(3);
    expect(parseFloat(widths[1])).toBeLessThan(2);
    // The tornado's key: its colours stay, as its bars' do.
    const swatch = page.locator('.swatch.low').first();
    await swatch.waitFor({ timeout: 20_000 });
    expect(await swatch.evaluate((el) => [getComputedStyle(el).forcedColorAdjust, getComputedStyle(el).backgroundColor])).toEqual(['none', expect.not.stringMatching(/rgba\(0, 0, 0, 0\)/)]);
    await page.context().close();

    const exercise = await open('exercise.html');
    await exercise.emulateMedia({ forcedColors: 'active' });
    const form = exercise.getByRole('form', { name: 'Teams' });
    await form.getByRole('textbox').first().fill('Red');
    await form.getByRole('button', { name: 'Start the exercise' }).click();
    const preview = exercise.getByRole('button', { name: 'Projector preview' });
    const before = await preview.evaluate((el) => getComputedStyle(el).borderTopWidth);
    await preview.click();
    expect(await preview.getAttribute('aria-pressed')).toBe('true');
    expect(parseFloat(await preview.evaluate((el) => getComputedStyle(el).borderTopWidth))).toBeGreaterThan(parseFloat(before));
    await exercise.context().close();
  });
});

describe('more contrast asked for', () => {
  it('the charts’ bands and grid are firmer when the reader asks for more contrast', async () => {
    const page = await open('');
    await page.locator('.sd-band-inner').first().waitFor({ timeout: 30_000 });
    const read = () => page.evaluate(() => [getComputedStyle(document.querySelector('.sd-band-inner')!).fill, getComputedStyle(document.documentElement).getPropertyValue('--chart-grid').trim()]);
    const normal = await read();
    await page.emulateMedia({ contrast: 'more' });
    const more = await read();
    expect(more[0]).not.toBe(normal[0]);
    expect(more[1]).not.toBe(normal[1]);
    await page.context().close();
  });
});
