// The import pages and API over HTTP (in-process) on both databases: upload without JavaScript, the job, the
// result with errors and their downloads (never an identifier value), "only the valid rows", the templates,
// column mappings, the 25 MB limit with a clear message, the API (batch, file, status), and access.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import ExcelJS from 'exceljs';
import { dbKinds, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import { JobRegistry, JobWorker, platformJobs } from '../../platform/jobs/index.ts';
import { modules } from '../index.ts';
import { clientFor } from '../places/test-http.ts';
import { csv, figures, importSetup } from './test-imports.ts';

const SECRETS = ['GEHEIM0001', 'Verborgen Naam', '12-12-1940'];

describe.each(dbKinds)('imports over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let setup: Awaited<ReturnType<typeof importSetup>>;
  let staff: TestClient;
  let other: TestClient;
  const work = () => new JobWorker({ db: db.db, tenant: db.tenant, registry: new JobRegistry([...platformJobs, ...modules.flatMap((m) => m.jobs)]) }).runOnce();

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    setup = await importSetup(ctxFor(db));
    staff = await clientFor(app, db, ['partner_staff'], setup.org.id);
    other = await clientFor(app, db, ['partner_staff'], setup.other.id);
  });
  afterAll(async () => db?.drop());

  async function upload(client: TestClient, file: Buffer, name: string, fields: Record<string, string> = {}, path = '/verantwoording/import') {
    const form = new FormData();
    form.append('_csrf', await client.csrf(path));
    form.append('organisationId', setup.org.id);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new File([new Uint8Array(file)], name, { type: 'text/csv' }));
    return client.request(path, { method: 'POST', body: form });
  }

  it('uploads a file with errors, shows them without identifiers, downloads the report, and imports only the valid rows', async () => {
    const a = setup.activity.id;
    const page = await staff.get('/verantwoording/import');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('enctype="multipart/form-data"');
    const file = csv([
      [a, '2026-02-02', 'GOED00001', '', '', '', '', ''],
      [a, '2099-02-02', 'GEHEIM0001', '', '', '', '', ''],
      [a, '2026-02-02', '', 'Verborgen Naam', '', '', '', ''],
      [a, '2026-02-02', '', 'Verborgen Naam', '12-12-1940', '', 'Nergens', ''],
    ]);
    const res = await upload(staff, file, 'bezoek-februari.csv');
    expect(res.status).toBe(303);
    const url = res.headers.get('location')!;
    expect(url).toMatch(/^\/verantwoording\/import\/[0-9a-f-]{36}$/);
    const waiting = await (await staff.get(url)).text();
    expect(waiting).toContain('Voortgang bijwerken');
    expect(await work()).toBe(true);
    const html = await (await staff.get(url)).text();
    expect(html, html.replace(/[\s\S]*<main/, '')).toContain('Afgekeurd');
    expect(html).toContain('De datum ligt in de toekomst.');
    expect(html).toContain('Bij een naam hoort een geboortedatum.');
    expect(html).toContain('Nergens');
    expect(html).toContain('Importeer alleen de geldige regels');
    for (const s of SECRETS) expect(html).not.toContain(s);
    const before = await figures(ctxFor(db), a);
    const report = await staff.get(`${url}/fouten.csv`);
    expect(report.headers.get('content-type')).toContain('text/csv');
    const reportText = await report.text();
    expect(reportText).toContain('Regel;Kolom;Waarde;Wat is er mis');
    expect(reportText).toContain('3;datum;2099-02-02;De datum ligt in de toekomst.');
    expect(reportText).toContain('(niet getoond)');
    for (const s of SECRETS) expect(reportText).not.toContain(s);
    const xlsx = await staff.get(`${url}/fouten.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('De datum ligt in de toekomst.');
    for (const s of SECRETS) expect(cells).not.toContain(s);
    // Another organisation's staff cannot see it.
    expect((await other.get(url)).status).toBe(404);
    expect((await other.get(`${url}/fouten.csv`)).status).toBe(404);

    const retry = await staff.postForm(`${url}/geldige-regels`, {}, url);
    expect(retry.status).toBe(303);
    const next = retry.headers.get('location')!;
    expect(next).not.toBe(url);
    await work();
    const done = await (await staff.get(next)).text();
    expect(done).toContain('Ingelezen: 1 regels, 1 nieuwe bezoeken, 1 nieuwe bijeenkomsten.');
    expect((await figures(ctxFor(db), a)).visits - before.visits).toBe(1);
    // The first import let go of its file: no second run.
    expect((await staff.postForm(`${url}/geldige-regels`, {}, url)).status).toBe(409);
    const list = await (await staff.get('/verantwoording/import')).text();
    expect(list).toContain('bezoek-februari.csv');
  });

  it('serves the templates; the example row is fictional and refused on its activity', async () => {
    const c = await staff.get('/verantwoording/import/sjabloon.csv');
    expect(c.status).toBe(200);
    const bytes = Buffer.from(await c.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, so Excel reads UTF-8
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\ufeffactiviteit;datum;pasnummer;naam;geboortedatum;geboortejaar;wijk;doelgroepen');
    const x = await staff.get('/verantwoording/import/sjabloon.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await x.arrayBuffer()) as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).values).toEqual([undefined, 'activiteit', 'datum', 'pasnummer', 'naam', 'geboortedatum', 'geboortejaar', 'wijk', 'doelgroepen']);
    const res = await upload(staff, Buffer.from(text), 'sjabloon.csv');
    await work();
    const html = await (await staff.get(res.headers.get('location')!)).text();
    expect(html).toContain('Deze activiteit staat niet in het platform');
  });

  it('refuses a file over 25 MB with a clear message, and a form without a file', async () => {
    const big = Buffer.alloc(30 * 1024 * 1024, 'x');
    const res = await upload(staff, big, 'groot.csv');
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('Het bestand is groter dan 25 MB');
    const form = new FormData();
    form.append('_csrf', await staff.csrf('/verantwoording/import'));
    form.append('organisationId', setup.org.id);
    const none = await staff.request('/verantwoording/import', { method: 'POST', body: form });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('Kies een bestand (CSV of Excel .xlsx).');
  });

  it('saves a column mapping from a sample file and uses it at upload', async () => {
    const sample = csv([[setup.activity.id, '9-2-2026', 'KOP00001']], 'Activiteit-ID;Bezoekdatum;Klant');
    const step1 = await upload(staff, sample, 'voorbeeld.csv', { stap: '1' }, '/verantwoording/import/koppelingen');
    expect(step1.status, (await step1.clone().text()).replace(/[\s\S]*<main/, '')).toBe(200);
    const html = await step1.text();
    expect(html).toContain('<option value="Bezoekdatum">Bezoekdatum</option>');
    const saved = await staff.postForm('/verantwoording/import/koppelingen', { organisationId: setup.org.id, stap: '2', headers: ['Activiteit-ID', 'Bezoekdatum', 'Klant'], name: 'Eigen systeem', 'mapping.activiteit': 'Activiteit-ID', 'mapping.datum': 'Bezoekdatum', 'mapping.pasnummer': 'Klant' });
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toMatch(/De koppeling (&quot;|")Eigen systeem(&quot;|") is opgeslagen\./);
    const page = await (await staff.get('/verantwoording/import')).text();
    const id = /<option value="([0-9a-f-]{36})">Eigen systeem<\/option>/.exec(page)?.[1];
    expect(id).toBeTruthy();
    const res = await upload(staff, sample, 'eigen.csv', { mapping: id! });
    await work();
    expect(await (await staff.get(res.headers.get('location')!)).text()).toContain('Ingelezen: 1 regels');
    const missing = await staff.postForm('/verantwoording/import/koppelingen', { organisationId: setup.org.id, stap: '2', headers: ['A'], name: 'Half', 'mapping.activiteit': 'A' });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Kies de kolom voor datum.');
  });

  it('takes a batch over the API, answers 400 with row errors (no identifiers), and runs a file as a job', async () => {
    const a = setup.activity.id;
    const ok = await staff.json('/api/v1/attendance', 'POST', { rows: [{ activiteit: a, datum: '2026-02-16', pasnummer: 'API00001', doelgroepen: ['ouderen'] }, { activiteit: a, datum: '16-2-2026' }] });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ status: 'imported', totalRows: 2, newVisits: 2, newSessions: 1 });
    const again = await staff.json('/api/v1/attendance', 'POST', { rows: [{ activiteit: a, datum: '2026-02-16', pasnummer: 'api 00001' }, { activiteit: a, datum: '2026-02-16' }] });
    expect(await again.json()).toMatchObject({ newVisits: 0 });
    const bad = await staff.json('/api/v1/attendance', 'POST', { rows: [{ activiteit: a, datum: '2099-01-01', pasnummer: 'GEHEIM0001' }, { activiteit: a, datum: '2026-02-16', naam: 'Verborgen Naam' }] });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { detail: string; invalidParams: { name: string; reason: string }[] };
    expect(problem.detail).toBe('2 regel(s) afgekeurd; er is niets opgeslagen. Zie de foutenlijst.');
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['rows.0.datum', 'rows.1.geboortedatum']);
    for (const s of SECRETS) expect(JSON.stringify(problem)).not.toContain(s);
    expect((await staff.json('/api/v1/attendance', 'POST', { rows: [{ activiteit: a, datum: '2026-02-16', bsn: '111222333' }] })).status).toBe(400);
    expect((await other.json('/api/v1/attendance', 'POST', { organisation: setup.org.id, rows: [{ activiteit: a, datum: '2026-02-16' }] })).status).toBe(403);

    const file = csv([[a, '2026-02-23', 'APIFILE01', '', '', '', '', '']]);
    const up = await staff.json('/api/v1/imports', 'POST', { fileName: 'api.csv', content: file.toString('base64') });
    expect(up.status).toBe(202);
    const location = up.headers.get('location')!;
    expect(location).toMatch(/^\/api\/v1\/imports\/[0-9a-f-]{36}$/);
    expect(((await up.json()) as { status: string }).status).toBe('queued');
    await work();
    const status = await staff.get(location);
    expect(await status.json()).toMatchObject({ status: 'imported', totalRows: 1, newVisits: 1, errorCount: 0 });
    expect((await other.get(location)).status).toBe(404);
    const bsn = await staff.json('/api/v1/imports', 'POST', { fileName: 'bsn.csv', content: csv([[a, '2026-02-23', 'X1234', '111222333']], 'activiteit;datum;pasnummer;burgerservicenummer').toString('base64') });
    await work();
    const refused = (await (await staff.get(bsn.headers.get('location')!)).json()) as { status: string; message: string };
    expect(refused.status).toBe('rejected');
    expect(refused.message).toMatch(/^Een BSN mag niet worden ingelezen/);
  });
});
