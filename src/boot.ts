/**
 * Start-up in the browser: read saved work, pick the starting state (the
 * link in the address bar, else the autosave, else the default), say what
 * was wrong with either, then keep the address bar and storage in step with
 * the state. Everything that can fail here ends in a message, not a blank page.
 */
import { mount } from 'svelte';
import App from './App.svelte';
import { initialState } from './state/edits';
import { browserStorage, loadSaved } from './state/persist';
import { APP_PRESETS } from './state/presets';
import { Session, pageAddress } from './state/session.svelte';
import { startingState } from './state/startup';
import { AppStore } from './state/store.svelte';
import { UrlSync } from './state/urlSync';
import { nextTask } from './ui/layout/renderQueue';

/** Show a link's problems and model-version notice as banners (and drop those of a previous link). */
function reportLink(session: Session, problems: string[], versionNotice: string | null, unread: boolean): void {
  session.clearBanner('link');
  session.clearBanner('version');
  if (problems.length) {
    const title = unread
      ? 'This link could not be read; the default scenario is shown. The link stays in the address bar until you change something.'
      : problems.length === 1 ? 'Part of this link could not be used; the rest of it was applied.' : 'Parts of this link could not be used; the rest of it was applied.';
    session.showBanner('link', title, problems);
  }
  if (versionNotice) session.showBanner('version', versionNotice);
}

/**
 * Mount the app on `target`. Reading the saved state and mounting each start
 * in a task of their own, after the one that evaluated the app's modules, so
 * that no single task blocks the page for long; the app then draws its first
 * screen in several more (see ui/layout/renderQueue.ts).
 */
export async function boot(target: HTMLElement): Promise<void> {
  await nextTask();
  const storage = browserStorage();
  const loaded = loadSaved(storage, APP_PRESETS, initialState());
  let hash = '';
  try {
    hash = location.hash;
  } catch {
    hash = '';
  }
  const start = startingState(hash, loaded.work.state);
  const store = new AppStore(start.state);
  const session = new Session(store, {
    storage,
    loaded,
    autosave: loaded.writable,
    baseUrl: () => pageAddress(location.href),
  });
  reportLink(session, start.problems, start.versionNotice, start.unread);
  if (loaded.problems.length) session.showBanner('saved', 'Your saved work could not be fully restored.', loaded.problems);

  const sync = new UrlSync(store, window, { onLinkRead: (problems, notice, unread) => reportLink(session, problems, notice, unread) });
  sync.start(start.source === 'link' && start.unread ? hash.replace(/^#/, '') : undefined);

  // Save a pending change before the page goes away; take saved scenarios written by other tabs.
  addEventListener('pagehide', () => session.pending && session.save());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && session.pending && session.save());
  addEventListener('storage', (e: StorageEvent) => {
    if (e.storageArea === storage) session.refreshFromStorage();
  });

  await nextTask();
  mount(App, { target, props: { store, session, staged: true } });
}
