/** The benchmarks' preset grid: 3 interpretations × 4 responses under the trigger policy, 24 months, and optionally the no-pause baseline. */
import { INTERPRETATIONS, RESPONSE_IDS, type InterpretationId } from '../src/model/parameters';
import type { Scenario } from '../src/model/types';

export const GRID_MONTHS = 24;

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
