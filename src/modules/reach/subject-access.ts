// A resident's right to see their own data (inzageverzoek, GDPR art. 15): at the municipality's privacy desk an
// administrator enters the identifier the resident shows (pass number, or name + date of birth). It becomes the
// keyed pseudonym exactly as at registration (attendance.ts `pseudonymFor`: same normalisation, same refusals, a BSN
// refused) and everything reach holds about that pseudonym is returned: the visits (reach_attendance) and the
// volunteer turns (reach_session_volunteers), by date. reach_visit_summary is derived from reach_attendance and holds
// nothing more. The identifier and the pseudonym are never stored, logged or audited: the audit row says only that a
// lookup happened, how many rows it found and how it was asked (page, download or API).
import { and, asc, eq } from 'drizzle-orm';
import { z, type Unchecked } from '../../platform/zod.ts';
import { reachAttendance, reachSessions, reachSessionVolunteers } from './schema.ts';
import { pseudonymFor } from './attendance.ts';
import { sessionLabelKeys } from './session-input.ts';
import { invalid, zodIssueFields, type FieldError } from '../../platform/http/errors.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireRole } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { getActivitySummaries } from '../catalogue/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import { listNeighbourhoods, listTargetGroups } from '../framework/service.ts';

/** Who is asked for: the same fields (and lengths) as a participant at a session. */
export const subjectAccessInput = z.object({
  passNumber: z.string().max(40).optional(),
  name: z.string().max(200).optional(),
  birthDate: z.string().max(20).optional(),
});
export type SubjectAccessInput = Unchecked<z.input<typeof subjectAccessInput>>;

/** How the lookup was asked: the result page, a download of it, or the JSON API (recorded in the audit row). */
export type SubjectAccessChannel = 'page' | 'download' | 'api';

export interface SubjectVisit {
  date: string;
  activityId: string;
  activityTitle: string;
  organisationId: string;
  organisationName: string;
  wijkCode: string | null;
  wijkName: string | null;
  birthYear: number | null;
  ageBand: string | null;
  targetGroups: { key: string; name: string }[];
  sessionStatus: 'held' | 'cancelled';
}

export interface SubjectVolunteerTurn {
  date: string;
  activityId: string;
  activityTitle: string;
  organisationId: string;
  organisationName: string;
  hours: number;
}

export interface SubjectAccessReport {
  visits: SubjectVisit[];
  volunteerTurns: SubjectVolunteerTurn[];
}

const text = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));

/**
 * Everything reach holds about the resident with this identifier (administrators only). Bad input → field errors
 * that never name the value; no lookup, no audit row. One audit row per lookup, with the counts and the channel.
 */
export async function lookUpResident(ctx: ServiceContext, raw: SubjectAccessInput, channel: SubjectAccessChannel): Promise<SubjectAccessReport> {
  requireRole(ctx, 'administrator');
  const parsed = subjectAccessInput.safeParse({ passNumber: text(raw?.passNumber), name: text(raw?.name), birthDate: text(raw?.birthDate) });
  if (!parsed.success) throw invalid(zodIssueFields(parsed.error, sessionLabelKeys));
  const who = pseudonymFor(ctx, parsed.data);
  if ('errors' in who) throw invalid(who.errors satisfies FieldError[]);
  const report = await inTransaction(ctx, async (tx) => {
    const visits = await tx.db
      .select({
        date: reachAttendance.date,
        activityId: reachAttendance.activityId,
        organisationId: reachAttendance.organisationId,
        wijkCode: reachAttendance.wijkCode,
        birthYear: reachAttendance.birthYear,
        ageBand: reachAttendance.ageBand,
        targetGroups: reachAttendance.targetGroups,
        sessionStatus: reachSessions.status,
      })
      .from(reachAttendance)
      .innerJoin(reachSessions, and(eq(reachSessions.tenantId, reachAttendance.tenantId), eq(reachSessions.id, reachAttendance.sessionId)))
      .where(and(eq(reachAttendance.tenantId, tx.tenant), eq(reachAttendance.pseudonym, who.pseudonym)))
      .orderBy(asc(reachAttendance.date), asc(reachAttendance.sessionId));
    const turns = await tx.db
      .select({ date: reachSessions.date, activityId: reachSessions.activityId, organisationId: reachSessions.organisationId, hours: reachSessionVolunteers.hours })
      .from(reachSessionVolunteers)
      .innerJoin(reachSessions, and(eq(reachSessions.tenantId, reachSessionVolunteers.tenantId), eq(reachSessions.id, reachSessionVolunteers.sessionId)))
      .where(and(eq(reachSessionVolunteers.tenantId, tx.tenant), eq(reachSessionVolunteers.pseudonym, who.pseudonym)))
      .orderBy(asc(reachSessions.date), asc(reachSessionVolunteers.sessionId));
    await recordAudit(tx, { action: 'reach.subject_access', details: { via: channel, visits: visits.length, volunteerTurns: turns.length } });
    return { visits, turns };
  });
  const activityIds = [...new Set([...report.visits, ...report.turns].map((r) => r.activityId))];
  const organisationIds = [...new Set([...report.visits, ...report.turns].map((r) => r.organisationId))];
  const [titles, names, wijken, groups] = await Promise.all([
    getActivitySummaries(ctx, activityIds),
    getOrganisationNames(ctx, organisationIds),
    report.visits.some((v) => v.wijkCode) ? listNeighbourhoods(ctx) : Promise.resolve([]),
    report.visits.some((v) => v.targetGroups.length) ? listTargetGroups(ctx) : Promise.resolve([]),
  ]);
  const wijkName = new Map(wijken.filter((w) => w.kind === 'wijk').map((w) => [w.code, w.name]));
  const groupName = new Map(groups.map((g) => [g.key, g.name[ctx.lang] ?? g.name.nl]));
  const titleOf = (id: string) => titles.get(id)?.title ?? '';
  const nameOf = (id: string) => names.get(id) ?? '';
  return {
    visits: report.visits.map((v) => ({
      date: v.date,
      activityId: v.activityId,
      activityTitle: titleOf(v.activityId),
      organisationId: v.organisationId,
      organisationName: nameOf(v.organisationId),
      wijkCode: v.wijkCode,
      wijkName: v.wijkCode ? (wijkName.get(v.wijkCode) ?? null) : null,
      birthYear: v.birthYear,
      ageBand: v.ageBand,
      targetGroups: v.targetGroups.map((key) => ({ key, name: groupName.get(key) ?? key })),
      sessionStatus: v.sessionStatus,
    })),
    volunteerTurns: report.turns.map((t) => ({ date: t.date, activityId: t.activityId, activityTitle: titleOf(t.activityId), organisationId: t.organisationId, organisationName: nameOf(t.organisationId), hours: Number(t.hours) })),
  };
}
