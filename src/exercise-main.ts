/**
 * Entry point of the tabletop-exercise page (exercise.html): the
 * facilitator's console, or with `#role=player` the projector's view. An
 * error while starting ends in a readable message, never a blank page.
 */
import { mount } from 'svelte';
import './app.css';
import { parseExerciseHash } from './ui/exercise/hash';
import { installFocusRescue } from './ui/layout/focusRescue';
import { registerServiceWorker, updateNotice } from './ui/layout/offline';

installFocusRescue();

/** Say in plain text that the page could not start (no markup from the error). */
function showStartupError(target: HTMLElement, err: unknown): void {
  const box = document.createElement('div');
  box.setAttribute('role', 'alert');
  box.className = 'startup-error';
  const title = document.createElement('h1');
  title.textContent = 'The Stand-Down exercise could not start';
  const text = document.createElement('p');
  text.textContent = `Error: ${err instanceof Error ? err.message : String(err)}. Try reloading the page.`;
  box.append(title, text);
  target.replaceChildren(box);
}

const target = document.getElementById('app');
if (target) {
  try {
    const { default: ExerciseApp } = await import('./ui/exercise/ExerciseApp.svelte');
    target.replaceChildren();
    mount(ExerciseApp, { target, props: { hash: location.hash } });
  } catch (err) {
    console.error('The Stand-Down exercise could not start:', err);
    showStartupError(target, err);
  }
  // A link pasted into this tab changes only the fragment: start again from it.
  // (In-page anchors such as the skip link change the fragment too; they are not links to follow.)
  const { role } = parseExerciseHash(location.hash);
  // Offline too for a facilitator who only ever opens this page; the projector's window shows no notice.
  void registerServiceWorker(
    new Promise((resolve) => setTimeout(resolve, 1000)),
    role === 'player' ? null : updateNotice('Reloading continues from the exercise\'s autosave; if the console says it is not autosaving, copy the facilitator link first.'),
  );
  window.addEventListener('hashchange', () => {
    const next = parseExerciseHash(location.hash);
    if (next.role !== role || next.x !== null) location.reload();
  });
}
