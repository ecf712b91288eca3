// Journey of the import part: partner staff upload a spreadsheet with errors, see the errors per row (never an
// identifier), download the error report, fix the file, import it again and see the result; re-importing the same
// file adds nothing. With and without JavaScript; axe-core checks every page visited.
import { describe, it, beforeAll, afterAll, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { useHarness, visit, login, demoEmail, expectAccessible, uploadAndWait } from './harness.ts';
import { queryRows } from '../src/platform/db/client.ts';

const h = useHarness();
let activityId: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-import-'));
beforeAll(async () => {
  const [row] = await queryRows<{ id: string }>(
    h.database.db,
    sql`select a.id from activities a join users u on u.organisation_id = a.organisation_id where u.email = ${demoEmail('partner_staff')} and a.status = 'published' order by a.title limit 1`,
  );
  activityId = row.id;
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (page: Page, file: string) => uploadAndWait(page, { form: '/verantwoording/import', file, refreshLink: 'Voortgang bijwerken' });

describe.each([true, false])('imports (JavaScript %s)', (javaScriptEnabled) => {
  it('uploads a file with errors, downloads the report, fixes it, imports it, and a re-import adds nothing', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    const pass = javaScriptEnabled ? 'E2EJS0001' : 'E2ENOJS01';
    const day = javaScriptEnabled ? '2026-03-02' : '2026-03-09';
    const header = 'activiteit;datum;pasnummer;naam;geboortedatum;wijk';
    const bad = path.join(dir, `bezoek-fout-${javaScriptEnabled}.csv`);
    fs.writeFileSync(bad, `${header}\r\n${activityId};${day};${pass};;;\r\n${activityId};2099-03-02;GEHEIM0001;;;\r\n${activityId};${day};;Verborgen Naam;;\r\n`);
    const rejected = await upload(page, bad);
    expect(rejected).toContain('Afgekeurd');
    expect(rejected).toContain('De datum ligt in de toekomst.');
    expect(rejected).toContain('Bij een naam hoort een geboortedatum.');
    expect(rejected).not.toContain('GEHEIM0001');
    expect(rejected).not.toContain('Verborgen Naam');
    await expectAccessible(page);
    const download = await page.request.get(page.url() + '/fouten.csv');
    expect(download.status()).toBe(200);
    const report = await download.text();
    expect(report).toContain('De datum ligt in de toekomst.');
    expect(report).not.toContain('GEHEIM0001');
    expect((await page.request.get(page.url() + '/fouten.xlsx')).status()).toBe(200);

    // Fixed: the future date corrected, the date of birth added.
    const good = path.join(dir, `bezoek-goed-${javaScriptEnabled}.csv`);
    fs.writeFileSync(good, `${header}\r\n${activityId};${day};${pass};;;\r\n${activityId};${day};GEHEIM0001;;;\r\n${activityId};${day};;Verborgen Naam;1-1-1960;\r\n`);
    const done = await upload(page, good);
    expect(done).toMatch(/Ingelezen: 3 regels, 3 nieuwe bezoeken/);
    await expectAccessible(page);
    const again = await upload(page, good);
    expect(again).toMatch(/Ingelezen: 3 regels, 0 nieuwe bezoeken, 0 nieuwe bijeenkomsten/);
    await visit(page, '/verantwoording/import');
    expect(await page.textContent('main')).toContain(`bezoek-goed-${javaScriptEnabled}.csv`);
    await visit(page, '/verantwoording/import/koppelingen');
    await ctx.close();
  });
});
