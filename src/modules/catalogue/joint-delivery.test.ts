// Joint delivery: an activity names other organisations that deliver it with its own organisation.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { testApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import { adminActor } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { createActivity, updateActivity, getActivity, publishActivity, deliversActivity } from './service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from './test-factory.ts';

describe.each(dbKinds)('catalogue: joint delivery (%s)', (kind) => {
  let database: TestDatabase;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let orgC: { id: string; name: string };
  let partnerA: ServiceContext;
  let partnerB: ServiceContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    const ctx = ctxFor(database);
    orgA = await buildOrganisation(ctx, 'core-partner', 'Hoofduitvoerder');
    orgB = await buildOrganisation(ctx, 'resident-initiative', 'Meedoener Bewonersgroep');
    orgC = await buildOrganisation(ctx, 'volunteer-organisation', 'Derde Vrijwilligers');
    partnerA = ctxFor(database, partnerActor(orgA.id, 'Anna'));
    partnerB = ctxFor(database, partnerActor(orgB.id, 'Bob'));
  });
  afterAll(async () => database?.drop());

  it('stores partner organisations, names them, and only the main organisation manages the activity', async () => {
    const a = await createActivity(partnerA, activityInputFor({ title: 'Samen koken', partnerOrganisationIds: [orgB.id, orgC.id] }));
    expect(a.partnerOrganisationIds).toEqual([orgB.id, orgC.id]);
    expect(a.partnerOrganisations.map((o) => o.name)).toEqual(['Meedoener Bewonersgroep', 'Derde Vrijwilligers']);
    expect(deliversActivity(a, orgA.id)).toBe(true);
    expect(deliversActivity(a, orgB.id)).toBe(true);
    expect(deliversActivity({ ...a, partnerOrganisationIds: [orgC.id] }, orgB.id)).toBe(false);
    // A partner does not edit the activity (it does not even see the draft).
    expect((await appErrorOf(updateActivity(partnerB, a.id, activityInputFor({ title: 'Overgenomen' })))).code).toBe('not_found');
    const changed = await updateActivity(partnerA, a.id, activityInputFor({ title: 'Samen koken', partnerOrganisationIds: [orgC.id] }));
    expect(changed.partnerOrganisationIds).toEqual([orgC.id]);
    await publishActivity(partnerA, a.id);
    expect((await getActivity(ctxFor(database), a.id)).partnerOrganisations).toEqual([{ id: orgC.id, name: 'Derde Vrijwilligers' }]);
  });

  it('refuses unknown, own and duplicate partners in one pass with the other errors', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const err = await appErrorOf(createActivity(partnerA, activityInputFor({ title: '', themes: ['bestaat-niet'], partnerOrganisationIds: [unknown, orgA.id, orgB.id, orgB.id] })));
    expect(err.code).toBe('validation');
    const byField = Object.fromEntries(err.fields.map((f) => [f.field, f]));
    expect(byField['partnerOrganisationIds.0']).toMatchObject({ code: 'unknown_reference' });
    expect(byField['partnerOrganisationIds.1']).toMatchObject({ code: 'not_allowed' });
    expect(byField['partnerOrganisationIds.2']).toBeUndefined();
    expect(byField['partnerOrganisationIds.3']).toMatchObject({ code: 'duplicate' });
    expect(byField['themes.0']).toMatchObject({ code: 'unknown_reference' });
    expect(byField.title).toBeDefined();
  });

  it('the edit form offers the other organisations; the public page and the API name all of them', async () => {
    const app = testApp(database);
    const email = `anna-${Math.random().toString(36).slice(2, 8)}@test.nl`;
    await createUser(ctxFor(database, adminActor), { email, name: 'Anna', roles: ['partner_staff'], password: TEST_PASSWORD, organisationId: orgA.id });
    const client = new TestClient(app);
    expect((await client.login(email, TEST_PASSWORD)).status).toBe(303);
    const form = await (await client.get('/activiteiten/nieuw')).text();
    expect(form).toContain('Samen met (andere organisaties die deze activiteit mede uitvoeren)');
    expect(form).toContain(`value="${orgB.id}"`);
    expect(form).not.toContain(`name="partnerOrganisationIds" value="${orgA.id}"`);
    const a = await createActivity(partnerA, activityInputFor({ title: 'Buurtmaaltijd samen', partnerOrganisationIds: [orgB.id] }));
    await publishActivity(partnerA, a.id);
    const page = await (await new TestClient(app).get(`/activiteiten/${a.id}`)).text();
    expect(page).toContain('Hoofduitvoerder, Meedoener Bewonersgroep');
    const results = await (await new TestClient(app).get('/activiteiten?q=Buurtmaaltijd')).text();
    expect(results).toContain('Hoofduitvoerder, Meedoener Bewonersgroep');
    const json = (await (await new TestClient(app).get(`/api/v1/activities/${a.id}`)).json()) as { partnerOrganisationIds: string[] };
    expect(json.partnerOrganisationIds).toEqual([orgB.id]);
    const bad = await client.json('/api/v1/activities', 'POST', { ...activityInputFor(), partnerOrganisationIds: [orgA.id] });
    expect(bad.status).toBe(400);
  });
});
