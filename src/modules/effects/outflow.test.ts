// Trajectories and the result at outflow on hand-built data (both databases): figures, small-cell suppression,
// the configurable life domains, and bad input.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, adminActor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import { registerTrajectory, endTrajectory, getTrajectory, listTrajectories, type TrajectoryInput } from './outflow-trajectories.ts';
import { outflowReport } from './outflow-report.ts';
import { listTerms, saveDomain } from './outflow-terms.ts';
import { ctxAs, makeOrg, person } from './test-helpers.ts';

describe.each(dbKinds)('trajectories and outflow (%s)', (kind) => {
  let db: TestDatabase;
  let orgA: { id: string };
  let orgB: { id: string };
  const staffA = person(['partner_staff'], null, 'Anna');
  const staffB = person(['partner_staff'], null, 'Bas');
  const advisor = person(['policy_advisor'], null, 'Bram');
  const auditor = person(['auditor'], null, 'Rik');

  const base = (over: Partial<TrajectoryInput> = {}): TrajectoryInput => ({
    organisationId: orgA.id,
    passNumber: `HP${Math.floor(Math.random() * 1e8)}`,
    kindKey: 'financiele-hulp',
    themeSlug: 'financien-op-orde',
    subGoals: ['financien-op-orde/2'],
    wijkCode: 'WK039201',
    startDate: '2025-01-10',
    goals: ['Overzicht in de post', 'Vaste lasten betaald'],
    ...over,
  });

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    orgA = await makeOrg(db, 'Schuldhulp Test');
    orgB = await makeOrg(db, 'Coaching Test');
    staffA.organisationId = orgA.id;
    staffB.organisationId = orgB.id;
    // Organisation A: 6 trajectories ended in 2025 in Centrum (3 reached, 2 partly, 1 not), one still running,
    // one ended in 2024. Finances scored on five of them: +2, +2, +1, 0, +1 → average +1.2.
    const a = ctxAs(db, staffA);
    const results = ['reached', 'reached', 'reached', 'partly', 'partly', 'not'] as const;
    const change = [2, 2, 1, 0, 1];
    for (const [i, result] of results.entries()) {
      const t = await registerTrajectory(a, base(i < 5 ? { startScores: { financien: 2 } } : {}));
      await endTrajectory(a, t.id, { endDate: `2025-0${i + 3}-01`, endingReasonKey: 'doelen-bereikt', result, endScores: i < 5 ? { financien: 2 + change[i] } : {} });
    }
    await registerTrajectory(a, base());
    const old = await registerTrajectory(a, base({ startDate: '2024-01-01' }));
    await endTrajectory(a, old.id, { endDate: '2024-06-01', endingReasonKey: 'verhuisd', result: 'not' });
    // Organisation B: 2 trajectories ended in 2025 in the wijk WK039206 (a small cell), theme ontmoeten.
    const b = ctxAs(db, staffB);
    for (const result of ['reached', 'not'] as const) {
      const t = await registerTrajectory(b, base({ organisationId: orgB.id, kindKey: 'coaching', themeSlug: 'ontmoeten', subGoals: [], wijkCode: 'WK039206', name: 'Jan de Vries', birthDate: '12-03-1961', passNumber: undefined }));
      await endTrajectory(b, t.id, { endDate: '2025-09-01', endingReasonKey: 'doelen-bereikt', result });
    }
  });
  afterAll(async () => db?.drop());

  it('gives the share of ended trajectories per result and the average change per domain', async () => {
    // exact for the organisation that registered every trajectory in the report
    const r = await outflowReport(ctxAs(db, staffA), { year: 2025, theme: 'financien-op-orde' });
    expect(r.exact).toBe(true);
    expect(r.total.ended).toBe(6);
    expect([r.total.reached, r.total.partly, r.total.not]).toEqual([3, 2, 1]);
    expect(r.total.shareReached).toBe(0.5);
    expect(r.total.sharePartly).toBeCloseTo(0.3333, 4);
    expect(r.total.domains).toEqual([{ domainKey: 'financien', n: 5, averageChange: 1.2 }]);
    expect(r.byThemeDistrict).toEqual([expect.objectContaining({ themeSlug: 'financien-op-orde', districtCode: 'centrum', ended: 6 })]);
    // everyone else: rounded to a multiple of 5, small counts "< 5", shares from the disclosed counts
    const o = await outflowReport(ctxAs(db, advisor), { year: 2025, theme: 'financien-op-orde' });
    expect(o.exact).toBe(false);
    expect(o.total).toMatchObject({ ended: 5, reached: '< 5', partly: '< 5', not: '< 5', shareReached: null, suppressed: false });
    expect(o.total.domains).toEqual([{ domainKey: 'financien', n: 5, averageChange: 1.2 }]);
  });

  it('suppresses cells under 5 and hides a complementary cell, for everyone but the organisation that registered them', async () => {
    const forAdvisor = await outflowReport(ctxAs(db, advisor), { year: 2025 });
    const small = forAdvisor.byTheme.find((c) => c.themeSlug === 'ontmoeten')!;
    expect(small).toMatchObject({ ended: '< 5', reached: 'x', shareReached: null, suppressed: true });
    // the other theme would give the small one away (total − other): hidden as well
    expect(forAdvisor.byTheme.find((c) => c.themeSlug === 'financien-op-orde')).toMatchObject({ ended: 'x', suppressed: true, shareReached: null });
    expect(forAdvisor.total.ended).toBe(10); // 8, rounded
    const forOther = await outflowReport(ctxAs(db, staffA), { year: 2025, theme: 'ontmoeten' });
    expect(forOther.total.suppressed).toBe(true);
    expect(forOther.exact).toBe(false);
    const forOwner = await outflowReport(ctxAs(db, staffB), { year: 2025, theme: 'ontmoeten' });
    expect(forOwner.total).toMatchObject({ ended: 2, reached: 1, not: 1, shareReached: 0.5, suppressed: false });
    const district = forAdvisor.byThemeDistrict.find((c) => c.themeSlug === 'ontmoeten')!.districtCode!;
    expect(district).toBeTruthy();
    const forAuditor = await outflowReport(ctxAs(db, auditor), { year: 2025, district });
    expect(forAuditor.total.ended).toBe('< 5');
  });

  it('lets only the own organisation (and advisors) read single trajectories; auditors see figures only', async () => {
    expect((await listTrajectories(ctxAs(db, staffB))).every((t) => t.organisationId === orgB.id)).toBe(true);
    expect((await listTrajectories(ctxAs(db, advisor))).length).toBe(10);
    const oneOfA = (await listTrajectories(ctxAs(db, staffA)))[0];
    expect((await appErrorOf(getTrajectory(ctxAs(db, staffB), oneOfA.id))).code).toBe('not_found');
    expect((await appErrorOf(listTrajectories(ctxAs(db, auditor)))).code).toBe('forbidden');
    expect(JSON.stringify(oneOfA)).not.toMatch(/HP\d|pseudonym/);
  });

  it('keeps the domains as data: an administrator adds and renames one, and scores can use it', async () => {
    const admin = ctxAs(db, adminActor);
    await saveDomain(admin, { key: 'digitale-vaardigheden', nameNl: 'Digitale vaardigheden', nameEn: 'Digital skills' });
    await saveDomain(admin, { key: 'financien', nameNl: 'Geldzaken', nameEn: 'Money matters' });
    const domains = await listTerms(admin, 'domain');
    expect(domains.find((d) => d.key === 'financien')?.nameNl).toBe('Geldzaken');
    expect(domains.at(-1)?.key).toBe('digitale-vaardigheden');
    const t = await registerTrajectory(ctxAs(db, staffA), base({ startScores: { 'digitale-vaardigheden': 1 } }));
    expect(t.scores).toEqual([{ domainKey: 'digitale-vaardigheden', start: 1, end: null }]);
    expect((await appErrorOf(saveDomain(ctxAs(db, staffA), { key: 'x', nameNl: 'X', nameEn: 'X' }))).code).toBe('forbidden');
    const bad = await appErrorOf(saveDomain(admin, { key: 'Met Spaties', nameNl: '', nameEn: 'x' }));
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['key', 'nameNl']);
  });

  it('answers bad input with field errors, never echoing the identifier', async () => {
    const a = ctxAs(db, staffA);
    const noOne = await appErrorOf(registerTrajectory(a, base({ passNumber: '' })));
    expect(noOne.fields).toEqual([expect.objectContaining({ field: 'passNumber', message: 'effects.outflow.error.identityRequired' })]);
    const noDob = await appErrorOf(registerTrajectory(a, base({ passNumber: undefined, name: 'Piet Post' })));
    expect(noDob.fields[0]).toMatchObject({ field: 'birthDate' });
    expect(JSON.stringify(noDob)).not.toContain('Piet');
    const bsn = await appErrorOf(registerTrajectory(a, base({ passNumber: '111222333' })));
    expect(bsn.fields[0]).toMatchObject({ field: 'passNumber', message: 'effects.outflow.error.bsn' });
    const many = await appErrorOf(registerTrajectory(a, base({ kindKey: 'onbekend', themeSlug: 'financien-op-orde', subGoals: ['ontmoeten/1'], startDate: '2025-13-01', startScores: { financien: 9 } as never })));
    expect(many.fields.map((f) => f.field).sort()).toEqual(['kindKey', 'startDate', 'startScores.financien', 'subGoals.0']);
    const other = await appErrorOf(registerTrajectory(a, base({ organisationId: orgB.id })));
    expect(other.fields[0]).toMatchObject({ field: 'organisationId' });
    const t = await registerTrajectory(a, base());
    const end = await appErrorOf(endTrajectory(a, t.id, { endDate: '2024-01-01', endingReasonKey: 'nee', result: 'maybe' as never }));
    expect(end.fields.map((f) => f.field).sort()).toEqual(['endDate', 'endingReasonKey', 'result']);
  });

  it('differencing two reports does not reveal a suppressed cell', async () => {
    // 2027 and 2028 differ only in the trajectories of theme ontmoeten in Noord (organisation B): 1 and 2, not reached.
    // Organisation A ended 20 in Centrum both years. Everything an outsider sees is equal.
    const later = new Date('2029-06-01T10:00:00Z');
    for (const year of [2027, 2028]) {
      const a = ctxAs(db, staffA, later);
      for (let i = 0; i < 20; i++) {
        const t = await registerTrajectory(a, base({ startDate: `${year}-01-02` }));
        await endTrajectory(a, t.id, { endDate: `${year}-06-01`, endingReasonKey: 'doelen-bereikt', result: 'reached' });
      }
      const b = ctxAs(db, staffB, later);
      for (let i = 0; i < year - 2026; i++) {
        const t = await registerTrajectory(b, base({ organisationId: orgB.id, kindKey: 'coaching', themeSlug: 'ontmoeten', subGoals: [], wijkCode: 'WK039206', startDate: `${year}-01-02` }));
        await endTrajectory(b, t.id, { endDate: `${year}-09-01`, endingReasonKey: 'verhuisd', result: 'not' });
      }
    }
    const district = (await outflowReport(ctxAs(db, advisor), { year: 2027 })).byThemeDistrict.find((c) => c.themeSlug === 'ontmoeten')!.districtCode!;
    for (const reader of [advisor, auditor, staffA]) {
      for (const filters of [{}, { theme: 'ontmoeten' }, { theme: 'financien-op-orde' }, { district }, { district: 'centrum' }]) {
        const y1 = await outflowReport(ctxAs(db, reader, later), { year: 2027, ...filters });
        const y2 = await outflowReport(ctxAs(db, reader, later), { year: 2028, ...filters });
        expect({ ...y2, year: 2027 }).toEqual(y1);
      }
    }
    const city = await outflowReport(ctxAs(db, advisor, later), { year: 2028 });
    expect(city.total).toMatchObject({ ended: 20, reached: 'x', not: '< 5' });
    expect(city.byTheme.map((c) => c.ended)).toEqual(['x', '< 5']);
    // exact for organisation B on its own figures
    expect((await outflowReport(ctxAs(db, staffB, later), { year: 2028, theme: 'ontmoeten' })).total).toMatchObject({ ended: 2, not: 2 });
  });
});
