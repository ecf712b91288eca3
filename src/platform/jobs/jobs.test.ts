// The job queue against a real database (PGlite, and PostgreSQL when DATABASE_URL is set): restart, retry with
// backoff, cancel, one worker per job, progress, schedules.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from '../zod.ts';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { openPglite } from '../db/client.ts';
import { systemContext, type ServiceContext } from '../context.ts';
import { defineJob, JobRegistry, JobWorker, enqueueJob, getJob, cancelJob, listJobs, DAY, type JobDefinition } from './index.ts';
import { jobs, jobSchedules } from './schema.ts';
import { municipalities } from '../tenancy/schema.ts';
import { appErrorOf } from '../../../test/errors.ts';

/** A clock the test moves by hand. */
const clock = (start = new Date('2026-03-02T09:00:00Z')) => {
  let t = start.getTime();
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
};
const gate = () => {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
};
const waitFor = async (check: () => Promise<boolean>, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};
const asDef = <S extends z.ZodType>(d: JobDefinition<S>) => d as unknown as JobDefinition;

describe.each(dbKinds)('jobs (%s)', (kind) => {
  let database: TestDatabase;
  let admin: ServiceContext;
  let n = 0;
  /** A job type of its own per test, so tests never see each other's jobs. */
  const uniqueId = () => `test.job-${++n}-${Math.random().toString(36).slice(2, 6)}`;
  const workerFor = (defs: JobDefinition[], opts: Partial<ConstructorParameters<typeof JobWorker>[0]> = {}) => new JobWorker({ db: database.db, tenant: TENANT, registry: new JobRegistry(defs), ...opts });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    admin = ctxFor(database, adminActor);
  });
  afterAll(async () => database?.drop());

  it('runs a job once, stores its progress while it runs and its result', async () => {
    const step = gate();
    const reported = gate();
    const def = defineJob({
      id: uniqueId(),
      payload: z.object({ count: z.number().int() }),
      async handler({ payload, progress }) {
        await progress(1, payload.count, 'eerste stap');
        reported.open();
        await step.opened;
        await progress(payload.count, payload.count, 'klaar');
        return { handled: payload.count };
      },
    });
    const job = await enqueueJob(admin, def, { count: 3 });
    expect(job).toMatchObject({ status: 'queued', attempts: 0, createdBy: 'admin@test' });
    const worker = workerFor([asDef(def)]);
    const running = worker.runOnce();
    await reported.opened;
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'running', attempts: 1, progress: { done: 1, total: 3, message: 'eerste stap' } });
    step.open();
    expect(await running).toBe(true);
    const done = await getJob(admin, job.id);
    expect(done).toMatchObject({ status: 'succeeded', attempts: 1, progress: { done: 3, total: 3, message: 'klaar' }, result: { handled: 3 }, lastError: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(await worker.runOnce()).toBe(false); // nothing left
  });

  it('returns the waiting job for a dedupe key instead of adding a second', async () => {
    const def = defineJob({ id: uniqueId(), payload: z.object({}), handler: async () => null });
    const a = await enqueueJob(admin, def, {}, { dedupeKey: 'k' });
    const b = await enqueueJob(admin, def, {}, { dedupeKey: 'k' });
    expect(b.id).toBe(a.id);
    await workerFor([asDef(def)]).runOnce();
    const c = await enqueueJob(admin, def, {}, { dedupeKey: 'k' }); // the first one is done: a new run
    expect(c.id).not.toBe(a.id);
  });

  it('refuses a payload its schema does not accept', async () => {
    const def = defineJob({ id: uniqueId(), payload: z.object({ n: z.number() }), handler: async () => null });
    await expect(enqueueJob(admin, def, { n: 'x' } as never)).rejects.toThrow();
    expect(await listJobs(admin, { limit: 500 }).then((l) => l.filter((j) => j.type === def.id))).toHaveLength(0);
  });

  it('retries a failure after a delay that doubles, and gives up after the maximum of attempts', async () => {
    const c = clock();
    let calls = 0;
    const def = defineJob({
      id: uniqueId(),
      payload: z.object({}),
      maxAttempts: 3,
      backoffMs: 10_000,
      async handler() {
        calls++;
        throw new Error(`storing failed (${calls})`);
      },
    });
    const job = await enqueueJob({ ...admin, now: c.now }, def, {});
    const worker = workerFor([asDef(def)], { now: c.now });
    expect(await worker.runOnce()).toBe(true);
    let j = await getJob(admin, job.id);
    expect(j).toMatchObject({ status: 'queued', attempts: 1, lastError: 'storing failed (1)' });
    expect(j.runAt.getTime() - c.now().getTime()).toBe(10_000);
    c.advance(9_999);
    expect(await worker.runOnce()).toBe(false); // not yet due
    c.advance(1);
    expect(await worker.runOnce()).toBe(true);
    j = await getJob(admin, job.id);
    expect(j).toMatchObject({ status: 'queued', attempts: 2, lastError: 'storing failed (2)' });
    expect(j.runAt.getTime() - c.now().getTime()).toBe(20_000); // twice as long
    c.advance(20_000);
    expect(await worker.runOnce()).toBe(true);
    j = await getJob(admin, job.id);
    expect(j).toMatchObject({ status: 'failed', attempts: 3, lastError: 'storing failed (3)' });
    c.advance(DAY * 1000);
    expect(await worker.runOnce()).toBe(false);
    expect(calls).toBe(3);
  });

  it('cancels a waiting job before it runs, and stops a running one through its signal', async () => {
    let ran = false;
    const idle = defineJob({ id: uniqueId(), payload: z.object({}), handler: async () => void (ran = true) });
    const waiting = await enqueueJob(admin, idle, {});
    expect(await cancelJob(admin, waiting.id)).toMatchObject({ status: 'cancelled', cancelRequested: true });
    expect(await workerFor([asDef(idle)]).runOnce()).toBe(false);
    expect(ran).toBe(false);

    const started = gate();
    let stoppedAt = -1;
    const long = defineJob({
      id: uniqueId(),
      payload: z.object({}),
      async handler({ progress, signal }) {
        for (let i = 0; i < 1000; i++) {
          if (i === 1) started.open();
          try {
            await progress(i, 1000);
          } catch (err) {
            stoppedAt = i;
            throw err;
          }
          await new Promise((r) => setTimeout(r, 5));
          if (signal.aborted) return 'should not get here';
        }
        return 'finished';
      },
    });
    const job = await enqueueJob(admin, long, {});
    // No heartbeat during the run (it could abort the signal between two progress writes and race the check below):
    // here the cancel must reach the handler through its own progress write.
    const run = workerFor([asDef(long)], { heartbeatMs: 60_000 }).runOnce();
    await started.opened;
    expect(await cancelJob(admin, job.id)).toMatchObject({ status: 'running', cancelRequested: true });
    await run;
    const after = await getJob(admin, job.id);
    expect(after.status).toBe('cancelled');
    expect(after.result).toBeNull();
    expect(stoppedAt).toBeGreaterThan(0);
    expect(stoppedAt).toBeLessThan(1000);
    // A finished job cannot be cancelled.
    expect(await appErrorOf(cancelJob(admin, job.id))).toMatchObject({ code: 'conflict' });
  });

  it('takes over a job whose worker died once its lease has run out; the dead worker cannot overwrite it', async () => {
    const c = clock();
    const stuck = gate();
    const firstStarted = gate();
    let runs = 0;
    const def = defineJob({
      id: uniqueId(),
      payload: z.object({}),
      async handler({ job }) {
        runs++;
        if (job.attempt === 1) {
          firstStarted.open();
          await stuck.opened; // the process "dies" here: no heartbeat, no finish
          return 'late result of the dead worker';
        }
        return 'done by the second worker';
      },
    });
    const job = await enqueueJob({ ...admin, now: c.now }, def, {});
    const dead = workerFor([asDef(def)], { now: c.now, leaseMs: 60_000, heartbeatMs: 3_600_000, workerId: 'dead' });
    const deadRun = dead.runOnce();
    await firstStarted.opened;
    const second = workerFor([asDef(def)], { now: c.now, leaseMs: 60_000, workerId: 'second' });
    expect(await second.runOnce()).toBe(false); // the lease still holds
    c.advance(60_001);
    expect(await second.runOnce()).toBe(true);
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'succeeded', attempts: 2, result: 'done by the second worker' });
    stuck.open();
    await deadRun;
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'succeeded', result: 'done by the second worker' });
    expect(runs).toBe(2);
  });

  it('marks a job failed when the worker of its last attempt died', async () => {
    const c = clock();
    const def = defineJob({ id: uniqueId(), payload: z.object({}), maxAttempts: 1, handler: async () => null });
    const job = await enqueueJob({ ...admin, now: c.now }, def, {});
    const claimed = await workerFor([asDef(def)], { now: c.now, workerId: 'dead' }).claim(); // claimed, then the process died
    expect(claimed?.id).toBe(job.id);
    c.advance(61_000);
    expect(await workerFor([asDef(def)], { now: c.now }).runOnce()).toBe(false);
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await getJob(admin, job.id)).lastError).toMatch(/stopte onverwacht/);
  });

  it('never lets two workers run one job, even in parallel', async () => {
    const ranBy = new Map<string, string[]>();
    const def = defineJob({
      id: uniqueId(),
      payload: z.object({ i: z.number() }),
      async handler({ job }) {
        await new Promise((r) => setTimeout(r, 2));
        ranBy.set(job.id, [...(ranBy.get(job.id) ?? []), 'x']);
        return null;
      },
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await enqueueJob(admin, def, { i })).id);
    const workers = Array.from({ length: 4 }, (_, w) => workerFor([asDef(def)], { workerId: `w${w}` }));
    const drain = async (w: JobWorker) => {
      let k = 0;
      while (await w.runOnce()) k++;
      return k;
    };
    const counts = await Promise.all(workers.map(drain));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(40);
    for (const id of ids) expect(ranBy.get(id)).toEqual(['x']);
    const rows = await database.db.select({ status: jobs.status, attempts: jobs.attempts }).from(jobs).where(eq(jobs.type, def.id));
    expect(rows).toHaveLength(40);
    expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);
    if (kind === 'postgres') expect(counts.filter((k) => k > 0).length).toBeGreaterThan(1);
  });

  it('enqueues a recurring job once per period, whichever worker looks', async () => {
    const c = clock();
    let runs = 0;
    const name = `daily-${Math.random().toString(36).slice(2, 8)}`;
    const def = defineJob({ id: uniqueId(), payload: z.object({}), schedules: [{ name, everySeconds: DAY, payload: {} }], handler: async () => void runs++ });
    const a = workerFor([asDef(def)], { now: c.now });
    const b = workerFor([asDef(def)], { now: c.now });
    await a.syncSchedules();
    await b.syncSchedules(); // a second process writes the same schedule: still one row
    const rows = await database.db.select().from(jobSchedules).where(eq(jobSchedules.name, name));
    expect(rows).toHaveLength(1);
    expect(await Promise.all([a.enqueueDueSchedules(), b.enqueueDueSchedules()])).toSatisfy((r: number[]) => r[0] + r[1] === 1);
    while (await a.runOnce());
    expect(runs).toBe(1);
    c.advance(DAY * 1000 - 1);
    expect(await a.runOnce()).toBe(false);
    c.advance(1);
    expect(await b.runOnce()).toBe(true);
    expect(runs).toBe(2);
    const [row] = await database.db.select().from(jobSchedules).where(eq(jobSchedules.name, name));
    expect(row.nextRunAt.getTime()).toBe(c.now().getTime() + DAY * 1000);
  });

  it('is started and stopped as a loop, and a job enqueued in the process wakes it', async () => {
    const done = gate();
    const def = defineJob({ id: uniqueId(), payload: z.object({}), handler: async () => done.open() });
    const worker = workerFor([asDef(def)], { pollMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 50)); // idle, waiting a minute for its next poll
    const job = await enqueueJob(admin, def, {});
    await done.opened;
    await waitFor(async () => (await getJob(admin, job.id)).status === 'succeeded');
    await worker.stop();
  });

  it('puts a running job back in the queue when the server stops, without counting the attempt', async () => {
    const started = gate();
    const def = defineJob({
      id: uniqueId(),
      payload: z.object({}),
      handler: ({ signal }) =>
        new Promise((_, reject) => {
          started.open();
          signal.addEventListener('abort', () => reject(signal.reason));
        }),
    });
    const job = await enqueueJob(admin, def, {});
    const worker = workerFor([asDef(def)]);
    worker.start();
    await started.opened;
    await worker.stop();
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'queued', attempts: 0, lastError: null });
  });

  it('lists and reads jobs for administrators only', async () => {
    const def = defineJob({ id: uniqueId(), payload: z.object({}), handler: async () => null });
    const job = await enqueueJob(admin, def, {});
    const anon = ctxFor(database);
    expect(await appErrorOf(listJobs(anon))).toMatchObject({ code: 'unauthenticated' });
    expect(await appErrorOf(getJob(ctxFor(database, { ...adminActor, roles: ['policy_advisor'] }), job.id))).toMatchObject({ code: 'forbidden' });
    expect((await listJobs(admin, { status: 'queued' })).map((j) => j.id)).toContain(job.id);
    expect(await appErrorOf(getJob(admin, 'not-a-uuid'))).toMatchObject({ code: 'not_found' });
  });
});

describe('jobs survive a restart of the embedded database', () => {
  it('runs a job that was queued before the database was closed and opened again', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-jobs-'));
    try {
      const def = defineJob({ id: 'test.restart', payload: z.object({ word: z.string() }), handler: async ({ payload }) => payload.word.toUpperCase() });
      const first = await openPglite(dir);
      await first.migrate();
      await first.db.insert(municipalities).values({ code: TENANT, name: 'Haarlem' });
      const job = await enqueueJob(systemContext(first.db, TENANT), def, { word: 'bewaard' });
      await first.close();

      const second = await openPglite(dir);
      await second.migrate();
      const worker = new JobWorker({ db: second.db, tenant: TENANT, registry: new JobRegistry([asDef(def)]) });
      expect(await worker.runOnce()).toBe(true);
      const [row] = await second.db.select().from(jobs).where(eq(jobs.id, job.id));
      expect(row).toMatchObject({ status: 'succeeded', result: 'BEWAARD' });
      await second.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
