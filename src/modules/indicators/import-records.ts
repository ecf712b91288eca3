// Imports of indicator values as records: an uploaded file is stored in `indicator_imports` and run by the
// background job `indicators.import` (progress shown on the import page), the same engine as the CLI and the API:
// the platform's table reader → rows (long or wide layout) → the checked write, all or nothing. The result — counts,
// or every row error — is stored with the import; the file itself is cleared once the import has run.
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { defineJob, enqueueJob } from '../../platform/jobs/index.ts';
import { jobs } from '../../platform/jobs/schema.ts';
import { fileError, MAX_FILE_BYTES, readTable } from '../../platform/import/table.ts';
import type { MessageKey, MessageParams } from '../../platform/i18n/index.ts';
import { indicatorImports, indicators, type StoredRowError } from './schema.ts';
import { rowsOfTable, type Layout } from './import-table.ts';
import { writeIndicatorValues, type WriteValuesResult } from './values.ts';
import { parsePeriod } from './periods.ts';
import { requireIndicatorEditor } from './policy.ts';

/** At most this many row errors are kept per import (the count is always exact). */
export const MAX_STORED_ERRORS = 10_000;

export interface ImportInput {
  fileName: string;
  content: Buffer;
  layout?: Layout;
  /** The period of a wide file without a period column. */
  period?: string | null;
  benchmarkFile?: boolean;
}

export interface FileImportResult extends WriteValuesResult {
  layout: 'long' | 'wide' | null;
}

/**
 * Reads and imports a file in one go (the job's work, and the CLI's): the platform's table reader, the layout,
 * the checked all-or-nothing write. A whole-file problem (unreadable, header) is a rejection with its message.
 */
export async function importValuesFile(ctx: ServiceContext, input: ImportInput, onProgress?: (done: number, total: number, phase: string) => void | Promise<void>): Promise<FileImportResult> {
  requireIndicatorEditor(ctx);
  await onProgress?.(0, 0, 'bestand lezen');
  const table = await readTable(input.content);
  const keys = new Set((await ctx.db.select({ key: indicators.key }).from(indicators).where(eq(indicators.tenantId, ctx.tenant))).map((r) => r.key));
  const { rows, errors, layout } = rowsOfTable(table, { layout: input.layout ?? 'auto', period: input.period, indicatorKeys: keys });
  if (errors.length) return { status: 'rejected', total: table.rows.length, added: 0, replaced: 0, unchanged: 0, benchmarks: 0, errors, fileError: null, layout };
  if (!rows.length) return { status: 'rejected', total: 0, added: 0, replaced: 0, unchanged: 0, benchmarks: 0, errors: [], fileError: { message: 'indicators.import.error.noRows', params: {} }, layout };
  await onProgress?.(0, rows.length, 'waarden controleren');
  const r = await writeIndicatorValues(ctx, rows, { origin: input.fileName, benchmarkFile: input.benchmarkFile }, (done, total) => onProgress?.(done, total, 'waarden opslaan'));
  return { ...r, layout };
}

// ------------------------------------------------------------------ stored imports and the job

export interface ImportView {
  id: string;
  fileName: string;
  layout: Layout;
  period: string | null;
  benchmarkFile: boolean;
  status: 'queued' | 'running' | 'imported' | 'rejected' | 'failed';
  totalRows: number;
  added: number;
  replaced: number;
  unchanged: number;
  benchmarks: number;
  errorCount: number;
  errors: StoredRowError[];
  message: { key: MessageKey; params: MessageParams } | null;
  progress: { done: number; total: number | null; message: string | null };
  createdAt: Date;
  finishedAt: Date | null;
}

const { content: _content, ...columns } = getTableColumns(indicatorImports);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Omit<typeof indicatorImports.$inferSelect, 'content'>;
const viewOf = (r: Row, progress?: ImportView['progress']): ImportView => ({
  id: r.id,
  fileName: r.fileName,
  layout: r.layout,
  period: r.period,
  benchmarkFile: r.benchmarkFile,
  status: r.status,
  totalRows: r.totalRows,
  added: r.added,
  replaced: r.replaced,
  unchanged: r.unchanged,
  benchmarks: r.benchmarks,
  errorCount: r.errorCount,
  errors: r.errors,
  message: r.message as ImportView['message'],
  progress: progress ?? { done: 0, total: null, message: null },
  createdAt: r.createdAt,
  finishedAt: r.finishedAt,
});

export const indicatorImportJob = defineJob({
  id: 'indicators.import',
  payload: z.object({ importId: z.uuid() }).strict(),
  maxAttempts: 3,
  backoffMs: 10_000,
  async handler({ ctx, payload, progress }) {
    return runImport(ctx, payload.importId, (done, total, message) => progress(done, total, message));
  },
});

/** Runs one stored import (idempotent: a finished import is left as it is). */
export async function runImport(ctx: ServiceContext, importId: string, progress?: (done: number, total: number | null, message: string) => Promise<void>): Promise<unknown> {
  const mine = and(eq(indicatorImports.tenantId, ctx.tenant), eq(indicatorImports.id, importId));
  const [row] = await ctx.db.select().from(indicatorImports).where(mine);
  if (!row || (row.status !== 'queued' && row.status !== 'running') || !row.content) return { status: row?.status ?? 'missing' };
  await ctx.db.update(indicatorImports).set({ status: 'running' }).where(mine);
  let result: FileImportResult;
  try {
    result = await importValuesFile(ctx, { fileName: row.fileName, content: Buffer.from(row.content), layout: row.layout, period: row.period, benchmarkFile: row.benchmarkFile }, (d, t, m) => progress?.(d, t, m));
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation') throw err;
    // A whole-file refusal of the table reader (unreadable, too large, …).
    await ctx.db.update(indicatorImports).set({ status: 'rejected', content: null, message: { key: err.messageKey, params: err.params }, finishedAt: ctx.now() }).where(mine);
    return { status: 'rejected' };
  }
  await ctx.db
    .update(indicatorImports)
    .set({
      status: result.status,
      content: null,
      totalRows: result.total,
      added: result.added,
      replaced: result.replaced,
      unchanged: result.unchanged,
      benchmarks: result.benchmarks,
      errors: result.errors.slice(0, MAX_STORED_ERRORS),
      errorCount: result.errors.length,
      message: result.fileError ? { key: result.fileError.message, params: result.fileError.params } : null,
      finishedAt: ctx.now(),
    })
    .where(mine);
  return { status: result.status, added: result.added, replaced: result.replaced, errors: result.errors.length };
}

export const importFormInput = z.object({
  layout: z.enum(['auto', 'long', 'wide']).default('auto'),
  period: z.string().trim().max(10).optional().transform((v) => v || null),
  benchmarkFile: z.boolean().default(false),
});

/** Stores an uploaded file and enqueues its import. Refuses an empty or too large file, or a bad period, at once. */
export async function startImport(ctx: ServiceContext, input: ImportInput): Promise<ImportView> {
  requireIndicatorEditor(ctx);
  if (!input.content.length) throw fileError('indicators.import.error.noFile');
  if (input.content.length > MAX_FILE_BYTES) throw fileError('import.error.tooLarge', { mb: Math.round(input.content.length / 1024 / 1024), max: MAX_FILE_BYTES / 1024 / 1024 });
  if (input.period && !parsePeriod(input.period)) throw new AppError('validation', 'error.validation', [{ field: 'period', code: 'invalid_format', message: 'indicators.error.periodFormat' }]);
  const fileName = input.fileName.replace(/[\u0000-\u001f]/g, '').slice(0, 200) || 'bestand';
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(indicatorImports)
      .values({ tenantId: tx.tenant, fileName, content: input.content, layout: input.layout ?? 'auto', period: input.period ? parsePeriod(input.period)!.text : null, benchmarkFile: !!input.benchmarkFile, createdBy: tx.actor?.userId || null, createdAt: tx.now() })
      .returning({ id: indicatorImports.id });
    const job = await enqueueJob(tx, indicatorImportJob, { importId: row.id });
    await tx.db.update(indicatorImports).set({ jobId: job.id }).where(and(eq(indicatorImports.tenantId, tx.tenant), eq(indicatorImports.id, row.id)));
    await recordAudit(tx, { action: 'indicators.import.started', subjectType: 'indicator_import', subjectId: row.id, details: { fileName, bytes: input.content.length, layout: input.layout ?? 'auto', benchmarkFile: !!input.benchmarkFile } });
    return getImport(tx, row.id);
  });
}

/** One import with its job's progress. Policy advisors and administrators. */
export async function getImport(ctx: ServiceContext, id: string): Promise<ImportView> {
  requireIndicatorEditor(ctx);
  if (!UUID.test(id)) throw notFound();
  const [row] = await ctx.db.select(columns).from(indicatorImports).where(and(eq(indicatorImports.tenantId, ctx.tenant), eq(indicatorImports.id, id)));
  if (!row) throw notFound();
  const [job] = row.jobId ? await ctx.db.select({ done: jobs.progressDone, total: jobs.progressTotal, message: jobs.progressMessage }).from(jobs).where(and(eq(jobs.tenantId, ctx.tenant), eq(jobs.id, row.jobId))) : [];
  return viewOf(row, job ? { done: job.done ?? 0, total: job.total ?? null, message: job.message ?? null } : undefined);
}

/** The latest imports (newest first). */
export async function listImports(ctx: ServiceContext, limit = 20): Promise<ImportView[]> {
  requireIndicatorEditor(ctx);
  const rows = await ctx.db.select(columns).from(indicatorImports).where(eq(indicatorImports.tenantId, ctx.tenant)).orderBy(desc(indicatorImports.createdAt)).limit(limit);
  return rows.map((r) => viewOf(r));
}


