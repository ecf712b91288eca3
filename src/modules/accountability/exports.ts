// Downloads of the accountability document (PDF, XLSX, HTML) and of the council bundle (all tables of a year), made
// by one background job (`accountability.render`). The web page's download button stores a request and enqueues
// the job; the CLI (`sociale-basis report accountability`) runs the same render function in its own process.
// The requester sees the request's progress and downloads the file; the file is kept for a week.
import { and, eq, lt } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { defineJob, enqueueJob, DAY } from '../../platform/jobs/index.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { notFound, parseChecked } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { t, type Lang } from '../../platform/i18n/index.ts';
import { accountabilityExports } from './schema.ts';
import { documentFigures, readsDocuments, themeOfYear, type Progress } from './figures.ts';
import { documentState, listDocuments, getVersion } from './document-service.ts';
import { documentHtml, bundleHtml, htmlToPdf, documentsXlsx, type RenderInput } from './render.tsx';

export const formats = ['pdf', 'xlsx', 'html'] as const;
export type Format = (typeof formats)[number];
export const contentTypes: Record<Format, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export interface Rendered {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/** The document as the outputs print it: the last submitted version when it is submitted or accepted, else the current draft. */
async function renderInput(ctx: ServiceContext, slug: string, year: number, progress?: Progress): Promise<RenderInput> {
  // A submitted version prints its snapshot: the figures are computed only for a draft.
  const state = await documentState(ctx, slug, year);
  if ((state.status === 'submitted' || state.status === 'accepted') && state.version > 0) {
    const v = await getVersion(ctx, slug, year, state.version);
    return { figures: v.snapshot.figures, narratives: v.snapshot.narratives, status: state.status, version: state.version };
  }
  const figures = await documentFigures(ctx, slug, year, { progress });
  return { figures, narratives: Object.fromEntries(Object.entries(state.narratives).map(([k, n]) => [k, n.text])), status: state.status, version: state.version };
}

/** Renders one document (slug) or the council bundle (slug null) of a year. Used by the job and the CLI. */
export async function renderAccountability(ctx: ServiceContext, input: { slug: string | null; year: number; format: Format }, progress?: Progress): Promise<Rendered> {
  if (!readsDocuments(ctx)) throw notFound();
  const { slug, year, format } = input;
  const lang = ctx.lang;
  let docs: RenderInput[];
  if (slug) docs = [await renderInput(ctx, slug, year, progress)];
  else {
    const list = await listDocuments(ctx, year);
    docs = [];
    for (const [i, d] of list.entries()) {
      docs.push(await renderInput(ctx, d.slug, year));
      await progress?.(i + 1, list.length + 1, d.slug);
    }
  }
  const base = slug ? `verantwoording-${slug}-${year}` : `verantwoording-raad-${year}`;
  const html = () => (slug ? documentHtml(lang, docs[0]) : bundleHtml(lang, year, docs));
  let content: Buffer;
  if (format === 'xlsx') content = await documentsXlsx(lang, docs);
  else if (format === 'html') content = Buffer.from(html(), 'utf8');
  else {
    const title = slug ? t(lang, 'accountability.doc.title', { theme: docs[0].figures.theme.name, year }) : t(lang, 'accountability.bundle.title', { year });
    content = await htmlToPdf(html(), title, lang);
  }
  return { fileName: `${base}.${format}`, contentType: contentTypes[format], content };
}

export interface ExportView {
  id: string;
  themeSlug: string | null;
  year: number;
  format: Format;
  status: 'queued' | 'running' | 'done' | 'failed';
  fileName: string | null;
  message: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const exportInput = z.object({ format: z.enum(formats) });

/** The download button: stores the request and enqueues the job. `slug` null: the council bundle. */
export async function requestExport(ctx: ServiceContext, slug: string | null, year: number, raw: unknown): Promise<ExportView> {
  if (!readsDocuments(ctx) || !ctx.actor) throw notFound();
  if (slug) await themeOfYear(ctx, slug, year);
  else if ((await listDocuments(ctx, year)).length === 0) throw notFound();
  const { format } = await parseChecked(exportInput, raw, () => []);
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db.insert(accountabilityExports).values({ tenantId: tx.tenant, themeSlug: slug, year, format, lang: tx.lang, requestedBy: tx.actor?.userId || null }).returning();
    await enqueueJob(tx, renderJob, { exportId: row.id });
    await recordAudit(tx, { action: 'accountability.export', subjectType: 'accountability_export', subjectId: row.id, details: { theme: slug, year, format } });
    return view(row);
  });
}

const view = (r: typeof accountabilityExports.$inferSelect): ExportView => ({
  id: r.id,
  themeSlug: r.themeSlug,
  year: r.year,
  format: r.format as Format,
  status: r.status as ExportView['status'],
  fileName: r.fileName,
  message: r.message,
  createdAt: r.createdAt,
  finishedAt: r.finishedAt,
});

async function exportRow(ctx: ServiceContext, id: string) {
  if (!readsDocuments(ctx)) throw notFound();
  const [row] = await ctx.db.select().from(accountabilityExports).where(and(eq(accountabilityExports.tenantId, ctx.tenant), eq(accountabilityExports.id, id)));
  // Only the requester (or an administrator) sees a request.
  if (!row || (!ctx.system && row.requestedBy !== ctx.actor?.userId && !hasRole(ctx.actor, 'administrator'))) throw notFound();
  return row;
}

export async function getExport(ctx: ServiceContext, id: string): Promise<ExportView> {
  return view(await exportRow(ctx, id));
}

export async function getExportFile(ctx: ServiceContext, id: string): Promise<Rendered> {
  const row = await exportRow(ctx, id);
  if (row.status !== 'done' || !row.content) throw notFound();
  return { fileName: row.fileName ?? 'verantwoording', contentType: row.contentType ?? 'application/octet-stream', content: Buffer.from(row.content) };
}

/** The job's work for one request (idempotent: a finished request is left as it is). */
export async function runExport(ctx: ServiceContext, id: string, progress?: Progress): Promise<{ status: string }> {
  const mine = and(eq(accountabilityExports.tenantId, ctx.tenant), eq(accountabilityExports.id, id));
  const [row] = await ctx.db.select().from(accountabilityExports).where(mine);
  if (!row || row.status === 'done' || row.status === 'failed') return { status: row?.status ?? 'missing' };
  await ctx.db.update(accountabilityExports).set({ status: 'running' }).where(mine);
  const lang: Lang = row.lang === 'en' ? 'en' : 'nl';
  try {
    const r = await renderAccountability({ ...ctx, lang }, { slug: row.themeSlug, year: row.year, format: row.format as Format }, progress);
    await ctx.db.update(accountabilityExports).set({ status: 'done', fileName: r.fileName, contentType: r.contentType, content: r.content, finishedAt: ctx.now() }).where(mine);
    return { status: 'done' };
  } catch (err) {
    await ctx.db
      .update(accountabilityExports)
      .set({ status: 'failed', message: t(lang, 'accountability.download.failed'), finishedAt: ctx.now() })
      .where(mine);
    throw err;
  }
}

/** Removes downloads older than a week. */
async function clearOld(ctx: ServiceContext): Promise<number> {
  const before = new Date(ctx.now().getTime() - 7 * DAY * 1000);
  const gone = await ctx.db.delete(accountabilityExports).where(and(eq(accountabilityExports.tenantId, ctx.tenant), lt(accountabilityExports.createdAt, before))).returning({ id: accountabilityExports.id });
  return gone.length;
}

export const renderJob = defineJob({
  id: 'accountability.render',
  payload: z.object({ exportId: z.uuid().optional() }).strict(),
  maxAttempts: 2,
  backoffMs: 10_000,
  schedules: [{ name: 'accountability-downloads-cleanup', everySeconds: DAY, firstAfterSeconds: 3600, payload: {} }],
  async handler({ ctx, payload, progress }) {
    if (!payload.exportId) return { cleared: await clearOld(ctx) };
    return runExport(ctx, payload.exportId, (done, total, message) => progress(done, total, message));
  },
});
