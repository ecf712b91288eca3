// The places pages and API over HTTP (in-process): public pages, the booking form without JavaScript,
// approval, statements as CSV and PDF, problem details for conflicts and bad input, escaping of stored text.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { makeLocation, makeOrg } from './test-helpers.ts';
import { clientFor } from './test-http.ts';
import { zonedTime, localParts, addDays } from './time.ts';

/** A weekday at least a week ahead of the real clock (the HTTP app uses the real time). */
function futureWeekday(): string {
  let d = addDays(localParts(new Date()).date, 8);
  while (['sat', 'sun'].includes(localParts(zonedTime(d, '12:00')).weekday)) d = addDays(d, 1);
  return d;
}

describe.each(dbKinds)('places over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let place: Awaited<ReturnType<typeof makeLocation>>;
  let manager: Awaited<ReturnType<typeof makeOrg>>;
  let core: Awaited<ReturnType<typeof makeOrg>>;
  let other: Awaited<ReturnType<typeof makeOrg>>;
  let staff: TestClient;
  let managerStaff: TestClient;
  let otherStaff: TestClient;
  const day = futureWeekday();

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    manager = await makeOrg(db, 'Beheerder HTTP', 'cooperative');
    core = await makeOrg(db, 'Kernpartner HTTP', 'core-partner');
    other = await makeOrg(db, 'Andere HTTP', 'subcontractor');
    place = await makeLocation(db, { name: 'Huis van de Wijk HTTP & Co', managerOrganisationId: manager.id, description: 'Koffie < 1 euro' });
    staff = await clientFor(app, db, ['partner_staff'], core.id);
    managerStaff = await clientFor(app, db, ['partner_staff'], manager.id);
    otherStaff = await clientFor(app, db, ['partner_staff'], other.id);
  });
  afterAll(async () => db?.drop());

  it('lists and shows locations publicly, with the district filter and the programme', async () => {
    const anon = new TestClient(app);
    const list = await anon.get('/locaties?stadsdeel=noord');
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Huis van de Wijk HTTP &amp; Co');
    const none = await (await anon.get('/locaties?stadsdeel=schalkwijk')).text();
    expect(none).not.toContain(`/locaties/${place.loc.id}`);
    const detail = await anon.get(`/locaties/${place.loc.id}`);
    expect(detail.status).toBe(200);
    const html = await detail.text();
    expect(html).toContain('Programma deze week');
    expect(html).toContain('Koffie &lt; 1 euro');
    expect(html).toContain('Grote zaal');
    expect(html).not.toContain('Een ruimte boeken');
    expect((await anon.get(`/locaties/${place.loc.id}?week=2026-W99`)).status).toBe(200);
    expect((await anon.get('/locaties/niet-een-id')).status).toBe(404);
    const api = await anon.get('/api/v1/locations?district=noord');
    expect(api.status).toBe(200);
    expect(api.headers.get('API-Version')).toBeTruthy();
    const locs = (await api.json()) as { id: string; accessibility: { wheelchairAccessible: boolean } }[];
    expect(locs.map((l) => l.id)).toContain(place.loc.id);
    const one = (await (await anon.get(`/api/v1/locations/${place.loc.id}`)).json()) as { rooms: { name: string }[] };
    // The two rooms the location was made with (another test may add one).
    expect(one.rooms.map((r) => r.name)).toEqual(expect.arrayContaining(['Grote zaal', 'Kleine kamer']));
    const prog = await anon.get(`/api/v1/locations/${place.loc.id}/programme?week=2026-W10`);
    expect(prog.status).toBe(200);
    expect(((await prog.json()) as { days: unknown[] }).days).toHaveLength(7);
    expect((await anon.get(`/api/v1/locations/${place.loc.id}/programme?week=2026-10`)).status).toBe(400);
  });

  it('books through the form without JavaScript, shows field messages, and the manager approves', async () => {
    const form = await staff.get(`/locaties/${place.loc.id}/boeken`);
    expect(form.status).toBe(200);
    // Bad input: end before start, malformed date → 400 with summary and field messages.
    const bad = await staff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.zaal.id, organisationId: core.id, date: day, startTime: '14:00', endTime: '13:00', repeatWeeks: '1', purpose: 'Test' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="fouten"');
    expect(badHtml).toContain('De eindtijd moet na de begintijd liggen.');
    expect(badHtml).toContain('id="veld-endTime-fout"');
    const bad2 = await staff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.zaal.id, organisationId: core.id, date: '31-02-2026', startTime: '25:00', endTime: '13:00', repeatWeeks: 'veel', purpose: '' });
    expect(bad2.status).toBe(400);
    const bad2Html = await bad2.text();
    for (const m of ['Vul een geldige datum in', 'Vul een geldige begintijd in', 'Vul een aantal weken in']) expect(bad2Html).toContain(m);

    const ok = await staff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.zaal.id, organisationId: core.id, date: day, startTime: '10:00', endTime: '12:00', repeatWeeks: '1', purpose: 'Buurtlunch <script>' });
    expect(ok.status).toBe(400); // HTML in the purpose is refused with a field message
    expect(await ok.text()).toContain('mag geen HTML-code bevatten');
    const ok2 = await staff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.zaal.id, organisationId: core.id, date: day, startTime: '10:00', endTime: '12:00', repeatWeeks: '1', purpose: 'Buurtlunch: 3 < 5 & "koffie"' });
    expect(ok2.status).toBe(303);
    expect(ok2.headers.get('location')).toBe('/mijn-boekingen?aangevraagd=1');
    const mine = await (await staff.get('/mijn-boekingen?aangevraagd=1')).text();
    expect(mine).toContain('Buurtlunch: 3 &lt; 5 &amp; &quot;koffie&quot;');

    // The same slot again through the form: 409 and the Dutch message beside the form.
    const clash = await otherStaff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.zaal.id, organisationId: other.id, date: day, startTime: '11:00', endTime: '13:00', repeatWeeks: '1', purpose: 'Botsing' });
    expect(clash.status).toBe(409);
    const clashHtml = await clash.text();
    expect(clashHtml).toContain('Deze ruimte is op dat moment al geboekt.');
    // Not a typing mistake: its own heading, not "Er is iets niet goed ingevuld … Pas dit aan".
    expect(clashHtml).toContain('Dit kan zo niet worden opgeslagen (1): het botst met wat er al is.');
    expect(clashHtml).not.toContain('Er is iets niet goed ingevuld');

    // Booking for another organisation through a tampered form: refused.
    const tampered = await otherStaff.postForm(`/locaties/${place.loc.id}/boeken`, { roomId: place.kamer.id, organisationId: core.id, date: day, startTime: '10:00', endTime: '11:00', repeatWeeks: '1', purpose: 'Namens een ander' });
    expect(tampered.status).toBe(403);

    // The manager sees the request and approves it; the requester cannot reach the approval action.
    const queue = await (await managerStaff.get('/beheer/boekingen')).text();
    expect(queue).toContain('Buurtlunch');
    const list = (await (await managerStaff.get('/api/v1/bookings?managed=true&status=requested')).json()) as { items: { id: string }[] };
    const id = list.items[0].id;
    expect((await otherStaff.postForm(`/beheer/boekingen/${id}`, { action: 'approve' }, '/beheer/boekingen')).status).toBe(404);
    expect((await staff.postForm(`/beheer/boekingen/${id}`, { action: 'approve' }, '/beheer/boekingen')).status).toBe(403);
    const approved = await managerStaff.postForm(`/beheer/boekingen/${id}`, { action: 'approve' }, '/beheer/boekingen');
    expect(approved.status).toBe(303);

    // Statement page, CSV and PDF for the booking's month.
    const month = day.slice(0, 7);
    const page = await staff.get(`/boekingen/overzicht?maand=${month}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain(place.zaal.name);
    expect(pageHtml).toMatch(/€\s30,00/);
    const csv = await staff.get(`/boekingen/overzicht.csv?maand=${month}&organisatie=${core.id}`);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(await csv.text()).toContain(';2;15,00;30,00;');
    const pdf = await staff.get(`/boekingen/overzicht.pdf?maand=${month}&organisatie=${core.id}`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await otherStaff.get(`/boekingen/overzicht?maand=${month}&organisatie=${core.id}`)).status).toBe(403);
    expect((await staff.get('/boekingen/overzicht?maand=2026-13')).status).toBe(400);
    // The same through the API, with content negotiation.
    const json = (await (await staff.get(`/api/v1/organisations/${core.id}/statements/${month}`)).json()) as { totalCents: number };
    expect(json.totalCents).toBe(3000);
    const apiCsv = await staff.request(`/api/v1/organisations/${core.id}/statements/${month}`, { headers: { accept: 'text/csv' } });
    expect(apiCsv.headers.get('content-type')).toContain('text/csv');
    const apiPdf = await staff.get(`/api/v1/organisations/${core.id}/statements/${month}?format=pdf`);
    expect(apiPdf.headers.get('content-type')).toBe('application/pdf');
    expect((await staff.get(`/api/v1/organisations/${core.id}/statements/maart`)).status).toBe(400);
  });

  it('API: 201, 409 problem details, 400 field messages, 401 and 403', async () => {
    const slot = { roomId: place.kamer.id, organisationId: core.id, startsAt: zonedTime(day, '15:00').toISOString(), endsAt: zonedTime(day, '16:00').toISOString(), purpose: 'Middagoverleg' };
    const created = await staff.json('/api/v1/bookings', 'POST', slot);
    expect(created.status).toBe(201);
    const body = (await created.json()) as { items: { id: string; status: string }[] };
    expect(body.items[0].status).toBe('requested');
    const clash = await otherStaff.json('/api/v1/bookings', 'POST', { ...slot, organisationId: other.id });
    expect(clash.status).toBe(409);
    expect(clash.headers.get('content-type')).toContain('application/problem+json');
    expect(((await clash.json()) as { detail: string }).detail).toBe('Deze ruimte is op dat moment al geboekt.');
    const bad = await staff.json('/api/v1/bookings', 'POST', { ...slot, startsAt: slot.endsAt, endsAt: slot.startsAt });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(problem.invalidParams).toEqual([{ name: 'endsAt', code: 'end_before_start', reason: 'De eindtijd moet na de begintijd liggen.' }]);
    const malformed = await staff.json('/api/v1/bookings', 'POST', { ...slot, startsAt: 'morgen', repeatWeeks: 0 });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual(['repeatWeeks', 'startsAt']);
    expect((await new TestClient(app).json('/api/v1/bookings', 'POST', slot)).status).toBe(401);
    expect((await otherStaff.json('/api/v1/bookings', 'POST', { ...slot, startsAt: zonedTime(day, '09:00').toISOString(), endsAt: zonedTime(day, '09:30').toISOString() })).status).toBe(403);
    // PATCH: decline by the manager frees the slot for the other organisation.
    expect((await staff.json(`/api/v1/bookings/${body.items[0].id}`, 'PATCH', { action: 'approve' })).status).toBe(403);
    const declined = await managerStaff.json(`/api/v1/bookings/${body.items[0].id}`, 'PATCH', { action: 'decline' });
    expect(declined.status).toBe(200);
    expect((await otherStaff.json('/api/v1/bookings', 'POST', { ...slot, organisationId: other.id })).status).toBe(201);
    expect((await managerStaff.json(`/api/v1/bookings/${body.items[0].id}`, 'PATCH', { action: 'approve' })).status).toBe(409);
    expect((await managerStaff.json(`/api/v1/bookings/${body.items[0].id}`, 'PATCH', { action: 'delete' })).status).toBe(400);
  });

  it('management pages: managers edit their own location, others are refused; admin sets rates', async () => {
    expect((await managerStaff.get(`/beheer/locaties/${place.loc.id}`)).status).toBe(200);
    expect((await staff.get(`/beheer/locaties/${place.loc.id}`)).status).toBe(403);
    const badRoom = await managerStaff.postForm(`/beheer/locaties/${place.loc.id}/ruimtes`, { 'room.name': '', 'room.capacity': 'tien', 'room.facilities': '' }, `/beheer/locaties/${place.loc.id}`);
    expect(badRoom.status).toBe(400);
    expect(await badRoom.text()).toContain('Vul een aantal personen in');
    const room = await managerStaff.postForm(`/beheer/locaties/${place.loc.id}/ruimtes`, { 'room.name': 'Atelier', 'room.capacity': '12', 'room.facilities': 'wasbak\nezels' }, `/beheer/locaties/${place.loc.id}`);
    expect(room.status).toBe(303);
    const badHours = await managerStaff.postForm(`/beheer/locaties/${place.loc.id}`, { name: 'Huis van de Wijk HTTP 2', address: 'Teststraat 2', postcode: '2011AB', districtCode: 'noord', neighbourhoodCode: '', 'openingHours.mon.open': '18:00', 'openingHours.mon.close': '09:00', managerOrganisationId: manager.id }, `/beheer/locaties/${place.loc.id}`);
    expect(badHours.status).toBe(400);
    expect(await badHours.text()).toContain('de sluitingstijd moet na de openingstijd liggen');
    const admin = await clientFor(app, db, ['administrator'], null);
    expect((await managerStaff.get('/beheer/tarieven')).status).toBe(403);
    const badRate = await admin.postForm('/beheer/tarieven', { 'rate.subcontractor': 'duur' });
    expect(badRate.status).toBe(400);
    expect((await admin.postForm('/beheer/tarieven', { 'rate.subcontractor': '17,50' })).status).toBe(303);
    expect(await (await admin.get('/beheer/tarieven')).text()).toContain('value="17,50"');
    const newLoc = await admin.postForm('/beheer/locaties', { name: 'Nieuwe plek (test)', address: 'Nieuwstraat 3', postcode: '2000 AA', districtCode: 'oost', neighbourhoodCode: '', accessibility: ['wheelchairAccessible', 'hearingLoop'] });
    expect(newLoc.status).toBe(303);
  });
});
