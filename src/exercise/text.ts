/**
 * Small pieces of the exercise's wording shared by the console, the player's
 * page and the after-action report. Nothing here imports a script or the
 * scenario parser, so the player's page stays small.
 */

/** A log sentence tidied: a title ending in "?" or "!" needs no full stop after it. */
export function tidy(sentence: string): string {
  return sentence.replace(/([?!])\.(\s|$)/g, '$1$2');
}

/**
 * A log entry's clock time, "14:05", in the facilitator's own time zone but
 * in the report's language: with the browser's locale an English report
 * showed "٠٨:١٦ م" under Arabic settings.
 */
export function clockTime(at: number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', hour12: false });
}

/**
 * How far a prediction was from what happened, to one decimal with its sign
 * ("+1.2", "−0.4"); one that rounds to zero is "spot on", never "−0.0".
 * The player view, the printed report and the Markdown report all say it so.
 */
export function predictionMiss(predicted: number, outcome: number): string {
  const r = Math.round((predicted - outcome) * 10) / 10;
  return r > 0 ? `+${r.toFixed(1)}` : r < 0 ? `−${(-r).toFixed(1)}` : 'spot on';
}
