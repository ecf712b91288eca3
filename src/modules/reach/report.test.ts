// The reach reports on a hand-built dataset, on PGlite and PostgreSQL: exact figures for the platform and the own
// organisation, disclosed figures for everyone else, and a differencing attack that fails.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { buildOrganisation, buildActivity, insertSession, insertPlan, residents } from './test-factory.ts';
import { reachReport } from './report.ts';
import { deliveryReport, saveExplanation } from './delivery.ts';
import { volunteersReport } from './volunteers-report.ts';
import { AppError } from '../../platform/http/errors.ts';

const NOORD = 'WK039210';
const OOST = 'WK039206';
const actor = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: '', name: roles.join(' '), email: `${roles[0]}@test`, roles, organisationId });

describe.each(dbKinds)('reach reports (%s)', (kind) => {
  let db: TestDatabase;
  let sys: ServiceContext;
  let as: (a: Actor) => ServiceContext;
  let orgA: string;
  let orgB: string;
  let a1: string;
  let a2: string;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    sys = ctxFor(db);
    as = (a) => ({ ...ctxFor(db, a), system: undefined });
    orgA = (await buildOrganisation(sys)).id;
    orgB = (await buildOrganisation(sys)).id;
    a1 = (await buildActivity(sys, orgA, { title: 'Koffie in Noord', themes: ['ontmoeten'], subGoals: ['ontmoeten/1'], districtCode: 'noord' })).id;
    a2 = (await buildActivity(sys, orgB, { title: 'Wandelen in Oost', themes: ['gezonde-leefstijl'], subGoals: [], districtCode: 'oost' })).id;
    const r = (n: number, wijk: string | null = NOORD, targetGroups: string[] = []) => ({ id: `pas:R${n}`, wijk, targetGroups });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-01-05', headcount: 3, visitors: [r(1, NOORD, ['ouderen']), r(2, NOORD, ['ouderen']), r(3), r(4), r(5, null), r(6, null)] });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-04-06', importedAnonymous: 2, visitors: [r(1), r(2), r(7, OOST)] });
    await insertSession(sys, { activityId: a1, organisationId: orgA, date: '2026-04-13', status: 'cancelled' });
    await insertSession(sys, { activityId: a2, organisationId: orgB, date: '2026-02-03', hours: 1.5, volunteers: 2, volunteerHours: 3, volunteerIds: ['v1', 'v2'], visitors: [r(1), r(8, null), r(9, null)] });
    await insertSession(sys, { activityId: a2, organisationId: orgB, date: '2025-12-30', visitors: [r(10)] });
    await insertPlan(sys, 'ontmoeten', 2026, [{ activityId: a1, organisationId: orgA, plannedSessions: 4, plannedHours: 8, subGoals: ['ontmoeten/2'], targets: [{ planned: 20 }, { targetGroup: 'ouderen', planned: 5 }] }]);
    await insertPlan(sys, 'gezonde-leefstijl', 2026, [{ activityId: a2, organisationId: orgB, plannedSessions: 1, plannedHours: 2, targets: [{ district: 'oost', planned: 10 }] }]);
  }, 120_000);
  afterAll(() => db?.drop());

  it('counts unique residents, every visit and sessions exactly for the platform', async () => {
    const r = await reachReport(sys, { year: 2026 });
    expect(r.disclosure.exact).toBe(true);
    expect(r).toMatchObject({ uniqueResidents: 9, visits: 17, identifiedVisits: 12, anonymousVisits: 5, sessions: 3, sessionsCancelled: 1, plannedReach: 30, overlap: 1 });
    const row = (name: keyof typeof r.breakdowns, key: string) => r.breakdowns[name].find((b) => b.key === key);
    expect(row('theme', 'ontmoeten')).toMatchObject({ residents: 7, visits: 14, planned: 20 });
    expect(row('theme', 'gezonde-leefstijl')).toMatchObject({ residents: 3, visits: 3, planned: 10 });
    expect(row('subGoal', 'ontmoeten/1')).toMatchObject({ residents: 7, visits: 14 });
    expect(row('subGoal', 'ontmoeten/2')).toMatchObject({ residents: 7, planned: 20 });
    expect(row('targetGroup', 'ouderen')).toMatchObject({ residents: 2, visits: 2, planned: 5 });
    expect(row('district', 'noord')).toMatchObject({ residents: 6, visits: 14 });
    expect(row('district', 'oost')).toMatchObject({ residents: 3, visits: 3, planned: 10 });
    expect(row('wijk', NOORD)).toMatchObject({ residents: 4, visits: 7 });
    expect(row('wijk', '')).toMatchObject({ residents: 4, visits: 9 });
    expect(row('month', '1')).toMatchObject({ residents: 6, visits: 9 });
    expect(row('month', '2')).toMatchObject({ residents: 3, visits: 3 });
    expect(row('month', '4')).toMatchObject({ residents: 3, visits: 5 });
    expect(row('quarter', '1')).toMatchObject({ residents: 8, visits: 12 });
    expect(row('quarter', '2')).toMatchObject({ residents: 3, visits: 5 });
    const byOrg = Object.fromEntries(r.organisations.map((o) => [o.organisationId, o]));
    expect(byOrg[orgA]).toMatchObject({ residents: 7, visits: 14, alsoReachedByOthers: 1, sessionsHeld: 2, planned: 20 });
    expect(byOrg[orgB]).toMatchObject({ residents: 3, visits: 3, alsoReachedByOthers: 1, sessionsHeld: 1, planned: 10 });
  });

  it('applies the filters', async () => {
    expect(await reachReport(sys, { year: 2026, theme: 'gezonde-leefstijl' })).toMatchObject({ uniqueResidents: 3, visits: 3, sessions: 1, plannedReach: 10 });
    expect(await reachReport(sys, { year: 2026, district: 'noord' })).toMatchObject({ uniqueResidents: 6, visits: 14, plannedReach: 0 });
    expect(await reachReport(sys, { year: 2026, wijk: NOORD })).toMatchObject({ uniqueResidents: 4, visits: 7, anonymousVisits: 0, plannedReach: null });
    expect(await reachReport(sys, { year: 2026, targetGroup: 'ouderen' })).toMatchObject({ uniqueResidents: 2, visits: 2, plannedReach: 5 });
    expect(await reachReport(sys, { year: 2026, from: '2026-04-01', to: '2026-04-30' })).toMatchObject({ uniqueResidents: 3, visits: 5, sessions: 1, sessionsCancelled: 1 });
    expect(await reachReport(sys, { year: 2025 })).toMatchObject({ uniqueResidents: 1, visits: 1 });
  });

  it('shows the own organisation exact figures and everyone else disclosed ones', async () => {
    const own = await reachReport(as(actor(['partner_staff'], orgA)), { year: 2026, organisation: orgA });
    expect(own).toMatchObject({ disclosure: { exact: true }, uniqueResidents: 7, visits: 14, overlap: 0 });
    const other = await reachReport(as(actor(['partner_staff'], orgB)), { year: 2026, organisation: orgA });
    expect(other).toMatchObject({ disclosure: { exact: false }, uniqueResidents: 5, visits: 15, overlap: 0 });
    const advisor = await reachReport(as(actor(['policy_advisor'])), { year: 2026 });
    expect(advisor).toMatchObject({ uniqueResidents: 10, visits: 15, overlap: '< 5', sessions: 3, plannedReach: 30 });
    // identified 12 → 10, anonymous 5 → 5: none suppressed, so none hidden.
    expect([advisor.identifiedVisits, advisor.anonymousVisits]).toEqual([10, 5]);
    const auditor = await reachReport(as(actor(['auditor'])), { year: 2026, organisation: orgB });
    expect(auditor).toMatchObject({ disclosure: { exact: false }, uniqueResidents: '< 5' });
  });

  it('answers "not found" to those who may not read reports, and keeps a volunteer to the own organisation', async () => {
    await expect(reachReport(as(actor(['resident'])), { year: 2026 })).rejects.toMatchObject({ code: 'not_found' });
    await expect(reachReport(as(actor(['volunteer'], orgA)), { year: 2026, organisation: orgB })).rejects.toMatchObject({ code: 'not_found' });
    const vol = await reachReport(as(actor(['volunteer'], orgA)), { year: 2026 });
    expect(vol).toMatchObject({ disclosure: { exact: true }, uniqueResidents: 7 });
  });

  it('refuses bad filters naming the field', async () => {
    const err = await reachReport(sys, { year: 2026, theme: 'bestaat-niet', wijk: 'WK999999', district: 'nergens', organisation: 'geen-id' }).catch((e: AppError) => e);
    expect(err).toBeInstanceOf(AppError);
    const fields = (err as AppError).fields.map((f) => [f.field, f.code]);
    expect(fields).toEqual(expect.arrayContaining([['theme', 'unknown_reference'], ['wijk', 'unknown_reference'], ['district', 'unknown_reference'], ['organisation', expect.any(String)]]));
    await expect(reachReport(sys, {})).rejects.toMatchObject({ code: 'validation' });
    await expect(reachReport(sys, { year: 2026, from: '2025-05-01' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('level 1: planned vs delivered with deviations and the own explanation', async () => {
    const staffA = as(actor(['partner_staff'], orgA));
    const r = await deliveryReport(staffA, { year: 2026 });
    const rowA = r.rows.find((x) => x.activityId === a1)!;
    expect(rowA).toMatchObject({ plannedSessions: 4, heldSessions: 2, cancelledSessions: 1, plannedHours: 8, heldHours: 4, deviation: 'under', mayExplain: true });
    expect(r.rows.find((x) => x.activityId === a2)).toMatchObject({ plannedSessions: 1, heldSessions: 1, deviation: null, mayExplain: false });
    expect(r.total).toMatchObject({ plannedSessions: 5, heldSessions: 3 });
    expect(r.byTheme.find((x) => x.key === 'ontmoeten')).toMatchObject({ plannedSessions: 4, heldSessions: 2, deviation: 'under' });
    expect(r.byQuarter.find((x) => x.key === '1')).toMatchObject({ plannedSessions: 1.25, heldSessions: 2 });
    await saveExplanation(staffA, { activityId: a1, year: 2026 }, { text: 'Twee keer afgelast door ziekte.' });
    expect((await deliveryReport(staffA, { year: 2026 })).rows.find((x) => x.activityId === a1)?.explanation).toBe('Twee keer afgelast door ziekte.');
    // Staff of another organisation, an administrator, an advisor: not found.
    for (const a of [actor(['partner_staff'], orgB), actor(['administrator']), actor(['policy_advisor'])]) {
      await expect(saveExplanation(as(a), { activityId: a1, year: 2026 }, { text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    }
  });

  it('volunteers per organisation and activity', async () => {
    const r = await volunteersReport(sys, { year: 2026 });
    expect(r).toMatchObject({ activeVolunteers: 2, turns: 2, hours: 3 });
    expect(r.byActivity).toEqual([expect.objectContaining({ organisationId: orgB, activityId: a2, activeVolunteers: 2, turns: 2, hours: 3 })]);
    const outsider = await volunteersReport(as(actor(['policy_advisor'])), { year: 2026 });
    expect(outsider).toMatchObject({ activeVolunteers: '< 5', turns: '< 5', hours: 'x' });
  });

  it('differencing two responses does not reveal a suppressed cell', async () => {
    // 2027 and 2028 differ only in the number of residents from Oost: 1 and 2. Everything an outsider sees is equal.
    const many = residents('noord', 100).map((id) => ({ id, wijk: NOORD }));
    const act = (await buildActivity(sys, orgA, { title: 'Grote bijeenkomst', themes: ['ontmoeten'], districtCode: 'noord' })).id;
    await insertSession(sys, { activityId: act, organisationId: orgA, date: '2027-03-01', visitors: [...many, { id: 'oost-1', wijk: OOST }] });
    await insertSession(sys, { activityId: act, organisationId: orgA, date: '2028-03-06', visitors: [...many, { id: 'oost-1', wijk: OOST }, { id: 'oost-2', wijk: OOST }] });
    const advisor = as(actor(['policy_advisor']));
    const strip = (r: Awaited<ReturnType<typeof reachReport>>) => ({ ...r, filters: undefined, from: undefined, to: undefined, breakdowns: { ...r.breakdowns, month: undefined, quarter: undefined } });
    for (const filters of [{}, { district: 'noord' }, { district: 'oost' }, { wijk: NOORD }]) {
      const y1 = await reachReport(advisor, { year: 2027, ...filters });
      const y2 = await reachReport(advisor, { year: 2028, ...filters });
      expect(strip(y1)).toEqual(strip(y2));
    }
    const city = await reachReport(advisor, { year: 2028 });
    const noord = await reachReport(advisor, { year: 2028, district: 'noord' });
    expect(city.uniqueResidents).toBe(100);
    expect(noord.uniqueResidents).toBe(100);
    expect(city.breakdowns.district.find((b) => b.key === 'oost')?.residents).toBe('< 5');
    // The only other cell of that column is hidden as well (complementary suppression).
    expect(city.breakdowns.district.find((b) => b.key === 'noord')?.residents).toBe('x');
    // Exact for the organisation itself.
    expect((await reachReport(as(actor(['partner_staff'], orgA)), { year: 2028, organisation: orgA })).uniqueResidents).toBe(102);
  });
});
