import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { discloseCount, discloseColumn, discloseMatrix, discloseAmount, complementLine, isSuppressed, SUPPRESSED, HIDDEN } from './disclosure.ts';

describe('small-cell rule', () => {
  it('suppresses 1–4, shows 0, rounds the rest to a multiple of 5 for outsiders', () => {
    expect([0, 1, 2, 3, 4, 5, 7, 8, 12, 13, 100, 102, 103].map((n) => discloseCount(n, false))).toEqual([0, SUPPRESSED, SUPPRESSED, SUPPRESSED, SUPPRESSED, 5, 5, 10, 10, 15, 100, 100, 105]);
  });

  it('shows exact figures to the own organisation', () => {
    expect([1, 3, 7].map((n) => discloseCount(n, true))).toEqual([1, 3, 7]);
    expect(discloseColumn([1, 30, 2], true)).toEqual([1, 30, 2]);
    expect(discloseMatrix([[1, 2]], true)).toEqual([[1, 2]]);
  });

  it('hides the next smallest cell when exactly one cell of a column is suppressed', () => {
    expect(discloseColumn([40, 3, 12, 25], false)).toEqual([40, SUPPRESSED, HIDDEN, 25]);
    // Two suppressed cells protect each other: nothing more is hidden.
    expect(discloseColumn([40, 3, 2, 25], false)).toEqual([40, SUPPRESSED, SUPPRESSED, 25]);
    // Zeros are never chosen as the complementary cell (they reveal nothing).
    expect(discloseColumn([0, 3, 50], false)).toEqual([0, SUPPRESSED, HIDDEN]);
    expect(complementLine([5, 9], [5, 10])).toEqual([5, 10]);
  });

  it('suppresses complementary cells in rows and columns of a matrix until no line has a single hidden cell', () => {
    const out = discloseMatrix(
      [
        [20, 3, 30],
        [25, 40, 35],
        [50, 60, 70],
      ],
      false,
    );
    for (const line of [...out, ...out[0].map((_, j) => out.map((r) => r[j]))]) expect(line.filter(isSuppressed).length).not.toBe(1);
    expect(out[0][1]).toBe(SUPPRESSED);
  });

  it('hides amounts that go with a suppressed count', () => {
    expect(discloseAmount(3.5, SUPPRESSED, false)).toBe(HIDDEN);
    expect(discloseAmount(23.5, 10, false)).toBe(25);
    expect(discloseAmount(3.456, 1, true)).toBe(3.46);
  });

  it('property: every disclosed number is a multiple of 5, no line has exactly one hidden cell, and a difference of totals never equals a small cell for sure', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 60 }), { minLength: 1, maxLength: 12 }), (cells) => {
        const shown = discloseColumn(cells, false);
        for (const [i, c] of shown.entries()) {
          if (typeof c === 'number') expect(c % 5).toBe(0);
          if (cells[i] >= 1 && cells[i] <= 4) expect(isSuppressed(c)).toBe(true);
        }
        if (cells.filter((n) => n > 0).length > 1) expect(shown.filter(isSuppressed).length).not.toBe(1);
        // Subtracting the rounded total of the other cells from the rounded grand total gives a multiple of 5:
        // never a value of 1–4, so a suppressed cell cannot be read off.
        const total = discloseCount(cells.reduce((a, b) => a + b, 0), false);
        const rest = discloseCount(cells.slice(1).reduce((a, b) => a + b, 0), false);
        if (typeof total === 'number' && typeof rest === 'number') expect((total - rest) % 5).toBe(0);
      }),
    );
  });
});
