// Reading accountability plans: who sees a plan (answer "not found" to anyone else), the plan as one view with its
// choices per sub-goal and every organisation's entries, and the snapshot a revision keeps.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { reachPlans, reachPlanChoices, reachPlanEntries, reachPlanTargets } from './schema.ts';
import { readsWholePlans, registersFor } from './policy.ts';
import { notFound } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { requireActor } from '../../platform/auth/require.ts';
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/client.ts';
import { getOrganisation, getOrganisationNames, isMemberOfThemeTable } from '../network/service.ts';
import { listThemes, type ThemeView } from '../framework/service.ts';
import { deliversActivity, getActivitySummaries, type ActivitySummary } from '../catalogue/service.ts';

export type PlanRow = typeof reachPlans.$inferSelect;

export interface TargetView {
  targetGroup: string;
  district: string;
  plannedResidents: number;
}

export interface ChoiceView {
  id: string;
  subGoal: string;
  activityId: string | null;
  activityTitle: string;
  activityKind: string;
  indicators: string;
  method: string;
  /** The organisations that deliver the chosen activity (main first): they may add an entry for it. */
  deliveredBy: { id: string; name: string }[];
}

export interface EntryView {
  id: string;
  activityId: string;
  activityTitle: string;
  organisationId: string;
  organisationName: string;
  plannedSessions: number;
  plannedHours: number;
  subGoals: string[];
  principles: string[];
  targets: TargetView[];
}

/** The content of a plan at one version: what a revision keeps, and what the history compares. */
export interface PlanSnapshot {
  choices: Omit<ChoiceView, 'deliveredBy'>[];
  entries: EntryView[];
}

export interface PlanView extends PlanSnapshot {
  id: string;
  themeSlug: string;
  themeName: string;
  year: number;
  periodCode: string;
  version: number;
  updatedAt: Date;
  /** Sub-goals of the theme, in the framework's order, each with its choices. */
  subGoals: { key: string; text: string; choices: ChoiceView[] }[];
  /** Principles of the theme (key and text), for the entry form and labels. */
  principlesOfTheme: { key: string; text: string }[];
  /** What the actor may change. */
  may: { editChoices: boolean; addChoices: boolean; entriesFor: 'all' | string[] };
}

// ------------------------------------------------------------------ access

/** The actor's organisation record when the actor is partner staff of one (the table membership needs its themes). */
async function staffOrganisation(ctx: ServiceContext): Promise<{ id: string; themes: string[] } | null> {
  const a = ctx.actor;
  if (!a?.organisationId || !hasRole(a, 'partner_staff')) return null;
  return getOrganisation(ctx, a.organisationId).then(
    (o) => ({ id: o.id, themes: o.themes }),
    () => null,
  );
}

async function hasEntries(ctx: ServiceContext, planId: string, organisationId: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ n: sql<number>`1` })
    .from(reachPlanEntries)
    .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlanEntries.planId, planId), eq(reachPlanEntries.organisationId, organisationId)))
    .limit(1);
  return !!row;
}

/** Whether the organisation delivers (alone or jointly) an activity chosen in the plan: it may then add its entry. */
async function deliversAChoice(ctx: ServiceContext, planId: string, organisationId: string): Promise<boolean> {
  const rows = await ctx.db
    .select({ activityId: reachPlanChoices.activityId })
    .from(reachPlanChoices)
    .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, planId)));
  const ids = rows.map((r) => r.activityId).filter((x): x is string => !!x);
  if (!ids.length) return false;
  return [...(await getActivitySummaries(ctx, ids)).values()].some((a) => deliversActivity(a, organisationId));
}

/**
 * A member of the plan's table: staff of an organisation that works on the theme (its `themes`), that has entries in
 * the plan, or that delivers (alone or jointly) one of the plan's chosen activities.
 */
export async function isTableMember(ctx: ServiceContext, themeSlug: string, planId: string | null): Promise<boolean> {
  const org = await staffOrganisation(ctx);
  if (!org) return false;
  if (isMemberOfThemeTable(ctx.actor, themeSlug, org)) return true;
  return planId ? (await hasEntries(ctx, planId, org.id)) || (await deliversAChoice(ctx, planId, org.id)) : false;
}

/** Sees the whole plan: policy advisors, contract managers, administrators, and the table's members. */
export async function seesPlan(ctx: ServiceContext, plan: Pick<PlanRow, 'id' | 'themeSlug'>): Promise<boolean> {
  if (readsWholePlans(ctx.actor)) return true;
  return isTableMember(ctx, plan.themeSlug, plan.id);
}

/**
 * seesPlan for several plans at once: the actor's organisation is read once (not per plan), and a plan's entries and
 * choices only when its theme does not already make the actor a member of its table.
 */
export async function visiblePlanIds(ctx: ServiceContext, plans: Pick<PlanRow, 'id' | 'themeSlug'>[]): Promise<Set<string>> {
  if (!plans.length) return new Set();
  if (readsWholePlans(ctx.actor)) return new Set(plans.map((p) => p.id));
  const org = await staffOrganisation(ctx);
  if (!org) return new Set();
  const seen = new Set<string>();
  for (const p of plans) if (isMemberOfThemeTable(ctx.actor, p.themeSlug, org) || (await hasEntries(ctx, p.id, org.id)) || (await deliversAChoice(ctx, p.id, org.id))) seen.add(p.id);
  return seen;
}

/** Changes the choices (the crucial activities per sub-goal): administrators and policy advisors. */
export const editsAllChoices = (ctx: ServiceContext) => hasRole(ctx.actor, 'administrator', 'policy_advisor');

export async function planRow(ctx: ServiceContext, themeSlug: string, year: number): Promise<PlanRow | null> {
  if (!Number.isSafeInteger(year) || year < 0 || year > 9999) return null;
  const [row] = await ctx.db
    .select()
    .from(reachPlans)
    .where(and(eq(reachPlans.tenantId, ctx.tenant), eq(reachPlans.themeSlug, themeSlug), eq(reachPlans.year, year)));
  return row ?? null;
}

/** The plan row when the actor may see it; otherwise "not found" (no existence leak). */
export async function visiblePlan(ctx: ServiceContext, themeSlug: string, year: number): Promise<PlanRow> {
  requireActor(ctx);
  const row = await planRow(ctx, themeSlug, year);
  if (!row || !(await seesPlan(ctx, row))) throw notFound();
  return row;
}

// ------------------------------------------------------------------ loading

/** The theme of a plan in the plan's call period (null when the framework no longer has it). */
export async function themeOf(ctx: ServiceContext, plan: Pick<PlanRow, 'themeSlug' | 'periodCode'>): Promise<ThemeView | null> {
  return (await listThemes(ctx, plan.periodCode).catch(() => [])).find((t) => t.slug === plan.themeSlug) ?? null;
}

export async function loadSnapshot(ctx: ServiceContext, planId: string): Promise<{ snapshot: PlanSnapshot; activities: Map<string, ActivitySummary> }> {
  // Read inside the plan's transactions too (revise): side by side only outside one.
  const [choiceRows, entryRows] = await sideBySide(ctx, [
    () => ctx.db
      .select()
      .from(reachPlanChoices)
      .where(and(eq(reachPlanChoices.tenantId, ctx.tenant), eq(reachPlanChoices.planId, planId)))
      .orderBy(asc(reachPlanChoices.subGoalKey), asc(reachPlanChoices.position), asc(reachPlanChoices.createdAt), asc(reachPlanChoices.id)),
    () => ctx.db
      .select()
      .from(reachPlanEntries)
      .where(and(eq(reachPlanEntries.tenantId, ctx.tenant), eq(reachPlanEntries.planId, planId)))
      .orderBy(asc(reachPlanEntries.createdAt), asc(reachPlanEntries.id)),
  ]);
  const targetRows = entryRows.length
    ? await ctx.db
        .select()
        .from(reachPlanTargets)
        .where(and(eq(reachPlanTargets.tenantId, ctx.tenant), inArray(reachPlanTargets.entryId, entryRows.map((e) => e.id))))
        .orderBy(asc(reachPlanTargets.targetGroup), asc(reachPlanTargets.districtCode))
    : [];
  const activities = await getActivitySummaries(ctx, [...choiceRows.map((c) => c.activityId).filter((x): x is string => !!x), ...entryRows.map((e) => e.activityId)]);
  const orgIds = [...entryRows.map((e) => e.organisationId), ...[...activities.values()].flatMap((a) => [a.organisationId, ...a.partnerOrganisationIds])];
  const names = await getOrganisationNames(ctx, [...new Set(orgIds)]);
  const title = (id: string | null) => (id ? (activities.get(id)?.title ?? '') : '');
  return {
    activities,
    snapshot: {
      choices: choiceRows.map((c) => ({ id: c.id, subGoal: c.subGoalKey, activityId: c.activityId, activityTitle: title(c.activityId), activityKind: c.activityKind, indicators: c.indicators, method: c.method })),
      entries: entryRows
        .map((e) => ({
          id: e.id,
          activityId: e.activityId,
          activityTitle: title(e.activityId),
          organisationId: e.organisationId,
          organisationName: names.get(e.organisationId) ?? '',
          plannedSessions: e.plannedSessions,
          plannedHours: Number(e.plannedHours),
          subGoals: e.subGoals,
          principles: e.principles,
          targets: targetRows.filter((t) => t.entryId === e.id).map((t) => ({ targetGroup: t.targetGroup, district: t.districtCode, plannedResidents: t.plannedResidents })),
        }))
        .sort((a, b) => a.activityTitle.localeCompare(b.activityTitle, 'nl') || a.organisationName.localeCompare(b.organisationName, 'nl')),
    },
  };
}

/** The whole plan as the actor sees it (the caller checked that the actor may). */
export async function planView(ctx: ServiceContext, row: PlanRow): Promise<PlanView> {
  const [{ snapshot, activities }, theme, member] = await sideBySide(ctx, [() => loadSnapshot(ctx, row.id), () => themeOf(ctx, row), () => isTableMember(ctx, row.themeSlug, row.id)]);
  const names = await getOrganisationNames(ctx, [...new Set([...activities.values()].flatMap((a) => [a.organisationId, ...a.partnerOrganisationIds]))]);
  const choices: ChoiceView[] = snapshot.choices.map((c) => {
    const a = c.activityId ? activities.get(c.activityId) : undefined;
    return { ...c, deliveredBy: a ? [a.organisationId, ...a.partnerOrganisationIds].map((id) => ({ id, name: names.get(id) ?? '' })) : [] };
  });
  const themeSubGoals = theme ? theme.subGoalGroups.flatMap((g) => g.subGoals) : [];
  // Sub-goals the theme no longer has still show, with their key as text, so no choice disappears from view.
  const keys = [...themeSubGoals.map((s) => s.key), ...new Set(choices.map((c) => c.subGoal).filter((k) => !themeSubGoals.some((s) => s.key === k)))];
  const own = ctx.actor?.organisationId;
  return {
    id: row.id,
    themeSlug: row.themeSlug,
    themeName: theme?.name ?? row.themeSlug,
    year: row.year,
    periodCode: row.periodCode,
    version: row.version,
    updatedAt: row.updatedAt,
    choices: snapshot.choices,
    entries: snapshot.entries,
    subGoals: keys.map((key) => ({ key, text: themeSubGoals.find((s) => s.key === key)?.text ?? key, choices: choices.filter((c) => c.subGoal === key) })),
    principlesOfTheme: theme ? theme.principleGroups.flatMap((g) => g.items.map((i) => ({ key: i.key, text: i.text }))) : [],
    may: {
      editChoices: editsAllChoices(ctx),
      addChoices: editsAllChoices(ctx) || member,
      entriesFor: hasRole(ctx.actor, 'administrator') ? 'all' : own && member && registersFor(ctx.actor, own) ? [own] : [],
    },
  };
}

// ------------------------------------------------------------------ the planned reach of some organisations

/** An organisation's entry in a plan as a joint application shows it: the activity, planned sessions and residents. */
export interface PlannedReachEntry {
  organisationId: string;
  organisationName: string;
  activityTitle: string;
  plannedSessions: number;
  /** The entry's planned residents summed over its target groups and districts. */
  plannedResidents: number;
}

export interface PlannedReach {
  year: number;
  /** null when the table has no plan for the year (or the actor may not see it). */
  plan: { version: number; entries: PlannedReachEntry[] } | null;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * The query of plannedReachOf: the theme's plans of the years, each with the entries of the organisations and their
 * residents summed. Prepared once per connection object (built once; parsed and planned once per connection).
 */
function buildPlannedReachQuery(db: Db) {
  return db
    .select({
      id: reachPlans.id,
      themeSlug: reachPlans.themeSlug,
      year: reachPlans.year,
      version: reachPlans.version,
      organisationId: reachPlanEntries.organisationId,
      activityId: reachPlanEntries.activityId,
      plannedSessions: reachPlanEntries.plannedSessions,
      plannedResidents: sql<number>`(select coalesce(sum(${reachPlanTargets.plannedResidents}), 0)::int from ${reachPlanTargets} where ${reachPlanTargets.tenantId} = ${reachPlanEntries.tenantId} and ${reachPlanTargets.entryId} = ${reachPlanEntries.id})`,
    })
    .from(reachPlans)
    .leftJoin(reachPlanEntries, and(eq(reachPlanEntries.tenantId, reachPlans.tenantId), eq(reachPlanEntries.planId, reachPlans.id), sql`${reachPlanEntries.organisationId} = any(${sql.placeholder('organisations')}::uuid[])`))
    .where(and(eq(reachPlans.tenantId, sql.placeholder('tenant')), eq(reachPlans.themeSlug, sql.placeholder('theme')), sql`${reachPlans.year} = any(${sql.placeholder('years')}::int[])`))
    .prepare('reach_planned_reach');
}
const plannedReachQueries = new WeakMap<Db, ReturnType<typeof buildPlannedReachQuery>>();
function plannedReachQuery(db: Db) {
  let q = plannedReachQueries.get(db);
  if (!q) plannedReachQueries.set(db, (q = buildPlannedReachQuery(db)));
  return q;
}

/**
 * Per year, the theme table's plan (its version) and the entries of the given organisations in it, ordered as the
 * plan orders its entries (activity, then organisation): the plans, entries and residents of every year in one
 * query, instead of each whole plan (choices, every organisation's entries, targets) per year. What a joint
 * application shows of its plans (subsidies), with the same rule of who sees a plan as getPlan.
 */
export async function plannedReachOf(ctx: ServiceContext, themeSlug: string, years: number[], organisationIds: string[]): Promise<PlannedReach[]> {
  requireActor(ctx);
  const wanted = years.filter((y) => Number.isSafeInteger(y) && y >= 0 && y <= 9999);
  if (!wanted.length) return years.map((year) => ({ year, plan: null }));
  const rows = await plannedReachQuery(ctx.db).execute({ tenant: ctx.tenant, theme: themeSlug, years: wanted, organisations: organisationIds.filter(isUuid) });
  const plans = new Map(rows.map((r) => [r.id, r]));
  const visible = await visiblePlanIds(ctx, [...plans.values()]);
  const entries = rows.filter((r) => visible.has(r.id) && r.organisationId !== null && r.activityId !== null);
  const [activities, names] = await sideBySide(ctx, [
    () => getActivitySummaries(ctx, entries.map((e) => e.activityId!)),
    () => getOrganisationNames(ctx, [...new Set(entries.map((e) => e.organisationId!))]),
  ]);
  const byYear = new Map<number, NonNullable<PlannedReach['plan']>>();
  for (const p of plans.values()) if (visible.has(p.id)) byYear.set(p.year, { version: p.version, entries: [] });
  for (const e of entries)
    byYear.get(e.year)!.entries.push({ organisationId: e.organisationId!, organisationName: names.get(e.organisationId!) ?? '', activityTitle: activities.get(e.activityId!)?.title ?? '', plannedSessions: e.plannedSessions!, plannedResidents: Number(e.plannedResidents) });
  for (const p of byYear.values()) p.entries.sort((a, b) => a.organisationName.localeCompare(b.organisationName, 'nl') || a.activityTitle.localeCompare(b.activityTitle, 'nl'));
  return years.map((year) => ({ year, plan: byYear.get(year) ?? null }));
}
