/**
 * How wide a line of text is, in px: measured on a canvas where the page can
 * (the browser's own fonts), else estimated from per-character widths of
 * DejaVu Sans, one of the widest common sans-serif fonts, so that the
 * estimate errs wide. Labels laid out with either do not run off a chart.
 */

/** Advance widths of DejaVu Sans in em, for the printable ASCII characters from space (32) to "~" (126). */
// prettier-ignore
const ASCII_EM = [
  0.318, 0.401, 0.460, 0.838, 0.636, 0.950, 0.780, 0.275, 0.390, 0.390, 0.500, 0.838, 0.318, 0.361, 0.318, 0.337, // space … /
  0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, 0.636, // 0 … 9
  0.337, 0.337, 0.838, 0.838, 0.838, 0.531, 1.000, // : … @
  0.684, 0.686, 0.698, 0.770, 0.632, 0.575, 0.775, 0.752, 0.295, 0.295, 0.656, 0.557, 0.863, // A … M
  0.748, 0.787, 0.603, 0.787, 0.695, 0.635, 0.611, 0.732, 0.684, 0.989, 0.685, 0.611, 0.685, // N … Z
  0.390, 0.337, 0.390, 0.838, 0.500, 0.500, // [ … `
  0.613, 0.635, 0.550, 0.635, 0.615, 0.352, 0.635, 0.634, 0.278, 0.278, 0.579, 0.278, 0.974, // a … m
  0.634, 0.612, 0.635, 0.635, 0.411, 0.521, 0.392, 0.634, 0.592, 0.818, 0.592, 0.592, 0.525, // n … z
  0.636, 0.337, 0.636, 0.838, // { … ~
];

/** Margin over the table, for fonts a little wider than DejaVu Sans at some characters. */
const SAFETY = 1.06;
/** Bold text is wider. */
const BOLD = 1.12;

/** An estimate of the width of `text` in px at `fontSize` px that errs wide (characters outside ASCII count 1 em). */
export function estimateTextWidth(text: string, fontSize: number, bold = false): number {
  let em = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    em += c >= 32 && c <= 126 ? ASCII_EM[c - 32] : 1;
  }
  return em * fontSize * SAFETY * (bold ? BOLD : 1);
}

let context: CanvasRenderingContext2D | null | undefined;

function canvasContext(): CanvasRenderingContext2D | null {
  if (context !== undefined) return context;
  context = null;
  // jsdom has a canvas element without a 2D context (and complains when asked for one).
  if (typeof document === 'undefined' || typeof navigator === 'undefined' || /jsdom/i.test(navigator.userAgent)) return context;
  try {
    context = document.createElement('canvas').getContext('2d');
  } catch {
    context = null;
  }
  return context;
}

/**
 * A function measuring text in the CSS `font` (e.g. "700 11px system-ui"),
 * or null where text cannot be measured (no DOM, no canvas, a font the
 * canvas does not accept).
 */
export function textMeasurer(font: string): ((text: string) => number) | null {
  const g = canvasContext();
  if (!g) return null;
  g.font = '10px serif';
  const before = g.font;
  g.font = font;
  // An invalid font string is ignored: the canvas would measure in 10px serif.
  if (g.font === before && !/^10px serif$/i.test(font.trim())) return null;
  const accepted = g.font;
  return (text) => {
    g.font = accepted;
    return g.measureText(text).width;
  };
}

let chartMeasure: ((text: string) => number) | null | undefined;

/**
 * Width of the charts' SVG text (0.75 rem in the chart font, as
 * chart-theme.css sets it): measured where possible, else the wide estimate.
 */
export function chartTextWidth(text: string): number {
  if (chartMeasure === undefined) {
    chartMeasure = null;
    if (typeof document !== 'undefined' && typeof getComputedStyle === 'function' && canvasContext()) {
      const root = getComputedStyle(document.documentElement);
      const size = (parseFloat(root.fontSize) || 16) * 0.75;
      const family = root.getPropertyValue('--chart-font').trim() || root.fontFamily || 'sans-serif';
      const measure = textMeasurer(`${size}px ${family}`);
      const { letter, word } = chartTextSpacing();
      // A reader's own text spacing (WCAG 1.4.12: a user style sheet widening letters and words) widens labels too.
      chartMeasure = measure && (letter || word) ? (t) => measure(t) + letter * [...t].length + word * (t.split(' ').length - 1) : measure;
    }
  }
  return chartMeasure ? chartMeasure(text) : estimateTextWidth(text, 12);
}

/** The letter and word spacing (px) a chart's SVG text gets from the page's style sheets, a reader's own among them. */
function chartTextSpacing(): { letter: number; word: number } {
  try {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('width', '0');
    svg.setAttribute('height', '0');
    const probe = document.createElementNS('http://www.w3.org/2000/svg', 'text');
    svg.appendChild(probe);
    document.body.appendChild(svg);
    const style = getComputedStyle(probe);
    const spacing = { letter: parseFloat(style.letterSpacing) || 0, word: parseFloat(style.wordSpacing) || 0 };
    svg.remove();
    return spacing;
  } catch {
    return { letter: 0, word: 0 };
  }
}
