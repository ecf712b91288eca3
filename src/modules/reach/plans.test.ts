// Service tests of the accountability plan on both databases: access matrix, limits, unknown keys, versioning, joint delivery.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { appErrorOf } from '../../../test/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { createOrganisation } from '../network/service.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor, adminOf, partnerActor } from '../catalogue/test-factory.ts';
import { auditEvents } from '../../platform/audit/schema.ts';
import { addChoice, createPlan, getPlan, listPlanRevisions, listPlans, removeChoice, removeEntry, saveEntry, updateChoice, MAX_CHOICES_PER_SUB_GOAL } from './plans.ts';

const THEME = 'ontmoeten';
const YEAR = 2022;

describe.each(dbKinds)('accountability plans (%s)', (kind) => {
  let database: TestDatabase;
  let admin: ServiceContext;
  let orgA: { id: string };
  let orgB: { id: string };
  let orgOut: { id: string };
  let staffA: ServiceContext;
  let staffB: ServiceContext;
  let outsider: ServiceContext;
  let advisor: ServiceContext;
  let resident: ServiceContext;
  let joint: { id: string };
  let soloB: { id: string };

  const as = (roles: Role[], organisationId: string | null = null): ServiceContext => ctxFor(database, { userId: '', name: `Test ${roles.join(' ')}`, email: 'x@test', roles, organisationId } satisfies Actor);
  const choice = (over: Record<string, unknown> = {}) => ({ subGoal: `${THEME}/1`, indicators: 'Aantal unieke deelnemers', method: 'Presentielijst per bijeenkomst', reason: 'Afgesproken aan tafel', ...over });
  const entry = (activityId: string, over: Record<string, unknown> = {}) => ({ activityId, plannedSessions: 40, plannedHours: 80, subGoals: [`${THEME}/1`], principles: [`${THEME}/p1`], targets: [{ targetGroup: 'ouderen', district: 'noord', plannedResidents: 30 }, { targetGroup: '', district: '', plannedResidents: 60 }], reason: 'Eerste versie', ...over });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    admin = adminOf(ctxFor(database));
    orgA = await createOrganisation(admin, { name: 'Buurthuis Aan Tafel', type: 'core-partner', themes: [THEME] });
    orgB = await createOrganisation(admin, { name: 'Vrijwilligers Samen', type: 'volunteer-organisation', themes: [] });
    orgOut = await createOrganisation(admin, { name: 'Niet Aan Tafel', type: 'core-partner', themes: ['waardevol-werk'] });
    staffA = ctxFor(database, partnerActor(orgA.id, 'Anna'));
    staffB = ctxFor(database, partnerActor(orgB.id, 'Bob'));
    outsider = ctxFor(database, partnerActor(orgOut.id, 'Otto'));
    advisor = as(['policy_advisor']);
    resident = as(['resident']);
    const a = await createActivity(staffA, activityInputFor({ title: 'Samen eten in Noord', partnerOrganisationIds: [orgB.id] }));
    joint = await publishActivity(staffA, a.id);
    const b = await createActivity(staffB, activityInputFor({ title: 'Wandelgroep van B' }));
    soloB = await publishActivity(staffB, b.id);
  });
  afterAll(async () => database?.drop());

  it('creates a plan per theme and year in the call period; refuses a year outside every period', async () => {
    const bad = await appErrorOf(createPlan(staffA, { theme: THEME, year: 2030, reason: 'x' }));
    expect(bad.code).toBe('validation');
    expect(bad.fields[0]).toMatchObject({ field: 'year', code: 'outside_period', message: 'reach.plan.error.yearOutsidePeriods' });
    expect(bad.fields[0].params?.periods).toContain('2020');
    const noReason = await appErrorOf(createPlan(staffA, { theme: THEME, year: YEAR, reason: '' }));
    expect(noReason.fields.map((f) => f.field)).toEqual(['reason']);
    expect((await appErrorOf(createPlan(staffA, { theme: 'bestaat-niet', year: YEAR, reason: 'x' }))).fields[0]).toMatchObject({ field: 'theme', code: 'unknown_reference' });
    expect((await appErrorOf(createPlan(outsider, { theme: THEME, year: YEAR, reason: 'x' }))).fields[0]).toMatchObject({ field: 'theme', code: 'not_allowed' });
    const plan = await createPlan(staffA, { theme: THEME, year: YEAR, reason: 'Start van het jaar' });
    expect(plan).toMatchObject({ themeSlug: THEME, year: YEAR, periodCode: '2020-2023', version: 1 });
    expect((await appErrorOf(createPlan(advisor, { theme: THEME, year: YEAR, reason: 'x' }))).code).toBe('conflict');
  });

  it('limits the choices per sub-goal and checks keys and activities in one pass', async () => {
    await addChoice(staffA, THEME, YEAR, choice({ activityId: joint.id }));
    const err = await appErrorOf(addChoice(staffA, THEME, YEAR, choice({ subGoal: 'waardevol-werk/1', activityId: '00000000-0000-4000-8000-000000000000', indicators: '' })));
    expect(Object.fromEntries(err.fields.map((f) => [f.field, f.code]))).toEqual({ subGoal: 'unknown_reference', activityId: 'unknown_reference', indicators: 'too_small' });
    expect((await appErrorOf(addChoice(staffA, THEME, YEAR, choice({ activityKind: '' })))).fields[0]).toMatchObject({ field: 'activityKind', code: 'required' });
    expect((await appErrorOf(addChoice(staffA, THEME, YEAR, choice({ activityId: joint.id })))).fields[0]).toMatchObject({ field: 'activityId', code: 'duplicate' });
    for (let i = 1; i < MAX_CHOICES_PER_SUB_GOAL; i++) await addChoice(advisor, THEME, YEAR, choice({ activityKind: `Soort ${i}` }));
    const full = await appErrorOf(addChoice(staffA, THEME, YEAR, choice({ activityKind: 'Eén te veel' })));
    expect(full.fields[0]).toMatchObject({ field: 'subGoal', code: 'too_many' });
    const plan = await getPlan(staffA, THEME, YEAR);
    expect(plan.subGoals.find((s) => s.key === `${THEME}/1`)!.choices).toHaveLength(MAX_CHOICES_PER_SUB_GOAL);
    expect(plan.subGoals.find((s) => s.key === `${THEME}/1`)!.choices[0].deliveredBy.map((o) => o.id)).toEqual([orgA.id, orgB.id]);
    // A choice of the outsider's kind: only members and advisors add choices.
    expect((await appErrorOf(addChoice(outsider, THEME, YEAR, choice({ subGoal: `${THEME}/2`, activityKind: 'x' })))).code).toBe('not_found');
    await addChoice(staffA, THEME, YEAR, choice({ subGoal: `${THEME}/2`, activityId: soloB.id }));
  });

  it('lets only organisations that deliver the activity plan for it, each its own entry (joint delivery)', async () => {
    await saveEntry(staffA, THEME, YEAR, entry(joint.id));
    await saveEntry(staffB, THEME, YEAR, entry(joint.id, { plannedSessions: 10, targets: [] }));
    // A doesn't deliver B's own activity; nobody plans for an activity that is not chosen.
    expect((await appErrorOf(saveEntry(staffA, THEME, YEAR, entry(soloB.id)))).fields[0]).toMatchObject({ field: 'organisationId', code: 'not_allowed' });
    const other = await publishActivity(staffA, (await createActivity(staffA, activityInputFor({ title: 'Niet gekozen' }))).id);
    expect((await appErrorOf(saveEntry(staffA, THEME, YEAR, entry(other.id)))).fields[0]).toMatchObject({ field: 'activityId', code: 'unknown_reference' });
    expect((await appErrorOf(saveEntry(staffA, THEME, YEAR, entry(joint.id, { organisationId: orgB.id })))).fields[0]).toMatchObject({ field: 'organisationId', code: 'not_allowed' });
    expect((await appErrorOf(saveEntry(staffA, THEME, YEAR, entry(joint.id)))).code).toBe('conflict');
    // Unknown keys → field errors, all at once.
    const bad = await appErrorOf(saveEntry(staffB, THEME, YEAR, entry(soloB.id, { subGoals: ['waardevol-werk/1'], principles: ['ontmoeten/p999'], targets: [{ targetGroup: 'marsmannetjes', district: 'atlantis', plannedResidents: 3 }, { targetGroup: '', district: '', plannedResidents: 1 }, { targetGroup: '', district: '', plannedResidents: 2 }], plannedSessions: -1 })));
    expect(Object.fromEntries(bad.fields.map((f) => [f.field, f.code]))).toEqual({
      plannedSessions: 'too_small',
      'subGoals.0': 'unknown_reference',
      'principles.0': 'unknown_reference',
      'targets.0.targetGroup': 'unknown_reference',
      'targets.0.district': 'unknown_reference',
      'targets.2': 'duplicate',
    });
    // The administrator plans for any delivering organisation, and must say which.
    expect((await appErrorOf(saveEntry(admin, THEME, YEAR, entry(soloB.id)))).fields[0]).toMatchObject({ field: 'organisationId', code: 'required' });
    await saveEntry(admin, THEME, YEAR, entry(soloB.id, { organisationId: orgB.id }));
    const plan = await getPlan(advisor, THEME, YEAR);
    const mine = plan.entries.find((e) => e.organisationId === orgA.id)!;
    expect(mine).toMatchObject({ activityTitle: 'Samen eten in Noord', plannedSessions: 40, plannedHours: 80, subGoals: [`${THEME}/1`], principles: [`${THEME}/p1`] });
    expect(mine.targets).toEqual([
      { targetGroup: '', district: '', plannedResidents: 60 },
      { targetGroup: 'ouderen', district: 'noord', plannedResidents: 30 },
    ]);
  });

  it('partner staff change only their own entries; the table sees the whole plan; others get not found', async () => {
    const plan = await getPlan(staffA, THEME, YEAR);
    const ofB = plan.entries.find((e) => e.organisationId === orgB.id && e.activityId === joint.id)!;
    const ofA = plan.entries.find((e) => e.organisationId === orgA.id)!;
    expect((await appErrorOf(saveEntry(staffA, THEME, YEAR, entry(joint.id, { plannedSessions: 1 }), ofB.id))).code).toBe('forbidden');
    expect((await appErrorOf(removeEntry(staffA, THEME, YEAR, ofB.id, { reason: 'weg' }))).code).toBe('forbidden');
    expect((await appErrorOf(saveEntry(advisor, THEME, YEAR, entry(joint.id), ofA.id))).code).toBe('forbidden');
    await saveEntry(staffA, THEME, YEAR, { ...entry(joint.id), plannedSessions: 44, reason: 'Een extra reeks in de zomer' }, ofA.id);
    // B is at the table because it delivers a chosen activity and has entries (its organisation has no themes).
    expect((await getPlan(staffB, THEME, YEAR)).entries.length).toBe(3);
    for (const who of [advisor, as(['contract_manager']), admin]) expect((await getPlan(who, THEME, YEAR)).entries.length).toBe(3);
    for (const who of [outsider, resident, as(['volunteer'], orgA.id), as(['auditor'])]) expect((await appErrorOf(getPlan(who, THEME, YEAR))).code).toBe('not_found');
    expect((await appErrorOf(getPlan(ctxFor(database), THEME, YEAR))).code).toBe('unauthenticated');
    expect((await listPlans(outsider)).length).toBe(0);
    expect((await listPlans(staffB)).map((p) => p.themeSlug)).toEqual([THEME]);
    // A member cannot change a choice other organisations have entries under; an advisor can.
    const jointChoice = plan.choices.find((c) => c.activityId === joint.id)!;
    expect((await appErrorOf(updateChoice(staffA, THEME, YEAR, jointChoice.id, choice({ activityId: joint.id, indicators: 'Anders' })))).code).toBe('forbidden');
    await updateChoice(advisor, THEME, YEAR, jointChoice.id, choice({ activityId: joint.id, indicators: 'Tevredenheid en aantal deelnemers' }));
  });

  it('versions every change with who and why, and writes an audit row in the same transaction', async () => {
    const before = await getPlan(admin, THEME, YEAR);
    const revisions = await listPlanRevisions(staffA, THEME, YEAR);
    expect(revisions[0].version).toBe(before.version);
    expect(revisions.map((r) => r.version)).toEqual([...Array(before.version).keys()].map((i) => before.version - i));
    expect(revisions.at(-1)).toMatchObject({ version: 1, reason: 'Start van het jaar', actorName: 'Anna' });
    expect(revisions.find((r) => r.reason === 'Een extra reeks in de zomer')).toMatchObject({ organisationId: orgA.id });
    const audits = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'reach.plan_change'), eq(auditEvents.subjectId, before.id)));
    expect(audits.length).toBe(before.version);
    // A failed change (no reason) changes nothing.
    const choiceId = before.choices.find((c) => c.activityKind === 'Soort 1')!.id;
    expect((await appErrorOf(removeChoice(advisor, THEME, YEAR, choiceId, { reason: ' ' }))).fields[0].field).toBe('reason');
    expect((await getPlan(admin, THEME, YEAR)).version).toBe(before.version);
    // Removing the choice of B's activity takes B's entry with it.
    const soloChoice = before.choices.find((c) => c.activityId === soloB.id)!;
    await removeChoice(staffB, THEME, YEAR, soloChoice.id, { reason: 'Toch niet cruciaal' });
    const after = await getPlan(admin, THEME, YEAR);
    expect(after.version).toBe(before.version + 1);
    expect(after.entries.some((e) => e.activityId === soloB.id)).toBe(false);
    const last = (await listPlanRevisions(admin, THEME, YEAR))[0];
    expect(last).toMatchObject({ version: after.version, reason: 'Toch niet cruciaal', actorName: 'Bob' });
    expect(last.snapshot.choices.some((c) => c.id === soloChoice.id)).toBe(false);
  });
});
