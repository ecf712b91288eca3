// Tables of the subsidies module: the call (uitvraag) per period and its theme tables (members, meetings, the
// municipality's interim reactions); one joint application per table (sections along the call's quality criteria
// and statements, budget per organisation and year, every change kept as a revision, submitted versions locked);
// assessment (assessors assigned per call, declared conflicts, scores per criterion, the agreed assessment);
// grants per organisation with their decisions as versions (grant, adjustment, indexation) and amounts per year;
// SROI measures. Money in integer cents (bigint, read as JS numbers: amounts stay far below 2^53).
import { pgTable, text, integer, uuid, date, jsonb, boolean, timestamp, bigint, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

const cents = (name: string) => bigint(name, { mode: 'number' }).notNull().default(0);

/** A call for subsidies for one call period of the framework (e.g. 2020-2023), with its deadlines. */
export const subsidyCalls = pgTable(
  'subsidy_calls',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    periodCode: text('period_code').notNull(),
    title: text('title').notNull(),
    /** Last day an application can be submitted (inclusive, Europe/Amsterdam). */
    applicationDeadline: date('application_deadline').notNull(),
    /** The day the municipality decides by. */
    decisionDeadline: date('decision_deadline').notNull(),
    openedBy: text('opened_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_calls_period_uq').on(t.tenantId, t.periodCode)],
);

/** A theme table of a call: one theme of the period, its budget ceiling and its chair. */
export const subsidyTables = pgTable(
  'subsidy_tables',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    callId: uuid('call_id').notNull(),
    themeSlug: text('theme_slug').notNull(),
    /** Budget ceiling of the theme for the whole period, in cents. */
    ceilingCents: cents('ceiling_cents'),
    /** municipality | facilitator (an independent process facilitator while the application is written). */
    chairKind: text('chair_kind').notNull().default('municipality'),
    chairName: text('chair_name').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_tables_theme_uq').on(t.tenantId, t.callId, t.themeSlug), tenantReference('subsidy_tables_call_fk', t, t.callId, subsidyCalls).onDelete('cascade')],
);

/** An organisation at a table (an organisation may sit at several tables). */
export const subsidyTableMembers = pgTable(
  'subsidy_table_members',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    tableId: uuid('table_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_table_members_uq').on(t.tenantId, t.tableId, t.organisationId),
    index('subsidy_table_members_org_idx').on(t.tenantId, t.organisationId),
    tenantReference('subsidy_table_members_table_fk', t, t.tableId, subsidyTables).onDelete('cascade'),
    tenantReference('subsidy_table_members_org_fk', t, t.organisationId, organisations),
  ],
);

/** A meeting record (date, attendees, agreements) or an interim reaction of the municipality. */
export const subsidyTableNotes = pgTable(
  'subsidy_table_notes',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    tableId: uuid('table_id').notNull(),
    /** meeting | reaction */
    kind: text('kind').notNull(),
    date: date('date').notNull(),
    attendees: text('attendees').notNull().default(''),
    text: text('text').notNull(),
    authorName: text('author_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), index('subsidy_table_notes_table_idx').on(t.tenantId, t.tableId), tenantReference('subsidy_table_notes_table_fk', t, t.tableId, subsidyTables).onDelete('cascade')],
);

/** The one joint application of a table. `version` counts its changes; a submitted version is locked. */
export const subsidyApplications = pgTable(
  'subsidy_applications',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    tableId: uuid('table_id').notNull(),
    /** draft | submitted | returned | assessed */
    status: text('status').notNull().default('draft'),
    version: integer('version').notNull().default(0),
    submittedVersion: integer('submitted_version'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    returnComment: text('return_comment').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_applications_table_uq').on(t.tenantId, t.tableId), tenantReference('subsidy_applications_table_fk', t, t.tableId, subsidyTables).onDelete('cascade')],
);

/** A section of an application: a quality criterion (`criterium-N`), a statement the call asks (`kwaliteit/...`) or the table's own (`eigen-N`). */
export const subsidySections = pgTable(
  'subsidy_sections',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    key: text('key').notNull(),
    /** criterion | statement | own (a section the table added, e.g. per sub-goal or district) */
    kind: text('kind').notNull(),
    /** The title of an own section (criteria and statements take theirs from the framework). */
    title: text('title').notNull().default(''),
    position: integer('position').notNull(),
    organisationId: uuid('organisation_id'),
    /** todo | in_progress | done */
    status: text('status').notNull().default('todo'),
    body: text('body').notNull().default(''),
    updatedByName: text('updated_by_name').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_sections_key_uq').on(t.tenantId, t.applicationId, t.key),
    tenantReference('subsidy_sections_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade'),
  ],
);

/** Budget of one organisation for one year of an application: wage part and other costs, in cents. */
export const subsidyBudgetLines = pgTable(
  'subsidy_budget_lines',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    year: integer('year').notNull(),
    wageCents: cents('wage_cents'),
    otherCents: cents('other_cents'),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_budget_lines_uq').on(t.tenantId, t.applicationId, t.organisationId, t.year),
    tenantReference('subsidy_budget_lines_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade'),
  ],
);

/** Every change of an application: who, for which organisation, what (field), before and after (text). */
export const subsidyRevisions = pgTable(
  'subsidy_revisions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    version: integer('version').notNull(),
    actorName: text('actor_name').notNull(),
    organisationId: uuid('organisation_id'),
    /**
     * section_save (one save of a section: its text in before/after — equal when the text did not change — and the
     * other fields it changed in field_changes) | budget | add_section | submit | return. Rows from before one save
     * was one revision may also be section (text), status or assign.
     */
    what: text('what').notNull(),
    subject: text('subject').notNull().default(''),
    before: text('before').notNull().default(''),
    after: text('after').notNull().default(''),
    /** Other fields changed in the same save, e.g. [{ field: 'status', before: 'todo', after: 'done' }]. */
    fieldChanges: jsonb('field_changes').$type<{ field: string; before: string; after: string }[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('subsidy_revisions_application_idx').on(t.tenantId, t.applicationId, t.version),
    tenantReference('subsidy_revisions_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade'),
  ],
);

/** A submitted (locked) version: the sections, budget and the reach plan versions it refers to, as submitted. */
export const subsidySubmissions = pgTable(
  'subsidy_submissions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    submittedBy: text('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    returnedAt: timestamp('returned_at', { withTimezone: true }),
    returnComment: text('return_comment').notNull().default(''),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_submissions_version_uq').on(t.tenantId, t.applicationId, t.version),
    tenantReference('subsidy_submissions_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade'),
  ],
);

/** An assessor of a call (an assignment per call, not a role): a user account, with its organisation at assignment. */
export const subsidyAssessors = pgTable(
  'subsidy_assessors',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    callId: uuid('call_id').notNull(),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    organisationId: uuid('organisation_id'),
    assignedBy: text('assigned_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_assessors_uq').on(t.tenantId, t.callId, t.userId), tenantReference('subsidy_assessors_call_fk', t, t.callId, subsidyCalls).onDelete('cascade')],
);

/** A conflict of interest an assessor declared for a table: they cannot assess it. */
export const subsidyConflicts = pgTable(
  'subsidy_conflicts',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    tableId: uuid('table_id').notNull(),
    userId: uuid('user_id').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_conflicts_uq').on(t.tenantId, t.tableId, t.userId), tenantReference('subsidy_conflicts_table_fk', t, t.tableId, subsidyTables).onDelete('cascade')],
);

/** One assessor's score of one criterion of an application (scale 1–5); `submittedAt` once they hand in all scores. */
export const subsidyScores = pgTable(
  'subsidy_scores',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    userId: uuid('user_id').notNull(),
    assessorName: text('assessor_name').notNull(),
    criterionKey: text('criterion_key').notNull(),
    score: integer('score').notNull(),
    comment: text('comment').notNull().default(''),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_scores_uq').on(t.tenantId, t.applicationId, t.userId, t.criterionKey),
    tenantReference('subsidy_scores_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade'),
  ],
);

/** The agreed (final) assessment of an application: per criterion a score and the conclusion. */
export const subsidyAssessments = pgTable(
  'subsidy_assessments',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    scores: jsonb('scores').$type<{ criterionKey: string; score: number; comment: string }[]>().notNull(),
    conclusion: text('conclusion').notNull(),
    agreedBy: text('agreed_by').notNull(),
    agreedAt: timestamp('agreed_at', { withTimezone: true }).notNull(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('subsidy_assessments_uq').on(t.tenantId, t.applicationId), tenantReference('subsidy_assessments_application_fk', t, t.applicationId, subsidyApplications).onDelete('cascade')],
);

/**
 * A grant to one organisation for a call's period: from a joint application (`applicationId`) or to a single
 * grantee (no application: the SROI obligation applies). The amounts live in its decisions.
 */
export const subsidyGrants = pgTable(
  'subsidy_grants',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    callId: uuid('call_id').notNull(),
    applicationId: uuid('application_id'),
    organisationId: uuid('organisation_id').notNull(),
    themeSlug: text('theme_slug'),
    /** The decision reference, e.g. SB-2020-2023-0007; a later decision adds /2, /3 … */
    reference: text('reference').notNull(),
    joint: boolean('joint').notNull(),
    conditions: text('conditions').notNull().default(''),
    reporting: text('reporting').notNull().default(''),
    /** monthly | quarterly | yearly: the advances of each year. */
    advances: text('advances').notNull().default('quarterly'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_grants_reference_uq').on(t.tenantId, t.reference),
    /** One grant per organisation from one joint application (single grantees have no application: not limited here). */
    uniqueIndex('subsidy_grants_application_organisation_uq').on(t.tenantId, t.applicationId, t.organisationId),
    index('subsidy_grants_org_idx').on(t.tenantId, t.organisationId),
    index('subsidy_grants_call_idx').on(t.tenantId, t.callId),
    tenantReference('subsidy_grants_call_fk', t, t.callId, subsidyCalls),
    tenantReference('subsidy_grants_org_fk', t, t.organisationId, organisations),
  ],
);

/** A decision on a grant (a version): the grant itself, an adjustment or an indexation. Never changed afterwards. */
export const subsidyDecisions = pgTable(
  'subsidy_decisions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    grantId: uuid('grant_id').notNull(),
    number: integer('number').notNull(),
    /** grant | adjustment | indexation */
    kind: text('kind').notNull(),
    year: integer('year'),
    /** Indexation in basis points (250 = 2.50 %). */
    basisPoints: integer('basis_points'),
    reason: text('reason').notNull().default(''),
    decidedOn: date('decided_on').notNull(),
    decidedBy: text('decided_by').notNull(),
    /** The change in cents this decision made (sum over years and parts). */
    deltaCents: cents('delta_cents'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_decisions_number_uq').on(t.tenantId, t.grantId, t.number),
    tenantReference('subsidy_decisions_grant_fk', t, t.grantId, subsidyGrants).onDelete('cascade'),
  ],
);

/** The amounts per year after a decision (the version's full state: every year of the grant). */
export const subsidyDecisionYears = pgTable(
  'subsidy_decision_years',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    decisionId: uuid('decision_id').notNull(),
    year: integer('year').notNull(),
    wageCents: cents('wage_cents'),
    otherCents: cents('other_cents'),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('subsidy_decision_years_uq').on(t.tenantId, t.decisionId, t.year),
    tenantReference('subsidy_decision_years_decision_fk', t, t.decisionId, subsidyDecisions).onDelete('cascade'),
  ],
);

/** How a single grantee meets its SROI obligation in a year: jobs, work-experience places, internships. */
export const subsidySroiMeasures = pgTable(
  'subsidy_sroi_measures',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    grantId: uuid('grant_id').notNull(),
    year: integer('year').notNull(),
    /** job | work_experience | internship */
    kind: text('kind').notNull(),
    places: integer('places').notNull(),
    /** What the measure counts for against the obligation, in cents. */
    valueCents: cents('value_cents'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), index('subsidy_sroi_grant_idx').on(t.tenantId, t.grantId, t.year), tenantReference('subsidy_sroi_grant_fk', t, t.grantId, subsidyGrants).onDelete('cascade')],
);
