// Amounts of the fund: typed by a person in euros ("1.250", "1250,50", "€ 300.000", "€1,250.50") and kept as
// integer cents, read by the platform's one amount parser; shown in the reader's language.
import { formatMoney, money, parseEuros, type Lang, type MoneyParam } from '../../platform/i18n/index.ts';

export type ParsedAmount = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'negative' | 'too_big' };

/** The largest amount the fund accepts anywhere (EUR 100 million): beyond it a typing mistake is more likely. */
export const MAX_CENTS = 10_000_000_000;

/**
 * A euro amount → cents, with the reason when it is not one the fund takes: Dutch or English notation
 * ("1.250,5" = "1,250.50" = 125050; see parseEuros), not negative, at most MAX_CENTS.
 */
export function parseAmount(input: string): ParsedAmount {
  if (input.replace(/[€\s\u00a0]/g, '') === '') return { ok: false, reason: 'empty' };
  const cents = parseEuros(input);
  if (cents === null) return { ok: false, reason: 'format' };
  if (cents < 0) return { ok: false, reason: 'negative' };
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
