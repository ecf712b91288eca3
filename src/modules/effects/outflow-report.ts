// The result at outflow in figures: of the trajectories ENDED in a year, the share with goals reached, partly and not
// reached, and the average change per life domain (end − start, over the trajectories scored at both), per theme and
// per theme × district. The small-cell rule is the reach module's (disclosure.ts): exact figures only for staff of
// the one organisation that registered every trajectory in the report; for everyone else counts of 1–4 are "< 5",
// other counts are rounded to a multiple of 5, and complementary cells are hidden ("x") in the table per theme and
// the table theme × district, so that neither a total minus the other cells nor the difference of two reports (the
// city and the city filtered by a theme or district) gives a suppressed cell. Shares are computed from the disclosed
// counts, averages are rounded to one decimal and withheld with their count.
import { and, eq, gte, lte, inArray, isNotNull, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsTrajectories, effectsTrajectoryScores } from './schema.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { forbidden, parseChecked } from '../../platform/http/errors.ts';
import { discloseColumn, discloseCount, discloseMatrix, isSuppressed, HIDDEN, SMALL_CELL_LIMIT, type Count } from '../reach/service.ts';
import { readsRegisterFigures } from './policy.ts';

export type { Count } from '../reach/service.ts';

/** Exact figures: the reader is staff of the one organisation that registered every trajectory in the report. */
export function seesExactOutflow(actor: Actor | null, organisationIds: Set<string>): boolean {
  const [only] = [...organisationIds];
  return organisationIds.size <= 1 && !!actor?.organisationId && hasRole(actor, 'partner_staff') && (only === undefined || only === actor.organisationId);
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
  /** Trajectories scored at start and end ("< 5" / "x": withheld). */
  n: Count;
  averageChange: number | null;
}

export interface OutflowCell {
  themeSlug: string | null;
  districtCode: string | null;
  /** Ended trajectories: exact, rounded to a multiple of 5, "< 5" (1–4) or "x" (hidden to protect another cell). */
  ended: Count;
  reached: Count;
  partly: Count;
  not: Count;
  shareReached: number | null;
  sharePartly: number | null;
  shareNot: number | null;
  /** The cell's figures are withheld ("< 5" or "x"). */
  suppressed: boolean;
  domains: DomainChange[];
}

export interface OutflowReport {
  year: number;
  theme: string | null;
  district: string | null;
  /** True: exact figures (the reader's own organisation); false: the small-cell rule was applied. */
  exact: boolean;
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
const results = ['reached', 'partly', 'not'] as const;

/** One cell, its number of ended trajectories already disclosed (`ended`: from the table it is part of). */
function cell(rows: Row[], themeSlug: string | null, districtCode: string | null, ended: Count, exact: boolean): OutflowCell {
  const suppressed = isSuppressed(ended);
  const raw = results.map((res) => rows.filter((r) => r.result === res).length);
  // the results of a withheld cell are withheld with it; otherwise disclosed as a line that adds up to `ended`
  const shown: Count[] = suppressed ? raw.map(() => HIDDEN) : discloseColumn(raw, exact);
  const shareOf = (i: number) => {
    if (exact) return rows.length ? round(raw[i] / rows.length, 4) : null;
    const [c, e] = [shown[i], ended];
    return typeof c === 'number' && typeof e === 'number' && e > 0 ? round(c / e, 4) : null;
  };
  const domainKeys = [...new Set(rows.flatMap((r) => [...r.changes.keys()]))].sort();
  const domains = domainKeys.map((domainKey) => {
    const scored = rows.filter((r) => r.changes.has(domainKey));
    const n: Count = ended === HIDDEN ? HIDDEN : discloseCount(scored.length, exact);
    const withheld = isSuppressed(n) || (!exact && scored.length < SMALL_CELL_LIMIT) || scored.length === 0;
    const avg = withheld ? null : round(scored.reduce((s, r) => s + r.changes.get(domainKey)!, 0) / scored.length, exact ? 2 : 1);
    return { domainKey, n, averageChange: avg };
  });
  return { themeSlug, districtCode, ended, reached: shown[0], partly: shown[1], not: shown[2], shareReached: shareOf(0), sharePartly: shareOf(1), shareNot: shareOf(2), suppressed, domains };
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
  const exact = seesExactOutflow(actor, new Set(rows.map((r) => r.organisationId)));
  const themes = [...new Set(rows.map((r) => r.themeSlug))].sort();
  const districts = [...new Set(rows.map((r) => r.districtCode ?? ''))].sort();
  const ofTheme = (th: string) => rows.filter((r) => r.themeSlug === th);
  const ofCell = (th: string, d: string) => rows.filter((r) => r.themeSlug === th && (r.districtCode ?? '') === d);
  // the tables as outsiders see them: per theme (a column with the total), theme × district (rows and columns)
  const themeEnded = discloseColumn(
    themes.map((th) => ofTheme(th).length),
    exact,
  );
  const matrix = discloseMatrix(
    themes.map((th) => districts.map((d) => ofCell(th, d).length)),
    exact,
  );
  const byTheme = themes.map((th, i) => cell(ofTheme(th), th, null, themeEnded[i], exact));
  const byThemeDistrict = themes.flatMap((th, i) => districts.flatMap((d, j) => (ofCell(th, d).length ? [cell(ofCell(th, d), th, d || null, matrix[i][j], exact)] : [])));
  return { year: f.year, theme: f.theme ?? null, district: f.district ?? null, exact, total: cell(rows, null, null, discloseCount(rows.length, exact), exact), byTheme, byThemeDistrict };
}
