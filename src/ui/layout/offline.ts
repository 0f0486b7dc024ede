/**
 * Working offline, and moving to a new version. The service worker
 * (build/offline-plugins.ts) keeps the app's files; a new build's worker
 * waits while any tab of the old one is open, so nothing changes under a
 * person's feet. Each page registers it (the app and the exercise page: a
 * facilitator may only ever open the latter) and says when a new version
 * is ready, with a button to reload into it now.
 */

/** What a page tells the person; `reload` moves to the new version. */
export type UpdateKind = 'ready' | 'elsewhere';
export type ShowUpdate = (kind: UpdateKind, reload: () => void) => void;

/** The parts of the browser's service-worker API this uses (a fake in tests). */
export interface WorkerContainer extends EventTarget {
  readonly controller: unknown;
}
/** A service worker as far as this goes: its state, and events when it changes. */
type WorkerState = EventTarget & { readonly state: string };
export interface WorkerRegistration extends EventTarget {
  readonly waiting: { postMessage(message: unknown): void } | null;
  readonly installing: WorkerState | null;
}

/**
 * Call `show` when a new version is ready for this page ('ready'), or when
 * one took over from another tab's "Reload now" ('elsewhere': this tab
 * still runs the old code, whose files are gone from the cache).
 */
export function watchForUpdate(container: WorkerContainer, registration: WorkerRegistration, show: ShowUpdate, reload: () => void): void {
  // The first install takes over a page that had no worker: that is not an update.
  let controlled = container.controller != null;
  let asked = false;
  const apply = () => {
    asked = true;
    const waiting = registration.waiting;
    // Already active (another tab asked first): the files are in place, so reload now.
    if (waiting) waiting.postMessage('skip-waiting');
    else reload();
  };
  const offer = () => {
    if (registration.waiting && container.controller != null) show('ready', apply);
  };
  const track = (worker: WorkerState | null) =>
    worker?.addEventListener('statechange', () => {
      if (worker.state === 'installed') offer();
    });
  offer();
  // The browser looks for a new version as the page opens, before this is attached: one may be installing already.
  track(registration.installing);
  registration.addEventListener('updatefound', () => track(registration.installing));
  container.addEventListener('controllerchange', () => {
    if (asked) return reload();
    if (!controlled) {
      controlled = true;
      return;
    }
    show('elsewhere', reload);
  });
}

const TEXT: Record<UpdateKind, string> = {
  ready: 'A new version of Stand-Down is ready.',
  elsewhere: 'Stand-Down was updated in another tab; this tab still runs the version before.',
};

/**
 * The notice, in plain DOM (the exercise page and the app share it, and it
 * must work whatever state the page is in). `kept` says what a reload keeps.
 */
export function updateNotice(kept: string): ShowUpdate {
  let box: HTMLElement | null = null;
  return (kind, reload) => {
    box?.remove();
    box = document.createElement('div');
    box.className = 'update-notice no-print';
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', 'New version');
    const text = document.createElement('p');
    text.setAttribute('role', 'status');
    // Filled once the region is in the page: text inserted with its live region is often not read out.
    setTimeout(() => (text.textContent = `${TEXT[kind]} ${kept}`), 100);
    const now = document.createElement('button');
    now.type = 'button';
    now.className = 'primary';
    now.textContent = 'Reload now';
    now.addEventListener('click', () => {
      now.disabled = true;
      reload();
    });
    const later = document.createElement('button');
    later.type = 'button';
    later.className = 'secondary';
    later.textContent = 'Later';
    // Where focus was before the person moved into the notice: it goes back there when the notice closes.
    let before: Element | null = null;
    const close = () => {
      const inside = box?.contains(document.activeElement) ?? false;
      box?.remove();
      box = null;
      if (inside && before instanceof HTMLElement && before.isConnected) before.focus();
    };
    later.addEventListener('click', close);
    box.addEventListener('focusin', (e) => {
      if (!box?.contains(e.relatedTarget as Node | null)) before = e.relatedTarget as Element | null;
    });
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') close();
    });
    box.append(text, now, later);
    document.body.append(box);
  };
}

/**
 * Register the worker once `ready` resolves (its install fetches every file
 * of the app: see ui/layout/settled.ts), and watch for new versions. Only
 * built apps have one (build/offline-plugins.ts sets VITE_SERVICE_WORKER),
 * and only pages served over http(s) register it. `show` null: say nothing
 * (the projector's window, which an audience sees).
 */
export async function registerServiceWorker(ready: Promise<unknown>, show: ShowUpdate | null): Promise<void> {
  const script = import.meta.env.VITE_SERVICE_WORKER as string | undefined;
  if (!script || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  await ready;
  await new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 0)));
  try {
    const registration = await navigator.serviceWorker.register(script, { scope: './' });
    if (!show) return;
    watchForUpdate(navigator.serviceWorker, registration, show, () => location.reload());
    // A tab left open for days (a classroom's, a console's) looks again each time it is shown.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') registration.update().catch(() => undefined);
    });
  } catch (err) {
    console.warn('Stand-Down will not work offline:', err);
  }
}
