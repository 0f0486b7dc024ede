/** Public API of the Stand-Down engine (MODEL.md section 9). */
export { simulate } from './simulate';
export { runEnsemble } from './ensemble';
export { explain, type Explanation, type ExplanationPart } from './explain';
export { parseScenario, type ScenarioError } from '../scenario/parse';
export { ModelInputError } from './validate';
export * from './parameters';
export type * from './types';
