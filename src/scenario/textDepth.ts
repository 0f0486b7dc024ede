/**
 * A cheap pre-scan of YAML/JSON text for absurd nesting. The `yaml` parser
 * recurses once per level and, around a thousand levels, overflows the call
 * stack; it catches that, but V8 can be left fragile afterwards (we saw the
 * process abort in a later regular expression). So deep text is refused
 * before it reaches the parser. The scan is approximate but errs on the safe
 * side: it counts indentation levels, compact "- - -" sequences and open
 * brackets outside quoted scalars and comments.
 */

/** Where the nesting first went past `limit`, or undefined when it never did. */
export function findExcessiveNesting(text: string, limit: number): { line: number; depth: number } | undefined {
  const indents: number[] = []; // strictly increasing indentation of the open block levels
  let flow = 0; // open [ and { brackets
  let quote: '"' | "'" | null = null;
  let blockScalarIndent = -1; // inside a | or > block scalar: prose, not structure
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    line++;
    let i = pos;
    if (!quote && flow === 0) {
      // Block structure: indentation, then "- " entries that open one level each.
      while (i < end && text.charCodeAt(i) === 32) i++;
      const indent = i - pos;
      const blank = i >= end || text[i] === '#' || text[i] === '\r';
      if (blockScalarIndent >= 0) {
        if (blank || indent > blockScalarIndent) {
          pos = end + 1;
          continue;
        }
        blockScalarIndent = -1;
      }
      if (!blank) {
        if (startsBlockScalar(text, i, end)) blockScalarIndent = indent;
        while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
        indents.push(indent);
        let dashes = 0;
        while (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === end)) {
          dashes++;
          i += 2;
          while (i < end && text.charCodeAt(i) === 32) i++;
        }
        if (indents.length + dashes > limit) return { line, depth: indents.length + dashes };
      }
    }
    let prev = ''; // last non-space character outside quotes, to tell quotes from apostrophes
    for (; i < end; i++) {
      const c = text[i];
      if (quote) {
        if (quote === '"' && c === '\\') i++;
        else if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = null;
        }
        continue;
      }
      if (c === '#' && (i === pos || text[i - 1] === ' ' || text[i - 1] === '\t')) break;
      if ((c === '"' || c === "'") && (prev === '' || ':-[{,'.includes(prev))) quote = c;
      else if (c === '[' || c === '{') {
        flow++;
        if (indents.length + flow > limit) return { line, depth: indents.length + flow };
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
      if (c !== ' ' && c !== '\t') prev = c;
    }
    pos = end + 1;
  }
  return undefined;
}

/** Whether the line ends with a block scalar header (`key: |`, `- >-`, `|2+` …). */
function startsBlockScalar(text: string, from: number, end: number): boolean {
  let j = end - 1;
  while (j >= from && (text[j] === ' ' || text[j] === '\r' || text[j] === '\t')) j--;
  while (j >= from && (text[j] === '-' || text[j] === '+' || (text[j] >= '0' && text[j] <= '9'))) j--;
  return j >= from && (text[j] === '|' || text[j] === '>') && (j === from || text[j - 1] === ' ');
}
