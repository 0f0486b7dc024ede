/**
 * The width of a chart's plot area, from a ResizeObserver only. Svelte's
 * `bind:clientWidth` also reads the width as soon as the element is mounted,
 * which forces the browser to lay out the whole page in the middle of the
 * first render (a third of its time); the observer reports the width right
 * after the browser's own layout, before the frame is painted.
 */
import { flushSync } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/** Whether widths can be observed (not in jsdom or very old browsers). */
export const canObserveSize = typeof ResizeObserver !== 'undefined';

let shared: ResizeObserver | null = null;
const listeners = new Map<Element, (width: number) => void>();
/** Each chart's width on screen, to give back after printing. */
const screenWidth = new Map<Element, number>();

/**
 * Widest a chart is drawn for print. A chart drawn for a wide screen and
 * scaled down to the page printed its labels at 4–5 pt; drawn at about the
 * page's width, they print at about the size they have on screen.
 */
export const PRINT_WIDTH = 680;
let printing = false;

function drawAll(width: (element: Element) => number): void {
  // Synchronously: the browser lays the page out for print as soon as the beforeprint handlers return.
  flushSync(() => {
    for (const [element, set] of listeners) set(width(element));
  });
}

function onBeforePrint(): void {
  printing = true;
  drawAll((el) => Math.min(screenWidth.get(el) ?? PRINT_WIDTH, PRINT_WIDTH));
}

function onAfterPrint(): void {
  printing = false;
  drawAll((el) => screenWidth.get(el) ?? PRINT_WIDTH);
}

function observer(): ResizeObserver {
  if (!shared) {
    window.addEventListener('beforeprint', onBeforePrint);
    window.addEventListener('afterprint', onAfterPrint);
  }
  shared ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      // The content box of the plot area (it has no padding or border), rounded like clientWidth.
      const width = Math.round(entry.contentRect.width);
      if (!printing) screenWidth.set(entry.target, width);
      listeners.get(entry.target)?.(printing ? Math.min(width, PRINT_WIDTH) : width);
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
      screenWidth.delete(element);
      shared?.unobserve(element);
    };
  };
}
