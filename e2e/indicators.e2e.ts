// Journey of the indicators (level 4): a policy advisor imports a file with one bad area code, sees the error per
// row and downloads the report, fixes the file, imports it and sees the values on the indicator page; the map page
// with its table; the targets, definition and boundary pages; the council member (auditor) reads the indicators.
// With and without JavaScript, at 1280 and 390 px; axe-core checks every page visited.
import { describe, it, afterAll, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible, uploadAndWait } from './harness.ts';

const h = useHarness();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-indicators-'));
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const upload = (page: Page, file: string) => uploadAndWait(page, { form: '/indicatoren/import', file, refreshLink: 'Vernieuw deze pagina om de voortgang te zien' });

describe.each([true, false])('indicators (JavaScript %s)', (javaScriptEnabled) => {
  it('imports a file with a bad area code, shows the error, imports the fixed file, shows the values, the map and the other pages', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    const period = javaScriptEnabled ? '2021' : '2022';
    const header = 'indicator;gebied;periode;waarde';
    const bad = path.join(dir, `eenzaamheid-fout-${javaScriptEnabled}.csv`);
    fs.writeFileSync(bad, `${header}\r\neenzaamheid-volwassenen;schalkwijk;${period};51\r\neenzaamheid-volwassenen;WK039299;${period};47\r\n`);
    const rejected = await upload(page, bad);
    expect(rejected).toContain('afgekeurd');
    expect(rejected).toContain('WK039299');
    expect(rejected).toContain('Onbekende gebiedscode');
    const report = await page.request.get(page.url() + '/fouten.csv');
    expect(await report.text()).toContain('3;gebied;WK039299;Onbekende gebiedscode');

    const good = path.join(dir, `eenzaamheid-goed-${javaScriptEnabled}.csv`);
    fs.writeFileSync(good, `${header}\r\neenzaamheid-volwassenen;schalkwijk;${period};51\r\neenzaamheid-volwassenen;oost;${period};47,5\r\n`);
    const done = await upload(page, good);
    expect(done).toContain('Ingelezen: 2 nieuwe waarden');

    await visit(page, '/indicatoren/eenzaamheid-volwassenen');
    const table = (await page.textContent('table:has(#waarden-tabel)')) ?? '';
    expect(table).toContain(period);
    expect(table).toContain('47,5');
    expect(await page.locator('svg[role="img"] title').first().textContent()).toContain('Volwassenen die zich eenzaam voelen');

    await visit(page, '/indicatoren/kaart?indicator=cbs-percentage-eenpersoonshuishoudens&periode=2024&niveau=wijk');
    expect(await page.locator('svg.sb-map title').textContent()).toContain('Eenpersoonshuishoudens per wijk, 2024');
    expect(await page.textContent('table:has(#kaart-tabel)')).toContain('Oude Stad');

    for (const p of ['/indicatoren', '/indicatoren?thema=ontmoeten', '/indicatoren/doelen', '/indicatoren/doelen/nieuw', '/indicatoren/nieuw', '/indicatoren/eenzaamheid-volwassenen/bewerken', '/indicatoren/gebieden']) await visit(page, p);
    await ctx.close();
  });
});

describe('indicators for the council member and on a phone', () => {
  it('lets the auditor read the list, an indicator, the map and the targets; pages work at 390 px', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    await login(page, demoEmail('auditor'));
    await page.setViewportSize({ width: 390, height: 844 });
    for (const p of ['/indicatoren', '/indicatoren/segregatie-index', '/indicatoren/kaart', '/indicatoren/doelen']) {
      await visit(page, p);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
    }
    await visit(page, '/indicatoren/import', 403);
    await ctx.close();
  });
});
