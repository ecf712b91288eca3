// Journey of the session part: partner staff open the entry point, fill in a month of sessions of a weekly demo
// activity on one form (a mistake first), open a session and add a participant twice (counted once). With and
// without JavaScript; axe-core checks every page visited.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { listOrganisations } from '../src/modules/network/service.ts';
import { listDeliveredActivities, localDateOf, occurrenceDates } from '../src/modules/catalogue/service.ts';
import { systemContext } from '../src/platform/context.ts';

const h = useHarness();

/** The month `back` months before this one (YYYY-MM). */
function monthsAgo(back: number): string {
  const [y, m] = localDateOf(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 - back, 1)).toISOString().slice(0, 7);
}

describe.each([true, false])('sessions (JavaScript %s)', (javaScriptEnabled) => {
  it('partner staff fill in a month of a weekly activity and add a participant once', async () => {
    const sys = systemContext(h.database.db, 'GM0392');
    const dock = (await listOrganisations(sys)).find((o) => o.name === 'DOCK Haarlem')!;
    const month = monthsAgo(1);
    const last = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
    // Both runs use the same month: the second saves it again (updated in place) and adds its participant to another session.
    const activity = (await listDeliveredActivities(sys, dock.id)).find((a) => a.schedule.kind === 'weekly' && occurrenceDates(a, `${month}-01`, last).length >= 2);
    expect(activity, 'a weekly demo activity of DOCK Haarlem with sessions in the month').toBeTruthy();

    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/verantwoording/bijeenkomsten');
    expect(await page.textContent('main')).toContain(activity!.title);

    const path = `/verantwoording/activiteiten/${activity!.id}/maand?maand=${month}`;
    await visit(page, path);
    const selects = page.locator('select[name^="rows."][name$=".status"]');
    const n = (await selects.count()) - 1; // the last line is the extra date
    expect(n).toBeGreaterThanOrEqual(2);
    for (let i = 0; i < n; i++) await page.locator(`select[name="rows.${i}.status"]`).selectOption('held');
    // A mistake first: the first session cancelled without a reason.
    await page.locator('select[name="rows.0.status"]').selectOption('cancelled');
    await submitAndWait(page, 'Maand opslaan');
    const summary = await page.locator('#fouten').textContent();
    expect(summary).toContain('Regel 1 (');
    expect(summary).toContain('is verplicht als de bijeenkomst is afgelast');
    await expectAccessible(page);
    await page.locator('select[name="rows.0.status"]').selectOption('held');
    await page.locator('input[name="rows.0.headcount"]').fill('5');
    await submitAndWait(page, 'Maand opslaan');
    expect(await page.textContent('main')).toContain(`Opgeslagen: ${n} bijeenkomsten.`);
    await expectAccessible(page);

    await page.locator('main a[href^="/verantwoording/bijeenkomsten/"]').nth(javaScriptEnabled ? 0 : 1).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    const name = javaScriptEnabled ? 'Anna de Vries-Zeldenrust' : 'Bernard Zeldenrust';
    for (const attempt of [0, 1]) {
      await page.getByLabel('Naam', { exact: true }).fill(attempt ? name.toUpperCase() : name);
      await page.getByLabel('Geboortedatum', { exact: true }).fill(attempt ? '1951-04-07' : '07-04-1951');
      await submitAndWait(page, 'Deelnemer toevoegen');
      const text = (await page.textContent('main'))!;
      expect(text).toContain(attempt ? 'al geregistreerd' : 'Deelnemer toegevoegd');
      expect(text).not.toContain('Zeldenrust');
      await expectAccessible(page);
    }
    expect(await page.locator('table').filter({ hasText: 'Bekende deelnemers' }).locator('tbody tr').count()).toBe(1);
    await ctx.close();
  });
});
