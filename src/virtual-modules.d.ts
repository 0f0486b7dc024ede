/** Presets parsed at build time (build/presets-plugin.ts). */
declare module 'virtual:stand-down-presets' {
  import type { PresetCollection } from './scenario/load';
  const collection: PresetCollection;
  export default collection;
}
