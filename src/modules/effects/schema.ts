// Tables of the effects module (accountability level 3): surveys and their responses, support trajectories with the
// result at outflow, stories with consent, complaints and objections. Residents appear only as keyed pseudonyms
// (the reach module's identity), never by identifier. One section per part.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, smallint, date, boolean, timestamp, index, uniqueIndex, primaryKey, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const emptyArray = sql`'{}'`;

// ------------------------------------------------------------------ surveys (survey-*.ts)

// ------------------------------------------------------------------ trajectories and outflow (outflow-*.ts)

/**
 * Keyed lists of the registers, loaded from seed/effects-registers.json and editable by an administrator:
 * `list` is 'trajectory_kind' (financiële hulp, coaching, …), 'ending_reason' or 'domain' (the life domains of the
 * self-reliance score, in the style of the Zelfredzaamheid-Matrix; the platform's own selection).
 */
export const effectsTerms = pgTable(
  'effects_terms',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    list: text('list').notNull(),
    key: text('key').notNull(),
    nameNl: text('name_nl').notNull(),
    nameEn: text('name_en').notNull(),
    position: integer('position').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('effects_terms_list_key_uq').on(t.tenantId, t.list, t.key)],
);

/** An individual support trajectory of one resident (keyed pseudonym only) with one organisation, and its result at outflow. */
export const effectsTrajectories = pgTable(
  'effects_trajectories',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    pseudonym: bytea('pseudonym').notNull(),
    kindKey: text('kind_key').notNull(),
    themeSlug: text('theme_slug').notNull(),
    subGoals: text('sub_goals').array().notNull().default(emptyArray),
    /** CBS wijk code of residence (WK……) and the district it lies in (copied for reports). */
    wijkCode: text('wijk_code'),
    districtCode: text('district_code'),
    startDate: date('start_date').notNull(),
    goals: text('goals').array().notNull().default(emptyArray),
    endDate: date('end_date'),
    endingReasonKey: text('ending_reason_key'),
    /** reached | partly | not (null while running). */
    result: text('result'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('effects_trajectories_org_idx').on(t.tenantId, t.organisationId),
    index('effects_trajectories_end_idx').on(t.tenantId, t.endDate),
    tenantReference('effects_trajectories_org_fk', t, t.organisationId, organisations),
  ],
);

/** Self-reliance score (1–5) on one life domain at the start and at the end of a trajectory. */
export const effectsTrajectoryScores = pgTable(
  'effects_trajectory_scores',
  {
    tenantId: tenantId().references(() => municipalities.code),
    trajectoryId: uuid('trajectory_id').notNull(),
    domainKey: text('domain_key').notNull(),
    startScore: smallint('start_score'),
    endScore: smallint('end_score'),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.trajectoryId, t.domainKey] }), tenantReference('effects_trajectory_scores_fk', t, t.trajectoryId, effectsTrajectories).onDelete('cascade')],
);

// ------------------------------------------------------------------ stories (story-*.ts)

/**
 * A story of what taking part meant for someone, with the resident's recorded consent. Status draft → submitted →
 * approved | returned; withdrawn when consent is withdrawn (text and photo erased, the row kept as a tombstone).
 */
export const effectsStories = pgTable(
  'effects_stories',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    status: text('status').notNull().default('draft'),
    title: text('title').notNull().default(''),
    body: text('body').notNull().default(''),
    storyDate: date('story_date').notNull(),
    photo: bytea('photo'),
    photoType: text('photo_type'),
    photoAlt: text('photo_alt').notNull().default(''),
    /** What may be used (text, photo), where (internal, council, public) and until when. */
    consentMedia: text('consent_media').array().notNull().default(emptyArray),
    consentUses: text('consent_uses').array().notNull().default(emptyArray),
    consentUntil: date('consent_until'),
    consentRecordedBy: uuid('consent_recorded_by'),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }),
    themeSlug: text('theme_slug'),
    subGoals: text('sub_goals').array().notNull().default(emptyArray),
    principles: text('principles').array().notNull().default(emptyArray),
    districtCode: text('district_code'),
    activityId: uuid('activity_id'),
    /** The author confirmed the anonymisation warnings ("ik heb dit gecontroleerd"). */
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    reviewerUserId: uuid('reviewer_user_id'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewComment: text('review_comment').notNull().default(''),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), index('effects_stories_org_idx').on(t.tenantId, t.organisationId), index('effects_stories_status_idx').on(t.tenantId, t.status), tenantReference('effects_stories_org_fk', t, t.organisationId, organisations)],
);

// ------------------------------------------------------------------ complaints and objections (complaint-*.ts)

/**
 * Types of complaint and objection with their deadline as data: objections 6 weeks, extendable once by 6 (Awb art.
 * 7:10); complaints 6 weeks, extendable by 4 (Awb art. 9:11). Loaded from seed/effects-registers.json.
 */
export const effectsComplaintTypes = pgTable(
  'effects_complaint_types',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    key: text('key').notNull(),
    nameNl: text('name_nl').notNull(),
    nameEn: text('name_en').notNull(),
    deadlineDays: integer('deadline_days').notNull(),
    extensionDays: integer('extension_days').notNull().default(0),
    legalBasis: text('legal_basis').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('effects_complaint_types_key_uq').on(t.tenantId, t.key)],
);

/** A complaint (about an organisation or activity) or an objection (against a decision). */
export const effectsComplaints = pgTable(
  'effects_complaints',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    typeKey: text('type_key').notNull(),
    receivedDate: date('received_date').notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    /** The decision objected against (a free reference for now). */
    decisionReference: text('decision_reference').notNull().default(''),
    handlerUserId: uuid('handler_user_id'),
    organisationId: uuid('organisation_id'),
    activityId: uuid('activity_id'),
    themeSlug: text('theme_slug'),
    /** received | in_progress | handled */
    status: text('status').notNull().default('received'),
    /** well_founded | unfounded | partly | withdrawn */
    decision: text('decision'),
    decisionText: text('decision_text').notNull().default(''),
    decidedDate: date('decided_date'),
    /** Days the deadline was extended by (once), with the reason. */
    extensionDays: integer('extension_days').notNull().default(0),
    extensionReason: text('extension_reason').notNull().default(''),
    /** Optional; visible only to the handler and the organisation concerned, every read audited. */
    complainantName: text('complainant_name').notNull().default(''),
    complainantContact: text('complainant_contact').notNull().default(''),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), index('effects_complaints_org_idx').on(t.tenantId, t.organisationId), index('effects_complaints_received_idx').on(t.tenantId, t.receivedDate)],
);
