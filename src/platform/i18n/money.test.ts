// Money shown and typed: an amount given as a message parameter is written in the language of the reader, not of
// the writer; an amount typed in either notation is read back.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { formatMoney, money, parseEuros, t } from './index.ts';
import { localiseFields, translate, AppError } from '../http/errors.ts';

describe('money in messages', () => {
  it('formats cents in each language', () => {
    expect(formatMoney('nl', 123_456)).toBe('€\u00a01.234,56');
    expect(formatMoney('en', 123_456)).toBe('€1,234.56');
    expect(formatMoney('nl', -50)).toBe('€\u00a0-0,50');
  });

  it('a money parameter is formatted when the message is translated, in the reader’s language', () => {
    expect(t('nl', 'validation.tooBig', { max: money(150_000) })).toBe('mag hoogstens €\u00a01.500,00 zijn');
    expect(t('en', 'validation.tooBig', { max: money(150_000) })).toContain('€1,500.00');
    const field = { field: 'budgetCents', message: 'validation.tooBig', params: { max: money(2_500) } };
    expect(localiseFields([field], 'en')[0].message).toContain('€25.00');
    expect(localiseFields([field], 'nl')[0].message).toContain('€\u00a025,00');
    const err = new AppError('validation', 'validation.tooBig', [], { max: money(99) });
    expect(translate('en', err.messageKey, err.params)).toContain('€0.99');
  });

  it('parses euro amounts as people type them, and formats them back', () => {
    const cases: [string, number | null][] = [
      ['1.234,56', 123_456],
      ['1234,5', 123_450],
      ['€ 1 234', 123_400],
      ['1234.56', 123_456],
      ['1,234.56', 123_456],
      ['1,234', 123_400],
      ['-5.000', -500_000],
      ['12,345', 1_234_500], // three digits after a comma: English thousands (a Dutch amount has at most two decimals)
      ['12,3456', null],
      ['tien', null],
      ['1.23.4', null],
    ];
    for (const [s, cents] of cases) expect(parseEuros(s), s).toBe(cents);
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }), (cents) => {
        expect(parseEuros(formatMoney('nl', cents).replace('−', '-'))).toBe(cents);
        expect(parseEuros(formatMoney('en', cents).replace('−', '-'))).toBe(cents);
      }),
    );
  });
});
