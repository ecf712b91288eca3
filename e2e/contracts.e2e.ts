// Journeys of the integral contract: the contractor's staff open the 2023 round of Gewoon in de Wijk, record a
// decision for a subcontractor with a conversation after the letter's timeline (a warning, not a refusal) and the
// transfer of its residents as counts (a mistake first); the policy advisor and the auditor read the round with the
// reduction per kind of provider. With and without JavaScript; axe-core checks every page.
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { DEMO_CONTRACTOR_EMAIL } from '../src/modules/contracts/demo.ts';

const h = useHarness();

const follow = async (page: Page, name: string | RegExp) => {
  await page.getByRole('link', { name }).first().click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
};

describe.each([true, false])('contracts (JavaScript %s)', (javaScriptEnabled) => {
  it('the contractor records a decision, the conversation and the transfer; the timeline warns', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, DEMO_CONTRACTOR_EMAIL);
    await visit(page, '/opdrachten');
    await follow(page, 'Gewoon in de Wijk');
    expect(await page.textContent('main')).toContain('VanHier');
    await follow(page, 'Contractering 2023');
    const round = page.url();
    expect(await page.textContent('main')).toContain('Reductie per soort aanbieder');
    // The subcontractor picked for this run: the first (JS) or second (no JS) in the table.
    const link = page.locator('[aria-labelledby="onderaannemers-tabel"] tbody a').nth(javaScriptEnabled ? 0 : 1);
    const name = (await link.textContent())!;
    await link.click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    // A final decision without its date is refused with both fields named.
    await page.getByLabel('Voorgenomen besluit', { exact: true }).selectOption('stop');
    await page.getByLabel('Datum voorgenomen besluit').fill('2022-09-15');
    await page.getByLabel('Datum persoonlijk gesprek').fill('2022-10-05');
    await page.getByLabel('Zorgen die de onderaannemer noemde').fill('De bezoekers van de dagopvang');
    await page.getByLabel('Definitief besluit', { exact: true }).selectOption('stop');
    await page.getByLabel('Datum definitief besluit').fill('');
    await submitAndWait(page, 'Opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('Datum definitief besluit');
    await expectAccessible(page);
    await page.getByLabel('Datum definitief besluit').fill('2022-10-07');
    await submitAndWait(page, 'Opslaan');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Opgeslagen.');
    expect(main).toContain('Gesprek buiten de tijdlijn.');
    await expectAccessible(page);
    // The transfer, as counts: completed cannot exceed what was agreed.
    await page.getByLabel('Zelfde medewerker (overgenomen)').fill('3');
    await page.getByLabel('Nieuwe medewerker, afgesproken met de inwoner').fill('1');
    await page.getByLabel('Overgang afgerond').fill('9');
    await submitAndWait(page, 'Overdracht opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('kan niet meer zijn dan wat is afgesproken');
    await expectAccessible(page);
    await page.getByLabel('Overgang afgerond').fill('2');
    await submitAndWait(page, 'Overdracht opslaan');
    expect(await page.textContent('main')).toContain('3 met dezelfde medewerker, 1 naar een nieuwe medewerker, 2 afgerond');
    await expectAccessible(page);
    await visit(page, new URL(round).pathname);
    await ctx.close();
  });
});

describe('contracts pages of other roles', () => {
  it('the policy advisor and the auditor read the round; the advisor cannot record the contractor’s decisions', async () => {
    for (const role of ['policy_advisor', 'auditor'] as const) {
      const ctx = await h.context();
      const page = await ctx.newPage();
      await login(page, demoEmail(role));
      await visit(page, '/opdrachten');
      await follow(page, 'Gewoon in de Wijk');
      await follow(page, 'Contractering 2023');
      const main = (await page.textContent('main'))!;
      expect(main).toContain('Dagopvang als maatwerkvoorziening (kleine aanbieder)');
      expect(main).toContain('Inwoners van onderaannemers die stoppen');
      await page.locator('[aria-labelledby="onderaannemers-tabel"] tbody a').first().click();
      await page.waitForLoadState('load');
      await expectAccessible(page);
      expect(await page.getByRole('button', { name: 'Opslaan', exact: true }).count()).toBe(0);
      await ctx.close();
    }
  });
});

describe.each([true, false])('the policy advisor changes the contract and the round (JavaScript %s)', (javaScriptEnabled) => {
  it('a wrong end date is refused beside its field; the change is saved; the round timeline too', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, '/opdrachten');
    await follow(page, 'Gewoon in de Wijk');
    await follow(page, 'Opdracht wijzigen');
    await page.getByLabel('Eindigt op').fill('2022-12-31');
    await submitAndWait(page, 'Wijzigingen opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('Eindigt op: ligt vóór het begin');
    await expectAccessible(page);
    const end = javaScriptEnabled ? '2026-12-31' : '2027-12-31';
    await page.getByLabel('Eindigt op').fill(end);
    await submitAndWait(page, 'Wijzigingen opslaan');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Opgeslagen.');
    expect(main).toContain(javaScriptEnabled ? '31 december 2026' : '31 december 2027');
    await expectAccessible(page);
    await follow(page, 'Contractering 2023');
    await follow(page, 'Tijdlijn wijzigen');
    await page.getByLabel('Definitieve besluiten tot en met').fill('2022-09-01');
    await submitAndWait(page, 'Wijzigingen opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('ligt vóór het begin van dezelfde stap');
    await expectAccessible(page);
    await page.getByLabel('Definitieve besluiten tot en met').fill('2022-10-14');
    await submitAndWait(page, 'Wijzigingen opslaan');
    expect(await page.textContent('main')).toContain('14 oktober 2022');
    await expectAccessible(page);
    await ctx.close();
  });
});
