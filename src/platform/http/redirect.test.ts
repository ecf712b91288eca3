// Redirect targets from user input: same-origin paths only (parsed, not pattern-matched), on /taal and the login form.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sameOriginPath } from './redirect.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser } from '../auth/service.ts';
import { adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { App } from './app.tsx';

describe('sameOriginPath', () => {
  it('keeps paths on this site', () => {
    for (const ok of ['/', '/themas', '/activiteiten?q=taal&wijk=noord', '/a/b#c', '/zoek?terug=//x']) expect(sameOriginPath(ok)).toBe(ok);
  });
  it('refuses anything a browser could take off-site or that is not a plain path', () => {
    for (const bad of ['//evil.example', '/\\evil.example', '\\\\evil.example', '/\t/evil.example', '/\n/evil.example', '/\r\nSet-Cookie:x', 'https://evil.example', 'javascript:alert(1)', 'evil.example', '', '/x\u0000y', '/x\u007f']) {
      expect(sameOriginPath(bad), JSON.stringify(bad)).toBe('/');
    }
    expect(sameOriginPath(undefined, '/account')).toBe('/account');
  });
});

describe('redirects to user input', () => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    ({ db, app } = await openSeededApp('pglite'));
    await createUser(ctxFor(db, adminActor), { email: 'terug@test.nl', name: 'Terug', roles: [], password: TEST_PASSWORD });
  });
  afterAll(() => db?.drop());

  it('/taal/:lang goes back only to a path on this site', async () => {
    const c = new TestClient(app);
    const where = async (q: string) => (await c.get(`/taal/en?terug=${q}`)).headers.get('location');
    expect(await where('/%5Cevil.example')).toBe('/');
    expect(await where('/%09/evil.example')).toBe('/');
    expect(await where('%2F%2Fevil.example')).toBe('/');
    expect(await where('/a%0D%0ASet-Cookie:%20x=1')).toBe('/');
    expect(await where(encodeURIComponent('/themas?periode=2020-2023'))).toBe('/themas?periode=2020-2023');
  });

  it('the login form goes back only to a path on this site', async () => {
    const c = new TestClient(app);
    const html = await (await c.get('/inloggen?terug=/%5Cevil.example')).text();
    expect(html).toContain('name="terug" value="/account"');
    const res = await c.postForm('/inloggen', { email: 'terug@test.nl', password: TEST_PASSWORD, terug: '/\\evil.example' }, '/inloggen');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/account');
    const c2 = new TestClient(app);
    const ok = await c2.postForm('/inloggen', { email: 'terug@test.nl', password: TEST_PASSWORD, terug: '/themas' }, '/inloggen');
    expect(ok.headers.get('location')).toBe('/themas');
  });
});
