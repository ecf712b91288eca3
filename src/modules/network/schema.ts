import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt } from '../../platform/db/columns.ts';
import { municipalities } from '../../platform/tenancy/schema.ts';

/** An organisation in the social foundation. `type` is one of organisationTypes (network/types.ts). */
export const organisations = pgTable(
  'organisations',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    name: text('name').notNull(),
    type: text('type').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('organisations_tenant_name_uq').on(t.tenantId, t.name)],
);
