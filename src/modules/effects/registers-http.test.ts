// The register pages and API over HTTP (in-process, both databases): every page answers for its roles, forms show
// field errors (400) without echoing the resident's identifier, the API gives the outflow figures and overdue items.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, TEST_PASSWORD } from '../../../test/client.ts';
import type { App } from '../../platform/http/app.tsx';
import type { Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { addDays, localDate } from './complaint-deadline.ts';
import { ctxAs, makeOrg, person } from './test-helpers.ts';
import { createActivity, publishActivity } from '../catalogue/service.ts';
import { activityInputFor } from '../catalogue/test-factory.ts';

async function clientFor(app: App, db: TestDatabase, roles: Role[], organisationId: string | null): Promise<TestClient> {
  const email = `u-${Math.random().toString(36).slice(2, 10)}@test.nl`;
  await createUser(ctxAs(db, adminActor), { email, name: `Test ${roles.join(' ')}`, roles, password: TEST_PASSWORD, organisationId });
  const client = new TestClient(app);
  if ((await client.login(email, TEST_PASSWORD)).status !== 303) throw new Error('login failed');
  return client;
}

describe.each(dbKinds)('registers over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  let staff: TestClient;
  let colleague: TestClient;
  let advisor: TestClient;
  let auditor: TestClient;
  let org: { id: string };

  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
    org = await makeOrg(db, 'Register HTTP');
    staff = await clientFor(app, db, ['partner_staff'], org.id);
    colleague = await clientFor(app, db, ['partner_staff'], org.id);
    advisor = await clientFor(app, db, ['policy_advisor'], null);
    auditor = await clientFor(app, db, ['auditor'], null);
  });
  afterAll(async () => db?.drop());

  it('registers a trajectory through the form; bad input comes back as field errors without the pass number', async () => {
    const bad = await staff.postForm('/effecten/trajecten', { organisationId: org.id, passNumber: 'HP-12', name: '', birthDate: '', kindKey: 'coaching', themeSlug: 'ontmoeten', startDate: '2026-13-40' }, '/effecten/trajecten/nieuw');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Startdatum');
    expect(html).toContain('geen geldige datum');
    const ok = await staff.postForm('/effecten/trajecten', { organisationId: org.id, passNumber: 'HP123456', kindKey: 'coaching', themeSlug: 'ontmoeten', startDate: '2026-01-05', goals: 'Wekelijks naar buiten\nNieuwe contacten', 'startScores.sociaal-netwerk': '2' }, '/effecten/trajecten/nieuw');
    expect(ok.status).toBe(303);
    const page = await (await staff.get(ok.headers.get('location')!)).text();
    expect(page).toContain('Nieuwe contacten');
    expect(page).not.toContain('HP123456');
    const end = await staff.postForm(`${ok.headers.get('location')!.split('?')[0]}/afsluiten`, { endDate: '2026-02-01', endingReasonKey: 'doelen-bereikt', result: 'reached', 'endScores.sociaal-netwerk': '4' }, ok.headers.get('location')!);
    expect(end.status).toBe(303);
    for (const path of ['/effecten/trajecten', '/effecten/uitstroom?jaar=2026']) expect((await staff.get(path)).status).toBe(200);
    // The organisation's own figures are exact, so its chart is drawn: an SVG image with a title, no inline style.
    const report = await (await staff.get('/effecten/uitstroom?jaar=2026')).text();
    expect(report).toMatch(/<svg[^>]*role="img"[^>]*>/);
    expect(report).toContain('<title id="uitstroom-grafiek-titel">');
    expect(report).not.toMatch(/<style|style="/);
    expect(await (await advisor.get('/effecten/uitstroom?jaar=2026')).text()).not.toContain('<svg');
    expect((await auditor.get('/effecten/trajecten')).status).toBe(403);
    expect((await auditor.get('/effecten/uitstroom')).status).toBe(200);
  });

  it('gives the outflow figures in the API, with the small-cell rule', async () => {
    const own = (await (await staff.request('/api/v1/outflow?year=2026')).json()) as { total: { ended: number | null } };
    expect(own.total.ended).toBe(1);
    const other = (await (await advisor.request('/api/v1/outflow?year=2026')).json()) as { exact: boolean; total: { ended: number | string; suppressed: boolean } };
    expect(other).toMatchObject({ exact: false, total: { ended: '< 5', suppressed: true } });
    const bad = await advisor.request('/api/v1/outflow?year=tweeduizend');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('year');
  });

  it('warns about a phone number when a story is submitted, and lets a colleague approve it', async () => {
    const fields = { organisationId: org.id, title: 'Koffie', body: 'Ze belde op 06-12345678 en kwam langs.', storyDate: '2026-01-10', consentMedia: 'text', consentUses: 'council', consentUntil: '2027-01-01', intent: 'submit' };
    const warn = await staff.postForm('/effecten/verhalen', fields, '/effecten/verhalen/nieuw');
    expect(warn.status).toBe(400);
    const html = await warn.text();
    expect(html).toContain('Telefoonnummer: 06-12345678');
    expect(html).toContain('Ik heb dit gecontroleerd');
    const id = /action="\/effecten\/verhalen\/([0-9a-f-]{36})"/.exec(html)![1];
    const sent = await staff.postForm(`/effecten/verhalen/${id}`, { ...fields, checked: '1' }, `/effecten/verhalen/${id}/bewerken`);
    expect(sent.status).toBe(303);
    expect((await staff.postForm(`/effecten/verhalen/${id}/beoordelen`, { decision: 'approve' }, `/effecten/verhalen/${id}`)).status).toBe(403);
    expect((await colleague.postForm(`/effecten/verhalen/${id}/beoordelen`, { decision: 'approve' }, `/effecten/verhalen/${id}`)).status).toBe(303);
    const stories = (await (await advisor.request('/api/v1/stories?year=2026')).json()) as { id: string }[];
    expect(stories.map((s) => s.id)).toContain(id);
    const check = await staff.json('/api/v1/stories/check', 'POST', { text: 'Mail jan@example.nl' });
    expect(((await check.json()) as { warnings: { kind: string }[] }).warnings.map((w) => w.kind)).toEqual(['email']);
  });

  it('records, submits, reviews and withdraws a story through the API', async () => {
    const input = { organisationId: org.id, title: 'Taalcafé', body: 'Bel haar op 023-1234567, zei ze.', storyDate: '2026-02-01', consentMedia: ['text'], consentUses: ['council'], consentUntil: '2027-06-30', themeSlug: 'ontmoeten' };
    const created = await staff.json('/api/v1/stories', 'POST', input);
    expect(created.status).toBe(201);
    const story = (await created.json()) as { id: string; status: string; body: string };
    expect(story).toMatchObject({ status: 'draft', body: input.body });
    // the anonymisation check: a phone number must be confirmed before the story can be submitted
    const warned = await staff.json(`/api/v1/stories/${story.id}/submit`, 'POST', {});
    expect(warned.status).toBe(400);
    expect(((await warned.json()) as { warnings: { kind: string; match: string }[] }).warnings).toEqual([{ kind: 'phone', match: '023-1234567' }]);
    expect(((await (await staff.json(`/api/v1/stories/${story.id}/submit`, 'POST', { checked: true })).json()) as { status: string }).status).toBe('submitted');
    // review by a second person only; until then no report lists it
    expect((await (await advisor.request('/api/v1/stories?year=2026')).json()) as { id: string }[]).not.toContainEqual(expect.objectContaining({ id: story.id }));
    expect((await staff.json(`/api/v1/stories/${story.id}/review`, 'POST', { decision: 'approve' })).status).toBe(403);
    expect((await colleague.json(`/api/v1/stories/${story.id}/review`, 'POST', { decision: 'return' })).status).toBe(400);
    expect(((await (await colleague.json(`/api/v1/stories/${story.id}/review`, 'POST', { decision: 'approve' })).json()) as { status: string }).status).toBe('approved');
    const listed = (await (await advisor.request('/api/v1/stories?year=2026&theme=ontmoeten&use=council')).json()) as { id: string }[];
    expect(listed.map((x) => x.id)).toContain(story.id);
    expect(((await (await advisor.request('/api/v1/stories?year=2026&use=public')).json()) as { id: string }[]).map((x) => x.id)).not.toContain(story.id);
    // consent withdrawn: text erased, gone from every report
    const withdrawn = (await (await staff.json(`/api/v1/stories/${story.id}/withdraw`, 'POST', {})).json()) as { status: string; body: string };
    expect(withdrawn).toMatchObject({ status: 'withdrawn', body: '' });
    expect(((await (await advisor.request('/api/v1/stories?year=2026')).json()) as { id: string }[]).map((x) => x.id)).not.toContain(story.id);
    // bad input, roles
    const bad = await staff.json('/api/v1/stories', 'POST', { ...input, body: '', storyDate: '2026-02-30', consentUses: [] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name).sort()).toEqual(['body', 'consentUses', 'storyDate']);
    expect((await auditor.json('/api/v1/stories', 'POST', input)).status).toBe(403);
    expect((await advisor.json('/api/v1/stories', 'POST', input)).status).toBe(403);
  });

  it('registers a complaint about an activity through the form: the organisation first, then its activities', async () => {
    const orgStaff = ctxAs(db, person(['partner_staff'], org.id, 'Activiteit'));
    const activity = await createActivity(orgStaff, activityInputFor({ title: 'Buurtmaaltijd Klachtvorm' }));
    await publishActivity(orgStaff, activity.id);
    expect(await (await advisor.get('/effecten/klachten/nieuw')).text()).not.toContain('Buurtmaaltijd Klachtvorm');
    const form = await (await advisor.get(`/effecten/klachten/nieuw?organisatie=${org.id}`)).text();
    expect(form).toContain(`<option value="${activity.id}">Buurtmaaltijd Klachtvorm</option>`);
    const res = await advisor.postForm('/effecten/klachten', { typeKey: 'klacht', receivedDate: localDate(new Date()), subject: 'Eten was koud', organisationId: org.id, activityId: activity.id }, `/effecten/klachten/nieuw?organisatie=${org.id}`);
    expect(res.status).toBe(303);
    const detail = await (await advisor.get(res.headers.get('location')!)).text();
    expect(detail).toContain('Buurtmaaltijd Klachtvorm');
    const list = (await (await advisor.request(`/api/v1/complaints?activity=${activity.id}`)).json()) as { subject: string; themeSlug: string | null }[];
    expect(list).toEqual([expect.objectContaining({ subject: 'Eten was koud', themeSlug: 'ontmoeten' })]);
  });

  it('registers an objection received seven weeks ago and lists it as overdue', async () => {
    const received = addDays(localDate(new Date()), -49);
    const res = await advisor.json('/api/v1/complaints', 'POST', { typeKey: 'bezwaar', receivedDate: received, subject: 'Bezwaar subsidie', decisionReference: 'SUB-1', organisationId: org.id });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; overdue: boolean; deadline: string };
    expect(created.overdue).toBe(true);
    const list = (await (await advisor.request(`/api/v1/complaints?overdue=true&organisation=${org.id}`)).json()) as { id: string }[];
    expect(list.map((c) => c.id)).toEqual([created.id]);
    const page = await (await advisor.get('/effecten/klachten?overschreden=1')).text();
    expect(page).toContain('Over de termijn');
    expect((await (await staff.get(`/effecten/klachten/${created.id}`)).text())).toContain('Over de termijn');
    const bad = await advisor.json('/api/v1/complaints', 'POST', { typeKey: 'bezwaar', receivedDate: 'gisteren', subject: '' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { invalidParams: { name: string }[] };
    expect(body.invalidParams.map((p) => p.name).sort()).toEqual(['receivedDate', 'subject']);
    expect((await staff.json('/api/v1/complaints', 'POST', { typeKey: 'klacht', receivedDate: received, subject: 'x' })).status).toBe(403);
    for (const path of ['/effecten/klachten', '/effecten/klachten/nieuw', '/effecten/klachten/cijfers', `/effecten/klachten/${created.id}`]) expect((await advisor.get(path)).status).toBe(200);
    expect((await auditor.get('/effecten/klachten/cijfers')).status).toBe(200);
    expect((await auditor.get('/api/v1/complaints')).status).toBe(403);
  });
});
