// The accountability journey of issue 9 from start to end, as one partner staff member (DOCK Haarlem, demo) does it:
// write the organisation's part of the theme table's plan, register a month of sessions of a weekly activity, import
// a spreadsheet with errors, fix it, import it again twice, and see reach go up exactly once. axe-core checks every
// page visited.
import { describe, it, afterAll, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { queryRows } from '../src/platform/db/client.ts';

const h = useHarness();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-e2e-reach-'));
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const click = async (page: Page, role: 'button' | 'link', name: string) => {
  await page.getByRole(role, { name, exact: true }).first().click();
  await page.waitForLoadState('load');
};

/** The previous calendar month (YYYY-MM) and its last day. */
function previousMonth(): { month: string; last: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { month: first.toISOString().slice(0, 7), last: last.toISOString().slice(0, 10) };
}

/** Reach of one activity as its own organisation sees it (exact figures). */
async function reachOf(page: Page, year: string, activity: string, organisation: string) {
  const res = await page.request.get(`/api/v1/reach?year=${year}&activity=${activity}&organisation=${organisation}`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { uniqueResidents: number; visits: number; sessions: number; plannedReach: number; disclosure: { exact: boolean } };
  expect(body.disclosure.exact).toBe(true);
  return body;
}

async function importFile(page: Page, file: string): Promise<string> {
  await visit(page, '/verantwoording/import');
  await page.getByLabel('Bestand', { exact: true }).setInputFiles(file);
  await click(page, 'button', 'Inlezen');
  await expectAccessible(page);
  for (let i = 0; i < 60; i++) {
    const main = (await page.textContent('main')) ?? '';
    if (!main.includes('Voortgang bijwerken')) return main;
    await page.waitForTimeout(500);
    await click(page, 'link', 'Voortgang bijwerken');
  }
  throw new Error('import did not finish');
}

describe('accountability journey', () => {
  it('plan → a month of sessions → import with errors → fixed → reach goes up exactly once', async () => {
    const { month, last } = previousMonth();
    const year = month.slice(0, 4);
    // A weekly, published DOCK activity in one of DOCK's themes that nobody registered sessions for yet.
    const [a] = await queryRows<{ id: string; title: string; theme: string; organisation_id: string }>(
      h.database.db,
      sql`select a.id, a.title, a.themes[1] as theme, a.organisation_id from activities a join organisations o on o.id = a.organisation_id
          where o.name = 'DOCK Haarlem' and a.status = 'published' and a.schedule_kind = 'weekly' and a.start_date < ${`${month}-01`}
            and (a.until_date is null or a.until_date > ${last}) and a.themes[1] = any(o.themes)
            and not exists (select 1 from reach_sessions s where s.activity_id = a.id)
          order by a.title limit 1`,
    );
    expect(a, 'a weekly DOCK activity without sessions').toBeTruthy();

    const ctx = await h.context();
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));

    // 1. The plan: the theme table's plan for this year; DOCK chooses the activity for a sub-goal and writes its part.
    await visit(page, `/verantwoording/plannen/${a.theme}/${year}`);
    await click(page, 'link', 'Keuze toevoegen bij dit subdoel');
    await page.getByLabel('Activiteit uit de catalogus').selectOption(a.id);
    await page.getByLabel('Indicatoren (wat meet u) *').fill('Unieke deelnemers per maand');
    await page.getByLabel('Hoe meet u dat *').fill('Presentielijst met pasnummer, ingelezen uit onze administratie');
    await page.getByLabel('Waarom deze wijziging *').fill('Cruciaal voor dit subdoel');
    await click(page, 'button', 'Opslaan');
    await expectAccessible(page);
    await visit(page, `/verantwoording/plannen/${a.theme}/${year}/regels/nieuw?activiteit=${a.id}`);
    await expectAccessible(page);
    await page.getByLabel('Geplande bijeenkomsten *').fill('45');
    await page.getByLabel('Geplande uren *').fill('90');
    await page.locator('#veld-targets-0-plannedResidents').fill('40');
    await page.getByLabel('Waarom deze wijziging *').fill('Ons deel van het plan');
    await click(page, 'button', 'Opslaan');
    expect(await page.textContent('main')).toContain('Alle inwoners · Hele stad: 40 inwoners');
    await expectAccessible(page);
    const planned = await reachOf(page, year, a.id, a.organisation_id);
    expect(planned).toMatchObject({ uniqueResidents: 0, visits: 0, sessions: 0, plannedReach: 40 });

    // 2. A month of sessions: every date held, 3 anonymous visitors at the first.
    await visit(page, `/verantwoording/activiteiten/${a.id}/maand?maand=${month}`);
    const n = (await page.locator('select[name^="rows."][name$=".status"]').count()) - 1; // the last line is an extra date
    expect(n).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < n; i++) await page.locator(`select[name="rows.${i}.status"]`).selectOption('held');
    await page.locator('input[name="rows.0.headcount"]').fill('3');
    await click(page, 'button', 'Maand opslaan');
    expect(await page.textContent('main')).toContain(`Opgeslagen: ${n} bijeenkomsten.`);
    await expectAccessible(page);
    const [first] = await queryRows<{ date: string }>(h.database.db, sql`select to_char(date, 'YYYY-MM-DD') as date from reach_sessions where activity_id = ${a.id} order by date limit 1`);
    const afterMonth = await reachOf(page, year, a.id, a.organisation_id);
    expect(afterMonth).toMatchObject({ uniqueResidents: 0, visits: 3, sessions: n });

    // 3. A spreadsheet with errors: nothing is stored.
    const header = 'activiteit;datum;pasnummer;naam;geboortedatum;wijk';
    const rows = [`${a.id};${first.date};HP-0001-E2E;;;`, `${a.id};${first.date};hp 0002 e2e;;;`, `${a.id};${first.date};;Émile Reis;3-4-1950;`];
    const bad = path.join(dir, 'bezoek-fout.csv');
    fs.writeFileSync(bad, [header, ...rows, `${a.id};2099-01-05;HP0003E2E;;;`, `${a.id};${first.date};;Zonder Datum;;`].join('\r\n') + '\r\n');
    const rejected = await importFile(page, bad);
    expect(rejected).toContain('De datum ligt in de toekomst.');
    expect(rejected).toContain('Bij een naam hoort een geboortedatum.');
    expect(rejected).not.toContain('Zonder Datum');
    expect((await reachOf(page, year, a.id, a.organisation_id)).uniqueResidents).toBe(0);

    // 4. Fixed: imported; the same residents spelled differently in a second file, and the same file again, add nothing.
    const good = path.join(dir, 'bezoek-goed.csv');
    fs.writeFileSync(good, [header, ...rows, `${a.id};${first.date};HP0003E2E;;;`, `${a.id};${first.date};;Zonder Datum;1-1-1970;`].join('\r\n') + '\r\n');
    expect(await importFile(page, good)).toMatch(/Ingelezen: 5 regels, 5 nieuwe bezoeken/);
    const imported = await reachOf(page, year, a.id, a.organisation_id);
    expect(imported).toMatchObject({ uniqueResidents: 5, visits: 8, sessions: n });
    const again = path.join(dir, 'bezoek-anders-gespeld.csv');
    fs.writeFileSync(again, [header, `${a.id};${first.date};HP 0001 E2E;;;`, `${a.id};${first.date};;EMILE  REIS;1950-04-03;`].join('\r\n') + '\r\n');
    expect(await importFile(page, again)).toMatch(/0 nieuwe bezoeken/);
    expect(await importFile(page, good)).toMatch(/0 nieuwe bezoeken/);
    expect(await reachOf(page, year, a.id, a.organisation_id)).toMatchObject({ uniqueResidents: 5, visits: 8, sessions: n });

    // 5. The reach page shows the same, exactly, to the organisation itself.
    await visit(page, `/verantwoording/bereik?year=${year}&organisation=${a.organisation_id}&activity=${a.id}`);
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain(a.title);
    await ctx.close();
  });
});
