// The fund over HTTP (in-process, both databases): a volunteer organisation applies one question per page and checks
// its answers, bad amounts come back as field messages (never a 500), the policy advisor decides, the API gives the
// year's figures, and each role reaches only what it may.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { createOrganisation } from '../network/service.ts';
import { today } from './years.ts';

async function clientFor(app: App, db: TestDatabase, roles: Role[], organisationId: string | null): Promise<TestClient> {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  await createUser(ctxFor(db, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  if ((await client.login(email, TEST_PASSWORD)).status !== 303) throw new Error('login failed');
  return client;
}

const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe.each(dbKinds)('fund over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let member: TestClient;
  let advisor: TestClient;
  let auditor: TestClient;
  let resident: TestClient;
  const YEAR = 2035;

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const org = await createOrganisation(ctxFor(db, adminActor), { name: 'Voorleesclub HTTP', type: 'volunteer-organisation' });
    member = await clientFor(app, db, ['volunteer'], org.id);
    advisor = await clientFor(app, db, ['policy_advisor'], null);
    auditor = await clientFor(app, db, ['auditor'], null);
    resident = await clientFor(app, db, ['resident'], null);
  });
  afterAll(async () => db?.drop());

  it('opens a year through the form; a bad amount and bad dates are reported together', async () => {
    const d = today(ctxFor(db));
    const bad = await advisor.postForm('/fonds/jaren', { year: String(YEAR), budgetCents: '-300', opensOn: addDays(d, 5), closesOn: addDays(d, 1), decisionDeadline: addDays(d, 30) }, '/fonds');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Budget: mag niet negatief zijn');
    expect(html).toContain('ligt vóór het begin van de aanvraagperiode');
    const ok = await advisor.postForm('/fonds/jaren', { year: String(YEAR), budgetCents: '10.000', opensOn: addDays(d, -1), closesOn: addDays(d, 10), decisionDeadline: addDays(d, 30) }, '/fonds');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/fonds/${YEAR}?klaar=opgeslagen`);
  });

  it('a volunteer organisation applies one question per page, checks and sends; the advisor decides; the member sees the letter', async () => {
    expect(await (await member.get('/fonds')).text()).toContain(`Vraag een bijdrage aan voor ${YEAR}`);
    const start = await member.postForm(`/fonds/${YEAR}/aanvraag`, {});
    expect(start.headers.get('location')).toBe(`/fonds/${YEAR}/aanvraag/wie`);
    const page = await (await member.get(`/fonds/${YEAR}/aanvraag/wie`)).text();
    expect(page).toMatch(/<h1 class="utrecht-heading-1"><label for="veld-whoWeAre">Wie bent u\?<\/label><\/h1>/);
    const empty = await member.postForm(`/fonds/${YEAR}/aanvraag/wie`, { whoWeAre: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Wie bent u?: is verplicht');
    expect((await member.postForm(`/fonds/${YEAR}/aanvraag/wie`, { whoWeAre: 'Voorlezers uit de buurt' })).headers.get('location')).toBe(`/fonds/${YEAR}/aanvraag/wat`);
    await member.postForm(`/fonds/${YEAR}/aanvraag/wat`, { whatWeDo: 'Voorlezen in de bibliotheek' });
    await member.postForm(`/fonds/${YEAR}/aanvraag/voor-wie`, { forWhom: 'Kinderen en hun ouders' });
    for (const [amount, message] of [
      ['-20', 'Hoeveel geld vraagt u?: mag niet negatief zijn'],
      ['twintig', 'Hoeveel geld vraagt u?: is geen bedrag'],
      ['50.000', 'Hoeveel geld vraagt u?: is meer dan er nog in het fonds zit (€\u00a010.000,00)'],
    ]) {
      const r = await member.postForm(`/fonds/${YEAR}/aanvraag/bedrag`, { requestedCents: amount });
      expect(r.status, amount).toBe(400);
      expect(await r.text(), amount).toContain(message);
    }
    expect((await member.postForm(`/fonds/${YEAR}/aanvraag/bedrag`, { requestedCents: '1.500' })).headers.get('location')).toBe(`/fonds/${YEAR}/aanvraag/controleren`);
    const check = (await (await member.get(`/fonds/${YEAR}/aanvraag/controleren`)).text()).replace(/\u00a0/g, ' ');
    expect(check).toContain('Controleer uw antwoorden');
    expect(check).toContain('€ 1.500,00');
    expect(check).toContain(`/fonds/${YEAR}/aanvraag/wat?terug=controleren`);
    // A change from the check page goes back to the check page.
    expect((await member.postForm(`/fonds/${YEAR}/aanvraag/wat?terug=controleren`, { whatWeDo: 'Voorlezen op school' }, `/fonds/${YEAR}/aanvraag/wat`)).headers.get('location')).toBe(`/fonds/${YEAR}/aanvraag/controleren`);
    const sent = await member.postForm(`/fonds/${YEAR}/aanvraag/versturen`, {}, `/fonds/${YEAR}/aanvraag/controleren`);
    expect(sent.status).toBe(303);
    const detailPath = sent.headers.get('location')!.split('?')[0];
    expect(await (await member.get(sent.headers.get('location')!)).text()).toContain('Uw aanvraag is verstuurd');
    // After sending, the questions lead to the application.
    expect((await member.get(`/fonds/${YEAR}/aanvraag/wie`)).status).toBe(303);

    // The advisor sees it in the year and decides; a letter is required and the amount is checked.
    const year = await (await advisor.get(`/fonds/${YEAR}`)).text();
    expect(year).toContain('Voorleesclub HTTP');
    const noLetter = await advisor.postForm(`${detailPath}/besluit`, { grantedCents: '1500', letterText: '' }, detailPath);
    expect(noLetter.status).toBe(400);
    expect(await noLetter.text()).toContain('De brief: is verplicht');
    expect((await advisor.postForm(`${detailPath}/besluit`, { grantedCents: '1500', letterText: 'U krijgt € 1.500 voor het voorlezen.' }, detailPath)).status).toBe(303);
    const mine = await (await member.get(detailPath)).text();
    expect(mine).toContain('U krijgt € 1.500 voor het voorlezen.');
    expect(mine).not.toContain('Besluit opslaan');
    // Payment over what was granted is refused with the amount named.
    const pay = await advisor.postForm(`${detailPath}/betalingen`, { paidOn: today(ctxFor(db)), amountCents: '2000' }, detailPath);
    expect(pay.status).toBe(400);
    expect(await pay.text()).toContain('is meer dan er nog te betalen is (€\u00a01.500,00)');

    // The API: the year at a glance.
    const api = await auditor.get(`/api/v1/fund/${YEAR}`);
    expect(api.status).toBe(200);
    expect(await api.json()).toMatchObject({ year: YEAR, budgetCents: 1_000_000, grantedCents: 150_000, committedCents: 150_000, paidCents: 0, remainingCents: 850_000, applications: { submitted: 0, decided: 1, overdue: 0 } });
  });

  it('answers 404 for a year without a fund and keeps roles apart', async () => {
    expect((await advisor.get('/api/v1/fund/1999')).status).toBe(404);
    expect((await advisor.get('/api/v1/fund/20x5')).status).toBe(400);
    expect((await member.get(`/api/v1/fund/${YEAR}`)).status).toBe(403);
    expect((await resident.get('/fonds')).status).toBe(403);
    expect((await new TestClient(app).get(`/api/v1/fund/${YEAR}`)).status).toBe(401);
    expect((await member.get(`/fonds/${YEAR}`)).status).toBe(403);
    // The auditor reads the figures but not the applications.
    const page = await (await auditor.get(`/fonds/${YEAR}`)).text();
    expect(page).toContain('Nog beschikbaar');
    expect(page).not.toContain('Voorleesclub HTTP');
  });

  it('changes the year through its settings form and the API; the budget cannot drop below what is committed', async () => {
    const d = today(ctxFor(db));
    const form = (over: Record<string, string>) => ({ budgetCents: '10.000', opensOn: addDays(d, -1), closesOn: addDays(d, 10), decisionDeadline: addDays(d, 30), ...over });
    const below = await advisor.postForm(`/fonds/${YEAR}`, form({ budgetCents: '1.000' }));
    expect(below.status).toBe(400);
    expect((await below.text()).replace(/\u00a0/g, ' ')).toContain('Budget: is lager dan wat al is vastgelegd (€ 1.500,00)');
    // Not an amount: reported, never taken as "leave the budget as it is".
    const notAmount = await advisor.postForm(`/fonds/${YEAR}`, form({ budgetCents: 'veel' }));
    expect(notAmount.status).toBe(400);
    expect(await notAmount.text()).toContain('Budget: is geen bedrag');
    const ok = await advisor.postForm(`/fonds/${YEAR}`, form({ budgetCents: '12.000', note: 'Aangevuld.' }));
    expect(ok.status).toBe(303);

    const path = `/api/v1/fund/${YEAR}`;
    const later = await advisor.json(path, 'PATCH', { decisionDeadline: addDays(d, 40) });
    expect(later.status).toBe(200);
    expect(await later.json()).toMatchObject({ year: YEAR, decisionDeadline: addDays(d, 40), budgetCents: 1_200_000, note: 'Aangevuld.', committedCents: 150_000 });
    const tooLow = await advisor.json(path, 'PATCH', { budgetCents: 100_000 });
    expect(tooLow.status).toBe(400);
    expect((await tooLow.json()).invalidParams).toEqual([expect.objectContaining({ name: 'budgetCents', code: 'too_small', reason: 'is lager dan wat al is vastgelegd (€\u00a01.500,00)' })]);
    const order = await advisor.json(path, 'PATCH', { closesOn: addDays(d, -5) });
    expect(order.status).toBe(400);
    expect((await order.json()).invalidParams.map((p: { name: string }) => p.name)).toEqual(['closesOn']);
    // The amount in the message follows the reader's language (page and API alike).
    advisor.cookies.set('sb_lang', 'en');
    try {
      const english = await advisor.json(path, 'PATCH', { budgetCents: 100_000 });
      expect((await english.json()).invalidParams).toEqual([expect.objectContaining({ name: 'budgetCents', reason: 'is lower than what is already committed (€1,500.00)' })]);
      const englishPage = await advisor.postForm(`/fonds/${YEAR}`, form({ budgetCents: '1.000' }));
      expect(await englishPage.text()).toContain('Budget: is lower than what is already committed (€1,500.00)');
    } finally {
      advisor.cookies.delete('sb_lang');
    }
    expect((await advisor.json(path, 'PATCH', { year: 2040 })).status).toBe(400);
    expect((await auditor.json(path, 'PATCH', { note: 'x' })).status).toBe(403);
    expect((await member.json(path, 'PATCH', { note: 'x' })).status).toBe(403);
    expect((await advisor.json('/api/v1/fund/1999', 'PATCH', { note: 'x' })).status).toBe(404);
  });
});
