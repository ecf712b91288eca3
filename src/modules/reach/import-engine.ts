// The import engine: a file (or an API batch) → checked rows → one transaction. Used by the background job, the
// CLI and the API alike. Nothing is stored when any row is rejected, unless the caller chose `acceptValid`.
import { sql } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { queryRows } from '../../platform/db/client.ts';
import { translate } from '../../platform/http/errors.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { getActivity } from '../catalogue/service.ts';
type ActivityView = Awaited<ReturnType<typeof getActivity>>;
import { listNeighbourhoods, listTargetGroups } from '../framework/service.ts';
import { organisationExists } from '../network/service.ts';
import { registersFor } from './policy.ts';
import { readTable, type Cell, type Table } from './import-parse.ts';
import { activityIdsOf, checkRows, HIDDEN, refuseBsn, resolveColumns, templateColumns, termKey, type ActivityInfo, type Lookups, type RowError } from './import-validate.ts';
import { pgArray, writeRows } from './import-write.ts';

export type ImportPhase = 'read' | 'check' | 'write';
export type ImportProgress = (done: number, total: number, phase: ImportPhase) => void | Promise<void>;

export interface ImportError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ImportResult {
  status: 'imported' | 'rejected';
  totalRows: number;
  validRows: number;
  newVisits: number;
  newSessions: number;
  duplicateRows: number;
  /** Row by row, reasons in the context's language; identifier values are never included. */
  errors: ImportError[];
}

export interface ImportOptions {
  organisationId: string;
  acceptValid?: boolean;
  mapping?: Record<string, string> | null;
  importId?: string | null;
  source?: 'import' | 'api';
  /** Runs inside the import's transaction (the imports row is updated with the result there). */
  inTransaction?: (tx: ServiceContext, result: ImportResult, errors: RowError[]) => Promise<void>;
}

/** Importing for an organisation: its staff, an administrator, or the platform itself (the job, the CLI). */
export async function requireImporter(ctx: ServiceContext, organisationId: string): Promise<void> {
  if (!ctx.system && !registersFor(ctx.actor, organisationId)) throw ctx.actor ? forbidden() : new AppError('unauthenticated', 'error.unauthenticated');
  if (!/^[0-9a-f-]{36}$/i.test(organisationId) || !(await organisationExists(ctx, organisationId))) throw notFound();
}

/** The one function others call: a file (CSV or XLSX) of attendance for an organisation, in one transaction. */
export async function importAttendanceFile(
  ctx: ServiceContext,
  input: { organisationId: string; fileName: string; content: Buffer; mapping?: Record<string, string> | null; acceptValid?: boolean },
  onProgress?: ImportProgress,
): Promise<ImportResult> {
  await requireImporter(ctx, input.organisationId);
  await onProgress?.(0, 0, 'read');
  const table = await readTable(input.content);
  return importTable(ctx, table, { organisationId: input.organisationId, mapping: input.mapping, acceptValid: input.acceptValid }, onProgress);
}

/** Rows in the template's shape (the API): `{ activiteit, datum, pasnummer?, … }`; row numbers count from 1. */
export function tableOfRows(rows: Record<string, unknown>[]): Table {
  const cell = (v: unknown): Cell => (v === undefined || v === null ? null : Array.isArray(v) ? v.map(String).join(',') : typeof v === 'number' || typeof v === 'boolean' ? v : String(v));
  return { headers: [...templateColumns], rows: rows.map((r, i) => ({ line: i + 1, cells: templateColumns.map((c) => cell(r[c])) })) };
}

const todayIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

function hoursOf(a: ActivityView): number {
  const [sh, sm] = a.schedule.startTime.split(':').map(Number);
  const [eh, em] = a.schedule.endTime.split(':').map(Number);
  let m = eh * 60 + em - (sh * 60 + sm);
  if (!Number.isFinite(m)) return 0;
  if (m <= 0) m += 24 * 60;
  return Math.round((m / 60) * 100) / 100;
}

async function lookups(ctx: ServiceContext, organisationId: string, activityIds: string[]): Promise<Lookups> {
  const activities = new Map<string, ActivityInfo>();
  for (const id of activityIds) {
    const a = await getActivity(ctx, id).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'not_found') return null;
      throw e;
    });
    // Joint delivery: partner organisations (catalogue's partnerOrganisationIds, when the catalogue gives them).
    if (a) activities.set(id, { organisationId: a.organisationId, partnerOrganisationIds: (a as ActivityView & { partnerOrganisationIds?: string[] }).partnerOrganisationIds ?? [], hours: hoursOf(a) });
  }
  const wijken = new Map<string, string>();
  for (const n of await listNeighbourhoods(ctx)) {
    if (n.kind !== 'wijk') continue;
    wijken.set(n.code.toUpperCase(), n.code);
    if (!wijken.has(termKey(n.name))) wijken.set(termKey(n.name), n.code);
  }
  const targetGroups = new Map<string, string>();
  for (const g of await listTargetGroups(ctx)) {
    targetGroups.set(g.key, g.key);
    targetGroups.set(termKey(g.name.nl), g.key);
    targetGroups.set(termKey(g.name.en), g.key);
  }
  return { organisationId, activities, wijken, targetGroups, today: todayIn(ctx.now()) };
}

/** Error rows in a language: the reason translated, an identifier value as "(niet getoond)"/"(not shown)". */
export const localiseErrors = (lang: ServiceContext['lang'], errors: RowError[]): ImportError[] =>
  errors.map((e) => ({ row: e.row, column: e.column, value: e.value === HIDDEN ? t(lang, 'reach.import.hidden') : e.value, reason: translate(lang, e.reason) }));

/** Checks and (when allowed) stores a table of attendance. */
export async function importTable(ctx: ServiceContext, table: Table, opts: ImportOptions, onProgress?: ImportProgress): Promise<ImportResult> {
  await requireImporter(ctx, opts.organisationId);
  const cols = resolveColumns(table.headers, opts.mapping);
  refuseBsn(table);
  const look = await lookups(ctx, opts.organisationId, activityIdsOf(table, cols));
  const total = table.rows.length;
  const progress = async (done: number, phase: ImportPhase) => onProgress?.(done, total, phase);
  let lastCheck = Promise.resolve();
  const checked = checkRows(table, cols, look, (done) => {
    lastCheck = lastCheck.then(() => progress(done, 'check'));
  });
  await lastCheck;
  // A session registered as cancelled takes no attendance.
  const cancelled = await cancelledSessions(ctx, checked.valid);
  const errors: RowError[] = [...checked.errors];
  const valid = cancelled.size ? checked.valid.filter((r) => !cancelled.has(`${r.activityId}|${r.date}`)) : checked.valid;
  if (cancelled.size) {
    const dateColumn = table.headers[cols.datum!] || 'datum';
    for (const r of checked.valid) if (cancelled.has(`${r.activityId}|${r.date}`)) errors.push({ row: r.line, column: dateColumn, value: r.date, reason: 'reach.import.reason.sessionCancelled' as MessageKey });
    errors.sort((a, b) => a.row - b.row);
  }
  const base = { totalRows: checked.totalRows, validRows: valid.length, errors: localiseErrors(ctx.lang, errors) };
  if (errors.length && !opts.acceptValid) {
    const result: ImportResult = { status: 'rejected', ...base, newVisits: 0, newSessions: 0, duplicateRows: 0 };
    if (opts.inTransaction) await inTransaction(ctx, (tx) => opts.inTransaction!(tx, result, errors));
    return result;
  }
  // Progress goes to the caller outside the transaction (the job writes it on its own connection; on PGlite's one
  // connection it waits for the commit), so it is chained here and awaited only after the commit.
  let lastWrite: Promise<void> = Promise.resolve();
  const result = await inTransaction(ctx, async (tx) => {
    const written = await writeRows(
      tx,
      { organisationId: opts.organisationId, importId: opts.importId ?? null, createdBy: ctx.actor?.userId || null, source: opts.source ?? 'import', rows: valid, activities: look.activities },
      (done, of) => {
        lastWrite = lastWrite.then(() => onProgress?.(done, of, 'write'));
      },
    );
    const result: ImportResult = { status: 'imported', ...base, ...written };
    await recordAudit(tx, {
      action: 'reach.import_finish',
      subjectType: opts.importId ? 'reach_import' : 'organisation',
      subjectId: opts.importId ?? opts.organisationId,
      actorLabel: ctx.actor ? undefined : 'systeem (import)',
      details: { organisationId: opts.organisationId, totalRows: result.totalRows, validRows: result.validRows, rejectedRows: new Set(errors.map((e) => e.row)).size, newVisits: result.newVisits, newSessions: result.newSessions, source: opts.source ?? 'import' },
    });
    if (opts.inTransaction) await opts.inTransaction(tx, result, errors);
    return result;
  });
  await lastWrite;
  return result;
}

async function cancelledSessions(ctx: ServiceContext, rows: { activityId: string; date: string }[]): Promise<Set<string>> {
  const pairs = [...new Map(rows.map((r) => [`${r.activityId}|${r.date}`, r])).values()];
  const out = new Set<string>();
  for (let i = 0; i < pairs.length; i += 5000) {
    const part = pairs.slice(i, i + 5000);
    const found = await queryRows<{ activity_id: string; date: string }>(
      ctx.db,
      sql`select s.activity_id, s.date::text as date from reach_sessions s
          join unnest(${pgArray(part.map((p) => p.activityId))}::uuid[], ${pgArray(part.map((p) => p.date))}::date[]) as p(a, d) on s.activity_id = p.a and s.date = p.d
          where s.tenant_id = ${ctx.tenant} and s.status = 'cancelled'`,
    );
    for (const f of found) out.add(`${f.activity_id}|${f.date}`);
  }
  return out;
}
