// Journey of the accountability plan: a partner staff member (DOCK Haarlem, demo) opens the accountability landing,
// makes a plan for a theme table, chooses a crucial activity of its own for a sub-goal, writes its organisation's part
// with reach rows (asking for more rows first), and reads the history. With and without JavaScript; axe-core checks
// every page visited.
import { describe, it, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { listOrganisations } from '../src/modules/network/service.ts';
import { listActivitySummaries } from '../src/modules/catalogue/service.ts';
import { systemContext } from '../src/platform/context.ts';

const h = useHarness();

const click = async (page: Page, role: 'button' | 'link', name: string) => {
  await page.getByRole(role, { name, exact: true }).first().click();
  await page.waitForLoadState('load');
};

describe.each([true, false])('accountability plan (JavaScript %s)', (javaScriptEnabled) => {
  it('a partner staff member writes its organisation’s part of a plan', async () => {
    const year = javaScriptEnabled ? '2022' : '2023';
    const sys = systemContext(h.database.db, 'GM0392');
    const dock = (await listOrganisations(sys)).find((o) => o.name === 'DOCK Haarlem')!;
    let theme = '';
    let activity: { id: string; title: string } | undefined;
    for (const slug of dock.themes) {
      activity = (await listActivitySummaries(sys, { theme: slug })).find((a) => a.organisationId === dock.id && a.status === 'published');
      if (activity) {
        theme = slug;
        break;
      }
    }
    expect(activity, 'a published DOCK activity in one of its themes').toBeTruthy();

    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/verantwoording');
    expect(await page.textContent('main')).toContain('Niet alle activiteiten moeten en kunnen worden verantwoord');

    // A new plan: first without a reason (an error), then right.
    await page.getByLabel('Thema *').selectOption(theme);
    await page.getByLabel('Jaar *').fill(year);
    await click(page, 'button', 'Plan maken');
    expect(await page.textContent('#fouten')).toContain('Waarom deze wijziging');
    await expectAccessible(page);
    await page.getByLabel('Waarom deze wijziging *').fill('Afgesproken aan de thematafel');
    await click(page, 'button', 'Plan maken');
    expect(page.url()).toContain(`/verantwoording/plannen/${theme}/${year}`);
    expect(await page.textContent('main')).toContain('Alleen de activiteiten in dit plan hoeven te worden verantwoord');
    await expectAccessible(page);

    // A crucial choice for the first sub-goal.
    await click(page, 'link', 'Keuze toevoegen bij dit subdoel');
    await expectAccessible(page);
    await page.getByLabel('Activiteit uit de catalogus').selectOption(activity!.id);
    await page.getByLabel('Indicatoren (wat meet u) *').fill('Aantal unieke deelnemers en hoe vaak ze komen');
    await page.getByLabel('Hoe meet u dat *').fill('Presentielijst per bijeenkomst, met pasnummer');
    await page.getByLabel('Waarom deze wijziging *').fill('Cruciaal voor dit subdoel');
    await click(page, 'button', 'Opslaan');
    expect(await page.textContent('main')).toContain(activity!.title);
    await expectAccessible(page);

    // The organisation's part: planned sessions and hours, one reach row, more rows asked for first.
    await click(page, 'link', 'Plan van uw organisatie invullen');
    await expectAccessible(page);
    await page.getByLabel('Geplande bijeenkomsten *').fill('40');
    await page.getByLabel('Geplande uren *').fill('80');
    await page.locator('#veld-targets-0-targetGroup').selectOption('ouderen');
    await page.locator('#veld-targets-0-district').selectOption('noord');
    await page.locator('#veld-targets-0-plannedResidents').fill('35');
    await click(page, 'button', 'Meer regels');
    expect(await page.locator('#veld-targets-5-plannedResidents').count()).toBe(1);
    expect(await page.locator('#veld-targets-0-plannedResidents').inputValue()).toBe('35');
    await expectAccessible(page);
    await page.locator('#veld-targets-4-plannedResidents').fill('100');
    await page.getByLabel('Waarom deze wijziging *').fill('Ons eerste plan voor dit jaar');
    await click(page, 'button', 'Opslaan');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Het plan is opgeslagen (versie 3)');
    expect(main).toContain('Ouderen · Noord: 35 inwoners');
    expect(main).toContain('Alle inwoners · Hele stad: 100 inwoners');
    await expectAccessible(page);

    await click(page, 'link', 'Geschiedenis van dit plan');
    const history = (await page.textContent('main'))!;
    expect(history).toContain('Ons eerste plan voor dit jaar');
    expect(history).toContain('Plan van DOCK Haarlem voor');
    await expectAccessible(page);
    await ctx.close();
  });
});
