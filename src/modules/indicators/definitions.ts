// Indicator definitions: name, source, unit, desired direction, area levels, and the themes and sub-goals (by key,
// from the framework) they speak to. Every edit is a new version (`indicator_versions`), like a theme's text.
import { and, asc, desc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { AppError, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { listThemes } from '../framework/service.ts';
import { indicators, indicatorVersions, type AreaLevel, type IndicatorContent } from './schema.ts';
import { requireIndicatorEditor } from './policy.ts';

export type { AreaLevel } from './schema.ts';
export const areaLevels = ['gemeente', 'district', 'wijk', 'buurt'] as const satisfies readonly AreaLevel[];

export interface IndicatorView {
  key: string;
  name: string;
  description: string | null;
  source: string;
  unit: string;
  direction: 'up' | 'down';
  areaLevels: AreaLevel[];
  themeSlugs: string[];
  subGoalKeys: string[];
  /** A context figure: describes an area, neither direction is better (`direction` then only orders). */
  context: boolean;
  /** Internal id (values and targets refer to it). */
  id: string;
  version: number;
  updatedAt: Date;
}

export interface IndicatorVersionView {
  version: number;
  content: IndicatorContent;
  changeNote: string;
  createdBy: string;
  createdAt: Date;
}

type Row = typeof indicators.$inferSelect;

export const indicatorView = (r: Row): IndicatorView => ({
  key: r.key,
  name: r.name,
  description: r.description,
  source: r.source,
  unit: r.unit,
  direction: r.direction,
  context: r.context,
  areaLevels: r.areaLevels,
  themeSlugs: r.themeSlugs,
  subGoalKeys: r.subGoalKeys,
  id: r.id,
  version: r.currentVersion,
  updatedAt: r.updatedAt,
});

// Reading indicators needs no role: they are published aggregate statistics (see policy.ts).

/** Every indicator, optionally those that speak to a theme (slug) or a sub-goal (key), in their set order. */
export async function listIndicators(ctx: ServiceContext, filter: { theme?: string; subGoal?: string } = {}): Promise<IndicatorView[]> {
  const rows = await ctx.db.select().from(indicators).where(eq(indicators.tenantId, ctx.tenant)).orderBy(asc(indicators.position), asc(indicators.key));
  return rows
    .map(indicatorView)
    .filter((i) => !filter.theme || i.themeSlugs.includes(filter.theme) || i.subGoalKeys.some((k) => k.startsWith(`${filter.theme}/`)))
    .filter((i) => !filter.subGoal || i.subGoalKeys.includes(filter.subGoal));
}

export async function getIndicator(ctx: ServiceContext, key: string): Promise<IndicatorView> {
  const [row] = await ctx.db.select().from(indicators).where(and(eq(indicators.tenantId, ctx.tenant), eq(indicators.key, key)));
  if (!row) throw notFound();
  return indicatorView(row);
}

export async function listIndicatorVersions(ctx: ServiceContext, key: string): Promise<IndicatorVersionView[]> {
  const indicator = await getIndicator(ctx, key);
  return ctx.db
    .select({ version: indicatorVersions.version, content: indicatorVersions.content, changeNote: indicatorVersions.changeNote, createdBy: indicatorVersions.createdByLabel, createdAt: indicatorVersions.createdAt })
    .from(indicatorVersions)
    .where(and(eq(indicatorVersions.tenantId, ctx.tenant), eq(indicatorVersions.indicatorId, indicator.id)))
    .orderBy(desc(indicatorVersions.version));
}

const text = (max: number) => z.string().trim().min(1).max(max);

export const indicatorContentInput = z.object({
  name: text(200),
  description: z.string().trim().max(2000).nullable().optional().transform((v) => v || null),
  source: text(500),
  unit: text(60),
  direction: z.enum(['up', 'down']),
  context: z.boolean().default(false),
  areaLevels: z.array(z.enum(areaLevels)).min(1).transform((ls) => areaLevels.filter((l) => ls.includes(l))),
  themeSlugs: z.array(z.string().max(100)).default([]).transform((s) => [...new Set(s)]),
  subGoalKeys: z.array(z.string().max(100)).default([]).transform((s) => [...new Set(s)]),
});

export const createIndicatorInput = indicatorContentInput.extend({
  key: z.string().trim().min(2).max(80).regex(/^[a-z0-9][a-z0-9-]*$/, 'indicators.error.keyFormat'),
  changeNote: z.string().trim().max(1000).optional(),
});
export type CreateIndicatorInput = z.input<typeof createIndicatorInput>;

export const editIndicatorInput = indicatorContentInput.extend({
  changeNote: z.string().trim().min(3).max(1000),
  /** The version the editor started from; a concurrent edit makes this one fail instead of being overwritten. */
  baseVersion: z.number().int().min(1),
});
export type EditIndicatorInput = z.input<typeof editIndicatorInput>;

/** Theme slugs and sub-goal keys must exist in the framework's current call period. */
async function frameworkErrors(ctx: ServiceContext, p: { themeSlugs?: string[]; subGoalKeys?: string[] }): Promise<FieldError[]> {
  const themes = await listThemes(ctx);
  const slugs = new Set(themes.map((t) => t.slug));
  const subGoals = new Set(themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key))));
  const errors: FieldError[] = [];
  (p.themeSlugs ?? []).forEach((s, i) => {
    if (!slugs.has(s)) errors.push({ field: `themeSlugs.${i}`, code: 'unknown_reference', message: 'indicators.error.unknownTheme', params: { value: s } });
  });
  (p.subGoalKeys ?? []).forEach((k, i) => {
    if (!subGoals.has(k)) errors.push({ field: `subGoalKeys.${i}`, code: 'unknown_reference', message: 'indicators.error.unknownSubGoal', params: { value: k } });
  });
  return errors;
}

const contentOf = (i: z.output<typeof indicatorContentInput>): IndicatorContent => ({
  name: i.name,
  description: i.description ?? null,
  source: i.source,
  unit: i.unit,
  direction: i.direction,
  context: i.context,
  areaLevels: i.areaLevels,
  themeSlugs: i.themeSlugs,
  subGoalKeys: i.subGoalKeys,
});

/** A new indicator (version 1). Policy advisors and administrators; audited. */
export async function createIndicator(ctx: ServiceContext, raw: CreateIndicatorInput): Promise<IndicatorView> {
  requireIndicatorEditor(ctx);
  const input = await parseChecked(createIndicatorInput, raw, (p) => frameworkErrors(ctx, p));
  return inTransaction(ctx, async (tx) => {
    const [clash] = await tx.db.select({ id: indicators.id }).from(indicators).where(and(eq(indicators.tenantId, tx.tenant), eq(indicators.key, input.key)));
    if (clash) throw new AppError('conflict', 'indicators.error.keyExists', [{ field: 'key', code: 'duplicate', message: 'indicators.error.keyExists', kind: 'conflict' }]);
    return insertIndicator(tx, input.key, contentOf(input), input.changeNote ?? '');
  });
}

/** Inserts an indicator and its first version (inside a transaction; the caller checked access and input). */
export async function insertIndicator(tx: ServiceContext, key: string, content: IndicatorContent, changeNote: string, position = 0): Promise<IndicatorView> {
  const [row] = await tx.db
    .insert(indicators)
    .values({ tenantId: tx.tenant, key, ...content, position, currentVersion: 1, createdAt: tx.now(), updatedAt: tx.now() })
    .returning();
  await tx.db.insert(indicatorVersions).values({
    tenantId: tx.tenant,
    indicatorId: row.id,
    version: 1,
    content,
    changeNote,
    createdByUserId: tx.actor?.userId || null,
    createdByLabel: tx.actor?.name ?? 'systeem',
    createdAt: tx.now(),
  });
  await recordAudit(tx, { action: 'indicators.indicator.created', subjectType: 'indicator', subjectId: row.id, details: { key } });
  return indicatorView(row);
}

/** Saves an edit as a new version; a concurrent edit (another base version) gets 409. Policy advisors and administrators; audited. */
export async function editIndicator(ctx: ServiceContext, key: string, raw: EditIndicatorInput): Promise<IndicatorView> {
  requireIndicatorEditor(ctx);
  const input = await parseChecked(editIndicatorInput, raw, (p) => frameworkErrors(ctx, p));
  return inTransaction(ctx, async (tx) => {
    const current = await getIndicator(tx, key);
    const next = current.version + 1;
    const content = contentOf(input);
    const [row] = await tx.db
      .update(indicators)
      .set({ ...content, currentVersion: next, updatedAt: tx.now() })
      .where(and(eq(indicators.tenantId, tx.tenant), eq(indicators.id, current.id), eq(indicators.currentVersion, input.baseVersion)))
      .returning();
    if (!row) throw new AppError('conflict', 'indicators.error.editConflict', [{ field: 'baseVersion', message: 'indicators.error.editConflict', kind: 'conflict' }]);
    await tx.db.insert(indicatorVersions).values({
      tenantId: tx.tenant,
      indicatorId: current.id,
      version: next,
      content,
      changeNote: input.changeNote,
      createdByUserId: tx.actor?.userId || null,
      createdByLabel: tx.actor?.name ?? 'systeem',
      createdAt: tx.now(),
    });
    await recordAudit(tx, { action: 'indicators.indicator.edited', subjectType: 'indicator', subjectId: current.id, details: { key, version: next, changeNote: input.changeNote } });
    return indicatorView(row);
  });
}
