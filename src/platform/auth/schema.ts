import { pgTable, text, timestamp, uuid, uniqueIndex, index, primaryKey, integer } from 'drizzle-orm/pg-core';
import { id, tenantId, createdAt, updatedAt, tenantPrimaryKey, tenantReference } from '../db/columns.ts';
import { municipalities } from '../tenancy/schema.ts';

export const users = pgTable(
  'users',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    /**
     * The organisation the account works for: an opaque id to the platform. Which organisations exist is the
     * business of the module that owns them (network); the foreign key (tenant_id, organisation_id) →
     * organisations (tenant_id, id), on delete set null (organisation_id), is made by the migrations (drizzle/0009)
     * and is not declared here, so the platform imports no module.
     */
    organisationId: uuid('organisation_id'),
    locale: text('locale').notNull().default('nl'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [tenantPrimaryKey(t), uniqueIndex('users_tenant_email_uq').on(t.tenantId, t.email)],
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

/**
 * Password checks, for rate limiting per account and per client address (see throttle.ts). A row is written before
 * the check and kept when it fails; `device_key` is set when the browser showed a trusted-device cookie.
 */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    /** sha-256 of tenant and e-mail address (or of the account, for the current-password check). */
    emailHash: text('email_hash').notNull(),
    clientKey: text('client_key').notNull(),
    /** sha-256 of the trusted-device cookie; null for an untrusted client. */
    deviceKey: text('device_key'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull().defaultNow(),
    count: integer('count').notNull().default(1),
  },
  (t) => [tenantPrimaryKey(t), index('login_attempts_email_idx').on(t.tenantId, t.emailHash, t.attemptedAt), index('login_attempts_client_idx').on(t.tenantId, t.clientKey, t.attemptedAt)],
);

/**
 * Browsers that logged in to an account successfully (OWASP "device cookies"): failures made elsewhere do not lock
 * them out. Only a sha-256 of the cookie is stored.
 */
export const trustedDevices = pgTable(
  'trusted_devices',
  {
    tokenHash: text('token_hash').notNull(),
    tenantId: tenantId().references(() => municipalities.code),
    userId: uuid('user_id').notNull(),
    emailHash: text('email_hash').notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.tokenHash, t.emailHash] }),
    index('trusted_devices_user_idx').on(t.tenantId, t.userId),
    tenantReference('trusted_devices_user_fk', t, t.userId, users).onDelete('cascade'),
  ],
);

/**
 * API tokens for an organisation's own system (`Authorization: Bearer …` on /api/v1). A token acts as the user who
 * owns it, limited to its scopes, until it expires or is revoked. Only a sha-256 of the token is stored; `prefix`
 * (the first characters) lets people recognise a token in a list.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    tenantId: tenantId().references(() => municipalities.code),
    userId: uuid('user_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey(t),
    uniqueIndex('api_tokens_hash_uq').on(t.tenantId, t.tokenHash),
    uniqueIndex('api_tokens_user_name_uq').on(t.tenantId, t.userId, t.name),
    tenantReference('api_tokens_user_fk', t, t.userId, users).onDelete('cascade'),
  ],
);
