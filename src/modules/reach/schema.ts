// Tables of the reach module: the accountability plan (per theme table and year), delivered sessions (level 1),
// attendance as keyed pseudonyms (level 2), deviation explanations, import mappings and imports.
// No table holds a resident's identifier: only the pseudonym (HMAC-SHA256 with the municipality's key, held
// outside the database) and the coarse attributes reports need. See docs/privacy.md.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, smallint, numeric, date, jsonb, boolean, timestamp, index, uniqueIndex, primaryKey, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';
import { activities } from '../catalogue/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const emptyArray = sql`'{}'`;

/** The accountability plan of one theme table for one year. `version` counts its changes (reach_plan_revisions). */
export const reachPlans = pgTable(
  'reach_plans',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    themeSlug: text('theme_slug').notNull(),
    year: integer('year').notNull(),
    /** The call period (framework) the year falls in, e.g. 2020-2023. */
    periodCode: text('period_code').notNull(),
    version: integer('version').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('reach_plans_theme_year_uq').on(t.tenantId, t.themeSlug, t.year)],
);

/**
 * A crucial activity chosen for a sub-goal: a catalogue activity, or a kind of activity described in words
 * (`activityKind`) when it is not one activity. With the indicators the table will measure and how.
 */
export const reachPlanChoices = pgTable(
  'reach_plan_choices',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    planId: uuid('plan_id').notNull(),
    subGoalKey: text('sub_goal_key').notNull(),
    activityId: uuid('activity_id'),
    activityKind: text('activity_kind').notNull().default(''),
    indicators: text('indicators').notNull().default(''),
    method: text('method').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('reach_plan_choices_plan_idx').on(t.tenantId, t.planId),
    tenantReference('reach_plan_choices_plan_fk', t, t.planId, reachPlans).onDelete('cascade'),
    tenantReference('reach_plan_choices_activity_fk', t, t.activityId, activities),
  ],
);

/** One organisation's part in delivering a chosen activity: planned sessions/hours, sub-goals and principles (keys). */
export const reachPlanEntries = pgTable(
  'reach_plan_entries',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    planId: uuid('plan_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    plannedSessions: integer('planned_sessions').notNull().default(0),
    plannedHours: numeric('planned_hours', { precision: 8, scale: 2, mode: 'number' }).notNull().default(0),
    subGoals: text('sub_goals').array().notNull().default(emptyArray),
    principles: text('principles').array().notNull().default(emptyArray),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_plan_entries_activity_org_uq').on(t.tenantId, t.planId, t.activityId, t.organisationId),
    index('reach_plan_entries_org_idx').on(t.tenantId, t.organisationId),
    tenantReference('reach_plan_entries_plan_fk', t, t.planId, reachPlans).onDelete('cascade'),
    tenantReference('reach_plan_entries_activity_fk', t, t.activityId, activities),
    tenantReference('reach_plan_entries_organisation_fk', t, t.organisationId, organisations),
  ],
);

/** Planned unique residents of an entry per target group (key of the framework's list) and district; '' = all. */
export const reachPlanTargets = pgTable(
  'reach_plan_targets',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    entryId: uuid('entry_id').notNull(),
    targetGroup: text('target_group').notNull().default(''),
    districtCode: text('district_code').notNull().default(''),
    plannedResidents: integer('planned_residents').notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_plan_targets_uq').on(t.tenantId, t.entryId, t.targetGroup, t.districtCode),
    tenantReference('reach_plan_targets_entry_fk', t, t.entryId, reachPlanEntries).onDelete('cascade'),
  ],
);

/** Every change of a plan: who, why, whose part, and the plan as it was after the change. */
export const reachPlanRevisions = pgTable(
  'reach_plan_revisions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    planId: uuid('plan_id').notNull(),
    version: integer('version').notNull(),
    organisationId: uuid('organisation_id'),
    actorUserId: uuid('actor_user_id'),
    actorName: text('actor_name').notNull(),
    reason: text('reason').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_plan_revisions_version_uq').on(t.tenantId, t.planId, t.version),
    tenantReference('reach_plan_revisions_plan_fk', t, t.planId, reachPlans).onDelete('cascade'),
  ],
);

/**
 * A session of an activity on a date (level 1): held or cancelled, hours, volunteers, principles applied, and the
 * anonymous attendance: `headcount` entered by hand, `importedAnonymous` the anonymous rows of the last import
 * that contained this session (replaced, not added, so re-importing never counts twice).
 */
export const reachSessions = pgTable(
  'reach_sessions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    activityId: uuid('activity_id').notNull(),
    /** The registering organisation. */
    organisationId: uuid('organisation_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    status: text('status').$type<'held' | 'cancelled'>().notNull().default('held'),
    cancelReason: text('cancel_reason').notNull().default(''),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull().default(0),
    volunteers: integer('volunteers').notNull().default(0),
    volunteerHours: numeric('volunteer_hours', { precision: 8, scale: 2, mode: 'number' }).notNull().default(0),
    principles: text('principles').array().notNull().default(emptyArray),
    headcount: integer('headcount').notNull().default(0),
    importedAnonymous: integer('imported_anonymous').notNull().default(0),
    note: text('note').notNull().default(''),
    /** form | import | api | demo */
    source: text('source').notNull().default('form'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_sessions_activity_date_uq').on(t.tenantId, t.activityId, t.date),
    index('reach_sessions_org_date_idx').on(t.tenantId, t.organisationId, t.date),
    index('reach_sessions_date_idx').on(t.tenantId, t.date),
    // The few sessions that are not held (the summary triggers look up whether a session is one of them).
    index('reach_sessions_not_held_idx').on(t.tenantId, t.id).where(sql`status <> 'held'`),
    tenantReference('reach_sessions_activity_fk', t, t.activityId, activities),
    tenantReference('reach_sessions_organisation_fk', t, t.organisationId, organisations),
  ],
);

/**
 * An identified visit: the resident's keyed pseudonym (never the identifier) and coarse attributes. One row per
 * resident and session (primary key), so a resident is never counted twice for one session. Activity, organisation
 * and date are copied from the session for the reports.
 * Written 100,000 rows per import, so it carries only what is used: the primary key (ON CONFLICT, the session's
 * list, cascade from the session), the date index (the reports' year or period) and the session reference — which
 * includes tenant_id, so the tenant is checked through the session (no second reference to municipalities per row).
 * Organisation and activity filters of the reports select from the date range (no index of their own).
 */
export const reachAttendance = pgTable(
  'reach_attendance',
  {
    tenantId: tenantId(),
    sessionId: uuid('session_id').notNull(),
    pseudonym: bytea('pseudonym').notNull(),
    activityId: uuid('activity_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    birthYear: smallint('birth_year'),
    /** When only an age band is known, e.g. "65+" or "18-26". */
    ageBand: text('age_band'),
    wijkCode: text('wijk_code'),
    targetGroups: text('target_groups').array().notNull().default(emptyArray),
    importId: uuid('import_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.sessionId, t.pseudonym] }),
    index('reach_attendance_date_idx').on(t.tenantId, t.date),
    tenantReference('reach_attendance_session_fk', t, t.sessionId, reachSessions).onDelete('cascade'),
  ],
);

/**
 * The reach report's summary of reach_attendance: per resident (pseudonym), activity, organisation, wijk of residence
 * (`''` when unknown), target groups and calendar year, the identified visits in all and per month (`m1`…`m12`).
 * Only visits of HELD sessions count (a session registered as cancelled counts no visits). It holds nothing that
 * reach_attendance does not: it is derived data, kept equal to the aggregate of reach_attendance by triggers in the
 * same transaction as every write (insert, delete, update of attendance; a session's status change; a session's
 * deletion) — migration `reach_summary_triggers`, see docs/ARCHITECTURE.md "The reach report query". A city-year of a
 * million attendance rows is some 40,000 rows here, read in primary-key order (tenant, year, pseudonym): already
 * sorted per resident. No row with 0 visits is kept.
 */
export const reachVisitSummary = pgTable(
  'reach_visit_summary',
  {
    tenantId: tenantId(),
    year: smallint('year').notNull(),
    pseudonym: bytea('pseudonym').notNull(),
    activityId: uuid('activity_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    /** '' when the wijk of residence is unknown (reach_attendance.wijk_code is null). */
    wijkCode: text('wijk_code').notNull(),
    targetGroups: text('target_groups').array().notNull(),
    visits: integer('visits').notNull(),
    m1: smallint('m1').notNull(),
    m2: smallint('m2').notNull(),
    m3: smallint('m3').notNull(),
    m4: smallint('m4').notNull(),
    m5: smallint('m5').notNull(),
    m6: smallint('m6').notNull(),
    m7: smallint('m7').notNull(),
    m8: smallint('m8').notNull(),
    m9: smallint('m9').notNull(),
    m10: smallint('m10').notNull(),
    m11: smallint('m11').notNull(),
    m12: smallint('m12').notNull(),
  },
  (t) => [primaryKey({ name: 'reach_visit_summary_pk', columns: [t.tenantId, t.year, t.pseudonym, t.activityId, t.organisationId, t.wijkCode, t.targetGroups] })],
);

/** Volunteers identified at a session (pseudonym only), for the number of active volunteers. */
export const reachSessionVolunteers = pgTable(
  'reach_session_volunteers',
  {
    tenantId: tenantId().references(() => municipalities.code),
    sessionId: uuid('session_id').notNull(),
    pseudonym: bytea('pseudonym').notNull(),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sessionId, t.pseudonym] }), tenantReference('reach_session_volunteers_session_fk', t, t.sessionId, reachSessions).onDelete('cascade')],
);

/** The organisation's explanation of a deviation between planned and delivered, per activity and year. */
export const reachExplanations = pgTable(
  'reach_explanations',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    activityId: uuid('activity_id').notNull(),
    year: integer('year').notNull(),
    text: text('text').notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_explanations_uq').on(t.tenantId, t.organisationId, t.activityId, t.year),
    tenantReference('reach_explanations_organisation_fk', t, t.organisationId, organisations),
    tenantReference('reach_explanations_activity_fk', t, t.activityId, activities),
  ],
);

/** A saved column mapping of an organisation: the platform's column → the header in the organisation's files. */
export const reachImportMappings = pgTable(
  'reach_import_mappings',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    name: text('name').notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('reach_import_mappings_name_uq').on(t.tenantId, t.organisationId, t.name),
    tenantReference('reach_import_mappings_organisation_fk', t, t.organisationId, organisations).onDelete('cascade'),
  ],
);

/**
 * An attendance file: uploaded, validated and imported by a background job. The file is kept (`content`) only
 * until the job has finished. `errors` holds the row-by-row report (row, column, value, reason).
 */
export const reachImports = pgTable(
  'reach_imports',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    content: bytea('content'),
    mapping: jsonb('mapping').$type<Record<string, string>>(),
    /** Store the valid rows even when some rows are rejected (the user's explicit choice). */
    acceptValid: boolean('accept_valid').notNull().default(false),
    /** queued | running | imported | rejected | failed */
    status: text('status').notNull().default('queued'),
    totalRows: integer('total_rows').notNull().default(0),
    validRows: integer('valid_rows').notNull().default(0),
    newVisits: integer('new_visits').notNull().default(0),
    newSessions: integer('new_sessions').notNull().default(0),
    errors: jsonb('errors').$type<{ row: number; column: string; value: string; reason: string }[]>().notNull().default(sql`'[]'::jsonb`),
    errorCount: integer('error_count').notNull().default(0),
    message: text('message'),
    jobId: uuid('job_id'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('reach_imports_org_idx').on(t.tenantId, t.organisationId, t.createdAt),
    tenantReference('reach_imports_organisation_fk', t, t.organisationId, organisations),
  ],
);
