// The loaded framework must match the source document: seven themes, main goals verbatim, every sub-goal present.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { sql } from 'drizzle-orm';
import { listThemes, listDistricts, listNeighbourhoods, getPeriod, getReport, listTargetGroups, getPass, invalidateFramework } from './service.ts';
import { readFrameworkSeed, type FrameworkSeed } from './seed.ts';
import { frameworkSourceProblems, norm, type SourceTexts } from './source-check.ts';

const seedsDir = [path.resolve(import.meta.dirname, '../../../../shared/seeds'), path.resolve(import.meta.dirname, '../../../seed/haarlem/sources')].find((d) => fs.existsSync(path.join(d, '004_78bc74f9b2dccad3.txt')));
/** The source documents by file name (the call, the 2021 report, the college's letter). */
function sources(): SourceTexts {
  if (!seedsDir) throw new Error('seed document 004 not found');
  return Object.fromEntries(fs.readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).map((f) => [f, fs.readFileSync(path.join(seedsDir, f), 'utf8')]));
}
const normalisedCall = () => norm(sources()['004_78bc74f9b2dccad3.txt']);

describe('framework data against its sources, both directions', () => {
  const seed = readFrameworkSeed();
  const docs = sources();
  const problemsOf = (change: (s: FrameworkSeed) => void) => {
    const copy = structuredClone(seed);
    change(copy);
    return frameworkSourceProblems(copy, docs);
  };
  const theme = (s: FrameworkSeed, slug: string) => s.themes.find((t) => t.slug === slug)!;
  const itemsOf = (g: { items: unknown[] }) => g.items as { text: string }[];

  it('finds every item of the sources in the data and every text of the data in the sources', () => {
    expect(frameworkSourceProblems(seed, docs)).toEqual([]);
  });

  // Each mutation removes or invents one item; the check must notice every one of them.
  const mutations: [string, (s: FrameworkSeed) => void][] = [
    ['a main goal reworded', (s) => (theme(s, 'ontmoeten').mainGoal = 'Haarlemmers voelen zich thuis')],
    ['a sub-goal dropped', (s) => theme(s, 'waardevol-werk').subGoalGroups[0].subGoals.pop()],
    ['a principle dropped', (s) => itemsOf(theme(s, 'ontmoeten').principleGroups[1]).splice(2, 1)],
    ['a BUUV principle dropped', (s) => itemsOf(theme(s, 'vrijwillige-inzet-en-mantelzorg').principleGroups.at(-1)!).pop()],
    ['the theory of scarcity dropped', (s) => theme(s, 'financien-op-orde').principleGroups.splice(1, 1)],
    ['a principle invented', (s) => itemsOf(theme(s, 'ontmoeten').principleGroups[0]).push({ text: 'Samen koffie drinken werkt altijd.' })],
    ['a target group dropped', (s) => itemsOf(theme(s, 'financien-op-orde').targetGroups[0]).pop()],
    ['a target-group sub-heading dropped', (s) => (theme(s, 'redzaam-in-en-om-het-huis').targetGroups[1].heading = null)],
    ['a target-group note dropped', (s) => (theme(s, 'financien-op-orde').targetGroups[0].note = null)],
    ['a district task dropped', (s) => theme(s, 'ontmoeten').districtTasks[2].tasks.pop()],
    ['a combined heading filed under one district', (s) => (theme(s, 'waardevol-werk').districtTasks[0].districts = ['oost'])],
    ['a district task invented', (s) => theme(s, 'gezonde-leefstijl').districtTasks[1].tasks.push('Meer fietsenstallingen in Oost.')],
    ['a quality criterion dropped', (s) => s.call.qualityCriteria.pop()],
    ['an accountability item dropped', (s) => s.call.accountabilityLevels[3].items.pop()],
    ['a privacy principle of §5 dropped', (s) => (s.call.sections[2].parts!.at(-1)!.blocks[1] as { items: unknown[] }).items.pop()],
    ['one of §4’s three functions dropped', (s) => (s.call.sections[1].blocks.at(-1) as { items: unknown[] }).items.pop()],
    ['a paragraph of §3 dropped', (s) => s.call.sections[0].blocks.splice(1, 1)],
    ['a societal goal reworded', (s) => (s.report!.societalGoals[0].text = 'Haarlemmers voelen zich verbonden')],
  ];
  it.each(mutations)('fails when %s', (_name, change) => {
    expect(problemsOf(change).length).toBeGreaterThan(0);
  });

  it('labels what is the platform’s own: goal → theme mapping, welfare-role descriptions, the target-group list and its mapping, the pass description', () => {
    expect(seed.report!.goalThemeMappingBy).toBe('platform');
    expect(seed.report!.welfareRoles.every((r) => r.descriptionBy === 'platform')).toBe(true);
    expect(seed.targetGroupList.by).toBe('platform');
    expect(seed.pass!.descriptionBy).toBe('platform');
  });

  it('marks inferred organisation types as unconfirmed; BUUV has paid staff, so it is no volunteer organisation', () => {
    const buuv = seed.organisations.find((o) => o.name === 'BUUV')!;
    expect(buuv.type).not.toBe('volunteer-organisation');
    expect(buuv.typeConfirmed).toBe(false);
    expect(seed.organisations.filter((o) => o.type === 'volunteer-organisation').every((o) => !o.typeConfirmed)).toBe(true);
  });
});

describe.each(dbKinds)('framework seed (%s)', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
  });
  afterAll(() => db?.drop());

  it('has the seven themes of the call with their main goals verbatim and every sub-goal', async () => {
    const call = normalisedCall();
    const themes = await listThemes(ctxFor(db));
    expect(themes.map((t) => t.name)).toEqual([
      'Redzaam in en om het huis',
      'Waardevol Werk',
      'Financiën op Orde',
      'Opvoeden en Opgroeien',
      'Ontmoeten',
      'Gezonde Leefstijl',
      'Vrijwillige Inzet en Mantelzorg',
    ]);
    for (const t of themes) {
      expect(call).toContain(`Thema ${t.name}`);
      expect(call, `main goal of ${t.name}`).toContain(norm(t.mainGoal));
      const subGoals = t.subGoalGroups.flatMap((g) => g.subGoals);
      expect(subGoals.length, t.name).toBeGreaterThan(0);
      for (const s of subGoals) expect(call, `sub-goal of ${t.name}`).toContain(norm(s.text));
      for (const p of t.principleGroups.flatMap((g) => g.items)) expect(call).toContain(norm(p.text));
      for (const g of t.targetGroups.flatMap((x) => x.items)) expect(call).toContain(norm(g.text));
    }
    // The call groups the sub-goals of "Opvoeden en Opgroeien" by age group.
    const opvoeden = themes.find((t) => t.slug === 'opvoeden-en-opgroeien')!;
    expect(opvoeden.subGoalGroups.length).toBe(2);
    expect(opvoeden.subGoalGroups.every((g) => g.title)).toBe(true);
  });

  it('loads every sub-goal of the seed file, with stable keys', async () => {
    const seed = readFrameworkSeed();
    const themes = await listThemes(ctxFor(db));
    for (const s of seed.themes) {
      const t = themes.find((x) => x.slug === s.slug)!;
      expect(t.subGoalGroups.flatMap((g) => g.subGoals.map((x) => x.text))).toEqual(s.subGoalGroups.flatMap((g) => g.subGoals));
      expect(t.subGoalGroups.flatMap((g) => g.subGoals.map((x) => x.key))[0]).toBe(`${s.slug}/1`);
    }
  });

  it('has the 21 CBS wijken in five districts, and buurten under their wijk', async () => {
    const ctx = ctxFor(db);
    const districts = await listDistricts(ctx);
    expect(districts.map((d) => d.name)).toEqual(['Centrum', 'Noord', 'Oost', 'Schalkwijk', 'Zuid-West']);
    const wijken = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'wijk');
    expect(wijken.map((w) => w.code)).toEqual(Array.from({ length: 21 }, (_, i) => `WK0392${String(i + 1).padStart(2, '0')}`));
    expect(wijken.reduce((sum, w) => sum + (w.population ?? 0), 0)).toBe(167635);
    const buurten = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'buurt');
    expect(buurten.find((b) => b.name === 'Rozenprieel')?.parentCode).toMatch(/^WK0392\d\d$/);
    expect(buurten.every((b) => b.districtCode)).toBe(true);
  });

  it('has the call’s keyed levels and criteria, and the 2021 report apart from the call period', async () => {
    const ctx = ctxFor(db);
    const p = await getPeriod(ctx);
    expect(p.code).toBe('2020-2023');
    expect(p.content.accountabilityLevels.map((l) => [l.key, l.items.length])).toEqual([['niveau-1', 0], ['niveau-2', 0], ['niveau-3', 0], ['niveau-4', 4]]);
    expect(p.content.qualityCriteria.map((q) => q.key)).toEqual(Array.from({ length: 7 }, (_, i) => `criterium-${i + 1}`));
    expect(p.content).not.toHaveProperty('societalGoals');
    const report = (await getReport(ctx))!;
    expect(report.source).toBe('000_25af751e7349c079.txt');
    expect(report.content.societalGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(report.content.welfareRoles).toHaveLength(3);
    // Leads are stored by organisation id; the report's names stay as its wording.
    expect(report.content.themeLeads.every((l) => l.organisationIds?.length === l.organisations.length && l.organisationIds.every(Boolean))).toBe(true);
    expect((await listTargetGroups(ctx)).map((g) => g.key)).toContain('ouderen');
    expect((await getPass(ctx))?.name).toBe('HaarlemPas');
  });

  it('stores principles with stable keys; every group has items; the BUUV appendix has its nine principles', async () => {
    const themes = await listThemes(ctxFor(db));
    for (const t of themes) {
      expect(t.principleGroups.every((g) => g.items.length > 0), t.slug).toBe(true);
      expect(t.principleGroups.flatMap((g) => g.items).every((i) => i.key.startsWith(`${t.slug}/p`))).toBe(true);
    }
    const buuv = themes.find((t) => t.slug === 'vrijwillige-inzet-en-mantelzorg')!.principleGroups.find((g) => g.appendix === 'Bijlage I')!;
    expect(buuv.items.map((i) => i.text)).toEqual([
      'BUUV is onafhankelijk',
      'Gaat uit van een gelijkwaardige relatie tussen bewoners',
      'Iedereen heeft iets te bieden',
      'Digitaal mét fysieke ondersteuning voor kwetsbare bewoners',
      'Laagdrempelig met vrijheid voor bewoners',
      "Communicatie met 'lichte toon', geen nadruk op zorg of hulp",
      'Stadsbreed en voor alle bewoners beschikbaar',
      'Samenwerking in het sociaal domein',
      'Kansen voor de toekomst',
    ]);
    const werk = themes.find((t) => t.slug === 'waardevol-werk')!;
    expect(werk.districtTasks[0]).toMatchObject({ heading: 'Oost/Schalkwijk:', districts: ['oost', 'schalkwijk'] });
    expect(werk.districtTasks[0].tasks.find((x) => x.text.includes('stoere'))?.districts).toEqual(['schalkwijk']);
  });

  it('upgrades a database loaded before terms had keys: unedited themes get the full transcription as a new version', async () => {
    const old = {
      name: 'Ontmoeten',
      mainGoal: 'Haarlemmers ervaren sociale verbondenheid en betrokkenheid',
      subGoalGroups: [{ title: null, subGoals: [{ key: 'ontmoeten/1', text: 'Sociale netwerken versterken' }] }],
      background: [],
      districtTasks: [{ district: 'oost', tasks: ['Een oude opgave.'] }],
      targetGroups: ['Laaggeletterden'],
      principleGroups: [{ title: null, intro: 'Alleen een inleiding.', items: [] }],
      extra: [],
      leads: ['DOCK Haarlem'],
    };
    await db.db.execute(sql`update theme_versions v set content = ${JSON.stringify(old)}::jsonb from themes t where t.id = v.theme_id and t.slug = 'ontmoeten'`);
    await db.db.execute(sql`update call_periods set content = ${JSON.stringify({ societalGoals: [], welfareRoles: [], driehoek: null, accountabilityLevels: [{ level: 1, text: 'Niveau 1' }], qualityCriteria: ['Een criterium'] })}::jsonb`);
    invalidateFramework(ctxFor(db));
    // Read in today's shape before the upgrade (keys by position) ...
    const before = (await listThemes(ctxFor(db))).find((t) => t.slug === 'ontmoeten')!;
    expect(before.targetGroups[0].items[0]).toEqual({ key: 'ontmoeten/d1', text: 'Laaggeletterden', groups: [] });
    expect((await getPeriod(ctxFor(db))).content.qualityCriteria).toEqual([{ key: 'criterium-1', text: 'Een criterium' }]);
    // ... and upgraded by the seed: a new version, history kept.
    await seedFramework(db);
    const after = (await listThemes(ctxFor(db))).find((t) => t.slug === 'ontmoeten')!;
    expect(after.version).toBe(before.version + 1);
    expect(after.principleGroups.flatMap((g) => g.items).length).toBeGreaterThan(20);
    expect((await getPeriod(ctxFor(db))).content.qualityCriteria).toHaveLength(7);
    // Seeding again adds no further version.
    const edited = (await listThemes(ctxFor(db))).find((t) => t.slug === 'ontmoeten')!;
    await seedFramework(db);
    expect((await listThemes(ctxFor(db))).find((t) => t.slug === 'ontmoeten')!.version).toBe(edited.version);
  });

  it('is safe to run twice: nothing is duplicated', async () => {
    await seedFramework(db);
    expect(await listThemes(ctxFor(db))).toHaveLength(7);
    expect((await listNeighbourhoods(ctxFor(db))).filter((n) => n.kind === 'wijk')).toHaveLength(21);
  });
});
