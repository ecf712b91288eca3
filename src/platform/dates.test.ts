import { describe, it, expect } from 'vitest';
import { wholeMonths } from './dates.ts';

describe('wholeMonths', () => {
  it('gives the months of a period of whole calendar months within one year', () => {
    expect(wholeMonths('2026-01-01', '2026-12-31')).toEqual({ first: 1, last: 12 });
    expect(wholeMonths('2026-04-01', '2026-06-30')).toEqual({ first: 4, last: 6 });
    expect(wholeMonths('2024-02-01', '2024-02-29')).toEqual({ first: 2, last: 2 });
  });
  it('is null for a period that starts or ends within a month, or spans years', () => {
    expect(wholeMonths('2026-01-02', '2026-12-31')).toBeNull();
    expect(wholeMonths('2026-01-01', '2026-12-30')).toBeNull();
    expect(wholeMonths('2023-02-01', '2023-02-29')).toBeNull();
    expect(wholeMonths('2025-12-01', '2026-01-31')).toBeNull();
  });
});
