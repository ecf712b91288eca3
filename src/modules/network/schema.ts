import { pgTable, text, uuid, uniqueIndex, index, boolean } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';

/** An organisation in the social foundation. `type` is one of organisationTypes (network/types.ts). */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /** False when the type was inferred (seed data), not stated by a source or confirmed by an administrator. */
    typeConfirmed: boolean('type_confirmed').notNull().default(true),
    description: text('description').notNull().default(''),
    website: text('website'),
    /** Public contact point: a role address and phone number (e.g. info@…), never a person's private data. */
    contactEmail: text('contact_email'),
    contactPhone: text('contact_phone'),
    /** District codes (framework) where the organisation is active. */
    districts: text('districts').array().notNull().default(sql`'{}'::text[]`),
    /** Theme slugs (framework) the organisation works on. */
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('organisations_tenant_name_uq').on(t.tenantId, t.name),
    index('organisations_districts_gin').using('gin', t.districts),
    index('organisations_themes_gin').using('gin', t.themes),
  ],
);

/**
 * People who work at an organisation: their work identity only (name, job title, work contact) and
 * their expertise, T-shaped: a generalist area plus one or more specialisms.
 */
export const organisationPeople = pgTable(
  'organisation_people',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    organisationId: uuid('organisation_id').notNull(),
    name: text('name').notNull(),
    jobTitle: text('job_title').notNull(),
    workEmail: text('work_email'),
    workPhone: text('work_phone'),
    generalistArea: text('generalist_area').notNull(),
    specialisms: text('specialisms').array().notNull().default(sql`'{}'::text[]`),
    districts: text('districts').array().notNull().default(sql`'{}'::text[]`),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), index('organisation_people_org_idx').on(t.tenantId, t.organisationId), tenantReference('organisation_people_organisation_fk', t, t.organisationId, organisations).onDelete('cascade')],
);

/** A person's Driehoek role in a district: gebiedsverbinder, sociaal-wijkteam or opbouwwerker (one per person and district). */
export const driehoekAssignments = pgTable(
  'driehoek_assignments',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    personId: uuid('person_id').notNull(),
    districtCode: text('district_code').notNull(),
    /** The wijk (CBS code) within the district when the person's Driehoek role is for one wijk; null: the whole district. */
    wijkCode: text('wijk_code'),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('driehoek_assignments_person_district_uq').on(t.tenantId, t.personId, t.districtCode),
    index('driehoek_assignments_district_idx').on(t.tenantId, t.districtCode),
    tenantReference('driehoek_assignments_person_fk', t, t.personId, organisationPeople).onDelete('cascade'),
  ],
);
