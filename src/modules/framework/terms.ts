// Keyed terms of a municipality outside the themes: the platform's target-group list, the municipality's pass
// (e.g. HaarlemPas) and the 2021 report's data (societal goals, welfare roles, Driehoek, theme leads).
import { and, asc, desc, eq } from 'drizzle-orm';
import { frameworkReports, frameworkTerms } from './schema.ts';
import { passSchema, targetGroupTermSchema, type MunicipalPass, type ReportContent, type TargetGroupTerm } from './types.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { cached } from '../../platform/cache.ts';
import { frameworkEntry, invalidateFramework } from './cache-entry.ts';
import { requireRole } from '../../platform/auth/require.ts';

/** The platform's list of target groups ("doelgroepen"), in order; activities and reach refer to them by key. */
export function listTargetGroups(ctx: ServiceContext): Promise<TargetGroupTerm[]> {
  return cached(ctx.db, frameworkEntry(ctx, ['terms', 'target-group']), async () => {
    const rows = await ctx.db
      .select()
      .from(frameworkTerms)
      .where(and(eq(frameworkTerms.tenantId, ctx.tenant), eq(frameworkTerms.kind, 'target-group')))
      .orderBy(asc(frameworkTerms.position), asc(frameworkTerms.key));
    return rows.map((r) => targetGroupTermSchema.parse({ key: r.key, ...r.data }));
  });
}

/** The municipality's pass for residents on a low income (name and description are data), or null when it has none. */
export function getPass(ctx: ServiceContext): Promise<MunicipalPass | null> {
  return cached(ctx.db, frameworkEntry(ctx, ['terms', 'pass']), async () => {
    const [row] = await ctx.db
      .select()
      .from(frameworkTerms)
      .where(and(eq(frameworkTerms.tenantId, ctx.tenant), eq(frameworkTerms.kind, 'pass')))
      .orderBy(asc(frameworkTerms.position))
      .limit(1);
    return row ? passSchema.parse({ ...row.data, key: row.key }) : null;
  });
}

export interface ReportView {
  code: string;
  title: string;
  year: number;
  source: string;
  content: ReportContent;
}

/** The latest report the framework shows beside the call (Haarlem: "Samen sterker…", 2021), or null. */
export function getReport(ctx: ServiceContext): Promise<ReportView | null> {
  return cached(ctx.db, frameworkEntry(ctx, ['report']), async () => {
    const [row] = await ctx.db.select().from(frameworkReports).where(eq(frameworkReports.tenantId, ctx.tenant)).orderBy(desc(frameworkReports.year)).limit(1);
    return row ? { code: row.code, title: row.title, year: row.year, source: row.source, content: row.content } : null;
  });
}

/**
 * Seed step of the network module: stores the organisation ids of the report's theme leads (the names stay as the
 * report's wording). `idsByName` gives an id per lower-cased name.
 */
export async function setThemeLeadIds(ctx: ServiceContext, idsByName: (names: string[]) => Promise<Map<string, string>>): Promise<number> {
  // Seed step: the system (no actor) or an administrator.
  if (ctx.actor) requireRole(ctx, 'administrator');
  const reports = await ctx.db.select().from(frameworkReports).where(eq(frameworkReports.tenantId, ctx.tenant));
  let changed = 0;
  for (const r of reports) {
    const ids = await idsByName(r.content.themeLeads.flatMap((l) => l.organisations));
    const themeLeads = r.content.themeLeads.map((l) => ({ ...l, organisationIds: l.organisations.map((n) => ids.get(n.toLowerCase()) ?? null) }));
    if (JSON.stringify(themeLeads) === JSON.stringify(r.content.themeLeads)) continue;
    await ctx.db
      .update(frameworkReports)
      .set({ content: { ...r.content, themeLeads } })
      .where(eq(frameworkReports.id, r.id));
    changed++;
  }
  if (changed) invalidateFramework(ctx);
  return changed;
}
