/**
 * The tabletop exercise in the built app, in Debian's Chromium: a
 * facilitator page and a player page in one browser context (so the
 * BroadcastChannel joins them) play the exercise from the briefing to the
 * after-action report. At every step the player page's text and HTML are
 * searched for every facilitator note, every expected effect and the title
 * of every inject not yet revealed (read from the script files on disk).
 * Also: the player window button, a reload mid-exercise, links, downloads,
 * the bundle the player page loads, accessibility, errors and requests.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Scenario } from '../../src/model/types';
import type { ExerciseSession } from '../../src/exercise';
import { DISK } from '../helpers/presets';
import { launch, seriousViolations, watchedPage, type PageWatch } from './browser';

const baseUrl = inject('baseUrl');
const url = `${baseUrl}exercise.html`;
let browser: Browser;
const watches: PageWatch[] = [];
const cspEvents: string[] = [];

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** Text a player must never see, as rendered (whitespace collapsed), first 60 characters each. */
function secretsOf(script: Scenario): string[] {
  return [
    ...script.injects.map((i) => i.notes ?? ''),
    ...script.injects.flatMap((i) => i.decision?.options.map((o) => o.expectedEffect ?? '') ?? []),
  ]
    .filter(Boolean)
    .map((s) => squash(s).slice(0, 60));
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.exposeBinding('__reportCsp', (_source, text: string) => void cspEvents.push(text));
  await context.addInitScript(() => {
    const w = window as unknown as { __reportCsp: (t: string) => void };
    document.addEventListener('securitypolicyviolation', (e) => w.__reportCsp(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return context;
}

async function open(context: BrowserContext, hash = ''): Promise<Page> {
  const { page, watch } = await watchedPage(context, baseUrl);
  watches.push(watch);
  await page.goto(url + hash);
  return page;
}

async function sessionOf(facilitator: Page): Promise<ExerciseSession> {
  const text = await facilitator.evaluate(() => localStorage.getItem('stand-down-exercise'));
  if (!text) throw new Error('nothing autosaved');
  return JSON.parse(text).session;
}

/** Wait until the player page shows the session's month and phase, then search it for anything it must not hold. */
async function checkPlayer(player: Page, script: Scenario, s: ExerciseSession): Promise<void> {
  if (s.phase !== 'briefing') {
    await player.waitForFunction(
      ([month, revealed]) => document.body.innerText.includes(`Month ${month} of`) && (revealed as string[]).every((t) => document.body.innerText.includes(t)),
      [s.month, script.injects.filter((i) => s.revealedInjects.includes(i.id)).map((i) => i.title)] as const,
      // Interval polling: the player page is a background tab here, where animation frames are throttled.
      { timeout: 5_000, polling: 50 },
    );
  }
  const text = squash(await player.evaluate(() => document.body.innerText));
  const html = squash(await player.content());
  for (const secret of secretsOf(script)) {
    expect(text, `month ${s.month}: a secret on the player page`).not.toContain(secret);
    expect(html).not.toContain(secret);
  }
  for (const inj of script.injects) {
    if (s.revealedInjects.includes(inj.id)) continue;
    expect(text, `month ${s.month}: unrevealed "${inj.title}" on the player page`).not.toContain(inj.title);
    expect(html).not.toContain(inj.title);
  }
}

/** Play a whole exercise: predictions at each "predict first", a choice by the first team at each decision. */
async function play(
  facilitator: Page, player: Page, script: Scenario, teams: string[], onMonth?: (s: ExerciseSession) => Promise<void>, onStep?: (s: ExerciseSession) => Promise<void>,
) {
  // The console is the front tab, as on the facilitator's screen: Playwright waits for animation frames before a click.
  await facilitator.bringToFront();
  await facilitator.getByRole('radio', { name: script.title }).check();
  const form = facilitator.getByRole('form', { name: 'Teams' });
  const inputs = form.getByRole('textbox');
  for (let i = 0; i < teams.length; i++) {
    if (i >= (await inputs.count())) await form.getByRole('button', { name: 'Add a team' }).click();
    await inputs.nth(i).fill(teams[i]);
  }
  await form.getByRole('button', { name: 'Start the exercise' }).click();
  let s = await sessionOf(facilitator);
  await checkPlayer(player, script, s);
  let predicted = -1;
  let lastMonth = 0;
  for (let guard = 0; guard < 200 && s.phase !== 'report'; guard++) {
    if (s.phase === 'predict' && predicted !== s.month) {
      predicted = s.month;
      const panel = facilitator.getByRole('region', { name: 'Predict first' });
      for (const [i, team] of teams.entries()) await panel.getByRole('textbox', { name: new RegExp(`^${team}: predicted`) }).fill(String(52 + i * 4));
      // From the keyboard: Enter in the last field records them all.
      await facilitator.keyboard.press('Enter');
    } else if (s.phase === 'decision' && !(s.choices[s.openDecision!] ?? []).length) {
      const inj = script.injects.find((i) => i.id === s.openDecision)!;
      const team = facilitator.getByRole('form', { name: new RegExp(teams[0]) });
      await team.getByRole('radio', { name: inj.decision!.options[0].label, exact: true }).check();
      await team.getByRole('textbox', { name: 'Why (rationale)' }).fill(`${teams[0]} reasons about ${inj.id}`);
      await team.getByRole('button', { name: `Record the choice of ${teams[0]}` }).click();
    } else {
      await facilitator.getByRole('button', { name: /^Next: / }).click();
    }
    const before = JSON.stringify(s);
    await facilitator.waitForFunction(
      (b) => localStorage.getItem('stand-down-exercise') !== null && JSON.stringify(JSON.parse(localStorage.getItem('stand-down-exercise')!).session) !== b,
      before,
      { polling: 20 },
    );
    s = await sessionOf(facilitator);
    expect(await facilitator.getByRole('alert').first().innerText()).toBe('');
    await checkPlayer(player, script, s);
    await onStep?.(s);
    if (onMonth && s.month !== lastMonth) {
      lastMonth = s.month;
      await onMonth(s);
      s = await sessionOf(facilitator);
    }
  }
  expect(s.phase).toBe('report');
  return s;
}

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('tabletop exercise', () => {
  it('plays the classroom exercise with a player window, from the briefing to the report', async () => {
    const script = DISK.exercises.find((x) => x.id === 'exercise-classroom-20')!;
    const context = await newContext();
    const facilitator = await open(context);
    await facilitator.getByRole('heading', { name: 'Prepare the exercise' }).waitFor();
    // The skip link moves focus within the page; it does not restart it.
    await facilitator.evaluate(() => ((window as unknown as { __mark: number }).__mark = 1));
    await facilitator.getByRole('link', { name: 'Skip to the exercise' }).focus();
    await facilitator.keyboard.press('Enter');
    expect(await facilitator.evaluate(() => (window as unknown as { __mark?: number }).__mark)).toBe(1);
    // Control: the searched-for text is in the console's page as rendered (so its absence on the player page means something).
    await facilitator.getByRole('radio', { name: script.title }).check();
    const consoleHtml = squash(await facilitator.content());
    for (const secret of secretsOf(script)) expect(consoleHtml).toContain(secret);

    // The console's button opens a player window in the same context; it follows the console.
    const [popup] = await Promise.all([context.waitForEvent('page'), facilitator.getByRole('button', { name: 'Open player window' }).click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toMatch(/exercise\.html#role=player$/);
    await popup.getByRole('heading', { level: 1, name: 'Briefing' }).waitFor();
    // A second click reuses that window rather than opening another.
    const pages = context.pages().length;
    await facilitator.getByRole('button', { name: 'Open player window' }).click();
    await facilitator.waitForTimeout(500);
    expect(context.pages().length).toBe(pages);
    await popup.close();

    const player = await open(context, '#role=player');
    await player.getByRole('heading', { level: 1, name: 'Briefing' }).waitFor();

    // The player page loads none of the code that holds the scripts.
    const scripts = await player.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    expect(scripts.length).toBeGreaterThan(2);
    for (const src of scripts) {
      const code = await (await fetch(src)).text();
      for (const secret of secretsOf(script).map((s) => s.slice(0, 30))) expect(code, src).not.toContain(secret);
    }

    let reloaded = false;
    const final = await play(facilitator, player, script, ['Red', 'Blue'], async (s) => {
      if (s.month === 8 && !reloaded) {
        // A reload in the middle loses nothing.
        reloaded = true;
        await facilitator.reload();
        await facilitator.bringToFront();
        await facilitator.getByRole('heading', { name: /^Month 8 of 24/ }).waitFor();
        expect(await sessionOf(facilitator)).toEqual(s);
      }
      if (s.month === 7) {
        // A month after the decision, on a 1920×1080 projector, the teams' answers are on screen without scrolling.
        const size = player.viewportSize()!;
        await player.setViewportSize({ width: 1920, height: 1080 });
        const decided = player.getByRole('region', { name: 'Decision, month 6' });
        await expect.poll(() => decided.getByText(/^Red:/).isVisible()).toBe(true);
        const box = (await decided.boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(1080);
        await player.setViewportSize(size);
      }
    });
    expect(reloaded).toBe(true);
    expect(final.closedDecisions).toMatchObject([{ injectId: 'restart-decision', optionId: 'restart', rule: 'plurality' }]);
    await player.getByRole('heading', { level: 1, name: 'Exercise complete' }).waitFor();
    expect(await player.getByRole('table', { name: 'Predictions and what happened' }).innerText()).toMatch(/52/);

    // The report: notes typed in it, and both downloads.
    const report = facilitator.getByRole('article', { name: /After-action report/ });
    await report.getByRole('textbox', { name: 'Strengths' }).fill('Clear <b>rationales</b>');
    await report.getByRole('textbox', { name: 'Areas for improvement' }).fill('Predict more boldly');
    const [md] = await Promise.all([facilitator.waitForEvent('download'), report.getByRole('button', { name: 'Download Markdown' }).click()]);
    expect(md.suggestedFilename()).toMatch(/^after-action-exercise-classroom-20-\d{4}-\d\d-\d\d\.md$/);
    const markdown = readFileSync((await md.path())!, 'utf8');
    expect(markdown).toContain('# After-action report: Classroom round');
    expect(markdown).toContain('| Red | Restart now | Red reasons about restart-decision |');
    expect(markdown).toContain('Clear \\<b\\>rationales\\</b\\>');
    const [csv] = await Promise.all([facilitator.waitForEvent('download'), report.getByRole('button', { name: 'Download decision log (CSV)' }).click()]);
    // A byte-order mark first, for Excel; then where the file came from, then the table.
    expect(readFileSync((await csv.path())!, 'utf8')).toMatch(/^\uFEFF# Decision log,"Stand-Down: a teaching model, not a forecast",[,]*\r\n(.*\r\n){3}Month,Inject,Question,Row,Team/);
    expect(await report.locator('b').count()).toBe(0);

    // The player's text never held a facilitator note; check once more at the end, then accessibility.
    await checkPlayer(player, script, final);
    expect((await seriousViolations(player)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect((await seriousViolations(facilitator)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });

  it('plays the practitioners exercise with three teams; links restore the step and carry no notes', async () => {
    const script = DISK.exercises.find((x) => x.id === 'exercise-practitioners-60')!;
    const context = await newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseUrl).origin });
    const facilitator = await open(context);
    const player = await open(context, '#role=player');
    // The projector: 1920×1080, as in most rooms.
    await player.setViewportSize({ width: 1920, height: 1080 });
    let links: { facilitator: string; player: string } | null = null;
    const projector: string[] = [];
    const onProjector = async (s: ExerciseSession) => {
      // The room sees what to discuss without anyone scrolling the projector: below the chart, the predictions and
      // the earlier decisions it started at y 1105 from month 6, and 1436 in the hot wash.
      const first = player.getByRole('region', { name: 'Discuss' }).getByRole('listitem').first();
      if (await first.count()) {
        const box = (await first.boundingBox())!;
        if (box.y + box.height > 1080) projector.push(`month ${s.month} (${s.phase}): the first question ends at y ${Math.round(box.y + box.height)}`);
      }
      // Marker labels stay apart ("pause reversed" and "operations resume" ran into one phrase at 1920 px).
      const labels = await player.locator('.sd-markers text').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
      for (let i = 0; i < labels.length; i++)
        for (let j = i + 1; j < labels.length; j++) {
          const [a, b] = [labels[i], labels[j]];
          const apart = a.b <= b.t || b.b <= a.t || a.r + 8 <= b.l || b.r + 8 <= a.l;
          if (!apart) projector.push(`month ${s.month}: marker labels ${i} and ${j} closer than 8 px`);
        }
    };
    await play(facilitator, player, script, ['Red', 'Blue', 'Green'], async (s) => {
      if (s.month !== 7 || links) return;
      // Mid-exercise: copy both links and check the accessibility of the console at work.
      await facilitator.getByRole('button', { name: 'Copy facilitator link' }).click();
      const f = await facilitator.evaluate(() => navigator.clipboard.readText());
      await facilitator.getByRole('button', { name: 'Copy player link' }).click();
      const p = await facilitator.evaluate(() => navigator.clipboard.readText());
      links = { facilitator: f, player: p };
      expect((await seriousViolations(facilitator)).map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    }, onProjector);
    expect(projector).toEqual([]);
    expect(links).not.toBeNull();
    const { facilitator: fLink, player: pLink } = links!;
    expect(fLink).toMatch(/exercise\.html#role=facilitator&x=/);
    expect(pLink).toMatch(/exercise\.html#role=player&x=/);

    // In another browser (a fresh context): the facilitator link opens at month 7.
    const other = await newContext();
    const restored = await other.newPage();
    await restored.goto(fLink);
    await restored.getByRole('heading', { name: /^Month 7 of 24/ }).waitFor();
    expect(await restored.getByRole('note').first().innerText()).toMatch(/Opened the exercise from the link at month 7/);
    expect(restored.url()).toMatch(/#role=facilitator$/);

    // The player link shows the snapshot, with nothing for the facilitator only.
    const snap = await other.newPage();
    await snap.goto(pLink);
    await snap.getByText('Month 7 of 24', { exact: false }).first().waitFor();
    const text = squash(await snap.evaluate(() => document.body.innerText));
    for (const secret of secretsOf(script)) expect(text).not.toContain(secret);
    expect(text).toContain('A snapshot shared by the facilitator');

    // A damaged link says what is wrong, and the page still works.
    const broken = await other.newPage();
    await broken.goto(`${url}#role=player&x=${pLink.split('x=')[1].slice(0, 40)}`);
    await broken.getByRole('alert').waitFor();
    expect(await broken.getByRole('alert').innerText()).toMatch(/This player link cannot be shown/);
    await other.close();
    await context.close();
  });

  it('logs no console errors, breaks no Content-Security-Policy rule and makes no request to another host', () => {
    expect(watches.flatMap((w) => w.pageErrors)).toEqual([]);
    expect(watches.flatMap((w) => w.consoleErrors)).toEqual([]);
    expect(watches.flatMap((w) => w.foreignRequests)).toEqual([]);
    expect(cspEvents).toEqual([]);
  });
});
