// Tables of the places module: locations (Huizen van de Wijk), their rooms, room rates and bookings.
// No double booking: the exclusion constraint bookings_no_overlap (migration places_booking_exclusion)
// refuses two active bookings (requested or approved) of one room whose time ranges overlap.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, boolean, jsonb, uuid, timestamp, uniqueIndex, unique, index, check } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';
import { users } from '../../platform/auth/schema.ts';

/** Opening hours per weekday (mon … sun): null = closed, otherwise local times "HH:MM". */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type OpeningHours = Partial<Record<Weekday, { open: string; close: string } | null>>;

export const locations = pgTable(
  'locations',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    name: text('name').notNull(),
    address: text('address').notNull(),
    postcode: text('postcode').notNull().default(''),
    /** Codes of the framework's districts and neighbourhoods (validated by the service). */
    districtCode: text('district_code'),
    neighbourhoodCode: text('neighbourhood_code'),
    openingHours: jsonb('opening_hours').$type<OpeningHours>().notNull().default({}),
    wheelchairAccessible: boolean('wheelchair_accessible').notNull().default(false),
    accessibleToilet: boolean('accessible_toilet').notNull().default(false),
    hearingLoop: boolean('hearing_loop').notNull().default(false),
    accessibilityNotes: text('accessibility_notes').notNull().default(''),
    managerOrganisationId: uuid('manager_organisation_id'),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('locations_tenant_name_uq').on(t.tenantId, t.name),
    index('locations_district_idx').on(t.tenantId, t.districtCode),
    tenantReference('locations_manager_organisation_fk', t, t.managerOrganisationId, organisations).onDelete('set null'),
  ],
);

export const rooms = pgTable(
  'rooms',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    locationId: uuid('location_id').notNull(),
    name: text('name').notNull(),
    capacity: integer('capacity').notNull(),
    facilities: text('facilities').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('rooms_location_name_uq').on(t.tenantId, t.locationId, t.name),
    check('rooms_capacity_positive', sql`${t.capacity} > 0`),
    tenantReference('rooms_location_fk', t, t.locationId, locations).onDelete('cascade'),
  ],
);

/**
 * Hourly rate per organisation type, for one location or (location_id null) for every location.
 * Lookup order: the location's own rate → the global rate → the built-in default (service.ts defaultRates).
 */
export const roomRates = pgTable(
  'room_rates',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    locationId: uuid('location_id'),
    organisationType: text('organisation_type').notNull(),
    hourlyRateCents: integer('hourly_rate_cents').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    unique('room_rates_scope_uq').on(t.tenantId, t.locationId, t.organisationType).nullsNotDistinct(),
    check('room_rates_non_negative', sql`${t.hourlyRateCents} >= 0`),
    tenantReference('room_rates_location_fk', t, t.locationId, locations).onDelete('cascade'),
  ],
);

export const bookingStatuses = ['requested', 'approved', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookings = pgTable(
  'bookings',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    roomId: uuid('room_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    bookedByUserId: uuid('booked_by_user_id'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').$type<BookingStatus>().notNull().default('requested'),
    purpose: text('purpose').notNull(),
    /** Shared by the occurrences of one weekly recurring request. */
    seriesId: uuid('series_id'),
    /** The rate and price at the time of the request; later rate changes do not change them. */
    hourlyRateCents: integer('hourly_rate_cents').notNull(),
    priceCents: integer('price_cents').notNull(),
    decidedByUserId: uuid('decided_by_user_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    tenantReference('bookings_room_fk', t, t.roomId, rooms).onDelete('restrict'),
    tenantReference('bookings_organisation_fk', t, t.organisationId, organisations).onDelete('restrict'),
    tenantReference('bookings_booked_by_user_fk', t, t.bookedByUserId, users).onDelete('set null'),
    tenantReference('bookings_decided_by_user_fk', t, t.decidedByUserId, users).onDelete('set null'),
    index('bookings_room_starts_idx').on(t.tenantId, t.roomId, t.startsAt),
    index('bookings_org_starts_idx').on(t.tenantId, t.organisationId, t.startsAt),
    index('bookings_series_idx').on(t.tenantId, t.seriesId),
    check('bookings_ends_after_starts', sql`${t.endsAt} > ${t.startsAt}`),
    check('bookings_status_valid', sql`${t.status} in ('requested', 'approved', 'declined', 'cancelled')`),
  ],
);
