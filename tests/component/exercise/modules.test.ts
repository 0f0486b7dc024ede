/** The exercise page's plain modules: fragment, timers, next step, storage, links, channel messages. */
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { createSession, playerView, step, type ExerciseSession } from '../../../src/exercise';
import { readMessage } from '../../../src/ui/exercise/channel';
import { decodeFacilitatorPayload, encodeFacilitatorPayload } from '../../../src/ui/exercise/facilitatorLink';
import { exerciseUrl, parseExerciseHash } from '../../../src/ui/exercise/hash';
import { nextStep } from '../../../src/ui/exercise/nextStep';
import { decodePlayerPayload, encodePlayerPayload } from '../../../src/ui/exercise/playerLink';
import { parsePlayerView } from '../../../src/ui/exercise/playerViewSchema';
import { CORRUPT_KEY, REPLACED_KEY, STORAGE_KEY, loadExercise, readSaved, saveExercise, savedText, setAsideAutosave, setAsideText } from '../../../src/ui/exercise/storage';
import { formatDuration, remainingAt, timerState, timerText } from '../../../src/ui/exercise/timer';
import { CLASSROOM, EXERCISES, memoryStorage } from './helpers';

function started(): ExerciseSession {
  return step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red', 'Blue'] }).session;
}

describe('fragment', () => {
  it.each([
    ['', { role: 'facilitator', x: null }],
    ['#role=player', { role: 'player', x: null }],
    ['#role=player&x=ab+c$-', { role: 'player', x: 'ab+c$-' }],
    ['#x=Q%2Bz&role=facilitator', { role: 'facilitator', x: 'Q+z' }],
    ['#role=spy&x=', { role: 'facilitator', x: null }],
    ['#role=player&x=%E0%A4%A', { role: 'player', x: '%E0%A4%A' }],
  ])('%s', (hash, expected) => expect(parseExerciseHash(hash)).toEqual(expected));

  it('builds page addresses next to the current page', () => {
    expect(exerciseUrl('https://example.org/sd/index.html?q=1#role=x', 'player')).toBe('https://example.org/sd/exercise.html#role=player');
    expect(exerciseUrl('https://example.org/sd/exercise.html', 'facilitator', 'abc')).toBe('https://example.org/sd/exercise.html#role=facilitator&x=abc');
  });
});

describe('timer text', () => {
  it.each([
    [480_000, '8:00 left', 'ok'],
    [119_001, '2:00 left', 'low'],
    [1, '0:01 left', 'low'],
    [0, '0:00 left', 'low'],
    [-65_000, 'Over by 1:05', 'over'],
    [3_725_000, '1:02:05 left', 'ok'],
  ])('%d ms', (ms, text, state) => {
    expect(timerText(ms)).toBe(text);
    expect(timerState(ms)).toBe(state);
  });
  it('counts down only while running and only with a send time', () => {
    expect(remainingAt(60_000, true, 1_000, 31_000)).toBe(30_000);
    expect(remainingAt(60_000, false, 1_000, 31_000)).toBe(60_000);
    expect(remainingAt(60_000, true, null, 31_000)).toBe(60_000);
    expect(formatDuration(-1)).toBe('0:00');
  });
});

describe('next step', () => {
  it('reveals, opens, closes, advances and finishes in order', () => {
    let s = createSession(CLASSROOM);
    expect(nextStep(CLASSROOM, s)).toBeNull();
    s = started();
    const labels: string[] = [];
    for (let n = nextStep(CLASSROOM, s); n; n = nextStep(CLASSROOM, s)) {
      labels.push(n.label);
      const r = step(s, CLASSROOM, n.action);
      if (r.error) throw new Error(r.error);
      s = r.session;
    }
    expect(s.phase).toBe('report');
    expect(labels).toContain('Reveal "Two hospitals hit by ransomware"');
    expect(labels).toContain('Open the decision "The big decision: restart or wait?"');
    expect(labels).toContain('Close the decision (applies "Wait and see")');
    expect(labels.at(-2)).toBe('Finish play: go to the hot wash');
    expect(labels.at(-1)).toBe('Open the after-action report');
  });
});

describe('autosave', () => {
  it('saves and restores a session', () => {
    const storage = memoryStorage();
    expect(saveExercise(storage, CLASSROOM, started(), EXERCISES)).toBeNull();
    const r = loadExercise(storage, EXERCISES);
    expect(r.kind === 'ok' && r.session.teams).toEqual(['Red', 'Blue']);
  });

  it.each([
    ['{not json', /not valid JSON/],
    ['[1]', /not an object/],
    [JSON.stringify({ version: 2, scriptId: 'exercise-classroom-20', session: {} }), /version is 2; this app reads version 1/],
    [JSON.stringify({ version: 1, session: {} }), /scriptId/],
    [JSON.stringify({ version: 1, scriptId: 'gone', session: {} }), /belongs to the exercise "gone"/],
    [JSON.stringify({ version: 1, scriptId: 'exercise-classroom-20', session: { version: 1 } }), /session\.scriptId is missing/],
  ])('names what is wrong with %s, keeps it aside and removes it', (text, message) => {
    const storage = memoryStorage({ [STORAGE_KEY]: text });
    const r = loadExercise(storage, EXERCISES);
    expect(r.kind).toBe('corrupt');
    expect(r.kind === 'corrupt' && r.error).toMatch(message);
    expect(storage.data.get(CORRUPT_KEY)).toBe(text);
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
  });

  it('a second damaged autosave does not erase the first: the newest five are kept aside', () => {
    const storage = memoryStorage({});
    for (let i = 1; i <= 6; i++) {
      storage.data.set(STORAGE_KEY, `damaged ${i}`);
      const r = loadExercise(storage, EXERCISES);
      expect(r).toMatchObject({ kind: 'corrupt', kept: true, keptUnder: CORRUPT_KEY });
    }
    expect([1, 2, 3, 4, 5].map((n) => storage.data.get(n === 1 ? CORRUPT_KEY : `${CORRUPT_KEY}-${n}`))).toEqual(['damaged 6', 'damaged 5', 'damaged 4', 'damaged 3', 'damaged 2']);
    // The same text again is not copied twice, and the message can name where it already is.
    storage.data.set(STORAGE_KEY, 'damaged 4');
    expect(loadExercise(storage, EXERCISES)).toMatchObject({ kind: 'corrupt', kept: true, keptUnder: `${CORRUPT_KEY}-3` });
  });

  it('reports storage that refuses to save', () => {
    const full = { getItem: () => null, setItem: () => { throw new Error('QuotaExceededError'); }, removeItem: () => {} };
    expect(saveExercise(full, CLASSROOM, started(), EXERCISES)).toMatch(/could not be autosaved \(QuotaExceededError\)/);
    expect(saveExercise(null, CLASSROOM, started(), EXERCISES)).toMatch(/not autosaved/);
  });

  it('round-trips the versioned text', () => {
    const r = readSaved(savedText(CLASSROOM, started(), EXERCISES), EXERCISES);
    expect(r.kind).toBe('ok');
  });
});

describe('links', () => {
  it('a facilitator link restores the session without its undo stack', () => {
    const s = step(started(), CLASSROOM, { type: 'advance' }).session;
    const r = decodeFacilitatorPayload(encodeFacilitatorPayload(CLASSROOM, s, EXERCISES), EXERCISES);
    expect(r.ok && r.session).toEqual({ ...s, past: [] });
  });

  it.each([
    ['', /damaged or incomplete/],
    ['@@@', /damaged/],
    [LZString.compressToEncodedURIComponent('[1,2]'), /not an exercise/],
    [LZString.compressToEncodedURIComponent('{"scriptId":"x","session":{}}'), /exercise "x", which this app does not have/],
    [LZString.compressToEncodedURIComponent('{"scriptId":"exercise-classroom-20","session":{"version":1}}'), /its session is not valid \(session\.scriptId is missing/],
  ])('a broken facilitator link %#: never throws, says what is wrong', (x, message) => {
    const r = decodeFacilitatorPayload(x, EXERCISES);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^This facilitator link cannot be opened: /);
    expect(!r.ok && r.error).toMatch(message);
  });

  it('a cut-off facilitator link is refused', () => {
    const x = encodeFacilitatorPayload(CLASSROOM, started(), EXERCISES);
    const r = decodeFacilitatorPayload(x.slice(0, Math.floor(x.length / 2)), EXERCISES);
    expect(r.ok).toBe(false);
  });

  it('a player link carries the player view, numbers rounded, and no facilitator data', () => {
    const s = step(started(), CLASSROOM, { type: 'advance' }).session;
    const view = playerView(CLASSROOM, s);
    const x = encodePlayerPayload(view);
    const json = LZString.decompressFromEncodedURIComponent(x)!;
    for (const inj of CLASSROOM.injects) expect(json).not.toContain(inj.notes!.slice(0, 40));
    expect(json).not.toContain('"session"');
    const r = decodePlayerPayload(x);
    expect(r.ok && r.view.chart.composite).toEqual(view.chart.composite.map((v) => Math.round(v * 100) / 100));
    expect(r.ok && r.view.teams).toEqual(['Red', 'Blue']);
  });

  it('a player view with extra fields loses them; a wrong one is refused, naming the field', () => {
    const view = playerView(CLASSROOM, started());
    const sneaky = { ...view, notes: 'secret', injects: [{ id: 'a', month: 0, title: 'T', text: 'x', notes: 'secret' }] };
    const r = parsePlayerView(sneaky);
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r.ok && r.view)).not.toContain('secret');
    const bad = parsePlayerView({ ...view, month: 'three' });
    expect(!bad.ok && bad.error).toMatch(/the field "month" is wrong/);
    const inconsistent = parsePlayerView({ ...view, chart: { ...view.chart, composite: [1, 2, 3] } });
    expect(!inconsistent.ok && inconsistent.error).toMatch(/chart series/);
    // A player link is text from elsewhere: direction controls are removed, as where a person types.
    const spoof = parsePlayerView({ ...view, title: 'Round \u202Eowt' });
    expect(spoof.ok && spoof.view.title).toBe('Round owt');
  });
});

describe('channel messages', () => {
  it('accepts hello and checked views, nothing else', () => {
    const view = playerView(CLASSROOM, started());
    expect(readMessage({ type: 'hello' })).toEqual({ type: 'hello' });
    expect(readMessage({ type: 'view', view, sentAt: 5 })).toMatchObject({ type: 'view', sentAt: 5 });
    expect(readMessage({ type: 'view', view: { title: 'x' }, sentAt: 5 })).toBeNull();
    expect(readMessage({ type: 'view', view })).toBeNull();
    expect(readMessage('hello')).toBeNull();
    expect(readMessage(null)).toBeNull();
  });
});

describe('sessions set aside', () => {
  it('are kept five deep, newest first, and the same text is not kept twice', () => {
    const storage = memoryStorage();
    for (let i = 1; i <= 7; i++) expect(setAsideText(storage, `session ${i}`)).toBe(true);
    expect(setAsideText(storage, 'session 6')).toBe(true);
    expect([1, 2, 3, 4, 5].map((n) => storage.data.get(n === 1 ? REPLACED_KEY : `${REPLACED_KEY}-${n}`))).toEqual([
      'session 7', 'session 6', 'session 5', 'session 4', 'session 3',
    ]);
    storage.data.set(STORAGE_KEY, 'the autosave');
    expect(setAsideAutosave(storage)).toBe(true);
    expect(storage.data.get(REPLACED_KEY)).toBe('the autosave');
    expect(storage.data.get(`${REPLACED_KEY}-5`)).toBe('session 4');
  });
});
