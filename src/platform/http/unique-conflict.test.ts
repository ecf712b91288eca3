// Two requests that create the same unique thing at the same moment: one wins, the other gets a 409 naming the
// field — never a 500 (on PostgreSQL the services' own "already exists" checks can both pass before either insert).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, clientAs, type TestClient } from '../../../test/client.ts';
import { uniqueViolation } from './problem.ts';

describe.each(dbKinds)('parallel creation with the same unique key (%s)', (kind) => {
  let db: TestDatabase;
  let admin: TestClient;
  beforeAll(async () => {
    const opened = await openSeededApp(kind);
    db = opened.db;
    admin = await clientAs(opened.app, db, ['administrator']);
  });
  afterAll(async () => db?.drop());

  const race = async (path: string, body: (i: number) => unknown) => {
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => admin.json(path, 'POST', body(i))));
    const statuses = responses.map((r) => r.status).sort();
    const problems = await Promise.all(responses.filter((r) => r.status === 409).map((r) => r.json() as Promise<{ detail: string; invalidParams?: { name: string; reason: string }[] }>));
    return { statuses, problems };
  };

  it('user e-mail, organisation name, call-period code: one 201, the rest 409', async () => {
    const users = await race('/api/v1/users', (i) => ({ email: 'dubbel@test.nl', name: `Dubbel ${i}`, roles: ['resident'] }));
    expect(users.statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const p of users.problems) expect(p.invalidParams?.[0].name).toBe('email');
    const orgs = await race('/api/v1/organisations', () => ({ name: 'Stichting Dubbel', type: 'volunteer-organisation' }));
    expect(orgs.statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    for (const p of orgs.problems) expect(p.invalidParams?.[0].name).toBe('name');
    const periods = await race('/api/v1/call-periods', (i) => ({ code: '2030-2033', name: `Uitvraag 2030 (${i})`, startYear: 2030, endYear: 2033 }));
    expect(periods.statuses.filter((s) => s >= 500)).toEqual([]);
    expect(periods.statuses.filter((s) => s === 201)).toHaveLength(1);
  });

  it('finds the field of a unique violation, also wrapped in drizzle’s error', () => {
    const pgError = { code: '23505', detail: 'Key (tenant_id, email)=(GM0392, a@b.nl) already exists.' };
    expect(uniqueViolation(pgError)).toBe('email');
    expect(uniqueViolation(new Error('Failed query', { cause: pgError }))).toBe('email');
    expect(uniqueViolation({ code: '23505', detail: 'Key (location_id, name)=(x, y) already exists.' })).toBe('name');
    expect(uniqueViolation({ code: '23P01' })).toBeNull();
  });
});
