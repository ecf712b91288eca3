// Accounts, sessions, CSRF, rate limiting, passwords and the audit trail, over HTTP against a real database.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, clientAs, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser, createResetLink } from './service.ts';
import { findAuditEvents } from '../audit/service.ts';
import type { App } from '../http/app.tsx';

describe.each(dbKinds)('accounts and sessions (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    await createUser(ctxFor(db, adminActor), { email: 'ilse@test.nl', name: 'Ilse', roles: ['resident'], password: TEST_PASSWORD });
  });
  afterAll(() => db?.drop());

  it('logs in with a session cookie that is http-only and SameSite, and logs out', async () => {
    const c = new TestClient(app);
    const res = await c.login('ILSE@test.nl ', TEST_PASSWORD);
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('sb_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect((await c.get('/account')).status).toBe(200);
    const out = await c.postForm('/uitloggen', {}, '/account');
    expect(out.status).toBe(303);
    expect((await c.get('/account')).status).toBe(303);
  });

  it('refuses a wrong password with a Dutch message and records it in the audit log', async () => {
    const c = new TestClient(app);
    const res = await c.login('ilse@test.nl', 'verkeerd-wachtwoord');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Deze combinatie van e-mailadres en wachtwoord kennen wij niet.');
    const events = await findAuditEvents(ctxFor(db, adminActor), { action: 'auth.login_failed' });
    expect(events.length).toBeGreaterThan(0);
  });

  it('throttles after five failures for the same address', async () => {
    await createUser(ctxFor(db, adminActor), { email: 'doelwit@test.nl', name: 'Doelwit', roles: [], password: TEST_PASSWORD });
    const c = new TestClient(app);
    for (let i = 0; i < 5; i++) expect((await c.login('doelwit@test.nl', `fout-${i}`)).status).toBe(400);
    const blocked = await c.login('doelwit@test.nl', TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain('Te veel mislukte pogingen');
  });

  it('refuses a form without a valid CSRF token', async () => {
    const c = new TestClient(app);
    await c.get('/inloggen');
    const body = new URLSearchParams({ email: 'ilse@test.nl', password: TEST_PASSWORD, _csrf: 'vervalst' });
    const res = await c.request('/inloggen', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Het formulier is verlopen');
  });

  it('changes the password: all fields checked at once, then the new one works', async () => {
    const c = await clientAs(app, db, ['resident'], 'wissel@test.nl');
    const bad = await c.postForm('/account/wachtwoord', { currentPassword: '', newPassword: 'kort', confirmPassword: 'anders' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Huidig wachtwoord: is verplicht');
    expect(html).toContain('Nieuw wachtwoord: moet minstens 10 tekens hebben');
    expect(html).toContain('aria-invalid="true"');
    const ok = await c.postForm('/account/wachtwoord', { currentPassword: TEST_PASSWORD, newPassword: 'een-nieuw-wachtwoord', confirmPassword: 'een-nieuw-wachtwoord' });
    expect(ok.status).toBe(303);
    expect((await new TestClient(app).login('wissel@test.nl', 'een-nieuw-wachtwoord')).status).toBe(303);
  });

  it('sets a password with a one-time reset link, which then stops working', async () => {
    await createUser(ctxFor(db, adminActor), { email: 'nieuw@test.nl', name: 'Nieuw', roles: ['volunteer'] });
    const { url } = await createResetLink(ctxFor(db, adminActor), 'nieuw@test.nl', 'http://localhost:3000');
    const path = new URL(url).pathname;
    const c = new TestClient(app);
    expect((await c.get(path)).status).toBe(200);
    const res = await c.postForm(path, { newPassword: 'mijn-eigen-wachtwoord', confirmPassword: 'mijn-eigen-wachtwoord' });
    expect(res.status).toBe(200);
    expect((await c.get(path)).status).toBe(404);
    expect((await new TestClient(app).login('nieuw@test.nl', 'mijn-eigen-wachtwoord')).status).toBe(303);
  });

  it('lets an administrator assign roles, audited as a role change', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const users = (await (await admin.request('/api/v1/users')).json()) as { id: string; email: string }[];
    const ilse = users.find((u) => u.email === 'ilse@test.nl')!;
    const res = await admin.json(`/api/v1/users/${ilse.id}`, 'PATCH', { roles: ['resident', 'volunteer'] });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { roles: string[] }).roles).toEqual(['resident', 'volunteer']);
    const events = await findAuditEvents(ctxFor(db, adminActor), { action: 'user.roles_change', subjectId: ilse.id });
    expect(events[0].details).toEqual({ added: ['volunteer'], removed: [] });
    const reads = await findAuditEvents(ctxFor(db, adminActor), { action: 'user.list' });
    expect(reads.length).toBeGreaterThan(0);
  });

  it('keeps user administration for administrators only', async () => {
    expect((await new TestClient(app).get('/api/v1/users')).status).toBe(401);
    const resident = await clientAs(app, db, ['resident']);
    const res = await resident.get('/api/v1/users');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await resident.get('/beheer/gebruikers')).status).toBe(403);
  });

  it('creates users through the API with every field error at once', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const bad = await admin.json('/api/v1/users', 'POST', { email: 'geen-adres', name: '', roles: ['koning'] });
    expect(bad.status).toBe(400);
    const p = (await bad.json()) as { status: number; title: string; detail: string; invalidParams: { name: string; reason: string }[] };
    expect(p.status).toBe(400);
    expect(p.title).toBe('Ongeldige invoer');
    expect(p.invalidParams.map((x) => x.name).sort()).toEqual(['email', 'name', 'roles.0']);
    const ok = await admin.json('/api/v1/users', 'POST', { email: 'partner@test.nl', name: 'Partner', roles: ['partner_staff'] });
    expect(ok.status).toBe(201);
    const dup = await admin.json('/api/v1/users', 'POST', { email: 'partner@test.nl', name: 'Partner', roles: [] });
    expect(dup.status).toBe(409);
  });
});
