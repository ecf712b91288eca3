// What the subsidies module holds about one person ("Mijn gegevens"): the changes they made to joint applications,
// the calls they assess, the conflicts of interest they declared and the scores they gave.
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { withRows, type PersonalDataSection } from '../../platform/module.ts';
import { auditEvents } from '../../platform/audit/schema.ts';
import { isMessageKey, t, type MessageKey } from '../../platform/i18n/index.ts';
import { subsidyApplications, subsidyAssessors, subsidyCalls, subsidyConflicts, subsidyRevisions, subsidyScores, subsidyTables } from './schema.ts';

/** The module contract's `personalData`: sections only when there are rows. */
export async function subsidiesPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const joinTable = and(eq(subsidyTables.tenantId, subsidyApplications.tenantId), eq(subsidyTables.id, subsidyApplications.tableId));
  const joinCall = and(eq(subsidyCalls.tenantId, subsidyTables.tenantId), eq(subsidyCalls.id, subsidyTables.callId));
  // A revision keeps the author's name only; the audit row written with it (same application and version) has the user id.
  const edits = await ctx.db
    .select({ at: subsidyRevisions.createdAt, call: subsidyCalls.title, theme: subsidyTables.themeSlug, version: subsidyRevisions.version, what: subsidyRevisions.what, subject: subsidyRevisions.subject })
    .from(subsidyRevisions)
    .innerJoin(
      auditEvents,
      and(
        eq(auditEvents.tenantId, subsidyRevisions.tenantId),
        eq(auditEvents.action, 'subsidies.application_change'),
        eq(auditEvents.subjectType, 'subsidy_application'),
        eq(auditEvents.subjectId, sql`${subsidyRevisions.applicationId}::text`),
        eq(sql`${auditEvents.details}->>'version'`, sql`${subsidyRevisions.version}::text`),
        eq(auditEvents.actorUserId, userId),
      ),
    )
    .innerJoin(subsidyApplications, and(eq(subsidyApplications.tenantId, subsidyRevisions.tenantId), eq(subsidyApplications.id, subsidyRevisions.applicationId)))
    .innerJoin(subsidyTables, joinTable)
    .innerJoin(subsidyCalls, joinCall)
    .where(eq(subsidyRevisions.tenantId, ctx.tenant))
    .orderBy(desc(subsidyRevisions.createdAt), desc(subsidyRevisions.version));
  const assessor = await ctx.db
    .select({ call: subsidyCalls.title, period: subsidyCalls.periodCode, at: subsidyAssessors.createdAt })
    .from(subsidyAssessors)
    .innerJoin(subsidyCalls, and(eq(subsidyCalls.tenantId, subsidyAssessors.tenantId), eq(subsidyCalls.id, subsidyAssessors.callId)))
    .where(and(eq(subsidyAssessors.tenantId, ctx.tenant), eq(subsidyAssessors.userId, userId)))
    .orderBy(desc(subsidyAssessors.createdAt));
  const conflicts = await ctx.db
    .select({ call: subsidyCalls.title, theme: subsidyTables.themeSlug, reason: subsidyConflicts.reason, at: subsidyConflicts.createdAt })
    .from(subsidyConflicts)
    .innerJoin(subsidyTables, and(eq(subsidyTables.tenantId, subsidyConflicts.tenantId), eq(subsidyTables.id, subsidyConflicts.tableId)))
    .innerJoin(subsidyCalls, joinCall)
    .where(and(eq(subsidyConflicts.tenantId, ctx.tenant), eq(subsidyConflicts.userId, userId)))
    .orderBy(desc(subsidyConflicts.createdAt));
  const scores = await ctx.db
    .select({ call: subsidyCalls.title, theme: subsidyTables.themeSlug, criterion: subsidyScores.criterionKey, score: subsidyScores.score, comment: subsidyScores.comment, submittedAt: subsidyScores.submittedAt, updatedAt: subsidyScores.updatedAt })
    .from(subsidyScores)
    .innerJoin(subsidyApplications, and(eq(subsidyApplications.tenantId, subsidyScores.tenantId), eq(subsidyApplications.id, subsidyScores.applicationId)))
    .innerJoin(subsidyTables, joinTable)
    .innerJoin(subsidyCalls, joinCall)
    .where(and(eq(subsidyScores.tenantId, ctx.tenant), eq(subsidyScores.userId, userId)))
    .orderBy(desc(subsidyScores.updatedAt), subsidyScores.criterionKey);

  const what = (w: string) => {
    const key = `subsidies.history.what.${w}`;
    return isMessageKey(key) ? t(ctx.lang, key) : w;
  };
  return withRows([
    {
      key: 'subsidies.application_changes',
      title: l('subsidies.mydata.edits.title'),
      explanation: l('subsidies.mydata.edits.explanation'),
      columns: [l('subsidies.mydata.col.when'), l('subsidies.mydata.col.call'), l('subsidies.mydata.col.theme'), l('subsidies.mydata.col.version'), l('subsidies.mydata.col.what'), l('subsidies.mydata.col.section')],
      rows: edits.map((e) => [e.at, e.call, e.theme, e.version, what(e.what), e.subject || null]),
    },
    {
      key: 'subsidies.assessor',
      title: l('subsidies.mydata.assessor.title'),
      explanation: l('subsidies.mydata.assessor.explanation'),
      columns: [l('subsidies.mydata.col.call'), l('subsidies.mydata.col.assigned')],
      rows: assessor.map((a) => [`${a.call} (${a.period})`, a.at]),
    },
    {
      key: 'subsidies.conflicts',
      title: l('subsidies.mydata.conflicts.title'),
      explanation: l('subsidies.mydata.conflicts.explanation'),
      columns: [l('subsidies.mydata.col.call'), l('subsidies.mydata.col.theme'), l('subsidies.mydata.col.reason'), l('subsidies.mydata.col.when')],
      rows: conflicts.map((c) => [c.call, c.theme, c.reason, c.at]),
    },
    {
      key: 'subsidies.scores',
      title: l('subsidies.mydata.scores.title'),
      explanation: l('subsidies.mydata.scores.explanation'),
      columns: [l('subsidies.mydata.col.call'), l('subsidies.mydata.col.theme'), l('subsidies.mydata.col.criterion'), l('subsidies.mydata.col.score'), l('subsidies.mydata.col.comment'), l('subsidies.mydata.col.when'), l('subsidies.mydata.col.submitted')],
      rows: scores.map((s) => [s.call, s.theme, s.criterion, s.score, s.comment || null, s.updatedAt, s.submittedAt]),
    },
  ]);
}
