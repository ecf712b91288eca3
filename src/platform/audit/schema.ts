import { pgTable, text, uuid, jsonb, index, bigserial, timestamp } from 'drizzle-orm/pg-core';
import { tenantId, tenantPrimaryKey } from '../db/columns.ts';
import { municipalities } from '../tenancy/schema.ts';

/** Append-only audit log: who did what, when, to which record. Written in the same transaction as the change. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    tenantId: tenantId().references(() => municipalities.code),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    onBehalfOf: uuid('on_behalf_of'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [tenantPrimaryKey(t), index('audit_events_tenant_at_idx').on(t.tenantId, t.at), index('audit_events_subject_idx').on(t.tenantId, t.subjectType, t.subjectId)],
);
