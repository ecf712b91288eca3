// Imports as records: an uploaded file is stored in reach_imports and handed to the background job `reach.import`,
// which runs the engine and stores the result (counts and the row-by-row errors) in the same transaction as the
// attendance. The file itself is kept only until it is no longer needed: cleared when the import is stored or fails,
// kept after a rejection (so "import only the valid rows" can run it again) for at most a day.
import crypto from 'node:crypto';
import { and, desc, eq, getTableColumns, isNotNull, lt, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { defineJob, enqueueJob, DAY } from '../../platform/jobs/index.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { t } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { reachImports, reachImportMappings } from './schema.ts';
import { fileError, MAX_FILE_BYTES, readTable } from './import-parse.ts';
import { importTable, requireImporter, type ImportPhase } from './import-engine.ts';
import { templateColumns, type RowError } from './import-validate.ts';
import { registersFor } from './policy.ts';

/** At most this many row errors are kept per import (the count is always exact). */
export const MAX_STORED_ERRORS = 10_000;
/** A rejected import's file is kept this long for "import only the valid rows". */
export const KEEP_REJECTED_MS = DAY * 1000;

type Row = typeof reachImports.$inferSelect;

export interface ImportView {
  id: string;
  organisationId: string;
  fileName: string;
  status: 'queued' | 'running' | 'imported' | 'rejected' | 'failed';
  acceptValid: boolean;
  totalRows: number;
  validRows: number;
  newVisits: number;
  newSessions: number;
  errorCount: number;
  /** Row errors as stored: reasons are message keys, identifier values "(niet getoond)". */
  errors: RowError[];
  /** A whole-file refusal or failure, in Dutch and English. */
  message: string | null;
  /** The file is still kept (a rejected import can be run again with only its valid rows). */
  canRetryValid: boolean;
  progress: { done: number; total: number | null; message: string | null };
  createdAt: Date;
  finishedAt: Date | null;
}

/** A bytea value as a Buffer (PGlite gives a Uint8Array). */
const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function viewOf(r: Omit<Row, 'content'> & { hasContent: boolean }, progress?: { done: number; total: number | null; message: string | null }): ImportView {
  return {
    id: r.id,
    organisationId: r.organisationId,
    fileName: r.fileName,
    status: r.status as ImportView['status'],
    acceptValid: r.acceptValid,
    totalRows: r.totalRows,
    validRows: r.validRows,
    newVisits: r.newVisits,
    newSessions: r.newSessions,
    errorCount: r.errorCount,
    errors: r.errors as RowError[],
    message: r.message,
    canRetryValid: r.status === 'rejected' && r.hasContent && r.validRows > 0,
    progress: progress ?? { done: 0, total: null, message: null },
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}

const { content: _content, ...columns } = getTableColumns(reachImports);
const selection = { ...columns, hasContent: sql<boolean>`${reachImports.content} is not null` };

// ------------------------------------------------------------------ the job

const phaseText: Record<ImportPhase, string> = { read: 'bestand lezen', check: 'regels controleren', write: 'bezoeken opslaan' };

export const reachImportJob = defineJob({
  id: 'reach.import',
  payload: z.object({ importId: z.uuid().optional() }).strict(),
  maxAttempts: 3,
  backoffMs: 10_000,
  // Without an import: the daily clean-up of files of rejected imports nobody ran again.
  schedules: [{ name: 'reach-import-cleanup', everySeconds: DAY, firstAfterSeconds: 3600, payload: {} }],
  async handler({ ctx, payload, progress, job }) {
    if (!payload.importId) return { filesCleared: await clearOldFiles(ctx) };
    return runImport(ctx, payload.importId, (done, total, message) => progress(done, total, message), job.attempt >= job.maxAttempts);
  },
});

/** Runs one stored import (the job's work; idempotent: a finished import is left as it is). */
export async function runImport(ctx: ServiceContext, importId: string, progress?: (done: number, total: number | null, message: string) => Promise<void>, lastTry = true): Promise<unknown> {
  const mine = and(eq(reachImports.tenantId, ctx.tenant), eq(reachImports.id, importId));
  const [row] = await ctx.db.select().from(reachImports).where(mine);
  if (!row || ['imported', 'rejected', 'failed'].includes(row.status)) return { status: row?.status ?? 'missing' };
  const finish = async (tx: ServiceContext, set: Partial<typeof reachImports.$inferInsert>): Promise<void> => {
    await tx.db.update(reachImports).set({ ...set, finishedAt: tx.now() }).where(mine);
  };
  if (!row.content) {
    await finish(ctx, { status: 'failed', message: t('nl', 'reach.import.error.noContent') });
    return { status: 'failed' };
  }
  await ctx.db.update(reachImports).set({ status: 'running' }).where(mine);
  try {
    const table = await readTable(asBuffer(row.content));
    const result = await importTable(
      ctx,
      table,
      {
        organisationId: row.organisationId,
        mapping: row.mapping,
        acceptValid: row.acceptValid,
        importId,
        inTransaction: (tx, r, errors) =>
          finish(tx, {
            status: r.status,
            totalRows: r.totalRows,
            validRows: r.validRows,
            newVisits: r.newVisits,
            newSessions: r.newSessions,
            errors: errors.slice(0, MAX_STORED_ERRORS),
            errorCount: errors.length,
            message: null,
            // Kept after a rejection for "import only the valid rows"; the clean-up clears it after a day.
            ...(r.status === 'imported' ? { content: null } : {}),
          }),
      },
      (done, total, phase) => progress?.(done, total, phaseText[phase]),
    );
    return { status: result.status, totalRows: result.totalRows, validRows: result.validRows, newVisits: result.newVisits, newSessions: result.newSessions, errorCount: result.errors.length };
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      // The whole file is refused (too large, a BSN column, columns missing …): the message in both languages.
      const message = `${t('nl', err.messageKey, err.params)}\n${t('en', err.messageKey, err.params)}`;
      await finish(ctx, { status: 'rejected', message, content: null, errors: [], errorCount: 0 });
      return { status: 'rejected' };
    }
    if (lastTry) await finish(ctx, { status: 'failed', message: t('nl', 'reach.import.failed'), content: null });
    else await ctx.db.update(reachImports).set({ status: 'queued' }).where(mine);
    throw err;
  }
}

/** Clears the files of rejected imports older than a day. */
export async function clearOldFiles(ctx: ServiceContext): Promise<number> {
  const cleared = await ctx.db
    .update(reachImports)
    .set({ content: null })
    .where(and(eq(reachImports.tenantId, ctx.tenant), isNotNull(reachImports.content), eq(reachImports.status, 'rejected'), lt(reachImports.finishedAt, new Date(ctx.now().getTime() - KEEP_REJECTED_MS))))
    .returning({ id: reachImports.id });
  return cleared.length;
}

// ------------------------------------------------------------------ service functions

export interface StartImportInput {
  organisationId: string;
  fileName: string;
  content: Buffer;
  /** A saved mapping of the organisation (id), or a mapping itself. */
  mappingId?: string | null;
  mapping?: Record<string, string> | null;
  acceptValid?: boolean;
}

/** Stores an uploaded file and enqueues its import. Refuses an empty or too large file at once. */
export async function startImport(ctx: ServiceContext, input: StartImportInput): Promise<ImportView> {
  await requireImporter(ctx, input.organisationId);
  if (!input.content.length) throw fileError('reach.import.error.noFile');
  if (input.content.length > MAX_FILE_BYTES) throw fileError('reach.import.error.tooLarge', { mb: Math.round(input.content.length / 1024 / 1024), max: MAX_FILE_BYTES / 1024 / 1024 });
  let mapping = input.mapping ?? null;
  if (input.mappingId) {
    const m = (await listMappings(ctx, input.organisationId)).find((x) => x.id === input.mappingId);
    if (!m) throw new AppError('validation', 'reach.import.error.unknownMapping', [{ field: 'mapping', code: 'unknown_reference', message: 'reach.import.error.unknownMapping' }]);
    mapping = m.mapping;
  }
  const fileName = input.fileName.replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'bestand';
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(reachImports)
      .values({ tenantId: tx.tenant, organisationId: input.organisationId, fileName, fileSha256: crypto.createHash('sha256').update(input.content).digest('hex'), content: input.content, mapping, acceptValid: !!input.acceptValid, createdBy: tx.actor?.userId || null, createdAt: tx.now() })
      .returning({ id: reachImports.id });
    const job = await enqueueJob(tx, reachImportJob, { importId: row.id });
    await tx.db.update(reachImports).set({ jobId: job.id }).where(and(eq(reachImports.tenantId, tx.tenant), eq(reachImports.id, row.id)));
    await recordAudit(tx, { action: 'reach.import_start', subjectType: 'reach_import', subjectId: row.id, details: { organisationId: input.organisationId, bytes: input.content.length, acceptValid: !!input.acceptValid } });
    return getImport(tx, row.id);
  });
}

/** One import with its job's progress. Only for the organisation's staff and administrators ("not found" otherwise). */
export async function getImport(ctx: ServiceContext, id: string): Promise<ImportView> {
  if (!UUID.test(id)) throw notFound();
  const [row] = await ctx.db.select(selection).from(reachImports).where(and(eq(reachImports.tenantId, ctx.tenant), eq(reachImports.id, id)));
  if (!row || (!ctx.system && !registersFor(ctx.actor, row.organisationId))) throw notFound();
  const [job] = row.jobId ? await ctx.db.select({ done: jobs.progressDone, total: jobs.progressTotal, message: jobs.progressMessage }).from(jobs).where(and(eq(jobs.tenantId, ctx.tenant), eq(jobs.id, row.jobId))) : [];
  return viewOf(row, job);
}

/** The latest imports: staff see their organisation's, administrators everyone's (or one organisation's). */
export async function listImports(ctx: ServiceContext, organisationId?: string | null): Promise<ImportView[]> {
  const actor = ctx.actor;
  if (!actor || !(hasRole(actor, 'administrator') || (hasRole(actor, 'partner_staff') && actor.organisationId))) throw new AppError('forbidden', 'error.forbidden');
  const org = hasRole(actor, 'administrator') ? (organisationId ?? null) : actor.organisationId;
  const rows = await ctx.db
    .select(selection)
    .from(reachImports)
    .where(and(eq(reachImports.tenantId, ctx.tenant), org ? eq(reachImports.organisationId, org) : undefined))
    .orderBy(desc(reachImports.createdAt))
    .limit(50);
  return rows.map((r) => viewOf({ ...r, errors: [] }));
}

/** "Import only the valid rows": a new run of a rejected import's file with acceptValid; the old one lets go of the file. */
export async function retryValidRows(ctx: ServiceContext, id: string): Promise<ImportView> {
  const view = await getImport(ctx, id);
  if (view.status !== 'rejected' || !view.canRetryValid) throw new AppError('conflict', view.status === 'rejected' ? 'reach.import.error.noContent' : 'reach.import.error.notRejected');
  const [row] = await ctx.db.select({ content: reachImports.content, mapping: reachImports.mapping }).from(reachImports).where(and(eq(reachImports.tenantId, ctx.tenant), eq(reachImports.id, id)));
  if (!row?.content) throw new AppError('conflict', 'reach.import.error.noContent');
  return inTransaction(ctx, async (tx) => {
    const next = await startImport(tx, { organisationId: view.organisationId, fileName: view.fileName, content: asBuffer(row.content!), mapping: row.mapping, acceptValid: true });
    await tx.db.update(reachImports).set({ content: null }).where(and(eq(reachImports.tenantId, tx.tenant), eq(reachImports.id, id)));
    return next;
  });
}

// ------------------------------------------------------------------ column mappings

export interface MappingView {
  id: string;
  name: string;
  mapping: Record<string, string>;
}

export async function listMappings(ctx: ServiceContext, organisationId: string): Promise<MappingView[]> {
  await requireImporter(ctx, organisationId);
  const rows = await ctx.db.select().from(reachImportMappings).where(and(eq(reachImportMappings.tenantId, ctx.tenant), eq(reachImportMappings.organisationId, organisationId))).orderBy(reachImportMappings.name);
  return rows.map((r) => ({ id: r.id, name: r.name, mapping: r.mapping }));
}

export const mappingInput = z.object({
  organisationId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  mapping: z.partialRecord(z.enum(templateColumns), z.string().trim().max(200)),
});

/** Saves (or replaces) a named mapping of an organisation: template column → header in its files. */
export async function saveMapping(ctx: ServiceContext, raw: z.input<typeof mappingInput>): Promise<MappingView> {
  const input = mappingInput.parse(raw);
  await requireImporter(ctx, input.organisationId);
  const mapping = Object.fromEntries(Object.entries(input.mapping).filter(([, v]) => v !== ''));
  const missing = (['activiteit', 'datum'] as const).filter((c) => !mapping[c]);
  if (missing.length) throw new AppError('validation', 'error.validation', missing.map((c) => ({ field: `mapping.${c}`, code: 'too_small', message: 'reach.mapping.required', params: { column: c } })));
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(reachImportMappings)
      .values({ tenantId: tx.tenant, organisationId: input.organisationId, name: input.name, mapping })
      .onConflictDoUpdate({ target: [reachImportMappings.tenantId, reachImportMappings.organisationId, reachImportMappings.name], set: { mapping, updatedAt: tx.now() } })
      .returning();
    await recordAudit(tx, { action: 'reach.mapping_save', subjectType: 'reach_import_mapping', subjectId: row.id, details: { organisationId: input.organisationId, name: input.name } });
    return { id: row.id, name: row.name, mapping: row.mapping };
  });
}

/** The column headers of a sample file (to build a mapping). */
export async function fileHeaders(ctx: ServiceContext, organisationId: string, content: Buffer): Promise<string[]> {
  await requireImporter(ctx, organisationId);
  if (!content.length) throw fileError('reach.import.error.noFile');
  const table = await readTable(content);
  return [...new Set(table.headers.filter(Boolean))];
}

/** A saved mapping by its name (the CLI's --mapping). */
export async function findMappingByName(ctx: ServiceContext, organisationId: string, name: string): Promise<MappingView | null> {
  return (await listMappings(ctx, organisationId)).find((m) => m.name.toLowerCase() === name.trim().toLowerCase()) ?? null;
}
