// Money shown to people: euros from integer cents, in the reader's language ("€ 1.234,56" in Dutch, "€1,234.56" in
// English), with the shared Intl formatters. A message parameter can be an amount (`money(cents)`): it is formatted
// when the message is translated, so a service that refuses an amount names it in the language of whoever reads
// the message — never fixed in Dutch when the error is made. Amounts typed by people are read by one parser, which
// takes both notations (what the platform shows a Dutch or an English reader can be typed back).
import { numberFormat } from './intl.ts';
import type { Lang } from './index.ts';

const locales: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

/** Cents as euros with two decimals in the reader's language. */
export function formatMoney(lang: Lang, cents: number): string {
  return numberFormat(locales[lang] ?? locales.nl, { style: 'currency', currency: 'EUR' }).format(cents / 100);
}

/** An amount as a message parameter, formatted in the reader's language when the message is translated. */
export interface MoneyParam {
  readonly cents: number;
}
export const money = (cents: number): MoneyParam => ({ cents });
export const isMoneyParam = (v: unknown): v is MoneyParam => typeof v === 'object' && v !== null && typeof (v as MoneyParam).cents === 'number';

/**
 * A euro amount as typed by a person into cents; null if it is not one. Dutch notation (dots group thousands, a
 * comma separates the cents: "1.234,56") or English ("1,234.56"); a plain dot with one or two decimals is a decimal
 * point ("12.50"); a euro sign and spaces are ignored; a leading minus gives a negative amount (callers that take
 * none refuse it). Never floats: euros and cents are read as separate integers.
 */
export function parseEuros(input: string): number | null {
  let s = input.replace(/[€\s\u00a0]/g, '');
  if (!s) return null;
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  // Dutch: dots group thousands, a comma separates cents; also accept a plain dot with one or two decimals.
  let m = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(s);
  let whole: string;
  let frac: string;
  if (m) {
    whole = m[1].replace(/\./g, '');
    frac = m[2] ?? '';
  } else {
    // English: commas group thousands, a dot separates cents.
    m = /^(\d{1,3}(?:,\d{3})+|\d+)\.(\d{1,2})$/.exec(s) ?? /^(\d{1,3}(?:,\d{3})+)$/.exec(s);
    if (!m) return null;
    whole = m[1].replace(/,/g, '');
    frac = m[2] ?? '';
  }
  const value = Number(whole) * 100 + Number((frac + '00').slice(0, 2));
  if (!Number.isSafeInteger(value)) return null;
  return neg ? -value : value;
}
