// Intl formatters are costly to create; these return one shared instance per locale and options.
import type { Lang } from './index.ts';

/** The locale the platform writes a language in. */
export const localeOf = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'nl-NL');

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();

export function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) dateFormats.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}

/** A day (an ISO date, or the date part of a timestamp) written out in the language, "2 december 2026"; '' without one. */
export function formatDay(lang: Lang, iso: string | null | undefined): string {
  if (!iso) return '';
  return dateFormat(localeOf(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}
