// The indicators service on PGlite (and PostgreSQL when DATABASE_URL is set): definitions with versions, values
// per area and period with benchmarks, targets, and who may write.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listIndicators, getIndicator, editIndicator, listIndicatorVersions, listIndicatorValues, writeIndicatorValues, listIndicatorTargets, saveIndicatorTarget, deleteIndicatorTarget, type RawValue } from './service.ts';
import { advisor, auditor, partner, as, buildIndicator } from './test-factory.ts';

const cols = { indicator: 'indicator', area: 'gebied', period: 'periode', value: 'waarde' };
const raw = (row: number, indicator: string, area: string, period: string, value: string | number): RawValue => ({ row, indicator, area, period, value, columns: cols });

describe.each(dbKinds)('indicators service (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = { ...ctxFor(database), now: () => new Date('2026-06-01T10:00:00Z') };
  }, 120_000);
  afterAll(() => database?.drop());

  it('creates, lists by theme and sub-goal, edits as a new version', async () => {
    const i = await buildIndicator(ctx, { themeSlugs: ['ontmoeten'], subGoalKeys: ['ontmoeten/2'] });
    expect((await listIndicators(ctx, { theme: 'ontmoeten' })).map((x) => x.key)).toContain(i.key);
    expect((await listIndicators(ctx, { theme: 'waardevol-werk' })).map((x) => x.key)).not.toContain(i.key);
    expect((await listIndicators(ctx, { subGoal: 'ontmoeten/2' })).map((x) => x.key)).toContain(i.key);
    const edited = await editIndicator(as(ctx, advisor), i.key, { name: 'Eenzaamheid', source: 'GGD', unit: '%', direction: 'down', areaLevels: ['district'], themeSlugs: ['ontmoeten'], subGoalKeys: [], changeNote: 'Alleen per stadsdeel', baseVersion: 1 });
    expect(edited.version).toBe(2);
    expect((await getIndicator(ctx, i.key)).name).toBe('Eenzaamheid');
    const versions = await listIndicatorVersions(ctx, i.key);
    expect(versions.map((v) => [v.version, v.content.name])).toEqual([[2, 'Eenzaamheid'], [1, i.name]]);
    // a concurrent edit from version 1 is refused
    const stale = await appErrorOf(editIndicator(as(ctx, advisor), i.key, { name: 'X', source: 'GGD', unit: '%', direction: 'down', areaLevels: ['district'], changeNote: 'oud', baseVersion: 1 }));
    expect(stale.code).toBe('conflict');
  });

  it('refuses unknown themes and sub-goals, and writers other than advisors', async () => {
    const e = await appErrorOf(buildIndicator(ctx, { themeSlugs: ['bestaat-niet'], subGoalKeys: ['ontmoeten/99'] }));
    expect(e.fields.map((f) => f.field)).toEqual(['themeSlugs.0', 'subGoalKeys.0']);
    for (const actor of [auditor, partner]) expect((await appErrorOf(buildIndicatorAs(ctx, actor))).code).toBe('forbidden');
  });

  it('stores values, benchmarks apart, replaces on re-import, filters by area, level and period', async () => {
    const i = await buildIndicator(ctx);
    const rows = [raw(2, i.key, 'WK039201', '2023', '12,5'), raw(3, i.key, 'WK039201', '2024', 13), raw(4, i.key, 'GM0392', '2024', '10'), raw(5, i.key, 'GM0363', '2024', '11.25'), raw(6, i.key, 'schalkwijk', '2024', 20)];
    const r = await writeIndicatorValues(as(ctx, advisor), rows, { origin: 'test' });
    expect(r).toMatchObject({ status: 'imported', added: 5, replaced: 0, benchmarks: 1, errors: [] });
    const own = await listIndicatorValues(ctx, i.key);
    expect(own.map((v) => [v.areaCode, v.areaLevel, v.period, v.value])).toEqual([
      ['GM0392', 'gemeente', '2024', 10],
      ['schalkwijk', 'district', '2024', 20],
      ['WK039201', 'wijk', '2023', 12.5],
      ['WK039201', 'wijk', '2024', 13],
    ]);
    expect(own.find((v) => v.areaCode === 'GM0392')!.areaName).toBe('Haarlem');
    const all = await listIndicatorValues(ctx, i.key, { benchmarks: true });
    expect(all.at(-1)).toMatchObject({ areaCode: 'GM0363', benchmark: true, value: 11.25 });
    expect((await listIndicatorValues(ctx, i.key, { areaLevel: 'wijk', from: '2024', to: '2024' })).map((v) => v.value)).toEqual([13]);
    expect((await listIndicatorValues(ctx, i.key, { areaCodes: ['WK039201'] })).length).toBe(2);
    // same file again: nothing new; one changed value replaced
    const again = await writeIndicatorValues(as(ctx, advisor), [...rows.slice(0, 4), raw(6, i.key, 'schalkwijk', '2024', 21)], { origin: 'test' });
    expect(again).toMatchObject({ status: 'imported', added: 0, replaced: 1, unchanged: 4 });
    expect((await listIndicatorValues(ctx, i.key, { areaCodes: ['schalkwijk'] }))[0].value).toBe(21);
    const order = await appErrorOf(listIndicatorValues(ctx, i.key, { from: '2024', to: '2023' }));
    expect(order.fields[0]).toMatchObject({ field: 'to', code: 'out_of_order' });
  });

  it('sets targets per wijk; anyone reads them', async () => {
    const i = await buildIndicator(ctx);
    const t = await saveIndicatorTarget(as(ctx, advisor), { indicatorKey: i.key, areaCode: 'WK039201', subGoalKeys: ['ontmoeten/2'], baselineValue: 55, baselinePeriod: '2016', targetValue: '45,5', targetYear: 2027 });
    expect(t).toMatchObject({ indicatorKey: i.key, areaCode: 'WK039201', baselineValue: 55, targetValue: 45.5, targetYear: 2027, subGoalKeys: ['ontmoeten/2'] });
    expect((await listIndicatorTargets(as(ctx, auditor), { theme: 'ontmoeten' })).map((x) => x.id)).toContain(t.id);
    expect(await listIndicatorTargets(ctx, { areaCode: 'WK039202' })).toEqual([]);
    const bad = await appErrorOf(saveIndicatorTarget(as(ctx, advisor), { indicatorKey: i.key, areaCode: 'WK039299', baselineValue: 1, baselinePeriod: '2028', targetValue: 2, targetYear: 2027 }));
    expect(bad.fields.map((f) => f.field).sort()).toEqual(['areaCode', 'targetYear']);
    const dup = await appErrorOf(saveIndicatorTarget(as(ctx, advisor), { indicatorKey: i.key, areaCode: 'WK039201', baselineValue: 1, baselinePeriod: '2020', targetValue: 2, targetYear: 2027 }));
    expect(dup.code).toBe('conflict');
    expect((await appErrorOf(saveIndicatorTarget(as(ctx, partner), { indicatorKey: i.key, areaCode: 'WK039201', baselineValue: 1, baselinePeriod: '2020', targetValue: 2, targetYear: 2028 }))).code).toBe('forbidden');
    await deleteIndicatorTarget(as(ctx, advisor), t.id);
    expect(await listIndicatorTargets(ctx, { indicatorKey: i.key })).toEqual([]);
  });
});

const buildIndicatorAs = (ctx: ServiceContext, actor: typeof advisor) => import('./definitions.ts').then((d) => d.createIndicator(as(ctx, actor), { key: `x-${actor.roles[0].replace('_', '-')}`, name: 'X', source: 'X', unit: '%', direction: 'up', areaLevels: ['wijk'] }));
