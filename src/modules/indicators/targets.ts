// Measurable targets per area ("focus points", the 2021 report's "concrete, meetbare subdoelen en focuspunten per
// wijk"): an indicator, a baseline (value and period), a target value and year, and the sub-goals they serve. Set
// by the policy advisor with the theme table; every change audited.
import { and, asc, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { AppError, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { listThemes } from '../framework/service.ts';
import { indicators, indicatorTargets } from './schema.ts';
import { ownAreas } from './areas.ts';
import { parsePeriod } from './periods.ts';
import { requireIndicatorEditor } from './policy.ts';

export interface IndicatorTargetView {
  id: string;
  indicatorKey: string;
  areaCode: string;
  areaName: string;
  subGoalKeys: string[];
  baselineValue: number;
  baselinePeriod: string;
  targetValue: number;
  targetYear: number;
  note: string | null;
  indicatorName: string;
  unit: string;
  direction: 'up' | 'down';
}

/** Targets, optionally for one area, one indicator, or a theme (its sub-goals, or an indicator of the theme). */
export async function listIndicatorTargets(ctx: ServiceContext, filter: { areaCode?: string; indicatorKey?: string; theme?: string } = {}): Promise<IndicatorTargetView[]> {
  const where = [eq(indicatorTargets.tenantId, ctx.tenant)];
  if (filter.areaCode) where.push(eq(indicatorTargets.areaCode, filter.areaCode));
  if (filter.indicatorKey) where.push(eq(indicators.key, filter.indicatorKey));
  const [rows, own] = await sideBySide(ctx, [
    () =>
      ctx.db
      .select({ t: indicatorTargets, key: indicators.key, name: indicators.name, unit: indicators.unit, direction: indicators.direction, themeSlugs: indicators.themeSlugs })
      .from(indicatorTargets)
      .innerJoin(indicators, and(eq(indicators.tenantId, indicatorTargets.tenantId), eq(indicators.id, indicatorTargets.indicatorId)))
      .where(and(...where))
      .orderBy(asc(indicatorTargets.areaCode), asc(indicators.position), asc(indicators.key), asc(indicatorTargets.targetYear)),
    () => ownAreas(ctx),
  ] as const);
  const theme = filter.theme;
  return rows
    .filter((r) => !theme || r.t.subGoalKeys.some((k) => k.startsWith(`${theme}/`)) || r.themeSlugs.includes(theme))
    .map((r) => ({
      id: r.t.id,
      indicatorKey: r.key,
      areaCode: r.t.areaCode,
      areaName: own.get(r.t.areaCode)?.name ?? r.t.areaCode,
      subGoalKeys: r.t.subGoalKeys,
      baselineValue: r.t.baselineValue,
      baselinePeriod: r.t.baselinePeriod,
      targetValue: r.t.targetValue,
      targetYear: r.t.targetYear,
      note: r.t.note,
      indicatorName: r.name,
      unit: r.unit,
      direction: r.direction,
    }));
}

export async function getIndicatorTarget(ctx: ServiceContext, id: string): Promise<IndicatorTargetView> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound();
  const [row] = await ctx.db.select({ areaCode: indicatorTargets.areaCode }).from(indicatorTargets).where(and(eq(indicatorTargets.tenantId, ctx.tenant), eq(indicatorTargets.id, id)));
  if (!row) throw notFound();
  const found = (await listIndicatorTargets(ctx, { areaCode: row.areaCode })).find((t) => t.id === id);
  if (!found) throw notFound();
  return found;
}

const num = z.union([z.number(), z.string().trim().regex(/^-?\d+([.,]\d+)?$/, 'indicators.error.notNumber').transform((s) => Number(s.replace(',', '.')))]).pipe(z.number().finite());

export const targetInput = z.object({
  indicatorKey: z.string().trim().min(1).max(80),
  areaCode: z.string().trim().min(1).max(40),
  subGoalKeys: z.array(z.string().max(100)).default([]).transform((s) => [...new Set(s)]),
  baselineValue: num,
  baselinePeriod: z.string().trim().min(1).max(10),
  targetValue: num,
  targetYear: z.coerce.number().int().min(2000).max(2100),
  note: z.string().trim().max(2000).nullable().optional().transform((v) => v || null),
});
export type TargetInput = z.input<typeof targetInput>;

async function targetErrors(ctx: ServiceContext, p: Partial<z.output<typeof targetInput>>): Promise<FieldError[]> {
  const [rows, own, themes] = await sideBySide(ctx, [() => ctx.db.select().from(indicators).where(eq(indicators.tenantId, ctx.tenant)), () => ownAreas(ctx), () => listThemes(ctx)] as const);
  const errors: FieldError[] = [];
  const indicator = rows.find((r) => r.key === p.indicatorKey);
  if (p.indicatorKey && !indicator) errors.push({ field: 'indicatorKey', code: 'unknown_reference', message: 'indicators.error.unknownIndicator' });
  const area = p.areaCode ? own.get(p.areaCode) : undefined;
  if (p.areaCode && !area) errors.push({ field: 'areaCode', code: 'unknown_reference', message: 'indicators.error.unknownArea' });
  else if (area && indicator && !indicator.areaLevels.includes(area.level)) errors.push({ field: 'areaCode', code: 'invalid', message: 'indicators.error.levelNotAllowed' });
  const subGoals = new Set(themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key))));
  (p.subGoalKeys ?? []).forEach((k, i) => {
    if (!subGoals.has(k)) errors.push({ field: `subGoalKeys.${i}`, code: 'unknown_reference', message: 'indicators.error.unknownSubGoal', params: { value: k } });
  });
  if (p.baselinePeriod !== undefined) {
    const bp = parsePeriod(p.baselinePeriod);
    if (!bp) errors.push({ field: 'baselinePeriod', code: 'invalid_format', message: 'indicators.error.periodFormat' });
    else if (p.targetYear !== undefined && bp.year >= p.targetYear) errors.push({ field: 'targetYear', code: 'out_of_order', message: 'indicators.error.targetBeforeBaseline' });
  }
  return errors;
}

/** Adds a target, or (with `id`) changes one. One target per indicator, area and year. Policy advisors and administrators; audited. */
export async function saveIndicatorTarget(ctx: ServiceContext, raw: TargetInput, id?: string): Promise<IndicatorTargetView> {
  requireIndicatorEditor(ctx);
  if (id !== undefined) await getIndicatorTarget(ctx, id);
  const input = await parseChecked(targetInput, raw, (p) => targetErrors(ctx, p));
  const saved = await inTransaction(ctx, async (tx) => {
    const [indicator] = await tx.db.select().from(indicators).where(and(eq(indicators.tenantId, tx.tenant), eq(indicators.key, input.indicatorKey)));
    const values = {
      indicatorId: indicator.id,
      areaCode: input.areaCode,
      subGoalKeys: input.subGoalKeys,
      baselineValue: input.baselineValue,
      baselinePeriod: parsePeriod(input.baselinePeriod)!.text,
      targetValue: input.targetValue,
      targetYear: input.targetYear,
      note: input.note ?? null,
      updatedAt: tx.now(),
    };
    const [clash] = await tx.db
      .select({ id: indicatorTargets.id })
      .from(indicatorTargets)
      .where(and(eq(indicatorTargets.tenantId, tx.tenant), eq(indicatorTargets.indicatorId, indicator.id), eq(indicatorTargets.areaCode, input.areaCode), eq(indicatorTargets.targetYear, input.targetYear)));
    if (clash && clash.id !== id) throw new AppError('conflict', 'indicators.error.targetExists', [{ field: 'targetYear', code: 'duplicate', message: 'indicators.error.targetExists', kind: 'conflict' }]);
    let targetId = id;
    if (id) await tx.db.update(indicatorTargets).set(values).where(and(eq(indicatorTargets.tenantId, tx.tenant), eq(indicatorTargets.id, id)));
    else [{ id: targetId }] = await tx.db.insert(indicatorTargets).values({ tenantId: tx.tenant, ...values, createdAt: tx.now() }).returning({ id: indicatorTargets.id });
    await recordAudit(tx, { action: id ? 'indicators.target.updated' : 'indicators.target.created', subjectType: 'indicator_target', subjectId: targetId!, details: { ...input } });
    return targetId!;
  });
  return getIndicatorTarget(ctx, saved);
}

export async function deleteIndicatorTarget(ctx: ServiceContext, id: string): Promise<void> {
  requireIndicatorEditor(ctx);
  const target = await getIndicatorTarget(ctx, id);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(indicatorTargets).where(and(eq(indicatorTargets.tenantId, tx.tenant), eq(indicatorTargets.id, id)));
    await recordAudit(tx, { action: 'indicators.target.deleted', subjectType: 'indicator_target', subjectId: id, details: { indicatorKey: target.indicatorKey, areaCode: target.areaCode, targetYear: target.targetYear } });
  });
}
