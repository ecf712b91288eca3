// Domain errors and the one table that maps them to HTTP status codes.
import type { ZodError, ZodObject, ZodRawShape, core, output } from 'zod';
import { t, isMessageKey, type Lang, type MessageKey, type MessageParams } from '../i18n/index.ts';

export type ErrorCode = 'validation' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'rate_limited' | 'payload_too_large' | 'unsupported_media_type' | 'unavailable';

export const statusByCode = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

/** The title of an error's status ("Pagina niet gevonden"), one message per status code. */
export const statusTitleKey = (code: ErrorCode) => `status.${statusByCode[code]}` as const;

/**
 * One problem with one field. Services give `message` as a message key (with `params`) and may name the field's
 * label key; the edge (problem.ts `localiseFields`, forms) translates both in the reader's language. Text that is
 * not a key (a parser's own explanation) is shown as it is.
 */
export interface FieldError {
  /** Path of the field: `title`, `schedule.startDate`, `themes.0`. */
  field: string;
  message: string;
  /** Machine-readable reason (`too_small`, `unknown_reference`, …); the API's `invalidParams[].code`. */
  code?: string;
  /** Values for the message's placeholders; an amount as `money(cents)`, formatted in the reader's language. */
  params?: MessageParams;
  label?: MessageKey;
  /** What kind of error it belongs to when it is not a typing mistake (a conflict, too many attempts): forms head it differently. */
  kind?: 'conflict' | 'rate_limited';
}

export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly messageKey: MessageKey,
    public readonly fields: FieldError[] = [],
    public readonly params: MessageParams = {},
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

/**
 * Turns zod issues into one field error per field, all at once, as message keys with the field's label key
 * (`labelKeys[path]`, else `labelKeys[first segment]`); translated at the edge.
 */
export function zodIssueFields(error: ZodError | { issues: core.$ZodIssue[] }, labelKeys: Partial<Record<string, MessageKey>> = {}): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    const field = path.join('.') || 'body';
    if (seen.has(field)) continue;
    seen.add(field);
    const label = labelKeys[field] ?? labelKeys[path[0] ?? ''];
    out.push({ field, code: issue.code, ...issueMessage(issue), ...(label ? { label } : {}) });
  }
  return out;
}

/** Turns zod issues into one Dutch (or English) message per field, all at once, with labels as text. */
export function zodFields(error: ZodError | { issues: core.$ZodIssue[] }, lang: Lang, labels: FieldLabels = {}): FieldError[] {
  return zodIssueFields(error).map((f) => {
    const path = f.field.split('.');
    const label = labels[f.field] ?? labels[path[0] ?? ''] ?? f.field;
    return { field: f.field, code: f.code, message: `${label}: ${translate(lang, f.message, f.params)}` };
  });
}

/** A message key with its params (a param that is itself a key, like a weekday, is translated too); other text as is. */
export const translate = (lang: Lang, message: string, params?: MessageParams): string =>
  isMessageKey(message) ? t(lang, message, params && Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && isMessageKey(v) ? t(lang, v) : v]))) : message;

function issueMessage(issue: core.$ZodIssue): { message: string; params?: MessageParams } {
  const i = issue as core.$ZodIssue & Record<string, unknown>;
  // A schema may name its own message (a key of the dictionary), e.g. .regex(re, 'validation.periodCode').
  if (isMessageKey(issue.message)) return { message: issue.message, params: (i.params as Record<string, string>) ?? undefined };
  switch (issue.code) {
    case 'invalid_type':
      if (i.input === undefined || i.input === null || i.input === '') return { message: 'validation.required' };
      return { message: 'validation.invalidType', params: { expected: String(i.expected) } };
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? { message: 'validation.required' } : { message: 'validation.tooShort', params: { min: Number(i.minimum) } };
      if (i.origin === 'array' || i.origin === 'set') return { message: 'validation.tooFewItems', params: { min: Number(i.minimum) } };
      return { message: 'validation.tooSmall', params: { min: String(i.minimum) } };
    case 'too_big':
      if (i.origin === 'string') return { message: 'validation.tooLong', params: { max: Number(i.maximum) } };
      if (i.origin === 'array' || i.origin === 'set') return { message: 'validation.tooManyItems', params: { max: Number(i.maximum) } };
      return { message: 'validation.tooBig', params: { max: String(i.maximum) } };
    case 'invalid_format':
      if (i.format === 'email') return { message: 'validation.email' };
      if (i.format === 'url') return { message: 'validation.url' };
      if (i.format === 'datetime' || i.format === 'date') return { message: 'validation.date' };
      return { message: 'validation.format' };
    case 'invalid_value':
      return { message: 'validation.oneOf', params: { values: ((i.values as unknown[]) ?? []).map(String).join(', ') } };
    case 'unrecognized_keys':
      return { message: 'validation.unknownKeys', params: { keys: ((i.keys as string[]) ?? []).join(', ') } };
    case 'custom':
      return { message: issue.message };
    default:
      return { message: 'validation.format' };
  }
}

/**
 * Translates field errors at the edge: the message key with its params, the label key in front
 * ("Titel: is verplicht"). Already translated fields pass unchanged, so doing it twice is harmless.
 */
export function localiseFields(fields: FieldError[], lang: Lang): FieldError[] {
  return fields.map(({ label, params, ...f }) => {
    const message = translate(lang, f.message, params);
    return { ...f, message: label ? `${t(lang, label)}: ${message}` : message };
  });
}

/**
 * Parses an object input and checks its references in the same pass, so every problem is reported at once: when the
 * shape has errors, `references` still gets each field that is well-formed on its own (the others are left out).
 * Throws one 400 with the shape's and the references' field errors (message keys); returns the parsed input.
 */
export async function parseChecked<S extends ZodObject<ZodRawShape>>(schema: S, raw: unknown, references: (parts: Partial<output<S>>) => FieldError[] | Promise<FieldError[]>): Promise<output<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) {
    const errors = await references(parsed.data);
    if (errors.length) throw invalid(errors);
    return parsed.data;
  }
  const obj = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const parts: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const one = (field as unknown as { safeParse: (v: unknown) => { success: boolean; data?: unknown } }).safeParse(obj[key]);
    if (one.success && one.data !== undefined) parts[key] = one.data;
  }
  const shape = zodIssueFields(parsed.error);
  const refs = (await references(parts as Partial<output<S>>)).filter((r) => !shape.some((f) => f.field === r.field || f.field.startsWith(`${r.field}.`)));
  throw invalid([...shape, ...refs]);
}
