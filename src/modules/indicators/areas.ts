// The areas indicator values belong to: the municipality itself (GM…), its districts (their codes in the
// framework, e.g. `schalkwijk`), wijken (WK…) and buurten (BU…, or the framework's own buurt codes); and the
// areas of other municipalities (CBS codes with another municipality's number), whose values are benchmarks.
import { eq } from 'drizzle-orm';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { listDistricts, listNeighbourhoods } from '../framework/service.ts';
import type { AreaLevel } from './schema.ts';

export interface KnownArea {
  code: string;
  name: string;
  level: AreaLevel;
  /** For a wijk or buurt: the district it lies in; for a buurt: its wijk. */
  districtCode: string | null;
  wijkCode: string | null;
}

/** The municipality's own areas by code. */
export async function ownAreas(ctx: ServiceContext): Promise<Map<string, KnownArea>> {
  const [[m], districts, neighbourhoods] = await sideBySide(ctx, [
    () => ctx.db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, ctx.tenant)),
    () => listDistricts(ctx),
    () => listNeighbourhoods(ctx),
  ] as const);
  const out = new Map<string, KnownArea>();
  out.set(ctx.tenant, { code: ctx.tenant, name: m?.name ?? ctx.tenant, level: 'gemeente', districtCode: null, wijkCode: null });
  for (const d of districts) out.set(d.code, { code: d.code, name: d.name, level: 'district', districtCode: null, wijkCode: null });
  for (const n of neighbourhoods) out.set(n.code, { code: n.code, name: n.name, level: n.kind, districtCode: n.districtCode, wijkCode: n.kind === 'buurt' ? n.parentCode : null });
  return out;
}

/** The CBS level of a code by its form (GM + 4, WK + 6, BU + 8 digits), or null. */
export function cbsLevel(code: string): 'gemeente' | 'wijk' | 'buurt' | null {
  if (/^GM\d{4}$/.test(code)) return 'gemeente';
  if (/^WK\d{6}$/.test(code)) return 'wijk';
  if (/^BU\d{8}$/.test(code)) return 'buurt';
  return null;
}

/** The municipality (GM code) a CBS area code belongs to. */
export const municipalityOf = (code: string) => `GM${code.slice(2, 6)}`;

export type AreaResolution =
  | { kind: 'own'; area: KnownArea }
  | { kind: 'benchmark'; level: 'gemeente' | 'wijk' | 'buurt'; municipality: string }
  | { kind: 'unknown-own'; level: 'gemeente' | 'wijk' | 'buurt' }
  | { kind: 'invalid' };

/**
 * What a code in a file or request is: one of the municipality's areas; a CBS code of another municipality
 * (a benchmark); a CBS code of this municipality that it does not know (an error: load the areas first); or no
 * area code at all.
 */
export function resolveArea(code: string, own: Map<string, KnownArea>, tenant: string): AreaResolution {
  const area = own.get(code);
  if (area) return { kind: 'own', area };
  const level = cbsLevel(code);
  if (!level) return { kind: 'invalid' };
  if (municipalityOf(code) === tenant) return { kind: 'unknown-own', level };
  return { kind: 'benchmark', level, municipality: municipalityOf(code) };
}
