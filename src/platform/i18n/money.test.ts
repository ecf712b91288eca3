// Money in messages: an amount given as a parameter is written in the language of the reader, not of the writer.
import { describe, it, expect } from 'vitest';
import { formatMoney, money, t } from './index.ts';
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
});
