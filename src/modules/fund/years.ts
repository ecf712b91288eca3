// Fund years: the budget of a year, its application window and decision deadline, and the figures at a glance —
// committed (granted + extra budget agreed), paid and remaining. Also the non-financial support given per organisation.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { AppError, forbidden, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { queryRows } from '../../platform/db/client.ts';
import { getOrganisation, organisationExists } from '../network/service.ts';
import { fundYears, fundSupport } from './schema.ts';
import { managesFund, readsFundFigures } from './policy.ts';
import { MAX_CENTS, amountParam } from './money.ts';

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today in the municipality (YYYY-MM-DD). */
export const today = (ctx: ServiceContext): string => dayFormat.format(ctx.now());
export const isIsoDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
export const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' }).openapi({ format: 'date' });
export const centsSchema = z.number().int().min(0, { message: 'fund.error.negative' }).max(MAX_CENTS);

export interface FundYearView {
  id: string;
  year: number;
  budgetCents: number;
  opensOn: string;
  closesOn: string;
  decisionDeadline: string;
  managerOrganisationId: string | null;
  source: string;
  note: string;
  /** before | open | closed: where today falls against the application window. */
  window: 'before' | 'open' | 'closed';
}

const view = (ctx: ServiceContext, r: typeof fundYears.$inferSelect): FundYearView => {
  const d = today(ctx);
  return {
    id: r.id,
    year: r.year,
    budgetCents: r.budgetCents,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    decisionDeadline: r.decisionDeadline,
    managerOrganisationId: r.managerOrganisationId,
    source: r.source,
    note: r.note,
    window: d < r.opensOn ? 'before' : d > r.closesOn ? 'closed' : 'open',
  };
};

/** Every fund year, newest first (any signed-in person: the years and their windows are not confidential). */
export async function listFundYears(ctx: ServiceContext): Promise<FundYearView[]> {
  requireActor(ctx);
  const rows = await ctx.db.select().from(fundYears).where(eq(fundYears.tenantId, ctx.tenant)).orderBy(desc(fundYears.year));
  return rows.map((r) => view(ctx, r));
}

/** One fund year by its year; "not found" when there is none. */
export async function getFundYear(ctx: ServiceContext, year: number): Promise<FundYearView> {
  requireActor(ctx);
  const [r] = await ctx.db.select().from(fundYears).where(and(eq(fundYears.tenantId, ctx.tenant), eq(fundYears.year, year)));
  if (!r) throw notFound();
  return view(ctx, r);
}

export async function getFundYearById(ctx: ServiceContext, id: string): Promise<FundYearView> {
  const [r] = await ctx.db.select().from(fundYears).where(and(eq(fundYears.tenantId, ctx.tenant), eq(fundYears.id, id)));
  if (!r) throw notFound();
  return view(ctx, r);
}

export const fundYearInput = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  budgetCents: centsSchema,
  opensOn: isoDate,
  closesOn: isoDate,
  decisionDeadline: isoDate,
  managerOrganisationId: z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable().optional()),
  source: z.string().trim().max(300).default(''),
  note: z.string().trim().max(2000).default(''),
});
export type FundYearInput = z.input<typeof fundYearInput>;

async function checkYear(ctx: ServiceContext, p: Partial<z.output<typeof fundYearInput>>, committedCents = 0): Promise<FieldError[]> {
  const e: FieldError[] = [];
  if (p.opensOn && p.closesOn && p.closesOn < p.opensOn) e.push({ field: 'closesOn', message: 'fund.error.closesBeforeOpens', code: 'too_small' });
  if (p.closesOn && p.decisionDeadline && p.decisionDeadline < p.closesOn) e.push({ field: 'decisionDeadline', message: 'fund.error.deadlineBeforeClose', code: 'too_small' });
  if (p.managerOrganisationId && !(await organisationExists(ctx, p.managerOrganisationId))) e.push({ field: 'managerOrganisationId', message: 'fund.error.unknownOrganisation', code: 'unknown_reference' });
  if (p.budgetCents !== undefined && p.budgetCents < committedCents) e.push({ field: 'budgetCents', message: 'fund.error.budgetBelowCommitted', code: 'too_small', params: { amount: amountParam(committedCents) } });
  return e;
}

/** Opens the fund of a year (policy advisors, administrators). */
export async function createFundYear(ctx: ServiceContext, raw: FundYearInput): Promise<FundYearView> {
  const actor = requireActor(ctx);
  if (!hasRole(actor, 'policy_advisor', 'administrator')) throw forbidden();
  const input = await parseChecked(fundYearInput, raw, (p) => checkYear(ctx, p));
  return inTransaction(ctx, async (tx) => {
    const [exists] = await tx.db.select({ id: fundYears.id }).from(fundYears).where(and(eq(fundYears.tenantId, tx.tenant), eq(fundYears.year, input.year)));
    if (exists) throw new AppError('conflict', 'fund.error.yearExists', [{ field: 'year', message: 'fund.error.yearExists', code: 'duplicate', params: { year: input.year } }], { year: input.year });
    const [row] = await tx.db.insert(fundYears).values({ tenantId: tx.tenant, ...input, managerOrganisationId: input.managerOrganisationId ?? null }).returning();
    await recordAudit(tx, { action: 'fund.year.created', subjectType: 'fund_year', subjectId: row.id, details: { year: input.year, budgetCents: input.budgetCents } });
    return view(tx, row);
  });
}

/** The fields of a year one may change (the year itself names it and stays); absent fields stay as they are (PATCH). */
export const fundYearPatch = fundYearInput.omit({ year: true }).extend({ source: z.string().trim().max(300), note: z.string().trim().max(2000) }).partial().strict();
export type FundYearPatch = z.input<typeof fundYearPatch>;

const yearKeys = ['budgetCents', 'opensOn', 'closesOn', 'decisionDeadline', 'managerOrganisationId', 'source', 'note'] as const;

/**
 * Changes a year's budget, window, deadline, manager, source or note (policy advisors, administrators); fields not
 * given stay as they are. The budget can never drop below what is committed (checked again inside the transaction
 * with the year's row locked, as decisions lock it, so a decision taken at the same moment cannot slip under it). One audit row names the changed fields.
 */
export async function updateFundYear(ctx: ServiceContext, year: number, patch: FundYearPatch): Promise<FundYearView> {
  const actor = requireActor(ctx);
  if (!hasRole(actor, 'policy_advisor', 'administrator')) throw forbidden();
  const current = await getFundYear(ctx, year);
  const figures = await fundFigures(ctx, current);
  const given = Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined));
  const merged = { ...Object.fromEntries(yearKeys.map((k) => [k, current[k]])), ...given, year };
  const input = await parseChecked(fundYearInput, merged, (p) => checkYear(ctx, p, figures.committedCents));
  const { year: _y, ...rest } = input;
  const after = { ...rest, managerOrganisationId: rest.managerOrganisationId ?? null };
  const changes = Object.fromEntries(yearKeys.filter((k) => current[k] !== after[k]).map((k) => [k, { before: current[k], after: after[k] }]));
  if (!Object.keys(changes).length) return current;
  return inTransaction(ctx, async (tx) => {
    // The year's row is locked as the decisions lock it (applications.ts), so they and this change take turns.
    await tx.db.select({ id: fundYears.id }).from(fundYears).where(and(eq(fundYears.tenantId, tx.tenant), eq(fundYears.id, current.id))).for('update');
    const committed = (await fundFigures(tx, current)).committedCents;
    if (after.budgetCents < committed) throw new AppError('validation', 'error.validation', [{ field: 'budgetCents', message: 'fund.error.budgetBelowCommitted', code: 'too_small', params: { amount: amountParam(committed) } }]);
    const [row] = await tx.db
      .update(fundYears)
      .set({ ...after, updatedAt: tx.now() })
      .where(and(eq(fundYears.tenantId, tx.tenant), eq(fundYears.id, current.id)))
      .returning();
    await recordAudit(tx, { action: 'fund.year.updated', subjectType: 'fund_year', subjectId: row.id, details: { year, budgetCents: after.budgetCents, changes } });
    return view(tx, row);
  });
}

export interface FundFigures {
  budgetCents: number;
  grantedCents: number;
  extraCents: number;
  /** granted + extra budget agreed */
  committedCents: number;
  paidCents: number;
  /** budget − committed */
  remainingCents: number;
  applications: { draft: number; submitted: number; decided: number; overdue: number };
}

/** The figures of a fund year, read in one statement (no access check: callers check). */
export async function fundFigures(ctx: ServiceContext, fund: FundYearView): Promise<FundFigures> {
  const [r] = await queryRows<{ granted: string; extra: string; paid: string; draft: number; submitted: number; decided: number; overdue: number }>(
    ctx.db,
    sql`select
      coalesce((select sum(granted_cents) from fund_applications where tenant_id = ${ctx.tenant} and fund_year_id = ${fund.id} and status = 'decided'), 0)::text as granted,
      coalesce((select sum(e.agreed_cents) from fund_extra_budgets e join fund_applications a on a.tenant_id = e.tenant_id and a.id = e.application_id where e.tenant_id = ${ctx.tenant} and a.fund_year_id = ${fund.id}), 0)::text as extra,
      coalesce((select sum(p.amount_cents) from fund_payments p join fund_applications a on a.tenant_id = p.tenant_id and a.id = p.application_id where p.tenant_id = ${ctx.tenant} and a.fund_year_id = ${fund.id}), 0)::text as paid,
      (select count(*) from fund_applications where tenant_id = ${ctx.tenant} and fund_year_id = ${fund.id} and status = 'draft')::int as draft,
      (select count(*) from fund_applications where tenant_id = ${ctx.tenant} and fund_year_id = ${fund.id} and status = 'submitted')::int as submitted,
      (select count(*) from fund_applications where tenant_id = ${ctx.tenant} and fund_year_id = ${fund.id} and status = 'decided')::int as decided,
      (select count(*) from fund_applications where tenant_id = ${ctx.tenant} and fund_year_id = ${fund.id} and status = 'submitted' and ${today(ctx)}::date > ${fund.decisionDeadline}::date)::int as overdue`,
  );
  const granted = Number(r.granted);
  const extra = Number(r.extra);
  return {
    budgetCents: fund.budgetCents,
    grantedCents: granted,
    extraCents: extra,
    committedCents: granted + extra,
    paidCents: Number(r.paid),
    remainingCents: fund.budgetCents - granted - extra,
    applications: { draft: Number(r.draft), submitted: Number(r.submitted), decided: Number(r.decided), overdue: Number(r.overdue) },
  };
}

/** The fund of a year at a glance: budget, committed, paid, remaining (managers, contract managers, auditors). */
export async function getFundOverview(ctx: ServiceContext, year: number): Promise<{ fund: FundYearView; figures: FundFigures }> {
  const actor = requireActor(ctx);
  if (!readsFundFigures(actor)) throw forbidden();
  const fund = await getFundYear(ctx, year);
  return { fund, figures: await fundFigures(ctx, fund) };
}

// ------------------------------------------------------------------ non-financial support

export const supportKinds = ['fundraising', 'network-meeting', 'training'] as const;
export type SupportKind = (typeof supportKinds)[number];

export const supportInput = z.object({
  organisationId: z.uuid(),
  kind: z.enum(supportKinds),
  givenOn: isoDate,
  description: z.string().trim().max(2000).default(''),
});
export type SupportInput = z.input<typeof supportInput>;

export interface SupportView {
  id: string;
  organisationId: string;
  kind: SupportKind;
  givenOn: string;
  description: string;
}

/** Records support given to a volunteer organisation in a fund year (the fund's managers). */
export async function recordSupport(ctx: ServiceContext, year: number, raw: SupportInput): Promise<SupportView> {
  const actor = requireActor(ctx);
  const fund = await getFundYear(ctx, year);
  if (!managesFund(actor, fund)) throw forbidden();
  const input = await parseChecked(supportInput, raw, async (p) => {
    if (!p.organisationId) return [];
    const org = await getOrganisation(ctx, p.organisationId).catch(() => null);
    if (!org) return [{ field: 'organisationId', message: 'fund.error.unknownOrganisation', code: 'unknown_reference' }];
    if (org.type !== 'volunteer-organisation') return [{ field: 'organisationId', message: 'fund.error.notVolunteerOrganisation', code: 'not_allowed' }];
    return [];
  });
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.insert(fundSupport).values({ tenantId: tx.tenant, fundYearId: fund.id, ...input, recordedBy: actor.userId || null }).returning();
    await recordAudit(tx, { action: 'fund.support.recorded', subjectType: 'fund_support', subjectId: row.id, details: { year, kind: input.kind } });
    return { id: row.id, organisationId: row.organisationId, kind: row.kind as SupportKind, givenOn: row.givenOn, description: row.description };
  });
}

/** Support of a fund year, optionally for one organisation (no access check: callers check). */
export async function supportOf(ctx: ServiceContext, fund: FundYearView, organisationId?: string): Promise<SupportView[]> {
  const where = [eq(fundSupport.tenantId, ctx.tenant), eq(fundSupport.fundYearId, fund.id)];
  if (organisationId) where.push(eq(fundSupport.organisationId, organisationId));
  const rows = await ctx.db.select().from(fundSupport).where(and(...where)).orderBy(asc(fundSupport.givenOn));
  return rows.map((r) => ({ id: r.id, organisationId: r.organisationId, kind: r.kind as SupportKind, givenOn: r.givenOn, description: r.description }));
}

/** Support of a fund year for the fund's managers. */
export async function listSupport(ctx: ServiceContext, year: number): Promise<SupportView[]> {
  const actor = requireActor(ctx);
  const fund = await getFundYear(ctx, year);
  if (!managesFund(actor, fund)) throw forbidden();
  return supportOf(ctx, fund);
}
