/**
 * Entry point: mount the app, and make sure an error never leaves a blank
 * page. The app is imported dynamically so that even an error while its
 * modules load (say, a broken preset file) ends in a readable message.
 */
import { installGlobalErrorHandlers } from './state/notices.svelte';
import { whenSettled } from './ui/layout/settled';
import { installFocusRescue } from './ui/layout/focusRescue';
import { registerServiceWorker, updateNotice } from './ui/layout/offline';
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

const target = document.getElementById('app');
if (target) {
  try {
    const { boot } = await import('./boot');
    await boot(target);
  } catch (err) {
    console.error('Stand-Down could not start:', err);
    showStartupError(target, err);
  }
  // Once the first screen is complete: the worker's install fetches every file of the app.
  void registerServiceWorker(whenSettled(), updateNotice('Reloading keeps your saved work and the scenario on screen (it is in the link).'));
}
