// Pages and JSON API of the network module, through the real app (PGlite, and PostgreSQL when DATABASE_URL is set).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { TestClient, testApp, clientAs, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { createUser } from '../../platform/auth/service.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { createPerson, getOrganisation, listPeople, type OrganisationView, type PersonView } from './service.ts';
import { adminActor, as, buildOrganisation, personFor } from './test-helpers.ts';

describe.each(dbKinds)('network pages and API (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let ctx: ServiceContext;
  let orgA: OrganisationView;
  let orgB: OrganisationView;
  let personB: PersonView;
  let partnerA: TestClient;

  const partnerOf = async (org: OrganisationView, email: string) => {
    await createUser(as(ctx, adminActor), { email, name: 'Petra Partner', roles: ['partner_staff'], password: TEST_PASSWORD, organisationId: org.id });
    const client = new TestClient(app);
    expect((await client.login(email, TEST_PASSWORD)).status).toBe(303);
    return client;
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    app = testApp(database);
    ctx = ctxFor(database);
    orgA = await buildOrganisation(ctx, 'subcontractor', { districts: ['oost'], themes: ['ontmoeten'] });
    orgB = await buildOrganisation(ctx, 'subcontractor', { districts: ['noord'], themes: ['ontmoeten'] });
    personB = await createPerson(as(ctx, adminActor), orgB.id, personFor({ name: 'Bert Bakker', districts: ['noord'], themes: ['ontmoeten'], specialisms: ['eenzaamheid'] }));
    partnerA = await partnerOf(orgA, 'petra@a.example');
  });
  afterAll(async () => database?.drop());

  it('shows the public list with filters, and a clear message for a bad filter', async () => {
    const anon = new TestClient(app);
    const all = await anon.get('/organisaties');
    expect(all.status).toBe(200);
    const html = await all.text();
    expect(html).toContain('DOCK Haarlem');
    expect(html).toContain('Gemeente Haarlem');
    expect(html).toContain('Pagina 1 van 2');
    const second = await (await anon.get('/organisaties?pagina=2')).text();
    expect(second).toContain('Ketenpartner');
    expect(second).not.toContain('Gemeente Haarlem');
    expect(await (await anon.get('/organisaties?type=subcontractor')).text()).toContain(`/organisaties/${orgA.id}`);
    const filtered = await (await anon.get('/organisaties?type=subcontractor&theme=ontmoeten&district=oost')).text();
    expect(filtered).toContain(orgA.name);
    expect(filtered).not.toContain(orgB.name);
    expect(filtered).not.toContain('DOCK Haarlem');
    const bad = await anon.get('/organisaties?theme=bestaat-niet&type=bank');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Thema: Dit thema bestaat niet.');
    expect(badHtml).toContain('Soort organisatie: moet een van deze waarden zijn');
  });

  it('shows an organisation’s profile with its people, themes it leads and contact point', async () => {
    const dock = (await (await new TestClient(app).get('/api/v1/organisations?q=DOCK Haarlem')).json()) as { items: { id: string; leads: string[] }[] };
    expect(dock.items[0].leads).toContain('financien-op-orde');
    const res = await new TestClient(app).get(`/organisaties/${dock.items[0].id}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Regie op thema’s');
    expect(html).toContain('href="/themas/financien-op-orde"');
    const b = await (await new TestClient(app).get(`/organisaties/${orgB.id}`)).text();
    expect(b).toContain('Bert Bakker');
    expect(b).toContain('Eenzaamheid');
    expect((await new TestClient(app).get('/organisaties/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await new TestClient(app).get('/organisaties/geen-id')).status).toBe(404);
  });

  it('answers "wie doet wat" for a theme and district, as a page and as JSON', async () => {
    const anon = new TestClient(app);
    const page = await anon.get('/wie-doet-wat?theme=ontmoeten&district=noord');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Regie per thema');
    expect(html).toContain('De Driehoek per stadsdeel');
    expect(html).toContain(orgB.name);
    expect(html).not.toContain(orgA.name);
    expect(html).toContain('Bert Bakker');
    const json = await anon.get('/api/v1/responsibilities?theme=ontmoeten&district=noord');
    expect(json.status).toBe(200);
    expect(json.headers.get('API-Version')).toBeTruthy();
    const body = (await json.json()) as { leads: { organisations: { name: string; id: string | null }[] }[]; driehoek: { district: { code: string } }[]; organisations: { id: string }[]; people: { name: string }[] };
    expect(body.leads[0].organisations.map((o) => o.name).sort()).toEqual(['DOCK Haarlem', 'Haarlem Effect']);
    expect(body.leads[0].organisations.every((o) => o.id)).toBe(true);
    expect(body.driehoek.map((d) => d.district.code)).toEqual(['noord']);
    expect(body.organisations.map((o) => o.id)).toEqual([orgB.id]);
    expect(body.people.map((p) => p.name)).toEqual(['Bert Bakker']);
    const bad = await anon.get('/api/v1/responsibilities?theme=nope');
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(problem.invalidParams).toEqual([{ name: 'theme', code: 'unknown', reason: 'Dit thema bestaat niet.' }]);
    const badPage = await anon.get('/wie-doet-wat?district=atlantis');
    expect(badPage.status).toBe(400);
    expect(await badPage.text()).toContain('Stadsdeel: Dit stadsdeel bestaat niet.');
  });

  it('filters and paginates the organisations API', async () => {
    const anon = new TestClient(app);
    const res = await anon.get('/api/v1/organisations?type=subcontractor&theme=ontmoeten&district=noord');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { total: number; items: { id: string; districts: string[] }[] };
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: orgB.id, districts: ['noord'] });
    const page = (await (await anon.get('/api/v1/organisations?pageSize=5&page=2')).json()) as { total: number; page: number; pageSize: number; items: unknown[] };
    expect(page).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.total).toBeGreaterThan(190);
    for (const q of ['type=bank', 'theme=nope', 'district=nope', 'pageSize=1000', 'page=0']) {
      const r = await anon.get(`/api/v1/organisations?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.headers.get('content-type')).toContain('application/problem+json');
    }
    const one = await anon.get(`/api/v1/organisations/${orgB.id}`);
    expect(((await one.json()) as { id: string }).id).toBe(orgB.id);
    const people = (await (await anon.get(`/api/v1/organisations/${orgB.id}/people`)).json()) as { name: string }[];
    expect(people.map((p) => p.name)).toEqual(['Bert Bakker']);
    expect((await anon.get('/api/v1/openapi.json')).status).toBe(200);
  });

  it('lets partner staff manage their own organisation on "Mijn organisatie"', async () => {
    const page = await partnerA.get('/mijn-organisatie');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(orgA.name);
    const saved = await partnerA.postForm('/mijn-organisatie', { description: 'Wij organiseren ontmoeting & koffie.', website: 'https://a.example', contactEmail: 'info@a.example', contactPhone: '', districts: ['oost', 'centrum'], themes: ['ontmoeten'] });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/mijn-organisatie?opgeslagen=1');
    expect(await getOrganisation(ctx, orgA.id)).toMatchObject({ description: 'Wij organiseren ontmoeting & koffie.', districts: ['centrum', 'oost'], contactPhone: null });

    const bad = await partnerA.postForm('/mijn-organisatie', { description: '<script>alert(1)</script>', website: 'javascript:alert(1)', districts: ['atlantis'] });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Beschrijving: mag geen HTML bevatten');
    expect(badHtml).toContain('Website: is geen geldig webadres');
    expect(badHtml).not.toContain('<script>alert(1)</script>');
    expect(badHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const added = await partnerA.postForm('/mijn-organisatie/mensen', { name: 'Anna "de" Vries', jobTitle: 'Welzijnscoach', generalistArea: 'Sociaal werk', specialisms: ['eenzaamheid', 'taal'], otherSpecialisms: 'laaggeletterdheid', districts: ['oost'], themes: ['ontmoeten'], 'driehoek.oost': 'opbouwwerker' }, '/mijn-organisatie/mensen/nieuw');
    expect(added.status).toBe(303);
    const anna = (await listPeople(ctx, { organisationId: orgA.id })).find((p) => p.name === 'Anna "de" Vries')!;
    expect(anna).toMatchObject({ name: 'Anna "de" Vries', specialisms: ['eenzaamheid', 'taal', 'laaggeletterdheid'], driehoek: [{ district: 'oost', role: 'opbouwwerker' }] });
    const edit = await partnerA.get(`/mijn-organisatie/mensen/${anna.id}`);
    expect(edit.status).toBe(200);
    expect(await edit.text()).toContain('value="Anna &quot;de&quot; Vries"');
    const missing = await partnerA.postForm(`/mijn-organisatie/mensen/${anna.id}`, { name: '', jobTitle: 'Welzijnscoach', generalistArea: 'Sociaal werk', otherSpecialisms: 'Niet Goed!' }, `/mijn-organisatie/mensen/${anna.id}`);
    expect(missing.status).toBe(400);
    const missingHtml = await missing.text();
    expect(missingHtml).toContain('Naam: is verplicht');
    expect(missingHtml).toContain('Specialismen: moet een kort woord zijn');
    const updated = await partnerA.postForm(`/mijn-organisatie/mensen/${anna.id}`, { name: 'Anna de Vries', jobTitle: 'Welzijnscoach', generalistArea: 'Sociaal werk', specialisms: ['eenzaamheid'], districts: ['oost'] }, `/mijn-organisatie/mensen/${anna.id}`);
    expect(updated.status).toBe(303);
    const removed = await partnerA.postForm(`/mijn-organisatie/mensen/${anna.id}/verwijderen`, {}, `/mijn-organisatie/mensen/${anna.id}`);
    expect(removed.status).toBe(303);
    expect((await listPeople(ctx, { organisationId: orgA.id })).map((p) => p.id)).not.toContain(anna.id);
    const annaEvents = (await findAuditEvents(as(ctx, adminActor), { subjectId: anna.id })).map((e) => e.action);
    expect(annaEvents.filter((a) => a !== 'network.person_read').sort()).toEqual(['network.person_create', 'network.person_delete', 'network.person_update']);
    expect(annaEvents).toContain('network.person_read'); // her edit page was read by a signed-in user
  });

  it('keeps partner staff of organisation A out of organisation B, on pages and in the API', async () => {
    // Pages: B's person is not found through A's pages; the administration pages are refused.
    expect((await partnerA.get(`/mijn-organisatie/mensen/${personB.id}`)).status).toBe(404);
    expect((await partnerA.postForm(`/mijn-organisatie/mensen/${personB.id}`, personForm(), '/mijn-organisatie')).status).toBe(404);
    expect((await partnerA.postForm(`/mijn-organisatie/mensen/${personB.id}/verwijderen`, {}, '/mijn-organisatie')).status).toBe(404);
    expect((await partnerA.get(`/beheer/organisaties/${orgB.id}`)).status).toBe(403);
    expect((await partnerA.postForm(`/beheer/organisaties/${orgB.id}`, { name: 'Overgenomen', type: 'subcontractor' }, '/mijn-organisatie')).status).toBe(403);
    expect((await partnerA.get(`/beheer/organisaties/${orgB.id}/mensen/${personB.id}`)).status).toBe(403);
    // API: changes to B are refused.
    expect((await partnerA.json(`/api/v1/organisations/${orgB.id}`, 'PUT', { name: orgB.name, type: orgB.type, description: 'Overgenomen' })).status).toBe(403);
    expect((await partnerA.json(`/api/v1/organisations/${orgB.id}/people`, 'POST', personFor())).status).toBe(403);
    expect((await partnerA.json(`/api/v1/organisations/${orgB.id}/people/${personB.id}`, 'PUT', personFor())).status).toBe(403);
    expect((await partnerA.request(`/api/v1/organisations/${orgB.id}/people/${personB.id}`, { method: 'DELETE', headers: { 'content-type': 'application/json' } })).status).toBe(403);
    expect((await partnerA.json(`/api/v1/organisations/${orgA.id}/people/${personB.id}`, 'PUT', personFor())).status).toBe(404);
    // Their own organisation through the API works; name and type stay the administrator's.
    const own = await partnerA.json(`/api/v1/organisations/${orgA.id}`, 'PUT', { name: orgA.name, type: orgA.type, description: 'Via de API' });
    expect(own.status).toBe(200);
    expect(((await own.json()) as { description: string }).description).toBe('Via de API');
    expect((await partnerA.json(`/api/v1/organisations/${orgA.id}`, 'PUT', { name: orgA.name, type: 'core-partner' })).status).toBe(403);
    const created = await partnerA.json(`/api/v1/organisations/${orgA.id}/people`, 'POST', personFor({ districts: ['oost'] }));
    expect(created.status).toBe(201);
    const bad = await partnerA.json(`/api/v1/organisations/${orgA.id}/people`, 'POST', { ...personFor(), jobTitle: '<img src=x onerror=alert(1)>', themes: ['nope'] });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['jobTitle', 'themes']); // shape and references at once
    // B is unchanged.
    expect((await getOrganisation(ctx, orgB.id)).description).toBe('');
    expect((await listPeople(ctx, { organisationId: orgB.id })).map((p) => p.name)).toEqual(['Bert Bakker']);
    // Anonymous visitors may not write at all.
    expect((await new TestClient(app).json(`/api/v1/organisations/${orgA.id}`, 'PUT', { name: orgA.name, type: orgA.type })).status).toBe(401);
  });

  it('lets administrators manage every organisation and its people', async () => {
    const admin = await clientAs(app, database, ['administrator']);
    // An organisation of its own, so the other tests' organisations stay as they expect them.
    const orgC = await buildOrganisation(ctx, 'subcontractor', { districts: ['zuid-west'], themes: ['ontmoeten'] });
    await createPerson(as(ctx, adminActor), orgC.id, personFor({ name: 'Cor Cornelis', districts: ['zuid-west'] }));
    expect((await admin.get(`/beheer/organisaties/${orgC.id}`)).status).toBe(200);
    const saved = await admin.postForm(`/beheer/organisaties/${orgC.id}`, { name: orgC.name, type: 'volunteer-organisation', description: 'Door de beheerder', districts: ['zuid-west'], themes: ['ontmoeten'] });
    expect(saved.status).toBe(303);
    expect(await getOrganisation(ctx, orgC.id)).toMatchObject({ type: 'volunteer-organisation', description: 'Door de beheerder' });
    const added = await admin.postForm(`/beheer/organisaties/${orgC.id}/mensen`, personForm({ name: 'Carla Contact', districts: ['zuid-west'] }), `/beheer/organisaties/${orgC.id}/mensen/nieuw`);
    expect(added.status).toBe(303);
    expect((await listPeople(ctx, { organisationId: orgC.id })).map((p) => p.name)).toEqual(['Carla Contact', 'Cor Cornelis']);
    // A partner without an organisation is told so.
    const loose = await clientAs(app, database, ['partner_staff']);
    const res = await loose.get('/mijn-organisatie');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Uw account hoort niet bij een organisatie');
    // A resident may not use "Mijn organisatie".
    expect((await (await clientAs(app, database, ['resident'])).get('/mijn-organisatie')).status).toBe(403);
  });

  it('audits reads of people by signed-in users (one row per page), not anonymous reads of the public pages', async () => {
    const reads = async () => (await findAuditEvents(as(ctx, adminActor), { action: 'network.people_read' })).length;
    const before = await reads();
    await new TestClient(app).get(`/organisaties/${orgB.id}`);
    await new TestClient(app).get(`/api/v1/organisations/${orgB.id}/people`);
    expect(await reads()).toBe(before);
    expect((await partnerA.get('/mijn-organisatie')).status).toBe(200);
    const rows = await findAuditEvents(as(ctx, adminActor), { action: 'network.people_read' });
    expect(rows.length).toBe(before + 1);
    expect(rows[0]).toMatchObject({ actorLabel: 'petra@a.example', subjectType: 'organisation_person', details: { organisationId: orgA.id } });
    await partnerA.get(`/api/v1/organisations/${orgB.id}/people`);
    expect(await reads()).toBe(before + 2);
  });
});

const personForm = (o: Record<string, string | string[]> = {}) => ({ name: 'Iemand', jobTitle: 'Sociaal werker', generalistArea: 'Sociaal werk', specialisms: ['werk'], districts: ['noord'], ...o });
