// Loads a municipality's wijken or buurten from a CBS area file (CSV, optionally with the GeoJSON of the same
// areas) into ctx.tenant. Used by `sociale-basis tenant load-areas`.
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { neighbourhoods } from './schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { invalidateFramework } from './service.ts';
import { parseCbsAreaGeojson, readCbsAreaCsv, readCbsAreaGeojson, type AreaBoundary, type CbsArea } from './cbs-areas.ts';
import { requireMunicipality } from './tenant-load.ts';
import { SetupError } from './setup-error.ts';

export interface LoadAreasInput {
  /** CBS area CSV: the wijken layer (wijkcode, wijknaam, …) or the buurten layer (buurtcode, buurtnaam, wijkcode, …). */
  csvFile: string;
  /** GeoJSON FeatureCollection of the same areas; their boundaries are stored. */
  geojsonFile?: string;
}

export interface LoadAreasResult {
  kind: 'wijk' | 'buurt';
  added: number;
  updated: number;
  unchanged: number;
  /** Rows left out because they describe water only (water = JA). */
  skippedWater: number;
  boundaries: number;
}

const sourceOf = (a: CbsArea) => (a.year ? `Kadaster / CBS, ${a.year}` : 'Kadaster / CBS');

/**
 * Adds the file's areas to ctx.tenant and updates those that exist (by code): name, population, source and, with
 * a GeoJSON file, boundary. The wijk → district mapping is left alone (municipal data, see /beheer/wijken).
 * Buurten are placed under their wijk, which must exist (load the wijken first). All or nothing; safe to repeat.
 * Administrators only; audited.
 */
export async function loadAreas(ctx: ServiceContext, input: LoadAreasInput, onProgress?: (done: number, total: number) => void): Promise<LoadAreasResult> {
  requireRole(ctx, 'administrator');
  await requireMunicipality(ctx);
  const { areas, skippedWater } = readCbsAreaCsv(input.csvFile, ctx.tenant);
  const boundaries = input.geojsonFile ? readCbsAreaGeojson(input.geojsonFile, areas) : new Map<string, AreaBoundary>();
  const kind = areas[0]?.kind ?? 'wijk';
  const file = path.basename(input.csvFile);

  const result = await inTransaction(ctx, async (tx) => {
    const existing = new Map((await tx.db.select().from(neighbourhoods).where(eq(neighbourhoods.tenantId, tx.tenant))).map((n) => [n.code, n]));
    const problems: string[] = [];
    for (const a of areas) {
      const other = existing.get(a.code);
      if (other && other.kind !== a.kind) problems.push(`regel ${a.line}: ${a.code} bestaat al als ${other.kind}`);
      if (a.kind === 'buurt' && existing.get(a.wijkCode)?.kind !== 'wijk') problems.push(`regel ${a.line}, kolom wijkcode: wijk ${a.wijkCode} bestaat nog niet; laad eerst het wijkenbestand`);
    }
    if (problems.length) throw new SetupError(`${file} past niet bij de gebieden van ${tx.tenant}; er is niets geladen.`, problems);

    const r: LoadAreasResult = { kind, added: 0, updated: 0, unchanged: 0, skippedWater, boundaries: boundaries.size };
    for (const [i, a] of areas.entries()) {
      const boundary = boundaries.get(a.code);
      const parentId = a.kind === 'buurt' ? existing.get(a.wijkCode)!.id : null;
      const row = existing.get(a.code);
      if (!row) {
        await tx.db.insert(neighbourhoods).values({ tenantId: tx.tenant, code: a.code, name: a.name, kind: a.kind, parentId, population: a.population, source: sourceOf(a), boundary: boundary ?? null });
        r.added++;
      } else {
        const next = { name: a.name, population: a.population, source: sourceOf(a), parentId: a.kind === 'buurt' ? parentId : row.parentId, boundary: boundary ?? row.boundary };
        const same = row.name === next.name && row.population === next.population && row.source === next.source && row.parentId === next.parentId && JSON.stringify(row.boundary) === JSON.stringify(next.boundary);
        if (same) r.unchanged++;
        else {
          await tx.db.update(neighbourhoods).set({ ...next, updatedAt: tx.now() }).where(eq(neighbourhoods.id, row.id));
          r.updated++;
        }
      }
      onProgress?.(i + 1, areas.length);
    }
    await recordAudit(tx, { action: 'framework.areas_loaded', subjectType: 'municipality', subjectId: tx.tenant, details: { file, kind, added: r.added, updated: r.updated, boundaries: r.boundaries } });
    return r;
  });
  invalidateFramework(ctx);
  return result;
}

/**
 * Stores the boundaries of a GeoJSON FeatureCollection (CBS wijken or buurten, by `wijkcode` or `buurtcode`,
 * WGS84) on the municipality's areas that exist. Every feature must name an area of ctx.tenant; all or nothing;
 * safe to repeat. Policy advisors and administrators (the CLI and seed: the platform); audited.
 */
export async function loadAreaBoundaries(ctx: ServiceContext, input: { fileName: string; text: string }): Promise<{ kind: 'wijk' | 'buurt'; boundaries: number; unchanged: number }> {
  if (!ctx.system) requireRole(ctx, 'policy_advisor', 'administrator');
  const known = await ctx.db.select().from(neighbourhoods).where(eq(neighbourhoods.tenantId, ctx.tenant));
  const firstProps = (() => {
    try {
      return (JSON.parse(input.text) as { features?: { properties?: Record<string, unknown> }[] }).features?.[0]?.properties ?? {};
    } catch {
      return {};
    }
  })();
  const kind: 'wijk' | 'buurt' = 'buurtcode' in firstProps ? 'buurt' : 'wijk';
  const areas: CbsArea[] = known
    .filter((n) => n.kind === kind)
    .map((n) => ({ kind, code: n.code, name: n.name, wijkCode: n.code, municipalityCode: ctx.tenant, population: n.population, year: null, figures: {}, line: 0 }));
  const boundaries = parseCbsAreaGeojson(input.text, { file: input.fileName, areas: areas.length ? areas : [{ kind, code: '', name: '', wijkCode: '', municipalityCode: ctx.tenant, population: null, year: null, figures: {}, line: 0 }] });
  const byCode = new Map(known.map((n) => [n.code, n]));
  let unchanged = 0;
  await inTransaction(ctx, async (tx) => {
    for (const [code, boundary] of boundaries) {
      const row = byCode.get(code)!;
      if (JSON.stringify(row.boundary) === JSON.stringify(boundary)) unchanged++;
      else await tx.db.update(neighbourhoods).set({ boundary, updatedAt: tx.now() }).where(eq(neighbourhoods.id, row.id));
    }
    await recordAudit(tx, { action: 'framework.areas_loaded', subjectType: 'municipality', subjectId: tx.tenant, details: { file: input.fileName, kind, boundaries: boundaries.size, unchanged } });
  });
  invalidateFramework(ctx);
  return { kind, boundaries: boundaries.size, unchanged };
}

/** The stored boundaries of the municipality's wijken or buurten, by code (areas without one are left out). */
export async function listAreaBoundaries(ctx: ServiceContext, kind: 'wijk' | 'buurt'): Promise<Map<string, AreaBoundary>> {
  const rows = await ctx.db.select({ code: neighbourhoods.code, kind: neighbourhoods.kind, boundary: neighbourhoods.boundary }).from(neighbourhoods).where(eq(neighbourhoods.tenantId, ctx.tenant));
  return new Map(rows.flatMap((r) => (r.kind === kind && r.boundary ? [[r.code, r.boundary] as const] : [])));
}
