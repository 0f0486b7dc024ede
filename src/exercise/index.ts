/**
 * Tabletop-exercise mode, pure core: exercise scripts, the session state
 * machine, player and facilitator view models, the decision log and the
 * after-action report. No DOM, no Svelte, no clock: the UI passes `now`.
 */
export * from './script';
export * from './session';
export * from './views';
export * from './report';
export * from './validate';
