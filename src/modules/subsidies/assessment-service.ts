// Assessment of a submitted joint application against the call's quality criteria (§8). Assessors are assigned per
// call (not a role); each scores every criterion on a scale of 1–5 with a comment and sees the others' scores only
// after handing in their own; a policy advisor records the agreed (final) assessment. An assessor whose organisation
// sits at the table, or who declared a conflict of interest for it, cannot assess that table.
// The scale (1 onvoldoende … 5 uitstekend) is the platform's own: the call names the criteria, not a scale.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { subsidyAssessors, subsidyConflicts, subsidyScores, subsidyAssessments, subsidyApplications, subsidyTables } from './schema.ts';
import { requiredText, text } from './input.ts';
import { hasConflictOfInterest, managesSubsidies, readsTable } from './policy.ts';
import { getCall, tableMembers } from './call-service.ts';
import { markAssessed } from './application-service.ts';
import { AppError, forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { users, userRoles } from '../../platform/auth/schema.ts';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
const isUuid = (s: string) => z.uuid().safeParse(s).success;

export interface AssessorView {
  userId: string;
  name: string;
  organisationId: string | null;
  assignedBy: string;
}

export interface ScoreView {
  criterionKey: string;
  score: number;
  comment: string;
}

export interface AssessmentView {
  applicationId: string;
  criteria: { key: string; text: string }[];
  /** The actor's assignment for this call (null: not an assessor of it). */
  assessor: AssessorView | null;
  /** Why the actor cannot assess this table (own organisation at the table, or declared), else null. */
  conflict: 'member' | 'declared' | null;
  mine: ScoreView[];
  mineSubmitted: boolean;
  /** Other assessors' handed-in scores: only once the actor has handed in their own (or for a policy advisor). */
  others: { name: string; scores: ScoreView[] }[] | null;
  /** Who has handed in, for the agreement. */
  submittedBy: string[];
  final: { scores: ScoreView[]; conclusion: string; agreedBy: string; agreedAt: Date } | null;
}

// ------------------------------------------------------------------ assessors

/** Candidates for assessor: accounts of the municipality's and partners' staff (not residents or volunteers). */
export async function listAssessorCandidates(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  if (!managesSubsidies(requireActor(ctx))) throw forbidden();
  return ctx.db
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .where(and(eq(users.tenantId, ctx.tenant), inArray(userRoles.role, ['policy_advisor', 'partner_staff', 'contract_manager', 'auditor'])))
    .orderBy(asc(users.name));
}

export async function listAssessors(ctx: ServiceContext, callId: string): Promise<AssessorView[]> {
  requireActor(ctx);
  if (!isUuid(callId)) return [];
  const rows = await ctx.db.select().from(subsidyAssessors).where(and(eq(subsidyAssessors.tenantId, ctx.tenant), eq(subsidyAssessors.callId, callId))).orderBy(asc(subsidyAssessors.name));
  return rows.map((r) => ({ userId: r.userId, name: r.name, organisationId: r.organisationId, assignedBy: r.assignedBy }));
}

export const assessorInput = z.object({ userId: z.uuid() });

export async function assignAssessor(ctx: ServiceContext, callId: string, raw: z.input<typeof assessorInput>): Promise<void> {
  const actor = requireActor(ctx);
  if (!managesSubsidies(actor)) throw forbidden();
  if (!isUuid(callId)) throw notFound();
  const input = await parseChecked(assessorInput, raw, () => []);
  const [user] = await ctx.db.select({ id: users.id, name: users.name, organisationId: users.organisationId }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, input.userId)));
  if (!user) throw invalid([{ field: 'userId', code: 'unknown_reference', message: 'subsidies.error.unknownUser' }]);
  await inTransaction(ctx, async (tx) => {
    const added = await tx.db.insert(subsidyAssessors).values({ tenantId: tx.tenant, callId, userId: user.id, name: user.name, organisationId: user.organisationId, assignedBy: actor.name }).onConflictDoNothing().returning({ id: subsidyAssessors.id });
    if (!added.length) throw invalid([{ field: 'userId', code: 'conflict', message: 'subsidies.error.alreadyAssessor' }]);
    await recordAudit(tx, { action: 'subsidies.assessor_assign', subjectType: 'subsidy_call', subjectId: callId, details: { userId: user.id } });
  });
}

// ------------------------------------------------------------------ scoring

async function context(ctx: ServiceContext, appId: string) {
  const actor = requireActor(ctx);
  if (!isUuid(appId)) throw notFound();
  const [row] = await ctx.db
    .select({ app: subsidyApplications, callId: subsidyTables.callId, tableId: subsidyTables.id })
    .from(subsidyApplications)
    .innerJoin(subsidyTables, and(eq(subsidyTables.tenantId, subsidyApplications.tenantId), eq(subsidyTables.id, subsidyApplications.tableId)))
    .where(and(eq(subsidyApplications.tenantId, ctx.tenant), eq(subsidyApplications.id, appId)));
  if (!row) throw notFound();
  const [assignment] = await ctx.db.select().from(subsidyAssessors).where(and(eq(subsidyAssessors.tenantId, ctx.tenant), eq(subsidyAssessors.callId, row.callId), eq(subsidyAssessors.userId, actor.userId || '00000000-0000-0000-0000-000000000000')));
  const members = await tableMembers(ctx, row.tableId);
  // Readable for the municipality's readers, the table's members, and assigned assessors.
  if (!assignment && !readsTable(actor, members)) throw notFound();
  const declared = await ctx.db.select({ userId: subsidyConflicts.userId }).from(subsidyConflicts).where(and(eq(subsidyConflicts.tenantId, ctx.tenant), eq(subsidyConflicts.tableId, row.tableId)));
  const assessor: AssessorView | null = assignment ? { userId: assignment.userId, name: assignment.name, organisationId: assignment.organisationId, assignedBy: assignment.assignedBy } : null;
  const conflict: AssessmentView['conflict'] =
    !assessor || !hasConflictOfInterest(assessor, members, declared.map((d) => d.userId)) ? null : assessor.organisationId && members.includes(assessor.organisationId) ? 'member' : 'declared';
  return { actor, row, assessor, conflict, members };
}

export async function getAssessment(ctx: ServiceContext, appId: string): Promise<AssessmentView> {
  const { actor, row, assessor, conflict } = await context(ctx, appId);
  const app = await getApplicationForAssessment(ctx, appId);
  const [scores, [final]] = await Promise.all([
    ctx.db.select().from(subsidyScores).where(and(eq(subsidyScores.tenantId, ctx.tenant), eq(subsidyScores.applicationId, row.app.id))),
    ctx.db.select().from(subsidyAssessments).where(and(eq(subsidyAssessments.tenantId, ctx.tenant), eq(subsidyAssessments.applicationId, row.app.id))),
  ]);
  const mine = scores.filter((s) => s.userId === actor.userId);
  const mineSubmitted = mine.length > 0 && mine.every((s) => !!s.submittedAt);
  const submitted = scores.filter((s) => !!s.submittedAt);
  const byUser = new Map<string, { name: string; scores: ScoreView[] }>();
  for (const s of submitted) {
    if (s.userId === actor.userId) continue;
    const e = byUser.get(s.userId) ?? { name: s.assessorName, scores: [] };
    e.scores.push({ criterionKey: s.criterionKey, score: s.score, comment: s.comment });
    byUser.set(s.userId, e);
  }
  return {
    applicationId: row.app.id,
    criteria: app.criteria,
    assessor,
    conflict,
    mine: mine.map((s) => ({ criterionKey: s.criterionKey, score: s.score, comment: s.comment })),
    mineSubmitted,
    others: mineSubmitted || (!assessor && managesSubsidies(actor)) ? [...byUser.values()] : null,
    submittedBy: [...new Set(submitted.map((s) => s.assessorName))],
    final: final ? { scores: final.scores, conclusion: final.conclusion, agreedBy: final.agreedBy, agreedAt: final.agreedAt } : null,
  };
}

async function getApplicationForAssessment(ctx: ServiceContext, appId: string): Promise<{ criteria: { key: string; text: string }[] }> {
  // Assessors who are not readers of the table still need the criteria: read them with the call's period.
  const [row] = await ctx.db
    .select({ callId: subsidyTables.callId })
    .from(subsidyApplications)
    .innerJoin(subsidyTables, and(eq(subsidyTables.tenantId, subsidyApplications.tenantId), eq(subsidyTables.id, subsidyApplications.tableId)))
    .where(and(eq(subsidyApplications.tenantId, ctx.tenant), eq(subsidyApplications.id, appId)));
  const call = await getCall(ctx, row.callId, { allTables: true });
  return { criteria: call.criteria };
}

export const scoresInput = z.object({
  scores: z.array(z.object({ criterionKey: requiredText(40), score: z.coerce.number().int().min(SCORE_MIN).max(SCORE_MAX), comment: text(5000).default('') })).min(1),
  /** Hand in: the scores are final and the others' become visible. */
  submit: z.boolean().default(false),
});
export type ScoresInput = z.input<typeof scoresInput>;

const conflictError = () => new AppError('forbidden', 'subsidies.error.conflictOfInterest', [{ field: 'assessor', code: 'conflict_of_interest', message: 'subsidies.error.conflictOfInterest' }]);

export async function saveScores(ctx: ServiceContext, appId: string, raw: ScoresInput): Promise<void> {
  const { actor, row, assessor, conflict } = await context(ctx, appId);
  if (!assessor) throw new AppError('forbidden', 'subsidies.error.notAssessor');
  if (conflict) throw conflictError();
  if (row.app.status !== 'submitted') throw new AppError('conflict', 'subsidies.error.notSubmitted');
  const { criteria } = await getApplicationForAssessment(ctx, appId);
  const input = await parseChecked(scoresInput, raw, (p) => {
    const errors: FieldError[] = [];
    p.scores?.forEach((s, i) => {
      if (!criteria.some((c) => c.key === s.criterionKey)) errors.push({ field: `scores.${i}.criterionKey`, code: 'unknown_reference', message: 'subsidies.error.unknownCriterion' });
    });
    if (p.submit && p.scores && criteria.some((c) => !p.scores!.some((s) => s.criterionKey === c.key))) errors.push({ field: 'scores', code: 'too_small', message: 'subsidies.error.scoreEveryCriterion' });
    return errors;
  });
  await inTransaction(ctx, async (tx) => {
    const existing = await tx.db.select().from(subsidyScores).where(and(eq(subsidyScores.tenantId, tx.tenant), eq(subsidyScores.applicationId, row.app.id), eq(subsidyScores.userId, actor.userId)));
    if (existing.some((s) => s.submittedAt)) throw new AppError('conflict', 'subsidies.error.scoresHandedIn');
    for (const s of input.scores) {
      await tx.db
        .insert(subsidyScores)
        .values({ tenantId: tx.tenant, applicationId: row.app.id, userId: actor.userId, assessorName: actor.name, criterionKey: s.criterionKey, score: s.score, comment: s.comment, submittedAt: input.submit ? tx.now() : null, updatedAt: tx.now() })
        .onConflictDoUpdate({ target: [subsidyScores.tenantId, subsidyScores.applicationId, subsidyScores.userId, subsidyScores.criterionKey], set: { score: s.score, comment: s.comment, submittedAt: input.submit ? tx.now() : null, updatedAt: tx.now() } });
    }
    await recordAudit(tx, { action: 'subsidies.assessment_score', subjectType: 'subsidy_application', subjectId: row.app.id, details: { submit: input.submit, count: input.scores.length } });
  });
}

export const conflictInput = z.object({ reason: requiredText(2000) });

/** An assessor declares a conflict of interest for the table of this application: they then cannot assess it. */
export async function declareConflict(ctx: ServiceContext, appId: string, raw: z.input<typeof conflictInput>): Promise<void> {
  const { actor, row, assessor } = await context(ctx, appId);
  if (!assessor) throw new AppError('forbidden', 'subsidies.error.notAssessor');
  const input = await parseChecked(conflictInput, raw, () => []);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(subsidyConflicts).values({ tenantId: tx.tenant, tableId: row.tableId, userId: actor.userId, reason: input.reason }).onConflictDoNothing();
    // Scores not yet handed in are dropped: a conflicted assessor's opinion does not count.
    await tx.db.delete(subsidyScores).where(and(eq(subsidyScores.tenantId, tx.tenant), eq(subsidyScores.applicationId, row.app.id), eq(subsidyScores.userId, actor.userId)));
    await recordAudit(tx, { action: 'subsidies.assessment_conflict', subjectType: 'subsidy_application', subjectId: row.app.id, details: { table: row.tableId } });
  });
}

export const finalInput = z.object({
  scores: z.array(z.object({ criterionKey: requiredText(40), score: z.coerce.number().int().min(SCORE_MIN).max(SCORE_MAX), comment: text(5000).default('') })).min(1),
  conclusion: requiredText(10000),
});
export type FinalInput = z.input<typeof finalInput>;

/** The agreed assessment (a policy advisor records it, after at least one assessor handed in). */
export async function agreeAssessment(ctx: ServiceContext, appId: string, raw: FinalInput): Promise<void> {
  const { actor, row } = await context(ctx, appId);
  if (!managesSubsidies(actor)) throw forbidden();
  if (row.app.status !== 'submitted') throw new AppError('conflict', 'subsidies.error.notSubmitted');
  const { criteria } = await getApplicationForAssessment(ctx, appId);
  const input = await parseChecked(finalInput, raw, (p) => {
    const errors: FieldError[] = [];
    if (p.scores && criteria.some((c) => !p.scores!.some((s) => s.criterionKey === c.key))) errors.push({ field: 'scores', code: 'too_small', message: 'subsidies.error.scoreEveryCriterion' });
    return errors;
  });
  const handedIn = await ctx.db.select({ id: subsidyScores.id }).from(subsidyScores).where(and(eq(subsidyScores.tenantId, ctx.tenant), eq(subsidyScores.applicationId, row.app.id)));
  if (!handedIn.length) throw new AppError('conflict', 'subsidies.error.noScoresYet');
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(subsidyAssessments).values({ tenantId: tx.tenant, applicationId: row.app.id, scores: input.scores, conclusion: input.conclusion, agreedBy: actor.name, agreedAt: tx.now() });
    await markAssessed(tx, row.app.id);
    await recordAudit(tx, { action: 'subsidies.assessment_final', subjectType: 'subsidy_application', subjectId: row.app.id });
  });
}
