// The accountability plan of a theme table for a year: per sub-goal a limited number of crucial choices, and per
// organisation and chosen activity its entry (planned sessions, hours, sub-goals, principles, reach). Partner staff
// change their own organisation's entries; every change bumps the plan's version and keeps a revision (who, why,
// whose part, the plan after the change) and an audit row, in the same transaction.
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import type { ZodObject, ZodRawShape, output } from 'zod';
import { reachPlans, reachPlanChoices, reachPlanEntries, reachPlanTargets, reachPlanRevisions } from './schema.ts';
import { choiceInput, createPlanInput, entryInput, entryReferenceErrors, planFieldLabels, removeInput, MAX_CHOICES_PER_SUB_GOAL, type ChoiceInput, type CreatePlanInput, type EntryInput, type PlanRefs } from './plan-input.ts';
import { editsAllChoices, isTableMember, loadSnapshot, planRow, planView, seesPlan, themeOf, visiblePlan, type PlanRow, type PlanSnapshot, type PlanView } from './plan-read.ts';
import { readsWholePlans, registersFor } from './policy.ts';
import { AppError, invalid, notFound, parseChecked, forbidden, type FieldError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { getOrganisation } from '../network/service.ts';
import { listPeriods, listThemes, listTargetGroups, listDistricts } from '../framework/service.ts';
import { deliversActivity, getActivitySummaries } from '../catalogue/service.ts';

export { MAX_CHOICES_PER_SUB_GOAL } from './plan-input.ts';
export type { PlanView, PlanSnapshot, EntryView, ChoiceView } from './plan-read.ts';

// ------------------------------------------------------------------ helpers

const labelled = (fields: FieldError[]): FieldError[] =>
  fields.map((f) => {
    const label = (planFieldLabels as Record<string, MessageKey>)[f.field.split('.')[0]];
    return label && !f.label ? { ...f, label } : f;
  });

/** parseChecked with this part's field labels. */
async function checked<S extends ZodObject<ZodRawShape>>(schema: S, raw: unknown, refs: (parts: Partial<output<S>>) => FieldError[] | Promise<FieldError[]>): Promise<output<S>> {
  try {
    return await parseChecked(schema, raw, refs);
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') throw invalid(labelled(err.fields));
    throw err;
  }
}

const conflict = (message: MessageKey, field?: string) => new AppError('conflict', message, field ? [{ field, message, code: 'conflict', kind: 'conflict' }] : []);

/** Bumps the version and keeps a revision and an audit row; call inside the change's transaction, after the change. */
async function revise(tx: ServiceContext, plan: PlanRow, change: { reason: string; organisationId: string | null; what: string }): Promise<number> {
  const now = tx.now();
  const [{ version }] = await tx.db
    .update(reachPlans)
    .set({ version: sql`${reachPlans.version} + 1`, updatedAt: now })
    .where(and(eq(reachPlans.tenantId, tx.tenant), eq(reachPlans.id, plan.id)))
    .returning({ version: reachPlans.version });
  const { snapshot } = await loadSnapshot(tx, plan.id);
  const actor = tx.actor;
  await tx.db.insert(reachPlanRevisions).values({
    tenantId: tx.tenant,
    planId: plan.id,
    version,
    organisationId: change.organisationId,
    actorUserId: actor?.userId || null,
    actorName: actor?.name ?? 'systeem',
    reason: change.reason,
    snapshot,
    createdAt: now,
  });
  await recordAudit(tx, { action: 'reach.plan_change', subjectType: 'reach_plan', subjectId: plan.id, details: { theme: plan.themeSlug, year: plan.year, version, change: change.what, organisationId: change.organisationId, reason: change.reason } });
  return version;
}

// ------------------------------------------------------------------ plans

export interface PlanSummary {
  id: string;
  themeSlug: string;
  themeName: string;
  year: number;
  periodCode: string;
  version: number;
  updatedAt: Date;
}

/** The plans the actor may see, by year (newest first) and theme. */
export async function listPlans(ctx: ServiceContext, filter: { year?: number; theme?: string } = {}): Promise<PlanSummary[]> {
  requireActor(ctx);
  const where = [eq(reachPlans.tenantId, ctx.tenant)];
  if (filter.year !== undefined) where.push(eq(reachPlans.year, filter.year));
  if (filter.theme) where.push(eq(reachPlans.themeSlug, filter.theme));
  const rows = await ctx.db.select().from(reachPlans).where(and(...where)).orderBy(desc(reachPlans.year), asc(reachPlans.themeSlug));
  const visible: PlanRow[] = [];
  for (const r of rows) if (await seesPlan(ctx, r)) visible.push(r);
  const themes = new Map<string, string>();
  for (const code of new Set(visible.map((r) => r.periodCode))) for (const t of await listThemes(ctx, code).catch(() => [])) themes.set(`${code}/${t.slug}`, t.name);
  return visible.map((r) => ({ id: r.id, themeSlug: r.themeSlug, themeName: themes.get(`${r.periodCode}/${r.themeSlug}`) ?? r.themeSlug, year: r.year, periodCode: r.periodCode, version: r.version, updatedAt: r.updatedAt }));
}

/**
 * The organisations with entries in a theme's plan of a year (the table's members for that year), for the platform's
 * own use (the accountability document); one small query instead of the whole plan.
 */
export async function planOrganisations(ctx: ServiceContext, themeSlug: string, year: number): Promise<string[]> {
  if (!ctx.system) throw notFound();
  const rows = await ctx.db
    .selectDistinct({ id: reachPlanEntries.organisationId })
    .from(reachPlanEntries)
    .innerJoin(reachPlans, and(eq(reachPlans.tenantId, reachPlanEntries.tenantId), eq(reachPlans.id, reachPlanEntries.planId)))
    .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlans.themeSlug, themeSlug), eq(reachPlans.year, year)));
  return rows.map((r) => r.id);
}

/** One plan with everything in it; "not found" for anyone who may not see it. */
export async function getPlan(ctx: ServiceContext, themeSlug: string, year: number): Promise<PlanView> {
  return planView(ctx, await visiblePlan(ctx, themeSlug, year));
}

/** May the actor start a plan for this theme? Administrators, policy advisors and the table's members. */
export async function mayCreatePlan(ctx: ServiceContext, themeSlug: string): Promise<boolean> {
  return editsAllChoices(ctx) || (await isTableMember(ctx, themeSlug, null));
}

/**
 * The call period a plan year belongs to: the period containing it; after the last period has ended, that latest
 * period (its framework applies until a policy advisor starts a new one), up to next year. Earlier years: none.
 */
export function periodOfYear<P extends { startYear: number; endYear: number | null }>(periods: P[], year: number, thisYear: number): P | undefined {
  const within = periods.find((x) => x.startYear <= year && (x.endYear === null || year <= x.endYear));
  if (within) return within;
  const latest = [...periods].sort((a, b) => b.startYear - a.startYear)[0];
  return latest && latest.endYear !== null && year > latest.endYear && year <= thisYear + 1 ? latest : undefined;
}

/** A new (empty) plan for a theme and a year; the year must fall in one of the framework's call periods (or after the last, up to next year). */
export async function createPlan(ctx: ServiceContext, raw: CreatePlanInput): Promise<PlanView> {
  requireActor(ctx);
  if (!hasRole(ctx.actor, 'administrator', 'policy_advisor', 'partner_staff')) throw forbidden();
  const periods = await listPeriods(ctx);
  let periodCode = '';
  const input = await checked(createPlanInput, raw, async (p) => {
    const errors: FieldError[] = [];
    const period = p.year === undefined ? undefined : periodOfYear(periods, p.year, ctx.now().getUTCFullYear());
    if (p.year !== undefined && !period) {
      const list = periods.map((x) => `${x.startYear}–${x.endYear ?? '…'}`).join(', ') || '—';
      errors.push({ field: 'year', code: 'outside_period', message: 'reach.plan.error.yearOutsidePeriods', params: { periods: list } });
    }
    if (period) periodCode = period.code;
    if (p.theme && period && !(await listThemes(ctx, period.code)).some((t) => t.slug === p.theme)) errors.push({ field: 'theme', code: 'unknown_reference', message: 'reach.plan.error.unknownTheme' });
    if (p.theme && !errors.length && !(await mayCreatePlan(ctx, p.theme))) errors.push({ field: 'theme', code: 'not_allowed', message: 'reach.plan.error.notAtTable' });
    return errors;
  });
  if (await planRow(ctx, input.theme, input.year)) throw conflict('reach.plan.error.exists', 'year');
  const row = await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const [plan] = await tx.db.insert(reachPlans).values({ tenantId: tx.tenant, themeSlug: input.theme, year: input.year, periodCode, version: 0, createdAt: now, updatedAt: now }).onConflictDoNothing().returning();
    if (!plan) throw conflict('reach.plan.error.exists', 'year');
    const version = await revise(tx, plan, { reason: input.reason, organisationId: null, what: 'plan_create' });
    return { ...plan, version };
  });
  return planView(ctx, row);
}

// ------------------------------------------------------------------ choices

async function themeRefs(ctx: ServiceContext, plan: PlanRow): Promise<PlanRefs> {
  const [theme, groups, districts] = await sideBySide(ctx, [() => themeOf(ctx, plan), () => listTargetGroups(ctx), () => listDistricts(ctx)]);
  return {
    subGoals: new Set(theme ? theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)) : []),
    principles: new Set(theme ? theme.principleGroups.flatMap((g) => g.items.map((i) => i.key)) : []),
    targetGroups: new Set(groups.map((g) => g.key)),
    districts: new Set(districts.map((d) => d.code)),
  };
}

async function choiceRow(ctx: ServiceContext, plan: PlanRow, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await ctx.db
    .select()
    .from(reachPlanChoices)
    .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, plan.id), eq(reachPlanChoices.id, id)));
  if (!row) throw notFound();
  return row;
}

/** Other organisations' entries for an activity of the plan (they hang on a choice of that activity). */
async function entriesOfOthers(ctx: ServiceContext, plan: PlanRow, activityId: string | null): Promise<number> {
  if (!activityId) return 0;
  const own = ctx.actor?.organisationId ?? '';
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reachPlanEntries)
    .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlanEntries.planId, plan.id), eq(reachPlanEntries.activityId, activityId), ne(reachPlanEntries.organisationId, own)));
  return Number(n);
}

async function entriesFor(ctx: ServiceContext, plan: PlanRow, activityId: string): Promise<number> {
  const [{ n }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reachPlanEntries)
    .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlanEntries.planId, plan.id), eq(reachPlanEntries.activityId, activityId)));
  return Number(n);
}

/** May the actor change this choice? Administrators and policy advisors; table members while no other organisation has entries under it. */
async function mayChangeChoice(ctx: ServiceContext, plan: PlanRow, activityId: string | null): Promise<boolean> {
  if (editsAllChoices(ctx)) return true;
  if (!(await isTableMember(ctx, plan.themeSlug, plan.id))) return false;
  return (await entriesOfOthers(ctx, plan, activityId)) === 0;
}

async function checkChoice(ctx: ServiceContext, plan: PlanRow, raw: ChoiceInput, current?: { id: string }) {
  const refs = await themeRefs(ctx, plan);
  return checked(choiceInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.subGoal && !refs.subGoals.has(p.subGoal)) errors.push({ field: 'subGoal', code: 'unknown_reference', message: 'reach.plan.error.unknownSubGoal' });
    if (p.activityId && !(await getActivitySummaries(ctx, [p.activityId])).has(p.activityId)) errors.push({ field: 'activityId', code: 'unknown_reference', message: 'reach.plan.error.unknownActivity' });
    const hasActivity = !!p.activityId || (raw as { activityId?: unknown })?.activityId;
    if (!hasActivity && !p.activityKind) errors.push({ field: 'activityKind', code: 'required', message: 'reach.plan.error.activityOrKind' });
    if (p.subGoal && refs.subGoals.has(p.subGoal)) {
      const others = (
        await ctx.db
          .select({ id: reachPlanChoices.id, activityId: reachPlanChoices.activityId })
          .from(reachPlanChoices)
          .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, plan.id), eq(reachPlanChoices.subGoalKey, p.subGoal)))
      ).filter((c) => c.id !== current?.id);
      if (others.length >= MAX_CHOICES_PER_SUB_GOAL) errors.push({ field: 'subGoal', code: 'too_many', message: 'reach.plan.error.tooManyChoices', params: { max: MAX_CHOICES_PER_SUB_GOAL } });
      else if (p.activityId && others.some((c) => c.activityId === p.activityId)) errors.push({ field: 'activityId', code: 'duplicate', message: 'reach.plan.error.choiceTwice' });
    }
    return errors;
  });
}

/** Adds a crucial choice to a sub-goal (at most MAX_CHOICES_PER_SUB_GOAL per sub-goal). */
export async function addChoice(ctx: ServiceContext, themeSlug: string, year: number, raw: ChoiceInput): Promise<PlanView> {
  const plan = await visiblePlan(ctx, themeSlug, year);
  if (!editsAllChoices(ctx) && !(await isTableMember(ctx, plan.themeSlug, plan.id))) throw forbidden();
  const input = await checkChoice(ctx, plan, raw);
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const [{ n }] = await tx.db.select({ n: sql<number>`count(*)::int` }).from(reachPlanChoices).where(and(eq(reachPlanChoices.tenantId, tx.tenant), eq(reachPlanChoices.planId, plan.id), eq(reachPlanChoices.subGoalKey, input.subGoal)));
    await tx.db.insert(reachPlanChoices).values({ tenantId: tx.tenant, planId: plan.id, subGoalKey: input.subGoal, activityId: input.activityId ?? null, activityKind: input.activityKind, indicators: input.indicators, method: input.method, position: Number(n), createdAt: now, updatedAt: now });
    await revise(tx, plan, { reason: input.reason, organisationId: tx.actor?.organisationId ?? null, what: 'choice_add' });
  });
  return getPlan(ctx, themeSlug, year);
}

export async function updateChoice(ctx: ServiceContext, themeSlug: string, year: number, choiceId: string, raw: ChoiceInput): Promise<PlanView> {
  const plan = await visiblePlan(ctx, themeSlug, year);
  const current = await choiceRow(ctx, plan, choiceId);
  if (!(await mayChangeChoice(ctx, plan, current.activityId))) throw forbidden();
  const input = await checkChoice(ctx, plan, raw, current);
  // Entries hang on the chosen activity: another activity would leave them without a choice.
  if (current.activityId && (input.activityId ?? null) !== current.activityId && (await entriesFor(ctx, plan, current.activityId)) > 0 && !(await chosenElsewhere(ctx, plan, current))) {
    throw conflict('reach.plan.error.choiceHasEntries', 'activityId');
  }
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(reachPlanChoices)
      .set({ subGoalKey: input.subGoal, activityId: input.activityId ?? null, activityKind: input.activityKind, indicators: input.indicators, method: input.method, updatedAt: tx.now() })
      .where(and(eq(reachPlanChoices.tenantId, tx.tenant), eq(reachPlanChoices.id, current.id)));
    await revise(tx, plan, { reason: input.reason, organisationId: tx.actor?.organisationId ?? null, what: 'choice_update' });
  });
  return getPlan(ctx, themeSlug, year);
}

/** Whether the activity of this choice is also chosen under another choice of the plan (its entries then stay). */
async function chosenElsewhere(ctx: ServiceContext, plan: PlanRow, choice: { id: string; activityId: string | null }): Promise<boolean> {
  if (!choice.activityId) return false;
  const rows = await ctx.db
    .select({ id: reachPlanChoices.id })
    .from(reachPlanChoices)
    .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, plan.id), eq(reachPlanChoices.activityId, choice.activityId), ne(reachPlanChoices.id, choice.id)));
  return rows.length > 0;
}

/** Removes a choice; the entries for its activity go with it unless the activity is chosen elsewhere in the plan. */
export async function removeChoice(ctx: ServiceContext, themeSlug: string, year: number, choiceId: string, raw: { reason?: unknown }): Promise<PlanView> {
  const plan = await visiblePlan(ctx, themeSlug, year);
  const current = await choiceRow(ctx, plan, choiceId);
  if (!(await mayChangeChoice(ctx, plan, current.activityId))) throw forbidden();
  const { reason } = await checked(removeInput, raw, () => []);
  const keepEntries = await chosenElsewhere(ctx, plan, current);
  await inTransaction(ctx, async (tx) => {
    if (current.activityId && !keepEntries) {
      await tx.db.delete(reachPlanEntries).where(and(eq(reachPlanEntries.tenantId, tx.tenant), eq(reachPlanEntries.planId, plan.id), eq(reachPlanEntries.activityId, current.activityId)));
    }
    await tx.db.delete(reachPlanChoices).where(and(eq(reachPlanChoices.tenantId, tx.tenant), eq(reachPlanChoices.id, current.id)));
    await revise(tx, plan, { reason, organisationId: tx.actor?.organisationId ?? null, what: 'choice_remove' });
  });
  return getPlan(ctx, themeSlug, year);
}

// ------------------------------------------------------------------ entries

async function entryRow(ctx: ServiceContext, plan: PlanRow, id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await ctx.db
    .select()
    .from(reachPlanEntries)
    .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlanEntries.planId, plan.id), eq(reachPlanEntries.id, id)));
  if (!row) throw notFound();
  return row;
}

/**
 * Adds an organisation's entry for a chosen activity (entryId absent) or changes one. Partner staff plan for their
 * own organisation, which must deliver the activity (its main or a partner organisation); administrators choose.
 */
export async function saveEntry(ctx: ServiceContext, themeSlug: string, year: number, raw: EntryInput, entryId?: string): Promise<PlanView> {
  const actor = requireActor(ctx);
  const plan = await visiblePlan(ctx, themeSlug, year);
  const current = entryId ? await entryRow(ctx, plan, entryId) : null;
  if (current && !registersFor(actor, current.organisationId)) throw readsWholePlans(actor) || (await seesPlan(ctx, plan)) ? forbidden() : notFound();
  const admin = hasRole(actor, 'administrator');
  if (!current && !admin && !(actor.organisationId && registersFor(actor, actor.organisationId))) throw forbidden();
  const refs = await themeRefs(ctx, plan);
  const body = current ? { ...(raw as object), activityId: current.activityId, organisationId: current.organisationId } : raw;
  let organisationId = current?.organisationId ?? '';
  const input = await checked(entryInput, body, async (p) => {
    const errors = entryReferenceErrors(p, refs);
    if (!current) {
      organisationId = admin ? (p.organisationId ?? '') : (actor.organisationId ?? '');
      if (admin && !organisationId) errors.push({ field: 'organisationId', code: 'required', message: 'validation.required' });
      if (!admin && p.organisationId && p.organisationId !== actor.organisationId) errors.push({ field: 'organisationId', code: 'not_allowed', message: 'reach.plan.error.ownOrganisationOnly' });
    }
    if (p.activityId && !current) {
      const chosen = await ctx.db
        .select({ id: reachPlanChoices.id })
        .from(reachPlanChoices)
        .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, plan.id), eq(reachPlanChoices.activityId, p.activityId)))
        .limit(1);
      const activity = (await getActivitySummaries(ctx, [p.activityId])).get(p.activityId);
      if (!chosen.length || !activity) errors.push({ field: 'activityId', code: 'unknown_reference', message: 'reach.plan.error.activityNotChosen' });
      else if (organisationId && !deliversActivity(activity, organisationId)) errors.push({ field: 'organisationId', code: 'not_allowed', message: 'reach.plan.error.notDelivering' });
      else if (organisationId && admin && !(await getOrganisation(ctx, organisationId).then(() => true, () => false))) errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'error.unknownOrganisation' });
    }
    return errors;
  });
  await inTransaction(ctx, async (tx) => {
    const now = tx.now();
    const values = { plannedSessions: input.plannedSessions, plannedHours: input.plannedHours, subGoals: [...new Set(input.subGoals)], principles: [...new Set(input.principles)], updatedAt: now };
    let id = current?.id;
    if (current) await tx.db.update(reachPlanEntries).set(values).where(and(eq(reachPlanEntries.tenantId, tx.tenant), eq(reachPlanEntries.id, current.id)));
    else {
      const [row] = await tx.db
        .insert(reachPlanEntries)
        .values({ ...values, tenantId: tx.tenant, planId: plan.id, activityId: input.activityId, organisationId, createdAt: now })
        .onConflictDoNothing()
        .returning({ id: reachPlanEntries.id });
      if (!row) throw conflict('reach.plan.error.entryExists', 'activityId');
      id = row.id;
    }
    await tx.db.delete(reachPlanTargets).where(and(eq(reachPlanTargets.tenantId, tx.tenant), eq(reachPlanTargets.entryId, id!)));
    if (input.targets.length) await tx.db.insert(reachPlanTargets).values(input.targets.map((t) => ({ tenantId: tx.tenant, entryId: id!, targetGroup: t.targetGroup, districtCode: t.district, plannedResidents: t.plannedResidents })));
    await revise(tx, plan, { reason: input.reason, organisationId, what: current ? 'entry_update' : 'entry_add' });
  });
  return getPlan(ctx, themeSlug, year);
}

export async function removeEntry(ctx: ServiceContext, themeSlug: string, year: number, entryId: string, raw: { reason?: unknown }): Promise<PlanView> {
  const actor = requireActor(ctx);
  const plan = await visiblePlan(ctx, themeSlug, year);
  const current = await entryRow(ctx, plan, entryId);
  if (!registersFor(actor, current.organisationId)) throw forbidden();
  const { reason } = await checked(removeInput, raw, () => []);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(reachPlanEntries).where(and(eq(reachPlanEntries.tenantId, tx.tenant), eq(reachPlanEntries.id, current.id)));
    await revise(tx, plan, { reason, organisationId: current.organisationId, what: 'entry_remove' });
  });
  return getPlan(ctx, themeSlug, year);
}

// ------------------------------------------------------------------ history

export interface PlanRevisionView {
  version: number;
  actorName: string;
  organisationId: string | null;
  reason: string;
  createdAt: Date;
  snapshot: PlanSnapshot;
}

/** Every version of a plan, newest first, with who changed it, for which organisation, why, and the plan after it. */
export async function listPlanRevisions(ctx: ServiceContext, themeSlug: string, year: number): Promise<PlanRevisionView[]> {
  const plan = await visiblePlan(ctx, themeSlug, year);
  const rows = await ctx.db
    .select()
    .from(reachPlanRevisions)
    .where(and(eq(reachPlanRevisions.tenantId, ctx.tenant), eq(reachPlanRevisions.planId, plan.id)))
    .orderBy(desc(reachPlanRevisions.version));
  return rows.map((r) => ({ version: r.version, actorName: r.actorName, organisationId: r.organisationId, reason: r.reason, createdAt: r.createdAt, snapshot: r.snapshot as PlanSnapshot }));
}
