// Attendance per session by hand (level 2): the anonymous headcount, and residents and volunteers identified one by
// one. An identifier (pass number, or name + date of birth) becomes a keyed pseudonym at once (identity.ts); only
// the pseudonym and coarse attributes (birth year or age band, wijk, target groups) are stored. The identifier is
// never stored, logged, audited or put in a message. The same resident twice at one session counts once.
import { and, asc, eq, sql } from 'drizzle-orm';
import { reachSessions, reachAttendance, reachSessionVolunteers } from './schema.ts';
import { participantInput, volunteerInput, sessionLabelKeys, type ParticipantInput, type VolunteerInput } from './session-input.ts';
import { identifierOf, pseudonymOf, isBsn } from './identity.ts';
import { sessionRowFor, sessionViews, type SessionRow, type SessionView } from './sessions.ts';
import { AppError, invalid, zodIssueFields, type FieldError } from '../../platform/http/errors.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { listNeighbourhoods, listTargetGroups } from '../framework/service.ts';

/** The short fingerprint of a pseudonym shown on the page (first 8 hex digits): enough to tell visits apart. */
export const fingerprintOf = (pseudonym: Uint8Array) => Buffer.from(pseudonym.subarray(0, 4)).toString('hex');

export interface VisitView {
  fingerprint: string;
  birthYear: number | null;
  ageBand: string | null;
  wijkCode: string | null;
  targetGroups: string[];
}

export interface VolunteerView {
  fingerprint: string;
  hours: number;
}

export interface SessionAttendance {
  session: SessionView;
  visits: VisitView[];
  volunteers: VolunteerView[];
}

/** A session with its identified visits and volunteers (coarse attributes and fingerprints only). */
export async function getSessionAttendance(ctx: ServiceContext, sessionId: string): Promise<SessionAttendance> {
  const row = await sessionRowFor(ctx, sessionId);
  const [session] = await sessionViews(ctx, [row]);
  const visits = await ctx.db
    .select()
    .from(reachAttendance)
    .where(and(eq(reachAttendance.tenantId, ctx.tenant), eq(reachAttendance.sessionId, row.id)))
    .orderBy(asc(reachAttendance.createdAt), asc(reachAttendance.pseudonym));
  const volunteers = await ctx.db
    .select()
    .from(reachSessionVolunteers)
    .where(and(eq(reachSessionVolunteers.tenantId, ctx.tenant), eq(reachSessionVolunteers.sessionId, row.id)))
    .orderBy(asc(reachSessionVolunteers.createdAt), asc(reachSessionVolunteers.pseudonym));
  return {
    session,
    visits: visits.map((v) => ({ fingerprint: fingerprintOf(v.pseudonym), birthYear: v.birthYear, ageBand: v.ageBand, wijkCode: v.wijkCode, targetGroups: v.targetGroups })),
    volunteers: volunteers.map((v) => ({ fingerprint: fingerprintOf(v.pseudonym), hours: Number(v.hours) })),
  };
}

const heldOnly = (row: SessionRow) => {
  if (row.status !== 'held') throw new AppError('conflict', 'reach.attendance.error.cancelled');
};

/** The pseudonym of who is described, or the field errors (never naming the value). Refuses a BSN. Also the subject-access lookup (subject-access.ts). */
export function pseudonymFor(ctx: ServiceContext, who: { passNumber?: string; name?: string; birthDate?: string }): { pseudonym: Buffer; birthYear: number | null } | { errors: FieldError[] } {
  if (who.passNumber && isBsn(who.passNumber)) return { errors: [{ field: 'passNumber', code: 'bsn', message: 'reach.attendance.error.bsn', label: sessionLabelKeys.passNumber }] };
  const id = identifierOf(who);
  if (id.kind === 'anonymous') return { errors: [{ field: 'passNumber', code: 'required', message: 'reach.attendance.error.whoRequired' }] };
  if (id.kind === 'invalid') return { errors: [{ field: id.field, code: 'invalid_format', message: `reach.attendance.error.${id.reason}`, label: sessionLabelKeys[id.field] }] };
  const m = /\|(\d{4})-\d{2}-\d{2}$/.exec(id.identifier);
  return { pseudonym: pseudonymOf(ctx.tenant, id.identifier), birthYear: m ? Number(m[1]) : null };
}

async function recount(tx: ServiceContext, sessionId: string): Promise<void> {
  await tx.db
    .update(reachSessions)
    .set({ volunteers: sql`greatest(${reachSessions.volunteers}, (select count(*)::int from ${reachSessionVolunteers} v where v.tenant_id = ${tx.tenant} and v.session_id = ${sessionId}))` })
    .where(and(eq(reachSessions.tenantId, tx.tenant), eq(reachSessions.id, sessionId)));
}

/**
 * Adds an identified resident to a held session. `added` is false when this resident was already registered
 * for it ("al geregistreerd"): the visit counts once.
 */
export async function addParticipant(ctx: ServiceContext, sessionId: string, raw: ParticipantInput): Promise<{ added: boolean; fingerprint: string; session: SessionView }> {
  const row = await sessionRowFor(ctx, sessionId);
  const parsed = participantInput.safeParse(raw ?? {});
  const errors: FieldError[] = parsed.success ? [] : zodIssueFields(parsed.error, sessionLabelKeys);
  const d = parsed.success ? parsed.data : null;
  const who = pseudonymFor(ctx, { passNumber: str(raw?.passNumber), name: str(raw?.name), birthDate: str(raw?.birthDate) });
  if ('errors' in who) errors.push(...who.errors.filter((e) => !errors.some((f) => f.field === e.field)));
  // The references are checked even when another field is wrong, so every problem is reported at once.
  const wijk = str(raw?.wijkCode);
  if (wijk && !errors.some((e) => e.field === 'wijkCode')) {
    const wijken = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'wijk');
    if (!wijken.some((w) => w.code === wijk)) errors.push({ field: 'wijkCode', code: 'unknown_reference', message: 'error.unknownWijk', label: sessionLabelKeys.wijkCode });
  }
  const groups = Array.isArray(raw?.targetGroups) ? raw.targetGroups : [];
  if (groups.length) {
    const keys = new Set((await listTargetGroups(ctx)).map((g) => g.key));
    groups.forEach((k, i) => {
      if (typeof k === 'string' && !keys.has(k) && !errors.some((e) => e.field.startsWith('targetGroups'))) errors.push({ field: `targetGroups.${i}`, code: 'unknown_reference', message: 'reach.attendance.error.unknownTargetGroup', label: sessionLabelKeys.targetGroups });
    });
  }
  if (d?.birthYear !== undefined && d.birthYear > Number(row.date.slice(0, 4))) errors.push({ field: 'birthYear', code: 'too_big', message: 'reach.attendance.error.birthYear', label: sessionLabelKeys.birthYear });
  if (errors.length || !d || 'errors' in who) throw invalid(errors);
  heldOnly(row);
  return inTransaction(ctx, async (tx) => {
    const inserted = await tx.db
      .insert(reachAttendance)
      .values({
        tenantId: tx.tenant,
        sessionId: row.id,
        pseudonym: who.pseudonym,
        activityId: row.activityId,
        organisationId: row.organisationId,
        date: row.date,
        birthYear: d.birthYear ?? who.birthYear,
        ageBand: d.ageBand ?? null,
        wijkCode: d.wijkCode ?? null,
        targetGroups: [...new Set(d.targetGroups)],
      })
      .onConflictDoNothing()
      .returning({ sessionId: reachAttendance.sessionId });
    const added = inserted.length > 0;
    if (added) {
      await tx.db.update(reachSessions).set({ updatedAt: tx.now() }).where(and(eq(reachSessions.tenantId, tx.tenant), eq(reachSessions.id, row.id)));
      await recordAudit(tx, { action: 'reach.attendance_add', subjectType: 'reach_session', subjectId: row.id, details: { kind: 'participant' } });
    }
    return { added, fingerprint: fingerprintOf(who.pseudonym), session: (await sessionViews(tx, [row]))[0] };
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v));

/** Removes an identified visit by its fingerprint (first 8 hex digits of the pseudonym). */
export async function removeParticipant(ctx: ServiceContext, sessionId: string, fingerprint: string): Promise<SessionView> {
  const row = await sessionRowFor(ctx, sessionId);
  if (!/^[0-9a-f]{8}$/.test(fingerprint)) throw invalid([{ field: 'fingerprint', code: 'invalid_format', message: 'validation.format' }]);
  return inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .delete(reachAttendance)
      .where(and(eq(reachAttendance.tenantId, tx.tenant), eq(reachAttendance.sessionId, row.id), sql`substring(${reachAttendance.pseudonym} from 1 for 4) = decode(${fingerprint}, 'hex')`))
      .returning({ sessionId: reachAttendance.sessionId });
    if (gone.length === 0) throw new AppError('not_found', 'reach.attendance.error.noSuchVisit');
    await recordAudit(tx, { action: 'reach.attendance_remove', subjectType: 'reach_session', subjectId: row.id, details: { kind: 'participant', removed: gone.length } });
    return (await sessionViews(tx, [row]))[0];
  });
}

/** Sets the anonymous headcount of a held session (visitors entered by number only). */
export async function setHeadcount(ctx: ServiceContext, sessionId: string, raw: unknown): Promise<SessionView> {
  const row = await sessionRowFor(ctx, sessionId);
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  const n = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(n) || n > 100_000) throw invalid([{ field: 'headcount', code: 'invalid_type', message: text.startsWith('-') ? 'reach.session.error.negative' : 'reach.session.error.whole', label: sessionLabelKeys.headcount }]);
  heldOnly(row);
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(reachSessions)
      .set({ headcount: n, updatedAt: tx.now() })
      .where(and(eq(reachSessions.tenantId, tx.tenant), eq(reachSessions.id, row.id)))
      .returning();
    await recordAudit(tx, { action: 'reach.attendance_add', subjectType: 'reach_session', subjectId: row.id, details: { kind: 'headcount', headcount: n } });
    return (await sessionViews(tx, [updated]))[0];
  });
}

/** Adds an identified volunteer (for the number of active volunteers); the session's volunteer count never falls below them. */
export async function addSessionVolunteer(ctx: ServiceContext, sessionId: string, raw: VolunteerInput): Promise<{ added: boolean; fingerprint: string }> {
  const row = await sessionRowFor(ctx, sessionId);
  const parsed = volunteerInput.safeParse(raw ?? {});
  const errors: FieldError[] = parsed.success ? [] : zodIssueFields(parsed.error, sessionLabelKeys);
  const who = pseudonymFor(ctx, { passNumber: str(raw?.passNumber), name: str(raw?.name), birthDate: str(raw?.birthDate) });
  if ('errors' in who) errors.push(...who.errors);
  if (errors.length || !parsed.success || 'errors' in who) throw invalid(errors.map((e) => (e.field === 'hours' ? { ...e, label: 'reach.attendance.volunteerHours' as const } : e)));
  heldOnly(row);
  const hours = Math.round((parsed.data.hours ?? Number(row.hours)) * 100) / 100;
  return inTransaction(ctx, async (tx) => {
    const inserted = await tx.db
      .insert(reachSessionVolunteers)
      .values({ tenantId: tx.tenant, sessionId: row.id, pseudonym: who.pseudonym, hours })
      .onConflictDoNothing()
      .returning({ sessionId: reachSessionVolunteers.sessionId });
    const added = inserted.length > 0;
    if (added) {
      await recount(tx, row.id);
      await recordAudit(tx, { action: 'reach.attendance_add', subjectType: 'reach_session', subjectId: row.id, details: { kind: 'volunteer' } });
    }
    return { added, fingerprint: fingerprintOf(who.pseudonym) };
  });
}

/** Removes an identified volunteer by fingerprint. */
export async function removeSessionVolunteer(ctx: ServiceContext, sessionId: string, fingerprint: string): Promise<void> {
  const row = await sessionRowFor(ctx, sessionId);
  if (!/^[0-9a-f]{8}$/.test(fingerprint)) throw invalid([{ field: 'fingerprint', code: 'invalid_format', message: 'validation.format' }]);
  await inTransaction(ctx, async (tx) => {
    const gone = await tx.db
      .delete(reachSessionVolunteers)
      .where(and(eq(reachSessionVolunteers.tenantId, tx.tenant), eq(reachSessionVolunteers.sessionId, row.id), sql`substring(${reachSessionVolunteers.pseudonym} from 1 for 4) = decode(${fingerprint}, 'hex')`))
      .returning({ sessionId: reachSessionVolunteers.sessionId });
    if (gone.length === 0) throw new AppError('not_found', 'reach.attendance.error.noSuchVisit');
    await recordAudit(tx, { action: 'reach.attendance_remove', subjectType: 'reach_session', subjectId: row.id, details: { kind: 'volunteer', removed: gone.length } });
  });
}
