// Journeys of the effects registers: partner staff record a story with a phone number in it and get the
// anonymisation warning before it can be submitted; a policy advisor registers an objection received today and, with
// the server's clock injected six weeks and a day later, sees it flagged as past its deadline; every register page is
// visited. With and without JavaScript; axe-core checks every page.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { addDays, localDate } from '../src/modules/effects/complaint-deadline.ts';

const h = useHarness();

describe.each([true, false])('registers (JavaScript %s)', (javaScriptEnabled) => {
  it('partner staff record a story with a phone number and must check it before submitting', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/effecten/verhalen');
    await page.getByRole('link', { name: 'Nieuw verhaal' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByLabel('Titel (optioneel)').fill(`Weer onder de mensen ${javaScriptEnabled ? 'A' : 'B'}`);
    await page.getByLabel('Het verhaal', { exact: true }).fill('Na een moeilijk jaar belde zij ons op 06-12345678. Nu komt zij elke week naar de koffieochtend.');
    await page.getByLabel('Toestemming geldig tot en met').fill(addDays(localDate(new Date()), 365));
    await submitAndWait(page, 'Indienen voor controle');
    const warning = (await page.locator('#controle').textContent()) ?? '';
    expect(warning).toContain('Controleer de tekst');
    expect(warning).toContain('Telefoonnummer: 06-12345678');
    expect(await page.locator('#fouten').textContent()).toContain('Ik heb dit gecontroleerd');
    await expectAccessible(page);
    await page.getByLabel('Ik heb dit gecontroleerd').check();
    await submitAndWait(page, 'Indienen voor controle');
    expect(await page.textContent('main')).toContain('Het verhaal is ingediend');
    expect(await page.textContent('main')).toContain('Ingediend');
    await expectAccessible(page);
    for (const path of ['/effecten/trajecten', '/effecten/uitstroom', '/effecten/klachten', '/effecten/klachten/cijfers']) await visit(page, path);
    // A trajectory registered and ended today shows in this year's outflow chart (the organisation's own figures).
    await visit(page, '/effecten/trajecten/nieuw');
    await page.getByLabel('Pasnummer').fill(`HP${javaScriptEnabled ? '1111' : '2222'}7777`);
    await submitAndWait(page, 'Traject opslaan');
    expect(await page.textContent('main')).toContain('Het traject is opgeslagen');
    expect(await page.textContent('main')).not.toContain('7777');
    await expectAccessible(page);
    await submitAndWait(page, 'Afsluiten opslaan');
    expect(await page.textContent('main')).toContain('Het traject is afgesloten');
    await visit(page, '/effecten/uitstroom');
    expect(await page.locator('main svg[role="img"]').count()).toBe(1);
    await ctx.close();
  });

  it('a policy advisor registers an objection received today and sees it flagged once the clock passes its deadline', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, '/effecten/klachten');
    await page.getByRole('link', { name: 'Klacht of bezwaar registreren' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    // First a mistake: no subject. The received date is today (the form's default).
    await page.getByLabel('Soort').selectOption('bezwaar');
    expect(await page.getByLabel('Ontvangen op').inputValue()).toBe(localDate(h.clock.now()));
    await submitAndWait(page, 'Registreren');
    expect(await page.locator('#fouten').textContent()).toContain('Onderwerp');
    await expectAccessible(page);
    const subject = `Bezwaar tegen subsidiebesluit ${javaScriptEnabled ? 'A' : 'B'}`;
    await page.getByLabel('Onderwerp').fill(subject);
    await page.getByLabel('Besluit waartegen bezwaar is gemaakt (kenmerk)').fill('SUB-2026-001');
    await submitAndWait(page, 'Registreren');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Bezwaar: ${subject}`);
    const url = page.url();
    expect(await page.textContent('main')).not.toContain('Over de termijn');
    try {
      // Six weeks later: the last day of the term, not yet overdue.
      h.clock.advanceDays(42);
      await visit(page, url);
      expect(await page.textContent('main')).not.toContain('Over de termijn');
      // A day later: overdue, on the case and in the list.
      h.clock.advanceDays(43);
      await visit(page, url);
      const main = (await page.textContent('main')) ?? '';
      expect(main).toContain('Over de termijn');
      expect(main).toContain('de termijn is verlopen');
      expect(main).toContain('Awb art. 7:10');
      await expectAccessible(page);
      await visit(page, '/effecten/klachten?overschreden=1');
      const row = page.locator('main table tr', { hasText: subject });
      expect(await row.textContent()).toContain('Over de termijn');
    } finally {
      h.clock.advanceDays(0);
    }
    await visit(page, '/effecten/trajecten');
    await visit(page, '/effecten/verhalen');
    await ctx.close();
  });

  it('an administrator sees the life domains', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('administrator'));
    await visit(page, '/effecten/leefgebieden');
    expect(await page.textContent('main')).toContain('ADL-vaardigheden');
    await ctx.close();
  });
});
