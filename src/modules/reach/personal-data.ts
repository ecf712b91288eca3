// What the reach module holds about one person ("Mijn gegevens"): the plan changes they made, the sessions they
// registered and the files they imported. Never who took part: that is the participants' data, not theirs.
import { and, desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { withRows, type PersonalDataSection } from '../../platform/module.ts';
import { isMessageKey, t, type MessageKey } from '../../platform/i18n/index.ts';
import { reachPlans, reachPlanRevisions, reachSessions, reachImports } from './schema.ts';
import { getActivitySummaries } from '../catalogue/service.ts';

/** The module contract's `personalData`: sections only when there are rows. */
export async function reachPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const label = (key: string, raw: string) => (isMessageKey(key) ? t(ctx.lang, key) : raw);
  const plans = await ctx.db
    .select({ theme: reachPlans.themeSlug, year: reachPlans.year, version: reachPlanRevisions.version, reason: reachPlanRevisions.reason, at: reachPlanRevisions.createdAt })
    .from(reachPlanRevisions)
    .innerJoin(reachPlans, and(eq(reachPlans.tenantId, reachPlanRevisions.tenantId), eq(reachPlans.id, reachPlanRevisions.planId)))
    .where(and(eq(reachPlanRevisions.tenantId, ctx.tenant), eq(reachPlanRevisions.actorUserId, userId)))
    .orderBy(desc(reachPlanRevisions.createdAt));
  const sessions = await ctx.db
    .select({ activityId: reachSessions.activityId, date: reachSessions.date, status: reachSessions.status, headcount: reachSessions.headcount, at: reachSessions.createdAt })
    .from(reachSessions)
    .where(and(eq(reachSessions.tenantId, ctx.tenant), eq(reachSessions.createdBy, userId)))
    .orderBy(desc(reachSessions.date));
  const imports = await ctx.db
    .select({ fileName: reachImports.fileName, status: reachImports.status, totalRows: reachImports.totalRows, at: reachImports.createdAt })
    .from(reachImports)
    .where(and(eq(reachImports.tenantId, ctx.tenant), eq(reachImports.createdBy, userId)))
    .orderBy(desc(reachImports.createdAt));
  const activities = await getActivitySummaries(ctx, sessions.map((s) => s.activityId));
  return withRows([
    {
      key: 'reach.plan_changes',
      title: l('reach.mydata.plans.title'),
      explanation: l('reach.mydata.plans.explanation'),
      columns: [l('reach.mydata.col.theme'), l('reach.mydata.col.year'), l('reach.mydata.col.version'), l('reach.mydata.col.reason'), l('reach.mydata.col.when')],
      rows: plans.map((p) => [p.theme, p.year, p.version, p.reason, p.at]),
    },
    {
      key: 'reach.sessions',
      title: l('reach.mydata.sessions.title'),
      explanation: l('reach.mydata.sessions.explanation'),
      columns: [l('reach.mydata.col.activity'), l('reach.mydata.col.date'), l('reach.mydata.col.status'), l('reach.mydata.col.headcount'), l('reach.mydata.col.when')],
      rows: sessions.map((s) => [activities.get(s.activityId)?.title ?? null, s.date, label(`reach.session.${s.status}`, s.status), s.headcount, s.at]),
    },
    {
      key: 'reach.imports',
      title: l('reach.mydata.imports.title'),
      explanation: l('reach.mydata.imports.explanation'),
      columns: [l('reach.mydata.col.file'), l('reach.mydata.col.status'), l('reach.mydata.col.rows'), l('reach.mydata.col.when')],
      rows: imports.map((i) => [i.fileName, label(`reach.import.status.${i.status}`, i.status), i.totalRows, i.at]),
    },
  ]);
}
