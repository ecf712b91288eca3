// Complaints (about an organisation or activity) and objections (against a decision): registered by the municipality
// (policy advisors, administrators), handled by a handler, received → in behandeling → afgehandeld with a decision.
// The deadline is data per type (complaint-deadline.ts); it may be extended once, with a reason. The complainant's
// name and contact are optional, shown only to the handler and the organisation concerned, and every read is audited.
import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsComplaints } from './schema.ts';
import { users, userRoles } from '../../platform/auth/schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { AppError, forbidden, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listThemes } from '../framework/service.ts';
import { organisationExists } from '../network/service.ts';
import { getActivitySummaries, deliversActivity } from '../catalogue/service.ts';
import { handlesComplaint, readsAllRegisters, readsComplaint, seesComplainant } from './policy.ts';
import { listComplaintTypes, type ComplaintTypeView } from './outflow-terms.ts';
import { deadlineOf, handledInTime, isIsoDate, isOverdue, localDate, daysBetween } from './complaint-deadline.ts';

export const complaintStatuses = ['received', 'in_progress', 'handled'] as const;
export type ComplaintStatus = (typeof complaintStatuses)[number];
export const complaintDecisions = ['well_founded', 'unfounded', 'partly', 'withdrawn'] as const;
export type ComplaintDecision = (typeof complaintDecisions)[number];

const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' }).openapi({ format: 'date' });
const optionalId = z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable().optional());

export const complaintInput = z.object({
  typeKey: z.string().trim().min(1).max(40),
  receivedDate: isoDate,
  subject: z.string().trim().min(1).max(300),
  description: z.string().trim().max(5000).default(''),
  decisionReference: z.string().trim().max(300).default(''),
  handlerUserId: optionalId,
  organisationId: optionalId,
  activityId: optionalId,
  themeSlug: z.string().trim().max(60).nullable().optional(),
  complainantName: z.string().trim().max(200).default(''),
  complainantContact: z.string().trim().max(300).default(''),
});
export type ComplaintInput = z.input<typeof complaintInput>;

export const progressInput = z.object({
  status: z.enum(complaintStatuses),
  decision: z.enum(complaintDecisions).nullable().optional(),
  decisionText: z.string().trim().max(5000).default(''),
  decidedDate: isoDate.nullable().optional(),
});
export type ProgressInput = z.input<typeof progressInput>;

export const extensionInput = z.object({ days: z.coerce.number().int().min(1).max(365).optional(), reason: z.string().trim().min(1).max(1000) });
export type ExtensionInput = z.input<typeof extensionInput>;

export interface ComplaintView {
  id: string;
  typeKey: string;
  type: ComplaintTypeView;
  receivedDate: string;
  subject: string;
  description: string;
  decisionReference: string;
  handlerUserId: string | null;
  handlerName: string | null;
  organisationId: string | null;
  activityId: string | null;
  themeSlug: string | null;
  status: ComplaintStatus;
  decision: ComplaintDecision | null;
  decisionText: string;
  decidedDate: string | null;
  extensionDays: number;
  extensionReason: string;
  deadline: string;
  overdue: boolean;
  handledInTime: boolean | null;
  /** Null when the reader may not see them. */
  complainant: { name: string; contact: string } | null;
}

const isUuid = (s: string) => z.uuid().safeParse(s).success;

async function typeMap(ctx: ServiceContext) {
  return new Map((await listComplaintTypes(ctx)).map((t) => [t.key, t]));
}

/** People who may handle complaints: policy advisors and administrators. */
export async function listHandlers(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  requireActor(ctx);
  const rows = await ctx.db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .where(and(eq(users.tenantId, ctx.tenant), inArray(userRoles.role, ['policy_advisor', 'administrator'])))
    .orderBy(asc(users.name));
  return rows;
}

function toView(ctx: ServiceContext, r: typeof effectsComplaints.$inferSelect, types: Map<string, ComplaintTypeView>, handlers: Map<string, string>): ComplaintView {
  const type = types.get(r.typeKey) ?? { key: r.typeKey, nameNl: r.typeKey, nameEn: r.typeKey, deadlineDays: 42, extensionDays: 0, legalBasis: '' };
  const facts = { receivedDate: r.receivedDate, deadlineDays: type.deadlineDays, extensionDays: r.extensionDays, status: r.status, decidedDate: r.decidedDate };
  return {
    id: r.id,
    typeKey: r.typeKey,
    type,
    receivedDate: r.receivedDate,
    subject: r.subject,
    description: r.description,
    decisionReference: r.decisionReference,
    handlerUserId: r.handlerUserId,
    handlerName: r.handlerUserId ? (handlers.get(r.handlerUserId) ?? null) : null,
    organisationId: r.organisationId,
    activityId: r.activityId,
    themeSlug: r.themeSlug,
    status: r.status as ComplaintStatus,
    decision: (r.decision as ComplaintDecision | null) ?? null,
    decisionText: r.decisionText,
    decidedDate: r.decidedDate,
    extensionDays: r.extensionDays,
    extensionReason: r.extensionReason,
    deadline: deadlineOf(facts),
    overdue: isOverdue(facts, localDate(ctx.now())),
    handledInTime: handledInTime(facts),
    complainant: seesComplainant(ctx.actor, r) && (r.complainantName || r.complainantContact) ? { name: r.complainantName, contact: r.complainantContact } : null,
  };
}

async function views(ctx: ServiceContext, rows: (typeof effectsComplaints.$inferSelect)[]) {
  const handlers = new Map((await listHandlers(ctx)).map((h) => [h.id, h.name]));
  const types = await typeMap(ctx);
  return rows.map((r) => toView(ctx, r, types, handlers));
}

/** One complaint; reading the complainant's details is audited. */
export async function getComplaint(ctx: ServiceContext, id: string): Promise<ComplaintView> {
  requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(effectsComplaints).where(and(eq(effectsComplaints.tenantId, ctx.tenant), eq(effectsComplaints.id, id)));
  if (!row || !readsComplaint(ctx.actor, row)) throw notFound();
  const [v] = await views(ctx, [row]);
  if (v.complainant) await recordAudit(ctx, { action: 'effects.complaint.complainant_read', subjectType: 'effects_complaint', subjectId: id });
  return v;
}

export const complaintFilters = z.object({
  overdue: z.enum(['true', 'false']).optional(),
  type: z.string().trim().max(40).optional(),
  organisation: z.uuid().optional(),
  activity: z.uuid().optional(),
  status: z.enum(complaintStatuses).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type ComplaintFilters = z.input<typeof complaintFilters>;

/** Complaints one may read (the list never shows the complainant). */
export async function listComplaints(ctx: ServiceContext, raw: ComplaintFilters = {}): Promise<ComplaintView[]> {
  const actor = requireActor(ctx);
  const f = await parseChecked(complaintFilters, raw, () => []);
  const where: SQL[] = [eq(effectsComplaints.tenantId, ctx.tenant)];
  if (!readsAllRegisters(actor) && !hasRole(actor, 'contract_manager')) {
    if (!hasRole(actor, 'partner_staff') || !actor.organisationId) throw forbidden();
    where.push(eq(effectsComplaints.organisationId, actor.organisationId));
  }
  if (f.type) where.push(eq(effectsComplaints.typeKey, f.type));
  if (f.organisation) where.push(eq(effectsComplaints.organisationId, f.organisation));
  if (f.activity) where.push(eq(effectsComplaints.activityId, f.activity));
  if (f.status) where.push(eq(effectsComplaints.status, f.status));
  const rows = await ctx.db.select().from(effectsComplaints).where(and(...where)).orderBy(desc(effectsComplaints.receivedDate)).limit(2000);
  const list = (await views(ctx, rows)).map((c) => ({ ...c, complainant: null }));
  return list.filter((c) => (f.overdue === undefined ? true : c.overdue === (f.overdue === 'true')) && (f.year === undefined || c.receivedDate.startsWith(String(f.year))));
}

async function checkComplaint(ctx: ServiceContext, p: Partial<z.output<typeof complaintInput>>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const unknown = (field: string) => errors.push({ field, message: 'effects.error.unknownKey', code: 'unknown_reference' });
  if (p.typeKey && !(await typeMap(ctx)).has(p.typeKey)) unknown('typeKey');
  if (p.receivedDate && p.receivedDate > localDate(ctx.now())) errors.push({ field: 'receivedDate', message: 'effects.complaint.error.future', code: 'too_big' });
  if (p.handlerUserId && !(await listHandlers(ctx)).some((h) => h.id === p.handlerUserId)) unknown('handlerUserId');
  if (p.organisationId && !(await organisationExists(ctx, p.organisationId))) unknown('organisationId');
  if (p.activityId) {
    const activity = (await getActivitySummaries(ctx, [p.activityId])).get(p.activityId);
    if (!activity) unknown('activityId');
    else if (p.organisationId && !deliversActivity(activity, p.organisationId)) errors.push({ field: 'activityId', message: 'effects.complaint.error.activityOfOtherOrganisation', code: 'invalid_reference' });
  }
  if (p.themeSlug && !(await listThemes(ctx)).some((t) => t.slug === p.themeSlug)) unknown('themeSlug');
  return errors;
}

/**
 * A complaint about an activity is about the organisation that runs it, and about its theme when it has one: both
 * follow from the catalogue when they are not given (so the figures per organisation and theme count it).
 */
async function withActivityContext<T extends { activityId?: string | null; organisationId?: string | null; themeSlug?: string | null }>(ctx: ServiceContext, input: T): Promise<T> {
  if (!input.activityId) return input;
  const activity = (await getActivitySummaries(ctx, [input.activityId])).get(input.activityId);
  if (!activity) return input;
  return { ...input, organisationId: input.organisationId || activity.organisationId, themeSlug: input.themeSlug || (activity.themes.length === 1 ? activity.themes[0] : null) };
}

export async function registerComplaint(ctx: ServiceContext, raw: ComplaintInput): Promise<ComplaintView> {
  const actor = requireActor(ctx);
  if (!readsAllRegisters(actor)) throw forbidden();
  const input = await withActivityContext(ctx, await parseChecked(complaintInput, raw, (p) => checkComplaint(ctx, p)));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(effectsComplaints)
      .values({ tenantId: tx.tenant, ...input, handlerUserId: input.handlerUserId ?? null, organisationId: input.organisationId ?? null, activityId: input.activityId ?? null, themeSlug: input.themeSlug || null, createdBy: actor.userId || null })
      .returning({ id: effectsComplaints.id });
    await recordAudit(tx, { action: 'effects.complaint.registered', subjectType: 'effects_complaint', subjectId: row.id, details: { typeKey: input.typeKey } });
    return getComplaint(tx, row.id);
  });
}

async function loadForHandling(ctx: ServiceContext, id: string) {
  const current = await getComplaint(ctx, id);
  if (!handlesComplaint(ctx.actor, current)) throw forbidden();
  return current;
}

/** Moves a complaint on: in behandeling, or afgehandeld with a decision and its date. */
export async function progressComplaint(ctx: ServiceContext, id: string, raw: ProgressInput): Promise<ComplaintView> {
  const current = await loadForHandling(ctx, id);
  const input = await parseChecked(progressInput, raw, (p) => {
    const e: FieldError[] = [];
    if (p.status === 'handled' && !p.decision) e.push({ field: 'decision', message: 'validation.required', code: 'required' });
    if (p.status === 'handled' && !p.decidedDate) e.push({ field: 'decidedDate', message: 'validation.required', code: 'required' });
    if (p.decidedDate && p.decidedDate < current.receivedDate) e.push({ field: 'decidedDate', message: 'effects.complaint.error.beforeReceived', code: 'too_small' });
    if (p.decidedDate && p.decidedDate > localDate(ctx.now())) e.push({ field: 'decidedDate', message: 'effects.complaint.error.future', code: 'too_big' });
    return e;
  });
  const handled = input.status === 'handled';
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(effectsComplaints)
      .set({ status: input.status, decision: handled ? input.decision! : null, decisionText: handled ? input.decisionText : '', decidedDate: handled ? input.decidedDate! : null, updatedAt: tx.now() })
      .where(and(eq(effectsComplaints.tenantId, tx.tenant), eq(effectsComplaints.id, id)));
    await recordAudit(tx, { action: handled ? 'effects.complaint.decided' : 'effects.complaint.updated', subjectType: 'effects_complaint', subjectId: id, details: { status: input.status, decision: input.decision ?? null } });
    return getComplaint(tx, id);
  });
}

/** Extends the deadline once, by at most the type's extension (default: all of it), with a reason. */
export async function extendComplaint(ctx: ServiceContext, id: string, raw: ExtensionInput): Promise<ComplaintView> {
  const current = await loadForHandling(ctx, id);
  if (current.status === 'handled') throw new AppError('conflict', 'effects.complaint.error.alreadyHandled');
  if (current.extensionDays > 0) throw new AppError('conflict', 'effects.complaint.error.alreadyExtended');
  if (current.type.extensionDays === 0) throw new AppError('conflict', 'effects.complaint.error.noExtension');
  const input = await parseChecked(extensionInput, raw, (p) =>
    p.days && p.days > current.type.extensionDays ? [{ field: 'days', message: 'validation.tooBig', code: 'too_big', params: { max: String(current.type.extensionDays) } }] : [],
  );
  const days = input.days ?? current.type.extensionDays;
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(effectsComplaints).set({ extensionDays: days, extensionReason: input.reason, updatedAt: tx.now() }).where(and(eq(effectsComplaints.tenantId, tx.tenant), eq(effectsComplaints.id, id)));
    await recordAudit(tx, { action: 'effects.complaint.extended', subjectType: 'effects_complaint', subjectId: id, details: { days } });
    return getComplaint(tx, id);
  });
}

export { daysBetween };
