/** View model of the adversary activity panels: one shared value domain. */
import type { EnsembleSummary, Run } from '../../model/types';
import { dataDomain } from './fanChart';

/** A domain from 0 that covers both panels and the pre-pause level 1, so they compare at a glance. */
export function activityDomain(run: Run, summary: EnsembleSummary | null): [number, number] {
  const series = (band: 'adversary' | 'criminal') => ({
    band: summary?.series[band] ?? null,
    expected: run[band],
    baseline: null,
    overlays: [],
  });
  const [, hiR] = dataDomain(series('adversary'), [0, 1]);
  const [, hiQ] = dataDomain(series('criminal'), [0, 1]);
  return [0, Math.max(hiR, hiQ, 1.5)];
}
