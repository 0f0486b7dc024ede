/** Public API of the analyst tools: sensitivity, signposts, policy comparison, their settings and runner. */
export * from './metrics';
export * from './worlds';
export { memberMetrics, stepMembers, withConstant, type MemberTotals, type StepOptions } from './members';
export * from './sensitivity';
export * from './signposts';
export * from './policies';
export * from './settings';
export { AnalysisEngine, type AnalysisJob, type AnalysisKind, type AnalysisResult, type AnalysisResults, type JobEnsemble, type JobOf } from './jobs';
export { SyncAnalysisRunner, WorkerAnalysisRunner, createAnalysisRunner, type AnalysisCallbacks, type AnalysisRunner } from './runner';
