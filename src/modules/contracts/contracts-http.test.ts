// The contracts pages and API over HTTP (in-process, both databases): forms answer bad input with field messages
// (never a 500), the API gives a round with the reduction per kind of provider, and each role reaches what it may.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { createOrganisation, findOrganisationIdsByName } from '../network/service.ts';
import { listContracts, getContract } from './contracts.ts';

async function clientFor(app: App, db: TestDatabase, roles: Role[], organisationId: string | null): Promise<TestClient> {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  await createUser(ctxFor(db, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  if ((await client.login(email, TEST_PASSWORD)).status !== 303) throw new Error('login failed');
  return client;
}

describe.each(dbKinds)('contracts over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let contractor: TestClient;
  let advisor: TestClient;
  let outsider: TestClient;
  let roundId: string;
  let contractId: string;
  let orgId: string;

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const vanHier = (await findOrganisationIdsByName(ctxFor(db), ['VanHier'])).get('vanhier')!;
    orgId = (await createOrganisation(ctxFor(db, adminActor), { name: 'Dagopvang HTTP', type: 'subcontractor' })).id;
    contractor = await clientFor(app, db, ['contract_manager'], vanHier);
    advisor = await clientFor(app, db, ['policy_advisor'], null);
    outsider = await clientFor(app, db, ['partner_staff'], orgId);
    const ctx = ctxFor(db, adminActor);
    contractId = (await listContracts(ctx))[0].id;
    roundId = (await getContract(ctx, contractId)).rounds[0].id;
  });
  afterAll(async () => db?.drop());

  it('adds a subcontractor and records a decision through the forms; bad input comes back as field messages', async () => {
    const bad = await contractor.postForm(`/opdrachten/rondes/${roundId}/onderaannemers`, { organisationId: orgId, providerKind: '' }, `/opdrachten/rondes/${roundId}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Soort aanbieder: is verplicht');
    const ok = await contractor.postForm(`/opdrachten/rondes/${roundId}/onderaannemers`, { organisationId: orgId, providerKind: 'Dagopvang' }, `/opdrachten/rondes/${roundId}`);
    expect(ok.status).toBe(303);
    const sub = ok.headers.get('location')!;
    const badDate = await contractor.postForm(sub, { providerKind: 'Dagopvang', proposedDecision: 'stop', proposedOn: '2022-13-45' }, sub);
    expect(badDate.status).toBe(400);
    expect(await badDate.text()).toContain('Datum voorgenomen besluit: is geen geldige datum');
    expect((await contractor.postForm(sub, { providerKind: 'Dagopvang', proposedDecision: 'stop', proposedOn: '2022-09-15', conversationOn: '2022-09-20', finalDecision: 'stop', finalOn: '2022-10-20' }, sub)).status).toBe(303);
    const page = await (await advisor.get(sub)).text();
    expect(page).toContain('Definitief besluit buiten de tijdlijn.');
    // The advisor reads but does not record the contractor's decisions.
    expect((await advisor.postForm(sub, { providerKind: 'Dagopvang' }, sub)).status).toBe(403);
    const transfer = await contractor.postForm(`${sub}/overdracht`, { sameWorker: 'veel', newWorker: '0', completed: '0' }, sub);
    expect(transfer.status).toBe(400);
  });

  it('the API gives the round with the reduction per kind of provider; outsiders get 404, anonymous 401', async () => {
    const res = await advisor.get(`/api/v1/contract-rounds/${roundId}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.round).toMatchObject({ year: 2023, proposalFrom: '2022-09-11' });
    expect(body.byKind).toEqual([expect.objectContaining({ providerKind: 'Dagopvang', total: 1, stop: 1, reduction: 1 })]);
    expect(body.subcontractors[0]).toMatchObject({ organisationName: 'Dagopvang HTTP', decision: 'stop', residentsAffected: 0, warnings: ['decisionOutside'] });
    expect((await advisor.get('/api/v1/contracts')).status).toBe(200);
    expect((await outsider.get(`/api/v1/contract-rounds/${roundId}`)).status).toBe(404);
    expect((await outsider.get(`/opdrachten/${contractId}`)).status).toBe(404);
    expect((await new TestClient(app).get(`/api/v1/contract-rounds/${roundId}`)).status).toBe(401);
    expect((await advisor.get('/api/v1/contract-rounds/not-an-id')).status).toBe(400);
  });
});
