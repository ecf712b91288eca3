// The catalogue's demo generator: enough activities over all themes and districts, repeatable, safe to run twice.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { createRng } from '../../platform/rng.ts';
import { seedNetworkDemo } from '../network/demo.ts';
import { seedPlacesDemo } from '../places/demo.ts';
import { seedCatalogueDemo } from './demo.ts';
import { searchActivities } from './service.ts';
import { queryRows } from '../../platform/db/client.ts';
import { sql } from 'drizzle-orm';

describe('catalogue demo data (pglite)', () => {
  const dbs: TestDatabase[] = [];
  const seeded = async () => {
    const db = await createTestDatabase('pglite');
    dbs.push(db);
    await seedFramework(db);
    const ctx = ctxFor(db);
    await seedNetworkDemo(ctx, createRng(1), 1);
    await seedPlacesDemo(ctx, createRng(2), 1);
    return { db, ctx, report: await seedCatalogueDemo(ctx, createRng(3), 1) };
  };
  let first: Awaited<ReturnType<typeof seeded>>;

  beforeAll(async () => {
    first = await seeded();
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('makes 300 activities over all 7 themes and 5 districts, mostly published and findable', async () => {
    expect(first.report[0]).toMatch(/300 demo-activiteiten toegevoegd/);
    const [stats] = await queryRows<{ n: number; themes: number; districts: number; published: number; located: number }>(
      first.db.db,
      sql`select count(*)::int as n, count(distinct themes[1])::int as themes, count(distinct district_code)::int as districts,
                 count(*) filter (where status = 'published')::int as published, count(location_id)::int as located from activities`,
    );
    expect(stats.n).toBe(300);
    expect(stats.themes).toBe(7);
    expect(stats.districts).toBe(5);
    expect(stats.published).toBeGreaterThan(250);
    expect((await searchActivities(first.ctx, { q: 'koffieochtend' })).total).toBeGreaterThan(0);
    expect((await searchActivities(first.ctx, { q: 'ontmoetingen' })).total).toBeGreaterThan(0);
  });

  it('adds nothing the second time, and gives the same data for the same seed', async () => {
    expect(await seedCatalogueDemo(first.ctx, createRng(3), 1)).toEqual(['aanbod: demo-activiteiten al aanwezig']);
    const second = await seeded();
    const rows = (db: TestDatabase) => queryRows<{ seed_key: string; title: string; starts_at: unknown }>(db.db, sql`select seed_key, title, starts_at::text from activities order by seed_key`);
    expect(await rows(second.db)).toEqual(await rows(first.db));
  });
});
