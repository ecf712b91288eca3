// The session pages and API over HTTP, on both databases: the entry point (own and partner organisation), the month
// form (saved twice without duplicates, row-numbered errors), adding a participant twice, identifiers never echoed,
// and the JSON API with bad input.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { testApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { App } from '../../platform/http/app.tsx';
import { activities } from '../catalogue/schema.ts';
import { createActivity, publishActivity, localDateOf } from '../catalogue/service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';

/** The month before this one (YYYY-MM), which has fully passed. */
function lastMonth(): string {
  const [y, m] = localDateOf(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};

describe.each(dbKinds)('session pages and API (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let activityId: string;
  let staffA: TestClient;
  const month = lastMonth();

  async function client(roles: Role[], organisationId: string | null) {
    const email = `u-${Math.random().toString(36).slice(2, 8)}@test.nl`;
    await createUser(ctxFor(database, adminActor), { email, name: 'Test Gebruiker', roles, password: TEST_PASSWORD, organisationId });
    const c = new TestClient(app);
    expect((await c.login(email, TEST_PASSWORD)).status).toBe(303);
    return c;
  }

  const monthRows = (html: string) => [...html.matchAll(/name="rows\.(\d+)\.date" value="(\d{4}-\d{2}-\d{2})"/g)].map((m) => m[2]);
  const sessionsOf = async (c: TestClient) => ((await (await c.get(`/api/v1/sessions?activity=${activityId}&from=${month}-01&to=${monthEnd(month)}`)).json()) as { total: number; items: { id: string; date: string; headcount: number; visits: number; status: string }[] });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    app = testApp(database);
    const ctx = ctxFor(database);
    orgA = (await buildOrganisation(ctx, 'core-partner')).id;
    orgB = (await buildOrganisation(ctx, 'volunteer-organisation')).id;
    orgC = (await buildOrganisation(ctx, 'core-partner')).id;
    const own = { ...ctx, actor: partnerActor(orgA) };
    const [y] = month.split('-').map(Number);
    const a = await createActivity(own, activityInputFor({ title: 'Wekelijkse inloop', schedule: { kind: 'weekly', startDate: `${y - 1}-01-05`, startTime: '13:00', endTime: '15:00', weekdays: [2] } }));
    await publishActivity(own, a.id);
    await database.db.update(activities).set({ partnerOrganisationIds: [orgB] }).where(eq(activities.id, a.id));
    activityId = a.id;
    staffA = await client(['partner_staff'], orgA);
  });
  afterAll(async () => database?.drop());

  it('lists the activity for its organisation and for its partner, not for another organisation', async () => {
    const own = await (await staffA.get('/verantwoording/bijeenkomsten')).text();
    expect(own).toContain('Wekelijkse inloop');
    const partner = await client(['partner_staff'], orgB);
    const html = await (await partner.get('/verantwoording/bijeenkomsten')).text();
    expect(html).toContain('Wekelijkse inloop');
    expect(html).toContain('als partner van');
    const other = await client(['partner_staff'], orgC);
    expect(await (await other.get('/verantwoording/bijeenkomsten')).text()).not.toContain('Wekelijkse inloop');
    expect((await other.get(`/verantwoording/activiteiten/${activityId}/maand?maand=${month}`)).status).toBe(404);
    const resident = await client(['resident'], null);
    expect((await resident.get('/verantwoording/bijeenkomsten')).status).toBe(403);
  });

  it('saves a month of sessions from one form, twice without duplicates, and numbers the rows in errors', async () => {
    const path = `/verantwoording/activiteiten/${activityId}/maand?maand=${month}`;
    const page = await staffA.get(path);
    expect(page.status).toBe(200);
    const dates = monthRows(await page.text());
    expect(dates.length).toBeGreaterThanOrEqual(4);
    const fields: Record<string, string | string[]> = { month };
    dates.forEach((d, i) => Object.assign(fields, { [`rows.${i}.date`]: d, [`rows.${i}.status`]: 'held', [`rows.${i}.hours`]: '2', [`rows.${i}.volunteers`]: '1', [`rows.${i}.headcount`]: String(i + 5) }));
    const saved = await staffA.postForm(path, fields);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toContain(`opgeslagen=${dates.length}`);
    expect((await sessionsOf(staffA)).total).toBe(dates.length);
    fields['rows.0.headcount'] = '40';
    expect((await staffA.postForm(path, fields)).status).toBe(303);
    const after = await sessionsOf(staffA);
    expect(after.total).toBe(dates.length);
    expect(after.items[0]).toMatchObject({ date: dates[0], headcount: 40, visits: 40 });
    const filled = await (await staffA.get(path)).text();
    expect(filled).toContain('value="40"');
    // Errors: every row at once, with its line number.
    const bad = await staffA.postForm(path, { ...fields, 'rows.0.status': 'cancelled', 'rows.0.cancelReason': '', 'rows.1.volunteers': '-1' });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Regel 1 (');
    expect(html).toContain('Reden van afgelasten: is verplicht als de bijeenkomst is afgelast');
    expect(html).toContain('Regel 2 (');
    expect(html).toContain('Aantal vrijwilligers: mag niet negatief zijn');
    expect((await sessionsOf(staffA)).items[0].status).toBe('held');
  });

  it('adds a participant once, shows only coarse attributes and a fingerprint, and never echoes the identifier', async () => {
    const [s] = (await sessionsOf(staffA)).items;
    const page = `/verantwoording/bijeenkomsten/${s.id}`;
    const person = { name: 'Geertruida Zeldenrust', birthDate: '02-02-1944', wijkCode: '', targetGroups: ['ouderen'] };
    const first = await staffA.postForm(`${page}/deelnemers`, person, page);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toContain('toegevoegd=1');
    const second = await staffA.postForm(`${page}/deelnemers`, { ...person, name: 'geertruida  ZELDENRUST', birthDate: '1944-02-02' }, page);
    expect(second.headers.get('location')).toContain('toegevoegd=0');
    const shown = await (await staffA.get(second.headers.get('location')!)).text();
    expect(shown).toContain('al geregistreerd');
    expect(shown).toContain('1944');
    expect(shown).not.toMatch(/zeldenrust/i);
    expect(shown).toContain(`Bezoeken: ${s.visits + 1} (1 bekende deelnemers`);
    const refused = await staffA.postForm(`${page}/deelnemers`, { passNumber: '111222333', name: 'Piet Zeldenrust' }, page);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('burgerservicenummer');
    expect(html).not.toContain('111222333');
    expect(html).not.toMatch(/zeldenrust/i);
    // The anonymous headcount, by hand.
    expect((await staffA.postForm(`${page}/bezoekers`, { headcount: '-4' }, page)).status).toBe(400);
    expect((await staffA.postForm(`${page}/bezoekers`, { headcount: '7' }, page)).status).toBe(303);
    expect((await sessionsOf(staffA)).items[0]).toMatchObject({ headcount: 7, visits: 8 });
  });

  it('registers and counts through the API, with field errors for bad input', async () => {
    const volunteer = await client(['volunteer'], orgA);
    const date = `${month}-15`;
    const put = await volunteer.json(`/api/v1/activities/${activityId}/sessions/${date}`, 'PUT', { status: 'held', volunteers: 3, headcount: 2 });
    expect(put.status).toBe(200);
    const s = (await put.json()) as { id: string; hours: number; visits: number; organisationId: string };
    expect(s).toMatchObject({ hours: 2, visits: 2, organisationId: orgA });
    const added = await volunteer.json(`/api/v1/sessions/${s.id}/attendance`, 'POST', { participant: { passNumber: 'HP 1234 5678', birthYear: 1990 } });
    expect(added.status).toBe(200);
    expect(((await added.json()) as { added: boolean; session: { visits: number } }).session.visits).toBe(3);
    const twice = (await (await volunteer.json(`/api/v1/sessions/${s.id}/attendance`, 'POST', { participant: { passNumber: 'hp12345678' } })).json()) as { added: boolean; fingerprint: string };
    expect(twice.added).toBe(false);
    expect(JSON.stringify(twice)).not.toContain('12345678');
    const count = (await (await volunteer.json(`/api/v1/sessions/${s.id}/attendance`, 'POST', { headcount: 10 })).json()) as { session: { visits: number } };
    expect(count.session.visits).toBe(11);
    const bad = await staffA.json(`/api/v1/activities/${activityId}/sessions/2999-01-01`, 'PUT', { status: 'cancelled', principles: ['ontmoeten/p999'] });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['cancelReason', 'date', 'principles.0']);
    expect(problem.invalidParams.find((p) => p.name === 'date')!.reason).toBe('Datum: mag niet na vandaag liggen');
    expect((await staffA.get('/api/v1/sessions?from=gisteren')).status).toBe(400);
    const other = await client(['partner_staff'], orgC);
    expect((await other.json(`/api/v1/activities/${activityId}/sessions/${date}`, 'PUT', {})).status).toBe(404);
    expect((await other.json(`/api/v1/sessions/${s.id}/attendance`, 'POST', { headcount: 1 })).status).toBe(404);
  });
});
