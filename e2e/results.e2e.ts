// Journeys of survey results (without JavaScript): a policy advisor opens the results of a survey with responses
// (charts with data tables, a filter through the URL), fetches the poster PDF, and invites organisations (links shown
// once; the list shows invited / responded and the rate). axe-core checks every page visited.
import { describe, it, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { systemContext } from '../src/platform/context.ts';
import { buildOpenSurvey, typicalAnswers } from '../src/modules/effects/test-survey-factory.ts';
import { issueSubmissionToken, submitResponse } from '../src/modules/effects/survey-answer.ts';

const h = useHarness();
let surveyId = '';
beforeAll(async () => {
  const ctx = systemContext(h.database.db, 'GM0392');
  const s = await buildOpenSurvey(ctx, { titleNl: 'Wat merkt u van de buurtkamer?' });
  for (let i = 0; i < 12; i++) {
    const { token } = await issueSubmissionToken(ctx, s.id);
    await submitResponse(ctx, s.id, 'public', { token, answers: typicalAnswers(s, i) });
  }
  surveyId = s.id;
});

const shot = async (page: Page, name: string) => {
  if (process.env.RESULT_SHOTS) await page.screenshot({ path: `${process.env.RESULT_SHOTS}/${name}.png`, fullPage: true });
};

describe('survey results (without JavaScript)', () => {
  it('shows the results with charts and tables, filtered through the URL', async () => {
    const ctx = await h.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, '/effecten');
    await page.getByRole('link', { name: 'Enquêtes' }).first().click();
    await page.waitForLoadState('load');
    await visit(page, `/effecten/enquetes/${surveyId}/resultaten`);
    const main = (await page.textContent('main')) ?? '';
    expect(main).toContain('Reacties');
    expect(main).toContain('Borda-punten');
    expect(await page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(5);
    await shot(page, 'results-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'results-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('Manier van invullen', { exact: true }).selectOption('paper');
    await page.getByRole('button', { name: 'Filters toepassen' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('kanaal=paper');
    await expectAccessible(page);
    const poster = await page.request.get(`/effecten/enquetes/${surveyId}/poster.pdf`);
    expect(poster.status()).toBe(200);
    expect(poster.headers()['content-type']).toBe('application/pdf');
    await ctx.close();
  });

  it('invites organisations and shows the response rate', async () => {
    const ctx = await h.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, `/effecten/enquetes/${surveyId}/uitnodigingen`);
    await page.getByLabel('Organisaties, één per regel').fill('Buurtcentrum De Brug; info@debrug.nl\nWijkteam Noord; team@wijkteam.nl');
    await page.getByRole('button', { name: 'Toevoegen en links tonen' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await shot(page, 'invitations');
    const link = (await page.locator('code').first().textContent())!;
    expect(link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{32}$/);
    expect(await page.textContent('main')).toContain('Uitgenodigd: 2. Gereageerd: 0.');
    const invitee = await (await h.context({ javaScriptEnabled: false })).newPage();
    await visit(invitee, new URL(link).pathname);
    await ctx.close();
  });
});
