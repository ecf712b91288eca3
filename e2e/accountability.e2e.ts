// Journeys of the accountability module: a council member opens the documents, the theme dashboard and the district
// dashboard (with and without JavaScript, at 1280 and 390 px); the table's organisation writes a narrative and
// submits the document; the policy advisor accepts it; the PDF is made by the background job and downloaded.
// axe-core checks every page visited.
import { describe, it, beforeAll, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { useHarness, visit, login, demoEmail, expectAccessible, expectAccessibleAtBothWidths } from './harness.ts';
import { systemContext } from '../src/platform/context.ts';
import { queryRows } from '../src/platform/db/client.ts';
import { buildActivity, insertSession, insertPlan, residents } from '../src/modules/reach/test-factory.ts';

const h = useHarness();
let orgId: string;
// A year without demo plans (the demo plans the current year).
const YEAR = 2025;
const DOC = `/verantwoording/documenten/ontmoeten/${YEAR}`;

beforeAll(async () => {
  const sys = systemContext(h.database.db, 'GM0392');
  [{ organisation_id: orgId }] = await queryRows<{ organisation_id: string }>(h.database.db, sql`select organisation_id from users where email = ${demoEmail('partner_staff')}`);
  const act = (await buildActivity(sys, orgId, { title: 'Verantwoording-koffieochtend', themes: ['ontmoeten'], subGoals: ['ontmoeten/1'], districtCode: 'noord' })).id;
  const people = residents('e2e-acc', 30);
  for (const [i, date] of [`${YEAR}-01-12`, `${YEAR}-03-09`, `${YEAR}-06-11`, `${YEAR}-09-14`].entries()) {
    await insertSession(sys, { activityId: act, organisationId: orgId, date, headcount: 3, visitors: people.slice(i * 6, i * 6 + 12).map((id, j) => ({ id, wijk: j % 2 ? 'WK039210' : 'WK039211', targetGroups: j % 3 ? [] : ['ouderen'] })) });
  }
  await insertPlan(sys, 'ontmoeten', YEAR, [{ activityId: act, organisationId: orgId, plannedSessions: 6, plannedHours: 12, subGoals: ['ontmoeten/1'], targets: [{ planned: 40 }] }]);
}, 180_000);

const click = async (page: Page, name: string) => {
  await page.getByRole('button', { name, exact: true }).first().click();
  await page.waitForLoadState('load');
};

describe.each([true, false])('accountability (JavaScript %s)', (javaScriptEnabled) => {
  it('a council member opens the documents, the theme dashboard and the district dashboard', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('auditor'));
    await visit(page, '/');
    expect(await page.locator('main h2').first().textContent()).toBe('Verantwoording aan de raad');
    await visit(page, `/verantwoording/documenten?year=${YEAR}`);
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('link', { name: 'Ontmoeten', exact: true }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Verantwoording Ontmoeten ${YEAR}`);
    await expectAccessibleAtBothWidths(page);

    await visit(page, `/verantwoording/dashboard/thema?theme=ontmoeten&year=${YEAR}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Dashboard Ontmoeten ${YEAR}`);
    await page.getByLabel('Vanaf (datum)').fill(`${YEAR}-01-01`);
    await page.getByLabel('Tot en met (datum)').fill(`${YEAR}-06-30`);
    await click(page, 'Tonen');
    expect(page.url()).toContain(`from=${YEAR}-01-01`);
    expect(page.url()).toContain(`to=${YEAR}-06-30`);
    await expectAccessibleAtBothWidths(page);
    const csv = await page.request.get(`/verantwoording/dashboard/grafiek/thema-uitvoering.csv?theme=ontmoeten&year=${YEAR}&from=${YEAR}-01-01&to=${YEAR}-06-30`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('ontmoeten/1;');
    const svg = await page.request.get(`/verantwoording/dashboard/grafiek/thema-bereik.svg?theme=ontmoeten&year=${YEAR}`);
    expect((await svg.text()).startsWith('<?xml')).toBe(true);

    await visit(page, `/verantwoording/dashboard/stadsdeel?year=${YEAR}`);
    await page.getByLabel('Stadsdeel', { exact: true }).selectOption('noord');
    await click(page, 'Tonen');
    expect(page.url()).toContain('district=noord');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Dashboard stadsdeel Noord ${YEAR}`);
    await expectAccessibleAtBothWidths(page);
    const png = await page.request.get(`/verantwoording/dashboard/grafiek/stadsdeel-wijken.png?district=noord&year=${YEAR}`);
    expect(png.headers()['content-type']).toBe('image/png');
    await ctx.close();
  });
});

describe('accountability workflow (no JavaScript)', () => {
  it('the table writes a narrative and submits, the municipality accepts, the PDF is downloaded', async () => {
    const partner = await h.context({ javaScriptEnabled: false });
    let page = await partner.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, DOC);
    await page.getByRole('link', { name: 'Verhalen schrijven' }).click();
    await page.waitForLoadState('load');
    await expectAccessibleAtBothWidths(page);
    const story = 'De koffieochtend groeide: buren nemen elkaar mee.';
    await page.getByLabel('Inleiding en samenvatting').fill('Een jaar van groei in Noord.');
    await page.locator('fieldset').first().getByLabel('Niveau 1: uitvoering volgens plan').fill(story);
    await click(page, 'Verhalen opslaan');
    expect(page.url()).toContain('opgeslagen=verhalen');
    expect(await page.textContent('main')).toContain(story);
    await click(page, 'Indienen bij de gemeente');
    expect(await page.textContent('main')).toContain('Het document is ingediend bij de gemeente.');
    await expectAccessible(page);
    await partner.close();

    const advisor = await h.context({ javaScriptEnabled: false });
    page = await advisor.newPage();
    await login(page, demoEmail('policy_advisor'));
    await visit(page, DOC);
    await page.getByLabel('Besluit').selectOption('accept');
    await page.getByLabel('Opmerking').fill('Helder verhaal, dank.');
    await click(page, 'Besluit vastleggen');
    expect(await page.textContent('main')).toContain('Het besluit is vastgelegd.');
    expect(await page.textContent('main')).toContain('Geaccepteerd');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Geschiedenis' }).click();
    await page.waitForLoadState('load');
    await expectAccessibleAtBothWidths(page);
    await page.getByRole('link', { name: 'versie 1' }).first().click();
    await page.waitForLoadState('load');
    expect(await page.textContent('main')).toContain(story);
    await expectAccessible(page);

    await visit(page, DOC);
    await page.getByLabel('Bestandsformaat').first().selectOption('pdf');
    await click(page, 'Downloaden');
    expect(page.url()).toMatch(/\/verantwoording\/downloads\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const link = page.getByRole('link', { name: /Download verantwoording-ontmoeten/ });
    for (let i = 0; i < 60 && !(await link.count()); i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await page.reload();
    }
    await expectAccessible(page);
    const pdf = await page.request.get(`${page.url()}/bestand`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await advisor.close();
  });
});
