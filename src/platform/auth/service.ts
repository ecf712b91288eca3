// Accounts, roles, sessions and passwords. Every function checks access first.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import { z } from '../zod.ts';
import { users, userRoles, sessions, passwordResetTokens, loginAttempts } from './schema.ts';
import { roleSchema, type Actor, type Role } from './roles.ts';
import { AppError, invalid, notFound } from '../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { newToken, sha256 } from './tokens.ts';
import { requireActor, requireRole } from './require.ts';
import { getOrganisationNames, organisationExists } from '../../modules/network/service.ts';

export const passwordSchema = z.string().min(10).max(200);
const emailSchema = z.string().trim().toLowerCase().pipe(z.email().max(254));

export const createUserInput = z.object({
  email: emailSchema,
  name: z.string().trim().min(1).max(200),
  password: passwordSchema.optional(),
  roles: z.array(roleSchema).max(8).default([]),
  organisationId: z.uuid().nullable().optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

export const updateUserInput = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  roles: z.array(roleSchema).max(8).optional(),
  organisationId: z.uuid().nullable().optional(),
  disabled: z.boolean().optional(),
});
export type UpdateUserInput = z.input<typeof updateUserInput>;

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  organisationId: string | null;
  organisationName: string | null;
  disabled: boolean;
  createdAt: Date;
}

/** How long a failed login counts for rate limiting; the retention job deletes it after that. */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_CLIENT = 30;
const RESET_TTL_MS = 24 * 60 * 60 * 1000;

const requireAdmin = (ctx: ServiceContext) => requireRole(ctx, 'administrator');

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, Role[]>> {
  const map = new Map<string, Role[]>();
  if (userIds.length === 0) return map;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds)).orderBy(asc(userRoles.role));
  for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role as Role]);
  return map;
}

async function toViews(ctx: ServiceContext, rows: (typeof users.$inferSelect)[]): Promise<UserView[]> {
  const roleMap = await rolesOf(ctx.db, rows.map((r) => r.id));
  const orgNames = await getOrganisationNames(ctx, rows.map((r) => r.organisationId).filter((x): x is string => !!x));
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    roles: roleMap.get(u.id) ?? [],
    organisationId: u.organisationId,
    organisationName: u.organisationId ? (orgNames.get(u.organisationId) ?? null) : null,
    disabled: !!u.disabledAt,
    createdAt: u.createdAt,
  }));
}

export async function listUsers(ctx: ServiceContext): Promise<UserView[]> {
  requireAdmin(ctx);
  const rows = await ctx.db.select().from(users).where(eq(users.tenantId, ctx.tenant)).orderBy(asc(users.name));
  await recordAudit(ctx, { action: 'user.list', subjectType: 'user', details: { count: rows.length } });
  return toViews(ctx, rows);
}

export async function getUser(ctx: ServiceContext, id: string): Promise<UserView> {
  requireAdmin(ctx);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, id)));
  if (!row) throw notFound();
  await recordAudit(ctx, { action: 'user.read', subjectType: 'user', subjectId: id });
  return (await toViews(ctx, [row]))[0];
}

async function checkOrganisation(ctx: ServiceContext, organisationId: string | null | undefined) {
  if (organisationId && !(await organisationExists(ctx, organisationId))) {
    throw invalid([{ field: 'organisationId', message: 'error.unknownOrganisation', code: 'unknown' }]);
  }
}

export async function createUser(ctx: ServiceContext, raw: CreateUserInput): Promise<UserView> {
  requireAdmin(ctx);
  const input = createUserInput.parse(raw);
  await checkOrganisation(ctx, input.organisationId);
  return inTransaction(ctx, async (tx) => {
    const [existing] = await tx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tx.tenant), eq(users.email, input.email)));
    if (existing) throw new AppError('conflict', 'error.emailTaken', [{ field: 'email', message: 'error.emailTaken' }]);
    const [row] = await tx.db
      .insert(users)
      .values({
        tenantId: tx.tenant,
        email: input.email,
        name: input.name,
        passwordHash: input.password ? await hash(input.password) : null,
        organisationId: input.organisationId ?? null,
      })
      .returning();
    if (input.roles.length) await tx.db.insert(userRoles).values(input.roles.map((role) => ({ tenantId: tx.tenant, userId: row.id, role })));
    await recordAudit(tx, { action: 'user.create', subjectType: 'user', subjectId: row.id, details: { roles: input.roles } });
    return (await toViews(tx, [row]))[0];
  });
}

export async function updateUser(ctx: ServiceContext, id: string, raw: UpdateUserInput): Promise<UserView> {
  requireAdmin(ctx);
  const input = updateUserInput.parse(raw);
  await checkOrganisation(ctx, input.organisationId);
  return inTransaction(ctx, async (tx) => {
    const before = await getUser(tx, id);
    if (input.roles && ctx.actor?.userId === id && !input.roles.includes('administrator') && before.roles.includes('administrator')) {
      throw invalid([{ field: 'roles', message: 'error.cannotDropOwnAdmin' }]);
    }
    const patch: Partial<typeof users.$inferInsert> = { updatedAt: tx.now() };
    if (input.name !== undefined) patch.name = input.name;
    if (input.organisationId !== undefined) patch.organisationId = input.organisationId;
    if (input.disabled !== undefined) patch.disabledAt = input.disabled ? tx.now() : null;
    await tx.db.update(users).set(patch).where(and(eq(users.tenantId, tx.tenant), eq(users.id, id)));
    if (input.disabled) await tx.db.delete(sessions).where(eq(sessions.userId, id));
    if (input.roles) {
      const next = [...new Set(input.roles)];
      await tx.db.delete(userRoles).where(eq(userRoles.userId, id));
      if (next.length) await tx.db.insert(userRoles).values(next.map((role) => ({ tenantId: tx.tenant, userId: id, role })));
      const added = next.filter((r) => !before.roles.includes(r));
      const removed = before.roles.filter((r) => !next.includes(r));
      if (added.length || removed.length) {
        await recordAudit(tx, { action: 'user.roles_change', subjectType: 'user', subjectId: id, details: { added, removed } });
      }
    }
    await recordAudit(tx, { action: 'user.update', subjectType: 'user', subjectId: id, details: { fields: Object.keys(input) } });
    const [row] = await tx.db.select().from(users).where(eq(users.id, id));
    return (await toViews(tx, [row]))[0];
  });
}

// ---------------------------------------------------------------- login and sessions

export interface LoginInput {
  email: string;
  password: string;
  clientKey: string;
}

async function recentFailures(ctx: ServiceContext, column: 'email' | 'client', value: string): Promise<number> {
  const since = new Date(ctx.now().getTime() - LOCKOUT_WINDOW_MS);
  const col = column === 'email' ? loginAttempts.emailHash : loginAttempts.clientKey;
  const [r] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.tenantId, ctx.tenant), eq(col, value), gt(loginAttempts.attemptedAt, since)));
  return r?.n ?? 0;
}

/** Checks e-mail and password; on success creates a session and returns its cookie token. */
export async function login(ctx: ServiceContext, input: LoginInput, ttlHours: number): Promise<{ token: string; actor: Actor }> {
  const email = input.email.trim().toLowerCase();
  const emailHash = sha256(`${ctx.tenant}:${email}`);
  if ((await recentFailures(ctx, 'email', emailHash)) >= MAX_FAILURES_PER_EMAIL || (await recentFailures(ctx, 'client', input.clientKey)) >= MAX_FAILURES_PER_CLIENT) {
    await recordAudit(ctx, { action: 'auth.login_throttled', actorLabel: 'anoniem', details: { emailHash: emailHash.slice(0, 12) } });
    throw new AppError('rate_limited', 'error.tooManyAttempts');
  }
  const [user] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, email), isNull(users.disabledAt)));
  const ok = !!user?.passwordHash && (await verify(user.passwordHash, input.password).catch(() => false));
  if (!user || !ok) {
    await ctx.db.insert(loginAttempts).values({ tenantId: ctx.tenant, emailHash, clientKey: input.clientKey, attemptedAt: ctx.now() });
    await recordAudit(ctx, { action: 'auth.login_failed', subjectType: user ? 'user' : undefined, subjectId: user?.id, actorLabel: 'anoniem' });
    throw new AppError('validation', 'error.loginFailed', [{ field: 'email', message: 'error.loginFailed' }]);
  }
  const token = newToken();
  const actor = await actorFor(ctx.db, user);
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(loginAttempts).where(and(eq(loginAttempts.tenantId, tx.tenant), eq(loginAttempts.emailHash, emailHash)));
    await tx.db.insert(sessions).values({
      id: sha256(token),
      tenantId: tx.tenant,
      userId: user.id,
      csrfToken: newToken(),
      expiresAt: new Date(tx.now().getTime() + ttlHours * 3600 * 1000),
    });
    await recordAudit({ ...tx, actor }, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
  });
  return { token, actor };
}

async function actorFor(db: Db, user: typeof users.$inferSelect): Promise<Actor> {
  const roleMap = await rolesOf(db, [user.id]);
  return { userId: user.id, name: user.name, email: user.email, roles: roleMap.get(user.id) ?? [], organisationId: user.organisationId };
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
}

/** Looks up the session behind a cookie token; null when unknown, expired or the user is disabled. */
export async function resolveSession(db: Db, tenant: string, token: string, now: Date): Promise<ResolvedSession | null> {
  const rows = await db
    .select({ sessionId: sessions.id, csrfToken: sessions.csrfToken, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sha256(token)), eq(sessions.tenantId, tenant), gt(sessions.expiresAt, now), isNull(users.disabledAt)));
  const row = rows[0];
  if (!row) return null;
  return { sessionId: row.sessionId, csrfToken: row.csrfToken, actor: await actorFor(db, row.user) };
}

export async function logout(ctx: ServiceContext, sessionId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tx.tenant)));
    await recordAudit(tx, { action: 'auth.logout', subjectType: 'user', subjectId: tx.actor?.userId });
  });
}

export const changePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: passwordSchema, confirmPassword: z.string().max(200) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' });

export async function changePassword(ctx: ServiceContext, raw: z.input<typeof changePasswordInput>, keepSessionId?: string): Promise<void> {
  const actor = requireActor(ctx);
  const input = changePasswordInput.parse(raw);
  const [user] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, actor.userId)));
  if (!user?.passwordHash || !(await verify(user.passwordHash, input.currentPassword).catch(() => false))) {
    throw invalid([{ field: 'currentPassword', message: 'error.wrongPassword' }]);
  }
  const newHash = await hash(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ passwordHash: newHash, updatedAt: tx.now() }).where(eq(users.id, user.id));
    // Other sessions of this user end; the current one stays.
    const others = keepSessionId ? and(eq(sessions.userId, user.id), sql`${sessions.id} <> ${keepSessionId}`) : eq(sessions.userId, user.id);
    await tx.db.delete(sessions).where(others);
    await recordAudit(tx, { action: 'auth.password_change', subjectType: 'user', subjectId: user.id });
  });
}

/** Issues a one-time reset link (CLI only: the platform never mails personal data). */
export async function createResetLink(ctx: ServiceContext, email: string, baseUrl: string): Promise<{ url: string; expiresAt: Date }> {
  requireAdmin(ctx);
  const [user] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, email.trim().toLowerCase())));
  if (!user) throw invalid([{ field: 'email', message: 'error.unknownUser' }]);
  const token = newToken();
  const expiresAt = new Date(ctx.now().getTime() + RESET_TTL_MS);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(passwordResetTokens).values({ id: sha256(token), tenantId: tx.tenant, userId: user.id, expiresAt });
    await recordAudit(tx, { action: 'auth.reset_link_issued', subjectType: 'user', subjectId: user.id });
  });
  return { url: `${baseUrl.replace(/\/$/, '')}/wachtwoord-herstellen/${token}`, expiresAt };
}

export const resetPasswordInput = z
  .object({ newPassword: passwordSchema, confirmPassword: z.string().max(200) })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'validation.passwordsDiffer' });

async function validResetToken(ctx: ServiceContext, token: string) {
  const [row] = await ctx.db
    .select()
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.id, sha256(token)), eq(passwordResetTokens.tenantId, ctx.tenant), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, ctx.now())));
  return row ?? null;
}

export async function isResetTokenValid(ctx: ServiceContext, token: string): Promise<boolean> {
  return !!(await validResetToken(ctx, token));
}

export async function resetPassword(ctx: ServiceContext, token: string, raw: z.input<typeof resetPasswordInput>): Promise<void> {
  const input = resetPasswordInput.parse(raw);
  const row = await validResetToken(ctx, token);
  if (!row) throw notFound();
  const newHash = await hash(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    const used = await tx.db
      .update(passwordResetTokens)
      .set({ usedAt: tx.now() })
      .where(and(eq(passwordResetTokens.id, row.id), isNull(passwordResetTokens.usedAt)))
      .returning({ id: passwordResetTokens.id });
    if (used.length === 0) throw notFound();
    await tx.db.update(users).set({ passwordHash: newHash, updatedAt: tx.now() }).where(eq(users.id, row.userId));
    await tx.db.delete(sessions).where(eq(sessions.userId, row.userId));
    await recordAudit(tx, { action: 'auth.password_reset', subjectType: 'user', subjectId: row.userId, actorLabel: 'reset-link' });
  });
}

export async function countUsers(ctx: ServiceContext): Promise<number> {
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.tenantId, ctx.tenant));
  return r?.n ?? 0;
}
