/**
 * Moving to a new version: the service worker fetches a new build's files
 * past the HTTP cache, and a page offers "Reload now" when a new version
 * waits, or says so when another tab moved to it.
 */
import { describe, expect, it, vi } from 'vitest';
import { serviceWorkerSource } from '../../build/offline-plugins';
import { watchForUpdate, type UpdateKind, type WorkerContainer, type WorkerRegistration } from '../../src/ui/layout/offline';

/** Run the worker's source against fake `self` and `caches`; returns its listeners and what it cached. */
function fakeWorker() {
  const listeners: Record<string, (event: unknown) => void> = {};
  const added: Request[][] = [];
  const self = {
    addEventListener: (type: string, fn: (event: unknown) => void) => (listeners[type] = fn),
    skipWaiting: vi.fn(),
    location: { origin: 'https://example.org' },
  };
  const caches = { open: async () => ({ addAll: async (files: Request[]) => void added.push(files) }) };
  // Relative to the worker's own address, as in a browser (Node's Request wants an absolute one).
  const WorkerRequest = class extends Request {
    constructor(url: string, init?: RequestInit) {
      super(new URL(url, 'https://example.org/'), init);
    }
  };
  new Function('self', 'caches', 'Request', serviceWorkerSource(['index.html', 'assets/app-1a2b.js'], 'stand-down-abc'))(self, caches, WorkerRequest);
  return { listeners, added, self };
}

describe('the service worker', () => {
  it("installs a build's files from the server, never from the browser's HTTP cache", async () => {
    // With a host's max-age, the old index.html (naming the old scripts) went into the new cache: a blank app.
    const { listeners, added } = fakeWorker();
    let done: Promise<unknown> = Promise.resolve();
    listeners.install({ waitUntil: (p: Promise<unknown>) => (done = p) });
    await done;
    expect(added).toHaveLength(1);
    expect(added[0].map((r) => [new URL(r.url).pathname, r.cache])).toEqual([
      ['/', 'reload'],
      ['/index.html', 'reload'],
      ['/assets/app-1a2b.js', 'reload'],
    ]);
  });

  it('takes over at once only when a page asks', () => {
    const { listeners, self } = fakeWorker();
    listeners.message({ data: 'something else' });
    expect(self.skipWaiting).not.toHaveBeenCalled();
    listeners.message({ data: 'skip-waiting' });
    expect(self.skipWaiting).toHaveBeenCalledTimes(1);
  });
});

class FakeWorker extends EventTarget {
  state = 'installing';
  messages: unknown[] = [];
  postMessage(m: unknown) {
    this.messages.push(m);
  }
  become(state: string) {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}
class FakeRegistration extends EventTarget implements WorkerRegistration {
  waiting: FakeWorker | null = null;
  installing: FakeWorker | null = null;
}
class FakeContainer extends EventTarget implements WorkerContainer {
  constructor(public controller: unknown) {
    super();
  }
}

function watch(controller: unknown, waiting: FakeWorker | null = null) {
  const container = new FakeContainer(controller);
  const registration = new FakeRegistration();
  registration.waiting = waiting;
  const shown: UpdateKind[] = [];
  let apply: () => void = () => {};
  const reload = vi.fn();
  watchForUpdate(container, registration, (kind, go) => {
    shown.push(kind);
    apply = go;
  }, reload);
  /** A new build's worker installs while this page runs. */
  const install = () => {
    const w = new FakeWorker();
    registration.installing = w;
    registration.dispatchEvent(new Event('updatefound'));
    registration.installing = null;
    registration.waiting = w;
    w.become('installed');
    return w;
  };
  return { container, registration, shown, reload, install, apply: () => apply() };
}

describe('a page watching for a new version', () => {
  it('says nothing when the first worker installs and takes over a page that had none', () => {
    const page = watch(null);
    const w = page.install();
    page.registration.waiting = null;
    w.become('activated');
    page.container.controller = {};
    page.container.dispatchEvent(new Event('controllerchange'));
    expect(page.shown).toEqual([]);
    expect(page.reload).not.toHaveBeenCalled();
  });

  it('offers the new version when it is installed, and reloads into it once it has taken over', () => {
    const page = watch({});
    const w = page.install();
    expect(page.shown).toEqual(['ready']);
    page.apply();
    expect(w.messages).toEqual(['skip-waiting']);
    expect(page.reload).not.toHaveBeenCalled();
    page.container.dispatchEvent(new Event('controllerchange'));
    expect(page.reload).toHaveBeenCalledTimes(1);
  });

  it('offers a version that was still installing when the page started watching', () => {
    // The browser looks for a new version as the page opens, before the app attaches its watcher.
    const container = new FakeContainer({});
    const registration = new FakeRegistration();
    const installing = new FakeWorker();
    registration.installing = installing;
    const shown: UpdateKind[] = [];
    watchForUpdate(container, registration, (kind) => void shown.push(kind), () => {});
    registration.installing = null;
    registration.waiting = installing;
    installing.become('installed');
    expect(shown).toEqual(['ready']);
  });

  it('offers a version that was already waiting when the page opened', () => {
    const waiting = new FakeWorker();
    expect(watch({}, waiting).shown).toEqual(['ready']);
  });

  it("tells a tab when another tab's reload moved to the new version", () => {
    const page = watch({});
    page.install();
    page.container.dispatchEvent(new Event('controllerchange'));
    expect(page.shown).toEqual(['ready', 'elsewhere']);
    expect(page.reload).not.toHaveBeenCalled();
  });
});
