// The result at outflow in figures: of the trajectories ENDED in a year, the share with goals reached, partly reached
// and not reached, and the average change per life domain (end − start, over the trajectories scored at both), per
// theme and per theme × district. Cells with fewer than 5 trajectories are suppressed ("< 5") for everyone but the
// organisation that registered all of them (`disclose`, the one place of the small-cell rule in this part).
import { and, eq, gte, lte, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsTrajectories, effectsTrajectoryScores } from './schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { forbidden, parseChecked } from '../../platform/http/errors.ts';
import { readsRegisterFigures } from './policy.ts';

export const SMALL_CELL = 5;

/**
 * The small-cell rule for this part: a count under 5 is shown exactly only to staff of the one organisation that
 * registered every record in the cell. (To be switched to reach's disclosure.ts when it lands.)
 */
export function disclose(actor: Actor | null, n: number, organisationIds: Set<string>): number | null {
  if (n >= SMALL_CELL || n === 0) return n;
  const [only] = [...organisationIds];
  const own = organisationIds.size === 1 && !!actor?.organisationId && actor.organisationId === only && hasRole(actor, 'partner_staff');
  return own ? n : null;
}

export const outflowFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  theme: z.string().trim().max(60).optional(),
  district: z.string().trim().max(40).optional(),
  organisation: z.uuid().optional(),
});
export type OutflowFilters = z.input<typeof outflowFilters>;

export interface DomainChange {
  domainKey: string;
  /** Trajectories scored at start and end (null: suppressed). */
  n: number | null;
  averageChange: number | null;
}

export interface OutflowCell {
  themeSlug: string | null;
  districtCode: string | null;
  /** Null: fewer than 5, not shown to this reader. */
  ended: number | null;
  reached: number | null;
  partly: number | null;
  not: number | null;
  shareReached: number | null;
  sharePartly: number | null;
  shareNot: number | null;
  suppressed: boolean;
  domains: DomainChange[];
}

export interface OutflowReport {
  year: number;
  theme: string | null;
  district: string | null;
  total: OutflowCell;
  byTheme: OutflowCell[];
  byThemeDistrict: OutflowCell[];
}

interface Row {
  organisationId: string;
  themeSlug: string;
  districtCode: string | null;
  result: string | null;
  changes: Map<string, number>;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function cell(actor: Actor | null, rows: Row[], themeSlug: string | null, districtCode: string | null): OutflowCell {
  const orgs = new Set(rows.map((r) => r.organisationId));
  const ended = disclose(actor, rows.length, orgs);
  const suppressed = ended === null;
  const count = (res: string) => rows.filter((r) => r.result === res).length;
  const share = (res: string) => (suppressed || rows.length === 0 ? null : round(count(res) / rows.length, 4));
  const domainKeys = [...new Set(rows.flatMap((r) => [...r.changes.keys()]))].sort();
  const domains = domainKeys.map((domainKey) => {
    const scored = rows.filter((r) => r.changes.has(domainKey));
    const n = disclose(actor, scored.length, new Set(scored.map((r) => r.organisationId)));
    const avg = n === null || scored.length === 0 ? null : round(scored.reduce((s, r) => s + r.changes.get(domainKey)!, 0) / scored.length);
    return { domainKey, n, averageChange: avg };
  });
  return {
    themeSlug,
    districtCode,
    ended,
    reached: suppressed ? null : count('reached'),
    partly: suppressed ? null : count('partly'),
    not: suppressed ? null : count('not'),
    shareReached: share('reached'),
    sharePartly: share('partly'),
    shareNot: share('not'),
    suppressed,
    domains,
  };
}

export async function outflowReport(ctx: ServiceContext, raw: OutflowFilters): Promise<OutflowReport> {
  const actor = requireActor(ctx);
  if (!readsRegisterFigures(actor)) throw forbidden();
  const f = await parseChecked(outflowFilters, raw, () => []);
  const where: SQL[] = [eq(effectsTrajectories.tenantId, ctx.tenant), isNotNull(effectsTrajectories.endDate), gte(effectsTrajectories.endDate, `${f.year}-01-01`), lte(effectsTrajectories.endDate, `${f.year}-12-31`)];
  if (f.theme) where.push(eq(effectsTrajectories.themeSlug, f.theme));
  if (f.district) where.push(eq(effectsTrajectories.districtCode, f.district));
  if (f.organisation) where.push(eq(effectsTrajectories.organisationId, f.organisation));
  const trajectories = await ctx.db
    .select({ id: effectsTrajectories.id, organisationId: effectsTrajectories.organisationId, themeSlug: effectsTrajectories.themeSlug, districtCode: effectsTrajectories.districtCode, result: effectsTrajectories.result })
    .from(effectsTrajectories)
    .where(and(...where));
  const changes = new Map<string, Map<string, number>>();
  const ids = trajectories.map((t) => t.id);
  for (let i = 0; i < ids.length; i += 1000) {
    const scores = await ctx.db
      .select()
      .from(effectsTrajectoryScores)
      .where(and(eq(effectsTrajectoryScores.tenantId, ctx.tenant), inArray(effectsTrajectoryScores.trajectoryId, ids.slice(i, i + 1000)), isNotNull(effectsTrajectoryScores.startScore), isNotNull(effectsTrajectoryScores.endScore)));
    for (const s of scores) {
      const m = changes.get(s.trajectoryId) ?? new Map<string, number>();
      m.set(s.domainKey, s.endScore! - s.startScore!);
      changes.set(s.trajectoryId, m);
    }
  }
  const rows: Row[] = trajectories.map((t) => ({ ...t, changes: changes.get(t.id) ?? new Map() }));
  const themes = [...new Set(rows.map((r) => r.themeSlug))].sort();
  const byTheme = themes.map((th) => cell(actor, rows.filter((r) => r.themeSlug === th), th, null));
  const byThemeDistrict = themes.flatMap((th) => {
    const ofTheme = rows.filter((r) => r.themeSlug === th);
    const districts = [...new Set(ofTheme.map((r) => r.districtCode ?? ''))].sort();
    return districts.map((d) => cell(actor, ofTheme.filter((r) => (r.districtCode ?? '') === d), th, d || null));
  });
  return { year: f.year, theme: f.theme ?? null, district: f.district ?? null, total: cell(actor, rows, null, null), byTheme, byThemeDistrict };
}
