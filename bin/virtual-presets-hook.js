/** Node module hook: resolves `virtual:stand-down-presets` to the presets parsed by bin/stand-down.js. */
let url = '';

export function initialize(data) {
  url = `data:text/javascript;charset=utf-8,${encodeURIComponent(data.source)}`;
}

export async function resolve(specifier, context, next) {
  if (specifier === 'virtual:stand-down-presets') return { url, shortCircuit: true };
  return next(specifier, context);
}
