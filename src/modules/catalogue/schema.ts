// Tables of the catalogue module: the public offer of activities and services ("sociale kaart").
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, boolean, timestamp, date, index, customType } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const emptyArray = sql`'{}'`;

/**
 * An activity or service of an organisation. Times are Europe/Amsterdam local time; `starts_at`/`ends_at`
 * hold the first occurrence, `days`/`dayparts` are derived from the schedule for the search filters.
 */
export const activities = pgTable(
  'activities',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    /** Other organisations that deliver this activity jointly with `organisationId` (network organisations). */
    partnerOrganisationIds: uuid('partner_organisation_ids').array().notNull().default(emptyArray),
    title: text('title').notNull(),
    description: text('description').notNull(),
    kind: text('kind').$type<'activity' | 'service'>().notNull().default('activity'),
    themes: text('themes').array().notNull().default(emptyArray),
    subGoals: text('sub_goals').array().notNull().default(emptyArray),
    principles: text('principles').array().notNull().default(emptyArray),
    targetGroups: text('target_groups').array().notNull().default(emptyArray),
    districtCode: text('district_code'),
    neighbourhoodCode: text('neighbourhood_code'),
    /** A location of the places module (plain uuid: places is another module); free text below as fallback. */
    locationId: uuid('location_id'),
    locationName: text('location_name').notNull().default(''),
    locationAddress: text('location_address').notNull().default(''),
    scheduleKind: text('schedule_kind').$type<'one-off' | 'weekly' | 'custom'>().notNull(),
    /** One-off and custom: the (first) date; weekly: the first date from which it runs. */
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** One-off only: the last day when it spans several days. */
    endDate: date('end_date', { mode: 'string' }),
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    /** Weekly: ISO weekdays 1 (Monday) … 7 (Sunday). */
    weekdays: integer('weekdays').array().notNull().default(emptyArray),
    untilDate: date('until_date', { mode: 'string' }),
    /** Custom: RFC 5545 RRULE (validated subset, normalised). */
    rrule: text('rrule'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** End of the last occurrence; null for a series without end. */
    lastEndsAt: timestamp('last_ends_at', { withTimezone: true }),
    days: integer('days').array().notNull().default(emptyArray),
    dayparts: text('dayparts').array().notNull().default(emptyArray),
    costCents: integer('cost_cents').notNull().default(0),
    isFree: boolean('is_free').notNull().default(true),
    /** none | free | reduced: what a HaarlemPas holder pays. */
    haarlemPas: text('haarlem_pas').$type<'none' | 'free' | 'reduced'>().notNull().default('none'),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    accessibilityDetails: text('accessibility_details').notNull().default(''),
    languages: text('languages').array().notNull().default(emptyArray),
    howToJoin: text('how_to_join').$type<'walk-in' | 'sign-up' | 'referral'>().notNull(),
    contact: text('contact').notNull().default(''),
    sensitive: boolean('sensitive').notNull().default(false),
    status: text('status').$type<'draft' | 'published' | 'ended'>().notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Demo generator key, so seeding twice adds nothing. */
    seedKey: text('seed_key'),
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('dutch'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('dutch'::regconfig, coalesce(description, '')), 'B') || setweight(to_tsvector('dutch'::regconfig, coalesce(location_name, '')), 'C')`,
      ),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantReference('activities_organisation_fk', t, t.organisationId, organisations),
    index('activities_search_idx').using('gin', t.searchVector),
    index('activities_list_idx').on(t.tenantId, t.status, t.startsAt, t.title, t.id),
    index('activities_org_idx').on(t.tenantId, t.organisationId),
    index('activities_partner_orgs_idx').using('gin', t.partnerOrganisationIds),
    index('activities_location_idx').on(t.tenantId, t.locationId),
    index('activities_district_idx').on(t.tenantId, t.districtCode, t.neighbourhoodCode),
    index('activities_themes_idx').using('gin', t.themes),
    index('activities_target_groups_idx').using('gin', t.targetGroups),
    index('activities_languages_idx').using('gin', t.languages),
    index('activities_days_idx').using('gin', t.days),
    index('activities_seed_key_idx').on(t.tenantId, t.seedKey),
  ],
);
