// The subsidies journey in the browser: a policy advisor opens a call for a new period, puts three organisations at
// the Ontmoeten table; staff of the three organisations write the joint application together (sections and their
// own budgets), check it and submit it; an assessor hands in the scores, the advisor records the final assessment,
// grants a subsidy to one of them, indexes the next year and adjusts it; a single grantee above EUR 500,000 shows
// its SROI obligation. With JavaScript on (1280 px) and off (390 px, phone-sized); axe-core on every page.
import { describe, it, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { systemContext } from '../src/platform/context.ts';
import { createUser } from '../src/platform/auth/service.ts';
import { adminActor } from '../test/db.ts';
import { startCallPeriod } from '../src/modules/framework/service.ts';
import { findOrganisationIdsByName } from '../src/modules/network/service.ts';

const PASSWORD = 'e2e-subsidies-wachtwoord';
const h = useHarness();
const today = new Date();
const iso = (days: number) => new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
const thisYear = today.getUTCFullYear();

beforeAll(async () => {
  const ctx = { ...systemContext(h.database.db, 'GM0392'), actor: adminActor };
  // Two new call periods (one per run), each starting next year: a call is opened for a period without one.
  for (const [i, start] of [thisYear + 1, thisYear + 5].entries()) await startCallPeriod(ctx, { code: `${start}-${start + 3}`, name: `Uitvraag e2e ${i + 1}`, startYear: start, endYear: start + 3 });
  const ids = await findOrganisationIdsByName(ctx, ['Haarlem Effect', 'Stichting Ontmoeting']);
  await createUser(ctx, { email: 'he@e2e.test', name: 'Hanna Effect', roles: ['partner_staff'], organisationId: ids.get('haarlem effect')!, password: PASSWORD });
  await createUser(ctx, { email: 'so@e2e.test', name: 'Sam Ontmoeting', roles: ['partner_staff'], organisationId: ids.get('stichting ontmoeting')!, password: PASSWORD });
}, 600_000);

const click = async (page: Page, role: 'button' | 'link', name: string | RegExp) => {
  await page.getByRole(role, { name, exact: typeof name === 'string' }).first().click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
};

describe.each([
  [true, 1280, thisYear + 1],
  [false, 390, thisYear + 5],
])('subsidies (JavaScript %s, %i px)', (javaScriptEnabled, width, startYear) => {
  it('call → joint application by three organisations → assessment → grant, indexation, adjustment → SROI', { timeout: 900_000 }, async () => {
    const period = `${startYear}-${startYear + 3}`;
    const pages: Page[] = [];
    const as = async (email: string, password?: string) => {
      const ctx = await h.context({ javaScriptEnabled });
      const page = await ctx.newPage();
      await page.setViewportSize({ width, height: 900 });
      await login(page, email, password);
      pages.push(page);
      return page;
    };
    // --- the policy advisor opens the call and sets the table
    const advisor = await as(demoEmail('policy_advisor'));
    await visit(advisor, '/subsidies');
    await click(advisor, 'link', 'Uitvraag openen');
    await advisor.getByLabel('Periode').selectOption(period);
    await click(advisor, 'button', 'Kies deze periode');
    await advisor.getByLabel('Uiterste datum aanvraag').fill(iso(30));
    await advisor.getByLabel('Uiterste datum besluit').fill(iso(60));
    await advisor.getByLabel('Budgetplafond Ontmoeten (euro)').fill('-5');
    await click(advisor, 'button', 'Uitvraag openen');
    expect(await advisor.locator('#fouten').textContent()).toContain('Budgetplafond Ontmoeten (euro): mag niet negatief zijn');
    await advisor.getByLabel('Budgetplafond Ontmoeten (euro)').fill('2.000.000');
    await advisor.getByLabel('Budgetplafond Gezonde Leefstijl (euro)').fill('1.500.000');
    await click(advisor, 'button', 'Uitvraag openen');
    expect(await advisor.textContent('main')).toContain('€\u00a03.500.000,00');
    const callUrl = new URL(advisor.url()).pathname;
    await click(advisor, 'link', 'Ontmoeten');
    for (const name of ['DOCK Haarlem', 'Haarlem Effect', 'Stichting Ontmoeting']) {
      await advisor.getByLabel('Organisatie toevoegen').selectOption({ label: name });
      await click(advisor, 'button', 'Toevoegen');
    }
    const tableUrl = new URL(advisor.url()).pathname;
    await advisor.getByLabel('Afspraken of reactie').fill('Welkom aan tafel. Graag per wijk concreet.');
    await advisor.getByLabel('Soort').selectOption({ label: 'Tussentijdse reactie van de gemeente' });
    await advisor.locator('form[action$="/notities"]').getByRole('button', { name: 'Opslaan' }).click();
    await advisor.waitForLoadState('load');
    await expectAccessible(advisor);
    expect(await advisor.textContent('main')).toContain('Welkom aan tafel');

    // --- three organisations write the application together
    const dock = await as(demoEmail('partner_staff'));
    await visit(dock, tableUrl);
    await click(dock, 'button', 'Gezamenlijke aanvraag beginnen');
    const appUrl = new URL(dock.url()).pathname;
    const writers = [dock, await as('he@e2e.test', PASSWORD), await as('so@e2e.test', PASSWORD)];
    const orgs = ['DOCK Haarlem', 'Haarlem Effect', 'Stichting Ontmoeting'];
    await visit(writers[0], appUrl);
    const sectionLinks = await writers[0].locator('[aria-labelledby="onderdelen"] a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!));
    expect(sectionLinks).toHaveLength(12);
    for (const [i, href] of sectionLinks.entries()) {
      const w = writers[i % 3];
      await visit(w, href);
      await w.getByLabel('Tekst').fill(`${orgs[i % 3]}: onze bijdrage aan dit onderdeel, per wijk uitgewerkt.`);
      await w.getByLabel('Trekker (organisatie)').selectOption({ label: orgs[i % 3] });
      await w.getByLabel('Status').selectOption({ label: 'Klaar' });
      await click(w, 'button', 'Opslaan');
    }
    // budgets: a negative amount and one over the ceiling get messages; then each its own budget
    for (const [i, w] of writers.entries()) {
      await visit(w, `${appUrl}/begroting`);
      for (let y = 0; y < 4; y++) {
        await w.getByLabel(`Loonkosten ${startYear + y} (euro)`).fill(i === 0 && y === 0 ? '-100' : '100.000');
        await w.getByLabel(`Overige kosten ${startYear + y} (euro)`).fill(i === 1 && y === 0 ? '3.000.000' : '25.000,50');
      }
      await click(w, 'button', 'Opslaan');
      if (i === 0) {
        expect(await w.locator('#fouten').textContent()).toContain(`Loonkosten ${startYear} (euro): mag niet negatief zijn`);
        await w.getByLabel(`Loonkosten ${startYear} (euro)`).fill('100.000');
        await click(w, 'button', 'Opslaan');
      }
      if (i === 1) {
        expect(await w.locator('#fouten').textContent()).toContain('is hoger dan het budgetplafond van het thema (€\u00a02.000.000,00)');
        await w.getByLabel(`Overige kosten ${startYear} (euro)`).fill('25.000,50');
        await click(w, 'button', 'Opslaan');
      }
      expect(w.url()).toContain('klaar=1');
    }
    await visit(writers[1], `${appUrl}/geschiedenis`);
    expect(await writers[1].textContent('main')).toContain('Sam Ontmoeting');
    await visit(dock, `${appUrl}/controleren`);
    expect(await dock.textContent('main')).toContain('Alles is ingevuld');
    await click(dock, 'button', 'Aanvraag indienen');
    expect(await dock.textContent('main')).toContain('De aanvraag is ingediend');

    // --- assessment: the advisor is assigned and hands in; then the final assessment
    await visit(advisor, callUrl);
    await advisor.getByLabel('Beoordelaar').selectOption({ label: 'Bram Beleid' });
    await click(advisor, 'button', 'Aanwijzen');
    await visit(advisor, `${appUrl}/beoordelen`);
    for (let n = 1; n <= 7; n++) await advisor.getByLabel(`Oordeel criterium ${n}`, { exact: true }).selectOption({ label: '4 – goed' });
    await click(advisor, 'button', 'Beoordeling inleveren');
    expect(await advisor.textContent('main')).toContain('Uw beoordeling');
    await click(advisor, 'link', 'Eindoordeel vastleggen');
    for (let n = 1; n <= 7; n++) await advisor.getByLabel(`Oordeel criterium ${n}`, { exact: true }).selectOption({ label: '4 – goed' });
    await advisor.getByLabel('Conclusie').fill('De aanvraag voldoet aan de criteria.');
    await click(advisor, 'button', 'Eindoordeel vastleggen');
    expect(await advisor.textContent('main')).toContain('De aanvraag voldoet aan de criteria.');

    // --- grant to DOCK Haarlem, indexation and adjustment of next year's amount, the letter
    await visit(advisor, appUrl);
    await click(advisor, 'link', 'Subsidie verlenen aan DOCK Haarlem');
    expect(await advisor.getByLabel(`Loonkosten ${startYear} (euro)`).inputValue()).toBe('100000,00');
    await click(advisor, 'button', 'Beschikking vastleggen');
    expect(await advisor.textContent('h1')).toContain(`SB-${period}-0001`);
    const indexForm = advisor.locator(`form[action$="/indexering"]`);
    await indexForm.getByLabel('Jaar').selectOption(String(startYear + 1));
    await indexForm.getByLabel('Percentage').fill('2,5');
    await click(advisor, 'button', 'Indexering vastleggen');
    const adjustForm = advisor.locator(`form[action$="/bijstelling"]`);
    await adjustForm.getByLabel('Jaar').selectOption(String(startYear + 1));
    await adjustForm.getByLabel('Wijziging loonkosten (euro)').fill('-2.000');
    await adjustForm.getByLabel('Reden').fill('Minder uren na de jaarlijkse beoordeling.');
    await click(advisor, 'button', 'Bijstelling vastleggen');
    const saldo = (await advisor.locator('[aria-labelledby="saldo"]').textContent()) ?? '';
    // next year: 125,000.50 + 2.5 % = 128,125.51 (wage 102,500.00 and other 25,625.51), minus 2,000 = 126,125.51
    expect(saldo).toContain('126.125,51');
    const letter = await advisor.request.get(`${new URL(advisor.url()).pathname}/besluiten/2/brief.pdf`);
    expect(letter.headers()['content-type']).toBe('application/pdf');

    // --- a single grantee above EUR 500,000 a year: the SROI obligation and its shortfall
    await visit(advisor, `${callUrl}/portefeuille`);
    await click(advisor, 'link', 'Subsidie verlenen aan een afzonderlijke subsidiepartner');
    await advisor.getByLabel('Organisatie').selectOption({ label: 'Leger des Heils' });
    for (let y = 0; y < 4; y++) {
      await advisor.getByLabel(`Loonkosten ${startYear + y} (euro)`).fill('600.000');
      await advisor.getByLabel(`Overige kosten ${startYear + y} (euro)`).fill('50.000');
    }
    await click(advisor, 'button', 'Beschikking vastleggen');
    const main = (await advisor.textContent('main')) ?? '';
    expect(main).toContain('Social Return on Investment (SROI)');
    expect(main).toContain('€\u00a030.000,00'); // 5 % of EUR 600,000
    expect(main).toContain('tekort €\u00a030.000,00');
    await visit(advisor, `${callUrl}/portefeuille`);
    expect(await advisor.textContent('main')).toContain('Leger des Heils');
    for (const p of pages) await p.context().close();
  });
});
