// Money shown to people: euros from integer cents, in the reader's language ("€ 1.234,56" in Dutch, "€1,234.56" in
// English), with the shared Intl formatters. A message parameter can be an amount (`money(cents)`): it is formatted
// when the message is translated, so a service that refuses an amount names it in the language of whoever reads
// the message — never fixed in Dutch when the error is made.
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
