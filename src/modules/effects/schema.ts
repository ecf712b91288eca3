// Tables of the effects module (accountability level 3): surveys and their responses, support trajectories with the
// result at outflow, stories with consent, complaints and objections. Residents appear only as keyed pseudonyms
// (the reach module's identity), never by identifier. One section per part.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, date, jsonb, boolean, timestamp, index, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

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
  },
  (t) => [
    tenantPrimaryKey(t),
    index('survey_answers_question_idx').on(t.tenantId, t.surveyId, t.questionId),
    // results (result-query.ts): numeric answers aggregated per question without visiting the table
    index('survey_answers_number_idx').on(t.tenantId, t.surveyId, t.questionId, t.valueNumber, t.responseId),
    index('survey_answers_response_idx').on(t.tenantId, t.responseId),
    tenantReference('survey_answers_response_fk', t, t.responseId, surveyResponses).onDelete('cascade'),
    tenantReference('survey_answers_question_fk', t, t.questionId, surveyQuestions).onDelete('cascade'),
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

// ------------------------------------------------------------------ stories (story-*.ts)

// ------------------------------------------------------------------ complaints and objections (complaint-*.ts)
