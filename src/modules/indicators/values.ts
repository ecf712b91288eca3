// Indicator values per area and period: reading them, and the one checked write that the file import (long and
// wide layout), the API batch and the seed all go through — every row checked first, every problem reported with
// its row and column, nothing stored unless every row is right, a re-import replacing the value of the same
// indicator, area and period.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { inTransaction, sideBySide, type ServiceContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { indicators, indicatorValues, type AreaLevel } from './schema.ts';
import { getIndicator, indicatorView, type IndicatorView } from './definitions.ts';
import { ownAreas, resolveArea, type KnownArea } from './areas.ts';
import { comparePeriods, parsePeriod, periodHasStarted, periodWithin, type PeriodKind } from './periods.ts';
import { requireIndicatorEditor } from './policy.ts';

export interface IndicatorValueView {
  indicatorKey: string;
  areaCode: string;
  areaName: string;
  areaLevel: AreaLevel;
  period: string;
  value: number;
  benchmark: boolean;
  source: string;
}

export interface ValueQuery {
  areaCodes?: string[];
  areaLevel?: AreaLevel;
  /** Periods (2024, 2024-Q1, 2024-03): values whose period overlaps from..to. */
  from?: string;
  to?: string;
  /** true: the municipality's own values and the benchmarks (other municipalities); otherwise own values only. */
  benchmarks?: boolean;
}

const levelOrder: Record<AreaLevel, number> = { gemeente: 0, district: 1, wijk: 2, buurt: 3 };

/** An indicator's values, own areas first (municipality, districts, wijken, buurten) in code order, then benchmarks; each area's periods in time order. */
export async function listIndicatorValues(ctx: ServiceContext, key: string, opts: ValueQuery = {}): Promise<IndicatorValueView[]> {
  const indicator = await getIndicator(ctx, key);
  const from = opts.from ? parsePeriod(opts.from) : null;
  const to = opts.to ? parsePeriod(opts.to) : null;
  const periodErrors = [
    ...(opts.from && !from ? [{ field: 'from', code: 'invalid_format', message: 'indicators.error.periodFormat' }] : []),
    ...(opts.to && !to ? [{ field: 'to', code: 'invalid_format', message: 'indicators.error.periodFormat' }] : []),
  ];
  if (periodErrors.length) throw new AppError('validation', 'error.validation', periodErrors);
  if (from && to && comparePeriods(from.text, to.text) > 0) throw new AppError('validation', 'error.validation', [{ field: 'to', code: 'out_of_order', message: 'indicators.error.periodOrder' }]);
  const where = [eq(indicatorValues.tenantId, ctx.tenant), eq(indicatorValues.indicatorId, indicator.id)];
  if (opts.areaCodes?.length) where.push(inArray(indicatorValues.areaCode, opts.areaCodes));
  if (opts.areaLevel) where.push(eq(indicatorValues.areaLevel, opts.areaLevel));
  if (!opts.benchmarks) where.push(eq(indicatorValues.benchmark, false));
  const [rows, own] = await sideBySide(ctx, [() => ctx.db.select().from(indicatorValues).where(and(...where)), () => ownAreas(ctx)] as const);
  return valueViews(
    rows.filter((r) => {
      const p = parsePeriod(r.period);
      return !!p && periodWithin(p, from, to);
    }),
    own,
    () => indicator.key,
  );
}

type ValueRow = typeof indicatorValues.$inferSelect;

/** Value rows as views: own areas first (municipality, districts, wijken, buurten) in code order, then benchmarks; each area's periods in time order. */
function valueViews(rows: ValueRow[], own: Map<string, KnownArea>, keyOf: (r: ValueRow) => string): IndicatorValueView[] {
  return rows
    .filter((r) => !!parsePeriod(r.period))
    .sort((a, b) => Number(a.benchmark) - Number(b.benchmark) || levelOrder[a.areaLevel] - levelOrder[b.areaLevel] || (a.areaCode < b.areaCode ? -1 : a.areaCode > b.areaCode ? 1 : 0) || comparePeriods(a.period, b.period))
    .map((r) => ({
      indicatorKey: keyOf(r),
      areaCode: r.areaCode,
      areaName: (!r.benchmark && own.get(r.areaCode)?.name) || r.areaName,
      areaLevel: r.areaLevel,
      period: r.period,
      value: r.value,
      benchmark: r.benchmark,
      source: r.source,
    }));
}

/**
 * The values of several indicators in one query (the accountability document reads all of a theme's indicators at
 * once), by indicator key; each list ordered as listIndicatorValues orders it. Unknown keys get an empty list.
 */
export async function listValuesOfIndicators(ctx: ServiceContext, keys: string[], opts: Pick<ValueQuery, 'areaCodes' | 'areaLevel' | 'benchmarks'> = {}): Promise<Map<string, IndicatorValueView[]>> {
  const out = new Map(keys.map((k) => [k, [] as IndicatorValueView[]]));
  if (keys.length === 0) return out;
  const where = [eq(indicatorValues.tenantId, ctx.tenant), inArray(indicators.key, keys)];
  if (opts.areaCodes?.length) where.push(inArray(indicatorValues.areaCode, opts.areaCodes));
  if (opts.areaLevel) where.push(eq(indicatorValues.areaLevel, opts.areaLevel));
  if (!opts.benchmarks) where.push(eq(indicatorValues.benchmark, false));
  const [rows, own] = await sideBySide(ctx, [
    () =>
      ctx.db
        .select({ key: indicators.key, v: indicatorValues })
        .from(indicatorValues)
        .innerJoin(indicators, and(eq(indicators.tenantId, indicatorValues.tenantId), eq(indicators.id, indicatorValues.indicatorId)))
        .where(and(...where)),
    () => ownAreas(ctx),
  ] as const);
  const keyOfRow = new Map(rows.map((r) => [r.v, r.key]));
  for (const v of valueViews(rows.map((r) => r.v), own, (r) => keyOfRow.get(r)!)) out.get(v.indicatorKey)!.push(v);
  return out;
}

// ------------------------------------------------------------------ the checked write

/** One value as it came in (a file row or cell, an API item), with where it came from. */
export interface RawValue {
  /** Row number as the user sees it (files: the header is row 1; the API: item 1, 2, …). */
  row: number;
  indicator: string;
  area: string;
  period: string;
  value: string | number | null;
  /** Optional name of a benchmark area (another municipality's). */
  areaName?: string;
  /** Optional source of this value; otherwise the indicator's. */
  source?: string;
  /** The column (header) each part came from, for the error report. */
  columns: { indicator: string; area: string; period: string; value: string };
}

export interface ValueRowError {
  row: number;
  column: string;
  value: string;
  reason: MessageKey;
}

export interface WriteValuesOptions {
  /** The file is one of benchmarks: it may hold only other municipalities' areas. */
  benchmarkFile?: boolean;
  /** What the audit row names (file name, 'api', 'seed'). */
  origin: string;
}

export interface WriteValuesResult {
  status: 'imported' | 'rejected';
  total: number;
  added: number;
  replaced: number;
  unchanged: number;
  benchmarks: number;
  errors: ValueRowError[];
  /** A whole-file refusal (e.g. a file of another municipality), as a message key with params. */
  fileError: { message: MessageKey; params: Record<string, string> } | null;
}

/** Reads a number as people write it: `12`, `12.5`, `12,5`, `-3`; thousands separators are refused (ambiguous). */
export function parseNumber(v: string | number | null): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  const s = (v ?? '').trim().replace(/\u2212/g, '-');
  if (!/^-?\d+([.,]\d+)?$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

interface CheckedValue {
  indicator: IndicatorView;
  areaCode: string;
  areaLevel: AreaLevel;
  areaName: string;
  period: string;
  value: number;
  benchmark: boolean;
  source: string;
}

/**
 * Checks every row. A code of another municipality (GM/WK/BU with its number) is a benchmark; a file holding
 * only such codes is "a file for another municipality" and refused, unless it is declared a benchmark file.
 */
export async function checkValues(ctx: ServiceContext, rows: RawValue[], opts: Pick<WriteValuesOptions, 'benchmarkFile'> = {}): Promise<{ valid: CheckedValue[]; errors: ValueRowError[]; fileError: WriteValuesResult['fileError'] }> {
  const [allIndicators, own, storedKinds] = await sideBySide(ctx, [
    () => ctx.db.select().from(indicators).where(eq(indicators.tenantId, ctx.tenant)).then((rs) => new Map(rs.map((r) => [r.key, indicatorView(r)]))),
    () => ownAreas(ctx),
    () => storedPeriodKinds(ctx),
  ] as const);
  const errors: ValueRowError[] = [];
  const valid: CheckedValue[] = [];
  const seen = new Map<string, number>();
  const kinds = new Map<string, { kind: PeriodKind; row: number }>();
  const otherMunicipalities = new Set<string>();
  let ownRows = 0;
  const now = ctx.now();
  for (const r of rows) {
    const fail = (column: string, value: string, reason: MessageKey) => errors.push({ row: r.row, column, value, reason });
    const before = errors.length;
    const indicator = allIndicators.get(r.indicator.trim());
    if (!r.indicator.trim()) fail(r.columns.indicator, '', 'indicators.import.error.indicatorMissing');
    else if (!indicator) fail(r.columns.indicator, r.indicator, 'indicators.import.error.unknownIndicator');

    const trimmed = r.area.trim();
    const code = own.has(trimmed) ? trimmed : own.has(trimmed.toLowerCase()) ? trimmed.toLowerCase() : trimmed.toUpperCase();
    const area = resolveArea(code, own, ctx.tenant);
    let level: AreaLevel | null = null;
    let name = code;
    let benchmark = false;
    if (!code) fail(r.columns.area, '', 'indicators.import.error.areaMissing');
    else if (area.kind === 'invalid') fail(r.columns.area, r.area, 'indicators.import.error.notAreaCode');
    else if (area.kind === 'unknown-own') fail(r.columns.area, r.area, 'indicators.import.error.unknownArea');
    else if (area.kind === 'own') {
      level = area.area.level;
      name = area.area.name;
      ownRows++;
    } else {
      level = area.level;
      name = r.areaName?.trim() || code;
      benchmark = true;
      otherMunicipalities.add(area.municipality);
    }
    if (indicator && level && !indicator.areaLevels.includes(level)) fail(r.columns.area, code, 'indicators.import.error.levelNotAllowed');

    const period = parsePeriod(r.period ?? '');
    if (!r.period?.trim()) fail(r.columns.period, '', 'indicators.import.error.periodMissing');
    else if (!period) fail(r.columns.period, r.period, 'indicators.import.error.periodFormat');
    else if (!periodHasStarted(period, now)) fail(r.columns.period, r.period, 'indicators.import.error.periodFuture');
    else if (indicator) {
      const known = kinds.get(indicator.key) ?? (storedKinds.has(indicator.id) ? { kind: storedKinds.get(indicator.id)!, row: 0 } : null);
      if (known && known.kind !== period.kind) fail(r.columns.period, r.period, 'indicators.import.error.periodKind');
      else if (!known) kinds.set(indicator.key, { kind: period.kind, row: r.row });
    }

    const value = parseNumber(r.value);
    const rawValue = r.value === null ? '' : String(r.value).trim();
    if (rawValue === '') fail(r.columns.value, '', 'indicators.import.error.valueMissing');
    else if (value === null) fail(r.columns.value, rawValue, 'indicators.import.error.notNumber');

    if (errors.length === before && indicator && level && period && value !== null) {
      const k = `${indicator.key}\u0000${code}\u0000${period.text}`;
      const first = seen.get(k);
      if (first !== undefined) fail(r.columns.value, rawValue, 'indicators.import.error.duplicate');
      else {
        seen.set(k, r.row);
        valid.push({ indicator, areaCode: code, areaLevel: level, areaName: name, period: period.text, value, benchmark, source: r.source?.trim() || indicator.source });
      }
    }
  }
  let fileError: WriteValuesResult['fileError'] = null;
  if (!opts.benchmarkFile && rows.length > 0 && ownRows === 0 && otherMunicipalities.size > 0) {
    fileError = { message: 'indicators.import.error.otherMunicipality', params: { codes: [...otherMunicipalities].sort().join(', '), tenant: ctx.tenant } };
  }
  errors.sort((a, b) => a.row - b.row);
  return { valid, errors, fileError };
}

/** The period kind each indicator's stored values have (one kind per indicator). */
async function storedPeriodKinds(ctx: ServiceContext): Promise<Map<string, PeriodKind>> {
  const rows = await ctx.db
    .selectDistinctOn([indicatorValues.indicatorId], { indicatorId: indicatorValues.indicatorId, period: indicatorValues.period })
    .from(indicatorValues)
    .where(eq(indicatorValues.tenantId, ctx.tenant));
  const out = new Map<string, PeriodKind>();
  for (const r of rows) {
    const p = parsePeriod(r.period);
    if (p) out.set(r.indicatorId, p.kind);
  }
  return out;
}

const BATCH = 1000;

/**
 * Checks and stores values in one transaction: nothing when any row is wrong. Same indicator, area and period
 * replaces the stored value. Policy advisors and administrators (or the platform: seed, CLI); audited.
 */
export async function writeIndicatorValues(ctx: ServiceContext, rows: RawValue[], opts: WriteValuesOptions, onProgress?: (done: number, total: number) => void | Promise<void>): Promise<WriteValuesResult> {
  if (!ctx.system) requireIndicatorEditor(ctx);
  const { valid, errors, fileError } = await checkValues(ctx, rows, opts);
  const result: WriteValuesResult = { status: 'rejected', total: rows.length, added: 0, replaced: 0, unchanged: 0, benchmarks: 0, errors, fileError };
  if (errors.length || fileError) return result;
  // Progress is reported outside the transaction: a job's progress row is written on the root connection, which
  // on PGlite (one connection) would wait for this transaction.
  await onProgress?.(0, valid.length);
  const stored = await inTransaction(ctx, async (tx) => {
    for (let i = 0; i < valid.length; i += BATCH) {
      const part = valid.slice(i, i + BATCH);
      const written = await tx.db
        .insert(indicatorValues)
        .values(part.map((v) => ({ tenantId: tx.tenant, indicatorId: v.indicator.id, areaCode: v.areaCode, areaLevel: v.areaLevel, areaName: v.areaName, period: v.period, value: v.value, benchmark: v.benchmark, source: v.source, createdAt: tx.now(), updatedAt: tx.now() })))
        .onConflictDoUpdate({
          target: [indicatorValues.tenantId, indicatorValues.indicatorId, indicatorValues.areaCode, indicatorValues.period],
          set: { value: sql`excluded.value`, areaLevel: sql`excluded.area_level`, areaName: sql`excluded.area_name`, benchmark: sql`excluded.benchmark`, source: sql`excluded.source`, updatedAt: sql`excluded.updated_at` },
          // Unchanged rows are left alone (they are counted as such).
          setWhere: sql`(${indicatorValues.value}, ${indicatorValues.areaName}, ${indicatorValues.source}) is distinct from (excluded.value, excluded.area_name, excluded.source)`,
        })
        .returning({ inserted: sql<boolean>`(xmax = 0)` });
      for (const w of written) {
        if (w.inserted) result.added++;
        else result.replaced++;
      }
      result.unchanged += part.length - written.length;
    }
    result.benchmarks = valid.filter((v) => v.benchmark).length;
    result.status = 'imported';
    await recordAudit(tx, {
      action: 'indicators.values.imported',
      subjectType: 'indicator_values',
      subjectId: tx.tenant,
      details: { origin: opts.origin, total: result.total, added: result.added, replaced: result.replaced, unchanged: result.unchanged, benchmarks: result.benchmarks, indicators: [...new Set(valid.map((v) => v.indicator.key))].slice(0, 50) },
    });
    return result;
  });
  await onProgress?.(valid.length, valid.length);
  return stored;
}

export type { KnownArea };
