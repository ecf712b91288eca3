// Parsing the search text: the web search syntax people know (phrases, OR, -word), safely bounded.
import { describe, it, expect } from 'vitest';
import { parseSearchText } from './text-query.ts';

describe('parseSearchText', () => {
  it('reads words, phrases, OR and exclusions', () => {
    expect(parseSearchText('koffie "kop thee" -taal OR schuldhulp')).toEqual([
      [
        { text: 'koffie', phrase: false, negated: false },
        { text: 'kop thee', phrase: true, negated: false },
        { text: 'taal', phrase: false, negated: true },
      ],
      [{ text: 'schuldhulp', phrase: false, negated: false }],
    ]);
  });

  it('ignores empty parts, a dangling OR and a lone minus, and takes an unclosed quote to the end', () => {
    expect(parseSearchText('  OR  - "" or ')).toEqual([]);
    expect(parseSearchText('-"niet dit" "open einde')).toEqual([[{ text: 'niet dit', phrase: true, negated: true }, { text: 'open einde', phrase: true, negated: false }]]);
  });

  it('keeps at most twelve terms', () => {
    expect(parseSearchText(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))[0]).toHaveLength(12);
  });
});
