// Shared input shapes of the subsidies module: amounts (cents as an integer from the API, euros as typed in a form),
// dates, and plain text. Messages are keys of this module (messages.ts).
import { z } from '../../platform/zod.ts';
import { parseEuros } from '../../platform/i18n/index.ts';
import { MAX_CENTS } from './money.ts';

const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' }).openapi({ format: 'date' });

/** The calendar date (YYYY-MM-DD) in the municipality at an instant. */
const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
export const localDate = (at: Date): string => dayFormat.format(at);

/**
 * An amount in cents: an integer (API) or euros as typed in a form ("1.234,56"). Negative amounts are refused
 * unless `signed`; the message names the reason.
 */
export const amount = (opts: { signed?: boolean } = {}) =>
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const cents = typeof v === 'number' ? (Number.isSafeInteger(v) ? v : null) : v.trim() === '' ? 0 : parseEuros(v);
    if (cents === null) {
      ctx.addIssue({ code: 'custom', message: typeof v === 'number' ? 'subsidies.error.wholeCents' : 'subsidies.error.amount' });
      return z.NEVER;
    }
    if (!opts.signed && cents < 0) {
      ctx.addIssue({ code: 'custom', message: 'subsidies.error.negative' });
      return z.NEVER;
    }
    if (Math.abs(cents) > MAX_CENTS) {
      ctx.addIssue({ code: 'custom', message: 'subsidies.error.tooLarge' });
      return z.NEVER;
    }
    return cents;
  });

export const text = (max: number) => z.string().trim().max(max);
export const requiredText = (max: number) => z.string().trim().min(1).max(max);
