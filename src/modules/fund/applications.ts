// Applications to the volunteer-organisation fund. A volunteer organisation without paid staff answers four short
// questions (who you are, what you do, for whom, the amount), one per page, checks its answers and sends them; the
// amount it was granted the year before is guaranteed and filled in. The fund's managers decide (amount and letter),
// name one contact person, record extra budget agreed in a personal conversation, and register payments.
// An application still waiting for its answer after the year's decision deadline is overdue.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { AppError, forbidden, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { users, userRoles } from '../../platform/auth/schema.ts';
import { getOrganisation, getOrganisationNames } from '../network/service.ts';
import { fundApplications, fundExtraBudgets, fundPayments, fundYears } from './schema.ts';
import { appliesFor, managesFund, readsApplication } from './policy.ts';
import { amountParam } from './money.ts';
import { centsSchema, fundFigures, getFundYear, getFundYearById, isoDate, supportOf, today, type FundYearView, type SupportView } from './years.ts';

export const applicationStatuses = ['draft', 'submitted', 'decided'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
/** The questions of the short application, in order (URL slugs of their pages). */
export const applicationSteps = ['wie', 'wat', 'voor-wie', 'bedrag'] as const;
export type ApplicationStep = (typeof applicationSteps)[number];

export interface ExtraBudgetView {
  id: string;
  conversationOn: string;
  /** Only for the fund's managers (null for the applicant). */
  notes: string | null;
  agreedCents: number;
}
export interface PaymentView {
  id: string;
  paidOn: string;
  amountCents: number;
  reference: string;
}

export interface ApplicationView {
  id: string;
  year: number;
  organisationId: string;
  organisationName: string;
  status: ApplicationStatus;
  whoWeAre: string;
  whatWeDo: string;
  forWhom: string;
  requestedCents: number | null;
  guaranteedCents: number;
  contact: { userId: string; name: string; email: string } | null;
  submittedAt: string | null;
  grantedCents: number | null;
  letterText: string;
  decidedOn: string | null;
  /** Submitted and still without an answer after the year's decision deadline. */
  overdue: boolean;
  decisionDeadline: string;
  extraBudgets: ExtraBudgetView[];
  payments: PaymentView[];
  /** granted + extra budget agreed */
  totalCents: number;
  paidCents: number;
}

type Row = typeof fundApplications.$inferSelect;

async function contactsById(ctx: ServiceContext, ids: string[]) {
  if (!ids.length) return new Map<string, { name: string; email: string }>();
  const rows = await ctx.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(and(eq(users.tenantId, ctx.tenant), inArray(users.id, ids)));
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email }]));
}

async function views(ctx: ServiceContext, fund: FundYearView, rows: Row[], full: boolean): Promise<ApplicationView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  // One after another: inside a transaction these share one connection.
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.organisationId))]);
  const contacts = await contactsById(ctx, [...new Set(rows.flatMap((r) => (r.contactUserId ? [r.contactUserId] : [])))]);
  const extras = await ctx.db.select().from(fundExtraBudgets).where(and(eq(fundExtraBudgets.tenantId, ctx.tenant), inArray(fundExtraBudgets.applicationId, ids))).orderBy(asc(fundExtraBudgets.conversationOn));
  const payments = await ctx.db.select().from(fundPayments).where(and(eq(fundPayments.tenantId, ctx.tenant), inArray(fundPayments.applicationId, ids))).orderBy(asc(fundPayments.paidOn));
  const d = today(ctx);
  return rows.map((r) => {
    const ex = extras.filter((e) => e.applicationId === r.id).map((e) => ({ id: e.id, conversationOn: e.conversationOn, notes: full ? e.notes : null, agreedCents: e.agreedCents }));
    const pay = payments.filter((p) => p.applicationId === r.id).map((p) => ({ id: p.id, paidOn: p.paidOn, amountCents: p.amountCents, reference: p.reference }));
    const contact = r.contactUserId ? contacts.get(r.contactUserId) : undefined;
    return {
      id: r.id,
      year: fund.year,
      organisationId: r.organisationId,
      organisationName: names.get(r.organisationId) ?? '',
      status: r.status as ApplicationStatus,
      whoWeAre: r.whoWeAre,
      whatWeDo: r.whatWeDo,
      forWhom: r.forWhom,
      requestedCents: r.requestedCents,
      guaranteedCents: r.guaranteedCents,
      contact: contact && r.contactUserId ? { userId: r.contactUserId, ...contact } : null,
      submittedAt: r.submittedAt ? r.submittedAt.toISOString() : null,
      grantedCents: r.status === 'decided' ? r.grantedCents : null,
      letterText: r.status === 'decided' ? r.letterText : '',
      decidedOn: r.status === 'decided' ? r.decidedOn : null,
      overdue: r.status === 'submitted' && d > fund.decisionDeadline,
      decisionDeadline: fund.decisionDeadline,
      extraBudgets: ex,
      payments: pay,
      totalCents: (r.status === 'decided' ? (r.grantedCents ?? 0) : 0) + ex.reduce((s, e) => s + e.agreedCents, 0),
      paidCents: pay.reduce((s, p) => s + p.amountCents, 0),
    };
  });
}

async function rowById(ctx: ServiceContext, id: string): Promise<Row> {
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [r] = await ctx.db.select().from(fundApplications).where(and(eq(fundApplications.tenantId, ctx.tenant), eq(fundApplications.id, id)));
  if (!r) throw notFound();
  return r;
}

/** One application with its fund year; "not found" for anyone who may not read it. */
export async function getApplication(ctx: ServiceContext, id: string): Promise<ApplicationView & { fund: FundYearView; support: SupportView[] }> {
  const actor = requireActor(ctx);
  const r = await rowById(ctx, id);
  const fund = await getFundYearById(ctx, r.fundYearId);
  if (!readsApplication(actor, fund, r)) throw notFound();
  const [v] = await views(ctx, fund, [r], managesFund(actor, fund));
  return { ...v, fund, support: await supportOf(ctx, fund, r.organisationId) };
}

/** Every application of a fund year, organisations in name order (the fund's managers). */
export async function listApplications(ctx: ServiceContext, year: number, filter: { overdue?: boolean } = {}): Promise<ApplicationView[]> {
  const actor = requireActor(ctx);
  const fund = await getFundYear(ctx, year);
  if (!managesFund(actor, fund)) throw forbidden();
  const rows = await ctx.db.select().from(fundApplications).where(and(eq(fundApplications.tenantId, ctx.tenant), eq(fundApplications.fundYearId, fund.id)));
  const list = (await views(ctx, fund, rows, true)).sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'nl'));
  return filter.overdue === undefined ? list : list.filter((a) => a.overdue === filter.overdue);
}

/** The applications of the actor's own organisation, newest year first. */
export async function listOwnApplications(ctx: ServiceContext): Promise<ApplicationView[]> {
  const actor = requireActor(ctx);
  if (!actor.organisationId || !appliesFor(actor, actor.organisationId)) return [];
  const rows = await ctx.db.select().from(fundApplications).where(and(eq(fundApplications.tenantId, ctx.tenant), eq(fundApplications.organisationId, actor.organisationId)));
  const out: ApplicationView[] = [];
  for (const r of rows) out.push(...(await views(ctx, await getFundYearById(ctx, r.fundYearId), [r], false)));
  return out.sort((a, b) => b.year - a.year);
}

/** What the organisation received in a year (granted + extra budget), or 0 when it had no decided application. */
async function totalGranted(ctx: ServiceContext, year: number, organisationId: string): Promise<{ cents: number; contactUserId: string | null }> {
  const [prev] = await ctx.db
    .select({ id: fundApplications.id, status: fundApplications.status, granted: fundApplications.grantedCents, contact: fundApplications.contactUserId })
    .from(fundApplications)
    .innerJoin(fundYears, and(eq(fundYears.tenantId, fundApplications.tenantId), eq(fundYears.id, fundApplications.fundYearId)))
    .where(and(eq(fundApplications.tenantId, ctx.tenant), eq(fundYears.year, year), eq(fundApplications.organisationId, organisationId)));
  if (!prev) return { cents: 0, contactUserId: null };
  const extras = await ctx.db.select({ c: fundExtraBudgets.agreedCents }).from(fundExtraBudgets).where(and(eq(fundExtraBudgets.tenantId, ctx.tenant), eq(fundExtraBudgets.applicationId, prev.id)));
  const granted = prev.status === 'decided' ? (prev.granted ?? 0) : 0;
  return { cents: granted + extras.reduce((s, e) => s + e.c, 0), contactUserId: prev.contact };
}

/** The organisation the actor applies for: its own, which must be a volunteer organisation. */
async function applicantOrganisation(ctx: ServiceContext) {
  const actor = requireActor(ctx);
  if (!actor.organisationId || !appliesFor(actor, actor.organisationId)) throw new AppError('forbidden', 'fund.error.noOrganisation');
  const org = await getOrganisation(ctx, actor.organisationId);
  if (org.type !== 'volunteer-organisation') throw new AppError('forbidden', 'fund.error.notVolunteerOrganisation');
  return org;
}

function requireWindowOpen(fund: FundYearView) {
  if (fund.window === 'before') throw new AppError('conflict', 'fund.error.notYetOpen', [], { date: fund.opensOn });
  if (fund.window === 'closed') throw new AppError('conflict', 'fund.error.windowClosed', [], { date: fund.closesOn });
}

/** The actor's organisation's application of a year, or null; with the amount guaranteed for it. */
export async function getOwnApplication(ctx: ServiceContext, year: number): Promise<{ fund: FundYearView; application: ApplicationView | null; guaranteedCents: number; organisation: { id: string; name: string } }> {
  const org = await applicantOrganisation(ctx);
  const fund = await getFundYear(ctx, year);
  const [r] = await ctx.db.select().from(fundApplications).where(and(eq(fundApplications.tenantId, ctx.tenant), eq(fundApplications.fundYearId, fund.id), eq(fundApplications.organisationId, org.id)));
  const application = r ? (await views(ctx, fund, [r], false))[0] : null;
  const guaranteedCents = application ? application.guaranteedCents : (await totalGranted(ctx, year - 1, org.id)).cents;
  return { fund, application, guaranteedCents, organisation: { id: org.id, name: org.name } };
}

/**
 * Starts (or returns) the organisation's application of a year while the window is open: last year's amount is
 * guaranteed and filled in as the amount asked, and last year's contact person stays the contact.
 */
export async function startApplication(ctx: ServiceContext, year: number): Promise<ApplicationView> {
  const own = await getOwnApplication(ctx, year);
  if (own.application) return own.application;
  requireWindowOpen(own.fund);
  const prev = await totalGranted(ctx, year - 1, own.organisation.id);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(fundApplications)
      .values({ tenantId: tx.tenant, fundYearId: own.fund.id, organisationId: own.organisation.id, guaranteedCents: prev.cents, requestedCents: prev.cents > 0 ? prev.cents : null, contactUserId: prev.contactUserId, createdBy: tx.actor?.userId || null })
      .onConflictDoNothing()
      .returning();
    if (row) await recordAudit(tx, { action: 'fund.application.started', subjectType: 'fund_application', subjectId: row.id, details: { year } });
    const again = await getOwnApplication(tx, year);
    return again.application!;
  });
}

const text = (max: number) => z.string().trim().min(1).max(max);
export const answerInputs = {
  wie: z.object({ whoWeAre: text(2000) }),
  wat: z.object({ whatWeDo: text(2000) }),
  'voor-wie': z.object({ forWhom: text(2000) }),
  bedrag: z.object({ requestedCents: centsSchema.refine((c) => c > 0, { message: 'fund.error.amountZero' }) }),
} as const;
export type AnswerInput = { whoWeAre?: string; whatWeDo?: string; forWhom?: string; requestedCents?: number };

async function draftOf(ctx: ServiceContext, year: number): Promise<{ fund: FundYearView; application: ApplicationView }> {
  const own = await getOwnApplication(ctx, year);
  if (!own.application) throw notFound();
  if (own.application.status !== 'draft') throw new AppError('conflict', 'fund.error.alreadySent');
  return { fund: own.fund, application: own.application };
}

function amountProblems(remaining: number, cents: number | null | undefined, field = 'requestedCents'): FieldError[] {
  if (cents === null || cents === undefined) return [];
  if (cents > remaining) return [{ field, message: 'fund.error.overRemaining', code: 'too_big', params: { amount: amountParam(Math.max(0, remaining)) } }];
  return [];
}

/**
 * Inside a write's transaction: locks the fund year's row (two managers deciding at once wait for each other) and
 * checks again that the amount fits in what is left, so the fund can never be committed beyond its budget.
 */
async function commitWithinBudget(tx: ServiceContext, fund: FundYearView, cents: number, field: string, alreadyCommittedHere = 0) {
  // The budget as it is now (read with the lock): a change of the year's budget at the same moment is seen here.
  const [locked] = await tx.db.select({ budgetCents: fundYears.budgetCents }).from(fundYears).where(and(eq(fundYears.tenantId, tx.tenant), eq(fundYears.id, fund.id))).for('update');
  const remaining = (await fundFigures(tx, { ...fund, budgetCents: locked?.budgetCents ?? fund.budgetCents })).remainingCents + alreadyCommittedHere;
  const problems = amountProblems(remaining, cents, field);
  if (problems.length) throw new AppError('validation', 'error.validation', problems);
}

/** Saves the answer of one question of the draft application. */
export async function saveAnswer(ctx: ServiceContext, year: number, step: ApplicationStep, raw: AnswerInput): Promise<ApplicationView> {
  const { fund, application } = await draftOf(ctx, year);
  requireWindowOpen(fund);
  const schema = answerInputs[step] as z.ZodObject;
  const remaining = step === 'bedrag' ? (await fundFigures(ctx, fund)).remainingCents : 0;
  const input = (await parseChecked(schema, raw, (p) => (step === 'bedrag' ? amountProblems(remaining, (p as AnswerInput).requestedCents) : []))) as AnswerInput;
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(fundApplications).set({ ...input, updatedAt: tx.now() }).where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, application.id)));
    return (await getOwnApplication(tx, year)).application!;
  });
}

/** Sends the draft: every question answered, inside the window, not more than the fund has left. */
export async function submitApplication(ctx: ServiceContext, year: number): Promise<ApplicationView> {
  const { fund, application: a } = await draftOf(ctx, year);
  requireWindowOpen(fund);
  const missing: FieldError[] = [];
  if (!a.whoWeAre) missing.push({ field: 'whoWeAre', message: 'fund.error.unanswered', code: 'required', label: 'fund.q.wie' });
  if (!a.whatWeDo) missing.push({ field: 'whatWeDo', message: 'fund.error.unanswered', code: 'required', label: 'fund.q.wat' });
  if (!a.forWhom) missing.push({ field: 'forWhom', message: 'fund.error.unanswered', code: 'required', label: 'fund.q.voor-wie' });
  if (!a.requestedCents) missing.push({ field: 'requestedCents', message: 'fund.error.unanswered', code: 'required', label: 'fund.q.bedrag' });
  missing.push(...amountProblems((await fundFigures(ctx, fund)).remainingCents, a.requestedCents));
  if (missing.length) throw new AppError('validation', 'error.validation', missing);
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(fundApplications)
      .set({ status: 'submitted', submittedAt: tx.now(), submittedBy: tx.actor?.userId || null, updatedAt: tx.now() })
      .where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, a.id), eq(fundApplications.status, 'draft')));
    await recordAudit(tx, { action: 'fund.application.submitted', subjectType: 'fund_application', subjectId: a.id, details: { year, requestedCents: a.requestedCents } });
    return (await getOwnApplication(tx, year)).application!;
  });
}

// ------------------------------------------------------------------ the managers' side

async function forManager(ctx: ServiceContext, id: string) {
  const actor = requireActor(ctx);
  const r = await rowById(ctx, id);
  const fund = await getFundYearById(ctx, r.fundYearId);
  if (!readsApplication(actor, fund, r)) throw notFound();
  if (!managesFund(actor, fund)) throw forbidden();
  return { row: r, fund };
}

export const decisionInput = z.object({
  grantedCents: centsSchema,
  letterText: z.string().trim().min(1).max(10_000),
  decidedOn: isoDate.optional(),
});
export type DecisionInput = z.input<typeof decisionInput>;

/**
 * Decides an application: the amount granted (at least the amount guaranteed, unless less was asked) and the letter.
 * A decision may be corrected; the amount never takes the fund past its budget.
 */
export async function decideApplication(ctx: ServiceContext, id: string, raw: DecisionInput) {
  const { row, fund } = await forManager(ctx, id);
  if (row.status === 'draft') throw new AppError('conflict', 'fund.error.notSubmitted');
  const figures = await fundFigures(ctx, fund);
  const available = figures.remainingCents + (row.status === 'decided' ? (row.grantedCents ?? 0) : 0);
  const floor = Math.min(row.guaranteedCents, row.requestedCents ?? row.guaranteedCents);
  const input = await parseChecked(decisionInput, raw, (p) => {
    const e: FieldError[] = [];
    if (p.grantedCents !== undefined && p.grantedCents < floor) e.push({ field: 'grantedCents', message: 'fund.error.belowGuaranteed', code: 'too_small', params: { amount: amountParam(floor) } });
    e.push(...amountProblems(available, p.grantedCents, 'grantedCents'));
    if (p.decidedOn && p.decidedOn > today(ctx)) e.push({ field: 'decidedOn', message: 'fund.error.future', code: 'too_big' });
    return e;
  });
  return inTransaction(ctx, async (tx) => {
    const [now] = await tx.db.select({ status: fundApplications.status, granted: fundApplications.grantedCents }).from(fundApplications).where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, id)));
    await commitWithinBudget(tx, fund, input.grantedCents, 'grantedCents', now?.status === 'decided' ? (now.granted ?? 0) : 0);
    await tx.db
      .update(fundApplications)
      .set({ status: 'decided', grantedCents: input.grantedCents, letterText: input.letterText, decidedOn: input.decidedOn ?? today(tx), decidedBy: tx.actor?.userId || null, updatedAt: tx.now() })
      .where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, id)));
    await recordAudit(tx, { action: 'fund.application.decided', subjectType: 'fund_application', subjectId: id, details: { grantedCents: input.grantedCents } });
    return getApplication(tx, id);
  });
}

/** People who can be an organisation's contact at the fund: policy advisors and contract managers. */
export async function listContactCandidates(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  requireActor(ctx);
  return ctx.db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .where(and(eq(users.tenantId, ctx.tenant), inArray(userRoles.role, ['policy_advisor', 'contract_manager'])))
    .orderBy(asc(users.name));
}

export const contactInput = z.object({ contactUserId: z.uuid() });

/** Names the one contact person of the organisation for this application. */
export async function setContact(ctx: ServiceContext, id: string, raw: z.input<typeof contactInput>) {
  await forManager(ctx, id);
  const candidates = await listContactCandidates(ctx);
  const input = await parseChecked(contactInput, raw, (p) => (p.contactUserId && !candidates.some((c) => c.id === p.contactUserId) ? [{ field: 'contactUserId', message: 'fund.error.unknownContact', code: 'unknown_reference' }] : []));
  return inTransaction(ctx, async (tx) => {
    await tx.db.update(fundApplications).set({ contactUserId: input.contactUserId, updatedAt: tx.now() }).where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, id)));
    await recordAudit(tx, { action: 'fund.application.contact', subjectType: 'fund_application', subjectId: id });
    return getApplication(tx, id);
  });
}

export const extraBudgetInput = z.object({
  conversationOn: isoDate,
  notes: z.string().trim().min(1).max(5000),
  agreedCents: centsSchema,
});
export type ExtraBudgetInput = z.input<typeof extraBudgetInput>;

/** Records a personal conversation about extra budget and the amount agreed (0 when none), within what is left. */
export async function recordExtraBudget(ctx: ServiceContext, id: string, raw: ExtraBudgetInput) {
  const { row, fund } = await forManager(ctx, id);
  if (row.status !== 'decided') throw new AppError('conflict', 'fund.error.extraBeforeDecision');
  const remaining = (await fundFigures(ctx, fund)).remainingCents;
  const input = await parseChecked(extraBudgetInput, raw, (p) => {
    const e = amountProblems(remaining, p.agreedCents, 'agreedCents');
    if (p.conversationOn && p.conversationOn > today(ctx)) e.push({ field: 'conversationOn', message: 'fund.error.future', code: 'too_big' });
    return e;
  });
  return inTransaction(ctx, async (tx) => {
    await commitWithinBudget(tx, fund, input.agreedCents, 'agreedCents');
    const [x] = await tx.db.insert(fundExtraBudgets).values({ tenantId: tx.tenant, applicationId: id, ...input, recordedBy: tx.actor?.userId || null }).returning({ id: fundExtraBudgets.id });
    await recordAudit(tx, { action: 'fund.extra.recorded', subjectType: 'fund_application', subjectId: id, details: { extraId: x.id, agreedCents: input.agreedCents } });
    return getApplication(tx, id);
  });
}

export const paymentInput = z.object({
  paidOn: isoDate,
  amountCents: centsSchema.refine((c) => c > 0, { message: 'fund.error.amountZero' }),
  reference: z.string().trim().max(200).default(''),
});
export type PaymentInput = z.input<typeof paymentInput>;

/** Registers a payment; the payments of an application never exceed what was granted plus extra budget. */
export async function recordPayment(ctx: ServiceContext, id: string, raw: PaymentInput) {
  const { row, fund } = await forManager(ctx, id);
  if (row.status !== 'decided') throw new AppError('conflict', 'fund.error.paymentBeforeDecision');
  const [current] = await views(ctx, fund, [row], true);
  const open = current.totalCents - current.paidCents;
  const input = await parseChecked(paymentInput, raw, (p) =>
    p.amountCents !== undefined && p.amountCents > open ? [{ field: 'amountCents', message: 'fund.error.overGranted', code: 'too_big', params: { amount: amountParam(open) } }] : [],
  );
  return inTransaction(ctx, async (tx) => {
    // Lock the application and count again: two payments registered at once never exceed what was granted.
    await tx.db.select({ id: fundApplications.id }).from(fundApplications).where(and(eq(fundApplications.tenantId, tx.tenant), eq(fundApplications.id, id))).for('update');
    const [fresh] = await views(tx, fund, [row], true);
    if (input.amountCents > fresh.totalCents - fresh.paidCents) throw new AppError('validation', 'error.validation', [{ field: 'amountCents', message: 'fund.error.overGranted', code: 'too_big', params: { amount: amountParam(fresh.totalCents - fresh.paidCents) } }]);
    const [x] = await tx.db.insert(fundPayments).values({ tenantId: tx.tenant, applicationId: id, ...input, recordedBy: tx.actor?.userId || null }).returning({ id: fundPayments.id });
    await recordAudit(tx, { action: 'fund.payment.recorded', subjectType: 'fund_application', subjectId: id, details: { paymentId: x.id, amountCents: input.amountCents } });
    return getApplication(tx, id);
  });
}
