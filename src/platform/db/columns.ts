// Column and key helpers shared by every table: each domain row carries the municipality (tenant) key.
//
// Keys are composite so that a distributed PostgreSQL (e.g. Citus, distributed by tenant_id) keeps each
// municipality's rows and the references between them on one node: every table with tenant_id has the primary
// key (tenant_id, id) — `tenantPrimaryKey(t)` — and refers to another such table with (tenant_id, x_id) →
// (tenant_id, id) — `tenantReference(...)`. Unique constraints include tenant_id too. See docs/ARCHITECTURE.md.
import { foreignKey, primaryKey, text, timestamp, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

export const tenantId = () => text('tenant_id').notNull();
/** The row id; the primary key is (tenant_id, id): declare it with tenantPrimaryKey(t). */
export const id = () => uuid('id').notNull().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

type TenantRow = { tenantId: AnyPgColumn; id: AnyPgColumn };

/** The primary key of a table with tenant_id: (tenant_id, id). */
export const tenantPrimaryKey = (t: TenantRow) => primaryKey({ columns: [t.tenantId, t.id] });

/**
 * A reference from `column` of table `from` to a row of `target` in the same municipality:
 * FOREIGN KEY (tenant_id, column) REFERENCES target (tenant_id, id). `name` keeps the constraint name short.
 * For ON DELETE SET NULL, the migration must name the column (SET NULL (column)): tenant_id is never null.
 */
export const tenantReference = (name: string, from: { tenantId: AnyPgColumn }, column: AnyPgColumn, target: TenantRow) =>
  foreignKey({ name, columns: [from.tenantId, column], foreignColumns: [target.tenantId, target.id] });
