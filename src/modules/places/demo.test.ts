// Demo data: 15 locations per scale over all districts, 2–5 rooms each, default rates, a few bookings;
// the same seed gives the same data and running it twice adds nothing.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { createRng } from '../../platform/rng.ts';
import { seedNetworkDemo } from '../network/demo.ts';
import { listDistricts } from '../framework/service.ts';
import { seedPlacesDemo } from './demo.ts';
import { listLocations, listRooms, listRates, getLocationSummaries } from './service.ts';
import { ctxAs } from './test-helpers.ts';
import { queryRows } from '../../platform/db/client.ts';
import { sql } from 'drizzle-orm';

describe.each(dbKinds)('places demo data (%s)', (kind) => {
  let a: TestDatabase;
  let b: TestDatabase;
  beforeAll(async () => {
    [a, b] = await Promise.all([createTestDatabase(kind), createTestDatabase(kind)]);
    for (const db of [a, b]) {
      await seedFramework(db);
      await seedNetworkDemo(ctxAs(db, null), createRng(1), 1);
    }
  }, 120_000);
  afterAll(async () => {
    await a?.drop();
    await b?.drop();
  });

  it('is deterministic, idempotent and spread over every district', async () => {
    const ctxA = ctxAs(a, null);
    const first = await seedPlacesDemo(ctxA, createRng(7), 1);
    expect(first[0]).toMatch(/15 locaties/);
    expect(await seedPlacesDemo(ctxA, createRng(7), 1)).toEqual(['plekken: al aanwezig']);
    await seedPlacesDemo(ctxAs(b, null), createRng(7), 1);
    const la = await listLocations(ctxA);
    const lb = await listLocations(ctxAs(b, null));
    expect(la).toHaveLength(15);
    expect(la.map(({ id: _a, managerOrganisationId: _m, ...rest }) => rest)).toEqual(lb.map(({ id: _b, managerOrganisationId: _m, ...rest }) => rest));
    const districts = await listDistricts(ctxA);
    expect(new Set(la.map((l) => l.districtCode))).toEqual(new Set(districts.map((d) => d.code)));
    for (const l of la) {
      expect(l.name).toMatch(/\(demo\)$/);
      const rooms = await listRooms(ctxA, l.id);
      expect(rooms.length).toBeGreaterThanOrEqual(2);
      expect(rooms.length).toBeLessThanOrEqual(5);
    }
    expect((await listRates(ctxA)).every((r) => r.source === 'global')).toBe(true);
    const [n] = await queryRows<{ n: number }>(a.db, sql`select count(*)::int as n from bookings`);
    expect(Number(n.n)).toBeGreaterThanOrEqual(10);
    const summaries = await getLocationSummaries(ctxA, [la[0].id, 'geen-id']);
    expect([...summaries.keys()]).toEqual([la[0].id]);
    expect(summaries.get(la[0].id)).toEqual({ id: la[0].id, name: la[0].name, address: la[0].address, districtCode: la[0].districtCode, wheelchairAccessible: la[0].wheelchairAccessible });
    // Scale 2 adds the second fifteen.
    expect((await seedPlacesDemo(ctxA, createRng(7), 2))[0]).toMatch(/15 locaties/);
    expect(await listLocations(ctxA)).toHaveLength(30);
  }, 120_000);
});
