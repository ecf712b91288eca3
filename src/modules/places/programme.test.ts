// The shared programme of a location: published activities of all partners at that location, per day of the
// ISO week, through the catalogue's service.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor } from '../catalogue/test-factory.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listLocationProgramme } from './service.ts';
import { actor, ctxAs, makeLocation, makeOrg } from './test-helpers.ts';

describe.each(dbKinds)('location programme (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
  });
  afterAll(async () => db?.drop());

  it('shows the week’s activities of every partner at the location, per day, with week navigation', async () => {
    const { loc } = await makeLocation(db);
    const elsewhere = await makeLocation(db);
    const a = await makeOrg(db, 'Programma A', 'core-partner');
    const b = await makeOrg(db, 'Programma B', 'resident-initiative');
    const asA = ctxAs(db, actor(['partner_staff'], a.id, 'Anna'));
    const asB = ctxAs(db, actor(['partner_staff'], b.id, 'Bert'));
    const publish = async (ctx: typeof asA, title: string, locationId: string, weekdays: number[], startTime: string) => {
      const act = await createActivity(ctx, activityInputFor({ title, locationId, locationName: '', locationAddress: '', schedule: { kind: 'weekly', startDate: '2026-01-05', startTime, endTime: '12:00', weekdays } }));
      return publishActivity(ctx, act.id);
    };
    await publish(asA, 'Taalcafé', loc.id, [1, 3], '10:00');
    await publish(asB, 'Buurtontbijt', loc.id, [1], '09:00');
    await publish(asB, 'Elders', elsewhere.loc.id, [1], '09:00');
    await createActivity(asA, activityInputFor({ title: 'Nog een concept', locationId: loc.id, locationName: '', locationAddress: '' }));

    const p = await listLocationProgramme(ctxAs(db, null), loc.id, '2026-W10');
    expect(p.previousWeek).toBe('2026-W09');
    expect(p.nextWeek).toBe('2026-W11');
    expect(p.days.map((d) => d.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
    expect(p.days[0].items.map((i) => `${i.title} (${i.organisationName})`)).toEqual(['Buurtontbijt (Programma B)', 'Taalcafé (Programma A)']);
    expect(p.days[2].items.map((i) => i.title)).toEqual(['Taalcafé']);
    expect(p.days.flatMap((d) => d.items).some((i) => i.title === 'Elders' || i.title === 'Nog een concept')).toBe(false);
    // Default: the current week (the test clock says 1 March 2026, a Sunday in week 9).
    expect((await listLocationProgramme(ctxAs(db, null), loc.id)).week).toBe('2026-W09');
    await expect(listLocationProgramme(ctxAs(db, null), loc.id, '2026-W60')).rejects.toBeInstanceOf(AppError);
  });
});
