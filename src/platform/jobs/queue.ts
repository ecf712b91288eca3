// The job queue's service functions: enqueue (any module, as part of its own transaction), and for administrators
// list, read and cancel. The worker (worker.ts) claims and runs what is queued.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { jobs, jobSchedules, type JobStatus } from './schema.ts';
import type { JobDefinition } from './define.ts';
import { DEFAULT_MAX_ATTEMPTS } from './define.ts';
import { afterCommit, inTransaction, type ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { AppError, notFound } from '../http/errors.ts';
import { requireRole } from '../auth/require.ts';
import { recordAudit } from '../audit/service.ts';

export interface JobView {
  id: string;
  type: string;
  status: JobStatus;
  dedupeKey: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  progress: { done: number; total: number | null; message: string | null };
  result: unknown;
  lastError: string | null;
  cancelRequested: boolean;
  createdBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

type JobRow = typeof jobs.$inferSelect;

export const jobView = (r: JobRow): JobView => ({
  id: r.id,
  type: r.type,
  status: r.status,
  dedupeKey: r.dedupeKey,
  attempts: r.attempts,
  maxAttempts: r.maxAttempts,
  runAt: r.runAt,
  progress: { done: r.progressDone, total: r.progressTotal, message: r.progressMessage },
  result: r.result ?? null,
  lastError: r.lastError,
  cancelRequested: !!r.cancelRequestedAt,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
});

/** Workers of this process, woken when a job is committed so they need not wait for their next poll. */
const wakers = new WeakMap<object, Set<() => void>>();
export function onJobEnqueued(db: Db, wake: () => void): () => void {
  let set = wakers.get(db);
  if (!set) wakers.set(db, (set = new Set()));
  set.add(wake);
  return () => set.delete(wake);
}

export interface EnqueueOptions {
  /** While a job of this type with this key is queued or running, enqueueing again returns that job. */
  dedupeKey?: string;
  /** Not before this time (default: now). */
  runAt?: Date;
  maxAttempts?: number;
}

/**
 * Adds a job for the context's municipality. Runs in the caller's transaction when there is one, so the job is
 * only there if the change that asked for it commits. The payload must pass the definition's schema.
 */
export async function enqueueJob<S extends z.ZodType>(ctx: ServiceContext, def: JobDefinition<S>, payload: z.input<S>, opts: EnqueueOptions = {}): Promise<JobView> {
  const data = def.payload.parse(payload);
  const values = {
    tenantId: ctx.tenant,
    type: def.id,
    payload: data ?? {},
    dedupeKey: opts.dedupeKey ?? null,
    maxAttempts: opts.maxAttempts ?? def.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    runAt: opts.runAt ?? ctx.now(),
    createdBy: ctx.actor?.email ?? 'systeem',
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
  };
  const [row] = await ctx.db
    .insert(jobs)
    .values(values)
    .onConflictDoNothing({ target: [jobs.tenantId, jobs.type, jobs.dedupeKey], where: sql`dedupe_key is not null and status in ('queued', 'running')` })
    .returning();
  afterCommit(ctx, (root) => wakers.get(root)?.forEach((wake) => wake()));
  if (row) return jobView(row);
  const [existing] = await ctx.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.tenantId, ctx.tenant), eq(jobs.type, def.id), eq(jobs.dedupeKey, opts.dedupeKey!), inArray(jobs.status, ['queued', 'running'])));
  if (!existing) throw new AppError('conflict', 'jobs.error.enqueueRace');
  return jobView(existing);
}

const requireAdmin = (ctx: ServiceContext) => requireRole(ctx, 'administrator');
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export interface JobQuery {
  status?: JobStatus;
  limit?: number;
}

/** The municipality's jobs, newest first. Administrators only. */
export async function listJobs(ctx: ServiceContext, q: JobQuery = {}): Promise<JobView[]> {
  requireAdmin(ctx);
  const where = [eq(jobs.tenantId, ctx.tenant), ...(q.status ? [eq(jobs.status, q.status)] : [])];
  const rows = await ctx.db
    .select()
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(Math.min(Math.max(q.limit ?? 100, 1), 500));
  return rows.map(jobView);
}

export async function getJob(ctx: ServiceContext, id: string): Promise<JobView> {
  requireAdmin(ctx);
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(jobs).where(and(eq(jobs.tenantId, ctx.tenant), eq(jobs.id, id)));
  if (!row) throw notFound();
  return jobView(row);
}

/**
 * Cancels a job: a queued one at once; a running one is asked to stop (its handler sees the signal, and the worker
 * marks it cancelled when it has stopped). A finished job cannot be cancelled (409). Administrators only; audited.
 */
export async function cancelJob(ctx: ServiceContext, id: string): Promise<JobView> {
  requireAdmin(ctx);
  if (!isUuid(id)) throw notFound();
  return inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const mine = and(eq(jobs.tenantId, tx.tenant), eq(jobs.id, id));
    const [queued] = await tx.db
      .update(jobs)
      .set({ status: 'cancelled', cancelRequestedAt: now, finishedAt: now, updatedAt: now })
      .where(and(mine, eq(jobs.status, 'queued')))
      .returning();
    const row =
      queued ??
      (
        await tx.db
          .update(jobs)
          .set({ cancelRequestedAt: sql`coalesce(${jobs.cancelRequestedAt}, ${now})`, updatedAt: now })
          .where(and(mine, eq(jobs.status, 'running')))
          .returning()
      )[0];
    if (!row) {
      const [found] = await tx.db.select({ id: jobs.id }).from(jobs).where(mine);
      if (!found) throw notFound();
      throw new AppError('conflict', 'jobs.error.finished');
    }
    await recordAudit(tx, { action: 'job.cancel', subjectType: 'job', subjectId: id, details: { type: row.type, status: row.status } });
    return jobView(row);
  });
}

export interface ScheduleView {
  name: string;
  type: string;
  everySeconds: number;
  nextRunAt: Date;
  enabled: boolean;
}

/** The municipality's recurring jobs. Administrators only. */
export async function listJobSchedules(ctx: ServiceContext): Promise<ScheduleView[]> {
  requireAdmin(ctx);
  const rows = await ctx.db.select().from(jobSchedules).where(eq(jobSchedules.tenantId, ctx.tenant)).orderBy(jobSchedules.name);
  return rows.map((r) => ({ name: r.name, type: r.type, everySeconds: r.everySeconds, nextRunAt: r.nextRunAt, enabled: r.enabled }));
}
