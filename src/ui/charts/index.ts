/** Chart components and the types their props use. */
export { default as ChartFrame } from './ChartFrame.svelte';
export { default as FanChart } from './FanChart.svelte';
export { default as CompositeChart } from './CompositeChart.svelte';
export { default as EffectChart } from './EffectChart.svelte';
export { default as SectorMultiples } from './SectorMultiples.svelte';
export { default as CoverageChart } from './CoverageChart.svelte';
export { default as ActivityChart } from './ActivityChart.svelte';
export { default as ConfidenceChart } from './ConfidenceChart.svelte';
export { default as ReversalChart } from './ReversalChart.svelte';
export { default as SummaryCards } from './SummaryCards.svelte';
export { default as Waterfall } from './Waterfall.svelte';
export type { Overlay, Marker, Rule, Curve, FanLabels, TableExtra } from './fanChart';
export type { TableData, TableColumn } from './table';
