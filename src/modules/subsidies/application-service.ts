// The joint application of a theme table: one per table, written together by its member organisations. Sections
// follow the call's quality criteria (§8) and the statements §5 asks for, each assigned to a member organisation
// with a status; the planned activities and reach are the table's accountability plans (reach module) for the
// period's years — read and linked, never copied; a budget per organisation and year (wage part, other costs).
// Every save bumps the version once and keeps one revision (who, for which organisation, before and after, and the
// other fields the same save changed). Submitting
// locks the version (subsidy_submissions); the municipality can return it with comments.
import { and, eq, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { subsidyApplications, subsidySections, subsidyBudgetLines, subsidyRevisions, subsidySubmissions, subsidyTables, subsidyTableMembers, subsidyCalls, subsidyAssessors } from './schema.ts';
import { amount, localDate, requiredText, text } from './input.ts';
import { money } from '../../platform/i18n/index.ts';
import { managesSubsidies, readsTable, writesApplication } from './policy.ts';
import { callSummaryOf, getCall, tableMembers, tableSummaryFrom, yearsOf, type CallView, type TableSummary } from './call-service.ts';
import { AppError, forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { getPeriod, type PeriodView } from '../framework/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import { plannedReachOf } from '../reach/service.ts';

const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** The statements §5 of the call asks each table to give in its application (keys of the call's §5 parts). */
export const STATEMENT_KEYS = ['kwaliteit/toegankelijkheid', 'kwaliteit/diversiteit', 'kwaliteit/betaalbaarheid', 'kwaliteit/clientondersteuning', 'kwaliteit/privacy'] as const;
export const sectionStatuses = ['todo', 'in_progress', 'done'] as const;
export type SectionStatus = (typeof sectionStatuses)[number];
export type ApplicationStatus = 'draft' | 'submitted' | 'returned' | 'assessed';

export interface SectionView {
  id: string;
  key: string;
  kind: 'criterion' | 'statement' | 'own';
  title: string;
  /** The call's own words for this section (criterion text, or the §5 part's first paragraph). */
  guidance: string;
  organisationId: string | null;
  organisationName: string;
  status: SectionStatus;
  body: string;
  updatedByName: string;
  updatedAt: Date;
}

export interface BudgetLineView {
  organisationId: string;
  organisationName: string;
  year: number;
  wageCents: number;
  otherCents: number;
}

export interface PlanLink {
  year: number;
  /** null when the table has no plan for the year yet (or the actor may not see it). */
  plan: { version: number; entries: { organisationId: string; organisationName: string; activityTitle: string; plannedSessions: number; plannedResidents: number }[] } | null;
  href: string;
}

export interface ApplicationView {
  id: string;
  status: ApplicationStatus;
  version: number;
  submittedVersion: number | null;
  submittedAt: Date | null;
  returnComment: string;
  table: TableSummary;
  call: Omit<CallView, 'tables'>;
  years: number[];
  sections: SectionView[];
  budget: BudgetLineView[];
  totalCents: number;
  plans: PlanLink[];
  may: { edit: boolean; editBudgetFor: string[]; submit: boolean; return: boolean };
}

// ------------------------------------------------------------------ reading

type SectionRow = Pick<typeof subsidySections.$inferSelect, 'id' | 'key' | 'kind' | 'title' | 'organisationId' | 'status' | 'body' | 'updatedByName' | 'updatedAt'>;
type BudgetRow = Pick<typeof subsidyBudgetLines.$inferSelect, 'organisationId' | 'year' | 'wageCents' | 'otherCents'>;

interface Loaded {
  app: Pick<typeof subsidyApplications.$inferSelect, 'id' | 'tableId' | 'status' | 'version' | 'submittedVersion' | 'submittedAt' | 'returnComment'>;
  table: TableSummary;
  call: Omit<CallView, 'tables'>;
  period: PeriodView;
  members: string[];
}

/** A json column as the driver gives it: parsed already (PGlite), or its text (node-postgres when not parsed). */
const fromJson = <T,>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

/**
 * The query of `load`: the application with its table and call, the table's members, the requested total (its
 * budget lines), the call's ceiling and table count, and whether the actor is one of the call's assessors, as
 * subqueries; with `content`, its sections (in order) and budget lines too, as json. Prepared once per connection
 * object and kind (a named statement: the SQL is built once, and PostgreSQL parses and plans it once per connection);
 * every execution reads the rows afresh.
 */
function buildLoadQuery(db: Db, content: boolean) {
  const a = subsidyApplications;
  const t = subsidyTables;
  const c = subsidyCalls;
  const m = subsidyTableMembers;
  const b = subsidyBudgetLines;
  const s = subsidySections;
  return db
    .select({
      id: a.id,
      tableId: a.tableId,
      status: a.status,
      version: a.version,
      submittedVersion: a.submittedVersion,
      submittedAt: a.submittedAt,
      returnComment: a.returnComment,
      themeSlug: t.themeSlug,
      ceilingCents: t.ceilingCents,
      chairKind: t.chairKind,
      chairName: t.chairName,
      callId: c.id,
      periodCode: c.periodCode,
      title: c.title,
      applicationDeadline: c.applicationDeadline,
      decisionDeadline: c.decisionDeadline,
      // In the order the table's members were read before (by id, as their unique index gives them): the first is the
      // organisation an administrator's budget form opens with.
      members: sql<string[]>`(select coalesce(array_agg(${m.organisationId}::text order by ${m.organisationId}), '{}') from ${m} where ${m.tenantId} = ${t.tenantId} and ${m.tableId} = ${t.id})`,
      requested: sql<string>`(select coalesce(sum(${b.wageCents} + ${b.otherCents}), 0)::text from ${b} where ${b.tenantId} = ${a.tenantId} and ${b.applicationId} = ${a.id})`,
      // The call's tables again, under a name of their own (the outer query has its table as subsidy_tables).
      callCeiling: sql<string>`(select coalesce(sum(ct.ceiling_cents), 0)::text from ${t} ct where ct.tenant_id = ${c.tenantId} and ct.call_id = ${c.id})`,
      callTableCount: sql<number>`(select count(*)::int from ${t} ct where ct.tenant_id = ${c.tenantId} and ct.call_id = ${c.id})`,
      // No user id (null): no assessor.
      assessor: sql<boolean>`exists (select 1 from ${subsidyAssessors} where ${subsidyAssessors.tenantId} = ${c.tenantId} and ${subsidyAssessors.callId} = ${c.id} and ${subsidyAssessors.userId} = ${sql.placeholder('userId')})`,
      sections: content
        ? sql<unknown>`(select coalesce(json_agg(json_build_object('id', ${s.id}, 'key', ${s.key}, 'kind', ${s.kind}, 'title', ${s.title}, 'organisationId', ${s.organisationId}, 'status', ${s.status}, 'body', ${s.body}, 'updatedByName', ${s.updatedByName}, 'updatedAt', ${s.updatedAt}) order by ${s.position}), '[]') from ${s} where ${s.tenantId} = ${a.tenantId} and ${s.applicationId} = ${a.id})`
        : sql<unknown>`null`,
      budget: content
        ? sql<unknown>`(select coalesce(json_agg(json_build_object('organisationId', ${b.organisationId}, 'year', ${b.year}, 'wageCents', ${b.wageCents}, 'otherCents', ${b.otherCents})), '[]') from ${b} where ${b.tenantId} = ${a.tenantId} and ${b.applicationId} = ${a.id})`
        : sql<unknown>`null`,
    })
    .from(a)
    .innerJoin(t, and(eq(t.tenantId, a.tenantId), eq(t.id, a.tableId)))
    .innerJoin(c, and(eq(c.tenantId, t.tenantId), eq(c.id, t.callId)))
    .where(and(eq(a.tenantId, sql.placeholder('tenant')), eq(a.id, sql.placeholder('id'))))
    .prepare(content ? 'subsidies_application_content' : 'subsidies_application');
}

type LoadQuery = ReturnType<typeof buildLoadQuery>;
const loadQueries = new WeakMap<Db, { plain?: LoadQuery; content?: LoadQuery }>();

function loadQuery(db: Db, content: boolean): LoadQuery {
  let qs = loadQueries.get(db);
  if (!qs) loadQueries.set(db, (qs = {}));
  return content ? (qs.content ??= buildLoadQuery(db, true)) : (qs.plain ??= buildLoadQuery(db, false));
}

/** The application with its table and call (see buildLoadQuery); the period, theme and names from the cached reference data. */
async function load(ctx: ServiceContext, id: string): Promise<Loaded>;
async function load(ctx: ServiceContext, id: string, content: true): Promise<Loaded & { sections: SectionRow[]; budget: BudgetRow[] }>;
async function load(ctx: ServiceContext, id: string, content = false): Promise<Loaded & { sections?: SectionRow[]; budget?: BudgetRow[] }> {
  const actor = requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [row] = await loadQuery(ctx.db, content).execute({ tenant: ctx.tenant, id, userId: actor.userId && isUuid(actor.userId) ? actor.userId : null });
  if (!row) throw notFound();
  const members = row.members;
  // Readers: the municipality's roles, the table's members, and the call's assessors once it is submitted.
  if (!readsTable(actor, members) && !(row.status !== 'draft' && row.assessor)) throw notFound();
  const [period, table] = await Promise.all([
    getPeriod(ctx, row.periodCode),
    tableSummaryFrom(ctx, row.periodCode, { id: row.tableId, themeSlug: row.themeSlug, ceilingCents: row.ceilingCents, chairKind: row.chairKind, chairName: row.chairName }, members, { id: row.id, status: row.status, requestedCents: Number(row.requested) }),
  ]);
  const callRow = { id: row.callId, periodCode: row.periodCode, title: row.title, applicationDeadline: row.applicationDeadline, decisionDeadline: row.decisionDeadline };
  const call = { ...callSummaryOf(ctx, callRow, period, { ceilingCents: Number(row.callCeiling), tableCount: Number(row.callTableCount) }), criteria: period.content.qualityCriteria };
  const app = { id: row.id, tableId: row.tableId, status: row.status, version: row.version, submittedVersion: row.submittedVersion, submittedAt: row.submittedAt, returnComment: row.returnComment };
  const loaded: Loaded = { app, table, call, period, members };
  if (!content) return loaded;
  // json has the timestamps as text: the same instants as the timestamp columns give (to the millisecond).
  const sections = fromJson<(Omit<SectionRow, 'updatedAt'> & { updatedAt: string })[]>(row.sections).map((x) => ({ ...x, updatedAt: new Date(x.updatedAt) }));
  return { ...loaded, sections, budget: fromJson<BudgetRow[]>(row.budget) };
}

function guidanceOf(period: PeriodView, key: string): { title: string; guidance: string } {
  const c = period.content.qualityCriteria.find((q) => q.key === key);
  if (c) return { title: c.text, guidance: c.text };
  for (const s of period.content.sections)
    for (const p of s.parts ?? [])
      if (p.key === key) {
        const first = p.blocks.find((b) => b.kind === 'paragraph');
        return { title: p.title, guidance: first && first.kind === 'paragraph' ? first.text : '' };
      }
  return { title: key, guidance: '' };
}

const editable = (status: string) => status === 'draft' || status === 'returned';

async function planLinks(ctx: ServiceContext, themeSlug: string, years: number[], members: string[]): Promise<PlanLink[]> {
  // The members' entries of the table's plans of every year, in one read (the rest of each plan is not shown here).
  const plans = await plannedReachOf(ctx, themeSlug, years, members);
  return plans.map((p) => ({ year: p.year, href: `/verantwoording/plannen/${themeSlug}/${p.year}`, plan: p.plan }));
}

export async function getApplication(ctx: ServiceContext, id: string): Promise<ApplicationView> {
  const actor = requireActor(ctx);
  const { app, table, call, period, members, sections, budget } = await load(ctx, id, true);
  const years = yearsOf(call);
  const plans = await planLinks(ctx, table.themeSlug, years, members);
  const names = await getOrganisationNames(ctx, [...new Set([...members, ...sections.map((s) => s.organisationId).filter((x): x is string => !!x), ...budget.map((b) => b.organisationId)])]);
  const canEdit = editable(app.status) && writesApplication(actor, members);
  return {
    id: app.id,
    status: app.status as ApplicationStatus,
    version: app.version,
    submittedVersion: app.submittedVersion,
    submittedAt: app.submittedAt,
    returnComment: app.returnComment,
    table,
    call,
    years,
    sections: sections.map((s) => {
      const g = s.kind === 'own' ? { title: s.title, guidance: '' } : guidanceOf(period, s.key);
      return { id: s.id, key: s.key, kind: s.kind as SectionView['kind'], title: g.title, guidance: g.guidance, organisationId: s.organisationId, organisationName: s.organisationId ? (names.get(s.organisationId) ?? '') : '', status: s.status as SectionStatus, body: s.body, updatedByName: s.updatedByName, updatedAt: s.updatedAt };
    }),
    budget: budget
      .map((b) => ({ organisationId: b.organisationId, organisationName: names.get(b.organisationId) ?? '', year: b.year, wageCents: b.wageCents, otherCents: b.otherCents }))
      .sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'nl') || a.year - b.year),
    totalCents: budget.reduce((s, b) => s + b.wageCents + b.otherCents, 0),
    plans,
    may: {
      edit: canEdit,
      editBudgetFor: canEdit ? (hasRole(actor, 'administrator') ? members : members.filter((m) => actor.organisationId === m)) : [],
      submit: canEdit,
      return: app.status === 'submitted' && managesSubsidies(actor),
    },
  };
}

// ------------------------------------------------------------------ starting

/** Starts the table's joint application (one per table): a member or an administrator. */
export async function startApplication(ctx: ServiceContext, tableId: string): Promise<{ id: string }> {
  const actor = requireActor(ctx);
  if (!isUuid(tableId)) throw notFound();
  const [t] = await ctx.db.select().from(subsidyTables).where(and(eq(subsidyTables.tenantId, ctx.tenant), eq(subsidyTables.id, tableId)));
  if (!t) throw notFound();
  const members = await tableMembers(ctx, t.id);
  if (!readsTable(actor, members)) throw notFound();
  if (!writesApplication(actor, members)) throw forbidden();
  const call = await getCall(ctx, t.callId);
  const period = await getPeriod(ctx, call.periodCode);
  const statementKeys = new Set(period.content.sections.flatMap((s) => (s.parts ?? []).map((p) => p.key)));
  const keys = [...period.content.qualityCriteria.map((q) => ({ key: q.key, kind: 'criterion' })), ...STATEMENT_KEYS.filter((k) => statementKeys.has(k)).map((key) => ({ key, kind: 'statement' }))];
  return inTransaction(ctx, async (tx) => {
    const [app] = await tx.db.insert(subsidyApplications).values({ tenantId: tx.tenant, tableId: t.id }).onConflictDoNothing().returning({ id: subsidyApplications.id });
    if (!app) throw new AppError('conflict', 'subsidies.error.applicationExists');
    await tx.db.insert(subsidySections).values(keys.map((k, i) => ({ tenantId: tx.tenant, applicationId: app.id, key: k.key, kind: k.kind, position: i + 1 })));
    await recordAudit(tx, { action: 'subsidies.application_change', subjectType: 'subsidy_application', subjectId: app.id, details: { what: 'start', table: t.id } });
    return app;
  });
}

// ------------------------------------------------------------------ changing

async function forChange(ctx: ServiceContext, id: string): Promise<Loaded & { actor: NonNullable<ServiceContext['actor']> }> {
  const actor = requireActor(ctx);
  const l = await load(ctx, id);
  if (!writesApplication(actor, l.members)) throw forbidden();
  if (!editable(l.app.status)) throw new AppError('conflict', 'subsidies.error.locked');
  return { ...l, actor };
}

export interface FieldChange {
  field: 'status' | 'organisationId';
  before: string;
  after: string;
}

/** Bumps the version and keeps the revision; call inside the change's transaction, once per save. */
async function revise(tx: ServiceContext, appId: string, r: { organisationId: string | null; what: string; subject: string; before: string; after: string; fieldChanges?: FieldChange[] }): Promise<number> {
  const [{ version }] = await tx.db
    .update(subsidyApplications)
    .set({ version: sql`${subsidyApplications.version} + 1`, updatedAt: tx.now() })
    .where(and(eq(subsidyApplications.tenantId, tx.tenant), eq(subsidyApplications.id, appId)))
    .returning({ version: subsidyApplications.version });
  const fieldChanges = r.fieldChanges ?? [];
  await tx.db.insert(subsidyRevisions).values({ tenantId: tx.tenant, applicationId: appId, version, actorName: tx.actor?.name ?? 'systeem', organisationId: r.organisationId, what: r.what, subject: r.subject, before: r.before, after: r.after, fieldChanges, createdAt: tx.now() });
  await recordAudit(tx, { action: 'subsidies.application_change', subjectType: 'subsidy_application', subjectId: appId, details: { what: r.what, subject: r.subject, version, ...(fieldChanges.length ? { fields: fieldChanges.map((f) => f.field) } : {}) } });
  return version;
}

export const sectionInput = z.object({
  body: text(20000).default(''),
  status: z.enum(sectionStatuses),
  organisationId: z.preprocess((v) => (v === '' ? null : v), z.uuid().nullable().optional()),
});
export type SectionInput = z.input<typeof sectionInput>;

/** Any member may write any section (co-editing); the assignment says who takes the lead. */
export async function updateSection(ctx: ServiceContext, appId: string, sectionId: string, raw: SectionInput): Promise<void> {
  const { app, members, actor } = await forChange(ctx, appId);
  if (!isUuid(sectionId)) throw notFound();
  const [s] = await ctx.db.select().from(subsidySections).where(and(eq(subsidySections.tenantId, ctx.tenant), eq(subsidySections.applicationId, app.id), eq(subsidySections.id, sectionId)));
  if (!s) throw notFound();
  const input = await parseChecked(sectionInput, raw, (p) => {
    const errors: FieldError[] = [];
    if (p.organisationId && !members.includes(p.organisationId)) errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'subsidies.error.notAMember' });
    if (p.status === 'done' && p.body !== undefined && !p.body.trim()) errors.push({ field: 'body', code: 'too_small', message: 'subsidies.error.doneButEmpty' });
    return errors;
  });
  const org = input.organisationId === undefined ? s.organisationId : input.organisationId;
  const own = actor.organisationId && members.includes(actor.organisationId) ? actor.organisationId : null;
  // One save is one revision: the text before and after (left empty when it did not change) and the other fields
  // that changed with it. A save that changes nothing bumps no version.
  const textChanged = input.body !== s.body;
  const fieldChanges: FieldChange[] = [];
  if (input.status !== s.status) fieldChanges.push({ field: 'status', before: s.status, after: input.status });
  if (org !== s.organisationId) fieldChanges.push({ field: 'organisationId', before: s.organisationId ?? '', after: org ?? '' });
  if (!textChanged && !fieldChanges.length) return;
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(subsidySections).set({ body: input.body, status: input.status, organisationId: org, updatedByName: actor.name, updatedAt: tx.now() }).where(and(eq(subsidySections.tenantId, tx.tenant), eq(subsidySections.id, s.id)));
    await revise(tx, app.id, { organisationId: own, what: 'section_save', subject: s.key, before: textChanged ? s.body : '', after: textChanged ? input.body : '', fieldChanges });
  });
}

export const ownSectionInput = z.object({ title: requiredText(200) });

/** Adds a section of the table's own (e.g. per sub-goal or district). */
export async function addOwnSection(ctx: ServiceContext, appId: string, raw: z.input<typeof ownSectionInput>): Promise<{ id: string }> {
  const { app, actor, members } = await forChange(ctx, appId);
  const input = await parseChecked(ownSectionInput, raw, () => []);
  return inTransaction(ctx, async (tx) => {
    const [{ n }] = await tx.db.select({ n: sql<number>`coalesce(max(${subsidySections.position}), 0)::int` }).from(subsidySections).where(and(eq(subsidySections.tenantId, tx.tenant), eq(subsidySections.applicationId, app.id)));
    const key = `eigen-${Number(n) + 1}`;
    const [row] = await tx.db.insert(subsidySections).values({ tenantId: tx.tenant, applicationId: app.id, key, kind: 'own', title: input.title, position: Number(n) + 1 }).returning({ id: subsidySections.id });
    await revise(tx, app.id, { organisationId: actor.organisationId && members.includes(actor.organisationId) ? actor.organisationId : null, what: 'add_section', subject: key, before: '', after: input.title });
    return row;
  });
}

export const budgetInput = z.object({
  organisationId: z.uuid(),
  lines: z.array(z.object({ year: z.coerce.number().int(), wage: amount(), other: amount() })).min(1),
});
export type BudgetInput = z.input<typeof budgetInput>;

/**
 * An organisation's budget for the years of the period. The table's total may not exceed the theme's ceiling.
 * Staff change their own organisation's lines; an administrator any member's.
 */
export async function saveBudget(ctx: ServiceContext, appId: string, raw: BudgetInput): Promise<void> {
  const { app, table, call, members, actor } = await forChange(ctx, appId);
  const years = yearsOf(call);
  const input = await parseChecked(budgetInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.organisationId && !members.includes(p.organisationId)) errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'subsidies.error.notAMember' });
    p.lines?.forEach((l, i) => {
      if (!years.includes(l.year)) errors.push({ field: `lines.${i}.year`, code: 'out_of_range', message: 'subsidies.error.yearOutsideCall', params: { from: call.startYear, to: call.endYear } });
    });
    if (p.organisationId && p.lines && !errors.length) {
      const others = await ctx.db
        .select({ s: sql<string>`coalesce(sum(${subsidyBudgetLines.wageCents} + ${subsidyBudgetLines.otherCents}), 0)` })
        .from(subsidyBudgetLines)
        .where(and(eq(subsidyBudgetLines.tenantId, ctx.tenant), eq(subsidyBudgetLines.applicationId, app.id), sql`${subsidyBudgetLines.organisationId} <> ${p.organisationId}`));
      const own = p.lines.reduce((s, l) => s + l.wage + l.other, 0);
      const total = Number(others[0].s) + own;
      if (total > table.ceilingCents) errors.push({ field: 'lines', code: 'too_big', message: 'subsidies.error.overCeiling', params: { ceiling: money(table.ceilingCents), total: money(total) } });
    }
    return errors;
  });
  if (!hasRole(actor, 'administrator') && actor.organisationId !== input.organisationId) throw forbidden();
  if (new Set(input.lines.map((l) => l.year)).size !== input.lines.length) throw invalid([{ field: 'lines', code: 'duplicate', message: 'subsidies.error.duplicateYear' }]);
  await inTransaction(ctx, async (tx) => {
    const before = await tx.db.select().from(subsidyBudgetLines).where(and(eq(subsidyBudgetLines.tenantId, tx.tenant), eq(subsidyBudgetLines.applicationId, app.id), eq(subsidyBudgetLines.organisationId, input.organisationId)));
    const fmt = (ls: { year: number; wageCents: number; otherCents: number }[]) => ls.sort((a, b) => a.year - b.year).map((l) => `${l.year}: ${(l.wageCents / 100).toFixed(2)} + ${(l.otherCents / 100).toFixed(2)}`).join('\n');
    for (const l of input.lines) {
      await tx.db
        .insert(subsidyBudgetLines)
        .values({ tenantId: tx.tenant, applicationId: app.id, organisationId: input.organisationId, year: l.year, wageCents: l.wage, otherCents: l.other, updatedAt: tx.now() })
        .onConflictDoUpdate({ target: [subsidyBudgetLines.tenantId, subsidyBudgetLines.applicationId, subsidyBudgetLines.organisationId, subsidyBudgetLines.year], set: { wageCents: l.wage, otherCents: l.other, updatedAt: tx.now() } });
    }
    const after = await tx.db.select().from(subsidyBudgetLines).where(and(eq(subsidyBudgetLines.tenantId, tx.tenant), eq(subsidyBudgetLines.applicationId, app.id), eq(subsidyBudgetLines.organisationId, input.organisationId)));
    // The ceiling again inside the transaction: two organisations saving at once cannot pass it together.
    const [{ s }] = await tx.db.select({ s: sql<string>`coalesce(sum(${subsidyBudgetLines.wageCents} + ${subsidyBudgetLines.otherCents}), 0)` }).from(subsidyBudgetLines).where(and(eq(subsidyBudgetLines.tenantId, tx.tenant), eq(subsidyBudgetLines.applicationId, app.id)));
    if (Number(s) > table.ceilingCents) throw invalid([{ field: 'lines', code: 'too_big', message: 'subsidies.error.overCeiling', params: { ceiling: money(table.ceilingCents), total: money(Number(s)) } }]);
    const b = fmt(before.map((x) => ({ ...x })));
    const a = fmt(after.map((x) => ({ ...x })));
    if (a !== b) await revise(tx, app.id, { organisationId: input.organisationId, what: 'budget', subject: input.organisationId, before: b, after: a });
  });
}

// ------------------------------------------------------------------ checking, submitting, returning

export interface CheckProblem {
  field: string;
  message: 'subsidies.check.sectionOpen' | 'subsidies.check.noBudget' | 'subsidies.check.afterDeadline' | 'subsidies.check.overCeiling' | 'subsidies.check.unassigned';
  params?: Record<string, string | number>;
}

/** What stands between the application and submitting it ("check your answers"). */
export function checkApplication(a: ApplicationView, today: string): CheckProblem[] {
  const problems: CheckProblem[] = [];
  if (today > a.call.applicationDeadline) problems.push({ field: 'deadline', message: 'subsidies.check.afterDeadline', params: { date: a.call.applicationDeadline } });
  for (const s of a.sections) {
    if (s.status !== 'done' || !s.body.trim()) problems.push({ field: `section.${s.id}`, message: 'subsidies.check.sectionOpen', params: { title: s.title.slice(0, 80) } });
    else if (!s.organisationId) problems.push({ field: `section.${s.id}`, message: 'subsidies.check.unassigned', params: { title: s.title.slice(0, 80) } });
  }
  if (a.totalCents <= 0) problems.push({ field: 'budget', message: 'subsidies.check.noBudget' });
  if (a.totalCents > a.table.ceilingCents) problems.push({ field: 'budget', message: 'subsidies.check.overCeiling' });
  return problems;
}

/** Submits: locks this version (sections, budget, and the versions of the reach plans it refers to). */
export async function submitApplication(ctx: ServiceContext, appId: string): Promise<void> {
  const { actor, app } = await forChange(ctx, appId);
  const view = await getApplication(ctx, appId);
  const problems = checkApplication(view, localDate(ctx.now()));
  if (problems.length) throw new AppError('validation', 'subsidies.error.notReady', problems.map((p) => ({ field: p.field, code: 'not_ready', message: p.message, params: p.params })));
  await inTransaction(ctx, async (tx) => {
    const version = await revise(tx, app.id, { organisationId: actor.organisationId, what: 'submit', subject: '', before: '', after: '' });
    const snapshot = {
      sections: view.sections.map((s) => ({ key: s.key, title: s.title, organisationId: s.organisationId, body: s.body })),
      budget: view.budget.map((b) => ({ organisationId: b.organisationId, year: b.year, wageCents: b.wageCents, otherCents: b.otherCents })),
      plans: view.plans.map((p) => ({ year: p.year, version: p.plan?.version ?? null })),
    };
    await tx.db.insert(subsidySubmissions).values({ tenantId: tx.tenant, applicationId: app.id, version, snapshot, submittedBy: actor.name, submittedAt: tx.now() });
    const updated = await tx.db
      .update(subsidyApplications)
      .set({ status: 'submitted', submittedVersion: version, submittedAt: tx.now(), updatedAt: tx.now() })
      .where(and(eq(subsidyApplications.tenantId, tx.tenant), eq(subsidyApplications.id, app.id), sql`${subsidyApplications.status} in ('draft', 'returned')`))
      .returning({ id: subsidyApplications.id });
    if (!updated.length) throw new AppError('conflict', 'subsidies.error.locked');
  });
}

export const returnInput = z.object({ comment: requiredText(5000) });

/** The municipality returns a submitted application with comments: the table can change it and submit again. */
export async function returnApplication(ctx: ServiceContext, appId: string, raw: z.input<typeof returnInput>): Promise<void> {
  const actor = requireActor(ctx);
  if (!managesSubsidies(actor)) throw forbidden();
  const { app } = await load(ctx, appId);
  if (app.status !== 'submitted') throw new AppError('conflict', 'subsidies.error.notSubmitted');
  const input = await parseChecked(returnInput, raw, () => []);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(subsidyApplications).set({ status: 'returned', returnComment: input.comment, updatedAt: tx.now() }).where(and(eq(subsidyApplications.tenantId, tx.tenant), eq(subsidyApplications.id, app.id)));
    await tx.db
      .update(subsidySubmissions)
      .set({ returnedAt: tx.now(), returnComment: input.comment })
      .where(and(eq(subsidySubmissions.tenantId, tx.tenant), eq(subsidySubmissions.applicationId, app.id), eq(subsidySubmissions.version, app.submittedVersion ?? -1)));
    await revise(tx, app.id, { organisationId: null, what: 'return', subject: '', before: '', after: input.comment });
  });
}

/** Marks the application assessed (the final assessment is agreed): called by the assessment part. */
export async function markAssessed(tx: ServiceContext, appId: string): Promise<void> {
  await tx.db.update(subsidyApplications).set({ status: 'assessed', updatedAt: tx.now() }).where(and(eq(subsidyApplications.tenantId, tx.tenant), eq(subsidyApplications.id, appId)));
}

// ------------------------------------------------------------------ history

export interface RevisionView {
  version: number;
  actorName: string;
  organisationName: string;
  what: string;
  subject: string;
  subjectTitle: string;
  /** The text before and after (section text, budget lines, a return comment); equal when the text did not change. */
  before: string;
  after: string;
  /** Other fields changed by the same save: a section's status, and its lead organisation (by name). */
  fieldChanges: FieldChange[];
  createdAt: Date;
}

export async function listRevisions(ctx: ServiceContext, appId: string): Promise<RevisionView[]> {
  const { app, period, members } = await load(ctx, appId);
  if (!readsTable(ctx.actor, members)) throw notFound();
  const [rows, sections] = await Promise.all([
    ctx.db.select().from(subsidyRevisions).where(and(eq(subsidyRevisions.tenantId, ctx.tenant), eq(subsidyRevisions.applicationId, app.id))).orderBy(sql`${subsidyRevisions.version} desc`, sql`${subsidyRevisions.createdAt} desc`),
    ctx.db.select({ key: subsidySections.key, title: subsidySections.title, kind: subsidySections.kind }).from(subsidySections).where(and(eq(subsidySections.tenantId, ctx.tenant), eq(subsidySections.applicationId, app.id))),
  ]);
  // Rows written before one save was one revision kept a status or lead change as a row of its own: read as the
  // same field change, so the history shows both alike.
  const changesOf = (r: (typeof rows)[number]): FieldChange[] =>
    r.what === 'status' ? [{ field: 'status', before: r.before, after: r.after }] : r.what === 'assign' ? [{ field: 'organisationId', before: r.before, after: r.after }] : ((r.fieldChanges ?? []) as FieldChange[]);
  const orgIds = [...new Set(rows.flatMap((r) => [r.organisationId, ...changesOf(r).filter((f) => f.field === 'organisationId').flatMap((f) => [f.before, f.after]), r.what === 'budget' ? r.subject : null]).filter((x): x is string => !!x && isUuid(x)))];
  const names = await getOrganisationNames(ctx, orgIds);
  const titleOf = (key: string) => {
    const s = sections.find((x) => x.key === key);
    return s?.kind === 'own' ? s.title : guidanceOf(period, key).title;
  };
  return rows.map((r) => ({
    version: r.version,
    actorName: r.actorName,
    organisationName: r.organisationId ? (names.get(r.organisationId) ?? '') : '',
    what: r.what,
    subject: r.subject,
    subjectTitle: r.what === 'budget' ? (names.get(r.subject) ?? '') : r.subject ? titleOf(r.subject) : '',
    before: r.what === 'status' || r.what === 'assign' ? '' : r.before,
    after: r.what === 'status' || r.what === 'assign' ? '' : r.after,
    fieldChanges: changesOf(r).map((f) => (f.field === 'organisationId' ? { ...f, before: names.get(f.before) ?? f.before, after: names.get(f.after) ?? f.after } : f)),
    createdAt: r.createdAt,
  }));
}
