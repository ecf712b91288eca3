// Retention (docs/privacy.md): failed logins older than the rate-limit window, expired sessions and expired or used
// reset links and expired trusted-device records are deleted; newer rows are kept.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { createUser } from '../auth/service.ts';
import { loginAttempts, passwordResetTokens, sessions, trustedDevices } from '../auth/schema.ts';
import { JobRegistry, JobWorker, enqueueJob, getJob, retentionJob, platformJobs } from './index.ts';
import { jobSchedules } from './schema.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe.each(dbKinds)('retention job (%s)', (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
  });
  afterAll(async () => database?.drop());

  it('deletes what docs/privacy.md says is not kept, and keeps the rest', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const at = (ms: number) => new Date(now.getTime() + ms);
    const admin = { ...ctxFor(database, adminActor), now: () => now };
    const user = await createUser(admin, { email: 'bewaar@test.nl', name: 'Bewaar Test' });
    await database.db.insert(loginAttempts).values([
      { tenantId: TENANT, emailHash: 'old', clientKey: 'c', attemptedAt: at(-16 * MIN) },
      { tenantId: TENANT, emailHash: 'recent', clientKey: 'c', attemptedAt: at(-14 * MIN) },
    ]);
    const session = (id: string, expiresAt: Date) => ({ id, tenantId: TENANT, userId: user.id, csrfToken: 'x', expiresAt });
    await database.db.insert(sessions).values([session('expired', at(-1 * MIN)), session('valid', at(11 * HOUR))]);
    const link = (id: string, expiresAt: Date, usedAt: Date | null = null) => ({ id, tenantId: TENANT, userId: user.id, expiresAt, usedAt });
    await database.db.insert(passwordResetTokens).values([link('expired', at(-HOUR)), link('used', at(20 * HOUR), at(-HOUR)), link('open', at(20 * HOUR))]);
    const device = (tokenHash: string, expiresAt: Date) => ({ tokenHash, emailHash: 'e', tenantId: TENANT, userId: user.id, expiresAt });
    await database.db.insert(trustedDevices).values([device('stale', at(-MIN)), device('trusted', at(100 * 24 * HOUR))]);

    const job = await enqueueJob(admin, retentionJob, {});
    const worker = new JobWorker({ db: database.db, tenant: TENANT, registry: new JobRegistry(platformJobs), now: () => now });
    expect(await worker.runOnce()).toBe(true);

    expect((await database.db.select().from(loginAttempts)).map((r) => r.emailHash)).toEqual(['recent']);
    expect((await database.db.select().from(sessions)).map((r) => r.id)).toEqual(['valid']);
    expect((await database.db.select().from(passwordResetTokens)).map((r) => r.id)).toEqual(['open']);
    expect((await database.db.select().from(trustedDevices)).map((r) => r.tokenHash)).toEqual(['trusted']);
    expect(await getJob(admin, job.id)).toMatchObject({ status: 'succeeded', result: { loginAttempts: 1, sessions: 1, resetLinks: 2, trustedDevices: 1 }, progress: { done: 4, total: 4 } });
  });

  it('is scheduled daily, the first run at once', async () => {
    const now = new Date('2026-06-02T03:00:00Z');
    const worker = new JobWorker({ db: database.db, tenant: TENANT, registry: new JobRegistry(platformJobs), now: () => now });
    await worker.syncSchedules();
    const [row] = await database.db.select().from(jobSchedules).where(eq(jobSchedules.name, 'retention-daily'));
    expect(row).toMatchObject({ type: 'platform.retention', everySeconds: 86_400, enabled: true });
    expect(row.nextRunAt.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(await worker.enqueueDueSchedules()).toBe(1);
  });
});
