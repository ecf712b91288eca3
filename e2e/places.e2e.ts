// Journeys of the places module: a resident browses locations and a location's programme; partner staff book a
// room (with a mistake first), approve it as location manager and see the monthly statement; an administrator
// opens the management pages. With and without JavaScript; axe-core checks every page visited.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { listOrganisations } from '../src/modules/network/service.ts';
import { listLocations, listRooms } from '../src/modules/places/service.ts';
import { systemContext } from '../src/platform/context.ts';
import { addDays, localParts, zonedTime } from '../src/modules/places/time.ts';

const h = useHarness();

/** A Tuesday about three months ahead (the demo locations are open then from 09:00), different per run. */
function futureTuesday(weeksExtra: number): string {
  let d = addDays(localParts(new Date()).date, 90 + 7 * weeksExtra);
  while (localParts(zonedTime(d, '12:00')).weekday !== 'tue') d = addDays(d, 1);
  return d;
}

describe.each([true, false])('places (JavaScript %s)', (javaScriptEnabled) => {
  it('a resident finds locations by district and sees one with its programme', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await visit(page, '/locaties');
    await page.getByLabel('Stadsdeel').selectOption('schalkwijk');
    await submitAndWait(page, 'Filteren');
    expect(page.url()).toContain('stadsdeel=schalkwijk');
    await expectAccessible(page);
    const first = page.locator('main table a').first();
    const name = (await first.textContent())!;
    expect(name).toContain('(demo)');
    await first.click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    expect(await page.textContent('main')).toContain('Programma deze week');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Volgende week' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toMatch(/week=\d{4}-W\d{2}/);
    await expectAccessible(page);
    await ctx.close();
  });

  it('partner staff book a room, the manager approves, and the statement shows it', async () => {
    const sys = systemContext(h.database.db, 'GM0392');
    const dock = (await listOrganisations(sys)).find((o) => o.name === 'DOCK Haarlem')!;
    const loc = (await listLocations(sys)).find((l) => l.managerOrganisationId === dock.id)!;
    const room = (await listRooms(sys, loc.id))[0];
    const day = futureTuesday(javaScriptEnabled ? 0 : 1);
    const purpose = `Buurtavond ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript`;

    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, `/locaties/${loc.id}`);
    await page.getByRole('link', { name: 'Een ruimte boeken' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);

    // First a mistake: the end before the start.
    await page.getByLabel('Ruimte', { exact: true }).selectOption(room.id);
    await page.getByLabel('Datum').fill(day);
    await page.getByLabel('Begintijd').fill('11:30');
    await page.getByLabel('Eindtijd').fill('10:00');
    await page.getByLabel('Waarvoor gebruikt u de ruimte?').fill(purpose);
    await submitAndWait(page, 'Aanvraag versturen');
    expect(await page.locator('#fouten').textContent()).toContain('De eindtijd moet na de begintijd liggen.');
    await expectAccessible(page);

    await page.getByLabel('Begintijd').fill('10:00');
    await page.getByLabel('Eindtijd').fill('11:30');
    await submitAndWait(page, 'Aanvraag versturen');
    expect(page.url()).toContain('/mijn-boekingen');
    expect(await page.textContent('main')).toContain(purpose);
    await expectAccessible(page);

    // DOCK Haarlem manages this location: the same person approves it in the queue.
    await visit(page, '/beheer/boekingen');
    const row = page.locator('tr', { hasText: purpose });
    await row.getByRole('button', { name: 'Goedkeuren' }).click();
    await page.waitForLoadState('load');
    expect(await page.textContent('main')).toContain('Uw besluit is opgeslagen');
    await expectAccessible(page);

    await visit(page, `/boekingen/overzicht?maand=${day.slice(0, 7)}`);
    const main = (await page.textContent('main'))!;
    expect(main).toContain(loc.name);
    expect(main).toContain(room.name);
    expect(await page.getByRole('link', { name: 'Download als CSV (spreadsheet)' }).count()).toBe(1);
    const pdf = await page.request.get(`/boekingen/overzicht.pdf?maand=${day.slice(0, 7)}&organisatie=${dock.id}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    await ctx.close();
  });

  it('an administrator opens the management pages; a resident is refused', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('administrator'));
    await visit(page, '/beheer/locaties');
    const loc = (await listLocations(systemContext(h.database.db, 'GM0392')))[0];
    await visit(page, `/beheer/locaties/${loc.id}`);
    await visit(page, `/beheer/locaties/${loc.id}/tarieven`);
    await visit(page, '/beheer/tarieven');
    await visit(page, '/beheer/boekingen');
    await ctx.close();
    const resident = await h.context({ javaScriptEnabled });
    const rp = await resident.newPage();
    await login(rp, demoEmail('resident'));
    await visit(rp, '/beheer/locaties', 403);
    await visit(rp, '/mijn-boekingen', 403);
    await resident.close();
  });
});
