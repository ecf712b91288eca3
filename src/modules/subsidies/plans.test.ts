// The planned activities and reach beside a joint application, on both databases: the table's plans of the call's
// years (read in one go, not each whole plan) show the member organisations' entries exactly as the whole plan has
// them (order, sessions, residents summed over the targets, version), and only to those who may see the plan.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, createTestDatabase, seedFramework, adminActor, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { createOrganisation } from '../network/service.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor } from '../catalogue/test-factory.ts';
import { addChoice, createPlan, getPlan, saveEntry } from '../reach/plans.ts';
import { startApplication, getApplication } from './application-service.ts';
import { ctxAt, makeUser, makeWorld, type World } from './test-helpers.ts';

const THEME = 'ontmoeten';

describe.each(dbKinds)('the plans beside a joint application (%s)', (kind) => {
  let db: TestDatabase;
  let w: World;
  let appId: string;
  let auditor: Actor;
  let outside: Actor;

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    w = await makeWorld(db);
    const delta = await createOrganisation(ctxFor(db, adminActor), { name: 'Delta Buiten Tafel', type: 'core-partner' });
    outside = await makeUser(db, ['partner_staff'], delta.id, 'Staf Delta');
    auditor = await makeUser(db, ['auditor'], null, 'Raad');
    const [alfa, beta] = w.staff;
    const at = (a: Actor) => ctxAt(db, a, '2020-06-01');
    const published = async (a: Actor, title: string, partners: string[] = []) => publishActivity(at(a), (await createActivity(at(a), activityInputFor({ title, partnerOrganisationIds: partners }))).id);
    const joint = await published(alfa, 'Samen eten in de wijk', [w.orgs[1].id]);
    const lunch = await published(alfa, 'Buurtlunch');
    const walk = await published(outside, 'Wandelen met Delta');
    await createPlan(at(w.advisor), { theme: THEME, year: 2021, reason: 'Start' });
    await createPlan(at(w.advisor), { theme: THEME, year: 2023, reason: 'Start' });
    const choice = (activityId: string, subGoal = `${THEME}/1`) => ({ subGoal, activityId, indicators: 'Unieke deelnemers', method: 'Presentielijst', reason: 'Aan tafel' });
    await addChoice(at(w.advisor), THEME, 2021, choice(joint.id));
    await addChoice(at(w.advisor), THEME, 2021, choice(lunch.id));
    await addChoice(at(w.advisor), THEME, 2021, choice(walk.id, `${THEME}/2`));
    const entry = (activityId: string, plannedSessions: number, targets: { targetGroup: string; district: string; plannedResidents: number }[]) => ({ activityId, plannedSessions, plannedHours: 2 * plannedSessions, subGoals: [`${THEME}/1`], principles: [], targets, reason: 'Eerste versie' });
    await saveEntry(at(alfa), THEME, 2021, entry(joint.id, 40, [{ targetGroup: 'ouderen', district: 'noord', plannedResidents: 30 }, { targetGroup: '', district: '', plannedResidents: 60 }]));
    await saveEntry(at(beta), THEME, 2021, entry(joint.id, 10, []));
    await saveEntry(at(alfa), THEME, 2021, entry(lunch.id, 12, [{ targetGroup: '', district: '', plannedResidents: 25 }]));
    await saveEntry(at(outside), THEME, 2021, entry(walk.id, 50, [{ targetGroup: '', district: '', plannedResidents: 99 }]));
    appId = (await startApplication(ctxAt(db, alfa), w.tableId)).id;
  });
  afterAll(async () => db?.drop());

  it('shows the members’ entries of each year’s plan, in the plan’s order, with residents summed', async () => {
    const a = await getApplication(ctxAt(db, w.advisor), appId);
    expect(a.plans.map((p) => [p.year, p.href])).toEqual([2020, 2021, 2022, 2023].map((y) => [y, `/verantwoording/plannen/${THEME}/${y}`]));
    expect(a.plans[0].plan).toBeNull();
    expect(a.plans[2].plan).toBeNull();
    expect(a.plans[3].plan).toEqual({ version: 1, entries: [] });
    const [alfa, beta] = w.orgs;
    expect(a.plans[1].plan).toEqual({
      version: (await getPlan(ctxAt(db, w.advisor), THEME, 2021)).version,
      entries: [
        { organisationId: alfa.id, organisationName: alfa.name, activityTitle: 'Buurtlunch', plannedSessions: 12, plannedResidents: 25 },
        { organisationId: alfa.id, organisationName: alfa.name, activityTitle: 'Samen eten in de wijk', plannedSessions: 40, plannedResidents: 90 },
        { organisationId: beta.id, organisationName: beta.name, activityTitle: 'Samen eten in de wijk', plannedSessions: 10, plannedResidents: 0 },
      ],
    });
  });

  it('is what the whole plan says, for everyone who reads the application: nothing of a plan they may not see', async () => {
    const members = w.orgs.map((o) => o.id);
    for (const actor of [w.advisor, ...w.staff, auditor]) {
      const ctx = ctxAt(db, actor);
      const expected = await Promise.all(
        [2020, 2021, 2022, 2023].map((year) =>
          getPlan(ctx, THEME, year).then(
            (p) => ({ version: p.version, entries: p.entries.filter((e) => members.includes(e.organisationId)).map((e) => ({ organisationId: e.organisationId, organisationName: e.organisationName, activityTitle: e.activityTitle, plannedSessions: e.plannedSessions, plannedResidents: e.targets.reduce((s, t) => s + t.plannedResidents, 0) })) }),
            () => null,
          ),
        ),
      );
      expect((await getApplication(ctx, appId)).plans.map((p) => p.plan), actor.name).toEqual(expected);
    }
    // Gamma has no entry and delivers no chosen activity: not at the plan's table, so it sees no plan; nor does the auditor.
    expect((await getApplication(ctxAt(db, w.staff[2]), appId)).plans[1].plan).toBeNull();
    expect((await getApplication(ctxAt(db, auditor), appId)).plans[1].plan).toBeNull();
    expect((await getApplication(ctxAt(db, w.staff[1]), appId)).plans[1].plan?.entries).toHaveLength(3);
    await expect(getApplication(ctxAt(db, outside), appId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
