import { keepNewestCopy } from '../../src/state/keepCopies';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyEdit, initialState, setParameterMode, setResponse, setSeed } from '../../src/state/edits';
import {
  BACKUP_KEY,
  MAX_STORED_LENGTH,
  STORAGE_KEY,
  cleanName,
  forgetSavedData,
  loadSaved,
  parseWork,
  serializeWork,
  stateToLink,
  writeSaved,
  type MyScenario,
  type StorageLike,
} from '../../src/state/persist';
import { APP_PRESETS } from '../../src/state/presets';
import type { AppState } from '../../src/state/types';
import { simulate } from '../../src/model/simulate';

const fallback = () => initialState();

function edited(): AppState {
  let s = initialState();
  for (const e of [setResponse('restraint'), setParameterMode('escalationCeiling', 2), setSeed('saved-seed')]) {
    const r = applyEdit(s, e);
    expect(r.error).toBeNull();
    s = r.state;
  }
  return s;
}

function mine(name: string, state: AppState = edited()): MyScenario {
  return { id: 'my-1', name, savedAt: '2025-03-04T05:06:07.000Z', presetId: state.presetId, scenario: structuredClone(state.scenario) };
}

/** A Map-backed storage that can be told to fail. */
class FakeStorage implements StorageLike {
  data = new Map<string, string>();
  failSet: ((key: string) => unknown) | null = null;
  failGet = false;
  getItem(key: string) {
    if (this.failGet) throw new DOMException('The operation is insecure.', 'SecurityError');
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const err = this.failSet?.(key);
    if (err) throw err;
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('saved work: round trip', () => {
  it('restores the state (same numbers) and My scenarios', () => {
    const st = edited();
    const text = serializeWork(stateToLink(st, APP_PRESETS), [mine('Restraint <b>test</b>')], new Date('2025-05-01T00:00:00Z'));
    const record = JSON.parse(text);
    expect(record).toMatchObject({ version: 1, savedAt: '2025-05-01T00:00:00.000Z' });
    expect(typeof record.state).toBe('string');
    const read = parseWork(text, APP_PRESETS, fallback());
    expect(read.problems).toEqual([]);
    expect(read.damaged).toBe(false);
    expect(read.work.state!.ensemble).toEqual(st.ensemble);
    expect(simulate(read.work.state!.scenario)).toEqual(simulate(st.scenario));
    expect(read.work.myScenarios).toHaveLength(1);
    expect(read.work.myScenarios[0].name).toBe('Restraint <b>test</b>');
    expect(simulate(read.work.myScenarios[0].scenario)).toEqual(simulate(st.scenario));
    expect(read.work.stateLink).toBe(record.state);
  });

  it('nothing stored is not a problem', () => {
    expect(parseWork(null, APP_PRESETS, fallback())).toEqual({
      work: { state: null, stateLink: null, myScenarios: [], savedAt: null },
      problems: [],
      damaged: false,
    });
  });
});

describe('saved work: damaged or foreign data names what was wrong', () => {
  const cases: [string, unknown, RegExp][] = [
    ['corrupt JSON', '{"version":1,"state":', /not valid JSON/],
    ['truncated JSON', serializeWork(stateToLink(edited(), APP_PRESETS), [mine('x')]).slice(0, 50), /not valid JSON/],
    ['a number', '42', /should be an object .* but is number 42/],
    ['a list', '[1,2]', /should be an object .* but is a list/],
    ['no version', '{"state":null}', /format version \(missing\)/],
    ['a newer version', '{"version":2,"state":null}', /newer Stand-Down \(format version 2/],
    ['a strange version', '{"version":"1"}', /format version "1"/],
    ['not text', 12, /not text/],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    const read = parseWork(text, APP_PRESETS, fallback());
    expect(read.damaged).toBe(true);
    expect(read.problems.join(' ')).toMatch(message);
    expect(read.work.state).toBeNull();
    expect(read.work.myScenarios).toEqual([]);
  });

  it('huge values are refused unread', () => {
    const read = parseWork('x'.repeat(MAX_STORED_LENGTH + 1), APP_PRESETS, fallback());
    expect(read.problems[0]).toMatch(/too large/);
  });

  it('a bad state or a bad saved scenario is left out; the rest is kept', () => {
    const good = mine('Good one');
    const text = JSON.stringify({
      version: 1,
      savedAt: 'yesterday',
      state: 'v=1&s=no-such-preset&escalationCeiling=NaN',
      myScenarios: [
        { ...good, scenario: { ...JSON.parse(serializeWork(null, [good])).myScenarios[0].scenario } },
        { id: 'my-2', name: 'Broken', scenario: { id: 'x', title: 'x', horizonMonths: 1e9 } },
        { id: 'my-3', name: '', scenario: {} },
        'not an object',
      ],
    });
    const read = parseWork(text, APP_PRESETS, fallback());
    expect(read.damaged).toBe(true);
    const all = read.problems.join('\n');
    expect(all).toMatch(/Autosaved state: Unknown preset s="no-such-preset"/);
    expect(all).toMatch(/Escalation ceiling \(escalationCeiling="NaN"\)/);
    expect(all).toMatch(/Saved scenario 2 \(“Broken”\) is not a valid scenario/);
    expect(all).toMatch(/Saved scenario 3 has no name/);
    expect(all).toMatch(/Saved scenario 4 should be an object but is the text "not an object"/);
    expect(read.work.myScenarios.map((m) => m.name)).toEqual(['Good one']);
    // The state falls back field by field to the default; it is still a runnable state.
    expect(read.work.state!.presetId).toBe(fallback().presetId);
    expect(read.work.stateLink).toBeNull();
    expect(read.work.savedAt).toBeNull();
  });

  it("forgetting removes every key of Stand-Down's and no other, and says when the browser refuses", () => {
    const data = new Map([['stand-down:saved-work', 'a'], ['stand-down-exercise:replaced-2', 'b'], ['other', 'c'], ['my-stand-down', 'd']]);
    const storage = {
      get length() {
        return data.size;
      },
      key: (i: number) => [...data.keys()][i] ?? null,
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    };
    expect(forgetSavedData(storage)).toEqual({ removed: 2 });
    expect([...data.keys()]).toEqual(['other', 'my-stand-down']);
    data.set('stand-down:saved-work', 'again');
    const refusing = { ...storage, length: 3, removeItem: () => { throw new Error('SecurityError'); } };
    expect(forgetSavedData(refusing)).toEqual({ error: 'The browser would not let Stand-Down delete what it saved (SecurityError).' });
  });

  it('names are plain text without control characters, at most 120 characters', () => {
    expect(cleanName('  a\u0000b\nc\u2028d  ')).toBe('a b c d');
    expect(cleanName('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(cleanName('My \u202Ecod.exe scenario')).toBe('My cod.exe scenario');
    expect(cleanName('x'.repeat(500))).toHaveLength(120);
    expect(cleanName(42)).toBe('');
  });
});

describe('saved work: never throws', () => {
  const valid = serializeWork(stateToLink(edited(), APP_PRESETS), [mine('A'), { ...mine('B'), id: 'my-2' }]);

  function check(text: unknown) {
    const read = parseWork(text, APP_PRESETS, fallback());
    expect(Array.isArray(read.problems)).toBe(true);
    for (const p of read.problems) expect(typeof p).toBe('string');
    for (const m of read.work.myScenarios) {
      expect(m.name.length).toBeGreaterThan(0);
      expect(() => simulate(m.scenario)).not.toThrow();
    }
    if (read.work.state) expect(() => simulate(read.work.state!.scenario)).not.toThrow();
    // Anything damaged is flagged so the caller keeps a backup.
    if (read.problems.length) expect(read.damaged).toBe(true);
  }

  it('property: random strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), check), { numRuns: 300 });
  });

  it('property: truncated saved work', () => {
    fc.assert(fc.property(fc.nat(valid.length), (n) => check(valid.slice(0, n))), { numRuns: 200 });
  });

  it('property: characters of saved work replaced', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.string({ minLength: 1, maxLength: 3 })), { minLength: 1, maxLength: 6 }), (edits) => {
        let t = valid;
        for (const [i, s] of edits) t = t.slice(0, i) + s + t.slice(i + 1);
        check(t);
      }),
      { numRuns: 200 },
    );
  });

  it('property: wrong types anywhere in the record', () => {
    const weird = fc.oneof(
      fc.anything(),
      fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, '', '<script>alert(1)</script>', [], {}, null),
      fc.string({ maxLength: 50 }),
    );
    fc.assert(
      fc.property(weird, weird, weird, weird, (version, state, list, item) => {
        const base = JSON.parse(valid);
        check(JSON.stringify({ ...base, version }));
        check(JSON.stringify({ ...base, state }));
        check(JSON.stringify({ ...base, myScenarios: list }));
        check(JSON.stringify({ ...base, myScenarios: [item, { ...base.myScenarios[0], scenario: item }, { ...base.myScenarios[0], name: item }] }));
      }),
      { numRuns: 150 },
    );
  });

  it('huge values inside the record', () => {
    const base = JSON.parse(valid);
    check(JSON.stringify({ ...base, state: 'v=1&seed=' + 'x'.repeat(300_000) }));
    check(JSON.stringify({ ...base, myScenarios: Array.from({ length: 500 }, () => base.myScenarios[0]) }));
    check(JSON.stringify({ ...base, myScenarios: [{ ...base.myScenarios[0], name: 'n'.repeat(100_000) }] }));
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    check(`{"version":1,"myScenarios":[{"name":"deep","scenario":${deep}}]}`);
  });
});

describe('saved work in storage', () => {
  it('damaged data is backed up before anything overwrites it', () => {
    const storage = new FakeStorage();
    storage.data.set(STORAGE_KEY, '{"version":1,"state":"v=1&s=');
    const loaded = loadSaved(storage, APP_PRESETS, fallback());
    expect(loaded.writable).toBe(true);
    expect(storage.data.get(BACKUP_KEY)).toBe('{"version":1,"state":"v=1&s=');
    expect(loaded.problems.join(' ')).toMatch(/not valid JSON.*kept .* under “stand-down:saved-work:backup”/s);
  });

  it('a second problem does not erase the first backup: the newest five are kept', () => {
    const storage = new FakeStorage();
    for (let i = 1; i <= 7; i++) {
      storage.data.set(STORAGE_KEY, `damaged ${i}`);
      loadSaved(storage, APP_PRESETS, fallback());
    }
    expect([1, 2, 3, 4, 5].map((n) => storage.data.get(n === 1 ? BACKUP_KEY : `${BACKUP_KEY}-${n}`))).toEqual([
      'damaged 7', 'damaged 6', 'damaged 5', 'damaged 4', 'damaged 3',
    ]);
    // The same damaged record read again is not copied twice.
    loadSaved(storage, APP_PRESETS, fallback());
    expect(storage.data.get(`${BACKUP_KEY}-2`)).toBe('damaged 6');
  });

  it('a storage with no room to move older backups down loses neither: the new damage stays where it is, and saving stops, saying so', () => {
    const storage = new FakeStorage();
    storage.data.set(BACKUP_KEY, 'older damage');
    storage.data.set(STORAGE_KEY, 'new damage');
    // Room for replacing a key, none for adding one.
    storage.failSet = (k: string) => (storage.data.has(k) ? null : quota());
    const loaded = loadSaved(storage, APP_PRESETS, fallback());
    expect(storage.data.get(BACKUP_KEY)).toBe('older damage');
    expect(storage.data.get(STORAGE_KEY)).toBe('new damage');
    expect(loaded.writable).toBe(false);
    expect(loaded.problems.join(' ')).toMatch(/could not be backed up .*QuotaExceededError.*nothing will be saved until you clear it/);
  });

  it('copies moved down before storage refused are put back: none lost, none twice', () => {
    // A storage that holds 9 characters in all.
    const data = new Map<string, string>([['k', 'AAA'], ['k-2', 'BB'], ['k-3', 'C']]);
    const size = () => [...data.values()].reduce((n, v) => n + v.length, 0);
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => {
        if (size() - (data.get(key)?.length ?? 0) + value.length > 9) throw new DOMException('full', 'QuotaExceededError');
        data.set(key, value);
      },
      removeItem: (key: string) => void data.delete(key),
    };
    expect(() => keepNewestCopy(storage, 'k', 5, 'DDDD')).toThrow(/full/);
    expect([...data]).toEqual([['k', 'AAA'], ['k-2', 'BB'], ['k-3', 'C']]);
    // With room, the newest goes first and the others move down.
    expect(keepNewestCopy(storage, 'k', 5, 'D')).toBe('k');
    expect(['k', 'k-2', 'k-3', 'k-4'].map((k) => data.get(k))).toEqual(['D', 'AAA', 'BB', 'C']);
  });

  it('when the backup cannot be written, the damaged data is left alone', () => {
    const storage = new FakeStorage();
    storage.data.set(STORAGE_KEY, 'garbage');
    storage.failSet = () => quota();
    const loaded = loadSaved(storage, APP_PRESETS, fallback());
    expect(loaded.writable).toBe(false);
    expect(loaded.problems.join(' ')).toMatch(/could not be backed up .*QuotaExceededError/);
    expect(storage.data.get(STORAGE_KEY)).toBe('garbage');
  });

  it('blocked storage gives a message, not an exception', () => {
    const storage = new FakeStorage();
    storage.failGet = true;
    const loaded = loadSaved(storage, APP_PRESETS, fallback());
    expect(loaded.writable).toBe(false);
    expect(loaded.problems[0]).toMatch(/does not let Stand-Down read its saved work \(SecurityError/);
    expect(loadSaved(null, APP_PRESETS, fallback()).problems).toEqual([]);
  });

  it('a full storage (QuotaExceededError) gives a message and does not throw', () => {
    const storage = new FakeStorage();
    storage.failSet = () => quota();
    expect(writeSaved(storage, 'x')).toMatch(/storage for Stand-Down is full \(QuotaExceededError\)/);
    storage.failSet = () => new Error('disk on fire');
    expect(writeSaved(storage, 'x')).toMatch(/could not be saved \(disk on fire\)/);
    storage.failSet = null;
    expect(writeSaved(storage, 'x')).toBeNull();
    expect(storage.data.get(STORAGE_KEY)).toBe('x');
  });
});
