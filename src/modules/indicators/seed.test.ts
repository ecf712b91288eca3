// The seed's first real series: every CBS key figure per wijk (the values as in the file), the figures quoted in the
// source documents (each quote is in the document, each value in its quote), and the wijk boundaries. Idempotent.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createTestDatabase, dbKinds, seedFramework, ctxFor, type TestDatabase } from '../../../test/db.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listAreaBoundaries } from '../framework/service.ts';
import { listIndicators, listIndicatorValues } from './service.ts';
import { cbsKeyFigures, readDocumentFigures, seedIndicators } from './seed.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const csv = parse(fs.readFileSync(path.join(root, 'seed/haarlem/cbs/wijken_haarlem_2024.csv'), 'utf8'), { columns: true }) as Record<string, string>[];

describe('the seed data files', () => {
  it('names every numeric CBS column once, and only those', () => {
    const numeric = Object.keys(csv[0]).filter((c) => !['wijkcode', 'wijknaam', 'gemeentecode', 'gemeentenaam', 'indelingswijzigingWijkenEnBuurten', 'water', 'jrstatcode', 'jaar', 'fuuid'].includes(c));
    expect(cbsKeyFigures.columns.map((c) => c.column).sort()).toEqual(numeric.sort());
    expect(new Set(cbsKeyFigures.columns.map((c) => c.key)).size).toBe(numeric.length);
  });
  it('quotes every document figure from its document', () => {
    const figures = readDocumentFigures('haarlem')!;
    const text = fs.readFileSync(path.join(root, 'seed/haarlem/sources', figures.document), 'utf8');
    for (const i of figures.indicators)
      for (const v of i.values) {
        expect(text, v.quote).toContain(v.quote);
        const written = v.value.toLocaleString('nl-NL', { maximumFractionDigits: 1 });
        const inQuote = v.quote.includes(written) || v.quote.includes(`${written}%`) || (v.value === 16.7 && v.quote.includes('1 op de 6')) || (v.value === 20 && v.quote.includes('1 op de 5'));
        expect(inQuote, `${i.key} ${v.value} in "${v.quote}"`).toBe(true);
      }
  });
});

describe.each(dbKinds)('indicators seed (%s)', (kind) => {
  let database: TestDatabase;
  let ctx: ServiceContext;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await seedFramework(database);
    ctx = ctxFor(database);
  }, 120_000);
  afterAll(() => database?.drop());

  it('loads every CBS key figure per wijk with its source', async () => {
    const all = await listIndicators(ctx);
    const cbs = all.filter((i) => i.key.startsWith('cbs-'));
    expect(cbs.length).toBe(37);
    expect(cbs.every((i) => i.source === 'Kadaster / Centraal Bureau voor de Statistiek, 2024' && i.context)).toBe(true);
    for (const c of cbsKeyFigures.columns) {
      const values = await listIndicatorValues(ctx, c.key, { areaLevel: 'wijk' });
      expect(values.length, c.key).toBe(21);
      for (const row of csv) expect(values.find((v) => v.areaCode === row.wijkcode)?.value, `${c.key} ${row.wijkcode}`).toBe(Number(row[c.column]));
    }
    const population = await listIndicatorValues(ctx, 'cbs-aantal-inwoners');
    expect(population.reduce((s, v) => s + v.value, 0)).toBe(167_635);
  });

  it('loads the document figures, benchmarks apart', async () => {
    const seg = await listIndicatorValues(ctx, 'segregatie-index', { benchmarks: true });
    expect(seg.map((v) => [v.areaCode, v.value, v.benchmark])).toEqual([
      ['GM0392', 38, false],
      ['GM0344', 34, true],
      ['GM0363', 34, true],
      ['GM0599', 31, true],
    ]);
    const lonely = await listIndicatorValues(ctx, 'eenzaamheid-volwassenen', { areaCodes: ['schalkwijk'] });
    expect(lonely.map((v) => [v.period, v.value])).toEqual([['2008', 40], ['2016', 55]]);
    expect(lonely[0].source).toMatch(/^Uitvraag subsidies Sociale Basis 2020/);
  });

  it('stores the wijk boundaries and is safe to run again', async () => {
    expect((await listAreaBoundaries(ctx, 'wijk')).size).toBe(21);
    expect(await seedIndicators(ctx, { municipalityDir: 'haarlem' })).toEqual([]);
  });
});
