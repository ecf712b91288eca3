// The report pages and API over HTTP (in-process): access per role, the small-cell rule in JSON, bad filters as
// 400 naming the field, exports equal to the page, the explanation form without JavaScript and the API's PUT.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { buildOrganisation, buildActivity, insertSession, insertPlan } from './test-factory.ts';

async function clientFor(app: App, db: TestDatabase, roles: Role[], organisationId: string | null = null): Promise<TestClient> {
  const email = `r-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  await createUser({ ...ctxFor(db, adminActor), system: undefined }, { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  const res = await client.login(email, TEST_PASSWORD);
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return client;
}

/** The cells of every table on a page (caption, then each row's cells), as text. */
function pageTables(html: string): string[][] {
  const out: string[][] = [];
  for (const t of html.matchAll(/<table[\s\S]*?<\/table>/g)) {
    const caption = /<caption[^>]*>([\s\S]*?)<\/caption>/.exec(t[0])?.[1] ?? '';
    out.push([caption]);
    for (const r of t[0].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)) out.push([...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1].replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").trim()));
  }
  return out;
}

describe.each(dbKinds)('reach reports over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let orgA: string;
  let orgB: string;
  let a1: string;

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    const sys = ctxFor(db);
    orgA = (await buildOrganisation(sys)).id;
    orgB = (await buildOrganisation(sys)).id;
    a1 = (await buildActivity(sys, orgA, { title: 'Koffie & praten', themes: ['ontmoeten'], districtCode: 'noord' })).id;
    const a2 = (await buildActivity(sys, orgB, { title: 'Wandelen', themes: ['gezonde-leefstijl'], districtCode: 'oost' })).id;
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-01-05', headcount: 4, visitors: Array.from({ length: 12 }, (_, i) => ({ id: `pas:A${i}`, wijk: 'WK039210' })) });
    await insertSession(sys, { activityId: a2, organisationId: orgB, date: '2026-02-03', volunteers: 2, volunteerHours: 4, volunteerIds: ['v1', 'v2'], visitors: [{ id: 'pas:A0', wijk: 'WK039210' }, { id: 'pas:B1', wijk: 'WK039206' }] });
    await insertPlan(sys, 'ontmoeten', 2026, [{ activityId: a1, organisationId: orgA, plannedSessions: 10, plannedHours: 20, targets: [{ planned: 25 }] }]);
  }, 120_000);
  afterAll(() => db?.drop());

  it('GET /api/v1/reach: the small-cell rule for outsiders, exact figures for the own organisation', async () => {
    const advisor = await clientFor(app, db, ['policy_advisor']);
    const res = await advisor.get('/api/v1/reach?year=2026');
    expect(res.status).toBe(200);
    const body = await res.json();
    // 13 residents → 15; visits 12 + 4 + 2 = 18 → 20; 2 sessions; 1 resident at both organisations → "< 5".
    expect(body).toMatchObject({ uniqueResidents: 15, visits: 20, sessions: 2, plannedReach: 25, overlap: '< 5', disclosure: { exact: false } });
    expect(typeof body.disclosure.rule).toBe('string');
    const staffB = await clientFor(app, db, ['partner_staff'], orgB);
    const own = await (await staffB.get(`/api/v1/reach?year=2026&organisation=${orgB}`)).json();
    expect(own).toMatchObject({ uniqueResidents: 2, visits: 2, disclosure: { exact: true } });
    const notOwn = await (await staffB.get(`/api/v1/reach?year=2026&organisation=${orgA}`)).json();
    expect(notOwn).toMatchObject({ uniqueResidents: 10, visits: 15, disclosure: { exact: false } });
  });

  it('bad filters: 400 naming the field, unknown references as unknown_reference', async () => {
    const advisor = await clientFor(app, db, ['policy_advisor']);
    const res = await advisor.get('/api/v1/reach?year=2026&theme=nergens&district=maan&wijk=WK000000');
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.invalidParams).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'theme', code: 'unknown_reference' }), expect.objectContaining({ name: 'district', code: 'unknown_reference' }), expect.objectContaining({ name: 'wijk', code: 'unknown_reference' })]));
    const noYear = await advisor.get('/api/v1/reach');
    expect(noYear.status).toBe(400);
    expect((await noYear.json()).invalidParams[0].name).toBe('year');
    const page = await advisor.get('/verantwoording/bereik?year=2026&theme=nergens');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('dit thema bestaat niet');
  });

  it('access: residents and anonymous visitors are refused; auditors read aggregates with the rule', async () => {
    const resident = await clientFor(app, db, ['resident']);
    for (const path of ['/verantwoording/bereik', '/verantwoording/uitvoering', '/verantwoording/vrijwilligers', '/api/v1/reach?year=2026', '/api/v1/delivery?year=2026', '/api/v1/volunteers?year=2026']) {
      expect((await resident.get(path)).status).toBe(403);
    }
    expect((await new TestClient(app).get('/api/v1/reach?year=2026')).status).toBe(401);
    const auditor = await clientFor(app, db, ['auditor']);
    const body = await (await auditor.get(`/api/v1/reach?year=2026&organisation=${orgB}`)).json();
    expect(body).toMatchObject({ uniqueResidents: '< 5', disclosure: { exact: false } });
    const volunteer = await clientFor(app, db, ['volunteer'], orgB);
    expect((await volunteer.get(`/api/v1/reach?year=2026&organisation=${orgA}`)).status).toBe(404);
    expect(await (await volunteer.get('/api/v1/volunteers?year=2026')).json()).toMatchObject({ activeVolunteers: 2, turns: 2, hours: 4 });
  });

  it('the pages show the rule, and the CSV and XLSX exports hold exactly what the page shows', async () => {
    const advisor = await clientFor(app, db, ['policy_advisor']);
    for (const page of ['bereik', 'uitvoering', 'vrijwilligers']) {
      const q = `year=2026&district=noord`;
      const html = await (await advisor.get(`/verantwoording/${page}?${q}`)).text();
      expect(html).toContain('afgerond op een veelvoud van 5');
      expect(html).toContain(`formaat=csv`);
      const shown = pageTables(html).filter((r) => r.length > 1 || r[0] !== '');
      const csv = await advisor.get(`/verantwoording/${page}?${q}&formaat=csv`);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n').slice(3).filter((l) => l !== '');
      const parse = (l: string) => {
        const cells: string[] = [];
        let cur = '';
        let quoted = false;
        for (let i = 0; i < l.length; i++) {
          const ch = l[i];
          if (quoted && ch === '"' && l[i + 1] === '"') (cur += '"'), i++;
          else if (ch === '"') quoted = !quoted;
          else if (ch === ';' && !quoted) cells.push(cur), (cur = '');
          else cur += ch;
        }
        return [...cells, cur];
      };
      const norm = (cells: string[]) => cells.map((x) => x.replace(/\./g, '').replace(',', '.'));
      expect(lines.map((l) => norm(parse(l)))).toEqual(shown.filter((r) => !(r.length === 1 && r[0] === 'Er zijn geen gegevens voor deze keuze.')).map(norm));
      const xlsx = await advisor.get(`/verantwoording/${page}?${q}&formaat=xlsx`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const fromXlsx = wb.worksheets.flatMap((ws) => [[ws.name.trim()], ...(ws.getSheetValues().slice(2) as unknown[][]).filter(Boolean).map((r) => r.slice(1).map((c) => String(c ?? '')))]);
      expect(fromXlsx.length).toBe(lines.length);
    }
    const html = await (await advisor.get('/verantwoording/bereik?year=2026')).text();
    expect(html).toContain('Koffie'); // the activity filter lists the year's activities
    expect(html).toMatch(/<th class="utrecht-table__header-cell" scope="row">/);
  });

  it('level 1: deviation marked in words, explanation form for the own staff only, saved without JavaScript and through the API', async () => {
    const staffA = await clientFor(app, db, ['partner_staff'], orgA);
    const page = await (await staffA.get('/verantwoording/uitvoering?year=2026')).text();
    expect(page).toContain('Afwijking: minder dan gepland');
    expect(page).toContain('meer dan 10%');
    expect(page).toContain('action="/verantwoording/uitvoering/toelichting"');
    const saved = await staffA.postForm('/verantwoording/uitvoering/toelichting', { activityId: a1, year: '2026', text: 'Gestart in januari; de rest volgt.', terug: 'year=2026' }, '/verantwoording/uitvoering?year=2026');
    expect(saved.status).toBe(303);
    expect(await (await staffA.get('/verantwoording/uitvoering?year=2026')).text()).toContain('Gestart in januari; de rest volgt.');
    const put = await staffA.json(`/api/v1/explanations/${a1}/2026`, 'PUT', { text: 'Via de API.' });
    expect(put.status).toBe(200);
    expect((await (await staffA.get('/api/v1/delivery?year=2026')).json()).rows[0]).toMatchObject({ activityId: a1, explanation: 'Via de API.', deviation: 'under' });
    const staffB = await clientFor(app, db, ['partner_staff'], orgB);
    expect(await (await staffB.get('/verantwoording/uitvoering?year=2026')).text()).not.toContain('action="/verantwoording/uitvoering/toelichting"');
    expect((await staffB.json(`/api/v1/explanations/${a1}/2026`, 'PUT', { text: 'Niet van ons.' })).status).toBe(404);
    const advisor = await clientFor(app, db, ['policy_advisor']);
    expect((await advisor.json(`/api/v1/explanations/${a1}/2026`, 'PUT', { text: 'x' })).status).toBe(403);
  });
});
