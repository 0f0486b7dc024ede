/**
 * Entry point: mount the app, and make sure an error never leaves a blank
 * page. The app is imported dynamically so that even an error while its
 * modules load (say, a broken preset file) ends in a readable message.
 */
import { mount } from 'svelte';
import { installGlobalErrorHandlers } from './state/notices.svelte';
import './app.css';

installGlobalErrorHandlers();

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
    const { default: App } = await import('./App.svelte');
    mount(App, { target });
  } catch (err) {
    console.error('Stand-Down could not start:', err);
    showStartupError(target, err);
  }
}
