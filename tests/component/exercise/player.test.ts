/**
 * The projector: PlayerView renders only what playerView() gives it, at
 * every step of both exercise scripts (never a facilitator note, an
 * expected effect or an inject the players have not been shown), and
 * PlayerApp follows the console over the channel or shows a player link.
 */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { Scenario } from '../../../src/model/types';
import { createSession, pendingInjects, playerView, step, type ExerciseAction, type ExerciseSession } from '../../../src/exercise';
import PlayerApp from '../../../src/ui/exercise/PlayerApp.svelte';
import PlayerView from '../../../src/ui/exercise/PlayerView.svelte';
import { encodePlayerPayload } from '../../../src/ui/exercise/playerLink';
import { CLASSROOM, PRACTITIONERS, fakeChannel, secrets, squash } from './helpers';

vi.setConfig({ testTimeout: 60_000 });

/** Each team picks the first option at each decision; otherwise play every inject. */
function nextMove(script: Scenario, s: ExerciseSession): ExerciseAction | null {
  if (s.phase === 'briefing') return { type: 'start', teams: ['Red', 'Blue'] };
  if (s.phase === 'hotwash') return { type: 'report' };
  if (s.phase === 'report') return null;
  if (s.openDecision) {
    const inj = script.injects.find((i) => i.id === s.openDecision)!;
    if (!(s.choices[inj.id] ?? []).length) return { type: 'recordChoice', injectId: inj.id, team: 'Red', optionId: inj.decision!.options[0].id, rationale: 'because' };
    return { type: 'closeDecision', injectId: inj.id };
  }
  const { unrevealed, undecided } = pendingInjects(script, s);
  if (s.phase === 'predict' && !Object.keys(s.predictions).length) return { type: 'predict', team: 'Blue', value: 55 };
  if (unrevealed.length) return { type: 'revealInject', injectId: unrevealed[0].id };
  if (undecided.length) return { type: 'openDecision', injectId: undecided[0].id };
  return s.month < script.horizonMonths ? { type: 'advance' } : { type: 'finish' };
}

function checkNoLeak(script: Scenario, s: ExerciseSession, html: string, text: string) {
  const { notes, effects } = secrets(script);
  for (const secret of [...notes, ...effects]) {
    const probe = squash(secret).slice(0, 50);
    expect(text, `leak at month ${s.month}: ${probe}`).not.toContain(probe);
    expect(html).not.toContain(probe);
  }
  for (const inj of script.injects) {
    if (!s.revealedInjects.includes(inj.id)) expect(text, `unrevealed "${inj.title}" at month ${s.month}`).not.toContain(inj.title);
    else expect(text).toContain(inj.title);
  }
}

describe('PlayerView', () => {
  it.each([CLASSROOM, PRACTITIONERS])('never renders facilitator material, at any step of $id', async (script) => {
    let s = createSession(script);
    const { container, rerender } = render(PlayerView, { props: { view: playerView(script, s), sentAt: null, now: 0 } });
    let steps = 0;
    for (let move = nextMove(script, s); move; move = nextMove(script, s)) {
      const r = step(s, script, move);
      if (r.error) throw new Error(`${move.type}: ${r.error}`);
      s = r.session;
      await rerender({ view: playerView(script, s), sentAt: null, now: 0 });
      checkNoLeak(script, s, container.innerHTML, squash(container.textContent ?? ''));
      steps++;
    }
    expect(steps).toBeGreaterThan(25);
    expect(screen.getByRole('heading', { level: 1, name: 'Exercise complete' })).toBeInTheDocument();
  });

  it('shows the open decision, the prediction prompt, the module questions and the timer', () => {
    let s = createSession(CLASSROOM);
    s = step(s, CLASSROOM, { type: 'start', teams: ['Red', 'Blue'] }).session;
    s = step(s, CLASSROOM, { type: 'startTimer', moduleIndex: 0, now: 1_000 }).session;
    const view = playerView(CLASSROOM, s, { now: 61_000 });
    render(PlayerView, { props: { view, sentAt: 61_000, now: 91_000 } });
    expect(screen.getByRole('heading', { level: 1, name: 'Part 1: The pause begins' })).toBeInTheDocument();
    expect(screen.getByText('6:30 left')).toBeInTheDocument(); // 8 min − 60 s − 30 s since sent
    expect(screen.getByText(/Predict: what will the threat index be at/)).toHaveTextContent('month 6');
    expect(screen.getByRole('heading', { name: 'Discuss' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /Threat index, months 0 to 0 of 24: 50.0 at month 0/ })).toBeInTheDocument();
  });

  it('tells a screen reader in the player window what changed, once a change, and not at each tick of the timer', async () => {
    let s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red'] }).session;
    s = step(s, CLASSROOM, { type: 'startTimer', moduleIndex: 0, now: 1_000 }).session;
    const { rerender, container } = render(PlayerView, { props: { view: playerView(CLASSROOM, s, { now: 1_000 }), sentAt: 1_000, now: 1_000 } });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Month 0 of 24: Predict first. Predict the threat index at month 6.');
    await rerender({ view: playerView(CLASSROOM, s, { now: 1_000 }), sentAt: 1_000, now: 31_000 });
    expect(screen.getByText('7:30 left')).toBeInTheDocument();
    expect(status).toHaveTextContent('Month 0 of 24: Predict first. Predict the threat index at month 6.');
    // Six months on, with the month-6 decision open: the latest update and the question are read.
    for (let m = 0; m < 6; m++) s = step(s, CLASSROOM, { type: 'advance', skipUnrevealed: true }).session;
    s = step(s, CLASSROOM, { type: 'openDecision', injectId: 'restart-decision' }).session;
    const view = playerView(CLASSROOM, s);
    await rerender({ view, sentAt: null, now: 0 });
    const question = view.decisions.find((d) => d.status === 'open')!.question;
    expect(status.textContent).toContain(`Month 6 of 24`);
    expect(view.injects.filter((i) => i.month === 6).length).toBeGreaterThan(0);
    for (const inj of view.injects.filter((i) => i.month === 6)) expect(status.textContent).toContain(`New update: ${inj.title}`);
    expect(status.textContent).toContain(`For the teams to decide: ${question}`);
    expect(status.textContent).not.toMatch(/[?!]\./);
    expect(container.querySelectorAll('[role="status"]')).toHaveLength(1);
    // A month later, with nothing new, last month's updates are not read again.
    s = step(s, CLASSROOM, { type: 'recordChoice', injectId: 'restart-decision', team: 'Red', optionId: 'restart' }).session;
    s = step(s, CLASSROOM, { type: 'closeDecision', injectId: 'restart-decision' }).session;
    await rerender({ view: playerView(CLASSROOM, s), sentAt: null, now: 0 });
    // The option applied, and why (here, the only team's choice).
    expect(status.textContent).toMatch(/Decided: .+ \(the teams' most common choice\)\./);
    s = step(s, CLASSROOM, { type: 'advance', skipUnrevealed: true }).session;
    const later = playerView(CLASSROOM, s);
    await rerender({ view: later, sentAt: null, now: 0 });
    expect(status.textContent).toMatch(/^Month 7 of 24/);
    // The month of the decision said why its option was applied; a month later it is not news.
    expect(status.textContent).not.toContain('Decided:');
    expect(later.injects.some((i) => i.month === 7)).toBe(false);
    expect(status.textContent).not.toContain('New update');
  });

  it('lists teams each in quotation marks, so a name with a comma reads as one team', () => {
    const s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red', 'Alpha, Bravo'] }).session;
    render(PlayerView, { props: { view: playerView(CLASSROOM, s), sentAt: null, now: 0 } });
    expect(screen.getByText(/^Teams: /)).toHaveTextContent('Teams: “Red”, “Alpha, Bravo”');
  });

  it('leaves announcing to the console inside its projector preview', () => {
    const s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red'] }).session;
    render(PlayerView, { props: { view: playerView(CLASSROOM, s), sentAt: null, now: 0, level: 2 } });
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('renders team-typed text as text', () => {
    let s = createSession(CLASSROOM);
    const evil = '<img src=x onerror=alert(1)>';
    for (const a of [
      { type: 'start', teams: ['<b>Red</b>'] }, ...Array.from({ length: 6 }, () => ({ type: 'advance', skipUnrevealed: true })),
    ] as ExerciseAction[]) s = step(s, CLASSROOM, a).session;
    for (const a of [
      { type: 'openDecision', injectId: 'restart-decision' },
      { type: 'recordChoice', injectId: 'restart-decision', team: '<b>Red</b>', optionId: 'restart', rationale: evil },
      { type: 'closeDecision', injectId: 'restart-decision' },
    ] as ExerciseAction[]) {
      const r = step(s, CLASSROOM, a);
      if (r.error) throw new Error(r.error);
      s = r.session;
    }
    const { container } = render(PlayerView, { props: { view: playerView(CLASSROOM, s), sentAt: null, now: 0 } });
    expect(container.querySelector('img, b')).toBeNull();
    expect(container.textContent).toContain(evil);
  });
});

describe('PlayerApp', () => {
  it('says hello on the channel and shows the views the console sends', async () => {
    const channel = fakeChannel();
    render(PlayerApp, { props: { payload: null, channel, clock: () => 0 } });
    expect(channel.posted).toEqual([{ type: 'hello' }]);
    expect(screen.getByText("Waiting for the facilitator's console…")).toBeInTheDocument();
    const s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red'] }).session;
    channel.deliver({ type: 'view', view: playerView(CLASSROOM, s), sentAt: 0 });
    await Promise.resolve();
    expect(await screen.findByRole('heading', { level: 1, name: 'Part 1: The pause begins' })).toBeInTheDocument();
  });

  it('explains that windows cannot be linked without BroadcastChannel', () => {
    render(PlayerApp, { props: { payload: null, channel: null } });
    expect(screen.getByRole('alert')).toHaveTextContent(/cannot connect two windows/);
  });

  it('shows a player link as a snapshot, and names what is wrong with a broken one', async () => {
    const s = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red'] }).session;
    const { unmount } = render(PlayerApp, { props: { payload: encodePlayerPayload(playerView(CLASSROOM, s)), channel: null } });
    expect(screen.getByRole('heading', { level: 1, name: 'Part 1: The pause begins' })).toBeInTheDocument();
    expect(screen.getByRole('note')).toHaveTextContent(/snapshot/);
    await fireEvent.click(screen.getByRole('button', { name: 'Show data' }));
    expect(screen.getByRole('table', { name: 'Threat index by month' })).toBeInTheDocument();
    unmount();
    render(PlayerApp, { props: { payload: 'garbage!!', channel: null } });
    expect(screen.getByRole('alert')).toHaveTextContent(/This player link cannot be shown: its data is damaged/);
  });
});

describe('PlayerView with long answers', () => {
  it('shortens each reason and gives earlier decisions as a tally, so the newest update stays in sight', async () => {
    // Twelve teams' full reasons, on every closed decision, pushed the situation updates screens down the projector.
    const long = 'because '.repeat(250);
    let s = createSession(PRACTITIONERS);
    for (let move = nextMove(PRACTITIONERS, s); move && s.closedDecisions.length < 2; move = nextMove(PRACTITIONERS, s)) {
      const m = move.type === 'recordChoice' ? { ...move, rationale: long } : move;
      const r = step(s, PRACTITIONERS, m);
      if (r.error) throw new Error(`${m.type}: ${r.error}`);
      s = r.session;
    }
    expect(s.closedDecisions.length).toBe(2);
    render(PlayerView, { props: { view: playerView(PRACTITIONERS, s), sentAt: null, now: 0 } });
    const decided = screen.getAllByRole('region', { name: /^Decision, month/ });
    expect(decided).toHaveLength(2);
    const [latest, earlier] = [...decided].sort((a, b) => Number(/month (\d+)/.exec(b.getAttribute('aria-label')!)![1]) - Number(/month (\d+)/.exec(a.getAttribute('aria-label')!)![1]));
    // The latest keeps each team's answer, its reason cut short and said to be.
    const reason = latest.querySelector('.choices .x-text')!.textContent!;
    expect(reason.length).toBeLessThanOrEqual(161);
    expect(reason.endsWith('…')).toBe(true);
    expect(latest.textContent).toMatch(/Long reasons are shortened here; the report has them whole/);
    // The earlier one says what was applied and how many teams chose what, without the reasons.
    expect(earlier.textContent).toMatch(/Applied: /);
    expect(earlier.textContent).toMatch(/Teams' choices: .+ 1/);
    expect(earlier.textContent).not.toContain('because');
  });
});
