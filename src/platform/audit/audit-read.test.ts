// Reading the audit log is itself audited (one row per page read), and only administrators may read it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, clientAs, type TestClient } from '../../../test/client.ts';
import { findAuditEvents, readAuditLog } from './service.ts';
import { appErrorOf } from '../../../test/errors.ts';

describe.each(dbKinds)('audit log reads (%s)', (kind) => {
  let db: TestDatabase;
  let admin: TestClient;
  beforeAll(async () => {
    const opened = await openSeededApp(kind);
    db = opened.db;
    admin = await clientAs(opened.app, db, ['administrator'], 'beheer@test.nl');
  });
  afterAll(async () => db?.drop());

  it('records who read the audit log, with the filters used, once per page and per API call', async () => {
    const reads = () => findAuditEvents(ctxFor(db, adminActor), { action: 'audit.read' });
    expect(await reads()).toHaveLength(0);
    expect((await admin.get('/beheer/audit?actie=auth.')).status).toBe(200);
    const [page] = await reads();
    expect(page).toMatchObject({ actorLabel: 'beheer@test.nl', details: { filters: { action: 'auth.' } } });
    expect((await admin.get('/api/v1/audit-events?limit=5')).status).toBe(200);
    expect(await reads()).toHaveLength(2);
  });

  it('only administrators read it', async () => {
    const partner = ctxFor(db, { ...adminActor, roles: ['partner_staff'] });
    expect((await appErrorOf(readAuditLog(partner, {}))).status).toBe(403);
    expect((await appErrorOf(readAuditLog(ctxFor(db), {}))).status).toBe(401);
  });
});
