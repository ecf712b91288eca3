// HTTP test helper: a logged-in client for a user of a given organisation (kept apart from test-helpers.ts so
// service tests do not load the whole app).
import type { Database } from '../../platform/db/client.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { App } from '../../platform/http/app.tsx';
import { TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import { adminActor } from '../../../test/db.ts';
import { ctxAs } from './test-helpers.ts';

/** A logged-in client for a new user of the given organisation. */
export async function clientFor(app: App, db: Database, roles: Role[], organisationId: string | null): Promise<TestClient> {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  await createUser(ctxAs(db, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  const res = await client.login(email, TEST_PASSWORD);
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return client;
}

