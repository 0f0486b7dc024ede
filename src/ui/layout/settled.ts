/**
 * "The first screen is complete": its parts are drawn and the first ensemble
 * is on the charts. Work the page does not need for that (installing the
 * offline copy, which fetches and stores every file of the app) waits for it,
 * so that it does not compete with the first render for the CPU: on a
 * two-core machine the service worker's install took about half as much CPU
 * as the page's own main thread while the page started (measured in a trace).
 */
let resolveSettled: () => void = () => {};
const settled = new Promise<void>((resolve) => (resolveSettled = resolve));

/** Called once the first ensemble has been drawn (later calls do nothing). */
export function markSettled(): void {
  resolveSettled();
}

/** Resolves when the first screen is complete, or after `timeoutMs` whatever happens (a failed run, a hidden tab). */
export function whenSettled(timeoutMs = 15_000): Promise<void> {
  return Promise.race([settled, new Promise<void>((resolve) => setTimeout(resolve, timeoutMs))]);
}
