/**
 * The facilitator console's two choices that could lose an exercise, tested
 * without a page: which session it opens with, and whether it follows
 * another console tab. (console.test.ts drives the same paths through the UI.)
 */
import { describe, expect, it } from 'vitest';
import { createSession, step } from '../../../src/exercise';
import { encodeFacilitatorPayload } from '../../../src/ui/exercise/facilitatorLink';
import { otherTabChange, startingSession } from '../../../src/ui/exercise/restore';
import { CORRUPT_KEY, REPLACED_KEY, STORAGE_KEY, savedText } from '../../../src/ui/exercise/storage';
import { CLASSROOM, EXERCISES, PRACTITIONERS, memoryStorage } from './helpers';

const started = step(createSession(CLASSROOM), CLASSROOM, { type: 'start', teams: ['Red', 'Blue'] }).session;
const later = (n: number) => {
  let s = started;
  for (let i = 0; i < n; i++) s = step(s, CLASSROOM, { type: 'advance', skipUnrevealed: true }).session;
  return s;
};

describe('startingSession', () => {
  it('starts fresh, saying nothing, when there is no link and no autosave', () => {
    expect(startingSession(null, EXERCISES, memoryStorage())).toEqual({ restored: null, notice: '', keepStored: null });
  });

  it('opens a link and keeps the autosave it replaces aside', () => {
    const mine = savedText(PRACTITIONERS, createSession(PRACTITIONERS), EXERCISES);
    const storage = memoryStorage({ [STORAGE_KEY]: mine });
    const start = startingSession(encodeFacilitatorPayload(CLASSROOM, later(3), EXERCISES), EXERCISES, storage);
    expect(start.restored?.script.id).toBe(CLASSROOM.id);
    expect(start.restored?.session.month).toBe(later(3).month);
    expect(start.notice).toMatch(/^Opened the exercise from the link at month \d+, .*kept aside under the storage key "stand-down-exercise:replaced"\.$/);
    expect(storage.data.get(REPLACED_KEY)).toBe(mine);
    expect(start.keepStored).toBeNull();
  });

  it('a damaged link is named, and the autosave opens instead', () => {
    const storage = memoryStorage({ [STORAGE_KEY]: savedText(CLASSROOM, later(2), EXERCISES) });
    const start = startingSession('not-a-payload', EXERCISES, storage);
    expect(start.notice).toMatch(/^This facilitator link cannot be opened: .*\. Continuing the autosaved exercise at month/);
    expect(start.restored?.session.month).toBe(later(2).month);
  });

  it('copies a damaged autosave aside before a new session starts', () => {
    const broken = '{"version":1,"scriptId":"exercise-classroom-20","session":7}';
    const storage = memoryStorage({ [STORAGE_KEY]: broken });
    const start = startingSession(null, EXERCISES, storage);
    expect(start).toMatchObject({ restored: null, keepStored: null });
    expect(start.notice).toMatch(/could not be restored: .*kept in this browser's storage under "stand-down-exercise:corrupt"/);
    expect(storage.data.get(CORRUPT_KEY)).toBe(broken);
  });
});

describe('otherTabChange', () => {
  const own = { script: CLASSROOM, session: later(4) };

  it('ignores other keys, removals and what it cannot read', () => {
    const storage = memoryStorage();
    expect(otherTabChange('something-else', savedText(CLASSROOM, later(1), EXERCISES), own, EXERCISES, EXERCISES, storage)).toEqual({ kind: 'ignore' });
    expect(otherTabChange(STORAGE_KEY, null, own, EXERCISES, EXERCISES, storage)).toEqual({ kind: 'ignore' });
    expect(otherTabChange(STORAGE_KEY, '{"broken', own, EXERCISES, EXERCISES, storage)).toEqual({ kind: 'ignore' });
    expect(storage.data.size).toBe(0);
  });

  it('follows a tab that played on, setting nothing aside', () => {
    const storage = memoryStorage();
    const change = otherTabChange(STORAGE_KEY, savedText(CLASSROOM, later(6), EXERCISES), own, EXERCISES, EXERCISES, storage);
    expect(change).toMatchObject({ kind: 'follow', status: 'Updated from the console in another tab.' });
    expect(storage.data.size).toBe(0);
  });

  it('keeps its own session aside before following a tab that went back, or another script', () => {
    for (const [script, session] of [[CLASSROOM, later(1)], [PRACTITIONERS, createSession(PRACTITIONERS)]] as const) {
      const storage = memoryStorage();
      const change = otherTabChange(STORAGE_KEY, savedText(script, session, EXERCISES), own, EXERCISES, EXERCISES, storage);
      expect(change.kind).toBe('follow');
      expect(JSON.parse(storage.data.get(REPLACED_KEY)!).session.month).toBe(own.session.month);
    }
  });

  it('stays, and stops autosaving, when a full storage will not take its own session', () => {
    const storage = memoryStorage();
    storage.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    const change = otherTabChange(STORAGE_KEY, savedText(CLASSROOM, later(1), EXERCISES), own, EXERCISES, EXERCISES, storage);
    expect(change).toMatchObject({ kind: 'stay', keepStored: expect.stringMatching(/could not be kept aside/) });
  });

  it('a tab still in the briefing has nothing to lose', () => {
    const storage = memoryStorage();
    const change = otherTabChange(STORAGE_KEY, savedText(CLASSROOM, later(1), EXERCISES), { script: CLASSROOM, session: createSession(CLASSROOM) }, EXERCISES, EXERCISES, storage);
    expect(change.kind).toBe('follow');
    expect(storage.data.size).toBe(0);
  });
});
