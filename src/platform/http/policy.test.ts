// Every registered route must have a policy; non-public routes must refuse anonymous visitors.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient } from '../../../test/client.ts';
import { policyTable, policyKey } from '../auth/policy-table.ts';
import type { App } from './app.tsx';

let db: TestDatabase;
let app: App;
beforeAll(async () => {
  ({ db, app } = await openSeededApp('pglite'));
});
afterAll(() => db?.drop());

const handlerRoutes = () => {
  const seen = new Set<string>();
  for (const r of app.routes) if (r.method !== 'ALL' && !r.path.endsWith('*')) seen.add(policyKey(r.method, r.path));
  return [...seen];
};

describe('policy table', () => {
  it('covers every registered route', () => {
    const routes = handlerRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((k) => !(k in policyTable));
    expect(missing, `routes without a policy: ${missing.join(', ')}`).toEqual([]);
  });

  it('has no stale entries', () => {
    const routes = new Set(handlerRoutes());
    expect(Object.keys(policyTable).filter((k) => !routes.has(k))).toEqual([]);
  });

  it('refuses anonymous visitors on every non-public route', async () => {
    for (const [key, access] of Object.entries(policyTable)) {
      if (access === 'public') continue;
      const [method, path] = key.split(' ');
      const concrete = path.replace(/:[a-zA-Z]+(\{(?:[^{}]|\{[^{}]*\})*\})?/g, '00000000-0000-4000-8000-000000000000');
      const client = new TestClient(app);
      const res = method === 'GET' ? await client.get(concrete) : concrete.startsWith('/api/') ? await client.json(concrete, method, {}) : await client.postForm(concrete, {}, '/inloggen');
      if (concrete.startsWith('/api/')) expect([401], key).toContain(res.status);
      else if (method === 'GET') {
        expect(res.status, key).toBe(303);
        expect(res.headers.get('location'), key).toMatch(/^\/inloggen\?terug=/);
      } else expect(res.status, key).toBe(401);
    }
  });
});
