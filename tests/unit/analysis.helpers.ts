/** Shared fixtures of the analysis unit tests. */
import type { Scenario } from '../../src/model/types';

export function scenario(over: Partial<Scenario> = {}): Scenario {
  return {
    id: 't', title: 't', summary: '', quotes: [], interpretation: 'deprioritized', response: 'free-hits',
    policy: { kind: 'trigger' }, horizonMonths: 24, parameters: {}, injects: [], ...over,
  };
}
