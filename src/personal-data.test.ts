// "Mijn gegevens": a signed-in person sees and downloads everything held about them — the platform's sections and
// the modules' (a booking, a story) — never someone else's rows; every read is one audit row; anonymous is refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../test/client.ts';
import { adminActor, ctxFor, dbKinds, type TestDatabase } from '../test/db.ts';
import type { App } from './platform/http/app.tsx';
import type { Actor } from './platform/auth/roles.ts';
import { createUser } from './platform/auth/service.ts';
import { sessions, apiTokens } from './platform/auth/schema.ts';
import { auditEvents } from './platform/audit/schema.ts';
import { recordAudit } from './platform/audit/service.ts';
import { personalDataSchema } from './platform/privacy/api.ts';
import { createApiToken } from './platform/auth/api-tokens.ts';
import { createOrganisation } from './modules/network/service.ts';
import { requestBooking } from './modules/places/service.ts';
import { createStory } from './modules/effects/story-service.ts';
import { makeLocation } from './modules/places/test-helpers.ts';
import { zonedTime } from './modules/places/time.ts';

const NOW = new Date('2026-03-01T10:00:00Z');

interface Person {
  actor: Actor;
  client: TestClient;
}

describe.each(dbKinds)('Mijn gegevens (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let anna: Person;
  let bram: Person;
  let annasToken: string;
  const at = (a: Actor) => ({ ...ctxFor(db, a), now: () => NOW });
  const reads = async (userId: string) =>
    db.db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, userId), eq(auditEvents.action, 'account.personal_data_read')));

  async function person(name: string, email: string, organisationName: string): Promise<Person> {
    const admin = ctxFor(db, adminActor);
    const org = await createOrganisation(admin, { name: organisationName, type: 'core-partner' });
    const user = await createUser(admin, { email, name, roles: ['partner_staff'], organisationId: org.id, password: TEST_PASSWORD });
    const client = new TestClient(app);
    expect((await client.login(email, TEST_PASSWORD)).status).toBe(303);
    return { actor: { userId: user.id, name, email, roles: ['partner_staff'], organisationId: org.id }, client };
  }

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    anna = await person('Anna Gegevens', 'anna@test.nl', 'Buurtwerk Anna');
    bram = await person('Bram Anders', 'bram@test.nl', 'Buurtwerk Bram');
    const place = await makeLocation(db);
    for (const [p, purpose, day] of [[anna, 'Taalcafé van Anna', '2026-03-02'], [bram, 'Breicafé van Bram', '2026-03-03']] as const) {
      await requestBooking(at(p.actor), { roomId: place.zaal.id, organisationId: p.actor.organisationId!, startsAt: zonedTime(day, '10:00'), endsAt: zonedTime(day, '12:00'), purpose });
    }
    for (const [p, title] of [[anna, 'Het verhaal van Anna'], [bram, 'Het verhaal van Bram']] as const) {
      await createStory(at(p.actor), { organisationId: p.actor.organisationId!, title, body: 'Meedoen gaf mij weer moed.', storyDate: '2026-02-20', consentMedia: ['text'], consentUses: ['internal'], consentUntil: '2027-02-20' });
    }
    annasToken = (await createApiToken(at(anna.actor), { name: 'Ledenadministratie Anna', scopes: ['read'] })).token;
  });
  afterAll(async () => db?.drop());

  it('links from the account page, and shows the account, the booking, the story and the audit trail on the page', async () => {
    expect(await (await anna.client.get('/account')).text()).toContain('href="/account/gegevens"');
    const res = await anna.client.get('/account/gegevens');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    for (const text of ['Mijn gegevens', 'Anna Gegevens', 'anna@test.nl', 'Buurtwerk Anna', 'Medewerker partner', 'Taalcafé van Anna', 'Grote zaal', 'Het verhaal van Anna', 'Ledenadministratie Anna', 'auth.login', 'places.booking_request', 'effects.story.created', 'href="/account/gegevens.json"']) {
      expect(html, text).toContain(text);
    }
    // The audit trail in plain language, with the technical name beside it.
    for (const text of ['<th class="utrecht-table__header-cell" scope="col">Technische naam</th>', 'Ingelogd', 'Boeking van een ruimte aangevraagd', 'Verhaal aangemaakt']) {
      expect(html, text).toContain(text);
    }
    for (const text of ['Bram', 'bram@test.nl', 'Breicafé']) expect(html, text).not.toContain(text);
    const [row] = await reads(anna.actor.userId);
    expect(row).toMatchObject({ subjectType: 'user', subjectId: anna.actor.userId, details: { via: 'page' } });
  });

  it('downloads everything as JSON (an attachment), with no session key, CSRF token, token hash or token, and none of Bram’s rows', async () => {
    const res = await anna.client.get('/account/gegevens.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="mijn-gegevens-\d{4}-\d{2}-\d{2}\.json"$/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    const data = personalDataSchema.parse(JSON.parse(text));
    expect(data.user).toEqual({ id: anna.actor.userId, name: 'Anna Gegevens', email: 'anna@test.nl' });
    const keys = data.sections.map((s) => s.key);
    expect(keys).toEqual(expect.arrayContaining(['account.account', 'account.sessions', 'account.devices', 'account.api_tokens', 'account.audit', 'places.bookings', 'effects.stories', 'effects.story_consents']));
    const bookings = data.sections.find((s) => s.key === 'places.bookings')!;
    expect(bookings.rows).toHaveLength(1);
    expect(bookings.rows[0]).toContain('Taalcafé van Anna');
    expect(bookings.rows[0]).toContain(zonedTime('2026-03-02', '10:00').toISOString());
    expect(data.sections.find((s) => s.key === 'effects.stories')!.rows).toEqual([['Het verhaal van Anna', 'Concept', '2026-02-20']]);
    for (const s of data.sections) for (const r of s.rows) expect(r, s.key).toHaveLength(s.columns.length);
    const audit = data.sections.find((s) => s.key === 'account.audit')!;
    expect(audit.columns.slice(0, 3)).toEqual(['Wanneer', 'Wat', 'Technische naam']);
    expect(audit.rows.find((r) => r[2] === 'places.booking_request')?.[1]).toBe('Boeking van een ruimte aangevraagd');
    for (const secret of [...(await db.db.select({ id: sessions.id, csrf: sessions.csrfToken }).from(sessions)).flatMap((s) => [s.id, s.csrf]), ...(await db.db.select({ h: apiTokens.tokenHash }).from(apiTokens)).map((t) => t.h), annasToken]) {
      expect(text).not.toContain(secret);
    }
    for (const other of ['Bram', 'bram@test.nl', bram.actor.userId, 'Breicafé']) expect(text, other).not.toContain(other);
    expect((await reads(anna.actor.userId)).map((r) => r.details.via)).toEqual(['page', 'download']);
  });

  it('answers the same at GET /api/v1/me/personal-data, in the reader’s language', async () => {
    const res = await bram.client.request('/api/v1/me/personal-data', { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const data = personalDataSchema.parse(await res.json());
    expect(data.user.email).toBe('bram@test.nl');
    expect(JSON.stringify(data)).toContain('Breicafé van Bram');
    expect(JSON.stringify(data)).not.toContain('Anna');
    expect((await reads(bram.actor.userId)).map((r) => r.details.via)).toEqual(['api']);
    await bram.client.get('/taal/en');
    const english = personalDataSchema.parse(await (await bram.client.get('/account/gegevens.json')).json());
    expect(english.sections.map((s) => s.title)).toEqual(expect.arrayContaining(['Your account', 'Your room bookings', 'Stories you wrote']));
    expect(english.sections.find((s) => s.key === 'account.audit')!.rows.find((r) => r[2] === 'auth.login')?.[1]).toBe('Signed in');
    expect(await (await bram.client.get('/account/gegevens')).text()).toContain('Download everything (JSON)');
  });

  it('shows the latest 50 audit rows on the page and has all of them in the download', async () => {
    for (let i = 0; i < 60; i++) await recordAudit(ctxFor(db, anna.actor), { action: 'user.read', subjectType: 'user', subjectId: `nummer-${i}` });
    const html = await (await anna.client.get('/account/gegevens')).text();
    expect(html).toMatch(/nieuwste 50 van de \d+ regels/);
    expect(html).toContain('user nummer-59');
    expect(html).not.toContain('user nummer-0<');
    const data = personalDataSchema.parse(await (await anna.client.get('/account/gegevens.json')).json());
    const audit = data.sections.find((s) => s.key === 'account.audit')!;
    expect(audit.rows.length).toBeGreaterThan(60);
    expect(audit.rows.some((r) => r.includes('user nummer-0'))).toBe(true);
  });

  it('refuses anonymous readers: pages send them to log in, the API answers 401, and nothing is recorded', async () => {
    const anonymous = new TestClient(app);
    const before = (await db.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.personal_data_read'))).length;
    for (const path of ['/account/gegevens', '/account/gegevens.json']) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location'), path).toBe(`/inloggen?terug=${encodeURIComponent(path)}`);
    }
    const api = await anonymous.request('/api/v1/me/personal-data', { headers: { accept: 'application/json' } });
    expect(api.status).toBe(401);
    expect(api.headers.get('cache-control')).toBe('no-store');
    expect((await db.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.personal_data_read'))).length).toBe(before);
  });
});
