// Level 1 — delivered as planned: what happened per session of an activity on a date (held or cancelled with a
// reason, hours, volunteers, the "wat werkt"-principles applied, a note), one session per (activity, date).
// Who: staff and volunteers of the activity's organisation or of one of its partner organisations, and
// administrators; the registering organisation is the actor's own (an administrator chooses). A session registered
// by one organisation is that organisation's: others get "not found" (or a conflict when they register its date).
import { and, asc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import { reachSessions, reachAttendance } from './schema.ts';
import { sessionInput, sessionLabelKeys, type SessionInput } from './session-input.ts';
import { registersSessionsFor } from './policy.ts';
import { AppError, invalid, notFound, zodIssueFields, type FieldError } from '../../platform/http/errors.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { getActivity, listDeliveredActivities, localDateOf, occurrenceHours, type ActivityView } from '../catalogue/service.ts';
import { listThemes } from '../framework/service.ts';

export type SessionRow = typeof reachSessions.$inferSelect;

export interface SessionView {
  id: string;
  activityId: string;
  organisationId: string;
  date: string;
  status: 'held' | 'cancelled';
  cancelReason: string;
  hours: number;
  volunteers: number;
  volunteerHours: number;
  principles: string[];
  headcount: number;
  importedAnonymous: number;
  note: string;
  source: string;
  /** Identified visits (one per resident). */
  identified: number;
  /** Visits = identified + headcount + imported anonymous; 0 for a cancelled session. */
  visits: number;
  updatedAt: Date;
}

export interface PrincipleOption {
  key: string;
  text: string;
  theme: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const roles = ['partner_staff', 'volunteer', 'administrator'] as const;
const round2 = (n: number) => Math.round(n * 100) / 100;

// ------------------------------------------------------------------ access

/** The organisations that deliver an activity: its own and its partner organisations. */
export const deliveringOrganisations = (a: Pick<ActivityView, 'organisationId' | 'partnerOrganisationIds'>): string[] => [a.organisationId, ...a.partnerOrganisationIds.filter((o) => o !== a.organisationId)];

/** The activity, if the actor registers sessions for one of the organisations delivering it; otherwise "not found". */
export async function activityForSessions(ctx: ServiceContext, activityId: string): Promise<ActivityView> {
  requireRole(ctx, ...roles);
  if (!UUID.test(activityId)) throw notFound();
  const a = await getActivity(ctx, activityId);
  if (!deliveringOrganisations(a).some((o) => registersSessionsFor(ctx.actor, o))) throw notFound();
  return a;
}

/** A session, if the actor registers for its organisation; otherwise "not found". */
export async function sessionRowFor(ctx: ServiceContext, id: string): Promise<SessionRow> {
  requireRole(ctx, ...roles);
  if (!UUID.test(id)) throw notFound();
  const [row] = await ctx.db
    .select()
    .from(reachSessions)
    .where(and(eq(reachSessions.tenantId, ctx.tenant), eq(reachSessions.id, id)));
  if (!row || !registersSessionsFor(ctx.actor, row.organisationId)) throw notFound();
  return row;
}

/** The organisation the actor registers for: their own, or (administrators) the chosen one; default the activity's. */
export function registeringOrganisation(ctx: ServiceContext, a: ActivityView, requested: string | undefined, current?: string): { id: string } | { error: FieldError } {
  const delivering = deliveringOrganisations(a);
  if (hasRole(ctx.actor, 'administrator')) {
    const id = requested ?? current ?? a.organisationId;
    return delivering.includes(id) ? { id } : { error: { field: 'organisationId', code: 'not_allowed', message: 'reach.session.error.notDelivering', label: sessionLabelKeys.organisationId } };
  }
  const own = ctx.actor?.organisationId ?? '';
  if (requested && requested !== own) return { error: { field: 'organisationId', code: 'not_allowed', message: 'reach.session.error.ownOrganisationOnly', label: sessionLabelKeys.organisationId } };
  return delivering.includes(own) ? { id: current ?? own } : { error: { field: 'organisationId', code: 'not_allowed', message: 'reach.session.error.notDelivering' } };
}

// ------------------------------------------------------------------ reading

/** Principles the activity's themes name (current framework), to choose from. */
export async function principleOptions(ctx: ServiceContext, a: Pick<ActivityView, 'themes'>): Promise<PrincipleOption[]> {
  const themes = (await listThemes(ctx)).filter((t) => a.themes.includes(t.slug));
  return themes.flatMap((t) => t.principleGroups.flatMap((g) => g.items.map((p) => ({ key: p.key, text: p.text, theme: t.name }))));
}

/** Today in the municipality (Amsterdam time). */
export const today = (ctx: ServiceContext) => localDateOf(ctx.now());

async function identifiedCounts(ctx: ServiceContext, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ctx.db
    .select({ id: reachAttendance.sessionId, n: sql<number>`count(*)::int` })
    .from(reachAttendance)
    .where(and(eq(reachAttendance.tenantId, ctx.tenant), inArray(reachAttendance.sessionId, ids)))
    .groupBy(reachAttendance.sessionId);
  return new Map(rows.map((r) => [r.id, Number(r.n)]));
}

export function toSessionView(r: SessionRow, identified: number): SessionView {
  const held = r.status === 'held';
  return {
    id: r.id,
    activityId: r.activityId,
    organisationId: r.organisationId,
    date: r.date,
    status: r.status,
    cancelReason: r.cancelReason,
    hours: Number(r.hours),
    volunteers: r.volunteers,
    volunteerHours: Number(r.volunteerHours),
    principles: r.principles,
    headcount: r.headcount,
    importedAnonymous: r.importedAnonymous,
    note: r.note,
    source: r.source,
    identified,
    visits: held ? identified + r.headcount + r.importedAnonymous : 0,
    updatedAt: r.updatedAt,
  };
}

export async function sessionViews(ctx: ServiceContext, rows: SessionRow[]): Promise<SessionView[]> {
  const counts = await identifiedCounts(ctx, rows.map((r) => r.id));
  return rows.map((r) => toSessionView(r, counts.get(r.id) ?? 0));
}

/** One session with its counts. */
export async function getSession(ctx: ServiceContext, id: string): Promise<SessionView> {
  const row = await sessionRowFor(ctx, id);
  return (await sessionViews(ctx, [row]))[0];
}

export interface SessionQuery {
  activityId?: string;
  organisationId?: string;
  from?: string;
  to?: string;
}

/**
 * Sessions the actor's organisation registered (administrators: every organisation's, or the chosen one's), by date.
 * With `activityId`, the activity must be one the actor registers for.
 */
export async function listSessions(ctx: ServiceContext, q: SessionQuery = {}): Promise<SessionView[]> {
  requireRole(ctx, ...roles);
  const errors: FieldError[] = [];
  for (const f of ['from', 'to'] as const) if (q[f] !== undefined && !validDate(q[f])) errors.push({ field: f, code: 'invalid_format', message: 'validation.date' });
  if (q.organisationId !== undefined && !UUID.test(q.organisationId)) errors.push({ field: 'organisation', code: 'invalid_format', message: 'reach.session.error.organisation' });
  if (errors.length) throw invalid(errors);
  if (q.activityId !== undefined) await activityForSessions(ctx, q.activityId);
  const admin = hasRole(ctx.actor, 'administrator');
  const org = admin ? q.organisationId : (ctx.actor?.organisationId ?? undefined);
  if (!admin && (!org || (q.organisationId && q.organisationId !== org))) return [];
  const w = [eq(reachSessions.tenantId, ctx.tenant)];
  if (org) w.push(eq(reachSessions.organisationId, org));
  if (q.activityId) w.push(eq(reachSessions.activityId, q.activityId));
  if (q.from) w.push(gte(reachSessions.date, q.from));
  if (q.to) w.push(lte(reachSessions.date, q.to));
  const rows = await ctx.db
    .select()
    .from(reachSessions)
    .where(and(...w))
    .orderBy(asc(reachSessions.date), asc(reachSessions.activityId))
    .limit(5000);
  return sessionViews(ctx, rows);
}

/** A real calendar date, YYYY-MM-DD. */
export function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

// ------------------------------------------------------------------ checks shared by one session and a month

interface RowFacts {
  date?: string;
  status?: string;
  cancelReason?: string;
  principles?: string[];
}

/** Date (real, not after today, not before the activity's start), a reason when cancelled, known principle keys. */
export function rowErrors(ctx: ServiceContext, a: ActivityView, allowed: Set<string>, r: RowFacts, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const label = (k: keyof typeof sessionLabelKeys) => sessionLabelKeys[k];
  if (r.date !== undefined) {
    if (!validDate(r.date)) errors.push({ field: `${prefix}date`, code: 'invalid_format', message: 'validation.date', label: label('date') });
    else if (r.date > today(ctx)) errors.push({ field: `${prefix}date`, code: 'too_big', message: 'reach.session.error.future', label: label('date') });
    else if (r.date < a.schedule.startDate) errors.push({ field: `${prefix}date`, code: 'too_small', message: 'reach.session.error.beforeStart', params: { date: a.schedule.startDate }, label: label('date') });
  }
  if (r.status === 'cancelled' && !r.cancelReason) errors.push({ field: `${prefix}cancelReason`, code: 'required', message: 'reach.session.error.reasonRequired', label: label('cancelReason') });
  (r.principles ?? []).forEach((k, i) => {
    if (!allowed.has(k)) errors.push({ field: `${prefix}principles.${i}`, code: 'unknown_reference', message: 'reach.session.error.unknownPrinciple', params: { key: k.slice(0, 60) }, label: label('principles') });
  });
  return errors;
}

export const prefixed = (fields: FieldError[], prefix: string) => fields.map((f) => ({ ...f, field: `${prefix}${f.field}` }));

interface UpsertValues {
  organisationId: string;
  status: 'held' | 'cancelled';
  cancelReason: string;
  hours: number;
  volunteers?: number;
  volunteerHours?: number;
  principles?: string[];
  headcount?: number;
  note?: string;
  source: string;
}

/** Insert or update the session of (activity, date); null when another organisation registered that date. */
export async function upsertSession(tx: ServiceContext, activityId: string, date: string, v: UpsertValues, previousOrganisation?: string): Promise<SessionRow | null> {
  const now = tx.now();
  const set = {
    organisationId: v.organisationId,
    status: v.status,
    cancelReason: v.status === 'cancelled' ? v.cancelReason : '',
    hours: round2(v.hours),
    ...(v.volunteers !== undefined ? { volunteers: v.volunteers } : {}),
    ...(v.volunteerHours !== undefined ? { volunteerHours: round2(v.volunteerHours) } : {}),
    ...(v.principles !== undefined ? { principles: v.principles } : {}),
    ...(v.headcount !== undefined ? { headcount: v.headcount } : {}),
    ...(v.note !== undefined ? { note: v.note } : {}),
    source: v.source,
    updatedAt: now,
  };
  const [row] = await tx.db
    .insert(reachSessions)
    .values({ tenantId: tx.tenant, activityId, date, createdBy: tx.actor?.userId || null, ...set })
    .onConflictDoUpdate({
      target: [reachSessions.tenantId, reachSessions.activityId, reachSessions.date],
      set,
      setWhere: eq(reachSessions.organisationId, previousOrganisation ?? v.organisationId),
    })
    .returning();
  if (!row) return null;
  if (previousOrganisation && previousOrganisation !== v.organisationId) {
    await tx.db
      .update(reachAttendance)
      .set({ organisationId: v.organisationId })
      .where(and(eq(reachAttendance.tenantId, tx.tenant), eq(reachAttendance.sessionId, row.id)));
  }
  return row;
}

export async function existingOn(ctx: ServiceContext, activityId: string, from: string, to: string): Promise<Map<string, SessionRow>> {
  const rows = await ctx.db
    .select()
    .from(reachSessions)
    .where(and(eq(reachSessions.tenantId, ctx.tenant), eq(reachSessions.activityId, activityId), gte(reachSessions.date, from), lte(reachSessions.date, to)));
  return new Map(rows.map((r) => [r.date, r]));
}

export const otherOrganisation = (field: string): FieldError => ({ field, code: 'conflict', message: 'reach.session.error.otherOrganisation', label: sessionLabelKeys.date });

// ------------------------------------------------------------------ one session

/** Registers (or corrects) the session of an activity on a date: one per (activity, date). */
export async function saveSession(ctx: ServiceContext, activityId: string, raw: SessionInput | Record<string, unknown>, source: 'form' | 'api' = 'form'): Promise<SessionView> {
  const a = await activityForSessions(ctx, activityId);
  const allowed = new Set((await principleOptions(ctx, a)).map((p) => p.key));
  const parsed = sessionInput.safeParse(raw);
  const obj = (raw ?? {}) as Record<string, unknown>;
  const facts: RowFacts = parsed.success
    ? parsed.data
    : {
        date: typeof obj.date === 'string' ? obj.date : undefined,
        status: typeof obj.status === 'string' ? obj.status : undefined,
        cancelReason: typeof obj.cancelReason === 'string' ? obj.cancelReason.trim() : undefined,
        principles: Array.isArray(obj.principles) ? obj.principles.filter((k): k is string => typeof k === 'string') : undefined,
      };
  const shape = parsed.success ? [] : zodIssueFields(parsed.error, sessionLabelKeys);
  const refs = rowErrors(ctx, a, allowed, facts).filter((r) => !shape.some((f) => f.field === r.field || f.field.startsWith(`${r.field}.`)));
  const existing = facts.date && validDate(facts.date) ? (await existingOn(ctx, a.id, facts.date, facts.date)).get(facts.date) : undefined;
  if (existing && !registersSessionsFor(ctx.actor, existing.organisationId)) throw new AppError('conflict', 'reach.session.error.otherOrganisation', [otherOrganisation('date')]);
  const org = registeringOrganisation(ctx, a, parsed.success ? parsed.data.organisationId : undefined, existing?.organisationId);
  const errors = [...shape, ...refs, ...('error' in org ? [org.error] : [])];
  if (errors.length || !parsed.success || 'error' in org) throw invalid(errors);
  const d = parsed.data;
  return inTransaction(ctx, async (tx) => {
    const row = await upsertSession(
      tx,
      a.id,
      d.date,
      { organisationId: org.id, status: d.status, cancelReason: d.cancelReason, hours: d.hours ?? (existing ? Number(existing.hours) : occurrenceHours(a)), volunteers: d.volunteers ?? 0, volunteerHours: d.volunteerHours ?? 0, principles: d.principles, headcount: d.headcount ?? (existing?.headcount ?? 0), note: d.note, source },
      existing?.organisationId,
    );
    if (!row) throw new AppError('conflict', 'reach.session.error.otherOrganisation', [otherOrganisation('date')]);
    await recordAudit(tx, { action: 'reach.session_save', subjectType: 'reach_session', subjectId: row.id, ...onBehalf(tx, org.id), details: { activityId: a.id, date: d.date, status: d.status, created: !existing } });
    return (await sessionViews(tx, [row]))[0];
  });
}

/** The PUT of the API: the date from the path, the rest from the body. */
export function putSession(ctx: ServiceContext, activityId: string, date: string, body: Record<string, unknown>): Promise<SessionView> {
  return saveSession(ctx, activityId, { ...body, date }, 'api');
}

export const onBehalf = (ctx: ServiceContext, organisationId: string) => (ctx.actor?.organisationId !== organisationId ? { onBehalfOf: { organisationId } } : {});

// ------------------------------------------------------------------ the overview

export interface DeliveredActivity {
  activity: ActivityView;
  /** The organisation delivers it as a partner of the activity's own organisation. */
  asPartner: boolean;
  months: { month: string; sessions: SessionView[] }[];
}

/** An organisation's activities (own and as partner) with the sessions it registered since `from`, per month. */
export async function listDeliveredSessions(ctx: ServiceContext, organisationId: string, from: string): Promise<DeliveredActivity[]> {
  requireRole(ctx, ...roles);
  if (!UUID.test(organisationId) || !registersSessionsFor(ctx.actor, organisationId)) throw notFound();
  const acts = await listDeliveredActivities(ctx, organisationId);
  const rows = acts.length
    ? await ctx.db
        .select()
        .from(reachSessions)
        .where(and(eq(reachSessions.tenantId, ctx.tenant), eq(reachSessions.organisationId, organisationId), gte(reachSessions.date, from), inArray(reachSessions.activityId, acts.map((x) => x.id))))
        .orderBy(asc(reachSessions.date))
    : [];
  const views = await sessionViews(ctx, rows);
  return acts.map((activity) => {
    const mine = views.filter((s) => s.activityId === activity.id);
    const months = [...new Set(mine.map((s) => s.date.slice(0, 7)))].sort().reverse();
    return { activity, asPartner: activity.organisationId !== organisationId, months: months.map((month) => ({ month, sessions: mine.filter((s) => s.date.startsWith(month)) })) };
  });
}
