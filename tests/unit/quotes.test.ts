/**
 * Every quote the app shows beside a control (the parameter table's
 * interpretations, responses, policies and parameters) and every quote in a
 * scenario file is the article's exact words, credited honestly: a person
 * named alone said those words inside the article's quotation marks; the
 * article's own sentences, even when they report what someone thinks, are
 * credited to SecureWorld News or marked "(as summarised by SecureWorld News)".
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INTERPRETATIONS, PARAMETERS, POLICIES, RESPONSES, type Quote } from '../../src/model/parameters';
import { parseScenarioText } from '../../src/scenario/parseText';

const ARTICLE = fileURLToPath(new URL('../../../shared/source-article.txt', import.meta.url));
const SCENARIOS = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** Where each quote is shown, and the quote. */
function allQuotes(): [where: string, quote: Quote][] {
  const table: [string, Quote | undefined][] = [
    ...Object.values(INTERPRETATIONS).map((d) => [`interpretation ${d.id}`, d.quote] as [string, Quote | undefined]),
    ...Object.values(RESPONSES).map((d) => [`response ${d.id}`, d.quote] as [string, Quote | undefined]),
    ...Object.values(POLICIES).map((d) => [`policy ${d.id}`, d.quote] as [string, Quote | undefined]),
    ...PARAMETERS.map((p) => [`parameter ${p.id}`, p.quote] as [string, Quote | undefined]),
  ];
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));
  const inFiles = files.flatMap((f) => {
    const r = parseScenarioText(readFileSync(SCENARIOS + f, 'utf8'));
    return r.ok ? r.value.quotes.map((q) => [`scenarios/${f}`, q] as [string, Quote]) : [];
  });
  return [...table.filter((e): e is [string, Quote] => e[1] !== undefined), ...inFiles];
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
/** A quote may end where the article's sentence goes on, with its own full stop or comma. */
const core = (s: string) => squash(s).replace(/[.,]$/, '');
/** Credited to the article itself, or to someone through the article's summary. */
const REPORTED = /^SecureWorld News$|\(as summarised by SecureWorld News\)$|\(via SecureWorld\)$/;
const PEOPLE = /^(Trey Ford|Chris Gray|Jason Soroko|John Bambenek|The Record)\b/;

// Skipped, with this reason, where ../shared/source-article.txt is not beside the checkout (a CI clone
// elsewhere): the project quotes the article but must not carry a copy of it.
describe.skipIf(!existsSync(ARTICLE))('quotes of the source article', () => {
  const article = existsSync(ARTICLE) ? squash(readFileSync(ARTICLE, 'utf8')) : '';
  // The article's quoted speech: each passage between straight double quotes.
  const spoken = [...article.matchAll(/"([^"]+)"/g)].map((m) => m[1]);
  const quotes = allQuotes();

  it('finds the quotes to check', () => {
    expect(quotes.length).toBeGreaterThan(20);
  });

  it('are the exact words of the article', () => {
    for (const [where, q] of quotes) expect(article, `${where}: not verbatim: ${q.text}`).toContain(core(q.text));
  });

  // The app prints "…" after a quote without an ending mark (quoteText): the article's sentence must go on there.
  it('stop without a full stop only where the article goes on', () => {
    const wrong: string[] = [];
    for (const [where, q] of quotes) {
      const text = squash(q.text);
      if (/[.!?…]['"’”]*$/.test(text)) continue;
      const after = article.slice(article.indexOf(text) + text.length).trimStart();
      // The quotation ends here when the article closes it (`increase," said Gray`) or ends its sentence.
      if (after === '' || /^[.!?]/.test(after) || /^,"/.test(after)) wrong.push(`${where}: ${text} (the quotation or sentence ends here: end it with a full stop)`);
    }
    expect(wrong).toEqual([]);
  });

  it('credit a person alone only for words inside their quotation marks', () => {
    const misattributed: string[] = [];
    for (const [where, q] of quotes) {
      if (REPORTED.test(q.speaker)) continue;
      expect(q.speaker, `${where}: unknown speaker`).toMatch(PEOPLE);
      const words = core(q.text).replace(/"/g, '');
      // The article's own sentence, not words it quotes: credit it as summarised by SecureWorld News.
      if (!spoken.some((s) => s.includes(words))) misattributed.push(`${where} (${q.speaker}): ${q.text}`);
    }
    expect(misattributed).toEqual([]);
  });
});
