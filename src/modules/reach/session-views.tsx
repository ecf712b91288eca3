/** @jsxImportSource hono/jsx */
// Small view parts of the session pages: dates and numbers in the reader's language, the stylesheet of the month
// form, and error messages of a month's rows ("Regel 3 (ma 2 maart): Reden: is verplicht").
import type { FC } from 'hono/jsx';
import { dateFormat, numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import type { Lang } from '../../platform/i18n/index.ts';
import { localiseFields, type FieldError } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { ID } from './policy.ts';

/** The `:id` parameter of the session routes (a uuid), as in policy.ts. */
export const SID = `:id{${ID}}`;


/** "ma 2 maart 2026" */
export const dayLabel = (lang: Lang, date: string) => dateFormat(localeOf(lang), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
/** "ma 2 mrt" */
export const shortDay = (lang: Lang, date: string) => dateFormat(localeOf(lang), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${date}T12:00:00Z`));
/** "maart 2026" */
export const monthLabel = (lang: Lang, month: string) => dateFormat(localeOf(lang), { timeZone: 'UTC', month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));
export const num = (lang: Lang, n: number) => numberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(n);
/** A number as a form shows it ("1,5" in Dutch). */
export const numInput = (lang: Lang, n: number) => (lang === 'nl' ? String(n).replace('.', ',') : String(n));

export const SESSIONS_CSS_URL = '/assets/reach/sessions.css';
export const SESSIONS_CSS = `
.sb-month-table .utrecht-textbox { width: 100%; min-width: 4.5rem; box-sizing: border-box; }
.sb-month-table .sb-reason { min-width: 10rem; }
.sb-month-table .utrecht-select { min-width: 9rem; }
.sb-month-table td, .sb-month-table th { vertical-align: top; }
.sb-cell-error { color: var(--utrecht-form-field-error-message-color, #a4000f); font-size: 0.9em; display: block; margin-top: 0.25rem; }
.sb-pager { display: flex; gap: 1.5rem; flex-wrap: wrap; margin-block: 1rem; }
.sb-dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 1rem; }
.sb-dl dt { font-weight: bold; }
.sb-dl dd { margin: 0; }
.sb-session-links { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; list-style: none; padding: 0; margin: 0; }
.sb-fingerprint { font-family: monospace; }
@media (max-width: 40rem) { .sb-dl { grid-template-columns: 1fr; } .sb-dl dd { margin-bottom: 0.5rem; } }
`;
export const SessionStyles: FC = () => <link rel="stylesheet" href={SESSIONS_CSS_URL} />;

/**
 * Field errors of a month form: `rows.N.field` gets the line and its date in front, so the summary says where.
 * `dates[N]` is the date of line N.
 */
export function monthErrors(fields: FieldError[], lang: Lang, dates: string[]): FieldError[] {
  return localiseFields(fields, lang).map((f) => {
    const m = /^rows\.(\d+)\./.exec(f.field);
    if (!m) return f;
    const i = Number(m[1]);
    const date = dates[i] ? dayLabel(lang, dates[i]) : '—';
    return { ...f, message: `${t(lang, 'reach.month.row', { n: i + 1, date })}: ${f.message}` };
  });
}
