// Level 4 of the accountability framework: societal indicators (definitions, versioned), their values per area and
// period (the municipality's own areas, and other municipalities' as benchmarks), and per-wijk targets.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, jsonb, uniqueIndex, index, timestamp, doublePrecision, boolean, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import type { MessageParams } from '../../platform/i18n/index.ts';

export type AreaLevel = 'gemeente' | 'district' | 'wijk' | 'buurt';

/** What an indicator definition says; every edit is kept as a version (`indicator_versions`). */
export interface IndicatorContent {
  name: string;
  description: string | null;
  source: string;
  unit: string;
  direction: 'up' | 'down';
  /** A context figure (e.g. the CBS key figures): describes an area; neither direction is better. */
  context: boolean;
  areaLevels: AreaLevel[];
  themeSlugs: string[];
  subGoalKeys: string[];
}

/** An indicator, keyed (`cbs-aantal-inwoners`); its current definition is copied here for queries. */
export const indicators = pgTable(
  'indicators',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    source: text('source').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').$type<'up' | 'down'>().notNull(),
    context: boolean('context').notNull().default(false),
    areaLevels: text('area_levels').array().$type<AreaLevel[]>().notNull(),
    themeSlugs: text('theme_slugs').array().notNull(),
    subGoalKeys: text('sub_goal_keys').array().notNull(),
    position: integer('position').notNull().default(0),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('indicators_tenant_key_uq').on(t.tenantId, t.key)],
);

/** Every version of an indicator's definition: history is never rewritten. */
export const indicatorVersions = pgTable(
  'indicator_versions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    indicatorId: uuid('indicator_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<IndicatorContent>().notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdByUserId: uuid('created_by_user_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('indicator_versions_uq').on(t.tenantId, t.indicatorId, t.version),
    tenantReference('indicator_versions_indicator_fk', t, t.indicatorId, indicators).onDelete('cascade'),
  ],
);

/**
 * One figure: an indicator's value for an area and a period. Areas by code: GM…, district code, WK…, BU…; values
 * of another municipality's areas are benchmarks. Periods: `2024`, `2024-Q1` or `2024-03`. One row per indicator,
 * area and period (a re-import replaces the value).
 */
export const indicatorValues = pgTable(
  'indicator_values',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    indicatorId: uuid('indicator_id').notNull(),
    areaCode: text('area_code').notNull(),
    areaLevel: text('area_level').$type<AreaLevel>().notNull(),
    /** The area's name as given (benchmarks) or as known when stored. */
    areaName: text('area_name').notNull(),
    period: text('period').notNull(),
    value: doublePrecision('value').notNull(),
    benchmark: boolean('benchmark').notNull().default(false),
    source: text('source').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('indicator_values_uq').on(t.tenantId, t.indicatorId, t.areaCode, t.period),
    index('indicator_values_period_idx').on(t.tenantId, t.indicatorId, t.period),
    tenantReference('indicator_values_indicator_fk', t, t.indicatorId, indicators).onDelete('cascade'),
  ],
);

/** A measurable target ("focus point") for an area: indicator, baseline, target value and year, linked sub-goals. */
export const indicatorTargets = pgTable(
  'indicator_targets',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    indicatorId: uuid('indicator_id').notNull(),
    areaCode: text('area_code').notNull(),
    subGoalKeys: text('sub_goal_keys').array().notNull(),
    baselineValue: doublePrecision('baseline_value').notNull(),
    baselinePeriod: text('baseline_period').notNull(),
    targetValue: doublePrecision('target_value').notNull(),
    targetYear: integer('target_year').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('indicator_targets_uq').on(t.tenantId, t.indicatorId, t.areaCode, t.targetYear),
    tenantReference('indicator_targets_indicator_fk', t, t.indicatorId, indicators).onDelete('cascade'),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** An error of one row (or the header, row 1) of an import, as stored: the reason is a message key. */
export interface StoredRowError {
  row: number;
  column: string;
  value: string;
  reason: string;
  params?: Record<string, string | number>;
}

/**
 * An uploaded file of indicator values and its result. The background job `indicators.import` reads it; the file
 * is cleared once the import has run (stored or rejected): the person fixes the file and uploads it again.
 */
export const indicatorImports = pgTable(
  'indicator_imports',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    fileName: text('file_name').notNull(),
    content: bytea('content'),
    /** auto | long | wide */
    layout: text('layout').$type<'auto' | 'long' | 'wide'>().notNull().default('auto'),
    /** The period of a wide file without a period column. */
    period: text('period'),
    /** A file of benchmarks only (other municipalities' areas). */
    benchmarkFile: boolean('benchmark_file').notNull().default(false),
    /** queued | running | imported | rejected | failed */
    status: text('status').$type<'queued' | 'running' | 'imported' | 'rejected' | 'failed'>().notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    added: integer('added').notNull().default(0),
    replaced: integer('replaced').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    benchmarks: integer('benchmarks').notNull().default(0),
    errors: jsonb('errors').$type<StoredRowError[]>().notNull().default(sql`'[]'::jsonb`),
    errorCount: integer('error_count').notNull().default(0),
    /** A whole-file refusal: message key and params. */
    message: jsonb('message').$type<{ key: string; params: MessageParams }>(),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [tenantPrimaryKey(t), index('indicator_imports_created_idx').on(t.tenantId, t.createdAt)],
);
