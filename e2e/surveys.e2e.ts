// Journeys of surveys: a policy advisor builds a survey (own question, standard set) and opens it; a resident answers
// it through the public link on a phone (390 px), first with a mistake; on a tablet in kiosk mode two people answer
// one after the other. With and without JavaScript; axe-core checks every page visited, the public form included.
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';

const h = useHarness();

const shot = async (page: Page, name: string) => {
  if (process.env.SURVEY_SHOTS) await page.screenshot({ path: `${process.env.SURVEY_SHOTS}/${name}.png`, fullPage: true });
};

/** Answers the required questions of the resident's standard set and the own question. */
async function answer(page: Page, grade: string) {
  await page.locator('fieldset', { hasText: 'meer contact met anderen' }).getByLabel('Eens', { exact: true }).check();
  await page.locator('fieldset', { hasText: 'voel ik me minder alleen' }).getByLabel('Helemaal eens', { exact: true }).check();
  await page.locator('fieldset', { hasText: 'Welk cijfer geeft u' }).getByLabel(grade, { exact: true }).check();
  await page.locator('fieldset', { hasText: 'Komt u vaker naar de buurtkamer?' }).getByLabel('Ja', { exact: true }).check();
}

describe.each([true, false])('surveys (JavaScript %s)', (javaScriptEnabled) => {
  let surveyPath = '';
  const title = `Buurtkamer ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript`;

  it('a policy advisor builds a survey and opens it', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, '/effecten/enquetes');
    await page.getByRole('link', { name: 'Nieuwe enquête' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await submitAndWait(page, 'Opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('is verplicht');
    await expectAccessible(page);
    await page.getByLabel('Titel (Nederlands) *').fill(title);
    await page.getByLabel('Titel (Engels)').fill(`Neighbourhood room ${javaScriptEnabled ? 'with' : 'without'} JavaScript`);
    await page.getByLabel('Ontmoeten').check();
    await submitAndWait(page, 'Opslaan');
    expect(await page.textContent('main')).toContain('De enquête is opgeslagen.');
    surveyPath = new URL(page.url()).pathname;
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Vraag toevoegen' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByLabel('Soort vraag *').selectOption('single');
    await page.getByLabel('Vraag (Nederlands) *').fill('Komt u vaker naar de buurtkamer?');
    await page.getByLabel('Vraag (Engels)', { exact: true }).fill('Do you come to the neighbourhood room more often?');
    await page.getByLabel('Ja, deze vraag moet iedereen beantwoorden').check();
    await page.getByLabel('Keuzes', { exact: true }).fill('Ja | Yes\nNee | No');
    await submitAndWait(page, 'Opslaan');
    expect(await page.textContent('main')).toContain('De vraag is opgeslagen.');
    await expectAccessible(page);
    await submitAndWait(page, 'Voeg standaardset toe');
    expect(await page.textContent('main')).toContain('8 vragen uit de standaardset zijn toegevoegd.');
    await expectAccessible(page);
    await submitAndWait(page, 'Enquête openen');
    expect(await page.textContent('main')).toContain('De enquête is open.');
    await expectAccessible(page);
    await shot(page, `builder-${javaScriptEnabled}`);
    await ctx.close();
  });

  it('a resident answers through the public link on a phone, after fixing a mistake', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    const publicPath = surveyPath.replace('/effecten/enquetes/', '/enquete/');
    await visit(page, publicPath);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await shot(page, `public-phone-${javaScriptEnabled}`);
    await page.locator('fieldset', { hasText: 'meer contact met anderen' }).getByLabel('Eens', { exact: true }).check();
    await submitAndWait(page, 'Versturen');
    const summary = await page.locator('#fouten').textContent();
    expect(summary).toContain('geef een antwoord');
    await expectAccessible(page);
    await answer(page, '8');
    await submitAndWait(page, 'Versturen');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bedankt!');
    await expectAccessible(page);
    // The back button and sending again: the token was used.
    await page.goBack();
    await page.waitForLoadState('load');
    if (new URL(page.url()).pathname === publicPath && (await page.locator('input[name="token"]').count()) > 0) {
      await answer(page, '9');
      await submitAndWait(page, 'Versturen');
      expect(await page.textContent('main')).toMatch(/Dit formulier is al verstuurd|Bedankt/);
    }
    // In English.
    await visit(page, `/taal/en?terug=${encodeURIComponent(publicPath)}`);
    expect(await page.textContent('main')).toContain('Do you come to the neighbourhood room more often?');
    await ctx.close();
  });

  it('kiosk mode: a staff member starts it, two people answer one after the other', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    const kioskPath = `${surveyPath.replace('/effecten/enquetes/', '/enquete/')}/kiosk`;
    await visit(page, kioskPath, 403);
    await login(page, demoEmail('policy_advisor'));
    await visit(page, surveyPath);
    await submitAndWait(page, 'Kioskstand starten op dit apparaat');
    expect(new URL(page.url()).pathname).toBe(kioskPath);
    await expectAccessible(page);
    for (const grade of ['7', '10']) {
      await answer(page, grade);
      await submitAndWait(page, 'Versturen');
      expect(await page.textContent('main')).toContain('Het formulier is weer leeg voor de volgende persoon.');
      expect(await page.locator('input[type=radio]:checked').count()).toBe(0);
      await expectAccessible(page);
    }
    await submitAndWait(page, 'Kiosk stoppen');
    expect(await page.textContent('main')).toContain('De kiosk is gestopt.');
    await expectAccessible(page);
    await visit(page, surveyPath);
    expect(await page.textContent('main')).toContain('al 3 antwoorden');
    await ctx.close();
  });
});
