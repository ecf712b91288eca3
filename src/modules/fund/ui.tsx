/** @jsxImportSource hono/jsx */
// Small pieces shared by the fund's pages: dates and amounts in the reader's language, a flag in words.
import type { Child } from 'hono/jsx';
import type { View } from '../../platform/ui/page.tsx';
import { formatCents } from './money.ts';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
export function fmtDate(v: View, iso: string | null | undefined): string {
  if (!iso) return '';
  const locale = v.lang === 'en' ? 'en-GB' : 'nl-NL';
  let f = dateFormats.get(locale);
  if (!f) dateFormats.set(locale, (f = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' })));
  return f.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
}

export const euro = (v: View, cents: number | null | undefined): string => (cents === null || cents === undefined ? '' : formatCents(v.lang, cents));

/** A flag that says it in words (not by colour alone). */
export const Flag = ({ children }: { children?: Child }) => <strong class="sb-badge">{children}</strong>;

/** A list of facts (term, value) as two columns. */
export const Facts = ({ items }: { items: [string, Child][] }) => (
  <dl class="sb-facts">
    {items.map(([k, val]) => (
      <>
        <dt>{k}</dt>
        <dd>{val}</dd>
      </>
    ))}
  </dl>
);
