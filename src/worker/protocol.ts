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

/** A request to the analysis worker (src/worker/analysis.worker.ts). */
export interface AnalysisRequest {
  id: number;
  job: import('../analysis/jobs').AnalysisJob;
}

export type AnalysisReply =
  | { id: number; kind: 'progress'; done: number; total: number }
  | { id: number; kind: 'result'; result: import('../analysis/jobs').AnalysisResult; ms: number }
  | { id: number; kind: 'error'; message: string };
