/**
 * Renders the first screen in several short main-thread tasks instead of one
 * long one. Parts of the page that are not needed for the first paint (the
 * scenario controls, the key numbers, charts further down) ask to be shown
 * through a RenderQueue; the queue shows one of them per task, in the order
 * asked (lower `priority` first), and lets the browser paint and handle input
 * in between. A long first render is what Lighthouse counts as blocking time,
 * and what makes a click during start-up wait.
 *
 * Deferred parts use the queue only while the app starts (`starting`); once
 * the first screen is complete they render at once, as they always did.
 * Charts that scroll into view keep using it, so that several of them are
 * still drawn one per task.
 *
 * Without a queue in the context (component tests, pages mounted in one go)
 * every part is shown at once.
 */
import { getContext, setContext } from 'svelte';

/** Resolves in a later task, after the browser has had a turn. */
export type Yielder = () => Promise<void>;

/** Resolve in a new task (a message is not clamped like a nested setTimeout). */
export function nextTask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Resolve after the next frame has been drawn (so what is already mounted is
 * painted first), or after `fallbackMs` where frames are not drawn (a hidden tab).
 */
export function afterPaint(fallbackMs = 100): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(finish, fallbackMs);
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => void nextTask().then(finish));
  });
}

interface Waiting {
  show: () => void;
  priority: number;
  seq: number;
}

export class RenderQueue {
  #waiting: Waiting[] = [];
  #seq = 0;
  #running = false;
  #painted = false;
  #starting: boolean;
  #idle: (() => void)[] = [];

  /**
   * @param immediate show every part at once (no queue)
   * @param firstYield how to wait before the first queued part (default: until the first frame is drawn)
   * @param yielder how to wait between parts (default: a new task)
   */
  constructor(
    readonly immediate = false,
    private readonly firstYield: Yielder = afterPaint,
    private readonly yielder: Yielder = nextTask,
  ) {
    this.#starting = !immediate;
  }

  /** True until the parts asked for while the app started have all been shown. */
  get starting(): boolean {
    return this.#starting;
  }

  /** Ask for `show` to be called in a later task; returns a function that withdraws the request. */
  enqueue(show: () => void, priority = 0): () => void {
    if (this.immediate) {
      show();
      return () => {};
    }
    const entry: Waiting = { show, priority, seq: this.#seq++ };
    this.#waiting.push(entry);
    if (!this.#running) void this.#pump();
    return () => {
      const i = this.#waiting.indexOf(entry);
      if (i >= 0) this.#waiting.splice(i, 1);
    };
  }

  /** Resolves once the parts asked for while the app started have been shown (at once when that is done). */
  started(): Promise<void> {
    if (!this.#starting) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.#idle.push(resolve));
    // With nothing asked for yet, the start ends after the first paint.
    if (!this.#running) void this.#pump();
    return done;
  }

  /** Parts still waiting. */
  get pending(): number {
    return this.#waiting.length;
  }

  async #pump(): Promise<void> {
    this.#running = true;
    try {
      // Wait before each part and once more after the last: showing a part
      // may mount further parts that ask to be shown.
      for (;;) {
        await (this.#painted ? this.yielder() : this.firstYield());
        this.#painted = true;
        if (!this.#waiting.length) break;
        let best = 0;
        for (let i = 1; i < this.#waiting.length; i++) {
          const a = this.#waiting[i];
          const b = this.#waiting[best];
          if (a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq)) best = i;
        }
        const [next] = this.#waiting.splice(best, 1);
        try {
          // A user-timing mark per part lets a trace say which part filled a long task.
          performance.mark?.(`render-queue ${next.seq} p${next.priority}`);
          next.show();
        } catch (err) {
          console.error('Stand-Down could not show part of the page:', err);
        }
      }
    } finally {
      this.#running = false;
      this.#starting = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }
}

const KEY = Symbol('render-queue');
const IMMEDIATE = new RenderQueue(true);

/** Make `queue` the render queue of this component's descendants. */
export function provideRenderQueue(queue: RenderQueue): RenderQueue {
  setContext(KEY, queue);
  return queue;
}

/** The render queue in the context, else one that shows everything at once. */
export function useRenderQueue(): RenderQueue {
  return getContext<RenderQueue | undefined>(KEY) ?? IMMEDIATE;
}
