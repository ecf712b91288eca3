// Individual support trajectories (financial help, light support, coaching, …) of one resident with one partner
// organisation: registered by its staff with a keyed pseudonym (pass number, or name + date of birth, turned into a
// pseudonym by the reach module and never stored or echoed), then ended with the result at outflow. Optional
// self-reliance scores (1–5) per life domain at the start and at the end.
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { effectsTrajectories, effectsTrajectoryScores } from './schema.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { forbidden, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { listThemes, listNeighbourhoods } from '../framework/service.ts';
import { identifierOf, pseudonymOf, isBsn } from '../reach/service.ts';
import { readsAllRegisters, readsRecordOf, registersRecordsFor } from './policy.ts';
import { checkTerm, listTerms } from './outflow-terms.ts';
import { isIsoDate } from './complaint-deadline.ts';

export const outflowResults = ['reached', 'partly', 'not'] as const;
export type OutflowResult = (typeof outflowResults)[number];

const isoDate = z.string().trim().refine(isIsoDate, { message: 'validation.date' }).openapi({ format: 'date' });
const score = z.coerce.number().int().min(1).max(5);
const scores = z.record(z.string().max(40), score).default({});

export const trajectoryInput = z.object({
  organisationId: z.uuid(),
  passNumber: z.string().trim().max(40).optional(),
  name: z.string().trim().max(200).optional(),
  birthDate: z.string().trim().max(20).optional().openapi({ format: 'date', description: 'Geboortedatum (2024-03-01; ook 1-3-2024): alleen voor het pseudoniem, nooit bewaard' }),
  kindKey: z.string().trim().min(1).max(40),
  themeSlug: z.string().trim().min(1).max(60),
  subGoals: z.array(z.string().max(80)).max(30).default([]),
  wijkCode: z.string().trim().max(20).nullable().optional(),
  startDate: isoDate,
  goals: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  startScores: scores,
});
export type TrajectoryInput = z.input<typeof trajectoryInput>;

export const endTrajectoryInput = z.object({
  endDate: isoDate,
  endingReasonKey: z.string().trim().min(1).max(40),
  result: z.enum(outflowResults),
  endScores: scores,
});
export type EndTrajectoryInput = z.input<typeof endTrajectoryInput>;

export interface TrajectoryView {
  id: string;
  organisationId: string;
  kindKey: string;
  themeSlug: string;
  subGoals: string[];
  wijkCode: string | null;
  districtCode: string | null;
  startDate: string;
  goals: string[];
  endDate: string | null;
  endingReasonKey: string | null;
  result: OutflowResult | null;
  scores: { domainKey: string; start: number | null; end: number | null }[];
}

const isUuid = (s: string) => z.uuid().safeParse(s).success;

async function checkScores(ctx: ServiceContext, s: Record<string, number> | undefined, field: string): Promise<FieldError[]> {
  if (!s) return [];
  const domains = new Set((await listTerms(ctx, 'domain', { activeOnly: true })).map((d) => d.key));
  return Object.keys(s)
    .filter((k) => !domains.has(k))
    .map((k) => ({ field: `${field}.${k}`, message: 'effects.error.unknownKey', code: 'unknown_reference' }));
}

async function checkReferences(ctx: ServiceContext, p: Partial<z.output<typeof trajectoryInput>>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (p.organisationId && !registersRecordsFor(ctx.actor, p.organisationId)) errors.push({ field: 'organisationId', message: 'effects.error.notYourOrganisation', code: 'forbidden' });
  errors.push(...(await checkTerm(ctx, 'trajectory_kind', p.kindKey, 'kindKey')));
  if (p.themeSlug) {
    const theme = (await listThemes(ctx)).find((t) => t.slug === p.themeSlug);
    if (!theme) errors.push({ field: 'themeSlug', message: 'effects.error.unknownKey', code: 'unknown_reference' });
    else {
      const keys = new Set(theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)));
      (p.subGoals ?? []).forEach((s, i) => !keys.has(s) && errors.push({ field: `subGoals.${i}`, message: 'effects.error.subGoalOfTheme', code: 'unknown_reference' }));
    }
  }
  if (p.wijkCode && !(await listNeighbourhoods(ctx)).some((n) => n.kind === 'wijk' && n.code === p.wijkCode)) errors.push({ field: 'wijkCode', message: 'effects.error.unknownKey', code: 'unknown_reference' });
  errors.push(...(await checkScores(ctx, p.startScores, 'startScores')));
  return errors;
}

/** The pseudonym of the resident of a trajectory; errors name the field without echoing what was typed. */
function residentPseudonym(ctx: ServiceContext, p: { passNumber?: string; name?: string; birthDate?: string }): Buffer {
  if ((p.passNumber && isBsn(p.passNumber)) || (p.name && isBsn(p.name))) throw invalid([{ field: p.passNumber ? 'passNumber' : 'name', message: 'effects.outflow.error.bsn', code: 'bsn' }]);
  const who = identifierOf({ passNumber: p.passNumber, name: p.name, birthDate: p.birthDate });
  if (who.kind === 'anonymous') throw invalid([{ field: 'passNumber', message: 'effects.outflow.error.identityRequired', code: 'required' }]);
  if (who.kind === 'invalid') throw invalid([{ field: who.field, message: `effects.outflow.error.${who.reason}`, code: who.reason }]);
  return pseudonymOf(ctx.tenant, who.identifier);
}

async function loadScores(ctx: ServiceContext, ids: string[]) {
  if (ids.length === 0) return new Map<string, TrajectoryView['scores']>();
  const rows = await ctx.db.select().from(effectsTrajectoryScores).where(and(eq(effectsTrajectoryScores.tenantId, ctx.tenant), inArray(effectsTrajectoryScores.trajectoryId, ids)));
  const out = new Map<string, TrajectoryView['scores']>();
  for (const r of rows) out.set(r.trajectoryId, [...(out.get(r.trajectoryId) ?? []), { domainKey: r.domainKey, start: r.startScore, end: r.endScore }]);
  return out;
}

const view = (r: typeof effectsTrajectories.$inferSelect, s: TrajectoryView['scores']): TrajectoryView => ({
  id: r.id,
  organisationId: r.organisationId,
  kindKey: r.kindKey,
  themeSlug: r.themeSlug,
  subGoals: r.subGoals,
  wijkCode: r.wijkCode,
  districtCode: r.districtCode,
  startDate: r.startDate,
  goals: r.goals,
  endDate: r.endDate,
  endingReasonKey: r.endingReasonKey,
  result: (r.result as OutflowResult | null) ?? null,
  scores: s.sort((a, b) => a.domainKey.localeCompare(b.domainKey)),
});

export async function registerTrajectory(ctx: ServiceContext, raw: TrajectoryInput): Promise<TrajectoryView> {
  const actor = requireActor(ctx);
  if (!readsAllRegisters(actor) && !actor.organisationId) throw forbidden();
  const input = await parseChecked(trajectoryInput, raw, (p) => checkReferences(ctx, p));
  const pseudonym = residentPseudonym(ctx, input);
  const wijk = input.wijkCode ? (await listNeighbourhoods(ctx)).find((n) => n.code === input.wijkCode) : undefined;
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx.db
      .insert(effectsTrajectories)
      .values({
        tenantId: tx.tenant,
        organisationId: input.organisationId,
        pseudonym,
        kindKey: input.kindKey,
        themeSlug: input.themeSlug,
        subGoals: input.subGoals,
        wijkCode: input.wijkCode || null,
        districtCode: wijk?.districtCode ?? null,
        startDate: input.startDate,
        goals: input.goals,
        createdBy: actor.userId || null,
      })
      .returning();
    const entries = Object.entries(input.startScores);
    if (entries.length) await tx.db.insert(effectsTrajectoryScores).values(entries.map(([domainKey, s]) => ({ tenantId: tx.tenant, trajectoryId: row.id, domainKey, startScore: s })));
    await recordAudit(tx, { action: 'effects.trajectory.registered', subjectType: 'effects_trajectory', subjectId: row.id, onBehalfOf: actor.organisationId === input.organisationId ? undefined : { organisationId: input.organisationId } });
    return getTrajectory(tx, row.id);
  });
}

/** Ends a trajectory (or corrects its ending): end date, reason, result at outflow and the end scores. */
export async function endTrajectory(ctx: ServiceContext, id: string, raw: EndTrajectoryInput): Promise<TrajectoryView> {
  const current = await getTrajectory(ctx, id);
  if (!registersRecordsFor(ctx.actor, current.organisationId)) throw notFound();
  const input = await parseChecked(endTrajectoryInput, raw, async (p) => [
    ...(await checkTerm(ctx, 'ending_reason', p.endingReasonKey, 'endingReasonKey')),
    ...(await checkScores(ctx, p.endScores, 'endScores')),
    ...(p.endDate && p.endDate < current.startDate ? [{ field: 'endDate', message: 'effects.outflow.error.endBeforeStart', code: 'too_small' }] : []),
  ]);
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .update(effectsTrajectories)
      .set({ endDate: input.endDate, endingReasonKey: input.endingReasonKey, result: input.result, updatedAt: tx.now() })
      .where(and(eq(effectsTrajectories.tenantId, tx.tenant), eq(effectsTrajectories.id, id)));
    for (const [domainKey, s] of Object.entries(input.endScores)) {
      await tx.db
        .insert(effectsTrajectoryScores)
        .values({ tenantId: tx.tenant, trajectoryId: id, domainKey, endScore: s })
        .onConflictDoUpdate({ target: [effectsTrajectoryScores.tenantId, effectsTrajectoryScores.trajectoryId, effectsTrajectoryScores.domainKey], set: { endScore: s } });
    }
    await recordAudit(tx, { action: 'effects.trajectory.ended', subjectType: 'effects_trajectory', subjectId: id, details: { result: input.result, endingReasonKey: input.endingReasonKey } });
    return getTrajectory(tx, id);
  });
}

export async function getTrajectory(ctx: ServiceContext, id: string): Promise<TrajectoryView> {
  requireActor(ctx);
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(effectsTrajectories).where(and(eq(effectsTrajectories.tenantId, ctx.tenant), eq(effectsTrajectories.id, id)));
  if (!row || !readsRecordOf(ctx.actor, row.organisationId)) throw notFound();
  return view(row, (await loadScores(ctx, [row.id])).get(row.id) ?? []);
}

/** Trajectories one may read: the own organisation's (staff), or all (policy advisors, administrators). */
export async function listTrajectories(ctx: ServiceContext, filter: { organisationId?: string; open?: boolean } = {}): Promise<TrajectoryView[]> {
  const actor = requireActor(ctx);
  const where: SQL[] = [eq(effectsTrajectories.tenantId, ctx.tenant)];
  if (!readsAllRegisters(actor)) {
    if (!actor.organisationId || !readsRecordOf(actor, actor.organisationId)) throw forbidden();
    where.push(eq(effectsTrajectories.organisationId, actor.organisationId));
  } else if (filter.organisationId && isUuid(filter.organisationId)) where.push(eq(effectsTrajectories.organisationId, filter.organisationId));
  const rows = await ctx.db.select().from(effectsTrajectories).where(and(...where)).orderBy(desc(effectsTrajectories.startDate)).limit(500);
  const s = await loadScores(ctx, rows.map((r) => r.id));
  const all = rows.map((r) => view(r, s.get(r.id) ?? []));
  return filter.open === undefined ? all : all.filter((t) => (t.endDate === null) === filter.open);
}
