/**
 * Entry point: mount the app, and make sure an error never leaves a blank
 * page. The app is imported dynamically so that even an error while its
 * modules load (say, a broken preset file) ends in a readable message.
 */
import { installGlobalErrorHandlers } from './state/notices.svelte';
import { whenSettled } from './ui/layout/settled';
import { installFocusRescue } from './ui/layout/focusRescue';
import './app.css';

installGlobalErrorHandlers();
installFocusRescue();

/** Say in plain text that the app could not start (no markup from the error). */
function showStartupError(target: HTMLElement, err: unknown): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.className = 'startup-error';
  const title = document.createElement('h1');
  title.textContent = 'Stand-Down could not start';
  const text = document.createElement('p');
  text.textContent = `Error: ${err instanceof Error ? err.message : String(err)}. Try reloading the page.`;
  const note = document.createElement('p');
  note.textContent = 'Stand-Down is a teaching model, not a forecast; it runs entirely in your browser.';
  box.append(title, text, note);
  target.replaceChildren(box);
}

/**
 * Work offline after the first visit: the service worker keeps the app's
 * files. Only built apps have one (build/offline-plugins.ts sets
 * VITE_SERVICE_WORKER), and only pages served over http(s) register it.
 * Registered once the first screen is complete and the page is idle: its
 * install fetches every file of the app (see ui/layout/settled.ts).
 */
async function registerServiceWorker(): Promise<void> {
  const script = import.meta.env.VITE_SERVICE_WORKER as string | undefined;
  if (!script || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  await whenSettled();
  await new Promise<void>((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout: 2000 }) : setTimeout(resolve, 0)));
  navigator.serviceWorker.register(script, { scope: './' }).catch((err) => {
    console.warn('Stand-Down will not work offline:', err);
  });
}

const target = document.getElementById('app');
if (target) {
  try {
    const { boot } = await import('./boot');
    await boot(target);
  } catch (err) {
    console.error('Stand-Down could not start:', err);
    showStartupError(target, err);
  }
  void registerServiceWorker();
}
