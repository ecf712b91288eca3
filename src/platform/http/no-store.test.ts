// Responses with personal data are not kept by browsers or proxies: Cache-Control: no-store.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, clientAs } from '../../../test/client.ts';
import type { App } from './app.tsx';

describe.each(dbKinds)('Cache-Control on personal data (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
  });
  afterAll(() => db?.drop());

  it('answers every signed-in request and every personal-data path with no-store', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    for (const path of ['/beheer/gebruikers', '/beheer/audit', '/account', '/account/wachtwoord', '/api/v1/users', '/api/v1/audit-events', '/themas', '/']) {
      const res = await admin.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
    const anonymous = new TestClient(app);
    const { items } = (await (await anonymous.get('/api/v1/organisations')).json()) as { items: { id: string }[] };
    expect(items.length).toBeGreaterThan(0);
    for (const path of ['/api/v1/users', '/api/v1/audit-events', '/beheer/gebruikers', `/api/v1/organisations/${items[0].id}/people`]) {
      expect((await anonymous.get(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await anonymous.get('/themas')).headers.get('cache-control')).toBeNull();
    expect((await admin.get('/assets/app.css')).headers.get('cache-control')).toBe('public, max-age=3600');
  });
});
