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

  it('shows each action in plain language with its technical name below, on the page and in the API', async () => {
    const html = await (await admin.get('/beheer/audit?actie=auth.login')).text();
    expect(html).toContain('Ingelogd<br/><code class="sb-meta">auth.login</code>');
    const res = await admin.get('/api/v1/audit-events?action=audit.read&limit=1');
    expect(res.status).toBe(200);
    const [event] = (await res.json()) as { action: string; label: string }[];
    expect(event).toMatchObject({ action: 'audit.read', label: 'Auditlog bekeken' });
    await admin.get('/taal/en');
    expect(await (await admin.get('/beheer/audit?actie=auth.login')).text()).toContain('Signed in<br/><code class="sb-meta">auth.login</code>');
  });

  it('only administrators read it', async () => {
    const partner = ctxFor(db, { ...adminActor, roles: ['partner_staff'] });
    expect((await appErrorOf(readAuditLog(partner, {}))).status).toBe(403);
    expect((await appErrorOf(readAuditLog(ctxFor(db), {}))).status).toBe(401);
  });
});
