/** What the benchmarks share: the preset grid and the median they report. */
import { INTERPRETATIONS, RESPONSE_IDS, type InterpretationId } from '../src/model/parameters';
import type { Scenario } from '../src/model/types';

export const GRID_MONTHS = 24;

/** The preset grid: 3 interpretations × 4 responses under the trigger policy, 24 months, and optionally the no-pause baseline. */
export function presetGrid({ baseline }: { baseline: boolean }): Scenario[] {
  const grid: Scenario[] = [];
  for (const interpretation of Object.keys(INTERPRETATIONS) as InterpretationId[]) {
    if (interpretation === 'none' && !baseline) continue;
    for (const response of interpretation === 'none' ? (['skeptic'] as const) : RESPONSE_IDS) {
      grid.push({
        id: `${interpretation}-${response}`, title: '', summary: '', quotes: [], interpretation, response,
        policy: { kind: 'trigger' }, horizonMonths: GRID_MONTHS, parameters: {}, injects: [],
      });
    }
  }
  return grid;
}

/** The median (the mean of the middle two when their number is even). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
