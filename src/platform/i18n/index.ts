// Dutch first, English second. UI text only: domain content (the framework) is data and stays as written.
import { nl, type MessageKey } from './nl.ts';
import { en } from './en.ts';

export type Lang = 'nl' | 'en';
export const langs: Lang[] = ['nl', 'en'];
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { nl, en };

export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  let s = dictionaries[lang][key] ?? nl[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in nl;
}

export function parseLang(value: string | undefined | null): Lang | undefined {
  return value === 'nl' || value === 'en' ? value : undefined;
}

/** Dates shown to people: Dutch style, Europe/Amsterdam. */
const dateTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }),
};

export function formatDateTime(lang: Lang, d: Date | string): string {
  return dateTimeFormats[lang].format(typeof d === 'string' ? new Date(d) : d);
}
