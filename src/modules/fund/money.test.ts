import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseAmount, formatCents, centsForInput } from './money.ts';

describe('fund amounts', () => {
  it('reads Dutch euro amounts as integer cents', () => {
    expect(parseAmount('1250')).toEqual({ ok: true, cents: 125000 });
    expect(parseAmount('1.250')).toEqual({ ok: true, cents: 125000 });
    expect(parseAmount('1.250,5')).toEqual({ ok: true, cents: 125050 });
    expect(parseAmount('€ 300.000')).toEqual({ ok: true, cents: 30000000 });
    expect(parseAmount('12.50')).toEqual({ ok: true, cents: 1250 });
    expect(parseAmount(' 0 ')).toEqual({ ok: true, cents: 0 });
  });
  it('reads back what an English reader is shown', () => {
    expect(parseAmount('€1,250.50')).toEqual({ ok: true, cents: 125050 });
    expect(parseAmount('12,345')).toEqual({ ok: true, cents: 1234500 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (c) => {
        const r = parseAmount(formatCents('en', c));
        return r.ok && r.cents === c;
      }));
  });
  it('refuses what is not an amount, negative amounts and absurd ones', () => {
    expect(parseAmount('')).toEqual({ ok: false, reason: 'empty' });
    expect(parseAmount('-5')).toEqual({ ok: false, reason: 'negative' });
    expect(parseAmount('€ -1.000,00')).toEqual({ ok: false, reason: 'negative' });
    for (const s of ['12,3456', '1.25.0', 'abc', '1e5', '12,', ',5', '1.2345,00']) expect(parseAmount(s), s).toEqual({ ok: false, reason: 'format' });
    expect(parseAmount('999999999999')).toEqual({ ok: false, reason: 'too_big' });
  });
  it('a form value read back gives the same cents', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (c) => {
        const r = parseAmount(centsForInput(c));
        return r.ok && r.cents === c;
      }));
  });
  it('shows euros in the reader language', () => {
    expect(formatCents('nl', 30000000).replace(/\s/g, ' ')).toBe('€ 300.000,00');
    expect(formatCents('en', 125050)).toBe('€1,250.50');
  });
});
