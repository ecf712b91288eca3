// Service tests of the catalogue against a real database (PGlite, and PostgreSQL when DATABASE_URL is set).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { updateOrganisation } from '../network/service.ts';
import { createLocation } from '../places/service.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { createActivity, updateActivity, publishActivity, endActivity, getActivity, searchActivities, exportActivities, isPast, listActivitiesForLocation, listManagedActivities } from './service.ts';
import { activityInputFor, adminOf, buildOrganisation, partnerActor } from './test-factory.ts';
import type { ActivityInput } from './types.ts';
import { localiseFields } from '../../platform/http/errors.ts';
import { appErrorOf } from '../../../test/errors.ts';

describe.each(dbKinds)('catalogue service (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let orgA: { id: string; name: string };
  let orgB: { id: string; name: string };
  let partnerA: ServiceContext;
  let partnerB: ServiceContext;

  const publish = async (who: ServiceContext, input: Partial<ActivityInput>) => {
    const a = await createActivity(who, activityInputFor(input));
    return publishActivity(who, a.id);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database);
    orgA = await buildOrganisation(ctx, 'core-partner');
    orgB = await buildOrganisation(ctx, 'resident-initiative');
    partnerA = ctxFor(database, partnerActor(orgA.id, 'Anna'));
    partnerB = ctxFor(database, partnerActor(orgB.id, 'Bob'));
  });
  afterAll(async () => database?.drop());

  it('creates a draft, publishes and ends it; drafts stay hidden from others', async () => {
    const a = await createActivity(partnerA, activityInputFor({ title: 'Conceptactiviteit zichtbaarheid' }));
    expect(a.status).toBe('draft');
    expect(a.organisationId).toBe(orgA.id);
    expect(a.days).toEqual([1]);
    expect(a.dayparts).toEqual(['ochtend']);
    await expect(getActivity(ctx, a.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getActivity(partnerB, a.id)).rejects.toMatchObject({ code: 'not_found' });
    expect((await getActivity(partnerA, a.id)).title).toBe('Conceptactiviteit zichtbaarheid');
    expect((await searchActivities(ctx, { q: 'zichtbaarheid' })).total).toBe(0);
    await publishActivity(partnerA, a.id);
    expect((await getActivity(ctx, a.id)).status).toBe('published');
    expect((await searchActivities(ctx, { q: 'zichtbaarheid' })).total).toBe(1);
    await endActivity(partnerA, a.id);
    expect((await searchActivities(ctx, { q: 'zichtbaarheid' })).total).toBe(0);
    expect((await getActivity(ctx, a.id)).status).toBe('ended');
    expect((await appErrorOf(publishActivity(partnerA, a.id))).code).toBe('conflict');
  });

  it('lets partner staff manage only their own organisation’s activities', async () => {
    const a = await createActivity(partnerA, activityInputFor({ title: 'Van organisatie A' }));
    expect((await appErrorOf(updateActivity(partnerB, a.id, activityInputFor({ title: 'Overgenomen' })))).code).toBe('not_found');
    expect((await appErrorOf(publishActivity(partnerB, a.id))).code).toBe('not_found');
    expect((await appErrorOf(createActivity(partnerB, activityInputFor({ organisationId: orgA.id })))).code).toBe('validation');
    expect((await appErrorOf(createActivity(ctxFor(database, partnerActor(null)), activityInputFor()))).code).toBe('forbidden');
    expect((await appErrorOf(createActivity(ctx, activityInputFor()))).code).toBe('unauthenticated');
    const resident = ctxFor(database, { userId: '', name: 'R', email: 'r@test', roles: ['resident'], organisationId: null });
    expect((await appErrorOf(createActivity(resident, activityInputFor()))).code).toBe('forbidden');
    // An administrator may change anything, and must say for which organisation it creates.
    const admin = adminOf(ctx);
    expect((await appErrorOf(createActivity(admin, activityInputFor()))).fields[0].field).toBe('organisationId');
    const updated = await updateActivity(admin, a.id, activityInputFor({ title: 'Door beheer aangepast', organisationId: orgA.id }));
    expect(updated.title).toBe('Door beheer aangepast');
    const ownB = await createActivity(partnerB, activityInputFor({ title: 'Van organisatie B' }));
    const mine = (await listManagedActivities(partnerB)).items;
    expect(mine.map((x) => x.id)).toContain(ownB.id);
    expect(mine.map((x) => x.id)).not.toContain(a.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((x) => x.organisationId === orgB.id)).toBe(true);
  });

  it('rejects bad input with Dutch field messages', async () => {
    const err = await appErrorOf(
      createActivity(
        partnerA,
        activityInputFor({
          title: '',
          description: 'x'.repeat(10_001),
          themes: ['bestaat-niet'],
          districtCode: 'atlantis',
          schedule: { kind: 'one-off', startDate: '2026-03-01', startTime: '14:00', endTime: '12:00' },
        }),
      ),
    );
    expect(err.code).toBe('validation');
    const byField = Object.fromEntries(localiseFields(err.fields, 'nl').map((f) => [f.field, f.message]));
    expect(byField.title).toMatch(/^Titel: /);
    expect(byField.description).toMatch(/hoogstens 10000 tekens/);
    // References are checked in the same pass as the shape: every problem at once, not in two rounds.
    expect(byField['themes.0']).toBe('Thema’s: dit thema bestaat niet');
    expect(byField.districtCode).toBe('Stadsdeel: Dit stadsdeel bestaat niet.');
    expect(byField['schedule.endTime']).toBe('Eindtijd: het einde ligt vóór of op het begin');
    expect(err.fields.find((f) => f.field === 'themes.0')).toMatchObject({ code: 'unknown_reference', message: 'catalogue.error.unknownTheme', label: 'catalogue.field.themes' });
    const err2 = await appErrorOf(createActivity(partnerA, activityInputFor({ themes: ['bestaat-niet'], districtCode: 'atlantis', schedule: { kind: 'one-off', startDate: '2026-03-01', startTime: '14:00', endTime: '12:00' } })));
    const f2 = Object.fromEntries(localiseFields(err2.fields, 'nl').map((f) => [f.field, f.message]));
    expect(f2['themes.0']).toBe('Thema’s: dit thema bestaat niet');
    expect(f2.districtCode).toBe('Stadsdeel: Dit stadsdeel bestaat niet.');
    expect(f2['schedule.endTime']).toBe('Eindtijd: het einde ligt vóór of op het begin');
    const err3 = await appErrorOf(createActivity(partnerA, activityInputFor({ schedule: { kind: 'custom', startDate: '2026-03-01', startTime: '10:00', endTime: '11:00', rrule: 'FREQ=HOURLY;BYSECOND=3' } })));
    expect(err3.fields[0]).toMatchObject({ field: 'schedule.rrule' });
    expect(localiseFields(err3.fields, 'nl')[0].message).toMatch(/^Herhaalpatroon \(RRULE\): /);
    const err4 = await appErrorOf(createActivity(partnerA, activityInputFor({ schedule: { kind: 'custom', startDate: '2026-03-01', startTime: '10:00', endTime: '11:00', rrule: 'FREQ=WEEKLY;BYDAY=XX' } })));
    expect(localiseFields(err4.fields, 'nl')[0].message).toMatch(/BYDAY/);
    const err5 = await appErrorOf(createActivity(partnerA, activityInputFor({ schedule: { kind: 'weekly', startDate: '2026-03-01', startTime: '25:00', endTime: '11:00', weekdays: [] } })));
    expect(err5.fields.map((f) => f.field)).toContain('schedule.startTime');
    // An empty title and a wijk outside the chosen district: both at once.
    const err6 = await appErrorOf(createActivity(partnerA, activityInputFor({ title: '', districtCode: 'schalkwijk', neighbourhoodCode: 'WK039210' })));
    expect(Object.fromEntries(localiseFields(err6.fields, 'nl').map((f) => [f.field, f.message]))).toEqual({ title: 'Titel: moet minstens 3 tekens hebben', neighbourhoodCode: 'Wijk of buurt: deze wijk of buurt ligt niet in het gekozen stadsdeel' });
    // Dates the schedule cannot work with are a field error, not a crash.
    for (const startDate of ['1969-12-31', '2200-01-01', '9999-01-01']) {
      const e = await appErrorOf(createActivity(partnerA, activityInputFor({ schedule: { kind: 'one-off', startDate, startTime: '10:00', endTime: '11:00' } })));
      expect(localiseFields(e.fields, 'nl')).toEqual([{ field: 'schedule.startDate', code: 'custom', message: 'Datum: kies een datum van 1970 tot en met 2199' }]);
    }
  });

  it('stores HTML as plain text', async () => {
    const a = await createActivity(partnerA, activityInputFor({ title: '<script>alert(1)</script> Taalcafé' }));
    expect((await getActivity(partnerA, a.id)).title).toBe('<script>alert(1)</script> Taalcafé');
  });

  it('finds activities with Dutch stemming and filters', async () => {
    await publish(partnerA, { title: 'Ontmoeting voor buurtbewoners', description: 'Een gezellige ontmoeting met koffie.', districtCode: 'schalkwijk', targetGroups: ['ouderen'], languages: ['nl', 'tr'] });
    await publish(partnerB, {
      title: 'Schuldhulp spreekuur',
      description: 'Hulp bij geldzorgen en formulieren.',
      themes: ['financien-op-orde'],
      subGoals: ['financien-op-orde/1'],
      districtCode: 'oost',
      costCents: 250,
      haarlemPas: 'free',
      wheelchairAccessible: false,
      schedule: { kind: 'weekly', startDate: '2026-01-06', startTime: '19:00', endTime: '21:00', weekdays: [2, 4] },
      languages: ['nl', 'ar'],
      targetGroups: ['geldzorgen'],
    });
    await publish(partnerB, { title: 'Taalcafé De Kroon', description: 'Nederlands oefenen bij een kop koffie.' });
    // Compounds: a word finds the compounds it begins (Dutch writes them as one word); not half a word.
    expect((await searchActivities(ctx, { q: 'taal' })).items.map((i) => i.title)).toContain('Taalcafé De Kroon');
    expect((await searchActivities(ctx, { q: 'koffie -taal' })).items.map((i) => i.title)).toContain('Ontmoeting voor buurtbewoners');
    expect((await searchActivities(ctx, { q: 'koffie -taal' })).items.map((i) => i.title)).not.toContain('Taalcafé De Kroon');
    expect((await searchActivities(ctx, { q: 'aalcafé' })).total).toBe(0);
    expect((await searchActivities(ctx, { q: 'de' })).total).toBe(0); // a stop word, not a prefix of everything
    expect((await searchActivities(ctx, { q: '"kop koffie"' })).items.map((i) => i.title)).toEqual(['Taalcafé De Kroon']);
    const stem = await searchActivities(ctx, { q: 'ontmoetingen' });
    expect(stem.items.map((i) => i.title)).toContain('Ontmoeting voor buurtbewoners');
    expect((await searchActivities(ctx, { q: 'geldzorg' })).items.map((i) => i.title)).toContain('Schuldhulp spreekuur');
    const f = async (filters: Parameters<typeof searchActivities>[1]) => (await searchActivities(ctx, { q: 'ontmoeting OR schuldhulp', ...filters })).items.map((i) => i.title).sort();
    expect(await f({ theme: 'financien-op-orde' })).toEqual(['Schuldhulp spreekuur']);
    expect(await f({ district: 'schalkwijk' })).toEqual(['Ontmoeting voor buurtbewoners']);
    expect(await f({ day: 4 })).toEqual(['Schuldhulp spreekuur']);
    expect(await f({ day: 1 })).toEqual(['Ontmoeting voor buurtbewoners']);
    expect(await f({ timeOfDay: 'avond' })).toEqual(['Schuldhulp spreekuur']);
    expect(await f({ free: true })).toEqual(['Ontmoeting voor buurtbewoners']);
    expect(await f({ haarlemPas: true })).toEqual(['Ontmoeting voor buurtbewoners', 'Schuldhulp spreekuur']);
    expect(await f({ wheelchair: true })).toEqual(['Ontmoeting voor buurtbewoners']);
    expect(await f({ language: 'ar' })).toEqual(['Schuldhulp spreekuur']);
    expect(await f({ targetGroup: 'ouderen' })).toEqual(['Ontmoeting voor buurtbewoners']);
    await expect(searchActivities(ctx, { theme: 'onbekend' })).rejects.toMatchObject({ code: 'validation' });
  });

  it('shares identical public searches and shows a change at once', async () => {
    const a = await publish(partnerA, { title: 'Gedeelde zoekvraag breiclub' });
    const first = await searchActivities(ctx, { q: 'breiclub' });
    expect(await searchActivities(partnerB, { q: 'breiclub' })).toBe(first); // the same for every visitor
    expect(first.items.map((i) => i.title)).toEqual(['Gedeelde zoekvraag breiclub']);
    await updateActivity(partnerA, a.id, activityInputFor({ title: 'Gedeelde zoekvraag haakclub' }));
    expect((await searchActivities(ctx, { q: 'breiclub' })).total).toBe(0);
    expect((await searchActivities(ctx, { q: 'haakclub' })).items.map((i) => i.title)).toEqual(['Gedeelde zoekvraag haakclub']);
  });

  it('leaves activities whose dates are all past out of the public search and export, but keeps their page', async () => {
    const a = await publish(partnerA, { title: 'Voorjaarsrommelmarkt', schedule: { kind: 'one-off', startDate: '2026-03-01', startTime: '10:00', endTime: '12:00' } });
    const at = (iso: string): ServiceContext => ({ ...ctx, now: () => new Date(iso) });
    const before = at('2026-03-01T10:30:00+01:00'); // still running
    const after = at('2026-03-01T12:00:00+01:00'); // its end
    expect((await searchActivities(before, { q: 'voorjaarsrommelmarkt' })).total).toBe(1);
    // Another filter set than the one above (its result is shared for a while), in the activity's own district, so
    // only the end of its dates can leave it out.
    expect(a.districtCode).toBe('noord');
    expect((await searchActivities(after, { q: 'voorjaarsrommelmarkt', district: 'noord' })).total).toBe(0);
    expect(await exportActivities(before, { q: 'voorjaarsrommelmarkt' })).toHaveLength(1);
    expect(await exportActivities(after, { q: 'voorjaarsrommelmarkt' })).toHaveLength(0);
    const page = await getActivity(after, a.id);
    expect([isPast(page, before.now()), isPast(page, after.now())]).toEqual([false, true]);
    expect((await listManagedActivities(partnerA, { q: 'voorjaarsrommelmarkt' })).total).toBe(1);
    // A weekly series without an end date is never past.
    const weekly = await publish(partnerA, { title: 'Wekelijkse rommelmarkt' });
    expect(isPast(weekly, at('2099-01-01T00:00:00Z').now())).toBe(false);
  });

  it('paginates with a stable total', async () => {
    for (let i = 0; i < 7; i++) await publish(partnerA, { title: `Paginatest zwemles ${i}` });
    const p1 = await searchActivities(ctx, { q: 'zwemles' }, { page: 1, pageSize: 3 });
    const p3 = await searchActivities(ctx, { q: 'zwemles' }, { page: 3, pageSize: 3 });
    const p9 = await searchActivities(ctx, { q: 'zwemles' }, { page: 9, pageSize: 3 });
    expect([p1.total, p3.total, p9.total]).toEqual([7, 7, 7]);
    expect(p1.items).toHaveLength(3);
    expect(p3.items).toHaveLength(1);
    expect(p9.items).toHaveLength(0);
  });

  it('ranks a welfare organisation and a resident initiative by the same rules (level playing field)', async () => {
    const welfare = await buildOrganisation(ctx, 'core-partner');
    const initiative = await buildOrganisation(ctx, 'resident-initiative');
    const w = ctxFor(database, partnerActor(welfare.id, 'W'));
    const r = ctxFor(database, partnerActor(initiative.id, 'R'));
    const same = { description: 'Samen tekenen en schilderen in de buurt.', schedule: { kind: 'weekly' as const, startDate: '2026-02-02', startTime: '14:00', endTime: '16:00', weekdays: [1] } };
    // Equal text and date: only title and id decide; different text: relevance decides.
    await publish(w, { ...same, title: 'Tekenclub Noord' });
    await publish(r, { ...same, title: 'Tekenclub Noord' });
    await publish(r, { ...same, title: 'Tekenclub Oost' });
    await publish(w, { ...same, title: 'Tekenclub Oost' });
    await publish(r, { ...same, title: 'Tekenen en schilderen: tekenclub', description: 'Tekenen, tekenen en nog eens tekenen.' });
    const order = async () => (await searchActivities(ctx, { q: 'tekenen' })).items.map((i) => i.id);
    const before = await order();
    expect(before).toHaveLength(5);
    // The most relevant one (a resident initiative's) comes first; equal ones are in neutral order.
    expect((await searchActivities(ctx, { q: 'tekenen' })).items[0].organisationId).toBe(initiative.id);
    await updateOrganisation(adminOf(ctx), welfare.id, { name: welfare.name, type: 'resident-initiative' });
    await updateOrganisation(adminOf(ctx), initiative.id, { name: initiative.name, type: 'core-partner' });
    expect(await order()).toEqual(before);
    const rest = (await searchActivities(ctx, { q: 'tekenen' })).items.slice(1);
    expect(rest.map((i) => i.title)).toEqual(['Tekenclub Noord', 'Tekenclub Noord', 'Tekenclub Oost', 'Tekenclub Oost']);
    expect(rest[0].id < rest[1].id && rest[2].id < rest[3].id).toBe(true);
  });

  it('lists a location’s programme with occurrences in a window', async () => {
    const place = await createLocation(adminOf(ctx), { name: 'Huis van de Wijk De Test', address: 'Proefstraat 3', districtCode: 'oost' });
    const locationId = place.id;
    await expect(createActivity(partnerA, activityInputFor({ locationId: '5f0c8a34-2d36-4c3b-9d6a-3c2b1a0f9e11' }))).rejects.toMatchObject({ code: 'validation' });
    await publish(partnerA, { title: 'Taalcafé op maandag', locationId, locationName: '', locationAddress: '', schedule: { kind: 'weekly', startDate: '2026-01-05', startTime: '10:00', endTime: '11:00', weekdays: [1, 3] } });
    await publish(partnerA, { title: 'Maandelijks repaircafé', locationId, schedule: { kind: 'custom', startDate: '2026-01-01', startTime: '13:00', endTime: '16:00', rrule: 'FREQ=MONTHLY;BYDAY=1SA' } });
    const week = await listActivitiesForLocation(ctx, locationId, { from: new Date('2026-03-02T00:00:00+01:00'), to: new Date('2026-03-09T00:00:00+01:00') });
    const byTitle = Object.fromEntries(week.map((x) => [x.activity.title, x.occurrences.map((o) => o.start.toISOString())]));
    expect(byTitle['Taalcafé op maandag']).toEqual(['2026-03-02T09:00:00.000Z', '2026-03-04T09:00:00.000Z']);
    expect(byTitle['Maandelijks repaircafé']).toEqual(['2026-03-07T12:00:00.000Z']);
    expect(week[0].activity.locationName).toBe('Huis van de Wijk De Test');
    // Summer time: 10:00 in Amsterdam is 08:00 UTC.
    const summer = await listActivitiesForLocation(ctx, locationId, { from: new Date('2026-06-01T00:00:00+02:00'), to: new Date('2026-06-02T00:00:00+02:00') });
    expect(summer[0].occurrences[0].start.toISOString()).toBe('2026-06-01T08:00:00.000Z');
  });
});
