// 200 simultaneous requests for the same room and slot against the real HTTP server on PostgreSQL:
// exactly one booking, 199 clear "already booked" answers, nothing else (no 500s, no pool failures).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { createTestDatabase, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { testApp } from '../../../test/client.ts';
import { queryRows } from '../../platform/db/client.ts';
import { makeLocation, makeOrg } from './test-helpers.ts';
import { clientFor } from './test-http.ts';
import { addDays, localParts, zonedTime } from './time.ts';

const N = 200;

describe.skipIf(!process.env.DATABASE_URL)('concurrent bookings on PostgreSQL', () => {
  let db: TestDatabase;
  let server: ServerType;
  let baseUrl: string;
  let cookie: string;
  let body: string;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await seedFramework(db);
    const app = testApp(db);
    const org = await makeOrg(db, 'Gelijktijdig', 'core-partner');
    const place = await makeLocation(db, { openingHours: {} });
    const client = await clientFor(app, db, ['partner_staff'], org.id);
    cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const day = addDays(localParts(new Date()).date, 14);
    body = JSON.stringify({ roomId: place.zaal.id, organisationId: org.id, startsAt: zonedTime(day, '10:00').toISOString(), endsAt: zonedTime(day, '12:00').toISOString(), purpose: 'Iedereen tegelijk' });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const addr = server.address();
    baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((r) => server?.close(() => r(undefined)));
    await db?.drop();
  });

  it(`${N} simultaneous requests: exactly one 201 and ${N - 1} × 409 "already booked"`, async () => {
    const responses = await Promise.all(
      Array.from({ length: N }, async () => {
        const res = await fetch(`${baseUrl}/api/v1/bookings`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', cookie }, body });
        return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as { detail?: string } };
      }),
    );
    const byStatus = new Map<number, number>();
    for (const r of responses) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(byStatus)).toEqual({ 201: 1, 409: N - 1 });
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(r.type).toContain('application/problem+json');
      expect(r.body.detail).toBe('Deze ruimte is op dat moment al geboekt.');
    }
    const [row] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from bookings where purpose = 'Iedereen tegelijk'`);
    expect(Number(row.n)).toBe(1);
  }, 120_000);
});
