// reach_visit_summary (the report's summary, kept by triggers — migration reach_summary_triggers) equals the raw
// aggregate of reach_attendance over held sessions after every kind of write, on both databases: an import and a
// re-import, identified attendance by hand (added, removed), a headcount, a session cancelled and held again, the
// month form, re-keying, a session handed to another organisation, sessions deleted with their attendance, the demo
// generator's bulk insert. And the report reads the same figures from the summary (whole months) as from
// reach_attendance (any other period).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { importAttendanceFile } from './import-engine.ts';
import { addParticipant, removeParticipant, setHeadcount } from './attendance.ts';
import { saveSession } from './sessions.ts';
import { saveMonthSessions } from './month.ts';
import { rekeyPseudonyms } from './rekey.ts';
import { insertAttendance } from './demo-bulk.ts';
import { reachReport } from './report.ts';
import { pseudonymOf } from './identity.ts';
import { csv, importSetup } from './test-imports.ts';

const NOORD = 'WK039210';
const OOST = 'WK039206';
const months = Array.from({ length: 12 }, (_, i) => i + 1);

/** The summary as the triggers keep it, and the same aggregate computed from reach_attendance; rows as text, sorted. */
async function bothSides(ctx: ServiceContext): Promise<{ summary: string[]; raw: string[] }> {
  const cols = sql.raw(months.map((m) => `m${m}`).join(', '));
  const perMonth = sql.raw(months.map((m) => `(count(*) filter (where date_part('month', a.date) = ${m}))::int as m${m}`).join(', '));
  const line = (r: Record<string, unknown>) => JSON.stringify(Object.values(r));
  const summary = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select year::int, encode(pseudonym, 'hex') as p, activity_id, organisation_id, wijk_code, target_groups, visits, ${cols} from reach_visit_summary where tenant_id = ${ctx.tenant}`,
  );
  const raw = await queryRows<Record<string, unknown>>(
    ctx.db,
    sql`select date_part('year', a.date)::int as year, encode(a.pseudonym, 'hex') as p, a.activity_id, a.organisation_id, coalesce(a.wijk_code, '') as wijk_code, a.target_groups, count(*)::int as visits, ${perMonth}
        from reach_attendance a join reach_sessions s on s.tenant_id = a.tenant_id and s.id = a.session_id and s.status = 'held'
        where a.tenant_id = ${ctx.tenant}
        group by 1, 2, 3, 4, 5, 6`,
  );
  return { summary: summary.map(line).sort(), raw: raw.map(line).sort() };
}

async function expectInStep(ctx: ServiceContext, step: string): Promise<number> {
  const { summary, raw } = await bothSides(ctx);
  expect(summary, step).toEqual(raw);
  return raw.length;
}

const sessionId = async (ctx: ServiceContext, activityId: string, date: string) =>
  (await queryRows<{ id: string }>(ctx.db, sql`select id from reach_sessions where tenant_id = ${ctx.tenant} and activity_id = ${activityId} and date = ${date}`))[0].id;

describe.each(dbKinds)('reach visit summary (%s)', (kind) => {
  let db: TestDatabase;
  let ctx: ServiceContext;
  let setup: Awaited<ReturnType<typeof importSetup>>;
  const stripped = (r: Awaited<ReturnType<typeof reachReport>>) => ({ ...r, filters: undefined, from: undefined, to: undefined });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    ctx = ctxFor(db);
    setup = await importSetup(ctx);
  }, 120_000);
  afterAll(async () => db?.drop());

  it('equals the raw aggregate after every kind of write, and the report reads the same figures from either', async () => {
    const a = setup.activity.id;
    const staff = setup.staffCtx;
    const org = setup.org.id;
    expect(await expectInStep(ctx, 'empty')).toBe(0);

    // An import: pass numbers, names with dates of birth, wijken, target groups, anonymous rows, two years, a resident
    // at two sessions of one month (one summary row, 2 visits in that month).
    const file = [
      [a, '2026-01-05', 'SUM0001', '', '', '', NOORD, 'ouderen'],
      [a, '2026-01-05', '', 'Jan Janssen', '1-2-1950', '', '', ''],
      [a, '2026-01-05', '', '', '', '', '', ''],
      [a, '2026-01-12', 'SUM0001', '', '', '', NOORD, 'ouderen'],
      [a, '2026-01-12', 'SUM0002', '', '', '', OOST, ''],
      [a, '2026-02-02', 'SUM0001', '', '', '', OOST, ''],
      [a, '2026-03-02', 'SUM0003', '', '', '1980', '', ''],
    ];
    expect((await importAttendanceFile(staff, { organisationId: org, fileName: 'a.csv', content: csv(file) })).status).toBe('imported');
    expect(await expectInStep(ctx, 'import')).toBe(5);
    const [jan] = await queryRows<{ visits: number; m1: number }>(ctx.db, sql`select visits, m1 from reach_visit_summary where pseudonym = ${pseudonymOf(ctx.tenant, 'pas:SUM0001')} and wijk_code = ${NOORD}`);
    expect(jan).toEqual({ visits: 2, m1: 2 });

    // Re-importing an overlapping file adds only what is new.
    const more = [...file.slice(3), [a, '2026-03-09', 'SUM0004', '', '', '', '', '']];
    expect((await importAttendanceFile(staff, { organisationId: org, fileName: 'b.csv', content: csv(more) })).status).toBe('imported');
    await expectInStep(ctx, 're-import');

    // Identified attendance by hand: added (twice: counts once), removed; a headcount.
    const s0309 = await sessionId(ctx, a, '2026-03-09');
    const added = await addParticipant(staff, s0309, { passNumber: 'SUM0005', wijkCode: NOORD, targetGroups: ['ouderen'] });
    expect((await addParticipant(staff, s0309, { passNumber: 'SUM0005', wijkCode: NOORD, targetGroups: ['ouderen'] })).added).toBe(false);
    await expectInStep(ctx, 'participant added');
    await addParticipant(staff, s0309, { name: 'Piet Pietersen', birthDate: '1960-05-05' });
    await removeParticipant(staff, s0309, added.fingerprint);
    await expectInStep(ctx, 'participant removed');
    await setHeadcount(staff, s0309, 12);
    await expectInStep(ctx, 'headcount');

    // The report: whole months come from the summary, any other period from reach_attendance — the same figures.
    const year = await reachReport(ctx, { year: 2026 });
    expect(year.uniqueResidents).toBe(6);
    expect(stripped(await reachReport(ctx, { year: 2026, from: '2026-01-01', to: '2026-12-30' }))).toEqual(stripped(year));
    expect(stripped(await reachReport(ctx, { year: 2026, from: '2026-01-02', to: '2026-03-31' }))).toEqual(stripped(await reachReport(ctx, { year: 2026, from: '2026-01-01', to: '2026-03-31' })));

    // A session cancelled after its visits were registered counts none of them (summary and raw alike); held again,
    // it counts them again.
    const before = await reachReport(ctx, { year: 2026 });
    await saveSession(staff, a, { date: '2026-01-12', status: 'cancelled', cancelReason: 'Zaal onder water' });
    await expectInStep(ctx, 'cancelled');
    const cancelled = await reachReport(ctx, { year: 2026 });
    expect(cancelled.identifiedVisits).toBe((before.identifiedVisits as number) - 2);
    expect(stripped(await reachReport(ctx, { year: 2026, from: '2026-01-01', to: '2026-12-30' }))).toEqual(stripped(cancelled));
    await saveSession(staff, a, { date: '2026-01-12', status: 'held' });
    await expectInStep(ctx, 'held again');
    expect(stripped(await reachReport(ctx, { year: 2026 }))).toEqual(stripped(before));

    // The month form (quick entry): one session cancelled, another held.
    expect(await saveMonthSessions(staff, a, { month: '2026-02', principles: [], rows: [{ date: '2026-02-02', status: 'cancelled', cancelReason: 'Ziek' }, { date: '2026-02-09', status: 'held' }] })).toEqual({ saved: 2 });
    await expectInStep(ctx, 'month form');

    // A session handed to the partner organisation (its visits move with it).
    await db.db.execute(sql`update reach_attendance set organisation_id = ${setup.other.id} where tenant_id = ${ctx.tenant} and session_id = ${s0309}`);
    await expectInStep(ctx, 'organisation changed');

    // Re-keying: every pseudonym replaced.
    await rekeyPseudonyms(ctx);
    await expectInStep(ctx, 'rekey');

    // The demo generator's bulk insert.
    const s0105 = await sessionId(ctx, a, '2026-01-05');
    await insertAttendance(ctx, [{ sessionId: s0105, pseudonym: 'ab'.repeat(32), activityId: a, organisationId: org, date: '2026-01-05', birthYear: 1990, wijkCode: OOST, targetGroups: ['ouderen'] }]);
    await expectInStep(ctx, 'demo bulk');

    // Sessions deleted with their attendance (the cascade): a held one and a cancelled one.
    await saveSession(staff, a, { date: '2026-01-12', status: 'cancelled', cancelReason: 'Zaal onder water' });
    await db.db.execute(sql`delete from reach_sessions where tenant_id = ${ctx.tenant} and id in (${s0105}, ${await sessionId(ctx, a, '2026-01-12')})`);
    const left = await expectInStep(ctx, 'sessions deleted');
    expect(left).toBeGreaterThan(0);
    await db.db.execute(sql`delete from reach_attendance where tenant_id = ${ctx.tenant}`);
    expect(await expectInStep(ctx, 'all attendance deleted')).toBe(0);
  }, 120_000);
});
