// An HTTP client for tests against the app in-process: keeps cookies, picks up the CSRF token from forms.
import { createApp, type App } from '../src/platform/http/app.tsx';
import { modules } from '../src/modules/index.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/platform/db/client.ts';
import { createUser } from '../src/platform/auth/service.ts';
import { adminActor, ctxFor, createTestDatabase, seedFramework, type DbKind, type TestDatabase } from './db.ts';
import type { Role } from '../src/platform/auth/roles.ts';

export function testApp(database: Database): App {
  const config = loadConfig({ TENANT: database.tenant, PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'test' } as NodeJS.ProcessEnv);
  return createApp({ database, config }, modules);
}

export class TestClient {
  cookies = new Map<string, string>();
  constructor(public app: App) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await this.app.request(path, { ...init, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i);
      const v = pair.slice(i + 1);
      if (!v || /max-age=0/i.test(c)) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
    return res;
  }

  get(path: string) {
    return this.request(path);
  }

  /** The CSRF token of the page at `path` (every form carries it). */
  async csrf(path = '/inloggen'): Promise<string> {
    const html = await (await this.get(path)).text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1];
  }

  async postForm(path: string, fields: Record<string, string | string[]>, csrfFrom?: string): Promise<Response> {
    const body = new URLSearchParams();
    body.append('_csrf', await this.csrf(csrfFrom ?? path));
    for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.request(path, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  json(path: string, method: string, data: unknown) {
    return this.request(path, { method, body: JSON.stringify(data), headers: { 'content-type': 'application/json', accept: 'application/json' } });
  }

  async login(email: string, password: string): Promise<Response> {
    return this.postForm('/inloggen', { email, password }, '/inloggen');
  }
}

export const TEST_PASSWORD = 'test-wachtwoord-123';

/** Creates a user with the given roles and returns a client logged in as that user. */
export async function clientAs(app: App, database: Database, roles: Role[], email = `${roles.join('-') || 'none'}-${Math.random().toString(36).slice(2, 8)}@test.nl`): Promise<TestClient> {
  await createUser(ctxFor(database, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD });
  const client = new TestClient(app);
  const res = await client.login(email, TEST_PASSWORD);
  if (res.status !== 303) throw new Error(`login failed for ${email}: ${res.status}`);
  return client;
}

/** A fresh database with the framework loaded, and the app on it: the usual start of an HTTP test file. */
export async function openSeededApp(kind: DbKind): Promise<{ db: TestDatabase; app: App }> {
  const db = await createTestDatabase(kind);
  await seedFramework(db);
  return { db, app: testApp(db) };
}
