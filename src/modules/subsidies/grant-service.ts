// Grants (verleningsbeschikkingen) per organisation for the years of a call's period, and the decisions that
// change them: adjustment (up or down, with a reason) and indexation of a year by a percentage. Every decision is a
// version that keeps the full amounts per year after it (subsidy_decision_years), so history is never rewritten and
// the balance over the years is always the latest version. The arithmetic is in money.ts.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { subsidyGrants, subsidyDecisions, subsidyDecisionYears, subsidyApplications, subsidyTables, subsidySroiMeasures } from './schema.ts';
import { amount, isoDate, localDate, requiredText, text } from './input.ts';
import { managesSubsidies, readsAllSubsidies, readsGrant } from './policy.ts';
import { getCall, listCalls, tableMembers, yearsOf, type CallSummary } from './call-service.ts';
import { advanceDates, advances, advanceSchedules, applyChange, sroiObligation, sumYears, totalOf, type AdvanceSchedule, type Change, type YearAmount } from './money.ts';
import { AppError, forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { uniqueViolation } from '../../platform/http/problem.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { getOrganisationNames, organisationExists, isStaffOf } from '../network/service.ts';
import { listThemes } from '../framework/service.ts';

const isUuid = (s: string) => z.uuid().safeParse(s).success;
export const sroiKinds = ['job', 'work_experience', 'internship'] as const;

export interface DecisionView {
  number: number;
  kind: 'grant' | 'adjustment' | 'indexation';
  /** The decision's own reference: the grant's, and /N for later decisions. */
  reference: string;
  year: number | null;
  basisPoints: number | null;
  reason: string;
  decidedOn: string;
  decidedBy: string;
  deltaCents: number;
  years: YearAmount[];
  totalCents: number;
}

export interface BalanceRow {
  year: number;
  grantedCents: number;
  adjustedCents: number;
  indexedCents: number;
  currentCents: number;
  wageCents: number;
  otherCents: number;
  /** Advances due on or before today. */
  paidCents: number;
  cumulativeCents: number;
}

export interface SroiYear {
  year: number;
  obligationCents: number;
  registeredCents: number;
  shortfallCents: number;
  measures: { kind: (typeof sroiKinds)[number]; places: number; valueCents: number; description: string }[];
}

export interface GrantSummary {
  id: string;
  reference: string;
  organisationId: string;
  organisationName: string;
  callId: string;
  periodCode: string;
  themeSlug: string | null;
  themeName: string;
  joint: boolean;
  decisions: number;
  years: YearAmount[];
  totalCents: number;
}

export interface GrantView extends GrantSummary {
  applicationId: string | null;
  conditions: string;
  reporting: string;
  advances: AdvanceSchedule;
  decisionList: DecisionView[];
  balance: BalanceRow[];
  schedule: { year: number; dates: { date: string; cents: number; due: boolean }[] }[];
  sroi: SroiYear[];
  may: { decide: boolean; registerSroi: boolean };
}

// ------------------------------------------------------------------ reading

type GrantRow = typeof subsidyGrants.$inferSelect;

async function decisionsOf(ctx: ServiceContext, grantIds: string[]) {
  if (!grantIds.length) return { decisions: [], years: [] };
  const decisions = await ctx.db.select().from(subsidyDecisions).where(and(eq(subsidyDecisions.tenantId, ctx.tenant), inArray(subsidyDecisions.grantId, grantIds))).orderBy(asc(subsidyDecisions.grantId), asc(subsidyDecisions.number));
  const years = decisions.length
    ? await ctx.db.select().from(subsidyDecisionYears).where(and(eq(subsidyDecisionYears.tenantId, ctx.tenant), inArray(subsidyDecisionYears.decisionId, decisions.map((d) => d.id)))).orderBy(asc(subsidyDecisionYears.year))
    : [];
  return { decisions, years };
}

function decisionViews(grant: GrantRow, decisions: (typeof subsidyDecisions.$inferSelect)[], years: (typeof subsidyDecisionYears.$inferSelect)[]): DecisionView[] {
  return decisions
    .filter((d) => d.grantId === grant.id)
    .map((d) => {
      const ys = years.filter((y) => y.decisionId === d.id).map((y) => ({ year: y.year, wageCents: y.wageCents, otherCents: y.otherCents }));
      return { number: d.number, kind: d.kind as DecisionView['kind'], reference: d.number === 1 ? grant.reference : `${grant.reference}/${d.number}`, year: d.year, basisPoints: d.basisPoints, reason: d.reason, decidedOn: d.decidedOn, decidedBy: d.decidedBy, deltaCents: d.deltaCents, years: ys, totalCents: sumYears(ys) };
    });
}

async function summaries(ctx: ServiceContext, rows: GrantRow[], calls: CallSummary[]): Promise<{ summary: GrantSummary; decisions: DecisionView[] }[]> {
  const { decisions, years } = await decisionsOf(ctx, rows.map((r) => r.id));
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.organisationId))]);
  const themeNames = new Map<string, string>();
  for (const code of new Set(calls.map((c) => c.periodCode))) for (const t of await listThemes(ctx, code).catch(() => [])) themeNames.set(`${code}/${t.slug}`, t.name);
  return rows.map((r) => {
    const call = calls.find((c) => c.id === r.callId);
    const ds = decisionViews(r, decisions, years);
    const latest = ds[ds.length - 1];
    return {
      decisions: ds,
      summary: {
        id: r.id,
        reference: r.reference,
        organisationId: r.organisationId,
        organisationName: names.get(r.organisationId) ?? '',
        callId: r.callId,
        periodCode: call?.periodCode ?? '',
        themeSlug: r.themeSlug,
        themeName: r.themeSlug ? (themeNames.get(`${call?.periodCode}/${r.themeSlug}`) ?? r.themeSlug) : '',
        joint: r.joint,
        decisions: ds.length,
        years: latest?.years ?? [],
        totalCents: latest?.totalCents ?? 0,
      },
    };
  });
}

export const grantFilter = z.object({
  organisation: z.uuid().optional(),
  year: z.coerce.number().int().min(1900).max(2200).optional(),
  call: z.uuid().optional(),
});
export type GrantFilter = z.input<typeof grantFilter>;

/** Grants the actor may see (partner staff: their organisation's), with the amounts per year of the latest version. */
export async function listGrants(ctx: ServiceContext, raw: GrantFilter = {}): Promise<GrantSummary[]> {
  const actor = requireActor(ctx);
  const f = await parseChecked(grantFilter, raw, () => []);
  const where = [eq(subsidyGrants.tenantId, ctx.tenant)];
  if (!readsAllSubsidies(actor)) {
    if (!hasRole(actor, 'partner_staff') || !actor.organisationId) return [];
    where.push(eq(subsidyGrants.organisationId, actor.organisationId));
  }
  if (f.organisation) where.push(eq(subsidyGrants.organisationId, f.organisation));
  if (f.call) where.push(eq(subsidyGrants.callId, f.call));
  const [rows, calls] = await Promise.all([ctx.db.select().from(subsidyGrants).where(and(...where)).orderBy(asc(subsidyGrants.reference)), listCalls(ctx)]);
  const list = (await summaries(ctx, rows, calls)).map((s) => s.summary).sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'nl') || a.reference.localeCompare(b.reference));
  return f.year === undefined ? list : list.filter((g) => g.years.some((y) => y.year === f.year)).map((g) => ({ ...g, years: g.years.filter((y) => y.year === f.year), totalCents: sumYears(g.years.filter((y) => y.year === f.year)) }));
}

async function grantRow(ctx: ServiceContext, id: string): Promise<GrantRow> {
  const actor = requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(subsidyGrants).where(and(eq(subsidyGrants.tenantId, ctx.tenant), eq(subsidyGrants.id, id)));
  if (!row || !readsGrant(actor, row)) throw notFound();
  return row;
}

export async function getGrant(ctx: ServiceContext, id: string): Promise<GrantView> {
  const actor = requireActor(ctx);
  const row = await grantRow(ctx, id);
  const calls = await listCalls(ctx);
  const [{ summary, decisions }] = await summaries(ctx, [row], calls);
  const measures = await ctx.db.select().from(subsidySroiMeasures).where(and(eq(subsidySroiMeasures.tenantId, ctx.tenant), eq(subsidySroiMeasures.grantId, row.id))).orderBy(asc(subsidySroiMeasures.year), asc(subsidySroiMeasures.createdAt));
  const today = localDate(ctx.now());
  const schedule = row.advances as AdvanceSchedule;
  const first = decisions[0]?.years ?? [];
  let cumulative = 0;
  const scheduleRows = summary.years.map((y) => {
    const parts = advances(totalOf(y), advanceSchedules[schedule] ?? 4);
    const dates = advanceDates(y.year, schedule);
    return { year: y.year, dates: parts.map((cents, i) => ({ date: dates[i], cents, due: dates[i] <= today })) };
  });
  const balance: BalanceRow[] = summary.years.map((y) => {
    const granted = first.find((x) => x.year === y.year);
    let adjusted = 0;
    let indexed = 0;
    for (let i = 1; i < decisions.length; i++) {
      const before = decisions[i - 1].years.find((x) => x.year === y.year);
      const after = decisions[i].years.find((x) => x.year === y.year);
      const d = (after ? totalOf(after) : 0) - (before ? totalOf(before) : 0);
      if (decisions[i].kind === 'indexation') indexed += d;
      else adjusted += d;
    }
    cumulative += totalOf(y);
    return {
      year: y.year,
      grantedCents: granted ? totalOf(granted) : 0,
      adjustedCents: adjusted,
      indexedCents: indexed,
      currentCents: totalOf(y),
      wageCents: y.wageCents,
      otherCents: y.otherCents,
      paidCents: scheduleRows.find((s) => s.year === y.year)!.dates.filter((d) => d.due).reduce((s, d) => s + d.cents, 0),
      cumulativeCents: cumulative,
    };
  });
  const sroi: SroiYear[] = summary.years
    .map((y) => {
      const obligation = sroiObligation(row.joint, y);
      const ms = measures.filter((m) => m.year === y.year).map((m) => ({ kind: m.kind as SroiYear['measures'][number]['kind'], places: m.places, valueCents: m.valueCents, description: m.description }));
      const registered = ms.reduce((s, m) => s + m.valueCents, 0);
      return { year: y.year, obligationCents: obligation, registeredCents: registered, shortfallCents: Math.max(0, obligation - registered), measures: ms };
    })
    .filter((s) => s.obligationCents > 0 || s.measures.length > 0);
  return {
    ...summary,
    applicationId: row.applicationId,
    conditions: row.conditions,
    reporting: row.reporting,
    advances: schedule,
    decisionList: decisions,
    balance,
    schedule: scheduleRows,
    sroi,
    may: { decide: managesSubsidies(actor), registerSroi: sroi.length > 0 && (managesSubsidies(actor) || isStaffOf(actor, row.organisationId)) },
  };
}

// ------------------------------------------------------------------ deciding

const yearLine = z.object({ year: z.coerce.number().int(), wage: amount(), other: amount() });

export const grantInput = z.object({
  callId: z.uuid(),
  organisationId: z.uuid(),
  /** A grant from a joint application (the organisation must sit at its table); none for a single grantee. */
  applicationId: z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable().optional()),
  /** Theme of a single grantee's subsidy (optional). */
  themeSlug: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(80).nullable().optional()),
  conditions: text(10000).default(''),
  reporting: text(5000).default(''),
  advances: z.enum(['monthly', 'quarterly', 'yearly']).default('quarterly'),
  decidedOn: isoDate,
  years: z.array(yearLine).min(1),
});
export type GrantInput = z.input<typeof grantInput>;

/** The grant decision (verleningsbeschikking): amounts per year for the whole period, conditions, reporting, advances. */
export async function createGrant(ctx: ServiceContext, raw: GrantInput): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  if (!managesSubsidies(actor)) throw forbidden();
  let call: Awaited<ReturnType<typeof getCall>> | null = null;
  let tableTheme: string | null = null;
  const input = await parseChecked(grantInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.callId) call = await getCall(ctx, p.callId).catch(() => null);
    if (p.callId && !call) errors.push({ field: 'callId', code: 'unknown_reference', message: 'subsidies.error.unknownCall' });
    if (p.organisationId && !(await organisationExists(ctx, p.organisationId))) errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'subsidies.error.unknownOrganisation' });
    if (p.applicationId) {
      const [a] = await ctx.db
        .select({ status: subsidyApplications.status, tableId: subsidyApplications.tableId, themeSlug: subsidyTables.themeSlug, callId: subsidyTables.callId })
        .from(subsidyApplications)
        .innerJoin(subsidyTables, and(eq(subsidyTables.tenantId, subsidyApplications.tenantId), eq(subsidyTables.id, subsidyApplications.tableId)))
        .where(and(eq(subsidyApplications.tenantId, ctx.tenant), eq(subsidyApplications.id, p.applicationId)));
      if (!a || (p.callId && a.callId !== p.callId)) errors.push({ field: 'applicationId', code: 'unknown_reference', message: 'subsidies.error.unknownApplication' });
      else {
        tableTheme = a.themeSlug;
        if (a.status !== 'assessed') errors.push({ field: 'applicationId', code: 'not_ready', message: 'subsidies.error.notAssessed' });
        if (p.organisationId && !(await tableMembers(ctx, a.tableId)).includes(p.organisationId)) errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'subsidies.error.notAMember' });
      }
    }
    const c = call as Awaited<ReturnType<typeof getCall>> | null;
    if (c && p.years) {
      const want = yearsOf(c);
      p.years.forEach((y, i) => {
        if (!want.includes(y.year)) errors.push({ field: `years.${i}.year`, code: 'out_of_range', message: 'subsidies.error.yearOutsideCall', params: { from: c.startYear, to: c.endYear } });
      });
      if (want.some((y) => !p.years!.some((l) => l.year === y)) || new Set(p.years.map((l) => l.year)).size !== p.years.length) errors.push({ field: 'years', code: 'too_small', message: 'subsidies.error.everyYearOnce', params: { from: c.startYear, to: c.endYear } });
      if (p.years.every((y) => y.wage + y.other === 0)) errors.push({ field: 'years', code: 'too_small', message: 'subsidies.error.nothingGranted' });
    }
    return errors;
  });
  const c = call as unknown as Awaited<ReturnType<typeof getCall>>;
  const years = input.years.map((y) => ({ year: y.year, wageCents: y.wage, otherCents: y.other })).sort((a, b) => a.year - b.year);
  const themeSlug = tableTheme ?? input.themeSlug ?? null;
  // The table's accountability document (the call §6) unless the decision says otherwise.
  const themeName = c.tables.find((t) => t.themeSlug === themeSlug)?.themeName ?? themeSlug ?? '';
  const reporting = input.reporting || (input.applicationId ? `Het jaarlijkse verantwoordingsdocument van de thematafel ${themeName} (uitvraag paragraaf 6: niveau 1 tot en met 3, verbonden met niveau 4).` : '');
  return inTransaction(ctx, async (tx) => {
    if (input.applicationId) {
      const [dup] = await tx.db
        .select({ reference: subsidyGrants.reference })
        .from(subsidyGrants)
        .where(and(eq(subsidyGrants.tenantId, tx.tenant), eq(subsidyGrants.applicationId, input.applicationId), eq(subsidyGrants.organisationId, input.organisationId)));
      if (dup) throw grantExists(dup.reference);
    }
    const existing = await tx.db.select({ id: subsidyGrants.id }).from(subsidyGrants).where(and(eq(subsidyGrants.tenantId, tx.tenant), eq(subsidyGrants.callId, c.id)));
    const reference = `SB-${c.periodCode}-${String(existing.length + 1).padStart(4, '0')}`;
    const [grant] = await tx.db
      .insert(subsidyGrants)
      .values({ tenantId: tx.tenant, callId: c.id, applicationId: input.applicationId ?? null, organisationId: input.organisationId, themeSlug, reference, joint: !!input.applicationId, conditions: input.conditions, reporting, advances: input.advances })
      .returning({ id: subsidyGrants.id })
      .catch((err: unknown) => {
        // Two advisors granting the same organisation at the same moment: the second finds the first's grant.
        // (The index subsidy_grants_application_organisation_uq: named by its key, or by its name when PostgreSQL leaves the key out.)
        const field = uniqueViolation(err);
        if (field === 'organisationId' || field === 'organisation') throw grantExists('');
        throw err;
      });
    await insertDecision(tx, grant.id, 1, { kind: 'grant', year: null, basisPoints: null, reason: '', decidedOn: input.decidedOn, decidedBy: actor.name, deltaCents: sumYears(years) }, years);
    await recordAudit(tx, { action: 'subsidies.grant_decide', subjectType: 'subsidy_grant', subjectId: grant.id, details: { reference, totalCents: sumYears(years) } });
    return grant;
  });
}

/** The organisation has a grant from this application already (409, naming its reference when known). */
const grantExists = (reference: string) =>
  new AppError('conflict', reference ? 'subsidies.error.grantExists' : 'subsidies.error.grantExistsNow', [{ field: 'organisationId', code: 'duplicate', message: reference ? 'subsidies.error.grantExists' : 'subsidies.error.grantExistsNow', params: { reference } }], { reference });

/** The grants decided from one joint application, per organisation (those the actor may see). */
export async function grantsOfApplication(ctx: ServiceContext, applicationId: string): Promise<{ id: string; reference: string; organisationId: string }[]> {
  const actor = requireActor(ctx);
  if (!isUuid(applicationId)) return [];
  const rows = await ctx.db
    .select({ id: subsidyGrants.id, reference: subsidyGrants.reference, organisationId: subsidyGrants.organisationId })
    .from(subsidyGrants)
    .where(and(eq(subsidyGrants.tenantId, ctx.tenant), eq(subsidyGrants.applicationId, applicationId)))
    .orderBy(asc(subsidyGrants.reference));
  return rows.filter((g) => readsGrant(actor, g));
}

async function insertDecision(tx: ServiceContext, grantId: string, number: number, d: { kind: string; year: number | null; basisPoints: number | null; reason: string; decidedOn: string; decidedBy: string; deltaCents: number }, years: YearAmount[]) {
  const [row] = await tx.db
    .insert(subsidyDecisions)
    .values({ tenantId: tx.tenant, grantId, number, ...d })
    .onConflictDoNothing()
    .returning({ id: subsidyDecisions.id });
  // Two decisions on one grant at once: the second finds its number taken and is asked to try again.
  if (!row) throw new AppError('conflict', 'subsidies.error.concurrentDecision');
  await tx.db.insert(subsidyDecisionYears).values(years.map((y) => ({ tenantId: tx.tenant, decisionId: row.id, year: y.year, wageCents: y.wageCents, otherCents: y.otherCents })));
}

const percentToBasisPoints = (v: unknown): number | null => {
  const s = String(v ?? '').trim().replace('%', '').replace(',', '.');
  if (!/^\d{1,2}(\.\d{1,2})?$/.test(s)) return null;
  const [w, f = ''] = s.split('.');
  return Number(w) * 100 + Number((f + '00').slice(0, 2));
};

export const adjustmentInput = z.object({ year: z.coerce.number().int(), wage: amount({ signed: true }), other: amount({ signed: true }), reason: requiredText(5000), decidedOn: isoDate });
export type AdjustmentInput = z.input<typeof adjustmentInput>;
export const indexationInput = z.object({
  year: z.coerce.number().int(),
  /** A percentage with at most two decimals ("2,5"), or basis points from the API. */
  percentage: z.union([z.string(), z.number()]).transform((v, c) => {
    const bp = percentToBasisPoints(v);
    if (bp === null || bp <= 0 || bp > 2500) {
      c.addIssue({ code: 'custom', message: 'subsidies.error.percentage' });
      return z.NEVER;
    }
    return bp;
  }),
  reason: text(5000).default(''),
  decidedOn: isoDate,
});
export type IndexationInput = z.input<typeof indexationInput>;

async function decide(ctx: ServiceContext, grantId: string, change: (years: YearAmount[]) => { change: Change; reason: string; decidedOn: string }, what: 'adjustment' | 'indexation'): Promise<void> {
  const actor = requireActor(ctx);
  if (!managesSubsidies(actor)) throw forbidden();
  const row = await grantRow(ctx, grantId);
  await inTransaction(ctx, async (tx) => {
    const [latest] = await tx.db.select().from(subsidyDecisions).where(and(eq(subsidyDecisions.tenantId, tx.tenant), eq(subsidyDecisions.grantId, row.id))).orderBy(desc(subsidyDecisions.number)).limit(1);
    const years = (await tx.db.select().from(subsidyDecisionYears).where(and(eq(subsidyDecisionYears.tenantId, tx.tenant), eq(subsidyDecisionYears.decisionId, latest.id))).orderBy(asc(subsidyDecisionYears.year))).map((y) => ({ year: y.year, wageCents: y.wageCents, otherCents: y.otherCents }));
    const c = change(years);
    const result = applyChange(years, c.change);
    if (!result.ok)
      throw invalid([
        result.reason === 'unknown_year'
          ? { field: 'year', code: 'out_of_range', message: 'subsidies.error.yearNotInGrant', params: { from: years[0]?.year ?? '', to: years[years.length - 1]?.year ?? '' } }
          : result.reason === 'negative_result'
            ? { field: 'wage', code: 'too_small', message: 'subsidies.error.negativeResult' }
            : { field: 'wage', code: 'too_big', message: 'subsidies.error.tooLarge' },
      ]);
    await insertDecision(tx, row.id, latest.number + 1, { kind: what, year: c.change.year, basisPoints: c.change.kind === 'indexation' ? c.change.basisPoints : null, reason: c.reason, decidedOn: c.decidedOn, decidedBy: actor.name, deltaCents: result.deltaCents }, result.years);
    await recordAudit(tx, { action: 'subsidies.grant_decide', subjectType: 'subsidy_grant', subjectId: row.id, details: { kind: what, number: latest.number + 1, deltaCents: result.deltaCents } });
  });
}

/** An adjustment decision for one year: up or down (signed amounts), with a reason. */
export async function adjustGrant(ctx: ServiceContext, grantId: string, raw: AdjustmentInput): Promise<void> {
  const input = await parseChecked(adjustmentInput, raw, (p) => (p.wage === 0 && p.other === 0 ? [{ field: 'wage', code: 'too_small', message: 'subsidies.error.noChange' }] : []));
  await decide(ctx, grantId, () => ({ change: { kind: 'adjustment', year: input.year, wageDeltaCents: input.wage, otherDeltaCents: input.other }, reason: input.reason, decidedOn: input.decidedOn }), 'adjustment');
}

/** Indexation of one year by a percentage (rounding: money.ts). */
export async function indexGrant(ctx: ServiceContext, grantId: string, raw: IndexationInput): Promise<void> {
  const input = await parseChecked(indexationInput, raw, () => []);
  await decide(ctx, grantId, () => ({ change: { kind: 'indexation', year: input.year, basisPoints: input.percentage }, reason: input.reason, decidedOn: input.decidedOn }), 'indexation');
}

// ------------------------------------------------------------------ SROI

export const sroiInput = z.object({ year: z.coerce.number().int(), kind: z.enum(sroiKinds), places: z.coerce.number().int().min(1).max(10000), value: amount(), description: text(2000).default('') });
export type SroiInput = z.input<typeof sroiInput>;

/** Registers how a single grantee meets its SROI obligation in a year (the grantee's staff or the municipality). */
export async function registerSroi(ctx: ServiceContext, grantId: string, raw: SroiInput): Promise<void> {
  const actor = requireActor(ctx);
  const grant = await getGrant(ctx, grantId);
  if (!grant.may.registerSroi) throw new AppError('forbidden', grant.joint ? 'subsidies.error.sroiJoint' : 'subsidies.error.sroiNone');
  const input = await parseChecked(sroiInput, raw, (p) => (p.year !== undefined && !grant.sroi.some((s) => s.year === p.year) ? [{ field: 'year', code: 'out_of_range', message: 'subsidies.error.sroiYear' }] : []));
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(subsidySroiMeasures).values({ tenantId: tx.tenant, grantId: grant.id, year: input.year, kind: input.kind, places: input.places, valueCents: input.value, description: input.description });
    await recordAudit(tx, { action: 'subsidies.sroi_register', subjectType: 'subsidy_grant', subjectId: grant.id, details: { year: input.year, kind: input.kind, by: actor.organisationId } });
  });
}
