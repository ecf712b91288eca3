// Tables of the effects module (accountability level 3): surveys and their responses, support trajectories with the
// result at outflow, stories with consent, complaints and objections. Residents appear only as keyed pseudonyms
// (the reach module's identity), never by identifier. One section per part.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, uuid, smallint, date, jsonb, boolean, timestamp, index, uniqueIndex, primaryKey, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const emptyArray = sql`'{}'`;

// ------------------------------------------------------------------ surveys (survey-*.ts)

/**
 * A survey (enquête). `ownerOrganisationId` null = a survey of the municipality (built by policy advisors).
 * `status`: draft → open → closed (and back to open). `activityIds`/`themeSlugs` say what it asks about.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    ownerOrganisationId: uuid('owner_organisation_id'),
    titleNl: text('title_nl').notNull(),
    titleEn: text('title_en').notNull().default(''),
    introNl: text('intro_nl').notNull().default(''),
    introEn: text('intro_en').notNull().default(''),
    /** resident | professional | organisation */
    audience: text('audience').notNull(),
    /** draft | open | closed */
    status: text('status').notNull().default('draft'),
    activityIds: uuid('activity_ids').array().notNull().default(emptyArray),
    themeSlugs: text('theme_slugs').array().notNull().default(emptyArray),
    opensOn: date('opens_on'),
    closesOn: date('closes_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), index('surveys_owner_idx').on(t.tenantId, t.ownerOrganisationId), tenantReference('surveys_owner_fk', t, t.ownerOrganisationId, organisations)],
);

export const surveySections = pgTable(
  'survey_sections',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    titleNl: text('title_nl').notNull(),
    titleEn: text('title_en').notNull().default(''),
    position: integer('position').notNull().default(0),
  },
  (t) => [tenantPrimaryKey(t), index('survey_sections_survey_idx').on(t.tenantId, t.surveyId), tenantReference('survey_sections_survey_fk', t, t.surveyId, surveys).onDelete('cascade')],
);

/**
 * One question. `type`: scale (scaleMin..scaleMax, labels at both ends) | agree (5-point, 1 = helemaal oneens … 5 =
 * helemaal eens) | single | multiple | ranking | text. `options`: [{ key, nl, en }] for single/multiple/ranking.
 * `subGoals`: keys `<theme>/N` of the sub-goals it measures. `source`: 'platform' when the wording is the platform's
 * own; otherwise where it comes from. `setKey`: the standard set (and question) it was copied from.
 */
export const surveyQuestions = pgTable(
  'survey_questions',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    sectionId: uuid('section_id'),
    type: text('type').notNull(),
    textNl: text('text_nl').notNull(),
    textEn: text('text_en').notNull().default(''),
    helpNl: text('help_nl').notNull().default(''),
    helpEn: text('help_en').notNull().default(''),
    required: boolean('required').notNull().default(false),
    scaleMin: integer('scale_min'),
    scaleMax: integer('scale_max'),
    minLabelNl: text('min_label_nl').notNull().default(''),
    minLabelEn: text('min_label_en').notNull().default(''),
    maxLabelNl: text('max_label_nl').notNull().default(''),
    maxLabelEn: text('max_label_en').notNull().default(''),
    options: jsonb('options').$type<{ key: string; nl: string; en: string }[]>().notNull().default([]),
    subGoals: text('sub_goals').array().notNull().default(emptyArray),
    source: text('source'),
    setKey: text('set_key'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('survey_questions_survey_idx').on(t.tenantId, t.surveyId, t.position),
    tenantReference('survey_questions_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
    tenantReference('survey_questions_section_fk', t, t.sectionId, surveySections),
  ],
);

/** Standard question sets shipped as data (survey-sets.json), loaded by the module's seed step, keyed. */
export const surveyQuestionSets = pgTable(
  'survey_question_sets',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    key: text('key').notNull(),
    audience: text('audience').notNull(),
    content: jsonb('content').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('survey_question_sets_key_uq').on(t.tenantId, t.key)],
);

/** One-time submission tokens of the public form: only a SHA-256 of the token is kept. */
export const surveyTokens = pgTable(
  'survey_tokens',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('survey_tokens_hash_uq').on(t.tenantId, t.tokenHash),
    index('survey_tokens_expiry_idx').on(t.tenantId, t.expiresAt),
    tenantReference('survey_tokens_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
  ],
);

/** A kiosk (tablet) a staff member started for one survey: the kiosk cookie's SHA-256, until it expires or ends. */
export const surveyKiosks = pgTable(
  'survey_kiosks',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    startedBy: uuid('started_by'),
    /** Context every kiosk response gets (e.g. the Huis van de Wijk's district). */
    activityId: uuid('activity_id'),
    districtCode: text('district_code'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('survey_kiosks_hash_uq').on(t.tenantId, t.tokenHash), tenantReference('survey_kiosks_survey_fk', t, t.surveyId, surveys).onDelete('cascade')],
);

/**
 * One response (anonymous: no personal data). Context keys for results: activity, theme, district (code), target
 * group (key of the framework's list). `channel`: public | kiosk | paper | invitation.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    channel: text('channel').notNull(),
    activityId: uuid('activity_id'),
    themeSlug: text('theme_slug'),
    districtCode: text('district_code'),
    targetGroup: text('target_group'),
    /** The day the answers were given (paper: the day on the form). */
    answeredOn: date('answered_on').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('survey_responses_survey_idx').on(t.tenantId, t.surveyId, t.answeredOn),
    tenantReference('survey_responses_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
  ],
);

/**
 * One answer: typed columns by question type — scale/agree: `valueNumber`; single: `valueOption`; multiple:
 * `valueOptions` (chosen keys); ranking: `valueOptions` in order (first = rank 1); text: `valueText`.
 */
export const surveyAnswers = pgTable(
  'survey_answers',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    responseId: uuid('response_id').notNull(),
    surveyId: uuid('survey_id').notNull(),
    questionId: uuid('question_id').notNull(),
    valueNumber: integer('value_number'),
    valueOption: text('value_option'),
    valueOptions: text('value_options').array(),
    valueText: text('value_text'),
    /** The response's submitted_at, copied: open answers are listed newest first along an index, not after a join. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('survey_answers_question_idx').on(t.tenantId, t.surveyId, t.questionId, t.submittedAt.desc(), t.id),
    index('survey_answers_response_idx').on(t.tenantId, t.responseId),
    tenantReference('survey_answers_response_fk', t, t.responseId, surveyResponses).onDelete('cascade'),
    tenantReference('survey_answers_question_fk', t, t.questionId, surveyQuestions).onDelete('cascade'),
  ],
);

/**
 * Running totals behind the results (result-tally.ts), kept in the transaction that stores a response: responses
 * per context (channel, activity, district, target group, month of answering). A context part that is unknown is ''
 * (so it can be part of the key). Results read these few rows instead of every response.
 */
export const surveyResponseTallies = pgTable(
  'survey_response_tallies',
  {
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    channel: text('channel').notNull(),
    activity: text('activity').notNull(),
    district: text('district').notNull(),
    target: text('target').notNull(),
    /** YYYY-MM of answered_on */
    month: text('month').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [
    primaryKey({ name: 'survey_response_tallies_pk', columns: [t.tenantId, t.surveyId, t.channel, t.activity, t.district, t.target, t.month] }),
    tenantReference('survey_response_tallies_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
  ],
);

/**
 * Running totals of the answers per question and context (as survey_response_tallies). `key`: '' = answers to the
 * question; otherwise the value of a scale/agree answer, the chosen option of a single/multiple answer, or the option
 * a ranking/multiple answer placed at `place` (1 = first; 0 for scale/agree/single). `n`: how many; `total`: the sum
 * of the values (scale/agree) or of the Borda points k − place of a ranking of k options.
 */
export const surveyAnswerTallies = pgTable(
  'survey_answer_tallies',
  {
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    questionId: uuid('question_id').notNull(),
    channel: text('channel').notNull(),
    activity: text('activity').notNull(),
    district: text('district').notNull(),
    target: text('target').notNull(),
    month: text('month').notNull(),
    key: text('key').notNull(),
    place: smallint('place').notNull(),
    n: integer('n').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'survey_answer_tallies_pk', columns: [t.tenantId, t.surveyId, t.questionId, t.channel, t.activity, t.district, t.target, t.month, t.key, t.place] }),
    tenantReference('survey_answer_tallies_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
    tenantReference('survey_answer_tallies_question_fk', t, t.questionId, surveyQuestions).onDelete('cascade'),
  ],
);

/**
 * Consent for follow-up, stored apart from the answers: no reference to a response, only the day (not the time),
 * so a consent cannot be joined to the response given with it. Deletable.
 */
export const surveyConsents = pgTable(
  'survey_consents',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    contact: text('contact').notNull(),
    name: text('name').notNull().default(''),
    givenOn: date('given_on').notNull(),
  },
  (t) => [tenantPrimaryKey(t), index('survey_consents_survey_idx').on(t.tenantId, t.surveyId), tenantReference('survey_consents_survey_fk', t, t.surveyId, surveys).onDelete('cascade')],
);

/**
 * Invitation lists (results part, result-invite.ts): an invited organisation with a role e-mail address (no personal
 * names) and a personal one-time link. Only the token's SHA-256 is kept, so a link can be shown only when it is made
 * (staff can make a new one, which ends the old). `respondedAt` says whether it was used — never which answers.
 */
export const surveyInvitations = pgTable(
  'survey_invitations',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    surveyId: uuid('survey_id').notNull(),
    organisationName: text('organisation_name').notNull(),
    email: text('email').notNull(),
    tokenHash: text('token_hash').notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('survey_invitations_hash_uq').on(t.tenantId, t.tokenHash),
    index('survey_invitations_survey_idx').on(t.tenantId, t.surveyId),
    tenantReference('survey_invitations_survey_fk', t, t.surveyId, surveys).onDelete('cascade'),
  ],
);

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
