// Amounts of the fund: typed by a person in euros ("1.250", "1250,50", "€ 300.000") and kept as integer cents;
// shown in the reader's language. Never floats for money: the euros and cents are read as separate integers.
import { formatMoney, money, type Lang, type MoneyParam } from '../../platform/i18n/index.ts';

const AMOUNT = /^(-)?\s*(?:€\s*)?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/;

export type ParsedAmount = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'negative' | 'too_big' };

/** The largest amount the fund accepts anywhere (EUR 100 million): beyond it a typing mistake is more likely. */
export const MAX_CENTS = 10_000_000_000;

/**
 * A Dutch euro amount → cents: digits with optional thousands dots and a decimal comma with one or two digits
 * ("1.250,5" = 125050). A dot followed by one or two digits is read as a decimal point too ("12.50").
 */
export function parseAmount(input: string): ParsedAmount {
  let s = input.trim().replace(/^€\s*/, '').replace(/\s+/g, '');
  if (s === '') return { ok: false, reason: 'empty' };
  if (/^-?\d+\.\d{1,2}$/.test(s)) s = s.replace('.', ',');
  const m = AMOUNT.exec(s);
  if (!m) return { ok: false, reason: 'format' };
  const euros = Number(m[2].replace(/\./g, ''));
  const cents = euros * 100 + Number((m[3] ?? '0').padEnd(2, '0'));
  if (m[1] && cents > 0) return { ok: false, reason: 'negative' };
  if (cents > MAX_CENTS) return { ok: false, reason: 'too_big' };
  return { ok: true, cents };
}

/** Cents as euros in the reader's language: "€ 1.250,00" (nl), "€1,250.00" (en) — the platform's money format. */
export const formatCents = (lang: Lang, cents: number): string => formatMoney(lang, cents);

/** Cents as a plain amount for a form field ("1250,50", or "1250" for whole euros). */
export const centsForInput = (cents: number | null | undefined): string =>
  cents === null || cents === undefined ? '' : cents % 100 === 0 ? String(cents / 100) : `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}`;

/** An amount as a message parameter: formatted in the reader's language when the message is translated. */
export const amountParam = (cents: number): MoneyParam => money(cents);
