/**
 * The DOM side of exports: turning a chart's <svg> into a standalone SVG
 * (styles inlined as presentation attributes, CSS variables resolved, the
 * interactive cursor dropped, a caption added) and into a PNG (drawn to a
 * canvas from a Blob URL: no request leaves the page), and downloading files.
 */
import { getContext, setContext } from 'svelte';
import { buildExportSvg, captionLines, exportFileName, type ExportContext } from '../../share/export';

/** Style properties copied from the page onto the exported SVG's elements. */
const PROPERTIES = [
  'fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'stroke-linecap', 'stroke-linejoin',
  'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility',
  // A halo (stroke painted under the fill) would otherwise cover its text in the export.
  'paint-order',
] as const;

/** A copy of the chart's SVG with every element's computed style written as attributes. */
export function inlineStyledClone(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const source = [svg, ...svg.querySelectorAll('*')];
  const target = [clone, ...clone.querySelectorAll('*')];
  const drop: Element[] = [];
  source.forEach((el, i) => {
    const copy = target[i];
    if (!copy) return;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || el.classList.contains('sd-cursor-layer')) {
      drop.push(copy);
      return;
    }
    for (const p of PROPERTIES) {
      const v = cs.getPropertyValue(p);
      if (v) copy.setAttribute(p, v);
    }
    copy.removeAttribute('class');
    copy.removeAttribute('style');
    copy.removeAttribute('tabindex');
  });
  for (const el of drop) el.remove();
  const box = svg.getBoundingClientRect();
  const vb = svg.viewBox?.baseVal;
  const width = box.width || vb?.width || 640;
  const height = box.height || vb?.height || 280;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

/** The chart as a standalone SVG document with its caption. */
export function chartSvg(svg: SVGSVGElement, chartTitle: string, ctx: ExportContext): { text: string; width: number; height: number } {
  const { markup, width, height } = inlineStyledClone(svg);
  const root = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
  const lines = captionLines(chartTitle, ctx, Math.max(60, Math.floor(width / 6.2)));
  const text = buildExportSvg({
    chart: markup,
    width,
    height,
    lines,
    background: css('--chart-bg', '#ffffff'),
    textColor: css('--chart-text', '#1b1b1b'),
    fontFamily: getComputedStyle(svg).fontFamily || 'sans-serif',
  });
  return { text, width, height: height + lines.length * 15 + 14 };
}

/** Draw an SVG document to a PNG at `scale` times its size. */
export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const g = canvas.getContext('2d');
    if (!g) throw new Error('this browser cannot draw to a canvas');
    g.scale(scale, scale);
    g.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the image could not be encoded as PNG'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Save a file through the browser's download (a Blob URL; nothing is uploaded). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save text as a file. */
export function downloadText(text: string, fileName: string, type: string): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

/** Export one chart as SVG or PNG. Returns the file name. */
export async function exportChart(svg: SVGSVGElement, chartTitle: string, ctx: ExportContext, kind: 'svg' | 'png'): Promise<string> {
  const doc = chartSvg(svg, chartTitle, ctx);
  const name = exportFileName(`${chartTitle} ${ctx.title}`, ctx.date, kind);
  if (kind === 'svg') downloadText(doc.text, name, 'image/svg+xml');
  else downloadBlob(await svgToPng(doc.text, doc.width, doc.height), name);
  return name;
}

// ───────────── context: charts find the export provenance here ─────────────

const EXPORT_KEY = Symbol('stand-down chart export');

/** What charts need to export themselves: the provenance of the current view. */
export interface ChartExportSource {
  context: () => ExportContext;
}

/** Let every chart below the caller offer PNG and SVG downloads. */
export function provideChartExport(source: ChartExportSource): void {
  setContext(EXPORT_KEY, source);
}

/** The export source, or undefined when charts are shown without one (chart tests). */
export function useChartExport(): ChartExportSource | undefined {
  return getContext<ChartExportSource | undefined>(EXPORT_KEY);
}
