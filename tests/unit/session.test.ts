import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { beforeAll } from 'vitest';
import { encodeLink } from '../../src/share/link';
import { initialState, setParameterMode, setResponse, setView } from '../../src/state/edits';
import { STORAGE_KEY, loadSaved, serializeWork, stateToLink, type StorageLike } from '../../src/state/persist';
import { APP_PRESETS } from '../../src/state/presets';
import { Session, loadScenarioParser, pageAddress } from '../../src/state/session.svelte';
import { isLinkFragment, startingState } from '../../src/state/startup';
import { AppStore, type StateChange } from '../../src/state/store.svelte';
import { UrlSync, type HistoryHost } from '../../src/state/urlSync';
import { MODEL_VERSION } from '../../src/model/parameters';

/** A window stand-in that records history calls and lets tests fire back/forward. */
class FakeWindow implements HistoryHost {
  entries: string[] = [''];
  index = 0;
  calls: string[] = [];
  listeners = new Map<string, Set<() => void>>();
  location = { hash: '' };
  history = {
    pushState: (_d: unknown, _u: string, url?: string) => {
      this.calls.push(`push ${url}`);
      this.entries = [...this.entries.slice(0, this.index + 1), url ?? ''];
      this.index++;
      this.location.hash = url ?? '';
    },
    replaceState: (_d: unknown, _u: string, url?: string) => {
      this.calls.push(`replace ${url}`);
      this.entries[this.index] = url ?? '';
      this.location.hash = url ?? '';
    },
  };
  addEventListener(type: string, fn: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.get(type)?.delete(fn);
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn();
  }
  back() {
    this.index--;
    this.location.hash = this.entries[this.index];
    this.fire('popstate');
  }
  forward() {
    this.index++;
    this.location.hash = this.entries[this.index];
    this.fire('popstate');
  }
}

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  full = false;
  writes = 0;
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    if (this.full) throw new DOMException('full', 'QuotaExceededError');
    this.writes++;
    this.data.set(k, v);
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
}

const link = (s: AppStore) => `#${encodeLink(s.state, APP_PRESETS)}`;


// Importing a file loads the YAML parser on demand; these tests call importText directly.
beforeAll(loadScenarioParser);

describe('store change listeners', () => {
  it('say what changed and whether it was committed', () => {
    const store = new AppStore(initialState());
    const seen: Omit<StateChange, 'state'>[] = [];
    store.subscribe(({ commit, origin }) => seen.push({ commit, origin }));
    store.update(setParameterMode('escalationCeiling', 1.5), { commit: false });
    store.update(setParameterMode('escalationCeiling', 1.6), { commit: true });
    store.update(setParameterMode('escalationCeiling', NaN), { commit: true }); // refused: no change, no call
    store.undo();
    store.redo();
    store.load(initialState());
    expect(seen).toEqual([
      { commit: false, origin: 'edit' },
      { commit: true, origin: 'edit' },
      { commit: true, origin: 'undo' },
      { commit: true, origin: 'redo' },
      { commit: true, origin: 'load' },
    ]);
    // A load is one undoable step.
    store.undo();
    expect(store.state.scenario.parameters.escalationCeiling?.mode).toBe(1.6);
  });

  it('a failing listener does not stop the change', () => {
    const store = new AppStore(initialState());
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    store.subscribe(() => {
      throw new Error('listener broke');
    });
    store.update(setResponse('restraint'));
    expect(store.state.scenario.response).toBe('restraint');
    spy.mockRestore();
  });
});

describe('which state the app opens with', () => {
  it('a link wins over the autosave; the autosave over the default', () => {
    const saved = { ...initialState(), view: 'compare' as const };
    expect(startingState('#v=1&s=diplomatic-restraint', saved).state.presetId).toBe('diplomatic-restraint');
    expect(startingState('#v=1&s=diplomatic-restraint', saved).source).toBe('link');
    expect(startingState('', saved)).toMatchObject({ source: 'autosave', state: saved, problems: [] });
    expect(startingState('', null)).toMatchObject({ source: 'default', problems: [] });
  });

  it('in-page anchors are not links; anything else is read as one', () => {
    expect(isLinkFragment('#charts')).toBe(false);
    expect(isLinkFragment('#')).toBe(false);
    expect(isLinkFragment('#v')).toBe(true);
    expect(isLinkFragment('#<script>alert(1)</script>')).toBe(true);
    expect(isLinkFragment('#v=1')).toBe(true);
  });

  it('says when nothing of a link could be read', () => {
    expect(startingState('#v=99&m=9.9&s=new-preset', null)).toMatchObject({ source: 'link', unread: true });
    expect(startingState('#v=1&m=1.0&z=NoIgLgTg9gzgdAJQ', null).unread).toBe(true);
    expect(startingState('#v=1&s=nope', null).unread).toBe(false);
  });

  it('a bad link names what was wrong and falls back field by field', () => {
    const start = startingState('#v=1&m=0.9&s=nope&n=NaN&seed=%3Cscript%3E', null);
    expect(start.problems.join(' ')).toMatch(/Unknown preset s="nope".*Ensemble size n="NaN"/);
    expect(start.state.ensemble.seed).toBe('<script>');
    expect(start.versionNotice).toMatch(/made with model 0.9/);
  });

  it("makes links from the page's address without its query, which is not Stand-Down's to pass on", () => {
    expect(pageAddress('https://school.example/stand-down/?session=abc123&utm_source=lms#v=1&s=no-pause')).toBe('https://school.example/stand-down/');
    expect(pageAddress('https://example.org/stand-down/index.html#v=1')).toBe('https://example.org/stand-down/index.html');
    expect(pageAddress('file:///home/me/stand-down/dist/index.html?x=1')).toBe('file:///home/me/stand-down/dist/index.html');
  });

  it('says when a link does not name its model, but not when nothing of it was read', () => {
    expect(startingState('#v=1&s=diplomatic-restraint', null).versionNotice).toMatch(/does not say which model it was made with/);
    expect(startingState(`#v=1&m=${MODEL_VERSION}&s=diplomatic-restraint`, null).versionNotice).toBeNull();
    // Nothing applied (the default view): no notice about numbers the link never set.
    expect(startingState('#v=99&s=new-preset', null).versionNotice).toBeNull();
    expect(startingState('#foo=1&bar=2', null).versionNotice).toBeNull();
  });
});

describe('the address bar follows the state', () => {
  let store: AppStore;
  let win: FakeWindow;
  let sync: UrlSync;
  beforeEach(() => {
    vi.useFakeTimers();
    store = new AppStore(initialState());
    win = new FakeWindow();
    sync = new UrlSync(store, win, { throttleMs: 100 });
    sync.start();
  });
  afterEach(() => {
    sync.stop();
    vi.useRealTimers();
  });

  it('starts by replacing the entry with the current link', () => {
    expect(win.calls).toEqual([`replace ${link(store)}`]);
  });

  it('a committed change adds an entry; a drag adds one and then replaces it', () => {
    store.update(setResponse('restraint'), { commit: true });
    expect(win.calls.at(-1)).toBe(`push ${link(store)}`);
    const before = win.calls.length;
    for (const x of [1.3, 1.4, 1.5, 1.6]) store.update(setParameterMode('escalationCeiling', x), { commit: false });
    expect(win.calls.slice(before)).toEqual([expect.stringMatching(/^push .*escalationCeiling=[^&]*1\.3/)]);
    vi.advanceTimersByTime(150);
    expect(win.calls.at(-1)).toMatch(/^replace .*escalationCeiling=[^&]*1\.6/);
    store.update(setParameterMode('escalationCeiling', 1.7), { commit: true });
    expect(win.calls.at(-1)).toMatch(/^replace .*escalationCeiling=[^&]*1\.7/);
    expect(win.entries).toHaveLength(3);
  });

  it('undo and redo add entries too; a switch of view is an entry', () => {
    store.update(setResponse('restraint'));
    store.undo();
    expect(win.calls.at(-1)).toBe(`push ${link(store)}`);
    store.redo();
    expect(win.calls.at(-1)).toBe(`push ${link(store)}`);
    store.update(setView('compare'), { commit: true, record: false });
    expect(win.calls.at(-1)).toMatch(/^push .*view=compare/);
  });

  it('back and forward load the state without adding entries', () => {
    const start = link(store);
    store.update(setResponse('restraint'));
    store.update(setResponse('skeptic'));
    const calls = win.calls.length;
    win.back();
    expect(store.state.scenario.response).toBe('restraint');
    win.back();
    expect(store.state.scenario.response).toBe('free-hits');
    expect(link(store)).toBe(start);
    win.forward();
    expect(store.state.scenario.response).toBe('restraint');
    expect(win.calls.length).toBe(calls);
  });

  it('an in-page anchor keeps the state and puts the link back', () => {
    const before = store.state;
    win.history.pushState(null, '', '#charts');
    win.fire('hashchange');
    expect(store.state).toBe(before);
    expect(win.location.hash).toBe(link(store));
  });

  it('a link that could not be read stays in the address bar until the first change, which adds an entry after it', () => {
    sync.stop();
    win = new FakeWindow();
    win.entries = ['#v=99&s=new'];
    win.location.hash = '#v=99&s=new';
    sync = new UrlSync(store, win, { throttleMs: 100 });
    sync.start('v=99&s=new');
    expect(win.calls).toEqual([]);
    expect(sync.fragment).toBe('v=99&s=new');
    store.update(setResponse('restraint'), { commit: true });
    expect(win.calls).toEqual([`push ${link(store)}`]);
    expect(win.entries).toEqual(['#v=99&s=new', link(store)]);
  });

  it('a hand-edited bad link is applied as far as it goes and its problems reported', () => {
    const onLinkRead = vi.fn();
    sync.stop();
    sync = new UrlSync(store, win, { onLinkRead });
    sync.start();
    win.location.hash = '#v=1&s=diplomatic-restraint&n=1e99&<img src=x onerror=alert(1)>';
    win.fire('hashchange');
    expect(store.state.presetId).toBe('diplomatic-restraint');
    expect(onLinkRead).toHaveBeenCalledTimes(1);
    const problems = onLinkRead.mock.calls[0][0].join(' ');
    expect(problems).toMatch(/Ensemble size n="1e99"/);
    expect(problems).toMatch(/Unknown link field "<img src/);
  });
});

describe('session: autosave and My scenarios', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function setup(stored?: string) {
    const storage = new MemoryStorage();
    if (stored !== undefined) storage.data.set(STORAGE_KEY, stored);
    const loaded = loadSaved(storage, APP_PRESETS, initialState());
    return { storage, loaded };
  }

  it('nothing is written at start-up (a link never overwrites saved work); the first change is saved', () => {
    const savedState = { ...initialState(), ensemble: { ...initialState().ensemble, seed: 'my work' } };
    const { storage, loaded } = setup(serializeWork(stateToLink(savedState, APP_PRESETS), []));
    const start = startingState('#v=1&s=not-a-preset&escalationCeiling=oops', loaded.work.state);
    expect(start.problems.length).toBeGreaterThan(0);
    const store = new AppStore(start.state);
    const session = new Session(store, { storage, loaded, autosave: true, delayMs: 50 });
    vi.advanceTimersByTime(1000);
    expect(storage.writes).toBe(0);
    // Saving a scenario keeps the autosaved state as it was.
    session.saveScenario('kept');
    let record = JSON.parse(storage.data.get(STORAGE_KEY)!);
    expect(record.state).toBe(stateToLink(savedState, APP_PRESETS));
    expect(record.myScenarios.map((m: { name: string }) => m.name)).toEqual(['kept']);
    // A change by the user is autosaved after the delay.
    store.update(setResponse('restraint'));
    expect(session.pending).toBe(true);
    vi.advanceTimersByTime(60);
    record = JSON.parse(storage.data.get(STORAGE_KEY)!);
    expect(record.state).toBe(encodeLink(store.state, APP_PRESETS));
    session.dispose();
  });

  it('a scenario saved where nothing can be stored says it is listed for this visit only', () => {
    const store = new AppStore(initialState());
    const session = new Session(store, { storage: null, autosave: true });
    expect(session.saveScenario('x')).toMatch(/^“x” is listed for this visit only .*does not let Stand-Down save anything/);
    expect(session.myScenarios).toHaveLength(1);
    session.dispose();
  });

  it("a tab that has not changed the view does not write its stale view over another tab's when it saves a scenario", () => {
    const { storage, loaded } = setup(serializeWork(stateToLink(initialState(), APP_PRESETS), []));
    const store = new AppStore(initialState());
    const session = new Session(store, { storage, loaded, autosave: true, delayMs: 50 });
    // Another tab changes the view and autosaves it.
    const other = { ...initialState(), ensemble: { ...initialState().ensemble, seed: 'other tab' } };
    storage.setItem(STORAGE_KEY, serializeWork(stateToLink(other, APP_PRESETS), []));
    session.refreshFromStorage();
    // This tab, unchanged, saves a scenario: the other tab's view stays the stored one.
    session.saveScenario('mine');
    const record = JSON.parse(storage.data.get(STORAGE_KEY)!);
    expect(record.state).toBe(stateToLink(other, APP_PRESETS));
    expect(record.myScenarios.map((m: { name: string }) => m.name)).toEqual(['mine']);
    session.dispose();
  });

  it('save, open (undoable), rename, delete and undo the delete', () => {
    const { storage, loaded } = setup();
    const store = new AppStore(initialState());
    const session = new Session(store, { storage, loaded, autosave: true });
    store.update(setResponse('restraint'));
    expect(session.saveScenario('  ')).toMatch(/name/);
    expect(session.saveScenario('Restraint <em>case</em>')).toBeNull();
    store.update(setResponse('skeptic'));
    const id = session.myScenarios[0].id;
    session.openScenario(id);
    expect(store.state.scenario.response).toBe('restraint');
    store.undo();
    expect(store.state.scenario.response).toBe('skeptic');
    expect(session.renameScenario(id, 'Renamed')).toBeNull();
    expect(session.myScenarios[0].name).toBe('Renamed');
    session.deleteScenario(id);
    expect(session.myScenarios).toEqual([]);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).myScenarios).toEqual([]);
    session.restoreDeleted();
    expect(session.myScenarios.map((m) => m.name)).toEqual(['Renamed']);
    expect(JSON.parse(storage.data.get(STORAGE_KEY)!).myScenarios).toHaveLength(1);
    session.dispose();
  });

  it('a banner lists at most twelve lines and says how many more problems there were', () => {
    const { storage, loaded } = setup();
    const session = new Session(new AppStore(initialState()), { storage, loaded, autosave: false });
    session.showBanner('link', 'Parts of this link could not be used.', Array.from({ length: 16 }, (_, i) => `problem ${i + 1}`));
    const { messages } = session.banners[0];
    expect(messages).toHaveLength(12);
    expect(messages[10]).toBe('problem 11');
    expect(messages[11]).toBe('…and 5 more problems.');
    session.dispose();
  });

  it('a full storage shows a banner and the app keeps working', () => {
    const { storage, loaded } = setup();
    const store = new AppStore(initialState());
    const session = new Session(store, { storage, loaded, autosave: true });
    storage.full = true;
    // Listed for this visit, but not "Saved": the person is told it will not survive a reload.
    expect(session.saveScenario('x')).toMatch(/^“x” is listed for this visit only and will be gone after a reload\. .*QuotaExceededError/);
    expect(session.myScenarios).toHaveLength(1);
    expect(session.banners.map((b) => b.kind)).toEqual(['storage']);
    expect(session.banners[0].messages[0]).toMatch(/QuotaExceededError/);
    storage.full = false;
    store.update(setResponse('restraint'));
    session.save();
    expect(session.banners).toEqual([]);
    session.dispose();
  });

  it('imports: line-numbered errors for a malformed file; a valid one becomes current and is saved', () => {
    const { storage, loaded } = setup();
    const store = new AppStore(initialState());
    const session = new Session(store, { storage, loaded });
    const bad = session.importText('id: x\ntitle: "unclosed\ninterpretation: [\n', 'bad.yaml');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.some((e) => typeof e.line === 'number')).toBe(true);
    const invalid = session.importText('id: x\ntitle: X\ninterpretation: hawkish\nresponse: free-hits\npolicy: { kind: indefinite }\nhorizonMonths: 24\n', 'x.yaml');
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) expect(invalid.errors[0]).toMatchObject({ path: 'interpretation', line: 3 });
    const good = session.importText(
      'id: my-case\ntitle: "<script>alert(1)</script>"\ninterpretation: diplomatic\nresponse: restraint\npolicy: { kind: indefinite }\nhorizonMonths: 30\n',
      'good.yaml',
    );
    expect(good).toMatchObject({ ok: true, title: '<script>alert(1)</script>', added: true });
    expect(store.state.scenario.id).toBe('my-case');
    expect(store.state.presetId).toBe('my-case');
    expect(encodeLink(store.state, APP_PRESETS)).toMatch(/[&]c=|z=/);
    expect(session.myScenarios.map((m) => m.name)).toEqual(['<script>alert(1)</script>']);
    // The same file again is not added twice.
    expect(session.importText('id: my-case\ntitle: "<script>alert(1)</script>"\ninterpretation: diplomatic\nresponse: restraint\npolicy: { kind: indefinite }\nhorizonMonths: 30\n', 'good.yaml')).toMatchObject({ added: false });
    session.dispose();
  });

  it('files that are too large are refused unread', async () => {
    vi.useRealTimers();
    const store = new AppStore(initialState());
    const session = new Session(store);
    const huge = { name: 'huge.yaml', size: 50_000_000, text: () => Promise.reject(new Error('should not be read')) } as unknown as File;
    const result = await session.importFile(huge);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(/too large/);
  });

  it('a file that is not UTF-8 is refused with a message, not opened with garbled letters', async () => {
    vi.useRealTimers();
    const store = new AppStore(initialState());
    const session = new Session(store);
    await loadScenarioParser();
    const yaml = 'id: cafe\ntitle: Café\ninterpretation: diplomatic\nresponse: restraint\npolicy: { kind: indefinite }\nhorizonMonths: 24\n';
    const latin1 = new Blob([Uint8Array.from([...yaml].map((ch) => ch.charCodeAt(0)))]);
    const refused = await session.importFile(Object.assign(latin1, { name: 'cafe.yaml' }));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0].message).toMatch(/not UTF-8 text .*save it as UTF-8/);
    expect(session.myScenarios).toHaveLength(0);
    // The same file in UTF-8, with a byte-order mark, opens with its accent.
    const utf8 = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), new TextEncoder().encode(yaml)]);
    const opened = await session.importFile(Object.assign(utf8, { name: 'cafe.yaml' }));
    expect(opened.ok).toBe(true);
    expect(store.state.scenario.title).toBe('Café');
    session.dispose();
  });
});
