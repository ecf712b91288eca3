// Column helpers shared by every table: each domain row carries the municipality (tenant) key.
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const tenantId = () => text('tenant_id').notNull();
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
