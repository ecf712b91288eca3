// The call (uitvraag) for a period and its theme tables: opened by a policy advisor from the framework of that
// period (its themes and the quality criteria of §8), with a budget ceiling per theme and the deadlines; per table
// the member organisations, the chair, meeting records and the municipality's interim reactions.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { subsidyCalls, subsidyTables, subsidyTableMembers, subsidyTableNotes, subsidyApplications, subsidyBudgetLines } from './schema.ts';
import { amount, isoDate, localDate, requiredText, text } from './input.ts';
import { managesSubsidies, readsAllSubsidies, readsTable, sitsAtTable } from './policy.ts';
import { AppError, forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { listPeriods, listThemes, getPeriod, type PeriodView } from '../framework/service.ts';
import { getOrganisationNames, organisationExists } from '../network/service.ts';

const uuid = z.uuid();
const isUuid = (s: string) => uuid.safeParse(s).success;

// ------------------------------------------------------------------ views

export interface CallSummary {
  id: string;
  periodCode: string;
  title: string;
  startYear: number;
  endYear: number;
  applicationDeadline: string;
  decisionDeadline: string;
  /** Open for applications today (on or before the application deadline). */
  open: boolean;
  ceilingCents: number;
  tableCount: number;
}

export interface TableSummary {
  id: string;
  themeSlug: string;
  themeName: string;
  ceilingCents: number;
  chairKind: 'municipality' | 'facilitator';
  chairName: string;
  members: { id: string; name: string }[];
  application: { id: string; status: string; requestedCents: number } | null;
}

export interface CallView extends CallSummary {
  criteria: { key: string; text: string }[];
  tables: TableSummary[];
}

export interface NoteView {
  id: string;
  kind: 'meeting' | 'reaction';
  date: string;
  attendees: string;
  text: string;
  authorName: string;
}

export interface TableView extends TableSummary {
  call: CallSummary;
  notes: NoteView[];
  /** What the actor may do here. */
  may: { manage: boolean; writeNotes: boolean; react: boolean; startApplication: boolean };
}

type CallRow = typeof subsidyCalls.$inferSelect;
type TableRow = typeof subsidyTables.$inferSelect;

function summary(ctx: ServiceContext, r: CallRow, period: PeriodView | undefined, tables: { ceilingCents: number }[]): CallSummary {
  return callSummaryOf(ctx, r, period, { ceilingCents: tables.reduce((s, t) => s + t.ceilingCents, 0), tableCount: tables.length });
}

/** A call's summary from its row, its period and the totals of its tables (ceilings summed, tables counted). */
export function callSummaryOf(ctx: ServiceContext, r: Pick<CallRow, 'id' | 'periodCode' | 'title' | 'applicationDeadline' | 'decisionDeadline'>, period: PeriodView | undefined, tables: { ceilingCents: number; tableCount: number }): CallSummary {
  return {
    id: r.id,
    periodCode: r.periodCode,
    title: r.title,
    startYear: period?.startYear ?? 0,
    endYear: period?.endYear ?? period?.startYear ?? 0,
    applicationDeadline: r.applicationDeadline,
    decisionDeadline: r.decisionDeadline,
    open: localDate(ctx.now()) <= r.applicationDeadline,
    ceilingCents: tables.ceilingCents,
    tableCount: tables.tableCount,
  };
}

/** The years of a call's period (the grant years). */
export const yearsOf = (c: Pick<CallSummary, 'startYear' | 'endYear'>): number[] => Array.from({ length: Math.max(0, c.endYear - c.startYear + 1) }, (_, i) => c.startYear + i);

// ------------------------------------------------------------------ reading

/** Every call, newest period first. Calls are the municipality's public word: every reader of the module sees them. */
export async function listCalls(ctx: ServiceContext): Promise<CallSummary[]> {
  requireActor(ctx);
  const [rows, periods] = await Promise.all([ctx.db.select().from(subsidyCalls).where(eq(subsidyCalls.tenantId, ctx.tenant)).orderBy(desc(subsidyCalls.periodCode)), listPeriods(ctx)]);
  const tables = rows.length
    ? await ctx.db.select({ callId: subsidyTables.callId, ceilingCents: subsidyTables.ceilingCents }).from(subsidyTables).where(and(eq(subsidyTables.tenantId, ctx.tenant), inArray(subsidyTables.callId, rows.map((r) => r.id))))
    : [];
  return rows.map((r) => summary(ctx, r, periods.find((p) => p.code === r.periodCode), tables.filter((t) => t.callId === r.id)));
}

async function callRow(ctx: ServiceContext, id: string): Promise<CallRow> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(subsidyCalls).where(and(eq(subsidyCalls.tenantId, ctx.tenant), eq(subsidyCalls.id, id)));
  if (!row) throw notFound();
  return row;
}

async function tableSummaries(ctx: ServiceContext, call: CallRow, only?: string): Promise<TableSummary[]> {
  const where = [eq(subsidyTables.tenantId, ctx.tenant), eq(subsidyTables.callId, call.id)];
  if (only) where.push(eq(subsidyTables.id, only));
  const rows = await ctx.db.select().from(subsidyTables).where(and(...where));
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [members, apps, themes] = await Promise.all([
    ctx.db.select().from(subsidyTableMembers).where(and(eq(subsidyTableMembers.tenantId, ctx.tenant), inArray(subsidyTableMembers.tableId, ids))),
    ctx.db
      .select({ id: subsidyApplications.id, tableId: subsidyApplications.tableId, status: subsidyApplications.status, requested: sql<string>`coalesce(sum(${subsidyBudgetLines.wageCents} + ${subsidyBudgetLines.otherCents}), 0)` })
      .from(subsidyApplications)
      .leftJoin(subsidyBudgetLines, and(eq(subsidyBudgetLines.tenantId, subsidyApplications.tenantId), eq(subsidyBudgetLines.applicationId, subsidyApplications.id)))
      .where(and(eq(subsidyApplications.tenantId, ctx.tenant), inArray(subsidyApplications.tableId, ids)))
      .groupBy(subsidyApplications.id, subsidyApplications.tableId, subsidyApplications.status),
    listThemes(ctx, call.periodCode).catch(() => []),
  ]);
  const names = await getOrganisationNames(ctx, [...new Set(members.map((m) => m.organisationId))]);
  const order = new Map(themes.map((t, i) => [t.slug, i]));
  return rows
    .map((r) => {
      const app = apps.find((a) => a.tableId === r.id);
      const memberIds = members.filter((m) => m.tableId === r.id).map((m) => m.organisationId);
      return tableSummaryOf(r, memberIds, names, themes, app ? { id: app.id, status: app.status, requestedCents: Number(app.requested) } : null);
    })
    .sort((a, b) => (order.get(a.themeSlug) ?? 99) - (order.get(b.themeSlug) ?? 99));
}

type TableFacts = Pick<TableRow, 'id' | 'themeSlug' | 'ceilingCents' | 'chairKind' | 'chairName'>;

function tableSummaryOf(r: TableFacts, memberIds: string[], names: Map<string, string>, themes: { slug: string; name: string }[], application: TableSummary['application']): TableSummary {
  return {
    id: r.id,
    themeSlug: r.themeSlug,
    themeName: themes.find((t) => t.slug === r.themeSlug)?.name ?? r.themeSlug,
    ceilingCents: r.ceilingCents,
    chairKind: r.chairKind as TableSummary['chairKind'],
    chairName: r.chairName,
    members: memberIds.map((id) => ({ id, name: names.get(id) ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    application,
  };
}

/**
 * One table's summary from rows already read (the joint application reads its table, members and requested total
 * in the same query as itself): the names and the theme come from the cached reference data.
 */
export async function tableSummaryFrom(ctx: ServiceContext, periodCode: string, r: TableFacts, memberIds: string[], application: TableSummary['application']): Promise<TableSummary> {
  const [names, themes] = await Promise.all([getOrganisationNames(ctx, [...new Set(memberIds)]), listThemes(ctx, periodCode).catch(() => [])]);
  return tableSummaryOf(r, memberIds, names, themes, application);
}

/**
 * A call with its tables; partner staff see the tables they sit at. `allTables`: for the module's own checks that
 * already decided the actor may see a table (an assigned assessor).
 */
export async function getCall(ctx: ServiceContext, id: string, opts: { allTables?: boolean } = {}): Promise<CallView> {
  const actor = requireActor(ctx);
  const row = await callRow(ctx, id);
  const [period, all] = await Promise.all([getPeriod(ctx, row.periodCode), tableSummaries(ctx, row)]);
  const tables = readsAllSubsidies(actor) || opts.allTables ? all : all.filter((t) => sitsAtTable(actor, t.members.map((m) => m.id)));
  return { ...summary(ctx, row, period, all), criteria: period.content.qualityCriteria, tables };
}

/** The call a table belongs to (for other parts of the module). */
export async function callOf(ctx: ServiceContext, callId: string): Promise<CallView> {
  return getCall(ctx, callId);
}

/** A table with its members, chair and notes: "not found" for anyone but the municipality's readers and its members. */
export async function getTable(ctx: ServiceContext, id: string): Promise<TableView> {
  const actor = requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [t] = await ctx.db.select().from(subsidyTables).where(and(eq(subsidyTables.tenantId, ctx.tenant), eq(subsidyTables.id, id)));
  if (!t) throw notFound();
  const call = await callRow(ctx, t.callId);
  const [period, [table], allTables, notes] = await Promise.all([
    getPeriod(ctx, call.periodCode),
    tableSummaries(ctx, call, t.id),
    ctx.db.select({ ceilingCents: subsidyTables.ceilingCents }).from(subsidyTables).where(and(eq(subsidyTables.tenantId, ctx.tenant), eq(subsidyTables.callId, call.id))),
    ctx.db.select().from(subsidyTableNotes).where(and(eq(subsidyTableNotes.tenantId, ctx.tenant), eq(subsidyTableNotes.tableId, t.id))).orderBy(desc(subsidyTableNotes.date), desc(subsidyTableNotes.createdAt)),
  ]);
  const memberIds = table.members.map((m) => m.id);
  if (!readsTable(actor, memberIds)) throw notFound();
  const member = sitsAtTable(actor, memberIds);
  return {
    ...table,
    call: summary(ctx, call, period, allTables),
    notes: notes.map((n) => ({ id: n.id, kind: n.kind as NoteView['kind'], date: n.date, attendees: n.attendees, text: n.text, authorName: n.authorName })),
    may: { manage: managesSubsidies(actor), writeNotes: managesSubsidies(actor) || member, react: managesSubsidies(actor), startApplication: !table.application && (member || actor.roles.includes('administrator')) },
  };
}

/** The member organisation ids of a table (for the checks of the other parts). */
export async function tableMembers(ctx: ServiceContext, tableId: string): Promise<string[]> {
  const rows = await ctx.db.select({ id: subsidyTableMembers.organisationId }).from(subsidyTableMembers).where(and(eq(subsidyTableMembers.tenantId, ctx.tenant), eq(subsidyTableMembers.tableId, tableId)));
  return rows.map((r) => r.id);
}

// ------------------------------------------------------------------ opening a call

export const openCallInput = z.object({
  periodCode: requiredText(40),
  title: text(200).default(''),
  applicationDeadline: isoDate,
  decisionDeadline: isoDate,
  /** Theme slug → ceiling (cents, or euros as typed); only the themes listed take part. */
  themes: z.array(z.object({ slug: requiredText(80), ceiling: amount() })).min(1),
});
export type OpenCallInput = z.input<typeof openCallInput>;

export async function openCall(ctx: ServiceContext, raw: OpenCallInput): Promise<CallView> {
  const actor = requireActor(ctx);
  if (!managesSubsidies(actor)) throw forbidden();
  const periods = await listPeriods(ctx);
  const input = await parseChecked(openCallInput, raw, async (p) => {
    const errors: FieldError[] = [];
    const period = p.periodCode ? periods.find((x) => x.code === p.periodCode) : undefined;
    if (p.periodCode && !period) errors.push({ field: 'periodCode', code: 'unknown_reference', message: 'subsidies.error.unknownPeriod' });
    if (p.applicationDeadline && p.decisionDeadline && p.decisionDeadline < p.applicationDeadline) errors.push({ field: 'decisionDeadline', code: 'too_small', message: 'subsidies.error.decisionBeforeApplication' });
    if (period && p.themes) {
      const slugs = new Set((await listThemes(ctx, period.code)).map((t) => t.slug));
      p.themes.forEach((t, i) => {
        if (!slugs.has(t.slug)) errors.push({ field: `themes.${i}.slug`, code: 'unknown_reference', message: 'subsidies.error.unknownTheme' });
      });
      if (new Set(p.themes.map((t) => t.slug)).size !== p.themes.length) errors.push({ field: 'themes', code: 'duplicate', message: 'subsidies.error.duplicateTheme' });
    }
    if (period && (await ctx.db.select({ id: subsidyCalls.id }).from(subsidyCalls).where(and(eq(subsidyCalls.tenantId, ctx.tenant), eq(subsidyCalls.periodCode, period.code)))).length)
      errors.push({ field: 'periodCode', code: 'conflict', message: 'subsidies.error.callExists' });
    return errors;
  });
  const period = periods.find((x) => x.code === input.periodCode)!;
  const id = await inTransaction(ctx, async (tx) => {
    const [call] = await tx.db
      .insert(subsidyCalls)
      .values({ tenantId: tx.tenant, periodCode: period.code, title: input.title || period.name, applicationDeadline: input.applicationDeadline, decisionDeadline: input.decisionDeadline, openedBy: actor.name })
      .returning({ id: subsidyCalls.id });
    await tx.db.insert(subsidyTables).values(input.themes.map((t) => ({ tenantId: tx.tenant, callId: call.id, themeSlug: t.slug, ceilingCents: t.ceiling })));
    await recordAudit(tx, { action: 'subsidies.call_open', subjectType: 'subsidy_call', subjectId: call.id, details: { period: period.code, themes: input.themes.length } });
    return call.id;
  });
  return getCall(ctx, id);
}

// ------------------------------------------------------------------ tables

async function tableForChange(ctx: ServiceContext, id: string) {
  const actor = requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [t] = await ctx.db.select().from(subsidyTables).where(and(eq(subsidyTables.tenantId, ctx.tenant), eq(subsidyTables.id, id)));
  if (!t) throw notFound();
  return { actor, table: t };
}

export const memberInput = z.object({ organisationId: z.uuid() });

export async function addTableMember(ctx: ServiceContext, tableId: string, raw: z.input<typeof memberInput>): Promise<void> {
  const { actor, table } = await tableForChange(ctx, tableId);
  if (!managesSubsidies(actor)) throw forbidden();
  const input = await parseChecked(memberInput, raw, async (p) => (p.organisationId && !(await organisationExists(ctx, p.organisationId)) ? [{ field: 'organisationId', code: 'unknown_reference', message: 'subsidies.error.unknownOrganisation' }] : []));
  await inTransaction(ctx, async (tx) => {
    const added = await tx.db.insert(subsidyTableMembers).values({ tenantId: tx.tenant, tableId: table.id, organisationId: input.organisationId }).onConflictDoNothing().returning({ id: subsidyTableMembers.id });
    if (!added.length) throw invalid([{ field: 'organisationId', code: 'conflict', message: 'subsidies.error.alreadyMember' }]);
    await recordAudit(tx, { action: 'subsidies.table_change', subjectType: 'subsidy_table', subjectId: table.id, details: { added: input.organisationId } });
  });
}

export async function removeTableMember(ctx: ServiceContext, tableId: string, raw: z.input<typeof memberInput>): Promise<void> {
  const { actor, table } = await tableForChange(ctx, tableId);
  if (!managesSubsidies(actor)) throw forbidden();
  const input = await parseChecked(memberInput, raw, () => []);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(subsidyTableMembers).where(and(eq(subsidyTableMembers.tenantId, tx.tenant), eq(subsidyTableMembers.tableId, table.id), eq(subsidyTableMembers.organisationId, input.organisationId)));
    await recordAudit(tx, { action: 'subsidies.table_change', subjectType: 'subsidy_table', subjectId: table.id, details: { removed: input.organisationId } });
  });
}

export const chairInput = z
  .object({ chairKind: z.enum(['municipality', 'facilitator']), chairName: text(200).default('') })
  .refine((c) => c.chairKind === 'municipality' || c.chairName.length > 0, { path: ['chairName'], message: 'subsidies.error.facilitatorName' });

export async function setTableChair(ctx: ServiceContext, tableId: string, raw: z.input<typeof chairInput>): Promise<void> {
  const { actor, table } = await tableForChange(ctx, tableId);
  if (!managesSubsidies(actor)) throw forbidden();
  const r = chairInput.safeParse(raw);
  if (!r.success) throw new AppError('validation', 'error.validation', r.error.issues.map((i) => ({ field: i.path.join('.') || 'chairKind', code: i.code, message: i.message.startsWith('subsidies.') ? i.message : 'validation.oneOf', params: i.message.startsWith('subsidies.') ? undefined : { values: 'municipality, facilitator' } })));
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(subsidyTables).set({ chairKind: r.data.chairKind, chairName: r.data.chairKind === 'municipality' ? '' : r.data.chairName, updatedAt: tx.now() }).where(and(eq(subsidyTables.tenantId, tx.tenant), eq(subsidyTables.id, table.id)));
    await recordAudit(tx, { action: 'subsidies.table_change', subjectType: 'subsidy_table', subjectId: table.id, details: { chair: r.data.chairKind } });
  });
}

export const noteInput = z.object({ kind: z.enum(['meeting', 'reaction']), date: isoDate, attendees: text(2000).default(''), text: requiredText(10000) });

/** A meeting record (members and the municipality) or an interim reaction (the municipality only). */
export async function addTableNote(ctx: ServiceContext, tableId: string, raw: z.input<typeof noteInput>): Promise<void> {
  const { actor, table } = await tableForChange(ctx, tableId);
  const members = await tableMembers(ctx, table.id);
  if (!readsTable(actor, members)) throw notFound();
  const input = await parseChecked(noteInput, raw, (p) => (p.date && p.date > localDate(ctx.now()) ? [{ field: 'date', code: 'too_big', message: 'subsidies.error.futureDate' }] : []));
  if (input.kind === 'reaction' ? !managesSubsidies(actor) : !(managesSubsidies(actor) || sitsAtTable(actor, members))) throw forbidden();
  await inTransaction(ctx, async (tx) => {
    const [n] = await tx.db.insert(subsidyTableNotes).values({ tenantId: tx.tenant, tableId: table.id, kind: input.kind, date: input.date, attendees: input.attendees, text: input.text, authorName: actor.name }).returning({ id: subsidyTableNotes.id });
    await recordAudit(tx, { action: 'subsidies.table_note', subjectType: 'subsidy_table', subjectId: table.id, details: { note: n.id, kind: input.kind } });
  });
}

/** Tables of a call ordered as the framework orders the themes (for the API). */
export async function listTables(ctx: ServiceContext, callId: string): Promise<TableSummary[]> {
  return (await getCall(ctx, callId)).tables;
}
