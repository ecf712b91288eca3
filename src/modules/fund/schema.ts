// Tables of the volunteer-organisation fund (vrijwilligersfonds): a fund per year with its budget, application
// window and decision deadline; one short application per volunteer organisation and year; extra budget agreed after
// a personal conversation; payments; and the non-financial support given to an organisation. Money in integer cents.
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, uuid, date, timestamp, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

const cents = (name: string) => bigint(name, { mode: 'number' });

/**
 * The fund of one year: its budget, when organisations may apply (`opensOn`–`closesOn`) and the day by which every
 * application should have its answer (`decisionDeadline`). `managerOrganisationId`: the organisation that runs the
 * fund for the municipality (Haarlem from 2023: VanHier), whose contract managers manage it with the policy advisors.
 */
export const fundYears = pgTable(
  'fund_years',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    year: integer('year').notNull(),
    budgetCents: cents('budget_cents').notNull(),
    opensOn: date('opens_on', { mode: 'string' }).notNull(),
    closesOn: date('closes_on', { mode: 'string' }).notNull(),
    decisionDeadline: date('decision_deadline', { mode: 'string' }).notNull(),
    managerOrganisationId: uuid('manager_organisation_id'),
    /** Where the figures come from (a source document), and a note. */
    source: text('source').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('fund_years_tenant_year_uq').on(t.tenantId, t.year),
    tenantReference('fund_years_manager_fk', t, t.managerOrganisationId, organisations),
    check('fund_years_budget_non_negative', sql`${t.budgetCents} >= 0`),
    check('fund_years_window', sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

/**
 * One organisation's application for one year: draft → submitted → decided. The four answers of the short form,
 * the amount asked, the amount guaranteed (what it was granted the year before, fixed when the application starts),
 * the named contact person at the fund, and the decision: the amount granted and the letter.
 */
export const fundApplications = pgTable(
  'fund_applications',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    fundYearId: uuid('fund_year_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    /** draft | submitted | decided */
    status: text('status').notNull().default('draft'),
    whoWeAre: text('who_we_are').notNull().default(''),
    whatWeDo: text('what_we_do').notNull().default(''),
    forWhom: text('for_whom').notNull().default(''),
    requestedCents: cents('requested_cents'),
    guaranteedCents: cents('guaranteed_cents').notNull().default(0),
    contactUserId: uuid('contact_user_id'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by'),
    grantedCents: cents('granted_cents'),
    letterText: text('letter_text').notNull().default(''),
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: uuid('decided_by'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('fund_applications_year_org_uq').on(t.tenantId, t.fundYearId, t.organisationId),
    index('fund_applications_org_idx').on(t.tenantId, t.organisationId),
    tenantReference('fund_applications_year_fk', t, t.fundYearId, fundYears).onDelete('cascade'),
    tenantReference('fund_applications_organisation_fk', t, t.organisationId, organisations),
    check('fund_applications_status_valid', sql`${t.status} in ('draft', 'submitted', 'decided')`),
    check('fund_applications_amounts_non_negative', sql`coalesce(${t.requestedCents}, 0) >= 0 and coalesce(${t.grantedCents}, 0) >= 0 and ${t.guaranteedCents} >= 0`),
  ],
);

/** Extra budget on top of the guaranteed amount, agreed in a personal conversation (date, notes, amount). */
export const fundExtraBudgets = pgTable(
  'fund_extra_budgets',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    conversationOn: date('conversation_on', { mode: 'string' }).notNull(),
    notes: text('notes').notNull().default(''),
    agreedCents: cents('agreed_cents').notNull(),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('fund_extra_budgets_application_idx').on(t.tenantId, t.applicationId),
    tenantReference('fund_extra_budgets_application_fk', t, t.applicationId, fundApplications).onDelete('cascade'),
    check('fund_extra_budgets_non_negative', sql`${t.agreedCents} >= 0`),
  ],
);

/** A payment made on an application (what was granted plus agreed extra budget). */
export const fundPayments = pgTable(
  'fund_payments',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    applicationId: uuid('application_id').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountCents: cents('amount_cents').notNull(),
    reference: text('reference').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('fund_payments_application_idx').on(t.tenantId, t.applicationId),
    tenantReference('fund_payments_application_fk', t, t.applicationId, fundApplications).onDelete('cascade'),
    check('fund_payments_positive', sql`${t.amountCents} > 0`),
  ],
);

/** Non-financial support given to an organisation in a fund year: help with fundraising, a network meeting, a training. */
export const fundSupport = pgTable(
  'fund_support',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    fundYearId: uuid('fund_year_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    /** fundraising | network-meeting | training */
    kind: text('kind').notNull(),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    description: text('description').notNull().default(''),
    recordedBy: uuid('recorded_by'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    index('fund_support_year_org_idx').on(t.tenantId, t.fundYearId, t.organisationId),
    tenantReference('fund_support_year_fk', t, t.fundYearId, fundYears).onDelete('cascade'),
    tenantReference('fund_support_organisation_fk', t, t.organisationId, organisations),
    check('fund_support_kind_valid', sql`${t.kind} in ('fundraising', 'network-meeting', 'training')`),
  ],
);
