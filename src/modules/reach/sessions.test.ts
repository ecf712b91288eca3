// Sessions and attendance by hand, on both databases: who may register (own organisation, partner organisation,
// other organisation, volunteer, administrator), the checks (cancelled needs a reason, dates, numbers, principle
// keys), the month form's upsert, identified visits counted once, the visits arithmetic, and no identifier stored.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { activities } from '../catalogue/schema.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';
import { listThemes } from '../framework/service.ts';
import { AppError } from '../../platform/http/errors.ts';
import { queryRows } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { reachSessions } from './schema.ts';
import { getSession, listDeliveredSessions, listSessions, saveSession } from './sessions.ts';
import { getMonthSheet, saveMonthSessions } from './month.ts';
import { addParticipant, addSessionVolunteer, getSessionAttendance, removeParticipant, setHeadcount } from './attendance.ts';
import { appErrorOf } from '../../../test/errors.ts';

const NOW = new Date('2026-03-20T12:00:00Z');
const volunteerOf = (organisationId: string): Actor => ({ userId: '', name: 'Vrijwilliger', email: 'vrijwilliger@test', roles: ['volunteer'], organisationId });
const admin: Actor = { userId: '', name: 'Admin', email: 'admin@test', roles: ['administrator'], organisationId: null };

const fieldsOf = (e: AppError) => e.fields.map((f) => f.field).sort();

describe.each(dbKinds)('sessions and attendance (%s)', (kind) => {
  let database: TestDatabase;
  let orgA: string;
  let orgB: string;
  let orgC: string;
  let activityId: string;
  let principle: string;
  let other: string;
  const as = (actor: Actor | null): ServiceContext => ({ ...ctxFor(database, actor), now: () => NOW });

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    const ctx = ctxFor(database);
    orgA = (await buildOrganisation(ctx, 'core-partner')).id;
    orgB = (await buildOrganisation(ctx, 'volunteer-organisation')).id;
    orgC = (await buildOrganisation(ctx, 'core-partner')).id;
    const own = as(partnerActor(orgA));
    const a = await createActivity(own, activityInputFor({ title: 'Koffieochtend', schedule: { kind: 'weekly', startDate: '2026-01-05', startTime: '10:00', endTime: '11:30', weekdays: [1] } }));
    await publishActivity(own, a.id);
    await database.db.update(activities).set({ partnerOrganisationIds: [orgB] }).where(eq(activities.id, a.id));
    activityId = a.id;
    const theme = (await listThemes(ctx)).find((t) => t.slug === 'ontmoeten')!;
    principle = theme.principleGroups[0].items[0].key;
    other = theme.principleGroups.flatMap((g) => g.items)[1].key;
  });
  afterAll(async () => database?.drop());

  it('lets staff and volunteers of the organisation and of its partner register, and administrators; others get not found', async () => {
    const a = await saveSession(as(partnerActor(orgA)), activityId, { date: '2026-01-05', principles: [principle] });
    expect(a).toMatchObject({ organisationId: orgA, status: 'held', hours: 1.5, volunteers: 0, principles: [principle], visits: 0 });
    const b = await saveSession(as(partnerActor(orgB)), activityId, { date: '2026-01-12', volunteers: 2 });
    expect(b.organisationId).toBe(orgB);
    expect((await saveSession(as(volunteerOf(orgA)), activityId, { date: '2026-01-19' })).organisationId).toBe(orgA);
    expect((await appErrorOf(saveSession(as(partnerActor(orgC)), activityId, { date: '2026-01-26' }))).code).toBe('not_found');
    expect((await appErrorOf(saveSession(as(volunteerOf(orgC)), activityId, { date: '2026-01-26' }))).code).toBe('not_found');
    const byAdmin = await saveSession(as(admin), activityId, { date: '2026-01-26', organisationId: orgB });
    expect(byAdmin.organisationId).toBe(orgB);
    const notDelivering = await appErrorOf(saveSession(as(admin), activityId, { date: '2026-02-02', organisationId: orgC }));
    expect(fieldsOf(notDelivering)).toEqual(['organisationId']);
    // A date another organisation registered is theirs: a conflict, and its page is not found.
    expect((await appErrorOf(saveSession(as(partnerActor(orgA)), activityId, { date: '2026-01-12' }))).code).toBe('conflict');
    expect((await appErrorOf(getSession(as(partnerActor(orgA)), b.id))).code).toBe('not_found');
    expect((await getSession(as(volunteerOf(orgB)), b.id)).volunteers).toBe(2);
    // Lists: each organisation sees what it registered.
    expect((await listSessions(as(partnerActor(orgA)), { activityId })).map((s) => s.date)).toEqual(['2026-01-05', '2026-01-19']);
    expect((await listSessions(as(partnerActor(orgB)), { activityId })).map((s) => s.date)).toEqual(['2026-01-12', '2026-01-26']);
    expect((await appErrorOf(listSessions(as(partnerActor(orgC)), { activityId }))).code).toBe('not_found');
    // The overview shows the activity to the partner organisation too, with its own sessions per month.
    const delivered = await listDeliveredSessions(as(partnerActor(orgB)), orgB, '2026-01-01');
    expect(delivered.map((d) => [d.activity.title, d.asPartner, d.months.map((m) => m.sessions.length)])).toEqual([['Koffieochtend', true, [2]]]);
    expect((await appErrorOf(listDeliveredSessions(as(partnerActor(orgC)), orgB, '2026-01-01'))).code).toBe('not_found');
  });

  it('needs a reason when cancelled and refuses bad dates, negative numbers and unknown principles, all at once', async () => {
    const own = as(partnerActor(orgA));
    const e = await appErrorOf(saveSession(own, activityId, { date: '2026-03-23', status: 'cancelled', volunteers: -1, headcount: 'veel', principles: [principle, 'ontmoeten/p999', 'bestaat/niet'] }));
    expect(e.code).toBe('validation');
    expect(fieldsOf(e)).toEqual(['cancelReason', 'date', 'headcount', 'principles.1', 'principles.2', 'volunteers']);
    expect(e.fields.find((f) => f.field === 'date')!.message).toBe('reach.session.error.future');
    expect(e.fields.find((f) => f.field === 'volunteers')!.message).toBe('reach.session.error.negative');
    expect(fieldsOf(await appErrorOf(saveSession(own, activityId, { date: '2025-12-29' })))).toEqual(['date']);
    expect(fieldsOf(await appErrorOf(saveSession(own, activityId, { date: '2026-02-30' })))).toEqual(['date']);
    expect(fieldsOf(await appErrorOf(saveSession(own, activityId, { date: '2026-03-02', hours: 25, volunteerHours: -2 })))).toEqual(['hours', 'volunteerHours']);
    const cancelled = await saveSession(own, activityId, { date: '2026-03-02', status: 'cancelled', cancelReason: 'Ziekte van de begeleider' });
    expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: 'Ziekte van de begeleider' });
    // Any date may be registered, not only the scheduled ones (a Wednesday here).
    expect((await saveSession(own, activityId, { date: '2026-03-04', hours: '2,5' })).hours).toBe(2.5);
  });

  it('saves a month in one go, updates registered dates in place, and numbers the rows in errors', async () => {
    const own = as(partnerActor(orgA));
    const sheet = await getMonthSheet(own, activityId, '2026-02');
    expect(sheet.rows.map((r) => r.date)).toEqual(['2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23']);
    expect(sheet.defaultHours).toBe(1.5);
    const rows = sheet.rows.map((r, i) => ({ date: r.date, status: i === 3 ? 'cancelled' : 'held', cancelReason: i === 3 ? 'Krokusvakantie' : '', volunteers: '2', headcount: String(10 + i), hours: '' }));
    expect(await saveMonthSessions(own, activityId, { month: '2026-02', principles: [principle], rows })).toEqual({ saved: 4 });
    const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(reachSessions).where(and(eq(reachSessions.activityId, activityId), sql`${reachSessions.date} between '2026-02-01' and '2026-02-28'`)))[0].n;
    expect(Number(await count())).toBe(4);
    // Saving again with a change: still four sessions, the change applied.
    rows[0].headcount = '25';
    await saveMonthSessions(own, activityId, { month: '2026-02', principles: [principle], rows });
    expect(Number(await count())).toBe(4);
    const after = await getMonthSheet(own, activityId, '2026-02');
    expect(after.rows.map((r) => [r.session?.status, r.session?.headcount, r.session?.visits])).toEqual([
      ['held', 25, 25],
      ['held', 11, 11],
      ['held', 12, 12],
      ['cancelled', 13, 0],
    ]);
    expect(after.monthPrinciples).toEqual([principle]);
    // A session with its own principles keeps them when its line says so; the others take the month's.
    await saveSession(own, activityId, { date: '2026-02-09', principles: [] , headcount: 11, volunteers: 2 });
    await saveSession(own, activityId, { date: '2026-02-16', principles: [principle, other], headcount: 12, volunteers: 2 });
    const keep = rows.map((r, i) => ({ ...r, keepPrinciples: i === 2 }));
    await saveMonthSessions(own, activityId, { month: '2026-02', principles: [principle], rows: keep });
    expect((await getMonthSheet(own, activityId, '2026-02')).rows.map((r) => r.session!.principles)).toEqual([[principle], [principle], [principle, other], [principle]]);
    // Every problem at once, by row; nothing saved.
    const bad = [
      { date: '2026-02-02', status: 'held', headcount: '7' },
      { date: '2026-02-09', status: 'cancelled', cancelReason: '' },
      { date: '2026-02-16', status: 'held', volunteers: '-3', hours: 'twee' },
      { date: '2026-03-02', status: 'held' },
      { date: '', status: '' },
    ];
    const e = await appErrorOf(saveMonthSessions(own, activityId, { month: '2026-02', principles: ['ontmoeten/p999'], rows: bad }));
    expect(fieldsOf(e)).toEqual(['principles.0', 'rows.1.cancelReason', 'rows.2.hours', 'rows.2.volunteers', 'rows.3.date']);
    expect((await getMonthSheet(own, activityId, '2026-02')).rows[0].session!.headcount).toBe(25);
    // A row registered by another organisation is shown as theirs and cannot be saved from here.
    await saveSession(as(partnerActor(orgB)), activityId, { date: '2026-03-09' });
    const march = await getMonthSheet(own, activityId, '2026-03');
    expect(march.rows.find((r) => r.date === '2026-03-09')!.otherOrganisation).not.toBeNull();
    expect(march.until).toBe('2026-03-20');
    expect(march.rows.map((r) => r.date)).toEqual(['2026-03-02', '2026-03-04', '2026-03-09', '2026-03-16']);
    const clash = await appErrorOf(saveMonthSessions(own, activityId, { month: '2026-03', principles: [], rows: [{ date: '2026-03-09', status: 'held' }] }));
    expect(fieldsOf(clash)).toEqual(['rows.0.date']);
  });

  it('counts an identified resident once per session, adds the headcount and imported anonymous visits, and stores no identifier', async () => {
    const own = as(partnerActor(orgA));
    const s = await saveSession(own, activityId, { date: '2026-03-16', headcount: 3 });
    const first = await addParticipant(own, s.id, { name: "Ömer van 't Hoflaan-Zeldzaam", birthDate: '15-03-1950', wijkCode: undefined, targetGroups: ['ouderen'] });
    expect(first.added).toBe(true);
    const again = await addParticipant(own, s.id, { name: 'omer van t  hoflaan zeldzaam', birthDate: '1950-03-15' });
    expect(again).toMatchObject({ added: false, fingerprint: first.fingerprint });
    const pass = await addParticipant(own, s.id, { passNumber: 'hp-9988 7766', ageBand: '65-79' });
    expect(pass.added).toBe(true);
    expect((await addParticipant(own, s.id, { passNumber: 'HP99887766' })).added).toBe(false);
    await database.db.update(reachSessions).set({ importedAnonymous: 4 }).where(eq(reachSessions.id, s.id));
    let view = await getSession(own, s.id);
    expect(view).toMatchObject({ identified: 2, headcount: 3, importedAnonymous: 4, visits: 9 });
    view = await setHeadcount(own, s.id, '5');
    expect(view.visits).toBe(11);
    const att = await getSessionAttendance(own, s.id);
    expect(att.visits.map((x) => [x.fingerprint, x.birthYear, x.ageBand, x.targetGroups])).toEqual([
      [first.fingerprint, 1950, null, ['ouderen']],
      [pass.fingerprint, null, '65-79', []],
    ]);
    // Volunteers: the same person twice counts once; the session's number of volunteers is at least the identified ones.
    expect((await addSessionVolunteer(own, s.id, { passNumber: 'VR123456', hours: '2' })).added).toBe(true);
    expect((await addSessionVolunteer(own, s.id, { passNumber: 'vr 123456' })).added).toBe(false);
    expect((await getSessionAttendance(own, s.id)).volunteers).toEqual([expect.objectContaining({ hours: 2 })]);
    expect((await getSession(own, s.id)).volunteers).toBe(1);
    // No table holds the name, pass number or date of birth, in any spelling.
    const names = (await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.table_name);
    expect(names).toContain('reach_attendance');
    for (const t of names) {
      const rows = await queryRows<{ j: string }>(database.db, sql`select row_to_json(x)::text as j from ${sql.identifier(t)} x`);
      const text = rows.map((r) => r.j).join('\n').toLowerCase();
      if (t === 'reach_attendance') expect(text).toContain('ouderen'); // the scan does read the rows
      for (const needle of ['zeldzaam', 'hoflaan', '99887766', 'vr123456', '123456', '1950-03-15', '15-03-1950']) expect(text, `${t} holds ${needle}`).not.toContain(needle);
    }
    // Removing by fingerprint; a cancelled session counts no visits and takes no new ones.
    expect((await removeParticipant(own, s.id, pass.fingerprint)).identified).toBe(1);
    const cancelled = await saveSession(own, activityId, { date: '2026-03-16', status: 'cancelled', cancelReason: 'Storm' });
    expect(cancelled).toMatchObject({ identified: 1, visits: 0 });
    expect((await appErrorOf(addParticipant(own, s.id, { passNumber: 'HP11112222' }))).code).toBe('conflict');
  });

  it('refuses a BSN, an incomplete identity and unknown coarse values, without echoing them', async () => {
    const own = as(partnerActor(orgA));
    const s = await saveSession(own, activityId, { date: '2026-02-23', status: 'held' });
    const bsn = await appErrorOf(addParticipant(own, s.id, { passNumber: '111222333' }));
    expect(bsn.fields.map((f) => [f.field, f.message])).toEqual([['passNumber', 'reach.attendance.error.bsn']]);
    expect(fieldsOf(await appErrorOf(addParticipant(own, s.id, {})))).toEqual(['passNumber']);
    expect(fieldsOf(await appErrorOf(addParticipant(own, s.id, { name: 'Jan Jansen' })))).toEqual(['birthDate']);
    const e = await appErrorOf(addParticipant(own, s.id, { name: 'Jan Jansen', birthDate: '31-02-1950', wijkCode: 'WK999999', targetGroups: ['bestaat-niet'], birthYear: 1850 }));
    expect(fieldsOf(e)).toEqual(['birthDate', 'birthYear', 'targetGroups.0', 'wijkCode']);
    expect(JSON.stringify(e.fields)).not.toContain('Jansen');
    expect(JSON.stringify(e.fields)).not.toContain('1950');
  });
});
