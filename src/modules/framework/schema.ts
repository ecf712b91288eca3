import { pgTable, text, integer, uuid, jsonb, uniqueIndex, index, timestamp } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import type { ThemeContent, PeriodContent, ReportContent } from './types.ts';
import type { AreaBoundary } from './cbs-areas.ts';

/** A call period ("uitvraag"), e.g. 2020-2023. The framework is versioned per period. */
export const callPeriods = pgTable(
  'call_periods',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year'),
    /** Period-wide text of the call: the chair, §3–§5, accountability levels and quality criteria (keyed). */
    content: jsonb('content').$type<PeriodContent>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('call_periods_tenant_code_uq').on(t.tenantId, t.code)],
);

/** A theme ("thematafel") within a call period. Its text lives in immutable versions. */
export const themes = pgTable(
  'themes',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    callPeriodId: uuid('call_period_id').notNull(),
    slug: text('slug').notNull(),
    position: integer('position').notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('themes_period_slug_uq').on(t.tenantId, t.callPeriodId, t.slug), tenantReference('themes_call_period_fk', t, t.callPeriodId, callPeriods)],
);

/** Every edit of a theme is a new row: history is never rewritten. */
export const themeVersions = pgTable(
  'theme_versions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    themeId: uuid('theme_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ThemeContent>().notNull(),
    changeNote: text('change_note').notNull().default(''),
    createdByUserId: uuid('created_by_user_id'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('theme_versions_theme_version_uq').on(t.tenantId, t.themeId, t.version), tenantReference('theme_versions_theme_fk', t, t.themeId, themes).onDelete('cascade')],
);

/** The districts ("stadsdelen") of the municipality. */
export const districts = pgTable(
  'districts',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('districts_tenant_code_uq').on(t.tenantId, t.code)],
);

/** Neighbourhoods: the official CBS wijken (kind 'wijk') and smaller named places under them (kind 'buurt'). */
export const neighbourhoods = pgTable(
  'neighbourhoods',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<'wijk' | 'buurt'>().notNull(),
    /** For a buurt: the wijk it lies in. */
    parentId: uuid('parent_id'),
    /** For a wijk: the district it belongs to (municipal data, editable by an administrator). */
    districtId: uuid('district_id'),
    population: integer('population'),
    source: text('source'),
    /** The area's boundary from the CBS GeoJSON (Polygon or MultiPolygon, WGS84), when loaded. */
    boundary: jsonb('boundary').$type<AreaBoundary>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('neighbourhoods_tenant_code_uq').on(t.tenantId, t.code),
    index('neighbourhoods_district_idx').on(t.tenantId, t.districtId),
    tenantReference('neighbourhoods_district_fk', t, t.districtId, districts).onDelete('set null'),
  ],
);

/**
 * A source document other than the call whose data the framework shows with its source: the 2021 report's
 * societal goals, welfare roles, Driehoek and theme leads. Not part of a call period.
 */
export const frameworkReports = pgTable(
  'framework_reports',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    code: text('code').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    source: text('source').notNull(),
    content: jsonb('content').$type<ReportContent>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('framework_reports_tenant_code_uq').on(t.tenantId, t.code)],
);

/**
 * Keyed terms of a municipality that are not part of a theme: the platform's list of target groups
 * (kind 'target-group') and the municipality's pass (kind 'pass', e.g. HaarlemPas). `data` holds names and texts.
 */
export const frameworkTerms = pgTable(
  'framework_terms',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    kind: text('kind').$type<'target-group' | 'pass'>().notNull(),
    key: text('key').notNull(),
    position: integer('position').notNull().default(0),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('framework_terms_tenant_kind_key_uq').on(t.tenantId, t.kind, t.key)],
);
