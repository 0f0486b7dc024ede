/** Exported chart captions: no line wider than the image. */
import { describe, expect, it } from 'vitest';
import { captionMeasurer, chartSvg, fitCaptionLines } from '../../../src/ui/share/chartExport';
import { estimateTextWidth } from '../../../src/ui/charts/textWidth';
import { CAPTION_FONT_SIZE, MAX_LINK_LINES, type ExportContext } from '../../../src/share/export';

/** A share link of `n` characters, with the wide characters real links carry (=, &, %, m, w, W). */
function longLink(n: number): string {
  const base = 'https://example.org/stand-down/#v=1&m=1.0&s=deprioritized-free-hits-trigger';
  const tail = '&escalationCeiling=1.125&noise=1&WWW=%E2%80%94mmmwww&x=18.allies';
  let link = base;
  while (link.length < n) link += tail;
  return link.slice(0, n);
}

const ctx = (link: string): ExportContext => ({
  title: 'Russia deprioritized, free hits, and the US reverses course (edited: escalation ceiling and noise)',
  link,
  stateHash: 'a1b2c3d4',
  modelVersion: '1.4.0',
  date: '2025-03-14',
  assumptions: {
    interpretation: 'Deprioritized',
    response: 'Free hits',
    policy: 'Reverse on trigger',
    horizonMonths: 24,
    runs: 1000,
    seed: 'stand-down',
    noise: true,
    changed: ['Escalation ceiling 1.125 (default 1.2)', 'Months of restraint 7 (default 6)'],
  },
});

/** The width of caption line `i` as the export's fallback estimates it (bold for the title line). */
const widthOf = (line: string, i: number) => estimateTextWidth(line, CAPTION_FONT_SIZE, i === 0);

describe('chart export captions', () => {
  it.each([816, 640, 390, 320])('a 1,500-character link: every line fits a %i px image', (width) => {
    const lines = fitCaptionLines('Composite threat', ctx(longLink(1500)), width, captionMeasurer('sans-serif'));
    for (const [i, line] of lines.entries()) expect(widthOf(line, i), line).toBeLessThanOrEqual(width - 16);
    // Nothing is lost but what the caption cuts on purpose: the link shows from its start, whole or marked as shortened.
    expect(lines.join('')).toContain(longLink(200));
    expect(lines.join('').includes(longLink(1500)) || lines.some((l) => l.startsWith('(link shortened here'))).toBe(true);
    expect(lines.some((l) => l.startsWith('State a1b2c3d4'))).toBe(true);
  });

  it('a short link stays whole, and the lines are not needlessly short', () => {
    const lines = fitCaptionLines('Composite threat', ctx(longLink(90)), 816, captionMeasurer('sans-serif'));
    expect(lines).toContain(longLink(90));
    expect(Math.max(...lines.map((l, i) => widthOf(l, i)))).toBeGreaterThan(816 * 0.7);
  });

  it('breaks a long link anywhere and cuts it after the most link lines the caption shows', () => {
    const lines = fitCaptionLines('Composite threat', ctx(longLink(5000)), 816, captionMeasurer('sans-serif'));
    const linkLines = lines.filter((l) => l.startsWith('&') || l.startsWith('https:') || /^[\w%=.-]+&/.test(l));
    expect(linkLines.length).toBeLessThanOrEqual(MAX_LINK_LINES);
    expect(lines.some((l) => l.startsWith('(link shortened here'))).toBe(true);
  });

  it('the exported SVG: caption lines within the 816 px image, and the image tall enough for them', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('viewBox', '0 0 816 300');
    document.body.append(svg);
    const doc = chartSvg(svg, 'Composite threat', ctx(longLink(1500)));
    // The caption's <text> elements (buildExportSvg sets them at x="8"), entities undone.
    const unescape = (t: string) => t.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    const texts = [...doc.text.matchAll(/<text x="8" y="[\d.]+"[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]));
    expect(texts.length).toBeGreaterThan(10);
    expect(doc.width).toBe(816);
    for (const [i, line] of texts.entries()) expect(widthOf(line, i), line).toBeLessThanOrEqual(816);
    expect(doc.height).toBe(300 + texts.length * 15 + 14);
    svg.remove();
  });
});

describe('the exported legend', () => {
  it("carries the chart's legend, swatches and labels, between chart and caption, in rows within the image", () => {
    document.body.innerHTML = `
      <figure><svg id="chart" viewBox="0 0 390 200"></svg>
        <ul class="sd-legend">
          <li><svg viewBox="0 0 26 12"><line class="sd-median" x1="0" x2="26" y1="6" y2="6" stroke="blue"/></svg> median</li>
          <li><svg viewBox="0 0 26 12"><line x1="0" x2="26" y1="6" y2="6" stroke-dasharray="6 4"/></svg> expected path</li>
          <li><svg viewBox="0 0 26 12"><line x1="0" x2="26" y1="6" y2="6"/></svg> what the US can see (expected path)</li>
          <li class="sd-legend-note">the runs do not differ: no band to draw</li>
        </ul>
      </figure>`;
    const svg = document.getElementById('chart') as unknown as SVGSVGElement;
    const doc = chartSvg(svg, 'Composite threat', ctx('https://example.org/#v=1'));
    for (const label of ['median', 'expected path', 'what the US can see (expected path)', 'the runs do not differ: no band to draw']) {
      expect(doc.text).toContain(`>${label}</text>`);
    }
    expect(doc.text.match(/<g class="swatch" transform="translate\(\d+ \d+\)"><svg /g)).toHaveLength(3);
    // The image is as tall as chart, legend rows and caption: more than chart and caption alone.
    const captionLines = [...doc.text.matchAll(/<text x="8" y="[\d.]+"/g)].length;
    expect(doc.height).toBeGreaterThan(200 + captionLines * 15 + 14);
    expect(doc.text).toMatch(new RegExp(`height="${Math.round(doc.height)}"`));
    document.body.innerHTML = '';
  });
});

describe('the exported legend, where a chart has none of its own', () => {
  it("takes no neighbouring chart's legend; a small multiple takes its group's", () => {
    document.body.innerHTML = `
      <section>
        <figure><svg id="a" viewBox="0 0 300 100"></svg><ul class="sd-legend"><li>projection median</li></ul></figure>
        <figure><svg id="b" viewBox="0 0 300 100"></svg></figure>
      </section>
      <section class="sd-multiples"><ul class="sd-legend"><li>median</li></ul><figure><svg id="c" viewBox="0 0 200 100"></svg></figure></section>`;
    const doc = (id: string) => chartSvg(document.getElementById(id) as unknown as SVGSVGElement, 'T', ctx('https://example.org/#v=1')).text;
    expect(doc('b')).not.toContain('projection median');
    expect(doc('c')).toContain('>median</text>');
    document.body.innerHTML = '';
  });
});

describe('downloads for spreadsheets', () => {
  it('CSV gets a UTF-8 byte-order mark (Excel), once; other text is left alone', async () => {
    const { csvForSpreadsheets } = await import('../../../src/ui/share/chartExport');
    expect(csvForSpreadsheets('a,b\r\n', 'text/csv')).toBe('\uFEFFa,b\r\n');
    expect(csvForSpreadsheets('\uFEFFa,b\r\n', 'text/csv;charset=utf-8')).toBe('\uFEFFa,b\r\n');
    expect(csvForSpreadsheets('{"a":1}', 'application/json')).toBe('{"a":1}');
  });
});
