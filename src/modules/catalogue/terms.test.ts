// Activities refer to the framework's terms by key: principles ("ontmoeten/p3") and target groups (the framework's
// keyed list). Rewording a principle keeps the reference; stored principle texts are migrated to keys.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { editTheme, getTheme, invalidateFramework } from '../framework/service.ts';
import { createActivity, getActivity, publishActivity, searchActivities } from './service.ts';
import { activities } from './schema.ts';
import { activityInputFor, buildOrganisation, partnerActor } from './test-factory.ts';
import { appErrorOf } from '../../../test/errors.ts';

const migration = fs.readFileSync(path.resolve(import.meta.dirname, '../../../drizzle/0010_activity_principle_keys.sql'), 'utf8');

describe.each(dbKinds)('catalogue terms by key (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  let partner: ServiceContext;
  const advisor = () => ctxFor(database, { userId: '', name: 'Beleid', email: 'beleid@test', roles: ['policy_advisor'], organisationId: null });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database);
    const org = await buildOrganisation(ctx, 'core-partner');
    partner = ctxFor(database, partnerActor(org.id, 'Anna'));
  });
  afterAll(async () => database?.drop());

  it('keeps an activity’s principle when the principle is reworded', async () => {
    const a = await createActivity(partner, activityInputFor({ title: 'Maatjes voor buren', principles: ['ontmoeten/p3'], targetGroups: ['ouderen', 'dementie'] }));
    expect(a.principles).toEqual(['ontmoeten/p3']);
    const theme = await getTheme(ctx, 'ontmoeten');
    const { id: _i, slug: _s, position: _p, version, period: _pe, updatedAt: _u, updatedBy: _b, ...content } = theme;
    const principleGroups = content.principleGroups.map((g) => ({ ...g, items: g.items.map((i) => (i.key === 'ontmoeten/p3' ? { ...i, text: 'Mensen met beperkte sociale vaardigheden ondersteunen.' } : i)) }));
    await editTheme(advisor(), 'ontmoeten', { content: { ...content, principleGroups }, changeNote: 'Principe herschreven', baseVersion: version });
    const after = await getActivity(partner, a.id);
    expect(after.principles).toEqual(['ontmoeten/p3']);
    const edited = await getTheme(ctx, 'ontmoeten');
    expect(edited.principleGroups.flatMap((g) => g.items).find((i) => i.key === after.principles[0])?.text).toBe('Mensen met beperkte sociale vaardigheden ondersteunen.');
  });

  it('refuses a principle or target group that is not in the framework', async () => {
    // Each unknown item is named by its path, with the code for an unknown reference.
    const e1 = await appErrorOf(createActivity(partner, activityInputFor({ principles: ['ontmoeten/p1', 'ontmoeten/p999'] })));
    expect(e1.fields?.map((f) => [f.field, f.code])).toEqual([['principles.1', 'unknown_reference']]);
    const e2 = await appErrorOf(createActivity(partner, activityInputFor({ targetGroups: ['maanbewoners', 'ouderen', 'marsbewoners'] })));
    expect(e2.fields?.map((f) => [f.field, f.code])).toEqual([
      ['targetGroups.0', 'unknown_reference'],
      ['targetGroups.2', 'unknown_reference'],
    ]);
  });

  it('filters by a target group of the keyed list; an unknown one is bad input', async () => {
    const a = await createActivity(partner, activityInputFor({ title: 'Geheugencafé', targetGroups: ['dementie'] }));
    await publishActivity(partner, a.id);
    expect((await searchActivities(ctx, { targetGroup: 'dementie' })).items.map((x) => x.title)).toEqual(['Geheugencafé']);
    const e = await appErrorOf(searchActivities(ctx, { targetGroup: 'maanbewoners' }));
    expect(e.fields?.map((f) => f.field)).toEqual(['targetGroup']);
  });

  it('migrates principle texts stored on activities to their keys, and leaves keys alone', async () => {
    const theme = await getTheme(ctx, 'gezonde-leefstijl');
    const p2 = theme.principleGroups.flatMap((g) => g.items).find((i) => i.key === 'gezonde-leefstijl/p2')!;
    const a = await createActivity(partner, activityInputFor({ title: 'Oude verwijzing', themes: ['gezonde-leefstijl'] }));
    await database.db.update(activities).set({ principles: [p2.text, 'gezonde-leefstijl/p1', 'Een tekst die geen principe is'] }).where(sql`${activities.id} = ${a.id}`);
    await database.db.execute(sql.raw(migration));
    expect((await getActivity(partner, a.id)).principles).toEqual(['gezonde-leefstijl/p2', 'gezonde-leefstijl/p1', 'Een tekst die geen principe is']);
  });

  it('numbers the principles of content stored before keys the same way in the migration and when reading it', async () => {
    // Content as it was stored before: an intro-only group, then items as plain text.
    const old = { title: null, intro: 'Een inleiding zonder principes.', items: [] as string[] };
    const items = ['Eerste oude principe.', 'Tweede oude principe.', 'Derde oude principe.'];
    await database.db.execute(sql`
      update theme_versions v set content = jsonb_set(v.content, '{principleGroups}', ${JSON.stringify([old, { title: 'Wat werkt:', intro: null, items: items.slice(0, 1) }, { title: 'Ook:', intro: null, items: items.slice(1) }])}::jsonb)
      from themes t where t.id = v.theme_id and t.slug = 'waardevol-werk' and v.version = t.current_version`);
    const a = await createActivity(partner, activityInputFor({ title: 'Nog ouder', themes: ['waardevol-werk'] }));
    await database.db.update(activities).set({ principles: ['Derde oude principe.'] }).where(sql`${activities.id} = ${a.id}`);
    await database.db.execute(sql.raw(migration));
    expect((await getActivity(partner, a.id)).principles).toEqual(['waardevol-werk/p3']);
    invalidateFramework(ctx);
    const read = await getTheme(ctx, 'waardevol-werk');
    expect(read.principleGroups.flatMap((g) => g.items)).toEqual([
      { key: 'waardevol-werk/p1', text: 'Eerste oude principe.' },
      { key: 'waardevol-werk/p2', text: 'Tweede oude principe.' },
      { key: 'waardevol-werk/p3', text: 'Derde oude principe.' },
    ]);
    // The intro-only group's text is kept as the intro of the group that follows it.
    expect(read.principleGroups[0]).toMatchObject({ title: 'Wat werkt:', intro: 'Een inleiding zonder principes.', listTitle: null });
  });
});
