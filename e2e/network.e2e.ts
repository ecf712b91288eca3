// Journeys of the network: find who does what as a resident (with and without JavaScript), manage one's own
// organisation as partner staff, and be refused someone else's. axe-core checks every page visited.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { listOrganisations } from '../src/modules/network/service.ts';
import { systemContext } from '../src/platform/context.ts';

const h = useHarness();

describe.each([true, false])('a resident finds who does what (JavaScript %s)', (javaScriptEnabled) => {
  it('filters organisations, opens one, and looks up a theme and district', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await visit(page, '/organisaties');
    await page.getByLabel('Soort organisatie').selectOption('subcontractor');
    await page.getByLabel('Stadsdeel').selectOption('schalkwijk');
    await submitAndWait(page, 'Filteren');
    expect(page.url()).toContain('type=subcontractor');
    await expectAccessible(page);
    const first = page.locator('main ul.utrecht-unordered-list a').first();
    const name = (await first.textContent())!;
    expect(name).toContain('(demo)');
    await first.click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.textContent('main')).toContain('Mensen');
    await expectAccessible(page);

    await visit(page, '/wie-doet-wat');
    await page.getByLabel('Thema').selectOption('financien-op-orde');
    await page.getByLabel('Stadsdeel').selectOption('schalkwijk');
    await submitAndWait(page, 'Tonen');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('DOCK Haarlem');
    expect(main).toContain('Gebiedsverbinder');
    expect(main).toContain('Opbouwwerker');
    expect(main).not.toContain('Nog niet bekend');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'DOCK Haarlem' }).first().click();
    await page.waitForLoadState('load');
    expect(await page.textContent('main')).toContain('Regie op thema’s');
    await expectAccessible(page);

    // A bad filter in the address gives a clear message, not an error page.
    await visit(page, '/wie-doet-wat?theme=bestaat-niet', 400);
    expect(await page.locator('#fouten').textContent()).toContain('Thema: Dit thema bestaat niet.');
    await ctx.close();
  });
});

describe('partner staff manage their own organisation', () => {
  it('edits the profile, adds a person, and is refused another organisation', async () => {
    const ctx = await h.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/mijn-organisatie');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('DOCK Haarlem');

    await page.getByLabel('Website').fill('javascript:alert(1)');
    await submitAndWait(page, 'Opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('Website: is geen geldig webadres');
    await expectAccessible(page);
    await page.getByLabel('Website').fill('https://www.dock.example');
    await page.getByLabel('E-mailadres voor contact').fill('info@dock.example');
    await page.getByLabel('Beschrijving').fill('Welzijnswerk in de wijk: ontmoeting, ondersteuning & meedoen.');
    await submitAndWait(page, 'Opslaan');
    expect(page.url()).toContain('/mijn-organisatie?opgeslagen=1');
    expect(await page.textContent('main')).toContain('Opgeslagen.');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Persoon toevoegen' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await submitAndWait(page, 'Opslaan');
    expect(await page.locator('#fouten').textContent()).toContain('Naam: is verplicht');
    await expectAccessible(page);
    await page.getByLabel('Naam', { exact: true }).fill('Ella Eenzaamheidsexpert');
    await page.getByLabel('Functie').fill('Welzijnscoach');
    await page.getByLabel('Brede basis').fill('Sociaal werk');
    await page.getByLabel('Eenzaamheid').check();
    await page.locator('#veld-districts-oost').check();
    await submitAndWait(page, 'Opslaan');
    expect(page.url()).toContain('/mijn-organisatie?persoon=1');

    await page.getByRole('link', { name: 'Bekijk de openbare pagina' }).click();
    await page.waitForLoadState('load');
    const main = (await page.textContent('main'))!;
    expect(main).toContain('Ella Eenzaamheidsexpert');
    expect(main).toContain('info@dock.example');
    await expectAccessible(page);

    const other = (await listOrganisations(systemContext(h.database.db, 'GM0392'))).find((o) => o.name === 'Haarlem Effect')!;
    await visit(page, `/beheer/organisaties/${other.id}`, 403);
    await ctx.close();
  });

  it('the administrator manages any organisation', async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    await login(page, demoEmail('administrator'));
    const other = (await listOrganisations(systemContext(h.database.db, 'GM0392'))).find((o) => o.name === 'Haarlem Effect')!;
    await visit(page, `/beheer/organisaties/${other.id}`);
    await visit(page, `/beheer/organisaties/${other.id}/mensen/nieuw`);
    await ctx.close();
  });
});
