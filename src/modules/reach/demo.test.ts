// The reach demo generator: plans, a year of sessions and attendance from synthetic residents who visit several
// activities and organisations; repeatable, safe to run twice, linear in the scale; on PGlite and PostgreSQL.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, seedFramework, ctxFor, dbKinds, type TestDatabase } from '../../../test/db.ts';
import { createRng } from '../../platform/rng.ts';
import { queryRows } from '../../platform/db/client.ts';
import { seedNetworkDemo } from '../network/demo.ts';
import { seedPlacesDemo } from '../places/demo.ts';
import { seedCatalogueDemo } from '../catalogue/demo.ts';
import { seedReachDemo } from './demo.ts';
import { pseudonymOf } from './identity.ts';
import { demoPassNumber, RESIDENTS_PER_SCALE } from './demo-attendance.ts';
import { localDate } from './demo-world.ts';

async function seeded(kind: (typeof dbKinds)[number], dbs: TestDatabase[]) {
  const db = await createTestDatabase(kind);
  dbs.push(db);
  await seedFramework(db);
  const ctx = ctxFor(db);
  await seedNetworkDemo(ctx, createRng(1), 1);
  await seedPlacesDemo(ctx, createRng(2), 1);
  await seedCatalogueDemo(ctx, createRng(3), 1);
  const report = await seedReachDemo(ctx, createRng(4), 1);
  return { db, ctx, report };
}

const one = async <T,>(db: TestDatabase, q: ReturnType<typeof sql>) => (await queryRows<T>(db.db, q))[0];

describe.each(dbKinds)('reach demo data (%s)', (kind) => {
  const dbs: TestDatabase[] = [];
  let first: Awaited<ReturnType<typeof seeded>>;

  beforeAll(async () => {
    first = await seeded(kind, dbs);
  });
  afterAll(async () => {
    for (const db of dbs) await db.drop();
  });

  it('makes a plan per theme for this year, with choices per sub-goal, entries and reach targets', async () => {
    const year = Number(localDate(new Date()).slice(0, 4));
    const s = await one<{ plans: number; years: number; choices: number; subgoals: number; entries: number; targets: number; totals: number; revisions: number }>(
      first.db,
      sql`select (select count(*)::int from reach_plans) as plans, (select count(distinct year)::int from reach_plans where year = ${year}) as years,
                 (select count(*)::int from reach_plan_choices) as choices, (select count(distinct sub_goal_key)::int from reach_plan_choices) as subgoals,
                 (select count(*)::int from reach_plan_entries where planned_sessions > 0 and planned_hours > 0 and cardinality(sub_goals) > 0) as entries,
                 (select count(*)::int from reach_plan_targets) as targets,
                 (select count(*)::int from reach_plan_targets where target_group = '' and district_code = '') as totals,
                 (select count(*)::int from reach_plan_revisions where version = 1) as revisions`,
    );
    expect(s.plans).toBe(7);
    expect(s.years).toBe(1);
    expect(s.revisions).toBe(7);
    expect(s.subgoals).toBeGreaterThan(20);
    expect(s.entries).toBeGreaterThan(40);
    expect(s.totals).toBe(s.entries);
    expect(s.targets).toBeGreaterThan(s.entries);
  });

  it('registers a year of weekly sessions of the planned activities up to yesterday, a few cancelled with a reason', async () => {
    const today = localDate(new Date());
    const s = await one<{ n: number; cancelled: number; without_reason: number; first: string; last: string; activities: number; hours: number; volunteers: number; principles: number; headcount: number }>(
      first.db,
      sql`select count(*)::int as n, count(*) filter (where status = 'cancelled')::int as cancelled,
                 count(*) filter (where status = 'cancelled' and cancel_reason = '')::int as without_reason,
                 min(date)::text as first, max(date)::text as last, count(distinct activity_id)::int as activities,
                 count(*) filter (where status = 'held' and hours > 0)::int as hours, count(*) filter (where volunteers > 0)::int as volunteers,
                 count(*) filter (where cardinality(principles) > 0)::int as principles, sum(headcount)::int as headcount
          from reach_sessions where source = 'demo'`,
    );
    expect(s.n).toBeGreaterThan(3000);
    expect(s.cancelled / s.n).toBeGreaterThan(0.01);
    expect(s.cancelled / s.n).toBeLessThan(0.08);
    expect(s.without_reason).toBe(0);
    expect(s.last < today).toBe(true);
    expect(Date.parse(s.last) - Date.parse(s.first)).toBeGreaterThan(360 * 86_400_000);
    expect(s.activities).toBeGreaterThan(50);
    // Only the activities the plans chose are accounted for (the call: not every activity needs accounting).
    const unplanned = await one<{ n: number }>(first.db, sql`select count(*)::int as n from reach_sessions s where not exists (select 1 from reach_plan_entries e where e.activity_id = s.activity_id and e.organisation_id = s.organisation_id)`);
    expect(unplanned.n).toBe(0);
    expect(s.hours).toBe(s.n - s.cancelled);
    expect(s.volunteers).toBeGreaterThan(s.n / 2);
    expect(s.principles).toBeGreaterThan(0);
    expect(s.headcount).toBeGreaterThan(0);
  });

  it('counts residents as pseudonyms who visit several activities and organisations, heavy-tailed', async () => {
    const s = await one<{ rows: number; residents: number; held_only: number; copied: number; wijk: number; years: number; groups: number }>(
      first.db,
      sql`select count(*)::int as rows, count(distinct a.pseudonym)::int as residents,
                 count(*) filter (where s.status = 'held')::int as held_only,
                 count(*) filter (where a.activity_id = s.activity_id and a.organisation_id = s.organisation_id and a.date = s.date)::int as copied,
                 count(*) filter (where a.wijk_code like 'WK%')::int as wijk, count(*) filter (where a.birth_year between 1920 and 2025)::int as years,
                 count(*) filter (where cardinality(a.target_groups) > 0)::int as groups
          from reach_attendance a join reach_sessions s on s.id = a.session_id`,
    );
    // About 30,000 rows at scale 1, from the pool of RESIDENTS_PER_SCALE residents.
    expect(s.rows).toBeGreaterThan(20_000);
    expect(s.rows).toBeLessThan(45_000);
    // A resident who joined late and skipped the few sessions left may have no visit.
    expect(s.residents).toBeGreaterThan(RESIDENTS_PER_SCALE * 0.97);
    expect(s.residents).toBeLessThanOrEqual(RESIDENTS_PER_SCALE);
    expect(s.held_only).toBe(s.rows);
    expect(s.copied).toBe(s.rows);
    expect(s.wijk).toBe(s.rows);
    expect(s.years).toBe(s.rows);
    expect(s.groups).toBeGreaterThan(0);
    const spread = await queryRows<{ activities: number; n: number }>(
      first.db.db,
      sql`select activities, count(*)::int as n from (select pseudonym, count(distinct activity_id)::int as activities from reach_attendance group by pseudonym) x group by activities order by activities`,
    );
    const at = (k: number) => spread.filter((r) => r.activities === k).reduce((t, r) => t + r.n, 0);
    const many = spread.filter((r) => r.activities >= 5).reduce((t, r) => t + r.n, 0);
    expect(at(1) + at(2)).toBeGreaterThan(RESIDENTS_PER_SCALE * 0.6);
    expect(many).toBeGreaterThan(5);
    const orgs = await one<{ n: number }>(first.db, sql`select count(*)::int as n from (select pseudonym from reach_attendance group by pseudonym having count(distinct organisation_id) > 1) x`);
    expect(orgs.n).toBeGreaterThan(RESIDENTS_PER_SCALE * 0.15);
  });

  it('stores the keyed pseudonym of the pass number, never the identifier', async () => {
    const pass = Array.from({ length: RESIDENTS_PER_SCALE }, (_, i) => pseudonymOf(first.ctx.tenant, `pas:${demoPassNumber(i)}`).toString('hex'));
    const found = await one<{ n: number }>(first.db, sql`select count(distinct pseudonym)::int as n from reach_attendance where encode(pseudonym, 'hex') = any(${`{${pass.join(',')}}`}::text[])`);
    // About four in five residents have a pass number; the others are known by name and date of birth.
    expect(found.n).toBeGreaterThan(RESIDENTS_PER_SCALE * 0.7);
    expect(found.n).toBeLessThan(RESIDENTS_PER_SCALE * 0.9);
    const text = await one<{ n: number }>(first.db, sql`select count(*)::int as n from reach_attendance where position('DEMO'::bytea in pseudonym) > 0`);
    expect(text.n).toBe(0);
    const bytes = await one<{ len: number }>(first.db, sql`select min(length(pseudonym))::int as len from reach_attendance`);
    expect(bytes.len).toBe(32);
  });

  it('adds nothing the second time, and gives the same data for the same seed', async () => {
    expect(await seedReachDemo(first.ctx, createRng(4), 1)).toEqual([expect.stringMatching(/al aanwezig/), 'verantwoording: bijeenkomsten en bezoeken al aanwezig']);
    const second = await seeded(kind, dbs);
    expect(second.report).toEqual(first.report);
    // Ids are random per database: compare by what the activities are and by the pseudonyms (same key file).
    const fingerprint = (db: TestDatabase) =>
      queryRows<{ k: string }>(
        db.db,
        sql`select md5(string_agg(x.k, '|' order by x.k)) as k from (
              select a.title || ' ' || s.date || ' ' || s.status || ' ' || s.hours || ' ' || s.volunteers || ' ' || s.headcount || ' ' ||
                     coalesce((select string_agg(encode(r.pseudonym, 'hex') || r.birth_year || r.wijk_code || array_to_string(r.target_groups, ','), ',' order by r.pseudonym) from reach_attendance r where r.session_id = s.id), '') as k
              from reach_sessions s join activities a on a.id = s.activity_id) x`,
      );
    expect(await fingerprint(second.db)).toEqual(await fingerprint(first.db));
    const plans = (db: TestDatabase) =>
      queryRows<{ k: string }>(db.db, sql`select p.theme_slug || ' ' || a.title || ' ' || e.planned_sessions || ' ' || array_to_string(e.sub_goals, ',') as k from reach_plan_entries e join reach_plans p on p.id = e.plan_id join activities a on a.id = e.activity_id order by k`);
    expect(await plans(second.db)).toEqual(await plans(first.db));
  });
});
