// Access comes from the route that answers: every route is registered with a rule, rules without routes, routes
// without rules, app.all() and two owners of one route fail at start-up, and anonymous visitors are refused.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { TestDatabase } from '../test/db.ts';
import { openSeededApp, TestClient } from '../test/client.ts';
import { createApp, routeRules, type App } from './platform/http/app.tsx';
import { routeKey, type RouteRules } from './platform/http/routes.ts';
import { loadConfig } from './config.ts';
import { modules } from './modules/index.ts';
import type { Module } from './platform/module.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './platform/http/env.ts';

let db: TestDatabase;
let app: App;
beforeAll(async () => {
  ({ db, app } = await openSeededApp('pglite'));
});
afterAll(() => db?.drop());

const config = () => loadConfig({ TENANT: 'GM0392', PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'test' } as NodeJS.ProcessEnv);
const withModule = (extra: Module) => createApp({ database: db, config: config() }, [...modules, extra]);
const fakeModule = (rules: RouteRules, register: (app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) => void): Module => ({
  name: 'fake',
  routes: { rules, register },
  jobs: [],
  auditActions: [],
});

const handlerRoutes = (a: App) => [...new Set(a.routes.filter((r) => r.method !== 'ALL').map((r) => routeKey(r.method, r.path)))];

describe('route rules', () => {
  it('cover every registered route, and every rule has a route', () => {
    const rules = new Map(routeRules(app));
    const routes = handlerRoutes(app);
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((k) => !rules.has(k)), 'routes without a rule').toEqual([]);
    expect([...rules.keys()].filter((k) => !routes.includes(k)), 'rules without a route').toEqual([]);
    // The only catch-all entries are the platform's middleware: no module route answers every method.
    expect(app.routes.filter((r) => r.method === 'ALL' && !r.path.endsWith('*'))).toEqual([]);
  });

  it('refuses anonymous visitors on every non-public route', async () => {
    for (const [key, access] of routeRules(app)) {
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

  it('judges a request by the rule of the route that answers, not by a later match', async () => {
    // Registered first, /proef/nieuw answers; /proef/:id matches too but comes later and is public.
    const fake = withModule(
      fakeModule({ 'GET /proef/nieuw': ['administrator'], 'GET /proef/:id': 'public' }, (a) => {
        a.get('/proef/nieuw', (c) => c.text('nieuw'));
        a.get('/proef/:id', (c) => c.text(`proef ${c.req.param('id')}`));
      }),
    );
    const anonymous = new TestClient(fake);
    const nieuw = await anonymous.get('/proef/nieuw');
    expect(nieuw.status).toBe(303);
    expect(nieuw.headers.get('location')).toBe('/inloggen?terug=%2Fproef%2Fnieuw');
    const other = await anonymous.get('/proef/123');
    expect(other.status).toBe(200);
    expect(await other.text()).toBe('proef 123');
  });

  it('fails at start-up when two owners declare the same route', () => {
    const duplicate = fakeModule({ 'GET /activiteiten': 'public' }, (a) => a.get('/activiteiten', (c) => c.text('tweede')));
    expect(() => withModule(duplicate)).toThrow(/GET \/activiteiten is declared twice: by catalogue and by fake/);
  });

  it('fails at start-up on a route without a rule, a rule without a route, and app.all()', () => {
    expect(() => withModule(fakeModule({}, (a) => a.get('/zonder-regel', (c) => c.text('x'))))).toThrow(/GET \/zonder-regel has no access rule/);
    expect(() => withModule(fakeModule({ 'GET /nergens': 'public' }, () => {}))).toThrow(/access rules without a route: GET \/nergens/);
    expect(() => withModule(fakeModule({ 'ALL /alles': 'public' }, (a) => a.all('/alles', (c) => c.text('x'))))).toThrow(/all\(\) is not allowed/);
    expect(() => withModule(fakeModule({}, (a) => a.use('/x/*', async (_c, next) => next())))).toThrow(/use\(\) is not allowed/);
  });

  it('binds API routes under /api/v1 with their rule', async () => {
    const rules = new Map(routeRules(app));
    expect(rules.get('POST /api/v1/activities')).toEqual(['partner_staff', 'administrator']);
    expect(rules.get('GET /api/v1/activities')).toBe('public');
  });

  it('refuses a route added behind the registrar’s back (it has no rule)', async () => {
    const fake = withModule(fakeModule({}, () => {}));
    fake.all('/achterdeur', (c) => c.text('open'));
    const res = await new TestClient(fake).get('/achterdeur');
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('open');
  });
});
