// Journeys of the volunteer-organisation fund: the policy advisor opens a fund year (a mistake first), a volunteer
// organisation applies on a 390 px phone — one question per page, check your answers, send — the policy advisor sees
// it in the year's overview and decides, and the organisation reads its decision. With and without JavaScript;
// axe-core checks every page, and no page is wider than the phone.
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { DEMO_VOLUNTEER_ORGANISATION_EMAIL } from '../src/modules/fund/demo.ts';

const h = useHarness();

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(390);

describe.each([true, false])('fund (JavaScript %s)', (javaScriptEnabled) => {
  const year = javaScriptEnabled ? 2041 : 2042;

  it('the policy advisor opens a fund year; a volunteer organisation applies on a phone; the advisor decides; the organisation reads the decision', async () => {
    // 1. The policy advisor opens the year (first with a negative budget).
    const adv = await h.context({ javaScriptEnabled });
    const a = await adv.newPage();
    await login(a, demoEmail('policy_advisor'));
    await visit(a, '/fonds');
    await a.getByLabel('Jaar').fill(String(year));
    await a.getByLabel('Budget').fill('-300.000');
    await a.getByLabel('Aanvragen kan vanaf').fill(day(-1));
    await a.getByLabel('Aanvragen kan tot en met').fill(day(20));
    await a.getByLabel('Uiterste datum voor het antwoord').fill(day(40));
    await submitAndWait(a, 'Fondsjaar openen');
    expect(await a.locator('#fouten').textContent()).toContain('Budget: mag niet negatief zijn');
    await expectAccessible(a);
    await a.getByLabel('Budget').fill('300.000');
    await submitAndWait(a, 'Fondsjaar openen');
    expect(await a.getByRole('heading', { level: 1 }).textContent()).toBe(`Vrijwilligersfonds ${year}`);
    await expectAccessible(a);

    // 2. The volunteer organisation applies on a phone, one question per page.
    const vol = await h.context({ javaScriptEnabled });
    const p = await vol.newPage();
    await p.setViewportSize({ width: 390, height: 844 });
    await login(p, DEMO_VOLUNTEER_ORGANISATION_EMAIL);
    await visit(p, '/fonds');
    await fitsPhone(p);
    await p.getByRole('link', { name: `Vraag een bijdrage aan voor ${year}` }).click();
    await p.waitForLoadState('load');
    await expectAccessible(p);
    await fitsPhone(p);
    await submitAndWait(p, 'Start de aanvraag');
    const answers: [string, string][] = [
      ['Wie bent u?', 'Vrijwilligers van de buurtmoestuin, zonder betaalde krachten.'],
      ['Wat doet uw organisatie?', 'Elke zaterdag samen tuinieren en oogsten.'],
      ['Voor wie doet u het?', 'Buren die weinig mensen zien, vooral ouderen.'],
    ];
    for (const [question, answer] of answers) {
      expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe(question);
      expect(await p.locator('form textarea, form input[type="text"]').count()).toBe(1); // one question per page
      await expectAccessible(p);
      await fitsPhone(p);
      await p.getByLabel(question).fill(answer);
      await submitAndWait(p, 'Doorgaan');
    }
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Hoeveel geld vraagt u?');
    await p.getByLabel('Hoeveel geld vraagt u?').fill('-50');
    await submitAndWait(p, 'Doorgaan');
    expect(await p.locator('#fouten').textContent()).toContain('mag niet negatief zijn');
    await expectAccessible(p);
    await fitsPhone(p);
    await p.getByLabel('Hoeveel geld vraagt u?').fill('2.750');
    await submitAndWait(p, 'Doorgaan');
    expect(await p.getByRole('heading', { level: 1 }).textContent()).toBe('Controleer uw antwoorden');
    expect((await p.textContent('main'))!.replace(/\u00a0/g, ' ')).toContain('€ 2.750,00');
    await expectAccessible(p);
    await fitsPhone(p);
    // Change an answer from the check page and come back to it.
    await p.getByRole('link', { name: 'Wijzigen Voor wie doet u het?' }).click();
    await p.waitForLoadState('load');
    await p.getByLabel('Voor wie doet u het?').fill('Buren in de Vogelbuurt die weinig mensen zien.');
    await submitAndWait(p, 'Doorgaan');
    expect(await p.textContent('main')).toContain('Buren in de Vogelbuurt');
    await submitAndWait(p, 'Aanvraag versturen');
    expect(await p.textContent('main')).toContain('Uw aanvraag is verstuurd');
    expect(await p.textContent('main')).toContain('Er is nog geen besluit');
    await expectAccessible(p);
    await fitsPhone(p);
    const applicationUrl = p.url().split('?')[0];

    // 3. The advisor sees it in the year and decides.
    await visit(a, `/fonds/${year}`);
    const overview = (await a.textContent('main'))!.replace(/\u00a0/g, ' ');
    expect(overview).toContain('Buurtmoestuin De Groene Vingers');
    expect(overview).toContain('Verstuurd, wacht op antwoord');
    await a.getByRole('link', { name: /Buurtmoestuin De Groene Vingers/ }).first().click();
    await a.waitForLoadState('load');
    await expectAccessible(a);
    await a.getByLabel('Toegekend bedrag').fill('2750');
    await a.getByLabel('De brief').fill(`U krijgt voor ${year} € 2.750 voor de buurtmoestuin.`);
    await submitAndWait(a, 'Besluit opslaan');
    expect(await a.textContent('main')).toContain('Opgeslagen.');
    await expectAccessible(a);
    await visit(a, `/fonds/${year}`);
    const figures = (await a.locator('[aria-labelledby="fonds-cijfers"]').textContent())!.replace(/\u00a0/g, ' ');
    expect(figures).toContain('€ 2.750,00');
    expect(figures).toContain('€ 297.250,00');

    // 4. The organisation reads its decision (on the phone).
    await visit(p, new URL(applicationUrl).pathname);
    expect(await p.textContent('main')).toContain(`U krijgt voor ${year} € 2.750 voor de buurtmoestuin.`);
    await fitsPhone(p);
    await visit(p, '/fonds');
    await fitsPhone(p);
    await adv.close();
    await vol.close();
  });
});

describe('fund pages of other roles', () => {
  it('the auditor reads the figures, not the applications; the volunteer organisation cannot open the overview', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    await login(page, demoEmail('auditor'));
    await visit(page, '/fonds');
    await visit(page, '/fonds/2023');
    expect(await page.textContent('main')).toContain('€ 300.000 per jaar geormerkt');
    expect(await page.locator('[aria-labelledby="aanvragen-tabel"]').count()).toBe(0);
    const res = await page.goto('/api/v1/fund/2023');
    expect(res?.status()).toBe(200);
    expect(await res?.json()).toMatchObject({ year: 2023, budgetCents: 30_000_000 });
    await ctx.close();
    const v = await h.context();
    const vp = await v.newPage();
    await login(vp, DEMO_VOLUNTEER_ORGANISATION_EMAIL);
    await visit(vp, '/fonds/2023', 403);
    await v.close();
  });
});
