// Dutch first, English second. UI text only: domain content (the framework) is data and stays as written.
import { nl, type PlatformMessageKey } from './nl.ts';
import { en } from './en.ts';
import { formatMoney, isMoneyParam, type MoneyParam } from './money.ts';

export { formatMoney, money, parseEuros, type MoneyParam } from './money.ts';
/** A message parameter: text, a number, or an amount of money (formatted in the reader's language). */
export type MessageParam = string | number | MoneyParam;
export type MessageParams = Record<string, MessageParam>;

export type Lang = 'nl' | 'en';
export const langs: Lang[] = ['nl', 'en'];

/**
 * Each module declares its messages here, so their keys are typed:
 * `declare module '../../platform/i18n/index.ts' { interface ModuleMessages { network: typeof nl } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ModuleMessages {}
export type ModuleMessageKey = { [M in keyof ModuleMessages]: keyof ModuleMessages[M] & string }[keyof ModuleMessages];
/** Every message key: a wrong key is a type error. */
export type MessageKey = PlatformMessageKey | ModuleMessageKey;
export type { PlatformMessageKey };

const dictionaries: Record<Lang, Record<string, string>> = { nl: { ...nl }, en: { ...en } };
const owners = new Map<string, string>();

/** Adds a module's messages (done by installModules). Two modules using one key fail at start-up. */
export function addMessages(owner: string, messages: { nl: Record<string, string>; en: Record<string, string> }): void {
  for (const key of Object.keys(messages.nl)) {
    const prev = owners.get(key) ?? (key in nl ? 'platform' : undefined);
    if (prev && prev !== owner) throw new Error(`Message ${key} of ${owner} is already defined by ${prev}.`);
    owners.set(key, owner);
  }
  const missing = Object.keys(messages.nl).filter((k) => !(k in messages.en));
  if (missing.length) throw new Error(`${owner}: English messages missing: ${missing.join(', ')}`);
  Object.assign(dictionaries.nl, messages.nl);
  Object.assign(dictionaries.en, messages.en);
}

export function t(lang: Lang, key: MessageKey, params?: MessageParams): string {
  let s = dictionaries[lang][key] ?? dictionaries.nl[key] ?? key;
  if (params) for (const [k, v] of Object.entries(params)) s = s.replaceAll(`{${k}}`, isMoneyParam(v) ? formatMoney(lang, v.cents) : String(v));
  return s;
}

export function isMessageKey(key: string): key is MessageKey {
  return key in dictionaries.nl;
}

/** Whether a language has its own text for a key (t falls back to the Dutch text, then to the key). */
export function hasMessage(lang: Lang, key: string): boolean {
  return key in dictionaries[lang];
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
