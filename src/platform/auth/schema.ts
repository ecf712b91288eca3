import { pgTable, text, timestamp, uuid, uniqueIndex, index, primaryKey, integer } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../db/columns.ts';
import { municipalities } from '../tenancy/schema.ts';
import { organisations } from '../../modules/network/schema.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    organisationId: uuid('organisation_id'),
    locale: text('locale').notNull().default('nl'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('users_tenant_email_uq').on(t.tenantId, t.email), tenantReference('users_organisation_fk', t, t.organisationId, organisations).onDelete('set null')],
);

export const userRoles = pgTable(
  'user_roles',
  {
    tenantId: tenantId().references(() => municipalities.code),
    userId: uuid('user_id').notNull(),
    role: text('role').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.role] }), tenantReference('user_roles_user_fk', t, t.userId, users).onDelete('cascade')],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie token; the token itself is never stored. */
    id: text('id').notNull(),
    tenantId: tenantId().references(() => municipalities.code),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [tenantPrimaryKey(t), index('sessions_user_idx').on(t.userId), tenantReference('sessions_user_fk', t, t.userId, users).onDelete('cascade')],
);

export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    /** sha-256 of the token in the link. */
    id: text('id').notNull(),
    tenantId: tenantId().references(() => municipalities.code),
    userId: uuid('user_id').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [tenantPrimaryKey(t), tenantReference('password_reset_tokens_user_fk', t, t.userId, users).onDelete('cascade')],
);

/** Failed logins, for rate limiting per e-mail address and per client address. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    emailHash: text('email_hash').notNull(),
    clientKey: text('client_key').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    count: integer('count').notNull().default(1),
  },
  (t) => [tenantPrimaryKey(t), index('login_attempts_email_idx').on(t.tenantId, t.emailHash, t.attemptedAt), index('login_attempts_client_idx').on(t.tenantId, t.clientKey, t.attemptedAt)],
);
