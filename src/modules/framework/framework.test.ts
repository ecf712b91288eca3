// The framework over HTTP: public JSON API, versioned edits by a policy advisor, district mapping by an administrator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, clientAs } from '../../../test/client.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import type { App } from '../../platform/http/app.tsx';

type ThemeJson = { slug: string; name: string; mainGoal: string; subGoals: string[]; subGoalGroups: { title: string | null; subGoals: { key: string; text: string }[] }[]; principles: string[]; targetGroups: string[]; districtTasks: { district: string | null; tasks: string[] }[]; version: number; background: string[]; principleGroups: unknown[]; extra: string[]; leads: string[] };

describe.each(dbKinds)('framework over HTTP (%s)', (kind) => {
  let db: TestDatabase;
  let app: App;
  const ownDatabases: TestDatabase[] = [];
  beforeAll(async () => {
    ({ db, app } = await openSeededApp(kind));
  });
  afterAll(async () => {
    for (const d of [db, ...ownDatabases]) await d?.drop();
  });

  it('GET /api/v1/themes lists the seven themes with name, main goal, sub-goals, principles, target groups and district tasks', async () => {
    const res = await new TestClient(app).get('/api/v1/themes');
    expect(res.status).toBe(200);
    expect(res.headers.get('api-version')).toBe('1.0.0');
    const themes = (await res.json()) as ThemeJson[];
    expect(themes).toHaveLength(7);
    for (const t of themes) {
      expect(typeof t.name).toBe('string');
      expect(t.mainGoal.length).toBeGreaterThan(20);
      expect(t.subGoals.every((s) => typeof s === 'string')).toBe(true);
      expect(t.subGoals.length).toBeGreaterThan(0);
      expect(Array.isArray(t.principles)).toBe(true);
      expect(Array.isArray(t.targetGroups)).toBe(true);
      expect(Array.isArray(t.districtTasks)).toBe(true);
    }
    expect(themes.flatMap((t) => t.districtTasks.map((d) => d.district)).filter(Boolean).every((d) => ['centrum', 'noord', 'oost', 'schalkwijk', 'zuid-west'].includes(d!))).toBe(true);
  });

  it('GET /api/v1/districts gives five districts with their wijken', async () => {
    const ds = (await (await new TestClient(app).get('/api/v1/districts')).json()) as { name: string; wijken: { code: string }[] }[];
    expect(ds.map((d) => d.name)).toEqual(['Centrum', 'Noord', 'Oost', 'Schalkwijk', 'Zuid-West']);
    expect(ds.flatMap((d) => d.wijken)).toHaveLength(21);
  });

  it('answers an unknown theme with 404 problem+json and an unknown page with a Dutch 404 page', async () => {
    const api = await new TestClient(app).get('/api/v1/themes/bestaat-niet');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
    const page = await new TestClient(app).get('/themas/bestaat-niet');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Deze pagina bestaat niet (meer).');
  });

  it('lets a policy advisor save an edit as a new version; history keeps the old text', async () => {
    const advisor = await clientAs(app, db, ['policy_advisor']);
    const before = (await (await advisor.get('/api/v1/themes/ontmoeten')).json()) as ThemeJson;
    const content = {
      name: before.name,
      mainGoal: before.mainGoal,
      subGoalGroups: before.subGoalGroups.map((g, i) => ({ title: g.title, subGoals: i === 0 ? [...g.subGoals, { key: 'ontmoeten/99', text: 'Een nieuw subdoel.' }] : g.subGoals })),
      background: before.background,
      districtTasks: before.districtTasks.map(({ district, tasks }) => ({ district, tasks })),
      targetGroups: before.targetGroups,
      principleGroups: before.principleGroups,
      extra: before.extra,
      leads: before.leads,
    };
    const res = await advisor.json('/api/v1/themes/ontmoeten', 'PUT', { content, changeNote: 'Subdoel toegevoegd', baseVersion: before.version });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ThemeJson;
    expect(after.version).toBe(before.version + 1);
    expect(after.subGoals).toContain('Een nieuw subdoel.');
    const old = (await (await advisor.get(`/api/v1/themes/ontmoeten?version=${before.version}`)).json()) as ThemeJson;
    expect(old.subGoals).not.toContain('Een nieuw subdoel.');
    const versions = (await (await advisor.get('/api/v1/themes/ontmoeten/versions')).json()) as { version: number; changeNote: string; createdBy: string }[];
    expect(versions[0]).toMatchObject({ version: after.version, changeNote: 'Subdoel toegevoegd' });
    // A second edit based on the old version is a conflict, not a silent overwrite.
    const stale = await advisor.json('/api/v1/themes/ontmoeten', 'PUT', { content, changeNote: 'Nog een keer', baseVersion: before.version });
    expect(stale.status).toBe(409);
    const audit = await findAuditEvents(ctxFor(db, adminActor), { action: 'framework.theme_edit' });
    expect(audit[0].details).toMatchObject({ slug: 'ontmoeten', version: after.version });
  });

  it('refuses edits from anyone but a policy advisor or administrator', async () => {
    const partner = await clientAs(app, db, ['partner_staff']);
    expect((await partner.json('/api/v1/themes/ontmoeten', 'PUT', {})).status).toBe(403);
    expect((await partner.get('/themas/ontmoeten/bewerken')).status).toBe(403);
    expect((await new TestClient(app).json('/api/v1/themes/ontmoeten', 'PUT', {})).status).toBe(401);
  });

  it('edits a sub-goal through the HTML form, with field messages on bad input', async () => {
    const advisor = await clientAs(app, db, ['policy_advisor']);
    const form = await (await advisor.get('/themas/waardevol-werk/bewerken')).text();
    const baseVersion = form.match(/name="baseVersion" value="(\d+)"/)![1];
    const fields: Record<string, string> = { baseVersion, name: 'Waardevol Werk', mainGoal: '', changeNote: '' };
    for (const m of form.matchAll(/<textarea[^>]*name="(sg\.[^"]+)"[^>]*>([^<]*)<\/textarea>/g)) fields[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    const bad = await advisor.postForm('/themas/waardevol-werk/bewerken', fields);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Hoofddoel: is verplicht');
    expect(html).toContain('Toelichting op de wijziging: is verplicht');
    const ok = await advisor.postForm('/themas/waardevol-werk/bewerken', { ...fields, mainGoal: 'Een aangepast hoofddoel.', 'sg.waardevol-werk/1': 'Aangepast subdoel <script>alert(1)</script>', changeNote: 'Hoofddoel herschreven' });
    expect(ok.status).toBe(303);
    const page = await (await advisor.get('/themas/waardevol-werk')).text();
    expect(page).toContain('Een aangepast hoofddoel.');
    expect(page).toContain('Aangepast subdoel &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<script>alert(1)</script>');
  });

  it('lets an administrator move a wijk to another district, audited', async () => {
    const admin = await clientAs(app, db, ['administrator']);
    const res = await admin.json('/api/v1/neighbourhoods/WK039206/district', 'PUT', { districtCode: 'noord' });
    expect(res.status).toBe(200);
    const ds = (await res.json()) as { code: string; wijken: { code: string }[] }[];
    expect(ds.find((d) => d.code === 'noord')!.wijken.map((w) => w.code)).toContain('WK039206');
    const bad = await admin.json('/api/v1/neighbourhoods/WK039206/district', 'PUT', { districtCode: 'maan' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { invalidParams: { name: string; reason: string }[] }).invalidParams[0]).toMatchObject({ name: 'districtCode', reason: 'Dit stadsdeel bestaat niet.' });
    // An unknown wijk and an unknown district: both at once.
    const both = await admin.json('/api/v1/neighbourhoods/WK000000/district', 'PUT', { districtCode: 'maan' });
    expect(((await both.json()) as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name)).toEqual(['wijkCode', 'districtCode']);
    expect((await findAuditEvents(ctxFor(db, adminActor), { action: 'framework.wijk_district' })).length).toBe(1);
  });

  it('starts a new call period without rewriting the old one', async () => {
    // On a database of its own: the new period becomes the default for every later read, whatever test runs next.
    const { db, app } = await openSeededApp(kind);
    ownDatabases.push(db);
    const advisor = await clientAs(app, db, ['policy_advisor']);
    const bad = await advisor.postForm('/kader/periodes', { code: '24-27', name: '', startYear: '2019', endYear: '2018' }, '/kader/periodes/nieuw');
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('Code: moet de vorm 2024-2027 hebben');
    expect(html).toContain('Naam: is verplicht');
    expect(html).toContain('Eindjaar (mag leeg): mag niet vóór het begin liggen');
    const old = (await (await advisor.get('/api/v1/themes')).json()) as ThemeJson[];
    const res = await advisor.json('/api/v1/call-periods', 'POST', { code: '2024-2027', name: 'Uitvraag Sociale Basis 2024', startYear: 2024, endYear: 2027 });
    expect(res.status).toBe(201);
    const now = (await (await advisor.get('/api/v1/themes')).json()) as (ThemeJson & { period: { code: string } })[];
    expect(now.map((t) => t.slug)).toEqual(old.map((t) => t.slug));
    expect(now.every((t) => t.version === 1 && t.period.code === '2024-2027')).toBe(true);
    expect(now.map((t) => t.subGoals)).toEqual(old.map((t) => t.subGoals));
    // Editing the new period leaves the old period's text alone.
    const t = now.find((x) => x.slug === 'ontmoeten')!;
    const edited = await advisor.json('/api/v1/themes/ontmoeten', 'PUT', {
      content: { name: t.name, mainGoal: 'Hoofddoel voor de nieuwe periode.', subGoalGroups: t.subGoalGroups, background: t.background, districtTasks: t.districtTasks.map(({ district, tasks }) => ({ district, tasks })), targetGroups: t.targetGroups, principleGroups: t.principleGroups, extra: t.extra, leads: t.leads },
      changeNote: 'Nieuwe periode',
      baseVersion: 1,
    });
    expect(edited.status).toBe(200);
    const previous = (await (await advisor.get('/api/v1/themes/ontmoeten?period=2020-2023')).json()) as ThemeJson;
    expect(previous.mainGoal).toBe(old.find((x) => x.slug === 'ontmoeten')!.mainGoal);
    const page = await (await advisor.get('/themas/ontmoeten?periode=2020-2023')).text();
    expect(page).toContain('Het is niet meer te wijzigen.');
    expect(page).not.toContain('Thema bewerken');
    expect((await advisor.json('/api/v1/call-periods', 'POST', { code: '2024-2027', name: 'Dubbel', startYear: 2025, endYear: null })).status).toBe(409);
    expect((await findAuditEvents(ctxFor(db, adminActor), { action: 'framework.period_start' })).length).toBe(1);
  });

  it('serves the English interface on request', async () => {
    const c = new TestClient(app);
    expect((await c.get('/taal/en?terug=/themas')).status).toBe(303);
    const html = await (await c.get('/themas')).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Skip to content');
  });
});
