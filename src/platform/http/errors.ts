// Domain errors and the one table that maps them to HTTP status codes.
import type { ZodError, core } from 'zod';
import { t, isMessageKey, type Lang, type MessageKey } from '../i18n/index.ts';

export type ErrorCode = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'payload_too_large' | 'unavailable';

export const statusByCode: Record<ErrorCode, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

export interface FieldError {
  field: string;
  message: string;
  code?: string;
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly messageKey: MessageKey,
    public readonly fields: FieldError[] = [],
    public readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
  get status() {
    return statusByCode[this.code];
  }
}

export const notFound = () => new AppError('not_found', 'error.notFound');
export const forbidden = () => new AppError('forbidden', 'error.forbidden');
export const invalid = (fields: FieldError[]) => new AppError('validation', 'error.validation', fields);

/** Field labels make messages readable: "E-mailadres is verplicht" rather than "email: Required". */
export type FieldLabels = Record<string, string>;

/** Turns zod issues into one Dutch (or English) message per field, all at once. */
export function zodFields(error: ZodError | { issues: core.$ZodIssue[] }, lang: Lang, labels: FieldLabels = {}): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    const label = labels[field] ?? labels[issue.path.map(String)[0] ?? ''] ?? field;
    out.push({ field, code: issue.code, message: `${label}: ${issueMessage(issue, lang)}` });
  }
  return out;
}

function issueMessage(issue: core.$ZodIssue, lang: Lang): string {
  const i = issue as core.$ZodIssue & Record<string, unknown>;
  // A schema may name its own message (a key of the dictionary), e.g. .regex(re, 'validation.periodCode').
  if (isMessageKey(issue.message)) return t(lang, issue.message, (i.params as Record<string, string>) ?? {});
  switch (issue.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null || i.input === '') return t(lang, 'validation.required');
      return t(lang, 'validation.invalidType', { expected: String(i.expected) });
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? t(lang, 'validation.required') : t(lang, 'validation.tooShort', { min: Number(i.minimum) });
      if (i.origin === 'array' || i.origin === 'set') return t(lang, 'validation.tooFewItems', { min: Number(i.minimum) });
      return t(lang, 'validation.tooSmall', { min: String(i.minimum) });
    case 'too_big':
      if (i.origin === 'string') return t(lang, 'validation.tooLong', { max: Number(i.maximum) });
      if (i.origin === 'array' || i.origin === 'set') return t(lang, 'validation.tooManyItems', { max: Number(i.maximum) });
      return t(lang, 'validation.tooBig', { max: String(i.maximum) });
    case 'invalid_format':
      if (i.format === 'email') return t(lang, 'validation.email');
      if (i.format === 'url') return t(lang, 'validation.url');
      if (i.format === 'datetime' || i.format === 'date') return t(lang, 'validation.date');
      return t(lang, 'validation.format');
    case 'invalid_value':
      return t(lang, 'validation.oneOf', { values: ((i.values as unknown[]) ?? []).map(String).join(', ') });
    case 'unrecognized_keys':
      return t(lang, 'validation.unknownKeys', { keys: ((i.keys as string[]) ?? []).join(', ') });
    case 'custom':
      return issue.message;
    default:
      return t(lang, 'validation.format');
  }
}
