// Errors as RFC 9457 problem details (JSON) or as an HTML error page, chosen by the request.
import type { Context } from 'hono';
import { ZodError } from 'zod';
import crypto from 'node:crypto';
import { AppError, zodFields, type FieldError } from './errors.ts';
import { t, isMessageKey, type Lang } from '../i18n/index.ts';
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

export function localiseFields(fields: FieldError[], lang: Lang): FieldError[] {
  return fields.map((f) => ({ ...f, message: isMessageKey(f.message) ? t(lang, f.message) : f.message }));
}

/** Normalises anything thrown into an AppError (unknown errors: null, logged with a reference). */
export function toAppError(err: unknown, lang: Lang): AppError | null {
  if (err instanceof AppError) return new AppError(err.code, err.messageKey, localiseFields(err.fields, lang), err.params);
  if (err instanceof ZodError) return new AppError('validation', 'error.validation', zodFields(err, lang));
  // Body too large, malformed JSON and similar client errors from the framework.
  const status = (err as { status?: number })?.status;
  if (status === 413) return new AppError('payload_too_large', 'error.payloadTooLarge');
  if (status === 400) return new AppError('validation', 'error.malformedBody', [{ field: 'body', message: t(lang, 'error.malformedBody') }]);
  return null;
}

export function problemFor(e: AppError, lang: Lang, instance: string): Problem {
  const p: Problem = { type: 'about:blank', title: t(lang, `status.${e.status}` as never), status: e.status, detail: t(lang, e.messageKey, e.params), instance };
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
