// Journeys of the reach reports: a policy advisor reads the three report pages and filters them (filters stay in the
// URL, small numbers protected); partner staff read their own organisation's figures and write an explanation of a
// deviation. With and without JavaScript; axe-core checks every page visited.
import { describe, it, beforeAll, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { systemContext } from '../src/platform/context.ts';
import { queryRows } from '../src/platform/db/client.ts';
import { buildActivity, insertSession, insertPlan, residents } from '../src/modules/reach/test-factory.ts';

const h = useHarness();
let orgId: string;
let activityTitle: string;
// A year without demo plans (the demo plans the current year).
const YEAR = 2025;

beforeAll(async () => {
  const sys = systemContext(h.database.db, 'GM0392');
  [{ organisation_id: orgId }] = await queryRows<{ organisation_id: string }>(h.database.db, sql`select organisation_id from users where email = ${demoEmail('partner_staff')}`);
  activityTitle = 'Rapportage-koffieochtend';
  const act = (await buildActivity(sys, orgId, { title: activityTitle, themes: ['ontmoeten'], districtCode: 'noord' })).id;
  const people = residents('e2e', 23);
  for (const [i, date] of [`${YEAR}-01-12`, `${YEAR}-02-09`, `${YEAR}-05-11`].entries()) {
    await insertSession(sys, { activityId: act, organisationId: orgId, date, headcount: 2 + i, volunteers: 3, volunteerHours: 6, volunteerIds: ['a', 'b', 'c'], visitors: people.slice(i * 5, i * 5 + 10).map((id, j) => ({ id, wijk: j % 2 ? 'WK039210' : 'WK039211', targetGroups: j % 3 ? [] : ['ouderen'] })) });
  }
  await insertPlan(sys, 'ontmoeten', YEAR, [{ activityId: act, organisationId: orgId, plannedSessions: 12, plannedHours: 24, targets: [{ planned: 40 }, { targetGroup: 'ouderen', planned: 10 }] }]);
}, 180_000);

describe.each([true, false])('reports (JavaScript %s)', (javaScriptEnabled) => {
  it('a policy advisor reads level 1, level 2 and volunteers, and filters by district', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, `/verantwoording/bereik?year=${YEAR}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Bereik (niveau 2)');
    expect(await page.textContent('main')).toContain('afgerond op een veelvoud van 5');
    await expectAccessible(page);
    await page.getByLabel('Stadsdeel', { exact: true }).selectOption('noord');
    await submitAndWait(page, 'Toon');
    expect(page.url()).toContain('district=noord');
    expect(await page.locator('table').first().textContent()).toContain('Unieke inwoners');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Uitvoering (niveau 1)' }).click();
    await page.waitForLoadState('load');
    expect(page.url()).toContain('district=noord');
    expect(await page.textContent('main')).toContain('Afwijking: minder dan gepland');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Vrijwilligers', exact: true }).first().click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Vrijwilligers');
    await expectAccessible(page);
    await ctx.close();
  });

  it('partner staff see their own figures exactly and explain a deviation', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, `/verantwoording/bereik?year=${YEAR}&organisation=${orgId}`);
    expect(await page.textContent('main')).toContain('U ziet de exacte cijfers van uw eigen organisatie.');
    await expectAccessible(page);
    await visit(page, `/verantwoording/uitvoering?year=${YEAR}&organisation=${orgId}`);
    const text = `Toelichting ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript: de zomer viel weg.`;
    await page.getByLabel(`Toelichting op de afwijking: ${activityTitle}`, { exact: false }).fill(text);
    await submitAndWait(page, 'Toelichting opslaan');
    expect(page.url()).toContain('opgeslagen=1');
    expect(page.url()).toContain(`organisation=${orgId}`);
    expect(await page.textContent('main')).toContain(text);
    await expectAccessible(page);
    await ctx.close();
  });
});
