/**
 * The facilitator console under jsdom: choosing an exercise and teams,
 * stepping through the classroom script with predictions and a decision,
 * undo, timers, autosave and restore, links, and what it posts to the
 * projector (player views only).
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { afterActionMarkdown, createSession, step, type ExerciseAction, type ExerciseSession } from '../../../src/exercise';
import FacilitatorApp from '../../../src/ui/exercise/FacilitatorApp.svelte';
import { decodeFacilitatorPayload, encodeFacilitatorPayload } from '../../../src/ui/exercise/facilitatorLink';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// Node's File, whose bytes can be read as a browser's can (jsdom's File has no arrayBuffer()).
import { File as NodeFile } from 'node:buffer';
import LZString from 'lz-string';
import { simulate } from '../../../src/model/simulate';
import { scenarioToFile } from '../../../src/scenario/serialize';
import { CORRUPT_KEY, REPLACED_KEY, STORAGE_KEY, savedText } from '../../../src/ui/exercise/storage';
import { CLASSROOM, EXERCISES, fakeChannel, memoryStorage, secrets, squash, steppingClock } from './helpers';

vi.setConfig({ testTimeout: 30_000 });

function renderConsole(options: { storage?: ReturnType<typeof memoryStorage>; payload?: string | null } = {}) {
  const storage = options.storage ?? memoryStorage();
  const channel = fakeChannel();
  const opened: string[] = [];
  const result = render(FacilitatorApp, {
    props: { exercises: EXERCISES, storage, channel, clock: steppingClock(), payload: options.payload ?? null, openWindow: (u: string) => void opened.push(u) },
  });
  return { storage, channel, opened, ...result };
}

const next = () => screen.getByRole('button', { name: /^Next: / });
const alertText = () => screen.getByRole('alert').textContent ?? '';

function saved(storage: ReturnType<typeof memoryStorage>): ExerciseSession {
  return JSON.parse(storage.data.get(STORAGE_KEY)!).session;
}

async function startClassroom() {
  await fireEvent.click(screen.getByRole('radio', { name: /Classroom round/ }));
  const teams = screen.getByRole('form', { name: 'Teams' });
  const inputs = within(teams).getAllByRole('textbox');
  await fireEvent.input(inputs[0], { target: { value: 'Red' } });
  await fireEvent.input(inputs[1], { target: { value: 'Blue' } });
  await fireEvent.click(within(teams).getByRole('button', { name: 'Start the exercise' }));
}

describe('facilitator console', () => {
  it('opens on the briefing with both exercises, the script and its facilitator notes', () => {
    renderConsole();
    expect(screen.getByRole('heading', { name: 'Prepare the exercise' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Classroom round/ })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /Tabletop: the Cyber Command stand-down/ })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Script and master inject list' })).toBeInTheDocument();
  });

  it('steps through the classroom script: predict first, reveal, decide, record a choice, close, undo', async () => {
    const { storage, channel } = renderConsole();
    await startClassroom();
    expect(screen.getByRole('heading', { name: /Classroom round/, level: 1 })).toBeInTheDocument();
    expect(saved(storage).teams).toEqual(['Red', 'Blue']);

    // Predict first: month 6 is the end of part 1.
    const predict = screen.getByRole('region', { name: 'Predict first' });
    // A decimal comma is named, and does not stop another team's prediction being recorded.
    const redField = within(predict).getByRole('textbox', { name: 'Red: predicted threat index at month 6' });
    await fireEvent.input(redField, { target: { value: '57,5' } });
    await fireEvent.input(within(predict).getByRole('textbox', { name: 'Blue: predicted threat index at month 6' }), { target: { value: '61' } });
    await fireEvent.click(within(predict).getByRole('button', { name: 'Record predictions' }));
    expect(saved(storage).predictions).toEqual({ 6: { Blue: 61 } });
    expect(within(predict).getByRole('alert')).toHaveTextContent('Red: “57,5”: write decimals with a point (0.5), not a comma; a prediction is a threat index from 0 to 100.');
    expect(redField).toHaveValue('57,5');
    expect(redField).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(redField, { target: { value: '57' } });
    await fireEvent.click(within(predict).getByRole('button', { name: 'Record predictions' }));
    expect(saved(storage).predictions).toEqual({ 6: { Red: 57, Blue: 61 } });
    expect(within(predict).getByRole('alert').textContent?.trim()).toBe('');
    expect(within(predict).getByText('Every team has predicted month 6.')).toBeInTheDocument();

    // A refused action is explained in the alert region: the decision is not due yet.
    expect(screen.getByRole('button', { name: 'Next: Go to month 1' })).toBeEnabled();
    await fireEvent.click(next());
    await fireEvent.click(next()); // month 2
    expect(next()).toHaveAccessibleName('Next: Reveal "Two hospitals hit by ransomware"');
    // The month cannot move on before its inject is revealed or skipped; the button says why.
    const go = screen.getByRole('button', { name: 'Go to month 3' });
    expect(go).toBeDisabled();
    expect(go).toHaveAccessibleDescription(/Month 2 has injects the players have not seen: "Two hospitals hit by ransomware"/);
    const due = screen.getByRole('article', { name: 'Two hospitals hit by ransomware' });
    expect(within(due).getByText(/sectorShock, factor 1\.5/)).toBeInTheDocument();
    await fireEvent.click(within(due).getByRole('button', { name: "Reveal to players: “Two hospitals hit by ransomware”" }));
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('Inject revealed: Two hospitals hit by ransomware.');

    // On to month 6 and its decision.
    for (let i = 0; i < 20 && !screen.queryByRole('region', { name: /Should the US end the pause/ }); i++) await fireEvent.click(next());
    const decision = screen.getByRole('region', { name: /Should the US end the pause/ });
    expect(saved(storage).phase).toBe('decision');
    expect(within(decision).getByText(/Closing now applies/)).toHaveTextContent('Closing now applies “Wait and see” (the script\'s default, as no team chose).');
    const red = within(decision).getByRole('form', { name: /Red/ });
    await fireEvent.click(within(red).getByRole('radio', { name: 'Restart now' }));
    await fireEvent.input(within(red).getByRole('textbox', { name: 'Why (rationale)' }), { target: { value: 'Stop the bleeding <b>now</b>' } });
    await fireEvent.input(within(red).getByRole('textbox', { name: 'What the team expects to happen' }), { target: { value: 'Threat falls by month 12' } });
    await fireEvent.click(within(red).getByRole('button', { name: 'Record the choice of Red' }));
    expect(saved(storage).choices['restart-decision']).toMatchObject([{ team: 'Red', optionId: 'restart', rationale: 'Stop the bleeding <b>now</b>' }]);
    expect(within(decision).getByText(/Closing now applies/)).toHaveTextContent('Closing now applies “Restart now” (the teams\' most common choice).');
    // The stakes: the threat index at the horizon for each option.
    expect(within(decision).getByRole('table', { name: /what is at stake/ })).toBeInTheDocument();

    // Undoing the record empties Red's form again (it showed the undone answer); then Red records again.
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(saved(storage).choices['restart-decision'] ?? []).toEqual([]);
    expect(within(red).getByRole('radio', { name: 'Restart now' })).not.toBeChecked();
    expect(within(red).getByRole('textbox', { name: 'Why (rationale)' })).toHaveValue('');
    await fireEvent.click(within(red).getByRole('radio', { name: 'Restart now' }));
    await fireEvent.input(within(red).getByRole('textbox', { name: 'Why (rationale)' }), { target: { value: 'Stop the bleeding <b>now</b>' } });
    await fireEvent.click(within(red).getByRole('button', { name: 'Record the choice of Red' }));

    // Override, then clear it. Moving through the menu records nothing (arrow keys change a
    // closed menu's value at every press); its button does.
    const override = within(decision).getByRole('combobox', { name: 'Facilitator override' });
    const setOverride = within(decision).getByRole('button', { name: 'Set override' });
    expect(setOverride).toBeDisabled();
    await fireEvent.change(override, { target: { value: 'restart' } });
    await fireEvent.change(override, { target: { value: 'wait' } });
    expect(saved(storage).overrides ?? {}).toEqual({});
    await fireEvent.click(setOverride);
    expect(saved(storage).overrides).toEqual({ 'restart-decision': 'wait' });
    expect(setOverride).toBeDisabled();
    await fireEvent.change(override, { target: { value: '' } });
    await fireEvent.click(setOverride);
    expect(saved(storage).overrides).toEqual({});

    await fireEvent.click(within(decision).getByRole('button', { name: 'Close the decision and apply “Restart now”' }));
    expect(saved(storage).closedDecisions).toMatchObject([{ injectId: 'restart-decision', optionId: 'restart', rule: 'plurality' }]);
    expect(screen.queryByRole('region', { name: /Should the US end the pause/ })).toBeNull();

    // Undo reopens the decision.
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(saved(storage).closedDecisions).toEqual([]);
    expect(saved(storage).phase).toBe('decision');

    // The projector was sent player views only, never a note or an expected effect.
    const { notes, effects } = secrets(CLASSROOM);
    const wire = JSON.stringify(channel.posted);
    expect(channel.posted.length).toBeGreaterThan(10);
    expect(channel.posted.every((m) => m.type === 'view')).toBe(true);
    for (const s of [...notes, ...effects]) expect(wire).not.toContain(s.slice(0, 60));
    expect(wire).not.toContain('"session"');
  });

  it('says the player window opened, until the next step', async () => {
    const { opened } = renderConsole();
    await startClassroom();
    await fireEvent.click(screen.getByRole('button', { name: /Open player window/ }));
    expect(opened).toHaveLength(1);
    expect(screen.getByText(/Player window opened/)).toBeInTheDocument();
    await fireEvent.click(next());
    expect(screen.queryByText(/Player window opened/)).toBeNull();
  });

  it('answers a player window\'s hello with the current view', async () => {
    const { channel } = renderConsole();
    await startClassroom();
    const before = channel.posted.length;
    channel.deliver({ type: 'hello' });
    expect(channel.posted.length).toBe(before + 1);
    const last = channel.posted.at(-1)!;
    expect(last.type === 'view' && last.view.teams).toEqual(['Red', 'Blue']);
  });

  it('refuses a duplicate team name with the core\'s reason in the alert region', async () => {
    renderConsole();
    const teams = screen.getByRole('form', { name: 'Teams' });
    const inputs = within(teams).getAllByRole('textbox');
    await fireEvent.input(inputs[1], { target: { value: 'team a' } });
    await fireEvent.click(within(teams).getByRole('button', { name: 'Start the exercise' }));
    expect(alertText()).toContain('Two teams are named "team a"; team names must differ.');
  });

  it('runs a module timer: start, pause, reset', async () => {
    const { storage } = renderConsole();
    await startClassroom();
    const timer = screen.getByRole('group', { name: /Timer: Part 1/ });
    expect(timer).toHaveTextContent('8:00 left');
    await fireEvent.click(within(timer).getByRole('button', { name: /Start the timer/ }));
    expect(saved(storage).moduleTimers[0].startedAt).not.toBeNull();
    await fireEvent.click(within(timer).getByRole('button', { name: /Pause the timer/ }));
    expect(saved(storage).moduleTimers[0]).toMatchObject({ startedAt: null });
    expect(saved(storage).moduleTimers[0].elapsedMs).toBeGreaterThan(0);
    await fireEvent.click(within(timer).getByRole('button', { name: /Reset the timer/ }));
    expect(saved(storage).moduleTimers[0]).toBeUndefined();
  });

  it('restores the autosave after a reload, at the same step', async () => {
    let s = createSession(CLASSROOM);
    for (const a of [{ type: 'start', teams: ['Owls', 'Foxes'] }, { type: 'advance' }, { type: 'advance' }] as ExerciseAction[]) s = step(s, CLASSROOM, a).session;
    const storage = memoryStorage({ [STORAGE_KEY]: savedText(CLASSROOM, s, EXERCISES) });
    renderConsole({ storage });
    expect(screen.getByText(/Continuing the autosaved exercise at month 2/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: /^Month 2 of 24/ })).toBeInTheDocument();
    expect(screen.getAllByText(/“Owls”, “Foxes”/).length).toBeGreaterThan(0);
  });

  it('counts the teams in its sticky header once there are more than four, instead of naming each', async () => {
    const teams = Array.from({ length: 12 }, (_, i) => `The team from district number ${i + 1}`);
    const s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams }).session;
    const { container } = renderConsole({ storage: memoryStorage({ [STORAGE_KEY]: savedText(CLASSROOM, s, EXERCISES) }) });
    const where = container.querySelector('.where')!.textContent!;
    expect(where).toMatch(/· 12 teams/);
    expect(where).not.toContain('district number 7');
  });

  it('follows a console in another tab of the same browser (storage event)', async () => {
    renderConsole();
    let s = createSession(CLASSROOM);
    for (const a of [{ type: 'start', teams: ['Owls'] }, { type: 'advance' }] as ExerciseAction[]) s = step(s, CLASSROOM, a).session;
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: savedText(CLASSROOM, s, EXERCISES) }));
    expect(await screen.findByRole('heading', { name: /^Month 1 of 24/ })).toBeInTheDocument();
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('Updated from the console in another tab.');
  });

  it('keeps its own session aside before following another tab that went back (an old facilitator link opened there)', async () => {
    const storage = memoryStorage();
    renderConsole({ storage });
    await startClassroom();
    for (let i = 0; i < 30 && saved(storage).month < 2; i++) await fireEvent.click(next());
    const mine = storage.data.get(STORAGE_KEY)!;
    const ahead = JSON.parse(mine).session.month;
    expect(ahead).toBeGreaterThan(0);
    let old = createSession(CLASSROOM);
    old = step(old, CLASSROOM, { type: 'start', teams: ['Red', 'Blue'] }).session;
    storage.setItem(STORAGE_KEY, savedText(CLASSROOM, old, EXERCISES));
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: savedText(CLASSROOM, old, EXERCISES) }));
    await vi.waitFor(() => expect(screen.getAllByRole('status').map((el) => el.textContent).join(' ')).toMatch(/kept aside under the storage key "stand-down-exercise:replaced"/));
    expect(JSON.parse(storage.data.get(REPLACED_KEY)!).session.month).toBe(ahead);
  });

  it('does not follow another tab that went back when storage is too full to keep its own session aside', async () => {
    const storage = memoryStorage({ [REPLACED_KEY]: 'an earlier set-aside session' });
    renderConsole({ storage });
    await startClassroom();
    for (let i = 0; i < 30 && saved(storage).month < 2; i++) await fireEvent.click(next());
    const ahead = saved(storage).month;
    // From here: room for replacing a key, none for adding one.
    storage.setItem = (k: string, v: string) => {
      if (!storage.data.has(k)) throw new DOMException('full', 'QuotaExceededError');
      storage.data.set(k, String(v));
    };
    const old = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red', 'Blue'] }).session;
    storage.setItem(STORAGE_KEY, savedText(CLASSROOM, old, EXERCISES));
    window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: savedText(CLASSROOM, old, EXERCISES) }));
    await vi.waitFor(() => expect(screen.getByText(/went back to .* could not be kept aside .* stays where it is and no longer autosaves/)).toBeInTheDocument());
    // This tab still shows its own session, the other tab's autosave is left alone, and nothing set aside was lost.
    expect(screen.getByRole('heading', { name: new RegExp(`^Month ${ahead} of 24`) })).toBeInTheDocument();
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).session.month).toBe(0);
    expect(storage.data.get(REPLACED_KEY)).toBe('an earlier set-aside session');
    await fireEvent.click(next());
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).session.month).toBe(0);
  });

  it('"Yes, start over" puts focus on the briefing that replaced the console', async () => {
    renderConsole();
    await startClassroom();
    await fireEvent.click(screen.getByRole('button', { name: 'Start over…' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Yes, start over' }));
    await vi.waitFor(() => expect(document.activeElement).toBe(document.getElementById('console-main')));
    expect(screen.getByRole('heading', { name: 'Prepare the exercise' })).toBeInTheDocument();
  });

  it('following a tab that played on from here sets nothing aside', async () => {
    const storage = memoryStorage({ [REPLACED_KEY]: 'precious' });
    renderConsole({ storage });
    await startClassroom();
    let s = saved(storage);
    for (let i = 0; i < 6; i++) {
      s = step(s, CLASSROOM, { type: 'advance', skipUnrevealed: true }).session;
      storage.setItem(STORAGE_KEY, savedText(CLASSROOM, s, EXERCISES));
      window.dispatchEvent(new StorageEvent('storage', { key: STORAGE_KEY, newValue: savedText(CLASSROOM, s, EXERCISES) }));
      await vi.waitFor(() => expect(screen.getByRole('heading', { name: new RegExp(`^Month ${s.month} of 24`) })).toBeInTheDocument());
    }
    expect(storage.data.get(REPLACED_KEY)).toBe('precious');
    expect(screen.getAllByRole('status').map((el) => el.textContent)).toContain('Updated from the console in another tab.');
  });

  it('does not autosave over a damaged autosave that a full storage would not let it copy aside', () => {
    const broken = JSON.stringify({ version: 1, scriptId: 'exercise-classroom-20', session: { ...createSession(CLASSROOM), month: 99 } });
    const storage = memoryStorage({ [STORAGE_KEY]: broken });
    storage.setItem = (k: string, v: string) => {
      if (k !== STORAGE_KEY || storage.data.has(k)) throw new DOMException('full', 'QuotaExceededError');
      storage.data.set(k, v);
    };
    renderConsole({ storage });
    expect(screen.getByRole('note')).toHaveTextContent(/storage is full, so its text could not be copied aside; it stays under "stand-down-exercise"/);
    expect(storage.data.get(STORAGE_KEY)).toBe(broken);
    expect(storage.data.has(CORRUPT_KEY)).toBe(false);
  });

  it('shows an overdue timer', async () => {
    let t = 0;
    const storage = memoryStorage();
    let s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Owls'] }).session;
    s = step(s, CLASSROOM, { type: 'startTimer', moduleIndex: 0, now: 0 }).session;
    s = step(s, CLASSROOM, { type: 'pauseTimer', moduleIndex: 0, now: 9 * 60_000 + 5_000 }).session;
    storage.setItem(STORAGE_KEY, savedText(CLASSROOM, s, EXERCISES));
    render(FacilitatorApp, { props: { exercises: EXERCISES, storage, channel: null, clock: () => (t += 1000) } });
    const timer = screen.getByRole('group', { name: /Timer: Part 1/ });
    expect(timer).toHaveTextContent('Over by 1:05');
    expect(timer).toHaveTextContent('Overdue');
    // Read once: the visible "of 8 min" and "Overdue" are hidden from screen readers, the hidden sentence says both.
    const read = Array.from(timer.querySelectorAll(':scope > span:not([aria-hidden="true"])')).map((e) => e.textContent).join(' ');
    expect(read).toBe('Over by 1:05 of 8 minutes, overdue');
  });

  it('sets a corrupt autosave aside, says what was wrong and starts fresh', () => {
    const broken = JSON.stringify({ version: 1, scriptId: 'exercise-classroom-20', session: { ...createSession(CLASSROOM), month: 99 } });
    const storage = memoryStorage({ [STORAGE_KEY]: broken });
    renderConsole({ storage });
    expect(screen.getByRole('note')).toHaveTextContent(/The autosaved exercise could not be restored: session\.month must be a whole number from 0 to 24, but is 99\./);
    expect(storage.data.get(CORRUPT_KEY)).toBe(broken);
    expect(screen.getByRole('heading', { name: 'Prepare the exercise' })).toBeInTheDocument();
  });

  it('opens a facilitator link at its step, and explains a damaged one', () => {
    let s = createSession(CLASSROOM);
    for (const a of [{ type: 'start', teams: ['A'] }, { type: 'advance' }] as ExerciseAction[]) s = step(s, CLASSROOM, a).session;
    const { unmount } = renderConsole({ payload: encodeFacilitatorPayload(CLASSROOM, s, EXERCISES) });
    expect(screen.getByText(/Opened the exercise from the link at month 1/)).toBeInTheDocument();
    unmount();
    renderConsole({ payload: 'N4Ig-this-is-not-a-link' });
    expect(screen.getByRole('note')).toHaveTextContent(/This facilitator link cannot be opened: its data is (damaged|not an exercise)/);
  });

  it('shows the projector preview: the player view, without notes', async () => {
    renderConsole();
    await startClassroom();
    await fireEvent.click(screen.getByRole('button', { name: 'Projector preview' }));
    const preview = screen.getByRole('region', { name: 'Projector preview' });
    expect(within(preview).getByRole('heading', { name: 'Part 1: The pause begins' })).toBeInTheDocument();
    const text = squash(preview.textContent ?? '');
    for (const s of [...secrets(CLASSROOM).notes, ...secrets(CLASSROOM).effects]) expect(text).not.toContain(squash(s).slice(0, 60));
  });

  it('a facilitator link opened where storage is too full to keep the autosave aside leaves that autosave alone, and says so', async () => {
    let mine = createSession(CLASSROOM);
    for (const a of [{ type: 'start', teams: ['Owls', 'Foxes'] }, { type: 'advance' }, { type: 'advance' }, { type: 'advance' }] as ExerciseAction[]) mine = step(mine, CLASSROOM, a).session;
    const autosave = savedText(CLASSROOM, mine, EXERCISES);
    const storage = memoryStorage({ [STORAGE_KEY]: autosave, [REPLACED_KEY]: 'an earlier set-aside session' });
    // Room for replacing a key, none for adding one.
    storage.setItem = (k: string, v: string) => {
      if (!storage.data.has(k)) throw new DOMException('full', 'QuotaExceededError');
      storage.data.set(k, String(v));
    };
    const other = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['A'] }).session;
    render(FacilitatorApp, {
      props: { exercises: EXERCISES, storage, channel: fakeChannel(), clock: steppingClock(), payload: encodeFacilitatorPayload(CLASSROOM, other, EXERCISES), openWindow: () => {} },
    });
    expect(screen.getByText(/Opened the exercise from the link/)).toHaveTextContent(/could not be kept aside .* this tab will not autosave over it/);
    await vi.waitFor(() => expect(screen.getByText(/^Not autosaved: the exercise autosaved before is still under/)).toBeInTheDocument());
    expect(storage.data.get(STORAGE_KEY)).toBe(autosave);
    expect(storage.data.get(REPLACED_KEY)).toBe('an earlier set-aside session');
  });

  it('plays to the end and shows the report, with team text as text', async () => {
    const { storage } = renderConsole();
    await startClassroom();
    for (let i = 0; i < 60 && saved(storage).phase !== 'report'; i++) await fireEvent.click(next());
    expect(saved(storage).phase).toBe('report');
    const report = screen.getByRole('article', { name: /After-action report/ });
    // The report replaced the main area: focus is on it, not left in the toolbar.
    await vi.waitFor(() => expect(document.activeElement).toBe(document.getElementById('console-main')));
    expect(document.activeElement).toContainElement(report);
    expect(within(report).getByRole('button', { name: 'Download Markdown' })).toBeInTheDocument();
    expect(within(report).getByRole('button', { name: 'Download decision log (CSV)' })).toBeInTheDocument();
    await fireEvent.input(within(report).getByRole('textbox', { name: 'Strengths' }), { target: { value: '<img src=x onerror=alert(1)> quick consensus' } });
    expect(saved(storage).notes.strengths).toBe('<img src=x onerror=alert(1)> quick consensus');
    // The box takes no more than the session keeps, so what it shows is what is saved.
    expect(within(report).getByRole('textbox', { name: 'Strengths' })).toHaveAttribute('maxlength', '20000');
    expect(report.querySelector('img')).toBeNull();
    expect(within(report).getByText('<img src=x onerror=alert(1)> quick consensus', { selector: '.print-only' })).toBeInTheDocument();
    // The page and the Markdown file have the same sections in the same order, and "Hot wash" heads nothing twice.
    const pageSections = within(report).getAllByRole('heading', { level: 2 }).map((h) => h.textContent!.trim());
    const fileSections = afterActionMarkdown(CLASSROOM, saved(storage)).split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
    expect(pageSections).toEqual(fileSections);
    expect(within(report).queryAllByRole('heading', { name: 'Hot wash' })).toHaveLength(0);
    // The outcome in words under the chart, as in the file.
    expect(report.textContent).toMatch(/Threat index \(composite, 50 = before the pause\): \d+\.\d at month \d+, peak/);
  });
});

describe("a facilitator's own script, opened from a file", () => {
  // The classroom script under another id and title: a teacher's own copy, edited.
  const yaml = readFileSync(join(import.meta.dirname, '../../../scenarios/exercise-classroom-20.yaml'), 'utf8')
    .replace(/^id: .*$/m, 'id: my-class')
    .replace(/^title: .*$/m, 'title: "My class: the stand-down"');
  const file = (text: string, name = 'my-class.yaml') => new NodeFile([text], name, { type: 'text/yaml' });
  const picker = () => screen.getByLabelText(/open your own exercise script/i);

  it('is offered and chosen, saved with the session, and restored from the autosave', async () => {
    const { storage, unmount } = renderConsole();
    await fireEvent.change(picker(), { target: { files: [file(yaml)] } });
    expect(await screen.findByText(/Opened “My class: the stand-down” from my-class\.yaml/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: /My class: the stand-down/ })).toBeChecked();
    const teams = screen.getByRole('form', { name: 'Teams' });
    await fireEvent.input(within(teams).getAllByRole('textbox')[0], { target: { value: 'Red' } });
    await fireEvent.click(within(teams).getByRole('button', { name: 'Start the exercise' }));
    expect(screen.getByRole('heading', { name: /My class: the stand-down/, level: 1 })).toBeInTheDocument();
    // The app does not have this script: the autosave carries it.
    const stored = JSON.parse(storage.data.get(STORAGE_KEY)!);
    expect(stored.scriptId).toBe('my-class');
    expect(stored.script.title).toBe('My class: the stand-down');
    // The script makes the facilitator link long: copying it says so.
    await fireEvent.click(screen.getByRole('button', { name: 'Copy facilitator link' }));
    expect(await screen.findByText(/It is [\d,]+ characters long; some apps cut links past 2,000, so send it by email or a file\./)).toBeInTheDocument();
    unmount();

    renderConsole({ storage });
    expect(screen.getByRole('heading', { name: /My class: the stand-down/, level: 1 })).toBeInTheDocument();
    expect(saved(storage).teams).toEqual(['Red', 'Team B']);
  });

  it("an app script's autosave carries no copy of it; a link carries an opened one", () => {
    const s = createSession(CLASSROOM);
    expect(JSON.parse(savedText(CLASSROOM, s, EXERCISES)).script).toBeUndefined();
    const own = { ...CLASSROOM, id: 'my-class' };
    const back = decodeFacilitatorPayload(encodeFacilitatorPayload(own, createSession(own), EXERCISES), EXERCISES);
    expect(back.ok && back.script.id).toBe('my-class');
    expect(back.ok && simulate(back.script)).toEqual(simulate(own));
    // Without its copy, a link to a script the app lacks says so.
    const bare = LZString.compressToEncodedURIComponent(JSON.stringify({ scriptId: 'my-class', session: createSession(own) }));
    const refused = decodeFacilitatorPayload(bare, EXERCISES);
    expect(!refused.ok && refused.error).toMatch(/the exercise "my-class", which this app does not have/);
    // A copy may not stand in for one of the app's scripts (it would replace it in the chooser for good).
    const impostor = { ...CLASSROOM, title: 'Impostor round' };
    const payload = LZString.compressToEncodedURIComponent(
      JSON.stringify({ scriptId: CLASSROOM.id, script: scenarioToFile(impostor), session: createSession(impostor) }),
    );
    const taken = decodeFacilitatorPayload(payload, EXERCISES);
    expect(!taken.ok && taken.error).toMatch(/its own script has the id of one of the app's exercises/);
    renderConsole({ payload });
    expect(screen.getByRole('radio', { name: /Classroom round/ })).toBeInTheDocument();
    expect(screen.queryByRole('radio', { name: /Impostor round/ })).toBeNull();
  });

  it('a broken file, a scenario without an exercise, or an app script\'s id: refused with what is wrong, the chosen script kept', async () => {
    renderConsole();
    const chosen = () => screen.getAllByRole('radio').find((r) => (r as HTMLInputElement).checked)!;
    const before = chosen();
    await fireEvent.change(picker(), { target: { files: [file(yaml.replace(/^horizonMonths: .*$/m, 'horizonMonths: 99'))] } });
    expect(await screen.findByText(/my-class\.yaml could not be opened \(1 problem\)/)).toBeInTheDocument();
    expect(screen.getByText(/^Line \d+ · horizonMonths must be a whole number from 6 to 60, but is 99/)).toBeInTheDocument();
    const plain = 'id: plain\ntitle: Plain\ninterpretation: deprioritized\nresponse: free-hits\npolicy: { kind: indefinite }\n';
    await fireEvent.change(picker(), { target: { files: [file(plain, 'plain.yaml')] } });
    expect(await screen.findByText(/plain\.yaml was not opened: This file is a scenario without an exercise section/)).toBeInTheDocument();
    await fireEvent.change(picker(), { target: { files: [file(yaml.replace(/^id: .*$/m, `id: ${CLASSROOM.id}`), 'copy.yaml')] } });
    expect(await screen.findByText(/copy\.yaml was not opened: The app already has an exercise with the id/)).toBeInTheDocument();
    expect(chosen()).toBe(before);
    expect(screen.getAllByRole('radio')).toHaveLength(EXERCISES.length);
    // An incomplete script opens, and says so where it was opened (the list of gaps is far below).
    await fireEvent.change(picker(), { target: { files: [file(yaml.replace('      toMonth: 6', '      toMonth: 4'), 'gap.yaml')] } });
    expect(await screen.findByText(/Opened “My class: the stand-down” from gap\.yaml: it is chosen above\. It is incomplete: \d+ gaps? (is|are) listed under the objectives\./)).toBeInTheDocument();
  });
});
