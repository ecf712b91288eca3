// Helpers for HTML forms: read the body, and turn validation failures into field errors to show beside the form.
import type { Context } from 'hono';
import { ZodError } from 'zod';
import { AppError, localiseFields, translate, zodFields, type FieldError, type FieldLabels } from '../http/errors.ts';
import type { Lang } from '../i18n/index.ts';

export type FormBody = Record<string, string | string[]>;

export async function readForm(c: Context): Promise<FormBody> {
  const body = await c.req.parseBody({ all: true });
  const out: FormBody = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

export const str = (b: FormBody, k: string): string => {
  const v = b[k];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};
export const list = (b: FormBody, k: string): string[] => {
  const v = b[k];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
};
/** Textarea with one item per line → array of non-empty trimmed lines. */
export const lines = (s: string): string[] =>
  s
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Field errors to show on the form again, for errors a person can fix (bad input, a conflict).
 * Anything else is re-thrown to the error handler. Labels prefix the messages ("E-mailadres: is verplicht").
 */
export function formErrors(err: unknown, lang: Lang, labels: FieldLabels = {}): FieldError[] {
  if (err instanceof ZodError) return zodFields(err, lang, labels);
  if (err instanceof AppError && (err.code === 'validation' || err.code === 'conflict' || err.code === 'rate_limited')) {
    const kind = err.code === 'validation' ? {} : { kind: err.code };
    const labelOf = (field: string) => labels[field] ?? labels[field.split('.')[0]];
    const fields = localiseFields(err.fields, lang).map((f) => {
      const label = labelOf(f.field);
      return { ...f, ...kind, message: label && !f.message.startsWith(`${label}: `) ? `${label}: ${f.message}` : f.message };
    });
    return fields.length ? fields : [{ field: 'form', ...kind, message: translate(lang, err.messageKey, err.params) }];
  }
  throw err;
}
