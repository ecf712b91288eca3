// The worker: claims one job at a time and runs its handler. Started by the server (src/main.ts).
// - Claiming is one statement (`update … where id = (select … for update skip locked)`): on PostgreSQL two workers
//   never take the same job; on PGlite (one connection, statements one after another) the statement is atomic too.
// - A claimed job has a lease (`locked_until`) the worker renews while the handler runs. A worker that died leaves
//   its job `running`; once the lease has run out another worker takes it again (handlers are idempotent).
// - A failure is retried after a delay that doubles each time, up to the definition's maximum of attempts.
// - Cancelling sets `cancel_requested_at`; the worker sees it on its next heartbeat or progress write and aborts the
//   handler's signal; the job ends `cancelled`.
// - Recurring jobs are rows of `job_schedules`; each due one is enqueued once (the row is moved on atomically).
import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { jobs, jobSchedules } from './schema.ts';
import { retryDelayMs, type JobDefinition, type JobRegistry, type JobRun } from './define.ts';
import { enqueueJob, onJobEnqueued } from './queue.ts';
import { inTransaction, systemContext, type ServiceContext } from '../context.ts';
import { queryRows, type Db } from '../db/client.ts';
import { log } from '../log.ts';

export interface WorkerOptions {
  db: Db;
  tenant: string;
  registry: JobRegistry;
  /** The clock (tests move it). */
  now?: () => Date;
  workerId?: string;
  /** How often an idle worker looks for work (default 2 s; a job enqueued in this process wakes it at once). */
  pollMs?: number;
  /** How long a claimed job stays the worker's without a heartbeat (default 60 s). */
  leaseMs?: number;
  /** How often the lease is renewed and cancellation checked while a handler runs (default a third of the lease). */
  heartbeatMs?: number;
}

class Cancelled extends Error {
  constructor(readonly why: 'cancelled' | 'lost' | 'shutdown') {
    super(why === 'cancelled' ? 'Geannuleerd' : why === 'lost' ? 'De taak is door een andere verwerker overgenomen' : 'De server stopt');
  }
}

type Claimed = {
  id: string;
  type: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

const errorText = (err: unknown) => (err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err)).slice(0, 2000);

export class JobWorker {
  readonly id: string;
  private readonly now: () => Date;
  private readonly pollMs: number;
  private readonly leaseMs: number;
  private readonly heartbeatMs: number;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private current: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly opts: WorkerOptions) {
    this.id = opts.workerId ?? `${process.pid}-${crypto.randomBytes(4).toString('hex')}`;
    this.now = opts.now ?? (() => new Date());
    this.pollMs = opts.pollMs ?? 2_000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.heartbeatMs = opts.heartbeatMs ?? Math.max(10, Math.floor(this.leaseMs / 3));
  }

  private get ctx(): ServiceContext {
    return { ...systemContext(this.opts.db, this.opts.tenant), now: this.now };
  }

  /** Starts polling: writes the registry's schedules, then runs jobs until `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = onJobEnqueued(this.opts.db, () => this.wakeUp?.());
    this.loop = (async () => {
      try {
        await this.syncSchedules();
      } catch (err) {
        log.error('job schedules not written', { error: errorText(err) });
      }
      while (this.running) {
        let ran = false;
        try {
          ran = await this.runOnce();
        } catch (err) {
          log.error('job worker tick failed', { error: errorText(err) });
        }
        if (!ran && this.running) await new Promise<void>((resolve) => {
          this.wakeUp = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
        });
        this.wakeUp = null;
      }
    })();
  }

  /**
   * Stops after the running job: its handler is asked to stop, and an unfinished job goes back to the queue. A
   * handler that does not stop within `graceMs` is left behind; its lease runs out and another worker takes the job.
   */
  async stop(graceMs = 10_000): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    this.wakeUp?.();
    this.current?.abort(new Cancelled('shutdown'));
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([this.loop, new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))]);
    clearTimeout(grace);
  }

  /** One round: enqueue due schedules, settle jobs of dead workers, claim and run one job. True when a job ran. */
  async runOnce(): Promise<boolean> {
    await this.enqueueDueSchedules();
    await this.settleAbandoned();
    const job = await this.claim();
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /** Writes each registered schedule as a row (keeping a row's next run); rows are the schedules' data. */
  async syncSchedules(): Promise<void> {
    const now = this.now();
    for (const def of this.opts.registry.definitions) {
      for (const s of def.schedules ?? []) {
        const payload = def.payload.parse(s.payload) ?? {};
        await this.opts.db
          .insert(jobSchedules)
          .values({ tenantId: this.opts.tenant, name: s.name, type: def.id, payload, everySeconds: s.everySeconds, nextRunAt: new Date(now.getTime() + (s.firstAfterSeconds ?? 0) * 1000), createdAt: now, updatedAt: now })
          .onConflictDoUpdate({ target: [jobSchedules.tenantId, jobSchedules.name], set: { type: def.id, payload, everySeconds: s.everySeconds, updatedAt: now } });
      }
    }
  }

  /** Enqueues each due schedule once: the row's next run is moved on in the same transaction (others then skip it). */
  async enqueueDueSchedules(): Promise<number> {
    const types = this.opts.registry.types;
    if (!types.length) return 0;
    const now = this.now();
    const due = await this.opts.db
      .select()
      .from(jobSchedules)
      .where(and(eq(jobSchedules.tenantId, this.opts.tenant), eq(jobSchedules.enabled, true), sql`${jobSchedules.nextRunAt} <= ${now}`, sql`${jobSchedules.type} in (${sql.join(types.map((t) => sql`${t}`), sql`, `)})`));
    let n = 0;
    for (const s of due) {
      const def = this.opts.registry.get(s.type)!;
      const step = s.everySeconds * 1000;
      const missed = Math.floor((now.getTime() - s.nextRunAt.getTime()) / step) + 1;
      const next = new Date(s.nextRunAt.getTime() + missed * step);
      await inTransaction(this.ctx, async (tx) => {
        const moved = await tx.db
          .update(jobSchedules)
          .set({ nextRunAt: next, updatedAt: now })
          .where(and(eq(jobSchedules.id, s.id), eq(jobSchedules.nextRunAt, s.nextRunAt)))
          .returning({ id: jobSchedules.id });
        if (!moved.length) return; // another worker took this run
        const job = await enqueueJob({ ...tx, actor: null }, def, s.payload as never, { dedupeKey: `schedule:${s.name}` });
        await tx.db.update(jobSchedules).set({ lastJobId: job.id }).where(eq(jobSchedules.id, s.id));
        n++;
      });
    }
    return n;
  }

  /** Jobs whose worker died (lease over) that may not run again: cancelled ones end cancelled, exhausted ones failed. */
  async settleAbandoned(): Promise<void> {
    const now = this.now();
    await queryRows(
      this.opts.db,
      sql`update jobs set
            status = case when cancel_requested_at is not null then 'cancelled' else 'failed' end,
            last_error = case when cancel_requested_at is not null then last_error else coalesce(last_error || ' — ', '') || 'De verwerker van de laatste poging stopte onverwacht' end,
            finished_at = ${now}, locked_by = null, locked_until = null, updated_at = ${now}
          where tenant_id = ${this.opts.tenant} and status = 'running' and locked_until < ${now}
            and (cancel_requested_at is not null or attempts >= max_attempts)`,
    );
  }

  /** Takes the next due job of a known type: a queued one, or a running one whose worker's lease ran out. */
  async claim(): Promise<Claimed | null> {
    const types = this.opts.registry.types;
    if (!types.length) return null;
    const now = this.now();
    const until = new Date(now.getTime() + this.leaseMs);
    const [row] = await queryRows<Claimed>(
      this.opts.db,
      sql`update jobs set status = 'running', attempts = jobs.attempts + 1, locked_by = ${this.id}, locked_until = ${until},
            started_at = coalesce(jobs.started_at, ${now}), updated_at = ${now}
          where jobs.id = (
            select c.id from jobs c
            where c.tenant_id = ${this.opts.tenant} and c.type in (${sql.join(types.map((t) => sql`${t}`), sql`, `)})
              and c.attempts < c.max_attempts and c.cancel_requested_at is null
              and ((c.status = 'queued' and c.run_at <= ${now}) or (c.status = 'running' and c.locked_until < ${now}))
            order by c.run_at, c.created_at
            limit 1
            for update skip locked)
          returning jobs.id, jobs.type, jobs.payload, jobs.attempts, jobs.max_attempts`,
    );
    return row ?? null;
  }

  /** Renews the lease (and stores progress); tells whether the job was cancelled or taken by another worker. */
  private async touch(id: string, progress?: { done: number; total: number | null; message: string | null }): Promise<'ok' | 'cancelled' | 'lost'> {
    const now = this.now();
    const rows = await this.opts.db
      .update(jobs)
      .set({
        lockedUntil: new Date(now.getTime() + this.leaseMs),
        updatedAt: now,
        ...(progress ? { progressDone: progress.done, progressTotal: progress.total, progressMessage: progress.message } : {}),
      })
      .where(and(eq(jobs.id, id), eq(jobs.lockedBy, this.id), eq(jobs.status, 'running')))
      .returning({ cancel: jobs.cancelRequestedAt });
    if (!rows.length) return 'lost';
    return rows[0].cancel ? 'cancelled' : 'ok';
  }

  private async execute(job: Claimed): Promise<void> {
    const def = this.opts.registry.get(job.type)!;
    const controller = new AbortController();
    this.current = controller;
    const stopFor = (state: 'ok' | 'cancelled' | 'lost') => {
      if (state !== 'ok' && !controller.signal.aborted) controller.abort(new Cancelled(state));
    };
    const heartbeat = setInterval(() => {
      this.touch(job.id).then(stopFor, (err) => log.warn('job heartbeat failed', { job: job.id, error: errorText(err) }));
    }, this.heartbeatMs);
    const throwIfCancelled = () => {
      if (controller.signal.aborted) throw controller.signal.reason instanceof Cancelled ? controller.signal.reason : new Cancelled('cancelled');
    };
    const run: JobRun<unknown> = {
      ctx: this.ctx,
      payload: undefined,
      job: { id: job.id, type: job.type, attempt: job.attempts, maxAttempts: job.max_attempts },
      signal: controller.signal,
      throwIfCancelled,
      progress: async (done, total = null, message = null) => {
        stopFor(await this.touch(job.id, { done, total, message: message?.slice(0, 500) ?? null }));
        throwIfCancelled();
      },
    };
    let outcome: { ok: true; result: unknown } | { ok: false; error: unknown; permanent: boolean };
    try {
      const parsed = def.payload.safeParse(job.payload);
      if (!parsed.success) outcome = { ok: false, error: new Error(`Ongeldige gegevens voor deze taak: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(geheel)'}: ${i.message}`).join('; ')}`), permanent: true };
      else {
        stopFor(await this.touch(job.id)); // cancelled between claim and start?
        throwIfCancelled();
        outcome = { ok: true, result: await (def as JobDefinition).handler({ ...run, payload: parsed.data }) };
      }
    } catch (error) {
      outcome = { ok: false, error, permanent: false };
    } finally {
      clearInterval(heartbeat);
      this.current = null;
    }
    await this.finish(job, def, outcome, controller.signal);
  }

  private async finish(job: Claimed, def: JobDefinition, outcome: { ok: true; result: unknown } | { ok: false; error: unknown; permanent: boolean }, signal: AbortSignal): Promise<void> {
    const now = this.now();
    const mine = and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.id), eq(jobs.status, 'running'));
    const release = { lockedBy: null, lockedUntil: null, updatedAt: now };
    const reason = signal.aborted && signal.reason instanceof Cancelled ? signal.reason.why : !outcome.ok && outcome.error instanceof Cancelled ? outcome.error.why : null;
    // Cancelled: also when the handler saw its aborted signal and returned instead of throwing.
    if (reason === 'cancelled') {
      await this.opts.db.update(jobs).set({ ...release, status: 'cancelled', finishedAt: now }).where(mine);
      return;
    }
    if (outcome.ok) {
      await this.opts.db.update(jobs).set({ ...release, status: 'succeeded', result: (outcome.result ?? null) as never, lastError: null, finishedAt: now }).where(mine);
      return;
    }
    if (reason === 'lost') return; // another worker has it now
    if (reason === 'shutdown') {
      // Not a failure: back to the queue, this attempt not counted.
      await this.opts.db.update(jobs).set({ ...release, status: 'queued', attempts: sql`${jobs.attempts} - 1`, runAt: now }).where(mine);
      return;
    }
    const [state] = await this.opts.db.select({ cancel: jobs.cancelRequestedAt }).from(jobs).where(eq(jobs.id, job.id));
    if (state?.cancel) {
      await this.opts.db.update(jobs).set({ ...release, status: 'cancelled', finishedAt: now }).where(mine);
      return;
    }
    const lastError = errorText(outcome.error);
    log.warn('job failed', { job: job.id, type: job.type, attempt: job.attempts, error: lastError });
    if (outcome.permanent || job.attempts >= job.max_attempts) {
      await this.opts.db.update(jobs).set({ ...release, status: 'failed', lastError, finishedAt: now }).where(mine);
    } else {
      const runAt = new Date(now.getTime() + retryDelayMs(def, job.attempts));
      await this.opts.db.update(jobs).set({ ...release, status: 'queued', lastError, runAt }).where(mine);
    }
  }
}
