// Tables of the integral contract (opdracht) between the municipality and a contractor (e.g. a cooperative): the
// contract, its contracting rounds (the subcontractors for a coming year, with the timeline of proposed decisions,
// personal conversations and final decisions), and per subcontractor the contractor's decision, the conversation
// and — when it stops — the agreed transfer of its residents as counts (never identities).
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, uuid, date, index, uniqueIndex, check } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';
import { organisations } from '../network/schema.ts';

/** The contract between the municipality and a contractor for a period. */
export const contracts = pgTable(
  'contracts',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    name: text('name').notNull(),
    contractorOrganisationId: uuid('contractor_organisation_id').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    /** Null: no end date known. */
    endsOn: date('ends_on', { mode: 'string' }),
    source: text('source').notNull().default(''),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('contracts_tenant_name_uq').on(t.tenantId, t.name),
    tenantReference('contracts_contractor_fk', t, t.contractorOrganisationId, organisations),
    check('contracts_period', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/**
 * A contracting round: which subcontractors the contractor works with in `year`, decided along a timeline —
 * proposed decisions, personal conversations, final decisions — each a window of dates (data, from the source).
 */
export const contractRounds = pgTable(
  'contract_rounds',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    contractId: uuid('contract_id').notNull(),
    year: integer('year').notNull(),
    proposalFrom: date('proposal_from', { mode: 'string' }).notNull(),
    proposalTo: date('proposal_to', { mode: 'string' }).notNull(),
    conversationsFrom: date('conversations_from', { mode: 'string' }).notNull(),
    conversationsTo: date('conversations_to', { mode: 'string' }).notNull(),
    decisionFrom: date('decision_from', { mode: 'string' }).notNull(),
    decisionTo: date('decision_to', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('contract_rounds_contract_year_uq').on(t.tenantId, t.contractId, t.year),
    tenantReference('contract_rounds_contract_fk', t, t.contractId, contracts).onDelete('cascade'),
    check('contract_rounds_windows', sql`${t.proposalTo} >= ${t.proposalFrom} and ${t.conversationsTo} >= ${t.conversationsFrom} and ${t.decisionTo} >= ${t.decisionFrom}`),
  ],
);

/**
 * A subcontractor in a round: its kind of provider, the contractor's proposed and final decision (continue, stop,
 * one more transition year) with their dates, the personal conversation (date, concerns, wishes), and for a
 * subcontractor that stops the agreed transfer of its residents as counts: taken over by the same worker, a careful
 * change to a new worker agreed with the resident, and how many of those are completed.
 */
export const contractSubcontractors = pgTable(
  'contract_subcontractors',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    roundId: uuid('round_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    providerKind: text('provider_kind').notNull(),
    /** continue | stop | transition */
    proposedDecision: text('proposed_decision'),
    proposedOn: date('proposed_on', { mode: 'string' }),
    conversationOn: date('conversation_on', { mode: 'string' }),
    concerns: text('concerns').notNull().default(''),
    wishes: text('wishes').notNull().default(''),
    finalDecision: text('final_decision'),
    finalOn: date('final_on', { mode: 'string' }),
    transferSameWorker: integer('transfer_same_worker').notNull().default(0),
    transferNewWorker: integer('transfer_new_worker').notNull().default(0),
    transferCompleted: integer('transfer_completed').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('contract_subcontractors_round_org_uq').on(t.tenantId, t.roundId, t.organisationId),
    index('contract_subcontractors_org_idx').on(t.tenantId, t.organisationId),
    tenantReference('contract_subcontractors_round_fk', t, t.roundId, contractRounds).onDelete('cascade'),
    tenantReference('contract_subcontractors_organisation_fk', t, t.organisationId, organisations),
    check('contract_subcontractors_decisions', sql`coalesce(${t.proposedDecision}, 'continue') in ('continue', 'stop', 'transition') and coalesce(${t.finalDecision}, 'continue') in ('continue', 'stop', 'transition')`),
    check(
      'contract_subcontractors_transfers',
      sql`${t.transferSameWorker} >= 0 and ${t.transferNewWorker} >= 0 and ${t.transferCompleted} >= 0 and ${t.transferCompleted} <= ${t.transferSameWorker} + ${t.transferNewWorker}`,
    ),
  ],
);
