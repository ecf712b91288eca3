// Reference data of a municipality (not demo): the CBS key figures per wijk as indicators with their values, the
// figures quoted in the municipality's source documents (seed/<dir>/indicators.json, each value with its quote),
// and the wijk boundaries for the maps. Idempotent: existing indicators are left as edited; values are replaced
// only when they differ.
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { listNeighbourhoods, loadAreaBoundaries, readCbsAreaCsv, type CbsArea } from '../framework/service.ts';
import { indicators } from './schema.ts';
import { insertIndicator } from './definitions.ts';
import { writeIndicatorValues, type RawValue } from './values.ts';
import { cbsKeyFigures } from './cbs-figures.ts';

export { cbsKeyFigures };

const seedRoot = path.resolve(import.meta.dirname, '../../../seed');

export const documentFiguresSchema = z.object({
  document: z.string(),
  title: z.string(),
  note: z.string(),
  indicators: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      unit: z.string(),
      direction: z.enum(['up', 'down']),
      context: z.boolean(),
      areaLevels: z.array(z.enum(['gemeente', 'district', 'wijk', 'buurt'])),
      themeSlugs: z.array(z.string()),
      subGoalKeys: z.array(z.string()),
      source: z.string(),
      description: z.string(),
      values: z.array(z.object({ area: z.string(), areaName: z.string().optional(), period: z.string(), value: z.number(), quote: z.string() })),
    }),
  ),
});
export type DocumentFigures = z.infer<typeof documentFiguresSchema>;

export function readDocumentFigures(municipalityDir: string): DocumentFigures | null {
  const file = path.join(seedRoot, municipalityDir, 'indicators.json');
  return fs.existsSync(file) ? documentFiguresSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))) : null;
}

/** The CBS file of a municipality's seed folder (wijken), if there is one. */
function cbsFiles(municipalityDir: string): { csv: string; geojson: string | null } | null {
  const dir = path.join(seedRoot, municipalityDir, 'cbs');
  if (!fs.existsSync(dir)) return null;
  const csv = fs.readdirSync(dir).find((f) => /^wijken_.*\.csv$/.test(f));
  if (!csv) return null;
  const geojson = csv.replace(/\.csv$/, '.geojson');
  return { csv: path.join(dir, csv), geojson: fs.existsSync(path.join(dir, geojson)) ? path.join(dir, geojson) : null };
}

const cbsSource = (year: number | null) => cbsKeyFigures.source.replace('{year}', String(year ?? '')).replace(/, $/, '');

/** The indicator definitions of the CBS key figures and the rows of their values, for the given areas. */
export function cbsRows(areas: CbsArea[], known: Set<string>): RawValue[] {
  const rows: RawValue[] = [];
  for (const a of areas) {
    if (!known.has(a.code) || !a.year) continue;
    for (const c of cbsKeyFigures.columns) {
      const value = a.figures[c.column];
      if (value === undefined) continue;
      rows.push({ row: a.line, indicator: c.key, area: a.code, period: String(a.year), value, source: cbsSource(a.year), columns: { indicator: c.column, area: a.kind === 'buurt' ? 'buurtcode' : 'wijkcode', period: 'jaar', value: c.column } });
    }
  }
  return rows;
}

export async function seedIndicators(ctx: ServiceContext, opts: { municipalityDir: string }): Promise<string[]> {
  requireSystem(ctx);
  const report: string[] = [];
  const files = cbsFiles(opts.municipalityDir);
  const figures = readDocumentFigures(opts.municipalityDir);
  const cbs = files ? readCbsAreaCsv(files.csv, ctx.tenant) : null;
  const year = cbs?.areas.find((a) => a.year)?.year ?? null;

  // Definitions: created when missing (a later edit by a policy advisor is kept).
  const added = await inTransaction(ctx, async (tx) => {
    const existing = new Set((await tx.db.select({ key: indicators.key }).from(indicators).where(eq(indicators.tenantId, tx.tenant))).map((r) => r.key));
    let n = 0;
    let position = 0;
    if (cbs) {
      for (const c of cbsKeyFigures.columns) {
        position++;
        if (existing.has(c.key)) continue;
        await insertIndicator(tx, c.key, { name: c.name, description: c.description ?? null, source: cbsSource(year), unit: c.unit, direction: 'up', context: true, areaLevels: ['gemeente', 'wijk', 'buurt'], themeSlugs: c.themeSlugs, subGoalKeys: c.subGoalKeys }, `CBS-kolom ${c.column}`, position);
        n++;
      }
    }
    for (const d of figures?.indicators ?? []) {
      position++;
      if (existing.has(d.key)) continue;
      await insertIndicator(tx, d.key, { name: d.name, description: d.description, source: d.source, unit: d.unit, direction: d.direction, context: d.context, areaLevels: d.areaLevels, themeSlugs: d.themeSlugs, subGoalKeys: d.subGoalKeys }, `Uit ${figures!.title}`, position);
      n++;
    }
    return n;
  });
  if (added) report.push(`${added} indicators`);

  const rows: RawValue[] = [];
  if (cbs) {
    const known = new Set((await listNeighbourhoods(ctx)).map((n) => n.code));
    rows.push(...cbsRows(cbs.areas, known));
  }
  let line = 0;
  for (const d of figures?.indicators ?? [])
    for (const v of d.values) rows.push({ row: ++line, indicator: d.key, area: v.area, areaName: v.areaName, period: v.period, value: v.value, columns: { indicator: 'key', area: 'area', period: 'period', value: 'value' } });
  if (rows.length) {
    const r = await writeIndicatorValues(ctx, rows, { origin: 'seed', benchmarkFile: false });
    if (r.status !== 'imported') throw new Error(`indicators seed: ${JSON.stringify(r.fileError ?? r.errors.slice(0, 5))}`);
    if (r.added || r.replaced) report.push(`${r.added + r.replaced} indicator values`);
  }
  if (files?.geojson) {
    const b = await loadAreaBoundaries(ctx, { fileName: path.basename(files.geojson), text: fs.readFileSync(files.geojson, 'utf8') });
    if (b.boundaries > b.unchanged) report.push(`${b.boundaries - b.unchanged} area boundaries`);
  }
  return report;
}

