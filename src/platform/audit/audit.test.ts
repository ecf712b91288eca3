// Audit actions are a declared list: the platform's and each installed module's; reading the log is for administrators.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { findAuditEvents, recordAudit, type AuditAction } from './service.ts';
import { declaredAuditActions, installedModules } from '../module.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('pglite');
});
afterAll(() => db?.drop());

describe('audit actions', () => {
  it('records a declared action with the organisation acted for, and refuses an undeclared one', async () => {
    const ctx = ctxFor(db, adminActor);
    await db.db.execute(sql`insert into municipalities (code, name) values ('GM0392', 'Haarlem') on conflict do nothing`);
    const organisationId = '00000000-0000-4000-8000-00000000000a';
    await recordAudit(ctx, { action: 'places.booking_request', subjectType: 'booking', subjectId: 'x', onBehalfOf: { organisationId } });
    const [row] = await findAuditEvents(ctx, { action: 'places.booking_request' });
    expect(row.onBehalfOf).toBe(organisationId);
    await expect(recordAudit(ctx, { action: 'places.booking_nonsense' as AuditAction })).rejects.toThrow(/not declared/);
  });

  it('knows every installed module’s actions', () => {
    for (const m of installedModules()) for (const a of m.auditActions) expect(declaredAuditActions().has(a), a).toBe(true);
    expect(declaredAuditActions().has('catalogue.activity_publish')).toBe(true);
  });

  it('lets only administrators read the log', async () => {
    await expect(findAuditEvents(ctxFor(db))).rejects.toMatchObject({ code: 'unauthenticated' });
    await expect(findAuditEvents(ctxFor(db, { ...adminActor, roles: ['auditor'] }))).rejects.toMatchObject({ code: 'forbidden' });
  });
});
