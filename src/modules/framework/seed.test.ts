// The loaded framework must match the source document: seven themes, main goals verbatim, every sub-goal present.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import { listThemes, listDistricts, listNeighbourhoods, getPeriod } from './service.ts';
import { readFrameworkSeed } from './seed.ts';

/** The call document, normalised the way the seed was transcribed: tags and bullet markers gone, whitespace collapsed. */
function normalisedCall(): string {
  const candidates = [path.resolve(import.meta.dirname, '../../../../shared/seeds/004_78bc74f9b2dccad3.txt'), path.resolve(import.meta.dirname, '../../../seed/haarlem/sources/004_78bc74f9b2dccad3.txt')];
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new Error('seed document 004 not found');
  return norm(fs.readFileSync(file, 'utf8'));
}
const norm = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\*/g, '')
    .replace(/(^|\s)[-o•](?=\s)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

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
      for (const p of t.principleGroups.flatMap((g) => g.items)) expect(call).toContain(norm(p));
      for (const g of t.targetGroups) expect(call).toContain(norm(g));
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

  it('has the period-wide framework: seven societal goals, three welfare roles, four levels, seven criteria', async () => {
    const p = await getPeriod(ctxFor(db));
    expect(p.code).toBe('2020-2023');
    expect(p.content.societalGoals.map((g) => g.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(p.content.welfareRoles).toHaveLength(3);
    expect(p.content.accountabilityLevels.map((l) => l.level)).toEqual([1, 2, 3, 4]);
    expect(p.content.qualityCriteria).toHaveLength(7);
  });

  it('is safe to run twice: nothing is duplicated', async () => {
    await seedFramework(db);
    expect(await listThemes(ctxFor(db))).toHaveLength(7);
    expect((await listNeighbourhoods(ctxFor(db))).filter((n) => n.kind === 'wijk')).toHaveLength(21);
  });
});
