// API tokens against a real database: only a hash is stored, create/list/revoke, expiry with an injected clock,
// scopes, disabled users, another municipality, 401 and 403 bodies, no CSRF for bearer writes, pages ignore the
// header, tokens cannot make tokens, audit rows, the OpenAPI document.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { dbKinds, ctxFor, adminActor, TENANT, type TestDatabase } from '../../../test/db.ts';
import { SharedDatabase, HAARLEM, TESTDORP } from '../../../test/tenants.ts';
import { openSeededApp, clientAs, testApp, TestClient } from '../../../test/client.ts';
import { createUser, updateUser } from './service.ts';
import { createApiToken, listApiTokens, revokeApiToken, resolveApiToken, amsterdamDate, addDaysTo, endOfDay } from './api-tokens.ts';
import { sha256 } from './tokens.ts';
import { findAuditEvents } from '../audit/service.ts';
import { organisationDirectory } from '../module.ts';
import { queryRows } from '../db/client.ts';
import { municipalities } from '../tenancy/schema.ts';
import type { App } from '../http/app.tsx';
import type { Actor } from './roles.ts';

const bearer = (token: string, init: RequestInit = {}) => ({ ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
const jsonPost = (token: string, body: unknown, method = 'POST') => bearer(token, { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** The activity a partner's system sends (the catalogue's own input shape). */
const activity = (title: string) => ({
  title,
  description: 'Elke week drinken buren samen koffie en maken ze een praatje. Iedereen is welkom.',
  kind: 'activity',
  themes: ['ontmoeten'],
  subGoals: [],
  principles: [],
  targetGroups: ['iedereen'],
  districtCode: 'noord',
  neighbourhoodCode: null,
  locationName: 'Huis van de Wijk De Til',
  locationAddress: 'Floris van Adrichemlaan 98, Haarlem',
  schedule: { kind: 'weekly', startDate: '2026-01-05', startTime: '10:00', endTime: '11:30', weekdays: [1] },
  costCents: 0,
  haarlemPas: 'none',
  wheelchairAccessible: true,
  accessibilityDetails: '',
  languages: ['nl'],
  howToJoin: 'walk-in',
  contact: 'Bel 023 123 45 67',
  sensitive: false,
});

describe.each(dbKinds)('API tokens (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let orgId: string;
  let staff: Actor;
  const req = (path: string, init?: RequestInit) => app.request(path, init);

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const ctx = ctxFor(db, adminActor);
    orgId = (await organisationDirectory()!.list(ctx))[0].id;
    const u = await createUser(ctx, { email: 'medewerker@partner.nl', name: 'Mira Medewerker', roles: ['partner_staff'], organisationId: orgId, password: 'test-wachtwoord-123' });
    staff = { userId: u.id, name: u.name, email: u.email, roles: ['partner_staff'], organisationId: orgId };
  });
  afterAll(() => db?.drop());

  it('stores only a sha-256: the token itself is nowhere in the database', async () => {
    const { token, apiToken } = await createApiToken(ctxFor(db, staff), { name: 'Ledenadministratie', scopes: ['read', 'write'] });
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(apiToken.prefix).toBe(token.slice(0, 10));
    expect(apiToken).toMatchObject({ name: 'Ledenadministratie', scopes: ['read', 'write'], status: 'active', userId: staff.userId, organisationName: expect.any(String) });
    // Default expiry: a year from today, through the end of that day in Amsterdam.
    expect(apiToken.expiresAt!.toISOString()).toBe(endOfDay(addDaysTo(amsterdamDate(new Date()), 365)).toISOString());
    const [row] = await queryRows<{ token_hash: string }>(db.db, sql`select token_hash from api_tokens where id = ${apiToken.id}`);
    expect(row.token_hash).toBe(sha256(token));
    const tables = await queryRows<{ table_name: string }>(db.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
    for (const { table_name } of tables) {
      const rows = await queryRows<{ v: string }>(db.db, sql.raw(`select t::text as v from "${table_name}" t`));
      expect(rows.filter((r) => r.v.includes(token) || r.v.includes(token.slice(10))), table_name).toEqual([]);
    }
    const audit = await findAuditEvents(ctxFor(db, adminActor), { action: 'api_token.create', subjectId: staff.userId });
    expect(audit[0].details).toMatchObject({ tokenId: apiToken.id, name: 'Ledenadministratie', scopes: ['read', 'write'] });
  });

  it('acts as its user with the user’s roles: an API write without CSRF, refused where the role is missing; pages ignore it', async () => {
    const { token, apiToken } = await createApiToken(ctxFor(db, staff), { name: 'Activiteiten', scopes: ['write'] });
    const created = await req('/api/v1/activities', jsonPost(token, activity('Via een API-token')));
    expect(created.status, await created.clone().text()).toBe(201);
    const body = (await created.json()) as { id: string; organisation: { id: string } };
    expect(body.organisation.id).toBe(orgId);
    // The audit row of that write names the token.
    const rows = await queryRows<{ details: { viaApiToken?: string } }>(db.db, sql`select details from audit_events where subject_id = ${body.id}`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.details.viaApiToken === apiToken.id)).toBe(true);
    // Route roles apply exactly as to a session: partner staff may not read the user list.
    const users = await req('/api/v1/users', bearer(token));
    expect(users.status).toBe(403);
    // Writes still need JSON.
    const form = await req('/api/v1/activities', bearer(token, { method: 'POST', body: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
    expect(form.status).toBe(415);
    // An HTML page does not look at the header: not logged in.
    const page = await req('/account', bearer(token));
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toMatch(/^\/inloggen/);
    expect((await req('/account/tokens', bearer(token))).status).toBe(303);
    // last_used_at is set.
    const [used] = await listApiTokens(ctxFor(db, staff)).then((l) => l.filter((t) => t.id === apiToken.id));
    expect(used.lastUsedAt).not.toBeNull();
  });

  it('limits a read-only token to GET and HEAD, with a clear 403 problem', async () => {
    const { token } = await createApiToken(ctxFor(db, staff), { name: 'Alleen lezen', scopes: ['read'] });
    expect((await req('/api/v1/activities', bearer(token))).status).toBe(200);
    const res = await req('/api/v1/activities', jsonPost(token, activity('Mag niet')));
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('www-authenticate')).toContain('insufficient_scope');
    const p = (await res.json()) as { detail: string; status: number };
    expect(p).toMatchObject({ status: 403, detail: 'Deze API-token mag alleen lezen. Voor een POST-aanvraag is een token nodig die ook mag wijzigen.' });
  });

  it('answers 401 problem+json naming why: unknown, revoked, expired (injected clock), blocked account, lost role', async () => {
    const problem = async (res: Response) => {
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="Sociale Basis", error="invalid_token"/);
      return ((await res.json()) as { detail: string }).detail;
    };
    expect(await problem(await req('/api/v1/activities', bearer('sb_' + 'x'.repeat(43))))).toMatch(/^Onbekende token/);
    expect(await problem(await req('/api/v1/activities', bearer('iets-anders')))).toMatch(/^Onbekende token/);

    const revoked = await createApiToken(ctxFor(db, staff), { name: 'Ingetrokken', scopes: ['read'] });
    expect((await req('/api/v1/activities', bearer(revoked.token))).status).toBe(200);
    await revokeApiToken(ctxFor(db, staff), revoked.apiToken.id);
    expect(await problem(await req('/api/v1/activities', bearer(revoked.token)))).toMatch(/^Token ingetrokken/);

    // Made two years ago, valid through a day that has passed.
    const past = new Date(Date.now() - 730 * 86_400_000);
    const old = await createApiToken({ ...ctxFor(db, staff), now: () => past }, { name: 'Oud', scopes: ['read'], expiresOn: addDaysTo(amsterdamDate(past), 30) });
    const detail = await problem(await req('/api/v1/activities', bearer(old.token)));
    expect(detail).toBe(`Token verlopen: deze API-token was geldig tot en met ${addDaysTo(amsterdamDate(past), 30)}. Maak een nieuwe token aan op /account/tokens.`);
    // The same clock decides: still valid on its last day, expired the moment after.
    const fresh = await createApiToken(ctxFor(db, staff), { name: 'Klok', scopes: ['read'], expiresOn: addDaysTo(amsterdamDate(new Date()), 10) });
    const end = fresh.apiToken.expiresAt!;
    expect((await resolveApiToken(db.db, TENANT, fresh.token, new Date(end.getTime() - 1))).ok).toBe(true);
    expect(await resolveApiToken(db.db, TENANT, fresh.token, end)).toMatchObject({ ok: false, reason: 'expired' });

    const english = await req('/api/v1/activities', bearer(revoked.token, { headers: { cookie: 'sb_lang=en' } }));
    expect(await problem(english)).toMatch(/^Token revoked/);

    const ctx = ctxFor(db, adminActor);
    const u = await createUser(ctx, { email: 'tijdelijk@partner.nl', name: 'Tijdelijk', roles: ['partner_staff'], organisationId: orgId });
    const who = { ...staff, userId: u.id, email: u.email };
    const t = await createApiToken(ctxFor(db, who), { name: 'Tijdelijk', scopes: ['read'] });
    expect((await req('/api/v1/activities', bearer(t.token))).status).toBe(200);
    await updateUser(ctx, u.id, { roles: ['resident'] });
    expect(await problem(await req('/api/v1/activities', bearer(t.token)))).toMatch(/mag geen tokens meer gebruiken/);
    await updateUser(ctx, u.id, { roles: ['partner_staff'], disabled: true });
    expect(await problem(await req('/api/v1/activities', bearer(t.token)))).toMatch(/is geblokkeerd/);
    // An anonymous API request is told how to authenticate too.
    const anon = await req('/api/v1/users');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('www-authenticate')).toBe('Bearer realm="Sociale Basis"');
  });

  it('writes last_used_at at most once a minute', async () => {
    const { token, apiToken } = await createApiToken(ctxFor(db, staff), { name: 'Minuut', scopes: ['read'] });
    const lastUsed = async () => (await listApiTokens(ctxFor(db, staff))).find((t) => t.id === apiToken.id)!.lastUsedAt?.toISOString();
    const t0 = new Date();
    await resolveApiToken(db.db, TENANT, token, t0);
    expect(await lastUsed()).toBe(t0.toISOString());
    await resolveApiToken(db.db, TENANT, token, new Date(t0.getTime() + 30_000));
    expect(await lastUsed()).toBe(t0.toISOString());
    const later = new Date(t0.getTime() + 61_000);
    await resolveApiToken(db.db, TENANT, token, later);
    expect(await lastUsed()).toBe(later.toISOString());
  });

  it('is made, listed and revoked through the API with a session; a token cannot manage tokens; administrators act for anyone', async () => {
    const partner = await clientAs(app, db, ['partner_staff']);
    // No organisation: a partner cannot hold a token.
    const none = await partner.json('/api/v1/tokens', 'POST', { name: 'Zonder organisatie' });
    expect(none.status).toBe(400);
    expect(JSON.stringify(await none.json())).toContain('alleen medewerkers van een organisatie en beheerders');

    const resident = await clientAs(app, db, ['resident']);
    expect((await resident.get('/api/v1/tokens')).status).toBe(403);
    expect((await resident.get('/account/tokens')).status).toBe(403);

    const admin = await clientAs(app, db, ['administrator']);
    const made = await admin.json('/api/v1/tokens', 'POST', { name: 'Koppeling', scopes: ['read', 'write'], userId: staff.userId, expiresOn: addDaysTo(amsterdamDate(new Date()), 30) });
    expect(made.status).toBe(201);
    const t = (await made.json()) as { id: string; token: string; userId: string; scopes: string[] };
    expect(t).toMatchObject({ userId: staff.userId, scopes: ['read', 'write'] });
    // Every problem at once: a date too far, no scopes, an empty name.
    const bad = await admin.json('/api/v1/tokens', 'POST', { name: '', scopes: [], expiresOn: addDaysTo(amsterdamDate(new Date()), 800) });
    expect(bad.status).toBe(400);
    const names = ((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort();
    expect(names).toEqual(['expiresOn', 'name', 'scopes']);
    const dup = await admin.json('/api/v1/tokens', 'POST', { name: 'Koppeling', userId: staff.userId });
    expect(dup.status).toBe(409);

    // With the token itself: no managing tokens, even with write scope.
    for (const [path, init] of [
      ['/api/v1/tokens', bearer(t.token)],
      ['/api/v1/tokens', jsonPost(t.token, { name: 'Nog een' })],
      [`/api/v1/tokens/${t.id}/revoke`, jsonPost(t.token, {})],
    ] as const) {
      const res = await req(path, init);
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toContain('Met een API-token kunt u geen tokens maken');
    }
    const all = (await (await admin.get('/api/v1/tokens?all=true')).json()) as { items: { id: string }[] };
    expect(all.items.map((x) => x.id)).toContain(t.id);
    expect(JSON.stringify(all)).not.toContain(t.token);
    expect((await partner.get('/api/v1/tokens?all=true')).status).toBe(403);
    // Someone else's token is not found for a partner.
    expect((await partner.json(`/api/v1/tokens/${t.id}/revoke`, 'POST', {})).status).toBe(404);
    const revoked = await admin.json(`/api/v1/tokens/${t.id}/revoke`, 'POST', {});
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ status: 'revoked' });
    expect((await req('/api/v1/activities', bearer(t.token))).status).toBe(401);
    const audit = await findAuditEvents(ctxFor(db, adminActor), { action: 'api_token.revoke' });
    expect(audit.some((e) => (e.details as { tokenId?: string }).tokenId === t.id)).toBe(true);
  });

  it('lets a bearer administrator write without CSRF or cookies', async () => {
    const ctx = ctxFor(db, adminActor);
    const u = await createUser(ctx, { email: 'beheer-systeem@gemeente.nl', name: 'Beheer', roles: ['administrator'] });
    const { token } = await createApiToken(ctxFor(db, { ...adminActor, userId: u.id, email: u.email }), { name: 'Beheer', scopes: ['read', 'write'] });
    const res = await req('/api/v1/users', jsonPost(token, { email: 'nieuw@gemeente.nl', name: 'Nieuw' }));
    expect(res.status).toBe(201);
    // A cookie session sent along changes nothing: the token decides.
    const resident = await clientAs(app, db, ['resident']);
    const mixed = await resident.request('/api/v1/users', bearer(token));
    expect(mixed.status).toBe(200);
  });

  it('has pages to make (shown once), list and revoke (with confirmation) tokens, without JavaScript', async () => {
    const c = new TestClient(app);
    expect((await c.login('medewerker@partner.nl', 'test-wachtwoord-123')).status).toBe(303);
    expect(await (await c.get('/account')).text()).toContain('href="/account/tokens"');
    const page = await c.get('/account/tokens');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Een token handelt als u');
    expect(html).toContain('Ledenadministratie');
    const bad = await c.postForm('/account/tokens', { name: '', scopes: [], expiresOn: '2001-01-01' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Naam: is verplicht');
    expect(badHtml).toContain('Geldig tot en met: moet vandaag of later zijn');
    const made = await c.postForm('/account/tokens', { name: 'Vanaf de pagina', scopes: ['read', 'write'], expiresOn: addDaysTo(amsterdamDate(new Date()), 60) });
    expect(made.status).toBe(201);
    expect(made.headers.get('cache-control')).toBe('no-store');
    const madeHtml = await made.text();
    const token = madeHtml.match(/value="(sb_[A-Za-z0-9_-]{43})"/)![1];
    expect(madeHtml).toContain('Hij wordt maar één keer getoond');
    expect((await req('/api/v1/activities', bearer(token))).status).toBe(200);
    // The list never shows it again.
    expect(await (await c.get('/account/tokens')).text()).not.toContain(token);
    const id = (await listApiTokens(ctxFor(db, staff))).find((t) => t.name === 'Vanaf de pagina')!.id;
    const ask = await c.postForm(`/account/tokens/${id}/intrekken`, {}, '/account/tokens');
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain('Token intrekken?');
    expect((await req('/api/v1/activities', bearer(token))).status).toBe(200);
    const done = await c.postForm(`/account/tokens/${id}/intrekken`, { bevestigd: 'ja' }, '/account/tokens');
    expect(done.status).toBe(303);
    expect(await (await c.get(done.headers.get('location')!)).text()).toContain('De token is ingetrokken');
    expect((await req('/api/v1/activities', bearer(token))).status).toBe(401);

    const admin = await clientAs(app, db, ['administrator']);
    const adminPage = await (await admin.get('/beheer/tokens')).text();
    expect(adminPage).toContain('medewerker@partner.nl');
    const forUser = await admin.postForm('/beheer/tokens', { userId: staff.userId, name: 'Door beheer', scopes: ['read'], expiresOn: '' });
    expect(forUser.status).toBe(201);
    expect(await forUser.text()).toContain('Token &quot;Door beheer&quot; voor Mira Medewerker');
  });

  it('documents bearerAuth in the OpenAPI document, on operations that need a login except token management', async () => {
    const doc = (await (await req('/api/v1/openapi.json')).json()) as { components: { securitySchemes: Record<string, unknown> }; paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>> };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/users'].get.security).toEqual([{ sessionCookie: [] }, { bearerAuth: [] }]);
    expect(doc.paths['/activities'].post.security).toEqual([{ sessionCookie: [] }, { bearerAuth: [] }]);
    expect(doc.paths['/tokens'].post.security).toEqual([{ sessionCookie: [] }]);
    expect(doc.paths['/activities'].get.security).toBeUndefined();
  });
});

describe.each(dbKinds)('API tokens and another municipality (%s)', (kind) => {
  let shared: SharedDatabase;
  afterAll(() => shared?.drop());

  it('a token of one municipality is unknown to a server of another on the same database', async () => {
    shared = await SharedDatabase.create(kind, HAARLEM);
    const haarlem = await shared.as(HAARLEM);
    await haarlem.db.insert(municipalities).values({ code: HAARLEM, name: 'Haarlem' });
    const u = await createUser(ctxFor(haarlem, adminActor), { email: 'beheer@haarlem.nl', name: 'Beheer', roles: ['administrator'] });
    const { token } = await createApiToken(ctxFor(haarlem, { ...adminActor, userId: u.id }), { name: 'Haarlem', scopes: ['read'] });
    expect((await resolveApiToken(haarlem.db, HAARLEM, token, new Date())).ok).toBe(true);
    const testdorp = await shared.as(TESTDORP);
    await testdorp.db.insert(municipalities).values({ code: TESTDORP, name: 'Testdorp' });
    // Even asked for Haarlem's token by name, Testdorp's connection does not see Haarlem's rows (row-level security).
    expect(await resolveApiToken(testdorp.db, HAARLEM, token, new Date())).toEqual({ ok: false, reason: 'unknown' });
    const res = await testApp(testdorp).request('/api/v1/users', bearer(token));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^Onbekende token/);
  });
});
