/**
 * A part of a component drawn after the rest of it: at once normally, but
 * while the app starts in a later task of the render queue (renderQueue.ts),
 * asked for once the first part is on the page. Create it while the
 * component initialises.
 */
import { onDestroy } from 'svelte';
import { useRenderQueue } from './renderQueue';

export class Later {
  /** Whether the part may be drawn. */
  on = $state(false);
  #asked = false;
  #withdraw: (() => void) | null = null;
  #queue = useRenderQueue();

  constructor(private readonly priority = -1) {
    this.on = !this.#queue.starting;
    onDestroy(() => this.#withdraw?.());
  }

  /** Ask for the part (the first call counts); e.g. from an attachment on the first part. */
  ask = (): void => {
    if (this.on || this.#asked) return;
    this.#asked = true;
    this.#withdraw = this.#queue.enqueue(() => (this.on = true), this.priority);
  };
}
