// The framework over HTTP: public JSON API, versioned edits by a policy advisor, district mapping by an administrator.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { dbKinds, ctxFor, adminActor, type TestDatabase } from '../../../test/db.ts';
import { openSeededApp, TestClient, clientAs } from '../../../test/client.ts';
import { findAuditEvents } from '../../platform/audit/service.ts';
import type { App } from '../../platform/http/app.tsx';

type Keyed = { key: string; text: string };
type ThemeJson = {
  slug: string;
  name: string;
  mainGoal: string;
  subGoals: Keyed[];
  subGoalGroups: { title: string | null; subGoals: Keyed[] }[];
  principles: Keyed[];
  principleGroups: { title: string | null; intro: string | null; listTitle: string | null; items: (Keyed & { description?: string | null })[]; note: string | null; appendix: string | null }[];
  targetGroups: { heading: string | null; items: (Keyed & { groups: string[] })[]; note: string | null }[];
  districtTasks: { heading: string | null; districts: { code: string; name: string }[]; tasks: { text: string; districts: string[] }[] }[];
  version: number;
  background: string[];
  extra: string[];
  chair: { text: string; quote: string; source: string } | null;
  leads: { organisations: { name: string; id: string | null }[]; quote: string; source: string }[];
};

/** The theme's content as the edit API takes it, from the theme as the API gives it. */
const contentOf = (t: ThemeJson) => ({
  name: t.name,
  mainGoal: t.mainGoal,
  subGoalGroups: t.subGoalGroups,
  background: t.background,
  districtTasks: t.districtTasks.map((b) => ({ heading: b.heading, districts: b.districts.map((d) => d.code), tasks: b.tasks })),
  targetGroups: t.targetGroups,
  principleGroups: t.principleGroups,
  extra: t.extra,
});

/** Every field of an HTML form as a browser would send it (text inputs, textareas, checked boxes). */
function formFields(html: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const unescape = (x: string) => x.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const add = (k: string, v: string) => {
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  };
  for (const m of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g)) add(m[1], unescape(m[2]));
  for (const m of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = m[1];
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    const value = unescape(/value="([^"]*)"/.exec(attrs)?.[1] ?? '');
    if (!name || name === '_csrf') continue;
    if (/type="checkbox"/.test(attrs)) {
      if (/ checked/.test(attrs)) add(name, value);
    } else add(name, value);
  }
  return out;
}

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
      expect(t.subGoals.every((s) => typeof s.key === 'string' && typeof s.text === 'string')).toBe(true);
      expect(t.subGoals.length).toBeGreaterThan(0);
      expect(Array.isArray(t.principles)).toBe(true);
      expect(Array.isArray(t.targetGroups)).toBe(true);
      expect(Array.isArray(t.districtTasks)).toBe(true);
    }
    expect(themes.flatMap((t) => t.districtTasks.flatMap((d) => d.districts.map((x) => x.code))).every((d) => ['centrum', 'noord', 'oost', 'schalkwijk', 'zuid-west'].includes(d))).toBe(true);
  });

  it('GET /api/v1/themes/<slug> gives principles as { key, text } grouped as in the call; the BUUV group has its nine principles', async () => {
    const t = (await (await new TestClient(app).get('/api/v1/themes/vrijwillige-inzet-en-mantelzorg')).json()) as ThemeJson;
    expect(t.principles.every((p) => /^vrijwillige-inzet-en-mantelzorg\/p\d+$/.test(p.key) && p.text.length > 0)).toBe(true);
    expect(t.principleGroups.every((g) => g.items.length > 0)).toBe(true);
    const buuv = t.principleGroups.find((g) => g.title === '‘Wat werkt-principes BUUV')!;
    expect(buuv.appendix).toBe('Bijlage I');
    expect(buuv.items).toHaveLength(9);
    expect(buuv.items[0]).toMatchObject({ text: 'BUUV is onafhankelijk', description: expect.stringContaining('BUUV is voor en door bewoners.') });
    // The chair per the call, and the lead according to the 2021 report with its source: not "regie" as fact.
    expect(t.chair?.quote).toBe('Om gelijkwaardig samenwerken te borgen is de gemeente voorzitter van de thematafels.');
    expect(t.leads[0]).toMatchObject({ source: '000_25af751e7349c079.txt' });
    expect(t.leads[0].organisations.map((o) => o.name).sort()).toEqual(['DOCK Haarlem', 'Haarlem Effect']);
    expect(t.leads[0].organisations.every((o) => o.id)).toBe(true);
  });

  it('GET /api/v1/accountability-levels gives the four levels with keys; level 4 has its four items', async () => {
    const res = await new TestClient(app).get('/api/v1/accountability-levels');
    expect(res.status).toBe(200);
    const levels = (await res.json()) as { key: string; level: number; text: string; items: Keyed[] }[];
    expect(levels.map((l) => [l.key, l.level])).toEqual([['niveau-1', 1], ['niveau-2', 2], ['niveau-3', 3], ['niveau-4', 4]]);
    expect(levels[3].text).toBe('Niveau 4: het maatschappelijk effect (gemeente):');
    expect(levels[3].items.map((i) => i.key)).toEqual(['niveau-4/1', 'niveau-4/2', 'niveau-4/3', 'niveau-4/4']);
    expect(levels[3].items[3].text).toBe('benchmark met andere gemeenten (via www.waarstaatjegemeente.nl)');
    const criteria = (await (await new TestClient(app).get('/api/v1/quality-criteria')).json()) as Keyed[];
    expect(criteria.map((c) => c.key)).toEqual(['criterium-1', 'criterium-2', 'criterium-3', 'criterium-4', 'criterium-5', 'criterium-6', 'criterium-7']);
    const groups = (await (await new TestClient(app).get('/api/v1/target-groups')).json()) as { key: string; by: string; callGroups: { key: string; themeSlug: string }[] }[];
    expect(groups.find((g) => g.key === 'dementie')!.callGroups.map((c) => c.key).sort()).toEqual(['financien-op-orde/d7', 'ontmoeten/d4']);
    expect(groups.every((g) => g.by === 'platform')).toBe(true);
    const reports = (await (await new TestClient(app).get('/api/v1/reports')).json()) as { source: string; content: { societalGoals: unknown[]; goalThemeMappingBy: string } }[];
    expect(reports[0]).toMatchObject({ source: '000_25af751e7349c079.txt', content: { goalThemeMappingBy: 'platform' } });
    expect(reports[0].content.societalGoals).toHaveLength(7);
    const pass = (await (await new TestClient(app).get('/api/v1/pass')).json()) as { name: string; descriptionBy: string };
    expect(pass).toMatchObject({ name: 'HaarlemPas', descriptionBy: 'platform' });
  });

  it('shows the source’s headings and notes, the chair, the lead with its source, and §3–§6 on the pages', async () => {
    const c = new TestClient(app);
    const werk = await (await c.get('/themas/waardevol-werk')).text();
    expect(werk).toContain('Oost/Schalkwijk:');
    expect(werk).toContain('lassen, houtbewerking, wijkbedrijf. (gaat over: Schalkwijk)');
    expect(werk).toContain('de gemeente, volgens de uitvraag (§3)');
    expect(werk).toContain('Regie volgens het rapport ‘Samen sterker in de sociale basis in Haarlem (2020)’');
    expect(werk).toContain('Het is nog onvoldoende duidelijk wat dit in de praktijk betekent.');
    const geld = await (await c.get('/themas/financien-op-orde')).text();
    expect(geld).toContain('<h3 class="utrecht-heading-3">Potentiele risicogroepen:</h3>');
    expect(geld).toContain('<p class="utrecht-paragraph">Middeninkomens vormen een nieuwe potentiële risicogroep.</p>');
    expect(geld).toContain('De theorie van schaarste');
    const redzaam = await (await c.get('/themas/redzaam-in-en-om-het-huis')).text();
    expect(redzaam).toContain('<h3 class="utrecht-heading-3">Algemeen:</h3>');
    expect(redzaam).toContain('<h3 class="utrecht-heading-3">Specifiek:</h3>');
    const kader = await (await c.get('/kader')).text();
    for (const text of ['3. Hoe komen we daar?', 'Brugfunctie', 'Fysieke en sociale toegankelijkheid', 'Role based access', 'Social Return on Investment (SROI)', 'benchmark met andere gemeenten', 'Samenvatting van het platform', 'Koppeling aan een thema: indeling van het platform']) {
      expect(kader, text).toContain(text);
    }
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
    const content = { ...contentOf(before), subGoalGroups: before.subGoalGroups.map((g, i) => ({ title: g.title, subGoals: i === 0 ? [...g.subGoals, { key: 'ontmoeten/99', text: 'Een nieuw subdoel.' }] : g.subGoals })) };
    const res = await advisor.json('/api/v1/themes/ontmoeten', 'PUT', { content, changeNote: 'Subdoel toegevoegd', baseVersion: before.version });
    expect(res.status).toBe(200);
    const after = (await res.json()) as ThemeJson;
    expect(after.version).toBe(before.version + 1);
    expect(after.subGoals.map((x) => x.text)).toContain('Een nieuw subdoel.');
    const old = (await (await advisor.get(`/api/v1/themes/ontmoeten?version=${before.version}`)).json()) as ThemeJson;
    expect(old.subGoals.map((x) => x.text)).not.toContain('Een nieuw subdoel.');
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
    const fields = { ...formFields(form), baseVersion, mainGoal: '', changeNote: '' };
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
    // A form round trip keeps every principle, target group and district task with its key and heading.
    const before = (await (await advisor.get('/api/v1/themes/waardevol-werk?version=1')).json()) as ThemeJson;
    const saved = (await (await advisor.get('/api/v1/themes/waardevol-werk')).json()) as ThemeJson;
    expect(saved.principleGroups).toEqual(before.principleGroups);
    expect(saved.targetGroups).toEqual(before.targetGroups);
    expect(saved.districtTasks).toEqual(before.districtTasks);
  });

  it('keeps a principle’s key when its text is reworded through the form, and rejects an unknown target-group code', async () => {
    const advisor = await clientAs(app, db, ['policy_advisor']);
    const fields = formFields(await (await advisor.get('/themas/ontmoeten/bewerken')).text());
    const reworded = await advisor.postForm('/themas/ontmoeten/bewerken', { ...fields, 'pi.ontmoeten/p3': 'Mensen met beperkte sociale vaardigheden ondersteunen (herschreven).', changeNote: 'Principe herschreven' });
    expect(reworded.status).toBe(303);
    const t = (await (await advisor.get('/api/v1/themes/ontmoeten')).json()) as ThemeJson;
    expect(t.principles.find((p) => p.key === 'ontmoeten/p3')?.text).toBe('Mensen met beperkte sociale vaardigheden ondersteunen (herschreven).');
    const again = formFields(await (await advisor.get('/themas/ontmoeten/bewerken')).text());
    const bad = await advisor.postForm('/themas/ontmoeten/bewerken', { ...again, 'tgs.0.items': 'Laaggeletterden [maanbewoners]', changeNote: 'Fout' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Een doelgroep staat niet in de lijst van het platform.');
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
    expect(now.map((t) => t.principles)).toEqual(old.map((t) => t.principles));
    // Editing the new period leaves the old period's text alone.
    const t = now.find((x) => x.slug === 'ontmoeten')!;
    const edited = await advisor.json('/api/v1/themes/ontmoeten', 'PUT', {
      content: { ...contentOf(t), mainGoal: 'Hoofddoel voor de nieuwe periode.' },
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
