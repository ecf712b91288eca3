// Quick entry for a weekly activity: a month of sessions on one form. The sheet lists every scheduled date of the
// month up to today and every session registered in the month; saving checks every line first (fields
// `rows.N.field`, all at once) and then upserts each line on (activity, date) in one transaction.
import { AppError, invalid, zodIssueFields, type FieldError } from '../../platform/http/errors.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { occurrenceDates, occurrenceHours, type ActivityView } from '../catalogue/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import { monthInput, monthRowInput, sessionLabelKeys, type MonthInput } from './session-input.ts';
import { registersSessionsFor } from './policy.ts';
import {
  activityForSessions,
  deliveringOrganisations,
  existingOn,
  onBehalf,
  otherOrganisation,
  prefixed,
  principleOptions,
  registeringOrganisation,
  rowErrors,
  sessionViews,
  today,
  upsertSession,
  validDate,
  type PrincipleOption,
  type SessionRow,
  type SessionView,
} from './sessions.ts';

export interface MonthRow {
  date: string;
  /** From the activity's schedule (otherwise a session registered on another date). */
  scheduled: boolean;
  session: SessionView | null;
  /** Registered by another organisation: shown, not editable here. */
  otherOrganisation: string | null;
}

export interface MonthSheet {
  activity: ActivityView;
  month: string;
  previous: string;
  next: string;
  /** The last day that may be registered in this month ('' when the whole month lies ahead). */
  until: string;
  rows: MonthRow[];
  defaultHours: number;
  principles: PrincipleOption[];
  /** The principles most sessions of the month have (the form's default for the month). */
  monthPrinciples: string[];
  organisations: { id: string; name: string }[];
}

export const monthBounds = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    return d.toISOString().slice(0, 7);
  };
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, previous: shift(-1), next: shift(1) };
};

export const validMonth = (s: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(s) && s >= '1970-01' && s <= '2199-12';

/** The month form: every scheduled date of the month up to today, and every session registered in the month. */
export async function getMonthSheet(ctx: ServiceContext, activityId: string, month: string): Promise<MonthSheet> {
  const a = await activityForSessions(ctx, activityId);
  if (!validMonth(month)) throw invalid([{ field: 'maand', code: 'invalid_format', message: 'reach.session.error.month', label: sessionLabelKeys.month }]);
  const b = monthBounds(month);
  const t = today(ctx);
  const until = t < b.from ? '' : t < b.to ? t : b.to;
  const scheduled = until ? occurrenceDates(a, b.from, until) : [];
  const existing = await existingOn(ctx, a.id, b.from, b.to);
  const views = new Map((await sessionViews(ctx, [...existing.values()])).map((s) => [s.date, s]));
  const dates = [...new Set([...scheduled, ...existing.keys()])].sort();
  const names = await getOrganisationNames(ctx, deliveringOrganisations(a));
  const rows = dates.map((date) => {
    const s = existing.get(date);
    const other = s && !registersSessionsFor(ctx.actor, s.organisationId) ? (names.get(s.organisationId) ?? '') : null;
    return { date, scheduled: scheduled.includes(date), session: other === null ? (views.get(date) ?? null) : null, otherOrganisation: other };
  });
  const sets = rows.filter((r) => r.session).map((r) => JSON.stringify([...r.session!.principles].sort()));
  const common = sets.sort((x, y) => sets.filter((s) => s === y).length - sets.filter((s) => s === x).length)[0];
  return {
    activity: a,
    month,
    previous: b.previous,
    next: b.next,
    until,
    rows,
    defaultHours: occurrenceHours(a),
    principles: await principleOptions(ctx, a),
    monthPrinciples: common ? (JSON.parse(common) as string[]) : [],
    organisations: deliveringOrganisations(a).map((id) => ({ id, name: names.get(id) ?? '' })),
  };
}

/**
 * Saves a month of sessions in one transaction: every row is checked first and all problems are reported at once
 * (fields `rows.N.field`); rows with status '' are left alone; a registered date is updated in place.
 */
export async function saveMonthSessions(ctx: ServiceContext, activityId: string, raw: MonthInput): Promise<{ saved: number }> {
  const a = await activityForSessions(ctx, activityId);
  const allowed = new Set((await principleOptions(ctx, a)).map((p) => p.key));
  const head = monthInput.safeParse(raw);
  const errors: FieldError[] = head.success ? [] : zodIssueFields(head.error, sessionLabelKeys);
  const monthPrinciples = head.success ? head.data.principles : [];
  errors.push(...rowErrors(ctx, a, allowed, { principles: monthPrinciples }));
  const rawRows = Array.isArray(raw.rows) ? raw.rows.slice(0, 62) : [];
  const rows = rawRows.map((r, i) => {
    const status = (r as { status?: unknown } | null)?.status;
    if (status === '' || status === undefined || status === null) return null;
    const p = monthRowInput.safeParse(r);
    if (!p.success) {
      errors.push(...prefixed(zodIssueFields(p.error, sessionLabelKeys), `rows.${i}.`));
      return null;
    }
    if (p.data.status === '') return null;
    errors.push(...rowErrors(ctx, a, allowed, p.data, `rows.${i}.`));
    return { i, ...p.data, status: p.data.status };
  });
  const b = head.success && validMonth(head.data.month) ? monthBounds(head.data.month) : null;
  const seen = new Map<string, number>();
  for (const r of rows) {
    if (!r) continue;
    if (b && validDate(r.date) && (r.date < b.from || r.date > b.to)) errors.push({ field: `rows.${r.i}.date`, code: 'too_big', message: 'reach.month.error.outsideMonth', label: sessionLabelKeys.date });
    if (seen.has(r.date)) errors.push({ field: `rows.${r.i}.date`, code: 'duplicate', message: 'reach.month.error.duplicateDate', label: sessionLabelKeys.date });
    seen.set(r.date, r.i);
  }
  const dates = rows.filter((r) => r && validDate(r.date)).map((r) => r!.date);
  const existing = dates.length ? await existingOn(ctx, a.id, dates.reduce((x, y) => (x < y ? x : y)), dates.reduce((x, y) => (x > y ? x : y))) : new Map<string, SessionRow>();
  for (const r of rows) {
    const s = r && existing.get(r.date);
    if (r && s && !registersSessionsFor(ctx.actor, s.organisationId)) errors.push(otherOrganisation(`rows.${r.i}.date`));
  }
  const org = registeringOrganisation(ctx, a, head.success ? head.data.organisationId : undefined);
  if ('error' in org) errors.push(org.error);
  if (errors.length || 'error' in org) throw invalid(errors);
  const todo = rows.filter((r): r is NonNullable<typeof r> => r !== null);
  return inTransaction(ctx, async (tx) => {
    for (const r of todo) {
      const s = existing.get(r.date);
      // A registered session stays its organisation's; the chosen organisation registers the new ones.
      const orgId = s ? s.organisationId : org.id;
      const row = await upsertSession(
        tx,
        a.id,
        r.date,
        { organisationId: orgId, status: r.status, cancelReason: r.cancelReason, hours: r.hours ?? (s ? Number(s.hours) : occurrenceHours(a)), volunteers: r.volunteers ?? (s ? s.volunteers : 0), headcount: r.headcount ?? (s ? s.headcount : 0), principles: r.keepPrinciples && s ? s.principles : monthPrinciples, source: 'form' },
        s?.organisationId,
      );
      if (!row) throw new AppError('conflict', 'reach.session.error.otherOrganisation', [otherOrganisation(`rows.${r.i}.date`)]);
    }
    if (todo.length) await recordAudit(tx, { action: 'reach.session_save', subjectType: 'activity', subjectId: a.id, ...onBehalf(tx, org.id), details: { month: head.data!.month, sessions: todo.length, created: todo.filter((r) => !existing.has(r.date)).length } });
    return { saved: todo.length };
  });
}

