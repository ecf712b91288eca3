// Bad input, unknown routes and crashes: clear answers, never a stack trace, and the server keeps running.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { TestDatabase } from '../../../test/db.ts';
import { openSeededApp, testApp, TestClient, clientAs } from '../../../test/client.ts';
import { openPglite } from '../db/client.ts';
import type { App } from './app.tsx';

let db: TestDatabase;
let app: App;
beforeAll(async () => {
  ({ db, app } = await openSeededApp('pglite'));
});
afterAll(() => db?.drop());

describe('error handling', () => {
  it('answers malformed JSON with 400 problem+json', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const res = await admin.request('/api/v1/users', { method: 'POST', body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body over the limit with 413', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const res = await admin.json('/api/v1/users', 'POST', { email: 'a@b.nl', name: 'x'.repeat(3 * 1024 * 1024) });
    expect(res.status).toBe(413);
  });

  it('answers an unknown path with a 404 page', async () => {
    const res = await new TestClient(app).get('/bestaat/niet');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
  });

  it('answers an internal failure with a 500 and a reference, without a stack trace, and keeps serving', async () => {
    const broken = await openPglite();
    await broken.migrate();
    const brokenApp = testApp(broken);
    await broken.close();
    const res = await new TestClient(brokenApp).get('/api/v1/themes');
    expect(res.status).toBe(500);
    const body = (await res.json()) as { detail: string };
    expect(body.detail).toMatch(/kenmerk/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
    const page = await new TestClient(brokenApp).get('/themas');
    expect(page.status).toBe(500);
    expect(await page.text()).not.toContain('Error:');
    // The healthy app is unaffected and the broken one still answers health checks.
    expect((await new TestClient(app).get('/health')).status).toBe(200);
    expect((await new TestClient(brokenApp).get('/health')).status).toBe(503);
  });

  it('sends secure headers', async () => {
    const res = await new TestClient(app).get('/');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('serves the OpenAPI 3.1 document', async () => {
    const res = await new TestClient(app).get('/api/v1/openapi.json');
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown>; servers: { url: string }[] };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0].url).toMatch(/\/api\/v1$/);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/themes', '/districts', '/users']));
  });
});
