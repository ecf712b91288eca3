/** @jsxImportSource hono/jsx */
// Small pieces shared by the fund's pages: dates and amounts in the reader's language, a flag in words.
import type { Child } from 'hono/jsx';
import type { View } from '../../platform/ui/page.tsx';
import { formatCents } from './money.ts';
import { formatDay } from '../../platform/i18n/intl.ts';

export const fmtDate = (v: View, iso: string | null | undefined): string => formatDay(v.lang, iso);

export const euro = (v: View, cents: number | null | undefined): string => (cents === null || cents === undefined ? '' : formatCents(v.lang, cents));

/** A flag that says it in words (not by colour alone). */
export const Flag = ({ children }: { children?: Child }) => <strong class="sb-badge">{children}</strong>;

