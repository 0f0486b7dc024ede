/**
 * The analysis jobs the worker (or the synchronous fallback) runs, and the
 * one function that runs them. The all-worlds ensemble of the signposts is
 * cached by its inputs, so editing observations or priors only reweighs it.
 */
import type { Scenario } from '../model/types';
import { POLICY_OPTION_IDS, runPolicyGrid, type PolicyGrid } from './policies';
import { computeTornado, rankParameters, type RankingData, type TornadoData } from './sensitivity';
import { buildSignpostEnsemble, signposts, type Observation, type SignpostEnsemble, type SignpostResult } from './signposts';
import type { WorldId } from './worlds';

/** Ensemble settings of a job (the app's seed and noise; a size chosen per tool). */
export interface JobEnsemble {
  runs: number;
  seed: string;
  noise: boolean;
}

export type AnalysisJob =
  | { kind: 'tornado'; scenario: Scenario }
  | { kind: 'ranking'; scenario: Scenario; ensemble: JobEnsemble; bins?: number }
  | {
      kind: 'signposts';
      scenario: Scenario;
      /** `runs` is the number of members per world. */
      ensemble: JobEnsemble;
      observations: Observation[];
      priors: Partial<Record<WorldId, number>>;
    }
  | {
      kind: 'policies';
      scenario: Scenario;
      ensemble: JobEnsemble;
      policies: string[];
      /** Only these worlds (a part of a grid split between workers); all when absent. */
      worlds?: WorldId[];
    };

export type AnalysisKind = AnalysisJob['kind'];

export interface AnalysisResults {
  tornado: TornadoData;
  ranking: RankingData;
  signposts: SignpostResult;
  policies: PolicyGrid;
}

export type JobOf<K extends AnalysisKind> = Extract<AnalysisJob, { kind: K }>;

export type AnalysisResult = { [K in AnalysisKind]: { kind: K; value: AnalysisResults[K] } }[AnalysisKind];

/** Runs jobs; keeps the last all-worlds ensemble for the signposts. */
export class AnalysisEngine {
  private cache: { key: string; ensemble: SignpostEnsemble } | null = null;

  run(job: AnalysisJob, onProgress?: (done: number, total: number) => void): AnalysisResult {
    switch (job.kind) {
      case 'tornado':
        return { kind: 'tornado', value: computeTornado(job.scenario) };
      case 'ranking': {
        const { runs, seed, noise } = job.ensemble;
        return { kind: 'ranking', value: rankParameters(job.scenario, { runs, seed, noise }, job.bins) };
      }
      case 'signposts': {
        const { runs, seed } = job.ensemble;
        const key = JSON.stringify([job.scenario, runs, seed]);
        if (this.cache?.key !== key) this.cache = { key, ensemble: buildSignpostEnsemble(job.scenario, { membersPerWorld: runs, seed }) };
        return { kind: 'signposts', value: signposts(this.cache.ensemble, job.observations, job.priors) };
      }
      case 'policies': {
        const { runs, seed } = job.ensemble;
        const ids = job.policies.length ? job.policies : POLICY_OPTION_IDS;
        // Expected values: Poisson noise has mean zero, so leaving it out gives the same
        // expectation with less sampling error (and half the work).
        return { kind: 'policies', value: runPolicyGrid(job.scenario, { runs, seed, noise: false }, ids, onProgress, job.worlds) };
      }
    }
  }
}
