// The contracts pages and API over HTTP (in-process, both databases): forms answer bad input with field messages
// (never a 500), the API gives a round with the reduction per kind of provider, and each role reaches what it may.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { createOrganisation, findOrganisationIdsByName } from '../network/service.ts';
import { and, eq } from 'drizzle-orm';
import { auditEvents } from '../../platform/audit/schema.ts';
import { listContracts, getContract, getRound } from './contracts.ts';

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

  it('changes a contract through its edit page: bad dates come back beside the field, the contractor is fixed once subcontractors exist', async () => {
    const edit = `/opdrachten/${contractId}/wijzigen`;
    const page = await advisor.get(edit);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('value="Gewoon in de Wijk"');
    // A subcontractor is recorded (previous test): the contractor is shown, not offered for change.
    expect(html).not.toContain('name="contractorOrganisationId"');
    const bad = await advisor.postForm(edit, { name: 'Gewoon in de Wijk', startsOn: '2023-01-01', endsOn: '2022-12-31', signedOn: '2022-06-17' }, edit);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Eindigt op: ligt vóór het begin');
    const ok = await advisor.postForm(edit, { name: 'Gewoon in de Wijk (herzien)', startsOn: '2023-01-01', endsOn: '2026-12-31', signedOn: '2022-06-17', source: 'Brief', note: 'Looptijd aangevuld.' }, edit);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/opdrachten/${contractId}?klaar=opgeslagen`);
    const shown = await (await advisor.get(ok.headers.get('location')!)).text();
    expect(shown).toContain('Gewoon in de Wijk (herzien)');
    expect(shown).toContain('31 december 2026');
    const [audit] = await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contracts.contract.updated'), eq(auditEvents.subjectId, contractId)));
    expect(audit.details).toMatchObject({ changes: { name: { before: 'Gewoon in de Wijk', after: 'Gewoon in de Wijk (herzien)' }, endsOn: { before: null, after: '2026-12-31' } } });
    // The contractor's own staff read the contract but do not change it.
    expect((await contractor.get(edit)).status).toBe(403);
    expect((await contractor.postForm(edit, { name: 'Anders' }, `/opdrachten/${contractId}`)).status).toBe(403);
  });

  it('the API changes a contract (PATCH, only the fields sent) and refuses bad input, a fixed contractor and other roles', async () => {
    const path = `/api/v1/contracts/${contractId}`;
    const res = await advisor.json(path, 'PATCH', { note: 'Via de API.' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Gewoon in de Wijk (herzien)', note: 'Via de API.', endsOn: '2026-12-31' });
    const cleared = await advisor.json(path, 'PATCH', { endsOn: null });
    expect(await cleared.json()).toMatchObject({ endsOn: null });
    const bad = await advisor.json(path, 'PATCH', { endsOn: '2020-01-01' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).invalidParams).toEqual([expect.objectContaining({ name: 'endsOn', reason: 'ligt vóór het begin' })]);
    const fixed = await advisor.json(path, 'PATCH', { contractorOrganisationId: orgId });
    expect(fixed.status).toBe(400);
    expect((await fixed.json()).invalidParams).toEqual([expect.objectContaining({ name: 'contractorOrganisationId', reason: expect.stringContaining('er zijn al onderaannemers vastgelegd') })]);
    expect((await advisor.json(path, 'PATCH', { colour: 'blauw' })).status).toBe(400);
    expect((await contractor.json(path, 'PATCH', { note: 'x' })).status).toBe(403);
    expect((await advisor.json(`/api/v1/contracts/${crypto.randomUUID()}`, 'PATCH', { note: 'x' })).status).toBe(404);
    expect((await getContract(ctxFor(db, adminActor), contractId)).contract.note).toBe('Via de API.');
  });

  it('a contract without subcontractors may change its contractor', async () => {
    const other = (await createOrganisation(ctxFor(db, adminActor), { name: 'Coöperatie Nieuw', type: 'cooperative' })).id;
    const created = await advisor.postForm('/opdrachten', { name: 'Proefopdracht', contractorOrganisationId: orgId, startsOn: '2024-01-01' }, '/opdrachten');
    expect(created.status).toBe(303);
    const id = created.headers.get('location')!.split('/').pop()!;
    const res = await advisor.json(`/api/v1/contracts/${id}`, 'PATCH', { contractorOrganisationId: other });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ contractorName: 'Coöperatie Nieuw' });
  });

  it('changes a round\'s timeline (form and API); the warnings follow the new timeline', async () => {
    const edit = `/opdrachten/rondes/${roundId}/wijzigen`;
    expect((await advisor.get(edit)).status).toBe(200);
    const bad = await advisor.postForm(edit, { proposalFrom: '2022-09-11', proposalTo: '2022-09-01', conversationsFrom: '2022-09-16', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01', decisionTo: '2022-10-10' }, edit);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Voorgenomen besluiten tot en met: ligt vóór het begin van dezelfde stap');
    // The final decision of 20 October was outside the window; with the window to 31 October it is not.
    expect((await getRound(ctxFor(db, adminActor), roundId)).subcontractors[0].warnings).toEqual(['decisionOutside']);
    const ok = await advisor.postForm(edit, { proposalFrom: '2022-09-11', proposalTo: '2022-09-20', conversationsFrom: '2022-09-16', conversationsTo: '2022-09-30', decisionFrom: '2022-10-01', decisionTo: '2022-10-31', note: 'Besluiten tot eind oktober.' }, edit);
    expect(ok.status).toBe(303);
    expect((await getRound(ctxFor(db, adminActor), roundId)).subcontractors[0].warnings).toEqual([]);
    const api = await advisor.json(`/api/v1/contract-rounds/${roundId}`, 'PATCH', { decisionFrom: '2022-09-01' });
    expect(api.status).toBe(400);
    expect((await api.json()).invalidParams).toEqual([expect.objectContaining({ name: 'decisionFrom' })]);
    const moved = await advisor.json(`/api/v1/contract-rounds/${roundId}`, 'PATCH', { note: 'Via de API.' });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ year: 2023, decisionTo: '2022-10-31', note: 'Via de API.' });
    expect((await contractor.json(`/api/v1/contract-rounds/${roundId}`, 'PATCH', { note: 'x' })).status).toBe(403);
    const audits = await db.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'contracts.round.updated'), eq(auditEvents.subjectId, roundId))).orderBy(auditEvents.id);
    expect(audits.map((a) => Object.keys((a.details as { changes: object }).changes).sort())).toEqual([['decisionTo', 'note'], ['note']]);
  });
});
