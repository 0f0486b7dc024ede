/**
 * Screenshots of the tabletop exercise for the facilitator's guide:
 *   npx vite build && npx tsx scripts/exercise-screenshots.ts
 * Serves dist/ with `vite preview`, plays the classroom exercise to its
 * decision (month 6) with three teams, and captures the console and the
 * player window at 1280×800, the player view at 390×844, the projector at
 * 1920×1080 a month after the decision closed, and the report
 * (on screen, and as printed),
 * into docs/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { preview } from 'vite';
import { launch } from '../tests/browser/browser';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'warn' });
const address = server.httpServer.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 4173}/exercise.html`;
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
const console_ = await context.newPage();
const player = await context.newPage();
for (const p of [console_, player]) {
  p.on('console', (m) => m.type() === 'error' && console.error('console:', m.text()));
  p.on('pageerror', (e) => console.error('pageerror:', e.message));
}
await console_.goto(base);
await player.goto(`${base}#role=player`);
await console_.bringToFront();

await console_.getByRole('radio', { name: /Classroom round/ }).check();
const teams = console_.getByRole('form', { name: 'Teams' });
await teams.getByRole('textbox').nth(0).fill('Owls');
await teams.getByRole('textbox').nth(1).fill('Foxes');
await teams.getByRole('button', { name: 'Add a team' }).click();
await teams.getByRole('textbox').nth(2).fill('Herons');
await teams.getByRole('button', { name: 'Start the exercise' }).click();
const predict = console_.getByRole('region', { name: 'Predict first' });
for (const [team, value] of [['Owls', 55], ['Foxes', 62], ['Herons', 58]] as const) {
  await predict.getByRole('textbox', { name: new RegExp(`^${team}`) }).fill(String(value));
}
await predict.getByRole('button', { name: 'Record predictions' }).click();
await console_.getByRole('button', { name: /Start the timer/ }).click();
// Play to the month-6 decision and open it.
for (let i = 0; i < 20; i++) {
  const next = console_.getByRole('button', { name: /^Next: / });
  const label = (await next.innerText()).trim();
  await next.click();
  if (label.startsWith('Next: Open the decision')) break;
}
const owls = console_.getByRole('form', { name: /Owls/ });
await owls.getByRole('radio', { name: 'Restart now' }).check();
await owls.getByRole('textbox', { name: 'Why (rationale)' }).fill('Every month of waiting costs hospitals');
await owls.getByRole('button', { name: 'Record the choice of Owls' }).click();
const foxes = console_.getByRole('form', { name: /Foxes/ });
await foxes.getByRole('radio', { name: 'Wait and see' }).check();
await foxes.getByRole('textbox', { name: 'Why (rationale)' }).fill('We cannot tell yet whether it is working');
await foxes.getByRole('button', { name: 'Record the choice of Foxes' }).click();
await console_.waitForTimeout(600);
await console_.evaluate(() => window.scrollTo(0, 0));
await console_.screenshot({ path: `${out}/exercise-console.png` });

await player.bringToFront();
await player.waitForTimeout(600);
await player.screenshot({ path: `${out}/exercise-player.png` });
await player.setViewportSize({ width: 390, height: 844 });
await player.waitForTimeout(400);
await player.screenshot({ path: `${out}/exercise-player-phone.png` });

// Close the decision, play on to the report.
await console_.bringToFront();
for (let i = 0; i < 60; i++) {
  const next = console_.getByRole('button', { name: /^Next: / });
  if (!(await next.count())) break;
  await next.click();
  if (i === 1) {
    // The decision closed and a month on: the projector at 1920×1080, the teams' answers top right.
    await player.setViewportSize({ width: 1920, height: 1080 });
    await player.bringToFront();
    await player.waitForTimeout(600);
    await player.screenshot({ path: `${out}/exercise-projector-1080.png` });
    await console_.bringToFront();
  }
}
const report = console_.getByRole('article', { name: /After-action report/ });
await report.getByRole('textbox', { name: 'Strengths' }).fill('Every team gave a reason for its choice.');
await report.getByRole('textbox', { name: 'Areas for improvement' }).fill('Predictions anchored on 50; ask for a range next time.');
await console_.evaluate(() => window.scrollTo(0, 0));
await console_.screenshot({ path: `${out}/exercise-report.png` });
await console_.emulateMedia({ media: 'print' });
await console_.screenshot({ path: `${out}/exercise-report-print.png`, fullPage: true });

await browser.close();
server.httpServer.close();
console.log(`Screenshots in ${out}/`);
