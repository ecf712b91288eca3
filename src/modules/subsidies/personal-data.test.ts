// The subsidies part of "Mijn gegevens": a person's own changes to a joint application (found through the audit row
// written with each revision, since a revision keeps only the name), their appointments, conflicts and scores —
// never another person's.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { eq } from 'drizzle-orm';
import { dbKinds, createTestDatabase, seedFramework, type TestDatabase } from '../../../test/db.ts';
import { startApplication, getApplication, updateSection } from './application-service.ts';
import { assignAssessor, saveScores, declareConflict } from './assessment-service.ts';
import { subsidyApplications } from './schema.ts';
import { subsidiesPersonalData } from './personal-data.ts';
import { ctxAt, makeUser, makeWorld, type World } from './test-helpers.ts';
import type { Actor } from '../../platform/auth/roles.ts';

describe.each(dbKinds)('subsidies personal data (%s)', (kind) => {
  let db: TestDatabase;
  let w: World;
  let a1: Actor;
  let a2: Actor;
  const sections = async (who: Actor) => Object.fromEntries((await subsidiesPersonalData(ctxAt(db, who), who.userId)).map((s) => [s.key, s]));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    w = await makeWorld(db);
    const appId = (await startApplication(ctxAt(db, w.staff[0]), w.tableId)).id;
    const app = await getApplication(ctxAt(db, w.staff[0]), appId);
    await updateSection(ctxAt(db, w.staff[0], '2019-08-01'), appId, app.sections[0].id, { body: 'Tekst van Alfa.', status: 'in_progress', organisationId: w.orgs[0].id });
    await updateSection(ctxAt(db, w.staff[1], '2019-08-02'), appId, app.sections[1].id, { body: 'Tekst van Beta.', status: 'done', organisationId: w.orgs[1].id });
    await updateSection(ctxAt(db, w.staff[0], '2019-08-03'), appId, app.sections[0].id, { body: 'Tekst van Alfa, aangevuld.', status: 'done' });
    // Assessment needs a submitted application; the submission itself is tested in subsidies.test.ts.
    await db.db.update(subsidyApplications).set({ status: 'submitted' }).where(eq(subsidyApplications.id, appId));
    a1 = await makeUser(db, ['policy_advisor'], null, 'Beoordelaar Een');
    a2 = await makeUser(db, ['policy_advisor'], null, 'Beoordelaar Twee');
    for (const u of [a1, a2]) await assignAssessor(ctxAt(db, w.advisor), w.call.id, { userId: u.userId });
    await saveScores(ctxAt(db, a1, '2019-10-10'), appId, { scores: [{ criterionKey: w.call.criteria[0].key, score: 4, comment: 'Sterk plan.' }], submit: false });
    await declareConflict(ctxAt(db, a2, '2019-10-11'), appId, { reason: 'Bestuurslid bij Beta.' });
  });
  afterAll(async () => db?.drop());

  it('lists the sections a person changed, and only theirs', async () => {
    const alfa = await sections(w.staff[0]);
    const edits = alfa['subsidies.application_changes'].rows;
    expect(edits.filter((r) => r[4] === 'onderdeel bijgewerkt').map((r) => [(r[0] as Date).toISOString().slice(0, 10), r[5]])).toEqual([
      ['2019-08-03', w.call.criteria[0].key],
      ['2019-08-01', w.call.criteria[0].key],
    ]);
    expect(edits.every((r) => r[1] === w.call.title && r[2] === 'ontmoeten')).toBe(true);
    const beta = (await sections(w.staff[1]))['subsidies.application_changes'].rows;
    expect(beta.map((r) => r[5])).toEqual([app1Key(w)]);
    expect(await sections(w.staff[2])).toEqual({});
  });

  it('lists appointments, scores and declared conflicts per assessor', async () => {
    const one = await sections(a1);
    expect(Object.keys(one).sort()).toEqual(['subsidies.assessor', 'subsidies.scores']);
    expect(one['subsidies.scores'].rows).toEqual([[w.call.title, 'ontmoeten', w.call.criteria[0].key, 4, 'Sterk plan.', new Date('2019-10-10T10:00:00Z'), null]]);
    const two = await sections(a2);
    expect(Object.keys(two).sort()).toEqual(['subsidies.assessor', 'subsidies.conflicts']);
    expect(two['subsidies.conflicts'].rows).toEqual([[w.call.title, 'ontmoeten', 'Bestuurslid bij Beta.', expect.any(Date)]]);
    expect(two['subsidies.assessor'].rows[0][0]).toBe(`${w.call.title} (2020-2023)`);
  });
});

/** The key of the application's second section (the one Beta wrote). */
const app1Key = (w: World) => w.call.criteria[1].key;
