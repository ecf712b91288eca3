// The subsidies pages and API over HTTP (in-process, both databases): every page answers its roles, forms give
// field messages (400) in words, submission after the deadline is refused on the check page, the letter is a PDF,
// an objection lands in the effects register with the decision's reference, and the API gives calls, an application
// and grants with the amounts after every decision.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { TestClient, TEST_PASSWORD, testApp } from '../../../test/client.ts';
import { createApp, type App } from '../../platform/http/app.tsx';
import { loadConfig } from '../../config.ts';
import { modules } from '../index.ts';
import { createUser } from '../../platform/auth/service.ts';
import { adminActor, ctxFor } from '../../../test/db.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { startApplication, getApplication, updateSection, saveBudget, submitApplication } from './application-service.ts';
import { assignAssessor, agreeAssessment } from './assessment-service.ts';
import { createGrant, adjustGrant } from './grant-service.ts';
import { ctxAt, makeWorld, type World } from './test-helpers.ts';

async function clientFor(app: App, db: TestDatabase, roles: Role[], organisationId: string | null): Promise<{ client: TestClient; userId: string }> {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  const u = await createUser(ctxFor(db, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  if ((await client.login(email, TEST_PASSWORD)).status !== 303) throw new Error('login failed');
  return { client, userId: u.id };
}

describe.each(dbKinds)('subsidies over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let w: World;
  let appId: string;
  let grantId: string;
  let advisor: TestClient;
  let staff: TestClient;
  let auditor: TestClient;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    const config = loadConfig({ TENANT: db.tenant, PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'test', ZGW_RSIN: '123456782', ZGW_ZAAKTYPE: 'https://catalogi.example.nl/api/v1/zaaktypen/1', ZGW_BESLUITTYPE: 'https://catalogi.example.nl/api/v1/besluittypen/1' } as NodeJS.ProcessEnv);
    app = createApp({ database: db, config }, modules);
    w = await makeWorld(db);
    appId = (await startApplication(ctxAt(db, w.staff[0]), w.tableId)).id;
    const a = await getApplication(ctxAt(db, w.advisor), appId);
    for (const [i, s] of a.sections.entries()) await updateSection(ctxAt(db, w.staff[i % 3], '2019-08-01'), appId, s.id, { body: `Tekst ${s.key}`, status: 'done', organisationId: w.orgs[i % 3].id });
    for (const [i, o] of w.orgs.entries()) await saveBudget(ctxAt(db, w.staff[i]), appId, { organisationId: o.id, lines: [2020, 2021, 2022, 2023].map((year) => ({ year, wage: 5_000_000, other: 1_000_000 })) });
    advisor = (await clientFor(app, db, ['policy_advisor'], null)).client;
    staff = (await clientFor(app, db, ['partner_staff'], w.orgs[1].id)).client;
    auditor = (await clientFor(app, db, ['auditor'], null)).client;
  });
  afterAll(async () => db?.drop());

  it('pages answer for the table, the municipality and the auditor; outsiders get not found', async () => {
    for (const path of ['/subsidies', `/subsidies/uitvragen/${w.call.id}`, `/subsidies/tafels/${w.tableId}`, `/subsidies/aanvragen/${appId}`, `/subsidies/aanvragen/${appId}/geschiedenis`, `/subsidies/uitvragen/${w.call.id}/portefeuille`]) {
      for (const c of [advisor, staff, auditor]) expect((await c.get(path)).status, path).toBe(200);
    }
    for (const path of [`/subsidies/aanvragen/${appId}/begroting`, `/subsidies/aanvragen/${appId}/controleren`]) expect((await staff.get(path)).status, path).toBe(200);
    expect((await advisor.get('/subsidies/uitvragen/nieuw')).status).toBe(200);
    expect((await staff.get('/subsidies/uitvragen/nieuw')).status).toBe(403);
    const outsider = (await clientFor(app, db, ['partner_staff'], null)).client;
    expect((await outsider.get(`/subsidies/aanvragen/${appId}`)).status).toBe(404);
    // The history: one entry per save — each section saved once (text, status and lead together), three budgets.
    const history = await (await staff.get(`/subsidies/aanvragen/${appId}/geschiedenis`)).text();
    expect(history.match(/<section class="sb-card"/g)?.length).toBe(12 + 3);
    expect(history).toContain('Versie 1 · onderdeel bijgewerkt');
    expect(history).toContain('Status: Nog te doen → Klaar');
    expect(history).toContain(`Trekker (organisatie): Nog niemand → ${w.orgs[0].name}`);
    expect(history).toContain('<ins>Tekst criterium-1</ins>');
    const page = await (await staff.get(`/subsidies/aanvragen/${appId}`)).text();
    expect(page).toContain('Geplande activiteiten en bereik');
    expect(page).toContain('€\u00a0720.000,00');
  });

  it('forms: a budget over the ceiling and negative amounts come back as messages in words; the check page refuses after the deadline', async () => {
    const path = `/subsidies/aanvragen/${appId}/begroting`;
    const over = await staff.postForm(path, { organisationId: w.orgs[1].id, 'lines.0.year': '2020', 'lines.0.wage': '900.000', 'lines.0.other': '-5' }, path);
    expect(over.status).toBe(400);
    const html = await over.text();
    expect(html).toContain('Overige kosten 2020 (euro): mag niet negatief zijn');
    const ceiling = await staff.postForm(path, { organisationId: w.orgs[1].id, 'lines.0.year': '2020', 'lines.0.wage': '900.000', 'lines.0.other': '0' }, path);
    expect(ceiling.status).toBe(400);
    expect(await ceiling.text()).toContain('is hoger dan het budgetplafond van het thema (€\u00a01.000.000,00)');
    // In English the amounts are written the English way.
    staff.cookies.set('sb_lang', 'en');
    try {
      const english = await staff.postForm(path, { organisationId: w.orgs[1].id, 'lines.0.year': '2020', 'lines.0.wage': '900.000', 'lines.0.other': '0' }, path);
      expect(await english.text()).toContain('is above the theme’s budget ceiling (€1,000,000.00)');
    } finally {
      staff.cookies.delete('sb_lang');
    }
    const late = await staff.postForm(`/subsidies/aanvragen/${appId}/indienen`, {}, `/subsidies/aanvragen/${appId}/controleren`);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain('De uiterste datum voor aanvragen (2019-10-01) is voorbij.');
  });

  it('assessment, grant, review; letter as PDF; objection to the effects register; API and Common Ground export', async () => {
    await submitApplication(ctxAt(db, w.staff[0], '2019-09-30'), appId);
    // a policy advisor assessor, and the staff member of a member organisation who is refused
    const { client: assessor, userId } = await clientFor(app, db, ['policy_advisor'], null);
    await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId });
    const member = await clientFor(app, db, ['partner_staff'], w.orgs[2].id);
    await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId: member.userId });
    const form: Record<string, string> = { handIn: '1' };
    w.call.criteria.forEach((_, i) => (form[`score.${i}`] = '4'));
    const refused = await member.client.postForm(`/subsidies/aanvragen/${appId}/beoordelen`, form, `/subsidies/aanvragen/${appId}/beoordelen`);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('belangenverstrengeling');
    expect((await assessor.postForm(`/subsidies/aanvragen/${appId}/beoordelen`, form, `/subsidies/aanvragen/${appId}/beoordelen`)).status).toBe(303);
    const scores = w.call.criteria.map((q) => ({ criterionKey: q.key, score: 4, comment: '' }));
    await agreeAssessment(ctxAt(db, w.advisor), appId, { scores, conclusion: 'Goed.' });
    grantId = (await createGrant(ctxAt(db, w.advisor, '2019-12-01'), { callId: w.call.id, organisationId: w.orgs[1].id, applicationId: appId, decidedOn: '2019-12-01', years: [2020, 2021, 2022, 2023].map((year) => ({ year, wage: 5_000_000, other: 1_000_000 })) })).id;
    // The application links the member to its grant instead of offering a second; the others are still offered one.
    const overview = await (await advisor.get(`/subsidies/aanvragen/${appId}`)).text();
    expect(overview).toContain(`href="/subsidies/beschikkingen/${grantId}"`);
    expect(overview).toContain(`${w.orgs[1].name}: beschikking SB-2020-2023-0001`);
    expect(overview).not.toContain(`organisatie=${w.orgs[1].id}`);
    expect(overview).toContain(`organisatie=${w.orgs[0].id}`);
    // The grantee's staff see their grant linked, and no offer to grant.
    const own = await (await staff.get(`/subsidies/aanvragen/${appId}`)).text();
    expect(own).toContain(`/subsidies/beschikkingen/${grantId}`);
    expect(own).not.toContain('/subsidies/beschikkingen/nieuw');
    const newForm = await (await advisor.get(`/subsidies/beschikkingen/nieuw?aanvraag=${appId}&organisatie=${w.orgs[1].id}`)).text();
    expect(newForm).toContain(`${w.orgs[1].name} heeft al een beschikking uit deze aanvraag:`);
    expect(newForm).not.toContain('Beschikking vastleggen');
    // A second grant for the same organisation from the same application is refused: 409 with the reference.
    const years4 = { 'years.0.year': '2020', 'years.0.wage': '1', 'years.0.other': '0', 'years.1.year': '2021', 'years.1.wage': '1', 'years.1.other': '0', 'years.2.year': '2022', 'years.2.wage': '1', 'years.2.other': '0', 'years.3.year': '2023', 'years.3.wage': '1', 'years.3.other': '0' };
    const dup = await advisor.postForm('/subsidies/beschikkingen/nieuw', { callId: w.call.id, applicationId: appId, organisationId: w.orgs[1].id, decidedOn: '2019-12-02', advances: 'quarterly', ...years4 }, `/subsidies/beschikkingen/nieuw?aanvraag=${appId}&organisatie=${w.orgs[0].id}`);
    expect(dup.status).toBe(409);
    expect(await dup.text()).toContain('Organisatie: deze organisatie heeft al een beschikking uit deze aanvraag (SB-2020-2023-0001)');
    await expect(createGrant(ctxAt(db, w.advisor, '2019-12-02'), { callId: w.call.id, organisationId: w.orgs[1].id, applicationId: appId, decidedOn: '2019-12-02', years: [2020, 2021, 2022, 2023].map((year) => ({ year, wage: 1, other: 0 })) })).rejects.toMatchObject({ code: 'conflict', messageKey: 'subsidies.error.grantExists' });
    await adjustGrant(ctxAt(db, w.advisor), grantId, { year: 2021, wage: 100_000, other: 0, reason: 'Meer uren.', decidedOn: '2020-11-01' });
    const idx = await advisor.postForm(`/subsidies/beschikkingen/${grantId}/indexering`, { 'indexering.year': '2021', 'indexering.percentage': '2,5', 'indexering.decidedOn': '2020-12-01' }, `/subsidies/beschikkingen/${grantId}`);
    expect(idx.status).toBe(303);
    const badIdx = await advisor.postForm(`/subsidies/beschikkingen/${grantId}/indexering`, { 'indexering.year': '2021', 'indexering.percentage': 'veel', 'indexering.decidedOn': '2020-12-01' }, `/subsidies/beschikkingen/${grantId}`);
    expect(badIdx.status).toBe(400);
    expect(await badIdx.text()).toContain('Percentage: geef een percentage');
    // the grantee's staff see the grant; the letter is a PDF
    expect((await staff.get(`/subsidies/beschikkingen/${grantId}`)).status).toBe(200);
    const pdf = await staff.get(`/subsidies/beschikkingen/${grantId}/besluiten/3/brief.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await staff.get(`/subsidies/beschikkingen/${grantId}/besluiten/9/brief.pdf`)).status).toBe(404);
    // objection: prefilled with the reference, registered in the effects register
    const objection = await (await advisor.get(`/subsidies/beschikkingen/${grantId}/bezwaar?besluit=3`)).text();
    const reference = /value="(SB-2020-2023-\d{4}\/3)" selected/.exec(objection)?.[1];
    expect(reference).toBeTruthy();
    const reg = await advisor.postForm(`/subsidies/beschikkingen/${grantId}/bezwaar`, { decisionReference: reference!, receivedDate: '2020-12-20', subject: 'Bezwaar tegen de indexering' }, `/subsidies/beschikkingen/${grantId}/bezwaar`);
    expect(reg.status).toBe(303);
    expect(reg.headers.get('location')).toMatch(/^\/effecten\/klachten\//);
    expect(await (await advisor.get(reg.headers.get('location')!)).text()).toContain(reference!);
    expect(await (await advisor.get(`/subsidies/beschikkingen/${grantId}`)).text()).toContain('Bezwaar tegen de indexering');

    // API
    const calls = (await (await auditor.get('/api/v1/calls')).json()) as { periodCode: string; ceilingCents: number }[];
    expect(calls.map((c) => [c.periodCode, c.ceilingCents])).toEqual([['2020-2023', 350_000_000]]);
    const application = (await (await staff.get(`/api/v1/applications/${appId}`)).json()) as { status: string; sections: unknown[]; totalCents: number };
    expect(application).toMatchObject({ status: 'assessed', totalCents: 3 * 4 * 6_000_000 });
    expect(application.sections).toHaveLength(12);
    expect((await staff.get(`/api/v1/applications/${crypto.randomUUID()}`)).status).toBe(404);
    const grants = (await (await advisor.get(`/api/v1/grants?organisation=${w.orgs[1].id}&year=2021`)).json()) as { years: unknown[]; decisions: number }[];
    expect(grants).toEqual([expect.objectContaining({ decisions: 3, years: [{ year: 2021, wageCents: 5_227_500, otherCents: 1_025_000 }] })]);
    expect((await advisor.get('/api/v1/grants?year=twee')).status).toBe(400);
    const zaak = (await (await advisor.get(`/api/v1/applications/${appId}/zaak`)).json()) as { bronorganisatie: string; startdatum: string };
    expect(zaak).toMatchObject({ bronorganisatie: '123456782', startdatum: '2019-09-30' });
    const besluit = (await (await advisor.get(`/api/v1/grants/${grantId}/besluiten/1`)).json()) as { identificatie: string; vervaldatum: string };
    expect(besluit).toMatchObject({ vervaldatum: '2023-12-31' });
  });

  it('the Common Ground export answers 409 with a Dutch message naming the settings when no Open Zaak is configured', async () => {
    // The same database, served by an app without ZGW_RSIN, ZGW_ZAAKTYPE and ZGW_BESLUITTYPE.
    const bare = testApp(db);
    const { client } = await clientFor(bare, db, ['policy_advisor'], null);
    for (const path of [`/api/v1/applications/${appId}/zaak`, `/api/v1/grants/${grantId}/besluiten/1`]) {
      const res = await client.get(path);
      expect(res.status, path).toBe(409);
      expect(res.headers.get('content-type'), path).toContain('application/problem+json');
      expect(await res.json(), path).toMatchObject({ status: 409, detail: 'De koppeling met Common Ground is niet ingesteld (ZGW_RSIN, ZGW_ZAAKTYPE, ZGW_BESLUITTYPE).' });
    }
    // The record is looked up first: what does not exist stays 404, also without the settings.
    expect((await client.get(`/api/v1/applications/${crypto.randomUUID()}/zaak`)).status).toBe(404);
    expect((await client.get(`/api/v1/grants/${grantId}/besluiten/9`)).status).toBe(404);
  });
});
