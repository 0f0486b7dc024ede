/** Messages between the app and the ensemble worker. */
import type { EnsembleOptions, EnsembleSummary, Scenario } from '../model/types';

export interface EnsembleRequest {
  id: number;
  scenario: Scenario;
  options: EnsembleOptions;
}

export type WorkerReply =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'result'; summary: EnsembleSummary; ms: number }
  | { id: number; kind: 'error'; message: string };
