/** @jsxImportSource hono/jsx */
// Small pieces shared by the subsidies pages: amounts, dates, statuses, facts lists and form errors.
import type { Child, FC } from 'hono/jsx';
import type { View } from '../../platform/ui/page.tsx';
import { AppError, translate, type FieldError } from '../../platform/http/errors.ts';
import { formErrors } from '../../platform/ui/forms.ts';
import type { Lang, MessageKey } from '../../platform/i18n/index.ts';
import { formatEuros } from './money.ts';
import { formatDay } from '../../platform/i18n/intl.ts';

export const euros = (v: View, cents: number) => formatEuros(cents, v.lang);
/** Cents as the value of a euro input field ("1234,56"), empty for nothing. */
export const euroValue = (cents: number | undefined) => (cents === undefined ? '' : (cents / 100).toFixed(2).replace('.', ','));

const timeFmt = { nl: new Intl.DateTimeFormat('nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }), en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }) };
export const fmtDate = (v: View, iso: string) => formatDay(v.lang, iso);
export const fmtTime = (v: View, at: Date) => timeFmt[v.lang].format(at);

export const Badge: FC<{ children?: Child }> = ({ children }) => <span class="sb-badge">{children}</span>;

export const ButtonLink: FC<{ href: string; secondary?: boolean; children?: Child }> = ({ href, secondary, children }) => (
  <a class={`utrecht-button-link utrecht-button-link--html-a utrecht-button-link--${secondary ? 'secondary' : 'primary'}-action`} href={href}>
    {children}
  </a>
);

/**
 * Field errors for a form: what `formErrors` gives, plus this module's refusals that a person should read on the
 * page (a conflict of interest, not an assessor) rather than on a bare 403 page.
 */
export function pageErrors(err: unknown, lang: Lang, labels: Record<string, string> = {}): FieldError[] {
  if (err instanceof AppError && err.code === 'forbidden' && err.messageKey.startsWith('subsidies.')) {
    return [{ field: err.fields[0]?.field ?? 'form', message: translate(lang, err.messageKey as MessageKey, err.params) }];
  }
  return formErrors(err, lang, labels);
}

export const statusKey = (s: string) => `subsidies.status.${s}` as MessageKey;
export const sectionStatusKey = (s: string) => `subsidies.section.status.${s}` as MessageKey;
