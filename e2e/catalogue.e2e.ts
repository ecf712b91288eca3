// Journeys of the catalogue: partner staff publish an activity; an anonymous resident finds it with filters; the
// partner ends it after confirming;
// a sensitive page can be left quickly. Every page checked with axe-core, with and without JavaScript.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible } from './harness.ts';
import { searchActivities } from '../src/modules/catalogue/service.ts';
import { systemContext } from '../src/platform/context.ts';

const h = useHarness();

const uniqueTitle = `Voorleesochtend in de bibliotheek ${Date.now().toString(36)}`;

describe.each([true, false])('catalogue pages (JavaScript %s)', (javaScriptEnabled) => {
  it('search page, filtered results, pagination and activity pages are accessible', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await visit(page, '/activiteiten');
    expect(await page.getByRole('status').first().textContent()).toMatch(/activiteiten gevonden/);
    await page.getByLabel('Zoekwoorden').fill('ontmoetingen');
    await page.getByLabel('Stadsdeel').selectOption({ label: 'Noord' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('q=ontmoetingen');
    expect(page.url()).toContain('district=noord');
    await expectAccessible(page);
    await visit(page, '/activiteiten?page=2');
    await visit(page, '/activiteiten?day=9', 400);
    const sys = systemContext(h.database.db, 'GM0392');
    const [first] = (await searchActivities(sys, {}, { pageSize: 1 })).items;
    await visit(page, `/activiteiten/${first.id}`);
    const [sensitive] = (await searchActivities(sys, { q: 'huiselijk geweld' })).items;
    if (sensitive) await visit(page, `/activiteiten/${sensitive.id}`);
    await ctx.close();
  });
});

describe('search on a phone', () => {
  it('folds the filters away until opened, and keeps them open once one is chosen', async () => {
    const ctx = await h.context({ javaScriptEnabled: true });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await visit(page, '/activiteiten');
    const isOpen = () => page.locator('[data-sb-filters]').evaluate((d) => (d as HTMLDetailsElement).open);
    expect(await isOpen()).toBe(false);
    await page.getByText('Filters: thema, voor wie').click();
    await page.getByLabel('Stadsdeel').selectOption({ label: 'Noord' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForLoadState('load');
    expect(await isOpen()).toBe(true);
    expect(await page.locator('[data-sb-filters] summary').textContent()).toBe('Filters (1 gekozen)');
    await expectAccessible(page);
    await ctx.close();
  });
});

describe('partner staff publish an activity; a resident finds it', () => {
  it('creates a draft via the form (no JavaScript), publishes it, and it is found with filters', async () => {
    const ctx = await h.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/mijn-activiteiten');
    await page.getByRole('link', { name: 'Nieuwe activiteit' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    // An empty form: an error summary with links to the fields.
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#fouten').textContent()).toContain('Titel');
    await expectAccessible(page);
    await page.getByLabel('Titel *').fill(uniqueTitle);
    await page.getByLabel('Beschrijving *').fill('Voorlezen voor peuters en kleuters, met koffie voor de ouders. <b>Welkom!</b>');
    await page.getByRole('group', { name: 'Thema’s *' }).getByLabel('Opvoeden en Opgroeien').check();
    await page.getByRole('group', { name: 'Voor wie' }).getByLabel('Ouders en opvoeders').check();
    await page.getByLabel('Stadsdeel').selectOption({ label: 'Schalkwijk' });
    await page.getByLabel('Naam van de plek').fill('Bibliotheek Schalkwijk');
    await page.getByLabel('Hoe vaak').selectOption({ label: 'Elke week' });
    await page.getByLabel('Datum *').fill('2026-01-07');
    await page.getByLabel('Begintijd *').fill('10:00');
    await page.getByLabel('Eindtijd *').fill('11:00');
    await page.getByRole('group', { name: 'Op welke dagen' }).getByLabel('woensdag').check();
    await page.getByRole('group', { name: 'Talen' }).getByLabel('Turks').check();
    await page.getByRole('group', { name: 'Toegankelijkheid' }).getByLabel('Toegankelijk met een rolstoel').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/\/activiteiten\/[0-9a-f-]{36}\?opgeslagen=1$/);
    expect(await page.content()).toContain('Dit is een concept');
    expect(await page.content()).toContain('&lt;b&gt;Welkom!&lt;/b&gt;');
    await expectAccessible(page);
    const id = page.url().match(/activiteiten\/([0-9a-f-]{36})/)![1];

    // Not visible to residents before publishing.
    const anon = await h.context({ javaScriptEnabled: false });
    const resident = await anon.newPage();
    await visit(resident, `/activiteiten/${id}`, 404);

    await visit(page, '/mijn-activiteiten');
    await page.getByRole('button', { name: `Publiceren: ${uniqueTitle}` }).click();
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('De activiteit is gepubliceerd');
    await expectAccessible(page);

    await visit(resident, '/activiteiten');
    await resident.getByLabel('Zoekwoorden').fill('voorlezen');
    await resident.getByLabel('Dag', { exact: true }).selectOption({ label: 'woensdag' });
    await resident.getByLabel('Tijd van de dag').selectOption({ label: 'Ochtend (tot 12 uur)' });
    await resident.getByLabel('Taal', { exact: true }).selectOption({ label: 'Turks' });
    await resident.getByLabel('Toegankelijk met een rolstoel').check();
    await resident.getByRole('button', { name: 'Zoeken' }).click();
    await resident.waitForLoadState('load');
    await expectAccessible(resident);
    await resident.getByRole('link', { name: uniqueTitle }).click();
    await resident.waitForLoadState('load');
    expect(resident.url()).toContain(`/activiteiten/${id}`);
    await expectAccessible(resident);
    const ics = await resident.request.get(`/activiteiten/${id}/agenda.ics`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    expect(await ics.text()).toContain('RRULE:FREQ=WEEKLY;BYDAY=WE');

    // Ending cannot be undone: the partner confirms on a page of its own; then residents no longer find it.
    await visit(page, '/mijn-activiteiten');
    await page.getByRole('link', { name: `Beëindigen: ${uniqueTitle}` }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('h1').textContent()).toContain('beëindigen?');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Ja, beëindigen' }).click();
    await page.waitForLoadState('load');
    expect(await page.content()).toContain('De activiteit is beëindigd');
    await visit(resident, '/activiteiten?q=voorlezen&day=3');
    expect(await resident.content()).not.toContain(uniqueTitle);
    await anon.close();
    await ctx.close();
  });
});

describe('"Snel weg" on a sensitive page', () => {
  it('leaves the page on Escape pressed three times (with JavaScript)', async () => {
    const sys = systemContext(h.database.db, 'GM0392');
    const [sensitive] = (await searchActivities(sys, { q: 'huiselijk geweld' })).items;
    expect(sensitive?.sensitive).toBe(true);
    const ctx = await h.context({ javaScriptEnabled: true });
    await ctx.route('https://www.google.nl/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><html lang="nl"><title>Google</title><p>Google</p></html>' }));
    const page = await ctx.newPage();
    await visit(page, `/activiteiten/${sensitive.id}`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toContain('google.nl');
    await ctx.close();
  });
});
