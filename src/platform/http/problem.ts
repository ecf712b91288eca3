// Errors as RFC 9457 problem details (JSON) or as an HTML error page, chosen by the request.
import type { Context } from 'hono';
import { ZodError } from 'zod';
import crypto from 'node:crypto';
import { AppError, statusTitleKey, localiseFields, translate, zodFields } from './errors.ts';
import { isMessageKey, t, type Lang } from '../i18n/index.ts';
import { log, describeError } from '../log.ts';
import { API_VERSION } from './api-version.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  invalidParams?: { name: string; code: string; reason: string }[];
}

export const wantsJson = (c: Context) => c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json');

export { localiseFields };

/** Normalises anything thrown into an AppError (unknown errors: null, logged with a reference). */
export function toAppError(err: unknown, lang: Lang): AppError | null {
  if (err instanceof AppError) return new AppError(err.code, err.messageKey, localiseFields(err.fields, lang), err.params);
  if (err instanceof ZodError) return new AppError('validation', 'error.validation', zodFields(err, lang));
  // Two writers raced for the same unique value (the service's own check saw it free): a conflict, not a crash.
  const unique = uniqueViolation(err);
  if (unique) {
    const label = isMessageKey(`field.${unique}`) ? `field.${unique}` : unique;
    return new AppError('conflict', 'error.unique', [{ field: unique, code: 'unique', message: 'error.uniqueField', params: { field: label } }], { field: label });
  }
  // Body too large, malformed JSON and similar client errors from the framework.
  const status = (err as { status?: number })?.status;
  if (status === 413) return new AppError('payload_too_large', 'error.payloadTooLarge');
  if (status === 400) return new AppError('validation', 'error.malformedBody', [{ field: 'body', message: t(lang, 'error.malformedBody') }]);
  return null;
}

/**
 * The field of a unique violation (SQLSTATE 23505), also when wrapped (drizzle puts the driver's error in `cause`):
 * the last column of the key that is not the tenant, in camelCase (`email`, `name`, `code`). Null for other errors.
 */
export function uniqueViolation(err: unknown): string | null {
  type PgError = { code?: string; detail?: string; constraint?: string; table?: string; cause?: unknown };
  for (let e = err as PgError | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code !== '23505') continue;
    // The key is in the detail; under row-level security PostgreSQL leaves the detail out, so the constraint's name
    // (`users_tenant_email_uq`: table, columns, suffix) names the columns instead.
    const fromDetail = /Key \(([^)]*)\)=/.exec(e.detail ?? '')?.[1].split(',').map((c) => c.trim().replace(/"/g, ''));
    const fromName = e.constraint && e.table && e.constraint.startsWith(`${e.table}_`) ? e.constraint.slice(e.table.length + 1).replace(/_(uq|key|pkey|unique)$/, '').split('_') : undefined;
    const columns = fromDetail ?? fromName ?? [];
    const column = columns.filter((c) => c !== 'tenant_id' && c !== 'tenant').at(-1) ?? 'body';
    return column.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  }
  return null;
}

export function problemFor(e: AppError, lang: Lang, instance: string): Problem {
  const p: Problem = { type: 'about:blank', title: t(lang, statusTitleKey(e.code)), status: e.status, detail: translate(lang, e.messageKey, e.params), instance };
  if (e.fields.length) p.invalidParams = e.fields.map((f) => ({ name: f.field, code: f.code ?? 'invalid', reason: f.message }));
  return p;
}

export function problemResponse(c: Context, p: Problem) {
  return c.body(JSON.stringify(p), p.status as 400, { 'Content-Type': 'application/problem+json', 'API-Version': API_VERSION });
}

export function internalProblem(c: Context, err: unknown, lang: Lang) {
  const ref = crypto.randomUUID();
  log.error('unhandled error', { ref, path: c.req.path, method: c.req.method, error: describeError(err) });
  return { ref, problem: { type: 'about:blank', title: t(lang, 'status.500'), status: 500, detail: t(lang, 'error.internal', { ref }), instance: c.req.path } satisfies Problem };
}
