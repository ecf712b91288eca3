// The readable difference of the application history: applying the kept and added parts gives the new text, the
// kept and removed parts the old one, for any two texts.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { diffText } from './text-diff.ts';

const side = (parts: ReturnType<typeof diffText>, drop: 'add' | 'del') => parts.filter((p) => p.op !== drop).map((p) => p.text).join('');

describe('text diff', () => {
  it('marks changed words', () => {
    expect(diffText('Wij werken in Oost.', 'Wij werken in Oost en Schalkwijk.')).toEqual([
      { op: 'same', text: 'Wij werken in ' },
      { op: 'del', text: 'Oost.' },
      { op: 'add', text: 'Oost en Schalkwijk.' },
    ]);
    expect(diffText('', 'Nieuw')).toEqual([{ op: 'add', text: 'Nieuw' }]);
  });
  it('reconstructs both texts', () => {
    const words = fc.array(fc.constantFrom('wij', 'werken', 'in', 'Oost', ' ', '\n', 'en', 'Zuid-West', '.'), { maxLength: 60 }).map((ws) => ws.join(''));
    fc.assert(
      fc.property(words, words, (a, b) => {
        const parts = diffText(a, b);
        expect(side(parts, 'add')).toBe(a);
        expect(side(parts, 'del')).toBe(b);
      }),
      { numRuns: 300 },
    );
  });
});
