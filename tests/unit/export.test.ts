import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runEnsemble } from '../../src/model/ensemble';
import { simulate } from '../../src/model/simulate';
import { parseScenario } from '../../src/scenario/parse';
import { parseScenarioText } from '../../src/scenario/parseText';
import {
  MAX_LINK_LINES,
  buildExportSvg,
  captionLines,
  citationText,
  printedCitation,
  csvField,
  csvNumber,
  escapeXml,
  exportContext,
  exportFileName,
  localDate,
  neutralizeFormula,
  resultsExport,
  scenarioForFile,
  scenarioYamlText,
  summaryBands,
  summaryCsv,
  toCsv,
  toJsonText,
  wrapText,
} from '../../src/share/export';
import { stateHash } from '../../src/share/link';
import { applyEdit, initialState, setParameterMode } from '../../src/state/edits';
import { APP_PRESETS } from '../../src/state/presets';
import { readCsv } from './csv.helpers';
import type { Dist } from '../../src/model/types';

const NOW = new Date('2025-03-14T12:00:00Z');
const BASE = 'https://example.org/stand-down/';


function state() {
  const r = applyEdit(initialState(), setParameterMode('escalationCeiling', 2));
  return { ...r.state, ensemble: { ...r.state.ensemble, runs: 100 } };
}

describe('CSV', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@cmd', "'@cmd"],
    ['\t=1', "'\t=1"],
    ['  =1', "'  =1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
  ])('text %j is written as %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('numbers stay numbers (negative ones too); missing values are empty', () => {
    expect(csvField(-3.25)).toBe('-3.25');
    expect(csvField(0.1 + 0.2)).toBe('0.3');
    expect(csvField(NaN)).toBe('');
    expect(csvField(Infinity)).toBe('');
    expect(csvField(null)).toBe('');
  });

  it('rows end in CRLF', () => {
    expect(toCsv([['a', 1], ['b', 2]])).toBe('a,1\r\nb,2\r\n');
  });

  it('property: any text reads back as itself (after neutralising formulas)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const back = readCsv(toCsv(rows));
        expect(back).toEqual(rows.map((r) => r.map(neutralizeFormula)));
        for (const r of back) for (const cell of r) expect(cell).not.toMatch(/^\s*[=+\-@]/);
      }),
      { numRuns: 300 },
    );
  });

  it('the ensemble summary: provenance lines, a header, one row per month and series', () => {
    const st = state();
    const ctx = { ...exportContext(st, BASE, APP_PRESETS, NOW), title: '=HYPERLINK("http://evil","click"), with a comma' };
    const summary = runEnsemble(st.scenario, { runs: 100, seed: st.ensemble.seed, noise: true });
    const rows = readCsv(summaryCsv(summary, ctx));
    const comments = rows.filter((r) => r[0].startsWith('#'));
    expect(comments.map((r) => r[0])).toEqual(['# Ensemble summary', '# scenario', '# link', '# state', '# model version', '# exported', '# assumptions', '# changed parameters', '# units']);
    const get = (k: string) => comments.find((r) => r[0] === k)![1];
    // Every series the file lists is named in its units line.
    const units = get('# units');
    for (const [name] of summaryBands(summary)) expect(units, name).toMatch(new RegExp(`(^|[ ,;])${name.replace(/\..*$/, '').replace('pauseEffect', 'pauseEffect\\.\\*').replace(/^(threat|incidents)$/, '$1\\.\\*')}`));
    expect(get('# link')).toBe(ctx.link);
    expect(get('# link').startsWith(`${BASE}#v=1&`)).toBe(true);
    expect(get('# state')).toBe(stateHash(ctx.link.split('#')[1]));
    expect(get('# scenario')).toBe(`'${ctx.title}`);
    expect(get('# assumptions')).toMatch(/Interpretation: .* · Runs: 100 · Seed: "stand-down"/);
    expect(get('# changed parameters')).toMatch(/Escalation ceiling 2/);
    const header = rows[comments.length];
    expect(header).toEqual(['month', 'series', 'p5', 'p25', 'p50', 'p75', 'p95', 'mean']);
    const data = rows.slice(comments.length + 1);
    const bands = summaryBands(summary);
    const monthly = data.filter((r) => r[0] !== '');
    expect(monthly).toHaveLength((summary.horizonMonths + 1) * (bands.length + 3));
    const composite12 = data.find((r) => r[0] === '12' && r[1] === 'composite')!;
    expect(Number(composite12[4])).toBeCloseTo(summary.series.composite.p50[12], 6);
    expect(data.some((r) => r[1] === 'pauseEffect.composite' && r.slice(2).some((x) => x.startsWith('-')))).toBe(true);
    // Shares by month, in the mean column.
    const h = summary.horizonMonths;
    expect(data.find((r) => r[0] === String(h) && r[1] === 'probReversedBy')).toEqual([String(h), 'probReversedBy', '', '', '', '', '', csvNumber(summary.probReversedBy[h])]);
    expect(Number(data.find((r) => r[0] === '6' && r[1] === 'probHighOrWorse')![7])).toBeCloseTo(summary.probHighOrWorse[6], 9);
    // The key numbers: whole-run distributions, with no month.
    const whole = new Map(data.filter((r) => r[0] === '').map((r) => [r[1], r.slice(2)]));
    const dist = (d: Dist) => (['p5', 'p25', 'p50', 'p75', 'p95', 'mean'] as const).map((k) => csvNumber(d[k]));
    expect(whole.get('run.cumulativeCost')).toEqual(dist(summary.scalars.cumulativeCost));
    expect(whole.get('run.cumulativeIncidents.health')).toEqual(dist(summary.scalars.cumulativeIncidents.health));
    expect(whole.get('run.peakComposite')).toEqual(dist(summary.scalars.peakComposite));
    expect(whole.get('pauseEffect.run.cumulativeIncidents.total')).toEqual(dist(summary.pauseEffect.scalars.cumulativeIncidents.total));
    expect(whole.get('run.reversalMonth')).toEqual(dist(summary.scalars.reversalMonth));
    expect(whole.get('run.neverReversed')![5]).toBe(csvNumber(summary.scalars.reversalMonth.probNever));
    expect(whole.size).toBe(2 * 10 + 2);
    // Every series the file lists is named in its units line: itself, or a prefix of it with ".*".
    for (const name of new Set(data.map((r) => r[1]))) {
      const parts = name.split('.');
      const forms = [name, ...parts.map((_, i) => `${parts.slice(0, i + 1).join('.')}.*`)];
      expect(forms.some((f) => new RegExp(`(^|[ ,;(])${f.replace(/[.*]/g, (c) => `\\${c}`)}([ ,;:)]|$)`).test(units)), name).toBe(true);
    }
  });
});

describe('JSON', () => {
  it('full results: summary, expected path, scenario file, link, model version', () => {
    const st = state();
    const ctx = exportContext(st, BASE, APP_PRESETS, NOW);
    const summary = runEnsemble(st.scenario, { runs: 100, seed: 's', noise: true });
    const run = simulate(st.scenario);
    const data = JSON.parse(toJsonText(resultsExport(st, ctx, run, summary)));
    expect(Object.keys(data)).toEqual([
      'format', 'formatVersion', 'caveat', 'modelVersion', 'exported', 'title', 'link', 'state', 'assumptions', 'scenario', 'ensemble', 'expectedPath', 'summary',
    ]);
    expect(data).toMatchObject({ format: 'stand-down-results', formatVersion: 1, caveat: 'Stand-Down: a teaching model, not a forecast', modelVersion: '1.1', exported: '2025-03-14', link: ctx.link, state: ctx.stateHash });
    expect(data.ensemble).toEqual(st.ensemble);
    const parsed = parseScenario(data.scenario);
    expect(parsed.ok && simulate(parsed.value)).toEqual(run);
    expect(data.expectedPath.composite).toEqual(run.composite);
    expect(data.summary.series.composite.p50).toHaveLength(summary.horizonMonths + 1);
  });

  it('a results file imported as a scenario file brings its scenario back; an error in it names its line', () => {
    const st = state();
    const ctx = exportContext(st, BASE, APP_PRESETS, NOW);
    const text = toJsonText(resultsExport(st, ctx, simulate(st.scenario), null));
    const back = parseScenarioText(text, { source: 'results.json' });
    expect(back.ok && simulate(back.value)).toEqual(simulate(st.scenario));
    const data = JSON.parse(text);
    data.scenario.horizonMonths = 99;
    const broken = toJsonText(data);
    const refused = parseScenarioText(broken, { source: 'results.json' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.errors[0].path).toBe('horizonMonths');
      expect(broken.split('\n')[refused.errors[0].line! - 1]).toContain('"horizonMonths": 99');
    }
  });

  it('numbers JSON cannot hold become null', () => {
    expect(JSON.parse(toJsonText({ a: NaN, b: [Infinity, -Infinity, 1] }))).toEqual({ a: null, b: [null, null, 1] });
  });

  it('the citation names title, date, link and state', () => {
    const ctx = exportContext(state(), BASE, APP_PRESETS, NOW);
    expect(citationText(ctx)).toBe(`Stand-Down (model 1.1; a teaching model, not a forecast), “${ctx.title}”, 2025-03-14. ${ctx.link} (state ${ctx.stateHash})`);
  });

  it('a printed citation cuts a link too long to type from paper, and keeps the state hash', () => {
    const ctx = exportContext(state(), BASE, APP_PRESETS, NOW);
    expect(printedCitation(ctx)).toBe(citationText(ctx));
    const long = { ...ctx, link: `${BASE}#v=1&z=${'A'.repeat(4400)}` };
    const printed = printedCitation(long);
    expect(printed.length).toBeLessThan(500);
    expect(printed).toMatch(/… \(a link of 4,4\d\d characters, shortened on paper; the app's Share link gives it whole\) \(state \w+\)$/);
  });

  it('YAML comments cannot be broken out of by a title with line breaks', () => {
    const ctx = { ...exportContext(state(), BASE, APP_PRESETS, NOW), title: 'a\nmalicious: yes\r\n# x' };
    const text = scenarioYamlText('id: x\n', ctx);
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['id: x', '']);
  });

  it('YAML names the ensemble its numbers came from, which the file itself does not carry', () => {
    const st = state();
    const ctx = exportContext({ ...st, ensemble: { runs: 500, seed: 'a\nb: 1', noise: false } }, BASE, APP_PRESETS, NOW);
    const text = scenarioYamlText('id: x\n', ctx);
    expect(text).toMatch(/^# Ensemble when exported: 500 runs, seed "a b: 1", incident noise off \(not part of the scenario; the link above carries them\)$/m);
    expect(text).toMatch(/^# Stand-Down model 1\.1, exported 2025-03-14; a teaching model, not a forecast$/m);
    expect(text.split('\n').filter((l) => !l.startsWith('#'))).toEqual(['id: x', '']);
  });
});

describe('SVG caption', () => {
  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('<script>alert("x") & \'y\'</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;');
    expect(escapeXml('a\u0000b\u0007c\u001fd\ufffe')).toBe('abcd');
    expect(escapeXml('lone \ud800 surrogate \ud83d\ude00')).toBe('lone  surrogate \ud83d\ude00');
  });

  it('property: escaped text holds no markup', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const e = escapeXml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e).not.toMatch(/&(?!(amp|lt|gt|quot|apos);)/);
        // eslint-disable-next-line no-control-regex
        expect(e).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
      }),
      { numRuns: 500 },
    );
  });

  it('the caption carries title, assumptions, link and state; script in a title stays text', () => {
    const st = state();
    st.scenario = { ...st.scenario, title: '<script>alert(1)</script>' };
    const ctx = { ...exportContext(st, BASE, APP_PRESETS, NOW), title: '<script>alert(1)</script>' };
    const lines = captionLines('Composite threat', ctx, 200);
    expect(lines[0]).toBe('Composite threat — <script>alert(1)</script>');
    expect(lines.join('')).toContain(ctx.link);
    expect(lines.at(-1)).toContain(`State ${ctx.stateHash}`);
    expect(lines.join(' ')).toMatch(/Interpretation: Deprioritized · Response: Free hits · Policy: Reverse on trigger · Horizon: 24 months · Runs: 100 · Seed: "stand-down"/);
    const svg = buildExportSvg({ chart: '<svg/>', width: 600, height: 300, lines, background: '#fff', textColor: '#000', fontFamily: 'a "b" <c>' });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('font-family="a &quot;b&quot; &lt;c&gt;"');
    expect(svg.match(/<text /g)).toHaveLength(lines.length);
    expect(svg).toMatch(new RegExp(`height="${300 + lines.length * 15 + 14}"`));
  });

  it('a very long link is cut in the image and the caption says where the full one is', () => {
    const ctx = { ...exportContext(state(), BASE, APP_PRESETS, NOW), link: BASE + '#' + 'z'.repeat(5000) };
    const lines = captionLines('Chart', ctx, 100);
    expect(lines.filter((l) => /^[z…]+$/.test(l) || l.startsWith(BASE)).length).toBe(MAX_LINK_LINES);
    expect(lines.join('\n')).toContain('full link is in the JSON and CSV exports');
  });

  it('wraps at spaces and breaks long words', () => {
    expect(wrapText('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
  });

  it('file names are tame', () => {
    expect(exportFileName('Composite threat — <script>/../etc', '2025-03-14', 'png')).toBe('stand-down-composite-threat-script-etc-2025-03-14.png');
    expect(exportFileName('', '2025-03-14', 'csv')).toBe('stand-down-stand-down-2025-03-14.csv');
    // Titles in other scripts keep their words; accents come off; a cut never leaves a hyphen at the end.
    expect(exportFileName('Сценарий пауза', '2025-03-14', 'csv')).toBe('stand-down-сценарий-пауза-2025-03-14.csv');
    expect(exportFileName('Révision café', '2025-03-14', 'csv')).toBe('stand-down-revision-cafe-2025-03-14.csv');
    expect(exportFileName(`${'a'.repeat(59)} b`, '2025-03-14', 'csv')).toBe(`stand-down-${'a'.repeat(59)}-2025-03-14.csv`);
    // A letter outside the basic plane is not cut in half; 'İstanbul' keeps its letters.
    expect(exportFileName(`${'a'.repeat(59)}𠀀𠀀`, '2025-03-14', 'csv')).toBe(`stand-down-${'a'.repeat(59)}𠀀-2025-03-14.csv`);
    expect(exportFileName('İstanbul', '2025-03-14', 'csv')).toBe('stand-down-istanbul-2025-03-14.csv');
  });

  it("dates files by the person's own calendar day, not Greenwich's", () => {
    // 21:30 on 14 March in New York is already 15 March in UTC.
    const late = new Date(2025, 2, 14, 21, 30);
    expect(localDate(late)).toBe('2025-03-14');
    expect(exportContext(state(), BASE, APP_PRESETS, late).date).toBe('2025-03-14');
  });

  it("writes an edited preset under the title the app shows, and says its summary is the preset's", () => {
    const edited = state();
    const file = scenarioForFile(edited, APP_PRESETS);
    expect(file.title).toBe('Deprioritized · Free hits · Reverse on trigger (edited)');
    expect(file.summary).toMatch(new RegExp(`^Edited from the preset “${APP_PRESETS[0].title.replace(/[()]/g, '.')}”, whose summary follows\\. `));
    expect(resultsExport(edited, exportContext(edited, BASE, APP_PRESETS, NOW), null, null).scenario.title).toBe(file.title);
    // An unedited preset, and a scenario with a title of its own, are written as they are.
    expect(scenarioForFile(initialState(), APP_PRESETS).title).toBe(APP_PRESETS[0].title);
    const own = { ...edited, scenario: { ...edited.scenario, title: 'Smith & Co. review' } };
    expect(scenarioForFile(own, APP_PRESETS)).toBe(own.scenario);
  });
});
