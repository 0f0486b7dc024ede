/**
 * The width of a chart's plot area, from a ResizeObserver only. Svelte's
 * `bind:clientWidth` also reads the width as soon as the element is mounted,
 * which forces the browser to lay out the whole page in the middle of the
 * first render (a third of its time); the observer reports the width right
 * after the browser's own layout, before the frame is painted.
 */
import type { Attachment } from 'svelte/attachments';

/** Whether widths can be observed (not in jsdom or very old browsers). */
export const canObserveSize = typeof ResizeObserver !== 'undefined';

let shared: ResizeObserver | null = null;
const listeners = new Map<Element, (width: number) => void>();

function observer(): ResizeObserver {
  shared ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      // The content box of the plot area (it has no padding or border), rounded like clientWidth.
      listeners.get(entry.target)?.(Math.round(entry.contentRect.width));
    }
  });
  return shared;
}

/** Calls `set` with the element's width whenever it changes (never during mount). */
export function observeWidth(set: (width: number) => void): Attachment<HTMLElement> {
  return (element) => {
    if (!canObserveSize) return;
    listeners.set(element, set);
    observer().observe(element);
    return () => {
      listeners.delete(element);
      shared?.unobserve(element);
    };
  };
}
