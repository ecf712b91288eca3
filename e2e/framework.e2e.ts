// Journeys of the platform foundation: browse the framework, edit a sub-goal, be refused, all accessible, with and without JS.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { listThemes } from '../src/modules/framework/service.ts';
import { systemContext } from '../src/platform/context.ts';

const h = useHarness();

const publicPages = ['/', '/themas', '/kader', '/wijken', '/organisaties', '/toegankelijkheid', '/privacy', '/api/docs', '/inloggen'];

describe.each([true, false])('framework pages (JavaScript %s)', (javaScriptEnabled) => {
  it('public pages load and are accessible', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    for (const p of publicPages) await visit(page, p);
    await ctx.close();
  });

  it('folds the main navigation on a phone into "Menu", which opens without JavaScript', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await visit(page, '/');
    const themesLink = page.locator('.sb-nav-fold a[href="/themas"]');
    expect(await page.locator('.sb-nav--wide').isVisible()).toBe(false);
    expect(await themesLink.isVisible()).toBe(false);
    // Folded, the header takes well under half of the first screen.
    expect((await page.locator('header').boundingBox())!.height).toBeLessThan(740 / 3);
    await page.locator('summary', { hasText: 'Menu' }).click();
    expect(await themesLink.isVisible()).toBe(true);
    await expectAccessible(page);
    await themesLink.click();
    await expect.poll(() => page.url()).toContain('/themas');
    // On a wide screen the menu is shown as it was, without the fold.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await page.locator('.sb-nav--wide a[href="/themas"]').isVisible()).toBe(true);
    expect(await page.locator('summary', { hasText: 'Menu' }).isVisible()).toBe(false);
    await ctx.close();
  });

  it('every theme can be browsed', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await visit(page, '/themas');
    const themes = await listThemes(systemContext(h.database.db, 'GM0392'));
    expect(themes).toHaveLength(7);
    for (const t of themes) {
      await page.getByRole('link', { name: t.name, exact: true }).first().click();
      await expect.poll(() => page.url()).toContain(`/themas/${t.slug}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeDefined();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(t.name);
      expect(await page.content()).toContain(t.mainGoal.replace(/&/g, '&amp;').slice(0, 40));
      await expectAccessible(page);
      await visit(page, `/themas/${t.slug}/versies`);
      await page.goto('/themas');
    }
    await ctx.close();
  });

  it('a resident is refused the administration pages', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('resident'));
    await visit(page, '/account');
    await visit(page, '/beheer/gebruikers', 403);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Geen toegang');
    await ctx.close();
  });

  it('the login form shows an error summary and field messages on bad input', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.goto('/inloggen');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#fouten').textContent()).toContain('E-mailadres: is verplicht');
    expect(await page.locator('#veld-password-fout').textContent()).toContain('is verplicht');
    await expectAccessible(page);
    await ctx.close();
  });
});

describe('policy advisor edits a sub-goal', () => {
  it('saves a new version and shows it, with the old version kept', async () => {
    const ctx = await h.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, '/themas/ontmoeten');
    await page.getByRole('link', { name: 'Thema bewerken' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    const first = page.getByLabel('Subdoel 1', { exact: true });
    const original = await first.inputValue();
    await first.fill(`${original} (aangescherpt in e2e)`);
    // Without a change note the form is refused with a clear message.
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#fouten').textContent()).toContain('Toelichting op de wijziging');
    await expectAccessible(page);
    await page.getByLabel('Toelichting op de wijziging').fill('Subdoel 1 aangescherpt na de thematafel');
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('/themas/ontmoeten?opgeslagen=1');
    expect(await page.content()).toContain('(aangescherpt in e2e)');
    expect(await page.textContent('main')).toContain('Opgeslagen als versie 2');
    await expectAccessible(page);
    await visit(page, '/themas/ontmoeten/versies');
    expect(await page.textContent('main')).toContain('Subdoel 1 aangescherpt na de thematafel');
    await visit(page, '/themas/ontmoeten?versie=1');
    expect(await page.content()).not.toContain('(aangescherpt in e2e)');
    // A principle is reworded in its own box: it keeps its key (activities refer to it by that key).
    await visit(page, '/themas/ontmoeten/bewerken');
    await page.getByLabel('Principe 1 (ontmoeten/p1)', { exact: true }).fill('Mensen met dezelfde interesses ontmoeten elkaar (herschreven in e2e).');
    await page.getByLabel('Toelichting op de wijziging').fill('Principe herschreven');
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('(herschreven in e2e)');
    await visit(page, '/themas/ontmoeten/bewerken');
    expect(await page.getByLabel('Principe 1 (ontmoeten/p1)', { exact: true }).inputValue()).toContain('(herschreven in e2e)');
    // The framework page: §3–§5, level 4 with its four items, the 2021 report with its source.
    await visit(page, '/kader');
    expect(await page.textContent('main')).toContain('benchmark met andere gemeenten');
    expect(await page.textContent('main')).toContain('Brugfunctie');
    // The form to start a new call period is there for the policy advisor (not submitted here).
    await visit(page, '/kader');
    await page.getByRole('link', { name: 'Nieuwe uitvraagperiode starten' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Periode starten' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#fouten').textContent()).toContain('Code: is verplicht');
    await expectAccessible(page);
    await ctx.close();
  });

  it('the administrator sees the edit in the audit log', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    await login(page, demoEmail('administrator'));
    await visit(page, '/beheer');
    await visit(page, '/beheer/gebruikers');
    await visit(page, '/beheer/organisaties');
    await visit(page, '/beheer/wijken');
    await visit(page, '/beheer/audit');
    const main = (await page.textContent('main')) ?? '';
    // The action in plain language, its technical name below it.
    expect(main).toContain('Thema in het kader gewijzigd');
    expect(main).toContain('framework.theme_edit');
    await expectAccessible(page);
    await ctx.close();
  });
});
