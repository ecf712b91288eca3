// The privacy desk's subject access lookup, on both databases: visits and volunteer turns registered through the
// attendance services are found again by the same identifier written differently (pass number; name + date of
// birth), with their fields; another identifier finds nothing; a BSN is refused; only administrators may look up (page
// and API); the result never echoes the identifier; downloads come from the same POST; one audit row per lookup
// with the counts and the channel, never the identifier; and afterwards no table holds the pass number or the name.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { testApp, TestClient, TEST_PASSWORD, clientAs } from '../../../test/client.ts';
import { createUser } from '../../platform/auth/service.ts';
import { queryRows } from '../../platform/db/client.ts';
import { auditEvents } from '../../platform/audit/schema.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Actor } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor, buildOrganisation, partnerActor } from '../catalogue/test-factory.ts';
import { listNeighbourhoods } from '../framework/service.ts';
import { saveSession } from './sessions.ts';
import { addParticipant, addSessionVolunteer } from './attendance.ts';
import { lookUpResident, type SubjectAccessReport } from './subject-access.ts';
import { appErrorOf } from '../../../test/errors.ts';

const NOW = new Date('2026-03-20T12:00:00Z');
const admin: Actor = { userId: '', name: 'Admin', email: 'admin@test', roles: ['administrator'], organisationId: null };
const PASS = 'HP-5566 7788';
const NAME = 'Wilhelmina Zonnebloem-Achterberg';

describe.each(dbKinds)('subject access (%s)', (kind) => {
  let database: TestDatabase;
  let app: App;
  let orgA: string;
  let orgB: string;
  let wijk: { code: string; name: string };
  const as = (actor: Actor | null): ServiceContext => ({ ...ctxFor(database, actor), now: () => NOW });
  const audits = async () => (await database.db.select().from(auditEvents).where(and(eq(auditEvents.tenantId, database.tenant), eq(auditEvents.action, 'reach.subject_access')))).map((r) => r.details);

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    app = testApp(database);
    const ctx = ctxFor(database);
    orgA = (await buildOrganisation(ctx, 'core-partner', 'Buurthuis De Linde')).id;
    orgB = (await buildOrganisation(ctx, 'volunteer-organisation', 'Vrijwilligerscentrale Zuid')).id;
    wijk = (await listNeighbourhoods(ctx)).find((n) => n.kind === 'wijk')!;
    const staffA = as(partnerActor(orgA));
    const staffB = as(partnerActor(orgB));
    const schedule = (weekday: number) => ({ kind: 'weekly' as const, startDate: '2026-01-05', startTime: '10:00', endTime: '12:00', weekdays: [weekday] });
    const koffie = await createActivity(staffA, activityInputFor({ title: 'Koffieochtend', schedule: schedule(1) }));
    await publishActivity(staffA, koffie.id);
    const tuin = await createActivity(staffB, activityInputFor({ title: 'Buurttuin', schedule: schedule(3) }));
    await publishActivity(staffB, tuin.id);
    // The pass number: two visits (one at a session later registered as cancelled) and one turn as a volunteer.
    const s1 = await saveSession(staffA, koffie.id, { date: '2026-01-12' });
    const s2 = await saveSession(staffA, koffie.id, { date: '2026-02-02' });
    const s3 = await saveSession(staffB, tuin.id, { date: '2026-01-21', hours: 3 });
    await addParticipant(staffA, s2.id, { passNumber: PASS, birthYear: 1958 });
    await addParticipant(staffA, s1.id, { passNumber: PASS, wijkCode: wijk.code, targetGroups: ['ouderen'], ageBand: '65-79' });
    await saveSession(staffA, koffie.id, { date: '2026-02-02', status: 'cancelled', cancelReason: 'Storm' });
    await addSessionVolunteer(staffB, s3.id, { passNumber: 'hp55667788', hours: '2,5' });
    // Name + date of birth: one visit. Someone else at the same sessions.
    await addParticipant(staffB, s3.id, { name: NAME, birthDate: '03-04-1961', targetGroups: ['ouderen'] });
    await addParticipant(staffA, s1.id, { passNumber: 'HP11110000', wijkCode: wijk.code });
  });
  afterAll(async () => database?.drop());

  it('finds every visit and volunteer turn of a pass number written differently, with their fields, by date', async () => {
    const r = await lookUpResident(as(admin), { passNumber: ' hp 5566.7788 ' }, 'page');
    expect(r.visits).toEqual([
      { date: '2026-01-12', activityId: expect.any(String), activityTitle: 'Koffieochtend', organisationId: orgA, organisationName: 'Buurthuis De Linde', wijkCode: wijk.code, wijkName: wijk.name, birthYear: null, ageBand: '65-79', targetGroups: [{ key: 'ouderen', name: expect.stringMatching(/ouderen/i) }], sessionStatus: 'held' },
      { date: '2026-02-02', activityId: expect.any(String), activityTitle: 'Koffieochtend', organisationId: orgA, organisationName: 'Buurthuis De Linde', wijkCode: null, wijkName: null, birthYear: 1958, ageBand: null, targetGroups: [], sessionStatus: 'cancelled' },
    ]);
    expect(r.volunteerTurns).toEqual([{ date: '2026-01-21', activityId: expect.any(String), activityTitle: 'Buurttuin', organisationId: orgB, organisationName: 'Vrijwilligerscentrale Zuid', hours: 2.5 }]);
    expect(JSON.stringify(r)).not.toMatch(/5566|7788/);
  });

  it('finds a name and date of birth the same way, and nothing for another identifier', async () => {
    const r = await lookUpResident(as(admin), { name: 'wilhelmina  zonnebloem achterberg', birthDate: '1961-04-03' }, 'api');
    expect(r.visits.map((v) => [v.date, v.activityTitle, v.organisationName, v.birthYear, v.targetGroups.map((g) => g.key)])).toEqual([['2026-01-21', 'Buurttuin', 'Vrijwilligerscentrale Zuid', 1961, ['ouderen']]]);
    expect(r.volunteerTurns).toEqual([]);
    expect(await lookUpResident(as(admin), { passNumber: 'HP55667789' }, 'page')).toEqual({ visits: [], volunteerTurns: [] });
    expect(await lookUpResident(as(admin), { name: NAME, birthDate: '04-03-1961' }, 'page')).toEqual({ visits: [], volunteerTurns: [] });
  });

  it('refuses a BSN, an incomplete identity and bad input with the same field errors as the attendance form, without a lookup', async () => {
    const before = (await audits()).length;
    const bsn = await appErrorOf(lookUpResident(as(admin), { passNumber: '111222333' }, 'page'));
    expect(bsn.fields.map((f) => [f.field, f.message])).toEqual([['passNumber', 'reach.attendance.error.bsn']]);
    expect((await appErrorOf(lookUpResident(as(admin), {}, 'page'))).fields.map((f) => [f.field, f.message])).toEqual([['passNumber', 'reach.attendance.error.whoRequired']]);
    expect((await appErrorOf(lookUpResident(as(admin), { name: NAME }, 'page'))).fields.map((f) => [f.field, f.message])).toEqual([['birthDate', 'reach.attendance.error.birthDateMissing']]);
    expect((await appErrorOf(lookUpResident(as(admin), { name: NAME, birthDate: '31-02-1961' }, 'page'))).fields.map((f) => f.field)).toEqual(['birthDate']);
    expect((await appErrorOf(lookUpResident(as(admin), { passNumber: 'x!' }, 'page'))).fields.map((f) => [f.field, f.message])).toEqual([['passNumber', 'reach.attendance.error.passNumber']]);
    expect((await appErrorOf(lookUpResident(as(admin), { passNumber: 'A'.repeat(41) }, 'page'))).fields.map((f) => f.field)).toEqual(['passNumber']);
    expect((await audits()).length).toBe(before);
    // Only administrators.
    expect((await appErrorOf(lookUpResident(as(partnerActor(orgA)), { passNumber: PASS }, 'page'))).code).toBe('forbidden');
    expect((await appErrorOf(lookUpResident(as(null), { passNumber: PASS }, 'page'))).code).toBe('unauthenticated');
  });

  it('serves the page, the downloads and the API to administrators only, never echoing the identifier', async () => {
    const adminClient = await clientAs(app, database, ['administrator']);
    const before = (await audits()).length;
    const beheer = await (await adminClient.get('/beheer')).text();
    expect(beheer).toContain('href="/beheer/inzageverzoek"');
    const form = await adminClient.get('/beheer/inzageverzoek');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('niet bewaard');
    // Result page.
    const res = await adminClient.postForm('/beheer/inzageverzoek', { passNumber: 'hp 5566 7788', name: '', birthDate: '', format: 'page' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    expect(html).toContain('Bezoeken aan activiteiten (2)');
    expect(html).toContain('Beurten als vrijwilliger (1)');
    expect(html).toContain('Buurthuis De Linde');
    expect(html).toContain('Afgelast');
    expect(html).not.toMatch(/5566|7788/);
    // A bad identifier: the form again, 400, the field named, the identifier fields empty.
    const bad = await adminClient.postForm('/beheer/inzageverzoek', { passNumber: '111222333', name: NAME, birthDate: '03-04-1961', format: 'page' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('Pasnummer: dit lijkt een burgerservicenummer');
    expect(badHtml).not.toContain('111222333');
    expect(badHtml).not.toMatch(/zonnebloem|1961/i);
    expect(badHtml).toMatch(/name="passNumber"[^>]*value=""/);
    // Downloads answer the same POST with an attachment.
    const csv = await adminClient.postForm('/beheer/inzageverzoek', { passNumber: PASS, format: 'csv' }, '/beheer/inzageverzoek');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="inzage-\d{4}-\d{2}-\d{2}\.csv"$/);
    const csvText = await csv.text();
    expect(csvText.split('\r\n').filter(Boolean)).toHaveLength(4);
    expect(csvText).toContain('Bezoek;2026-01-12;Koffieochtend;Buurthuis De Linde');
    expect(csvText).toContain('Vrijwilligersbeurt;2026-01-21;Buurttuin;Vrijwilligerscentrale Zuid');
    expect(csvText).not.toMatch(/5566|7788/);
    const json = await adminClient.postForm('/beheer/inzageverzoek', { passNumber: PASS, format: 'json' }, '/beheer/inzageverzoek');
    expect(json.headers.get('content-disposition')).toMatch(/\.json"$/);
    expect(((await json.json()) as SubjectAccessReport).visits).toHaveLength(2);
    // The API.
    const api = await adminClient.json('/api/v1/reach/subject-access', 'POST', { name: NAME.toUpperCase(), birthDate: '1961-04-03' });
    expect(api.status).toBe(200);
    const body = (await api.json()) as SubjectAccessReport;
    expect(body.visits.map((v) => v.activityTitle)).toEqual(['Buurttuin']);
    expect(JSON.stringify(body)).not.toMatch(/zonnebloem/i);
    const apiBad = await adminClient.json('/api/v1/reach/subject-access', 'POST', { passNumber: '111222333' });
    expect(apiBad.status).toBe(400);
    const problem = (await apiBad.json()) as { invalidParams: { name: string; reason: string }[] };
    expect(problem.invalidParams.map((p) => p.name)).toEqual(['passNumber']);
    expect(JSON.stringify(problem)).not.toContain('111222333');
    expect((await adminClient.json('/api/v1/reach/subject-access', 'POST', { passNumber: 12 })).status).toBe(400);
    // One audit row per lookup: channel and counts, never the identifier or the pseudonym.
    const rows = (await audits()).slice(before);
    expect(rows).toEqual([
      { via: 'page', visits: 2, volunteerTurns: 1 },
      { via: 'download', visits: 2, volunteerTurns: 1 },
      { via: 'download', visits: 2, volunteerTurns: 1 },
      { via: 'api', visits: 1, volunteerTurns: 0 },
    ]);
    // Partners and policy advisors: 403 on the page and the API.
    const email = `p-${Math.random().toString(36).slice(2, 8)}@test.nl`;
    await createUser(ctxFor(database, adminActor), { email, name: 'Partner', roles: ['partner_staff'], password: TEST_PASSWORD, organisationId: orgA });
    const partner = new TestClient(app);
    expect((await partner.login(email, TEST_PASSWORD)).status).toBe(303);
    const advisor = await clientAs(app, database, ['policy_advisor']);
    for (const c of [partner, advisor]) {
      expect((await c.get('/beheer/inzageverzoek')).status).toBe(403);
      const post = await c.postForm('/beheer/inzageverzoek', { passNumber: PASS, format: 'page' }, '/');
      expect(post.status).toBe(403);
      expect(await post.text()).toContain('U heeft geen toegang tot deze pagina.'); // the route rule, not the CSRF check
      expect((await c.json('/api/v1/reach/subject-access', 'POST', { passNumber: PASS })).status).toBe(403);
    }
    expect((await audits()).length).toBe(before + 4);
  });

  it('leaves neither the pass number nor the name in any table, audit log included', async () => {
    await lookUpResident(as(admin), { passNumber: PASS }, 'page');
    await lookUpResident(as(admin), { name: NAME, birthDate: '03-04-1961' }, 'page');
    const tables = (await queryRows<{ table_name: string }>(database.db, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) => r.table_name);
    expect(tables).toContain('audit_events');
    for (const t of tables) {
      const rows = await queryRows<{ j: string }>(database.db, sql`select row_to_json(x)::text as j from ${sql.identifier(t)} x`);
      const text = rows.map((r) => r.j).join('\n').toLowerCase();
      if (t === 'audit_events') expect(text).toContain('reach.subject_access'); // the scan does read the rows
      for (const needle of ['55667788', '5566 7788', 'zonnebloem', 'achterberg', 'wilhelmina', '1961-04-03', '03-04-1961', '111222333']) expect(text, `${t} holds ${needle}`).not.toContain(needle);
    }
  });
});
