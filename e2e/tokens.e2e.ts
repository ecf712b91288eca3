// Journey of API tokens: partner staff make a token on /account/tokens (a mistake first), their organisation's system
// uses it to add an activity through the API, they revoke it and the system is refused. With and without
// JavaScript; axe-core checks every page visited. An administrator sees every token on /beheer/tokens.
import { describe, it, expect } from 'vitest';
import { useHarness, visit, login, demoEmail, expectAccessible, submitAndWait } from './harness.ts';
import { activityInputFor } from '../src/modules/catalogue/test-factory.ts';

const h = useHarness();

describe.each([true, false])('API tokens (JavaScript %s)', (javaScriptEnabled) => {
  it('partner staff make a token, their system adds an activity with it, they revoke it and the system is refused', async () => {
    const ctx = await h.context({ javaScriptEnabled });
    const page = await ctx.newPage();
    await login(page, demoEmail('partner_staff'));
    await visit(page, '/account');
    await page.getByRole('link', { name: 'API-tokens voor het systeem van uw organisatie' }).click();
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe('/account/tokens');
    expect(await page.textContent('main')).toContain('Een token handelt als u: met uw rollen, voor uw organisatie');
    await expectAccessible(page);

    // First a mistake: no name, no scopes.
    await page.getByLabel('Lezen (gegevens opvragen)').uncheck();
    await submitAndWait(page, 'Token maken');
    const summary = (await page.locator('#fouten').textContent()) ?? '';
    expect(summary).toContain('Naam: is verplicht');
    expect(summary).toContain('Wat mag de token?');
    await expectAccessible(page);

    const name = `Ledenadministratie ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript`;
    await page.getByLabel('Naam', { exact: true }).fill(name);
    await page.getByLabel('Lezen (gegevens opvragen)').check();
    await page.getByLabel('Wijzigen (gegevens toevoegen en aanpassen)').check();
    await submitAndWait(page, 'Token maken');
    expect(await page.getByRole('heading', { name: 'Uw nieuwe token' }).count()).toBe(1);
    await expectAccessible(page);
    const token = await page.getByLabel('Token', { exact: true }).inputValue();
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);

    // The organisation's system: no cookies, no CSRF token, only the bearer token.
    const title = `Koffieochtend via de API ${javaScriptEnabled ? 'met' : 'zonder'} JavaScript`;
    const send = () =>
      fetch(`${h.baseUrl}/api/v1/activities`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(activityInputFor({ title })) });
    const created = await send();
    expect(created.status, await created.clone().text()).toBe(201);
    expect(((await created.json()) as { title: string }).title).toBe(title);

    // The list shows it (used just now), never the token itself.
    await visit(page, '/account/tokens');
    expect(await page.textContent('main')).not.toContain(token);
    expect(await page.textContent('main')).toContain(token.slice(0, 10));
    await page.getByRole('button', { name: `Intrekken token ${name} intrekken` }).click();
    await page.waitForLoadState('load');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Token intrekken?');
    await expectAccessible(page);
    await submitAndWait(page, 'Ja, token intrekken');
    expect(await page.textContent('main')).toContain('De token is ingetrokken. Hij werkt niet meer.');
    await expectAccessible(page);

    const refused = await send();
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/^Token ingetrokken/);
    await ctx.close();
  });
});

it('an administrator sees every token and can make one for a member of staff', async () => {
  const ctx = await h.context();
  const page = await ctx.newPage();
  await login(page, demoEmail('administrator'));
  await visit(page, '/beheer');
  await page.getByRole('link', { name: 'API-tokens' }).click();
  await page.waitForLoadState('load');
  await expectAccessible(page);
  await page.getByLabel('Gebruiker', { exact: true }).selectOption({ index: 0 });
  await page.getByLabel('Naam', { exact: true }).fill('Koppeling door beheer');
  await submitAndWait(page, 'Token maken');
  expect(await page.getByRole('heading', { name: 'Uw nieuwe token' }).count()).toBe(1);
  expect(await page.locator('main table').textContent()).toContain('Koppeling door beheer');
  await expectAccessible(page);
  await ctx.close();
});
