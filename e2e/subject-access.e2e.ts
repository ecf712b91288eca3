// Journey of the privacy desk's subject access request: the demo administrator opens /beheer, follows the link to the
// lookup, submits a BSN (refused, the fields left empty), then the pass number of a demo resident who has visits, sees
// the visits and downloads them as CSV from the same form. With and without JavaScript; axe-core on every page.
import fs from 'node:fs';
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { systemContext, type ServiceContext } from '../src/platform/context.ts';
import { lookUpResident } from '../src/modules/reach/service.ts';
import { demoPassNumber } from '../src/modules/reach/demo-attendance.ts';

const h = useHarness();

describe.each([true, false])('subject access (JavaScript %s)', (javaScriptEnabled) => {
  it('the administrator looks up a demo resident by pass number and downloads the visits', async () => {
    // A demo resident with visits: the first pass number the lookup (as an administrator) finds visits for.
    const { db, tenant, now, lang } = systemContext(h.database.db, 'GM0392');
    const admin: ServiceContext = { db, tenant, now, lang, actor: { userId: '', name: 'Test', email: 'e2e@test', roles: ['administrator'], organisationId: null } };
    let pass = '';
    let expected = 0;
    for (let i = 0; i < 50 && !pass; i++) {
      const r = await lookUpResident(admin, { passNumber: demoPassNumber(i) }, 'api');
      if (r.visits.length > 0) [pass, expected] = [demoPassNumber(i), r.visits.length];
    }
    expect(pass, 'a demo pass number with visits').not.toBe('');

    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await login(page, demoEmail('administrator'));
    await visit(page, '/beheer');
    await page.getByRole('link', { name: 'Inzageverzoek van een inwoner' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/beheer/inzageverzoek');
    await expectAccessible(page);
    expect(await page.textContent('main')).toContain('niet bewaard');

    // A BSN: refused, the field named, the identifier fields empty.
    await page.getByLabel('Pasnummer').fill('111222333');
    await submitAndWait(page, 'Opzoeken');
    await expectAccessible(page);
    const refused = (await page.textContent('main')) ?? '';
    expect(refused).toContain('Pasnummer: dit lijkt een burgerservicenummer');
    expect(await page.getByLabel('Pasnummer').inputValue()).toBe('');
    expect(await page.getByLabel('Naam').inputValue()).toBe('');
    expect(await page.content()).not.toContain('111222333');

    // The pass number, written with spaces and in lower case: the visits.
    await page.getByLabel('Pasnummer').fill(`${pass.slice(0, 4).toLowerCase()} ${pass.slice(4)}`);
    await submitAndWait(page, 'Opzoeken');
    await expectAccessible(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Wat over deze inwoner is vastgelegd');
    expect(await page.locator('caption').first().textContent()).toBe(`Bezoeken aan activiteiten (${expected})`);
    expect(await page.locator('table', { has: page.locator('#bezoeken-tabel') }).locator('tbody tr').count()).toBe(expected);
    expect(await page.content()).not.toContain(pass.slice(4));
    // Fine at 390 px: the page itself does not scroll sideways (the table's own region may).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Back to the form; the CSV download answers the same POST.
    await page.getByRole('link', { name: 'Iemand anders opzoeken' }).click();
    await page.waitForLoadState('load');
    await expectAccessible(page);
    await page.getByLabel('Pasnummer').fill(pass);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden als CSV', exact: true }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n').filter((l) => l.includes('Bezoek;'))).toHaveLength(expected);
    expect(csv).not.toContain(pass);
    await ctx.close();
  });
});
