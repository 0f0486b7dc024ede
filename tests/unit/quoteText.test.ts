import { describe, expect, it } from 'vitest';
import { quoteText } from '../../src/ui/controls/quoteText';

describe('quoteText', () => {
  it('sets a quote within the quote in single curly marks', () => {
    expect(quoteText('if Russia perceives this decision as a "free hits" policy.')).toBe('“if Russia perceives this decision as a ‘free hits’ policy.”');
    expect(quoteText('expected to remain in place "for the foreseeable future."')).toBe('“expected to remain in place ‘for the foreseeable future.’”');
    expect(quoteText('"Hunt forward" teams (the "first").')).toBe('“‘Hunt forward’ teams (the ‘first’).”');
  });

  it('ends a quote cut before its sentence ends with an ellipsis', () => {
    expect(quoteText('such as combatting Mexican drug cartels')).toBe('“such as combatting Mexican drug cartels…”');
    expect(quoteText('it could embolden their cyber operations, ')).toBe('“it could embolden their cyber operations…”');
    expect(quoteText('a "free hits" policy')).toBe('“a ‘free hits’ policy…”');
    // Ended sentences keep their own mark, inside a closing quote too.
    expect(quoteText('Is it?')).toBe('“Is it?”');
    expect(quoteText('remain "for the foreseeable future."')).toBe('“remain ‘for the foreseeable future.’”');
  });

  it('leaves a quote without inner marks as it is, apostrophes included', () => {
    expect(quoteText("Russia's history of cyber aggression.")).toBe("“Russia's history of cyber aggression.”");
  });
});
