/** One real scenario through the real engine, computed once per test file. */
import { simulate } from '../../../src/model/simulate';
import { runEnsemble } from '../../../src/model/ensemble';
import type { EnsembleSummary, Run, Scenario } from '../../../src/model/types';

export const scenario: Scenario = {
  id: 't',
  title: 't',
  summary: '',
  quotes: [],
  interpretation: 'deprioritized',
  response: 'free-hits',
  policy: { kind: 'trigger' },
  horizonMonths: 24,
  parameters: {},
  injects: [],
};

let cached: { run: Run; summary: EnsembleSummary } | null = null;

/** The deterministic run and a 200-member ensemble of `scenario`. */
export function realResults(): { run: Run; summary: EnsembleSummary } {
  cached ??= { run: simulate(scenario), summary: runEnsemble(scenario, { runs: 200, seed: 'charts' }) };
  return cached;
}
