// 200 simultaneous requests for the same room and slot against the real HTTP server on PostgreSQL:
// exactly one booking, 199 clear "already booked" answers, nothing else (no 500s, no pool failures).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { sql } from 'drizzle-orm';
import { createTestDatabase, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { testApp } from '../../../test/client.ts';
import { openPostgres, queryRows, type Database } from '../../platform/db/client.ts';
import pg from 'pg';
import { AppError } from '../../platform/http/errors.ts';
import { requestBooking } from './service.ts';
import { actor, ctxAs, makeLocation, makeOrg } from './test-helpers.ts';
import { clientFor } from './test-http.ts';
import { addDays, localParts, zonedTime } from './time.ts';

const N = 200;

describe.skipIf(!process.env.DATABASE_URL)('concurrent bookings on PostgreSQL', () => {
  let db: TestDatabase;
  let server: ServerType;
  let baseUrl: string;
  let cookie: string;
  let body: string;
  let served: Database;
  let roomId: string;
  let orgId: string;
  let dbUrl: string;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    await seedFramework(db);
    // Serve over a second connection pool with the production default size (openPostgres without a size), to show
    // that 200 simultaneous requests queue for a connection instead of failing.
    const [{ name }] = await queryRows<{ name: string }>(db.db, sql`select current_database() as name`);
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    dbUrl = url.toString();
    served = await openPostgres(dbUrl);
    const app = testApp(served);
    const org = await makeOrg(db, 'Gelijktijdig', 'core-partner');
    const place = await makeLocation(db, { openingHours: {} });
    roomId = place.kamer.id;
    orgId = org.id;
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
    await served?.close();
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

  it('a race past the service check still ends in the clear 409: the exclusion violation is mapped', async () => {
    // Another transaction holds an uncommitted booking of the slot: the service's own check cannot see it,
    // so its insert waits for that transaction and then fails on the constraint (SQLSTATE 23P01).
    const day = addDays(localParts(new Date()).date, 21);
    const startsAt = zonedTime(day, '14:00');
    const endsAt = zonedTime(day, '15:00');
    const other = new pg.Client({ connectionString: dbUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query(`insert into bookings (tenant_id, room_id, organisation_id, starts_at, ends_at, status, purpose, hourly_rate_cents, price_cents) values ('GM0392', $1, $2, $3, $4, 'requested', 'eerder', 0, 0)`, [roomId, orgId, startsAt, endsAt]);
      const attempt = requestBooking(ctxAs(served, actor(['partner_staff'], orgId, 'Racer'), new Date()), { roomId, organisationId: orgId, startsAt, endsAt, purpose: 'Net te laat' }).then(
        () => null,
        (e: unknown) => e,
      );
      await new Promise((r) => setTimeout(r, 300)); // let the service reach its insert and wait
      await other.query('commit');
      const err = await attempt;
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).status).toBe(409);
      expect((err as AppError).messageKey).toBe('places.error.alreadyBooked');
    } finally {
      await other.end();
    }
  }, 60_000);
});
