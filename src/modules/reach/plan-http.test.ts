// HTTP tests of the accountability plan on both databases: the landing, the plan page and its forms (without
// JavaScript), the history, and the JSON API under /api/v1/plans with the same access rules.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { testApp, TestClient, TEST_PASSWORD, clientAs } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createOrganisation } from '../network/service.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor, adminOf, partnerActor } from '../catalogue/test-factory.ts';

const PLAN = '/verantwoording/plannen/ontmoeten/2022';

describe.each(dbKinds)('accountability plan over HTTP (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let orgA: { id: string };
  let orgB: { id: string };
  let orgOut: { id: string };
  let staffA: TestClient;
  let staffB: TestClient;
  let outsider: TestClient;
  let activityId: string;

  async function member(organisationId: string, roles: Role[] = ['partner_staff']) {
    const email = `p-${Math.random().toString(36).slice(2, 8)}@test.nl`;
    await createUser(ctxFor(database, adminActor), { email, name: `Medewerker ${email.slice(2, 6)}`, roles, password: TEST_PASSWORD, organisationId });
    const client = new TestClient(app);
    expect((await client.login(email, TEST_PASSWORD)).status).toBe(303);
    return client;
  }

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    app = testApp(database);
    const admin = adminOf(ctxFor(database));
    orgA = await createOrganisation(admin, { name: 'Wijkcentrum Alfa', type: 'core-partner', themes: ['ontmoeten'] });
    orgB = await createOrganisation(admin, { name: 'Bewonersgroep Beta', type: 'resident-initiative' });
    orgOut = await createOrganisation(admin, { name: 'Buitenstaander Gamma', type: 'core-partner', themes: ['waardevol-werk'] });
    const who = ctxFor(database, partnerActor(orgA.id));
    activityId = (await publishActivity(who, (await createActivity(who, activityInputFor({ title: 'Koffie op het plein', partnerOrganisationIds: [orgB.id] }))).id)).id;
    staffA = await member(orgA.id);
    staffB = await member(orgB.id);
    outsider = await member(orgOut.id);
  });
  afterAll(async () => database?.drop());

  it('the landing explains levels 1 and 2 and links the other pages; a resident may not see it', async () => {
    const html = await (await staffA.get('/verantwoording')).text();
    expect(html).toContain('Niet alle activiteiten moeten en kunnen worden verantwoord');
    for (const href of ['/verantwoording/bijeenkomsten', '/verantwoording/import', '/verantwoording/uitvoering', '/verantwoording/bereik']) expect(html).toContain(`href="${href}"`);
    expect((await (await clientAs(app, database, ['resident'])).get('/verantwoording')).status).toBe(403);
  });

  it('a partner creates a plan, adds a choice and its own entry with reach rows through the forms', async () => {
    const bad = await staffA.postForm('/verantwoording/plannen', { theme: 'ontmoeten', year: '2031', reason: '' }, '/verantwoording');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('subsidieperiode');
    expect(badHtml).toContain('Waarom deze wijziging');
    const created = await staffA.postForm('/verantwoording/plannen', { theme: 'ontmoeten', year: '2022', reason: 'Afspraak thematafel' }, '/verantwoording');
    expect(created.status).toBe(303);
    expect(created.headers.get('location')).toBe(`${PLAN}?opgeslagen=1`);
    const page = await (await staffA.get(PLAN)).text();
    expect(page).toContain('Alleen de activiteiten in dit plan hoeven te worden verantwoord');
    expect(page).toContain('hoogstens 5 keuzes');

    const choice = await staffA.postForm(`${PLAN}/keuzes/nieuw`, { subGoal: 'ontmoeten/1', activityId, activityKind: '', indicators: 'Unieke deelnemers', method: 'Presentielijst', reason: 'Cruciaal voor subdoel 1' }, `${PLAN}/keuzes/nieuw?subdoel=ontmoeten/1`);
    expect(choice.status).toBe(303);
    // "More rows" shows the form again with more rows, saving nothing.
    const more = await staffA.postForm(`${PLAN}/regels/nieuw?activiteit=${activityId}`, { activityId, rijen: '3', meer: '1', plannedSessions: '12' }, `${PLAN}/regels/nieuw?activiteit=${activityId}`);
    expect(more.status).toBe(200);
    const moreHtml = await more.text();
    expect(moreHtml).toContain('name="targets.5.plannedResidents"');
    expect(moreHtml).toContain('value="12"');
    const wrong = await staffA.postForm(`${PLAN}/regels/nieuw?activiteit=${activityId}`, { activityId, rijen: '3', plannedSessions: '40', plannedHours: '60', 'targets.1.targetGroup': 'ouderen', 'targets.1.district': 'noord', 'targets.1.plannedResidents': 'veel', reason: 'Eerste plan' }, `${PLAN}/regels/nieuw?activiteit=${activityId}`);
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('href="#veld-targets-1-plannedResidents"');
    const saved = await staffA.postForm(
      `${PLAN}/regels/nieuw?activiteit=${activityId}`,
      { activityId, rijen: '3', plannedSessions: '40', plannedHours: '60', subGoals: ['ontmoeten/1'], 'targets.0.targetGroup': 'ouderen', 'targets.0.district': 'noord', 'targets.0.plannedResidents': '25', reason: 'Eerste plan' },
      `${PLAN}/regels/nieuw?activiteit=${activityId}`,
    );
    expect(saved.status).toBe(303);
    const after = await (await staffB.get(PLAN)).text();
    expect(after).toContain('Wijkcentrum Alfa');
    expect(after).toContain('Ouderen · Noord: 25 inwoners');
    expect(after).toContain('Plan van uw organisatie invullen');
    const history = await (await staffB.get(`${PLAN}/geschiedenis`)).text();
    expect(history).toContain('Eerste plan');
    expect(history).toContain('Plan van Wijkcentrum Alfa voor Koffie op het plein toegevoegd');
    expect(history).toContain('Versie 3');
  });

  it('answers not found to outsiders, on pages and in the API', async () => {
    expect((await outsider.get(PLAN)).status).toBe(404);
    expect((await outsider.get(`${PLAN}/geschiedenis`)).status).toBe(404);
    expect((await outsider.get('/api/v1/plans/ontmoeten/2022')).status).toBe(404);
    expect(((await (await outsider.get('/api/v1/plans')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await new TestClient(app).get('/api/v1/plans')).status).toBe(401);
  });

  it('documents the plan API in the OpenAPI document', async () => {
    const doc = (await (await new TestClient(app).get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> } };
    expect(Object.keys(doc.paths['/api/v1/plans/{slug}/{year}/entries/{id}'] ?? doc.paths['/plans/{slug}/{year}/entries/{id}'] ?? {}).sort()).toEqual(['delete', 'put']);
    expect(doc.components.schemas).toHaveProperty('PlanEntryInput');
  });

  it('the API: read, add an entry for a partner organisation (joint delivery), field errors in one pass, remove with a reason', async () => {
    const plan = (await (await staffB.get('/api/v1/plans/ontmoeten/2022')).json()) as { version: number; entries: { id: string; organisationId: string }[]; maxChoicesPerSubGoal: number };
    expect(plan.maxChoicesPerSubGoal).toBe(5);
    const bad = await staffB.json('/api/v1/plans/ontmoeten/2022/entries', 'POST', { activityId, plannedSessions: 'x', plannedHours: 4, subGoals: ['waardevol-werk/2'], targets: [{ targetGroup: 'nope', district: '', plannedResidents: 1 }], reason: 'x' });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string; code?: string }[] };
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['plannedSessions', 'subGoals.0', 'targets.0.targetGroup']);
    const ok = await staffB.json('/api/v1/plans/ontmoeten/2022/entries', 'POST', { activityId, plannedSessions: 10, plannedHours: 20, subGoals: [], targets: [], reason: 'Wij doen mee' });
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { version: number; entries: { id: string; organisationId: string }[] };
    expect(body.version).toBe(plan.version + 1);
    const ofB = body.entries.find((e) => e.organisationId === orgB.id)!;
    const ofA = body.entries.find((e) => e.organisationId === orgA.id)!;
    expect((await staffB.json(`/api/v1/plans/ontmoeten/2022/entries/${ofA.id}`, 'DELETE', { reason: 'weg' })).status).toBe(403);
    expect((await staffB.json(`/api/v1/plans/ontmoeten/2022/entries/${ofB.id}`, 'DELETE', {})).status).toBe(400);
    expect((await staffB.json(`/api/v1/plans/ontmoeten/2022/entries/${ofB.id}`, 'PUT', { plannedSessions: 12, plannedHours: 20, reason: 'Meer bijeenkomsten' })).status).toBe(200);
    expect((await staffB.json(`/api/v1/plans/ontmoeten/2022/entries/${ofB.id}`, 'DELETE', { reason: 'Toch niet' })).status).toBe(200);
    const revisions = (await (await staffA.get('/api/v1/plans/ontmoeten/2022/revisions')).json()) as { items: { reason: string }[] };
    expect(revisions.items.slice(0, 3).map((r) => r.reason)).toEqual(['Toch niet', 'Meer bijeenkomsten', 'Wij doen mee']);
  });
});
