/** Countdown text for module timeboxes: "12:34 left", "Over by 1:05". */

/** Whole seconds of a duration as "m:ss", or "h:mm:ss" from an hour up. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** How a timebox stands: time to spare, the last two minutes, or over. */
export type TimerState = 'ok' | 'low' | 'over';

export function timerState(remainingMs: number): TimerState {
  if (remainingMs < 0) return 'over';
  return remainingMs <= 120_000 ? 'low' : 'ok';
}

/**
 * The countdown as words. Time left is rounded up, so "0:00 left" appears
 * only at the end; once over, the overrun is counted up.
 */
export function timerText(remainingMs: number): string {
  if (remainingMs < 0) return `Over by ${formatDuration(remainingMs)}`;
  return `${formatDuration(Math.ceil(remainingMs / 1000) * 1000)} left`;
}

/** Time left on a timer that was `remainingMs` at `sentAt` and may be running since. */
export function remainingAt(remainingMs: number, running: boolean, sentAt: number | null, now: number): number {
  return running && sentAt !== null ? remainingMs - Math.max(0, now - sentAt) : remainingMs;
}
