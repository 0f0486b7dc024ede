/**
 * The DOM side of exports: turning a chart's <svg> into a standalone SVG
 * (styles inlined as presentation attributes, CSS variables resolved, the
 * interactive cursor dropped, a caption added) and into a PNG (drawn to a
 * canvas from a Blob URL: no request leaves the page), and downloading files.
 */
import { getContext, setContext } from 'svelte';
import { buildExportSvg, CAPTION_FONT_SIZE, captionLines, escapeXml, exportFileName, type ExportContext } from '../../share/export';
import { estimateTextWidth, textMeasurer } from '../charts/textWidth';

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

/** Caption text starts 8 px from the image's left edge; keep as much room on the right. */
const CAPTION_INSET = 8;

/** Width of a caption line in px; `bold` for the first line (the title), which buildExportSvg sets in bold. */
export type CaptionWidth = (text: string, bold: boolean) => number;

/** Caption line widths measured on a canvas in the caption's font, or the wide estimate where there is no canvas. */
export function captionMeasurer(fontFamily: string): CaptionWidth {
  const regular = textMeasurer(`${CAPTION_FONT_SIZE}px ${fontFamily}`);
  const bold = textMeasurer(`700 ${CAPTION_FONT_SIZE}px ${fontFamily}`);
  return (text, isBold) => {
    const m = isBold ? bold : regular;
    return m ? m(text) : estimateTextWidth(text, CAPTION_FONT_SIZE, isBold);
  };
}

/** Break one line into pieces no wider than `room` px: at spaces where possible, anywhere inside a long word (a link). */
function wrapToWidth(text: string, room: number, widthOf: (t: string) => number): string[] {
  const out: string[] = [];
  let line = '';
  const push = (piece: string) => {
    // Characters one by one onto the current line, starting a new one when the next would not fit.
    for (const ch of piece) {
      if (line && widthOf(line + ch) > room) {
        out.push(line);
        line = '';
      }
      line += ch;
    }
  };
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate) <= room) line = candidate;
    else if (widthOf(word) <= room) {
      if (line) out.push(line);
      line = word;
    } else {
      if (line) line += ' ';
      push(word);
    }
  }
  if (line) out.push(line);
  return out;
}

/**
 * The caption lines for an image `width` px wide, none wider than the image
 * (less its margins): the most characters a line that captionLines wraps
 * may hold such that every line fits, then any line that still does not
 * fit (one captionLines does not wrap) broken by its measured width.
 */
export function fitCaptionLines(chartTitle: string, ctx: ExportContext, width: number, widthOf: CaptionWidth): string[] {
  const room = Math.max(40, width - 2 * CAPTION_INSET);
  const fits = (lines: string[]) => lines.every((l, i) => widthOf(l, i === 0) <= room);
  // The widest character is about one em: a line of room / em characters always fits.
  let lo = Math.max(8, Math.floor(room / CAPTION_FONT_SIZE / 1.2));
  let hi = Math.max(lo, Math.ceil(room / 2));
  const at = (chars: number) => captionLines(chartTitle, ctx, chars);
  // captionLines leaves one line (the provenance) unwrapped: judge only the lines it wraps, by the longest that fits.
  const wrappedFit = (chars: number) => {
    const lines = at(chars);
    return fits(lines.slice(0, -1));
  };
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (wrappedFit(mid)) lo = mid;
    else hi = mid - 1;
  }
  return at(lo).flatMap((line, i) => (widthOf(line, i === 0) <= room ? [line] : wrapToWidth(line, room, (t) => widthOf(t, i === 0))));
}

/** Legend rows' height, and a swatch's size, in px. */
const LEGEND_ROW = 16;
const SWATCH = { width: 26 };

/**
 * The chart's legend (an HTML list beside the <svg>: the figure's own, or its
 * group's for small multiples) as SVG markup: each entry's swatch, styles
 * inlined, and its label, in rows no wider than `width`. Without it an
 * exported image could not tell its median from its expected path.
 */
export function legendSvg(svg: SVGSVGElement, width: number, widthOf: (text: string) => number): { markup: string; height: number } | undefined {
  // The chart's own figure's legend, or for a small multiple its group's; never a neighbouring chart's.
  const list = svg.closest('figure')?.querySelector('.sd-legend') ?? svg.closest('.sd-multiples')?.querySelector(':scope > .sd-legend');
  const items = list ? Array.from(list.querySelectorAll('li')) : [];
  if (!items.length) return undefined;
  const room = Math.max(40, width - 16);
  let x = 0;
  let y = 0;
  const parts: string[] = [];
  for (const li of items) {
    const swatch = li.querySelector('svg');
    const label = (li.textContent ?? '').trim();
    const w = (swatch ? SWATCH.width + 6 : 0) + widthOf(label) + 14;
    if (x > 0 && x + w > room) {
      x = 0;
      y += LEGEND_ROW;
    }
    if (swatch) parts.push(`<g class="swatch" transform="translate(${Math.round(x)} ${y})">${inlineStyledClone(swatch as SVGSVGElement).markup}</g>`);
    parts.push(`<text x="${Math.round(x + (swatch ? SWATCH.width + 6 : 0))}" y="${y + 10}">${escapeXml(label)}</text>`);
    x += w;
  }
  return { markup: parts.join(''), height: y + LEGEND_ROW + 6 };
}

/** The chart as a standalone SVG document with its legend and caption. */
export function chartSvg(svg: SVGSVGElement, chartTitle: string, ctx: ExportContext): { text: string; width: number; height: number } {
  const { markup, width, height } = inlineStyledClone(svg);
  const root = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => root.getPropertyValue(name).trim() || fallback;
  const fontFamily = getComputedStyle(svg).fontFamily || 'sans-serif';
  const measure = captionMeasurer(fontFamily);
  const lines = fitCaptionLines(chartTitle, ctx, width, measure);
  const legend = legendSvg(svg, width, (t) => measure(t, false));
  const text = buildExportSvg({
    chart: markup,
    width,
    height,
    lines,
    background: css('--chart-bg', '#ffffff'),
    textColor: css('--chart-text', '#1b1b1b'),
    fontFamily,
    legend,
  });
  return { text, width, height: height + (legend ? Math.round(legend.height) : 0) + lines.length * 15 + 14 };
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
  downloadBlob(new Blob([csvForSpreadsheets(text, type)], { type }), fileName);
}

/**
 * A CSV download starts with a UTF-8 byte-order mark: without it Excel reads
 * the file as Windows-1252 and shows "Â·" for "·" and "â€“" for "–". Other
 * text is left as it is; so is CSV written by the command line to a pipe.
 */
export function csvForSpreadsheets(text: string, type: string): string {
  return type.startsWith('text/csv') && !text.startsWith('\uFEFF') ? `\uFEFF${text}` : text;
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

/**
 * Narrow the export source for the charts below the caller: refuse (with
 * `stale`'s reason) while what they draw is not yet the current settings'
 * result, and say what they were computed from where that is not the app's
 * ensemble (the Analyse tools' own runs, Compare's pins).
 */
export function provideChartExportFor(scope: { stale: () => string | null; computedFrom?: () => string | undefined }): void {
  const parent = useChartExport();
  if (!parent) return;
  provideChartExport({
    context: () => {
      const why = scope.stale();
      if (why) throw new Error(why);
      const ctx = parent.context();
      const from = scope.computedFrom?.();
      return from ? { ...ctx, assumptions: { ...ctx.assumptions, computedFrom: from } } : ctx;
    },
  });
}

/** The export source, or undefined when charts are shown without one (chart tests). */
export function useChartExport(): ChartExportSource | undefined {
  return getContext<ChartExportSource | undefined>(EXPORT_KEY);
}
