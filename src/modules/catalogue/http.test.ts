// HTTP tests of the catalogue: public search page, activity page, .ics, exports, partner forms and the JSON API.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { sharedExport, MAX_CONCURRENT_EXPORTS } from './export.ts';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { testApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import type { App } from '../../platform/http/app.tsx';
import { createActivity, publishActivity } from './service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from './test-factory.ts';
import type { ActivityInput } from './types.ts';

describe.each(dbKinds)('catalogue over HTTP (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let orgA: { id: string };
  let orgB: { id: string };
  let partnerA: TestClient;
  let partnerB: TestClient;
  const anon = () => new TestClient(app);

  async function partnerClient(organisationId: string) {
    const email = `partner-${Math.random().toString(36).slice(2, 8)}@test.nl`;
    await createUser(ctxFor(database, adminActor), { email, name: 'Test Partner', roles: ['partner_staff'], password: TEST_PASSWORD, organisationId });
    const client = new TestClient(app);
    expect((await client.login(email, TEST_PASSWORD)).status).toBe(303);
    return client;
  }

  async function published(input: Partial<ActivityInput>, org = orgA.id) {
    const who = ctxFor(database, partnerActor(org));
    const a = await createActivity(who, activityInputFor(input));
    return publishActivity(who, a.id);
  }

  const form = (over: Record<string, string | string[]> = {}) => ({
    title: 'Buurtmoestuin Schalkwijk',
    description: 'Samen groente kweken.\n\nIedereen is welkom, ook zonder ervaring.',
    kind: 'activity',
    themes: ['ontmoeten'],
    subGoals: ['ontmoeten/1'],
    targetGroups: ['iedereen'],
    districtCode: 'schalkwijk',
    locationName: 'Moestuin aan de Boerhaavelaan',
    'schedule.kind': 'weekly',
    'schedule.startDate': '2026-04-01',
    'schedule.startTime': '13:30',
    'schedule.endTime': '15:30',
    'schedule.weekdays': ['3', '6'],
    costCents: '',
    haarlemPas: 'none',
    wheelchairAccessible: 'true',
    languages: ['nl', 'ar'],
    howToJoin: 'walk-in',
    contact: 'moestuin@example.nl',
    ...over,
  });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    app = testApp(database);
    const ctx = ctxFor(database);
    orgA = await buildOrganisation(ctx, 'core-partner');
    orgB = await buildOrganisation(ctx, 'volunteer-organisation');
    partnerA = await partnerClient(orgA.id);
    partnerB = await partnerClient(orgB.id);
  });
  afterAll(async () => database?.drop());

  it('shows the public search page with filters, result count and stemming, without logging in', async () => {
    await published({ title: 'Ontmoeting in de Molenwijk', districtCode: 'noord' });
    await published({ title: 'Taalcafé Oost', districtCode: 'oost', languages: ['nl', 'ar'] }, orgB.id);
    const res = await anon().get('/activiteiten?q=ontmoetingen');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('Ontmoeting in de Molenwijk');
    expect(html).toContain('1 activiteit gevonden');
    expect(html).toContain('role="search"');
    // Filters are open without JavaScript; the summary counts the chosen ones.
    expect(html).toMatch(/<details class="sb-filters__wide sb-filter-more" open="" data-sb-filters="true" data-active="0">/);
    expect(await (await anon().get('/activiteiten?district=oost&free=true')).text()).toContain('Filters (2 gekozen)');
    expect((await anon().get('/assets/catalogue/filters.js')).headers.get('content-type')).toContain('javascript');
    const filtered = await (await anon().get('/activiteiten?district=oost&language=ar')).text();
    expect(filtered).toContain('Taalcafé Oost');
    expect(filtered).not.toContain('Ontmoeting in de Molenwijk');
    const bad = await anon().get('/activiteiten?day=9&theme=bestaat-niet');
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Thema: dit thema bestaat niet');
    expect(badHtml).toContain('Dag: ');
  });

  it('renders a shared search result in each visitor’s language and shows a new publication at once', async () => {
    await published({ title: 'Kookclub Delftwijk' });
    const nl = await (await anon().get('/activiteiten?q=kookclub')).text();
    expect(nl).toContain('1 activiteit gevonden');
    const english = anon();
    english.cookies.set('sb_lang', 'en');
    const en = await (await english.get('/activiteiten?q=kookclub')).text();
    expect(en).toContain('1 activity found');
    expect(en).toContain('Kookclub Delftwijk');
    const health = (await (await anon().get('/health')).json()) as { searchCache: { enabled: boolean; hits: number } };
    expect(health.searchCache.enabled).toBe(true);
    expect(health.searchCache.hits).toBeGreaterThan(0); // the English page reused the Dutch visitor's search
    const res = await partnerA.postForm('/activiteiten/nieuw', form({ title: 'Kookclub Europawijk' }), '/activiteiten/nieuw');
    const id = res.headers.get('location')!.match(/\/activiteiten\/([0-9a-f-]{36})/)![1];
    expect((await partnerA.postForm(`/activiteiten/${id}/publiceren`, {}, '/mijn-activiteiten')).status).toBe(303);
    const after = await (await anon().get('/activiteiten?q=kookclub')).text();
    expect(after).toContain('2 activiteiten gevonden');
    expect(after).toContain('Kookclub Europawijk');
  });

  it('shows a past activity on its own page and to its organisation, not in the public search', async () => {
    const a = await published({ title: 'Braderie van vorig voorjaar', schedule: { kind: 'one-off', startDate: '2026-03-01', startTime: '10:00', endTime: '16:00' } });
    expect(await (await anon().get('/activiteiten?q=braderie')).text()).toContain('0 activiteiten gevonden');
    expect(((await (await anon().get('/api/v1/activities?q=braderie')).json()) as { total: number }).total).toBe(0);
    const page = await anon().get(`/activiteiten/${a.id}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Alle data van deze activiteit liggen in het verleden');
    expect(await (await partnerA.get('/mijn-activiteiten')).text()).toContain('Gepubliceerd · alle data voorbij, niet meer in de zoekresultaten');
  });

  it('asks before ending an activity, only its own organisation may, and ending takes it out of the search', async () => {
    const a = await published({ title: 'Dansmiddag Zuiderpolder' });
    expect((await anon().get(`/activiteiten/${a.id}/beeindigen`)).status).toBe(303);
    expect((await partnerB.get(`/activiteiten/${a.id}/beeindigen`)).status).toBe(404);
    const confirm = await partnerA.get(`/activiteiten/${a.id}/beeindigen`);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('‘Dansmiddag Zuiderpolder’ beëindigen?');
    expect(html).toContain(`action="/activiteiten/${a.id}/beeindigen"`);
    expect(await (await anon().get('/activiteiten?q=dansmiddag')).text()).toContain('1 activiteit gevonden');
    expect((await partnerA.postForm(`/activiteiten/${a.id}/beeindigen`, {}, `/activiteiten/${a.id}/beeindigen`)).headers.get('location')).toBe('/mijn-activiteiten?beeindigd=1');
    expect(await (await anon().get('/activiteiten?q=dansmiddag')).text()).toContain('0 activiteiten gevonden');
    // Once ended there is nothing to confirm.
    expect((await partnerA.get(`/activiteiten/${a.id}/beeindigen`)).headers.get('location')).toBe('/mijn-activiteiten');
  });

  it('paginates the search page with working links', async () => {
    for (let i = 0; i < 23; i++) await published({ title: `Sjoelavond ${String(i).padStart(2, '0')}` });
    const p1 = await (await anon().get('/activiteiten?q=sjoelavond')).text();
    expect(p1).toContain('23 activiteiten gevonden');
    expect(p1).toContain('Pagina 1 van 2');
    expect(p1).toContain('href="/activiteiten?q=sjoelavond&amp;page=2"');
    const p2 = await (await anon().get('/activiteiten?q=sjoelavond&page=2')).text();
    expect(p2).toContain('Sjoelavond 22');
    expect(p2).not.toContain('Sjoelavond 00');
  });

  it('lets partner staff create, publish and edit via forms; others get not found', async () => {
    expect((await anon().get('/activiteiten/nieuw')).status).toBe(303);
    const res = await partnerA.postForm('/activiteiten/nieuw', form(), '/activiteiten/nieuw');
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    const id = location.match(/\/activiteiten\/([0-9a-f-]{36})/)![1];
    expect((await anon().get(`/activiteiten/${id}`)).status).toBe(404);
    expect((await partnerA.get(`/activiteiten/${id}`)).status).toBe(200);
    expect((await partnerB.get(`/activiteiten/${id}/bewerken`)).status).toBe(404);
    expect((await partnerB.postForm(`/activiteiten/${id}/bewerken`, form({ title: 'Gekaapt' }), '/mijn-activiteiten')).status).toBe(404);
    expect((await partnerB.postForm(`/activiteiten/${id}/publiceren`, {}, '/mijn-activiteiten')).status).toBe(404);
    const mine = await (await partnerA.get('/mijn-activiteiten')).text();
    expect(mine).toContain('Buurtmoestuin Schalkwijk');
    expect(mine).toContain(`/activiteiten/${id}/publiceren`);
    expect((await partnerA.postForm(`/activiteiten/${id}/publiceren`, {}, '/mijn-activiteiten')).status).toBe(303);
    const page = await (await anon().get(`/activiteiten/${id}`)).text();
    expect(page).toContain('Buurtmoestuin Schalkwijk');
    expect(page).toContain('Elke week op woensdag en zaterdag, 13:30 tot 15:30 uur');
    expect(page).toContain('Gratis');
    const edit = await (await partnerA.get(`/activiteiten/${id}/bewerken`)).text();
    expect(edit).toContain('value="Buurtmoestuin Schalkwijk"');
    const saved = await partnerA.postForm(`/activiteiten/${id}/bewerken`, form({ title: 'Buurtmoestuin Schalkwijk-Zuid', costCents: '2,50', haarlemPas: 'free' }));
    expect(saved.status).toBe(303);
    const after = await (await anon().get(`/activiteiten/${id}`)).text();
    expect(after).toContain('Buurtmoestuin Schalkwijk-Zuid');
    expect(after).toContain('€ 2,50 · Gratis met de HaarlemPas');
  });

  it('shows clear field messages for bad input, and refuses a 10 MB description without a 500', async () => {
    const res = await partnerA.postForm(
      '/activiteiten/nieuw',
      form({ 'schedule.kind': 'custom', 'schedule.rrule': 'FREQ=SOMETIMES', 'schedule.startTime': '15:00', 'schedule.endTime': '14:00', themes: ['bestaat-niet'], costCents: 'gratis?' }),
      '/activiteiten/nieuw',
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Er is iets niet goed ingevuld');
    expect(html).toContain('Eindtijd: het einde ligt vóór of op het begin');
    expect(html).toContain('Herhaalpatroon (RRULE): FREQ moet DAILY, WEEKLY of MONTHLY zijn');
    expect(html).toContain('Thema’s: dit thema bestaat niet');
    expect(html).toContain('Prijs: is geen geldig bedrag');
    expect(html).toContain('href="#veld-schedule-endTime"');
    const long = await partnerA.postForm('/activiteiten/nieuw', form({ description: 'a'.repeat(10_001) }), '/activiteiten/nieuw');
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('Beschrijving: mag hoogstens 10000 tekens hebben');
    const huge = await partnerA.postForm('/activiteiten/nieuw', form({ description: 'a'.repeat(10 * 1024 * 1024) }), '/activiteiten/nieuw');
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain('De verstuurde gegevens zijn te groot.');
    const hugeApi = await partnerA.json('/api/v1/activities', 'POST', { ...activityInputFor(), description: 'a'.repeat(10 * 1024 * 1024) });
    expect(hugeApi.status).toBe(413);
    expect(hugeApi.headers.get('content-type')).toContain('application/problem+json');
  });

  it('escapes HTML from text fields on every page (XSS)', async () => {
    const evil = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const a = await published({ title: `Proefclub ${evil}`, description: `Lekker proeven ${evil}`, contact: evil, locationName: evil });
    for (const path of [`/activiteiten/${a.id}`, '/activiteiten?q=proefclub']) {
      const html = await (await anon().get(path)).text();
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
      expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    }
  });

  it('offers a valid iCalendar file with a weekly RRULE', async () => {
    const a = await published({ title: 'Mantelzorgcafé; samen, even ertussenuit', description: 'Een lange beschrijving '.repeat(10), schedule: { kind: 'weekly', startDate: '2026-01-06', untilDate: '2026-12-31', startTime: '19:30', endTime: '21:00', weekdays: [2, 4] } });
    const res = await anon().get(`/activiteiten/${a.id}/agenda.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    const ics = await res.text();
    expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toContain('\n');
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DTSTART;TZID=Europe/Amsterdam:20260106T193000');
    expect(unfolded).toContain('DTEND;TZID=Europe/Amsterdam:20260106T210000');
    expect(unfolded).toContain('RRULE:FREQ=WEEKLY;BYDAY=TU,TH;UNTIL=20261231T225900Z');
    expect(unfolded).toContain('SUMMARY:Mantelzorgcafé\\; samen\\, even ertussenuit');
    expect(unfolded).toContain(`UID:${a.id}@localhost`);
    expect(unfolded).toContain('BEGIN:VTIMEZONE');
  });

  it('exports the filtered catalogue as CSV and XLSX', async () => {
    await published({ title: 'Exporttest "Breiclub", met komma', description: '=1+1 is geen formule', districtCode: 'centrum' });
    const csv = await anon().get('/activiteiten/export.csv?q=breiclub&district=centrum');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0].split(';').slice(0, 3)).toEqual(['id', 'titel', 'organisatie']);
    expect(lines[1]).toContain('"Exporttest ""Breiclub"", met komma"');
    expect(lines[1]).toContain("'=1+1 is geen formule");
    const xlsx = await anon().get('/activiteiten/export.xlsx?q=breiclub');
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as never);
    const ws = wb.getWorksheet('Activiteiten')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(2).value).toBe('Exporttest "Breiclub", met komma');
    // Identical exports are shared, but a publication shows in the next export at once.
    await published({ title: 'Exporttest Breiclub twee', districtCode: 'centrum' });
    const after = (await (await anon().get('/activiteiten/export.csv?q=breiclub&district=centrum')).text()).trim().split('\r\n');
    expect(after).toHaveLength(3);
    // While the most exports allowed are being made, another one is refused with 503, Retry-After and a Dutch message.
    const release: (() => void)[] = [];
    const held = Array.from({ length: MAX_CONCURRENT_EXPORTS }, (_, i) => sharedExport(database.db, `held-${i}`, 10_000, () => new Promise((r) => release.push(() => r(new Uint8Array())))));
    const busy = await anon().get('/activiteiten/export.xlsx?q=koffie');
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(await busy.text()).toContain('Er worden op dit moment al veel exports gemaakt. Probeer het over 5 seconden opnieuw.');
    release.forEach((r) => r());
    await Promise.all(held);
    expect((await anon().get('/activiteiten/export.xlsx?q=koffie')).status).toBe(200);
  });

  it('serves the JSON API with the same filters and problem+json errors', async () => {
    await published({ title: 'API-test fietsmaatjes', districtCode: 'zuid-west', wheelchairAccessible: true, languages: ['nl', 'pl'] });
    const res = await anon().get('/api/v1/activities?q=fietsmaatjes&district=zuid-west&wheelchair=true&language=pl&page=1&pageSize=5');
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBeTruthy();
    const body = (await res.json()) as { total: number; items: { id: string; title: string; startsAt: string; links: { calendar: string } }[] };
    expect(body.total).toBe(1);
    expect(body.items[0].title).toBe('API-test fietsmaatjes');
    const one = await anon().get(`/api/v1/activities/${body.items[0].id}`);
    expect(((await one.json()) as { title: string }).title).toBe('API-test fietsmaatjes');
    const bad = await anon().get('/api/v1/activities?day=9&free=misschien');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await bad.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(problem.invalidParams.map((p) => p.name).sort()).toEqual(['free']);
    const badDay = (await (await anon().get('/api/v1/activities?day=9')).json()) as { invalidParams: { name: string; reason: string }[] };
    expect(badDay.invalidParams[0]).toMatchObject({ name: 'day' });
    expect(badDay.invalidParams[0].reason).toMatch(/^Dag: /);
  });

  it('documents the activities API in OpenAPI', async () => {
    const doc = (await (await anon().get('/api/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { parameters?: { name: string }[] }>> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/activities', '/activities/{id}', '/activities/{id}/publish', '/activities/{id}/end']));
    expect(doc.paths['/activities'].get.parameters!.map((p) => p.name)).toEqual(['q', 'theme', 'district', 'neighbourhood', 'targetGroup', 'day', 'timeOfDay', 'free', 'haarlemPas', 'wheelchair', 'language', 'page', 'pageSize']);
  });

  it('lets partner staff use the API for their own organisation only', async () => {
    expect((await anon().json('/api/v1/activities', 'POST', activityInputFor())).status).toBe(401);
    const created = await partnerA.json('/api/v1/activities', 'POST', activityInputFor({ title: 'Via de API' }));
    expect(created.status).toBe(201);
    const a = (await created.json()) as { id: string; status: string };
    expect(a.status).toBe('draft');
    expect((await anon().get(`/api/v1/activities/${a.id}`)).status).toBe(404);
    expect((await partnerB.json(`/api/v1/activities/${a.id}`, 'PUT', activityInputFor({ title: 'Overgenomen' }))).status).toBe(404);
    const badInput = await partnerA.json('/api/v1/activities', 'POST', activityInputFor({ schedule: { kind: 'one-off', startDate: '2026-05-01', startTime: '12:00', endTime: '11:00' } }));
    expect(badInput.status).toBe(400);
    const p = (await badInput.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(p.invalidParams).toEqual([{ name: 'schedule.endTime', code: 'invalid', reason: 'Eindtijd: het einde ligt vóór of op het begin' }]);
    const missing = await partnerA.json('/api/v1/activities', 'POST', { title: '' });
    const pm = (await missing.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(pm.invalidParams.find((x) => x.name === 'title')?.reason).toMatch(/^Titel: /);
    // Shape and references in one pass: an empty title and an unknown theme are reported together, in Dutch.
    const { schedule: _s, ...noSchedule } = activityInputFor();
    const both = await partnerA.json('/api/v1/activities', 'POST', { ...noSchedule, title: '', themes: ['bestaat-niet'] });
    const pb = (await both.json()) as { invalidParams: { name: string; code: string; reason: string }[] };
    expect(pb.invalidParams).toEqual([
      { name: 'title', code: 'too_small', reason: 'Titel: moet minstens 3 tekens hebben' },
      { name: 'schedule', code: 'invalid_type', reason: 'Wanneer: is verplicht' },
      { name: 'themes.0', code: 'unknown_reference', reason: 'Thema’s: dit thema bestaat niet' },
    ]);
    expect((await partnerA.json(`/api/v1/activities/${a.id}/publish`, 'POST', {})).status).toBe(200);
    expect((await anon().get(`/api/v1/activities/${a.id}`)).status).toBe(200);
    expect((await partnerA.json(`/api/v1/activities/${a.id}/publish`, 'POST', {})).status).toBe(409);
  });

  it('shows a "Snel weg" control on sensitive activities that works without JavaScript', async () => {
    const a = await published({ title: 'Steun na huiselijk geweld', sensitive: true });
    const html = await (await anon().get(`/activiteiten/${a.id}`)).text();
    expect(html).toMatch(/<a[^>]*href="https:\/\/www\.google\.nl\/"[^>]*>Snel weg<\/a>/);
    expect(html).toContain('<script src="/assets/catalogue/snel-weg.js" defer="">');
    const js = await anon().get('/assets/catalogue/snel-weg.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).toContain('Escape');
    const normal = await published({ title: 'Gewone activiteit' });
    expect(await (await anon().get(`/activiteiten/${normal.id}`)).text()).not.toContain('Snel weg');
  });
});
