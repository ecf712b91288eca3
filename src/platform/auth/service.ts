// Accounts, roles, sessions and passwords. Every function checks access first.
import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { hash, verify } from '@node-rs/argon2';
import { z } from '../zod.ts';
import { users, userRoles, sessions, passwordResetTokens, trustedDevices } from './schema.ts';
import { roleSchema, type Actor, type Role } from './roles.ts';
import { AppError, invalid, notFound } from '../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import type { Db } from '../db/client.ts';
import { newToken, sha256 } from './tokens.ts';
import { requireActor, requireRole, requireSystem } from './require.ts';
import { organisationDirectory } from '../module.ts';
import { throttledCheck } from './throttle.ts';

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

/** How long a browser stays trusted for an account after a successful login (device cookie). */
export const DEVICE_TTL_DAYS = 180;
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
  const ids = rows.map((r) => r.organisationId).filter((x): x is string => !!x);
  const directory = organisationDirectory();
  const orgNames = directory && ids.length ? await directory.names(ctx, ids) : new Map<string, string>();
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

/** An account may belong to an organisation that the module owning organisations knows (none: no organisation). */
async function checkOrganisation(ctx: ServiceContext, organisationId: string | null | undefined) {
  const directory = organisationDirectory();
  if (organisationId && !(directory && (await directory.exists(ctx, organisationId)))) {
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
  /** The browser's trusted-device cookie, if any. */
  deviceToken?: string;
}

/** Unknown addresses are checked against this hash, so a login takes as long whether or not the account exists. */
let dummyHash: Promise<string> | null = null;
/** The one place passwords are checked (tests count the checks through it). */
export const passwordCheck = { verify };
const verifyOrDummy = async (passwordHash: string | null | undefined, password: string) => {
  const ok = await passwordCheck.verify(passwordHash ?? (await (dummyHash ??= hash(newToken()))), password).catch(() => false);
  return ok && !!passwordHash;
};

const deviceTokenShape = /^[A-Za-z0-9_-]{32,128}$/;

/** The device key when the browser's device cookie is trusted for this account, else null. */
async function trustedDeviceKey(ctx: ServiceContext, token: string | undefined, emailHash: string): Promise<string | null> {
  if (!token || !deviceTokenShape.test(token)) return null;
  const tokenHash = sha256(token);
  const [row] = await ctx.db
    .select({ tokenHash: trustedDevices.tokenHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tenantId, ctx.tenant), eq(trustedDevices.tokenHash, tokenHash), eq(trustedDevices.emailHash, emailHash), gt(trustedDevices.expiresAt, ctx.now())));
  return row ? tokenHash : null;
}

async function issuedDeviceToken(ctx: ServiceContext, token: string): Promise<boolean> {
  if (!deviceTokenShape.test(token)) return false;
  const [row] = await ctx.db
    .select({ tokenHash: trustedDevices.tokenHash })
    .from(trustedDevices)
    .where(and(eq(trustedDevices.tenantId, ctx.tenant), eq(trustedDevices.tokenHash, sha256(token)), gt(trustedDevices.expiresAt, ctx.now())))
    .limit(1);
  return !!row;
}

/**
 * Checks e-mail and password, rate limited (see throttle.ts); on success creates a session and returns its cookie
 * token, and the browser's device-cookie token (new or renewed).
 */
export async function login(ctx: ServiceContext, input: LoginInput, ttlHours: number): Promise<{ token: string; actor: Actor; deviceToken: string }> {
  const email = input.email.trim().toLowerCase();
  const emailHash = sha256(`${ctx.tenant}:${email}`);
  const deviceKey = await trustedDeviceKey(ctx, input.deviceToken, emailHash);
  let knownId: string | undefined;
  const user = await throttledCheck(ctx, { accountKey: emailHash, clientKey: input.clientKey, deviceKey }, async () => {
    const [u] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, email), isNull(users.disabledAt)));
    knownId = u?.id;
    return (await verifyOrDummy(u?.passwordHash, input.password)) ? u : null;
  });
  if (!user) {
    await recordAudit(ctx, { action: 'auth.login_failed', subjectType: knownId ? 'user' : undefined, subjectId: knownId, actorLabel: 'anoniem', details: { trustedDevice: !!deviceKey } });
    throw new AppError('validation', 'error.loginFailed', [{ field: 'email', message: 'error.loginFailed' }]);
  }
  const token = newToken();
  // Keep the browser's cookie only if we issued it (it is trusted for some account); never adopt a made-up one.
  const deviceToken = deviceKey || (input.deviceToken && (await issuedDeviceToken(ctx, input.deviceToken))) ? input.deviceToken! : newToken();
  const actor = await actorFor(ctx.db, user);
  await inTransaction(ctx, async (tx) => {
    await tx.db.insert(sessions).values({
      id: sha256(token),
      tenantId: tx.tenant,
      userId: user.id,
      csrfToken: newToken(),
      expiresAt: new Date(tx.now().getTime() + ttlHours * 3600 * 1000),
    });
    const expiresAt = new Date(tx.now().getTime() + DEVICE_TTL_DAYS * 24 * 3600 * 1000);
    await tx.db.delete(trustedDevices).where(and(eq(trustedDevices.userId, user.id), sql`${trustedDevices.expiresAt} <= ${tx.now().toISOString()}`));
    await tx.db
      .insert(trustedDevices)
      .values({ tokenHash: sha256(deviceToken), tenantId: tx.tenant, userId: user.id, emailHash, expiresAt })
      .onConflictDoUpdate({ target: [trustedDevices.tenantId, trustedDevices.tokenHash, trustedDevices.emailHash], set: { expiresAt, userId: user.id } });
    await recordAudit({ ...tx, actor }, { action: 'auth.login', subjectType: 'user', subjectId: user.id });
  });
  return { token, actor, deviceToken };
}

/** The actor a user is now: their current roles and organisation (sessions and API tokens). */
export async function actorFor(db: Db, user: typeof users.$inferSelect): Promise<Actor> {
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

/** Changes the signed-in user's password; the current-password check is rate limited like a login (per account). */
export async function changePassword(ctx: ServiceContext, raw: z.input<typeof changePasswordInput>, keepSessionId?: string, clientKey = 'unknown'): Promise<void> {
  const actor = requireActor(ctx);
  const input = changePasswordInput.parse(raw);
  const [user] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, actor.userId)));
  const accountKey = sha256(`${ctx.tenant}:password-change:${actor.userId}`);
  const ok = await throttledCheck(ctx, { accountKey, clientKey, deviceKey: null }, async () => ((await verifyOrDummy(user?.passwordHash, input.currentPassword)) ? true : null));
  if (!ok || !user) {
    await recordAudit(ctx, { action: 'auth.password_change_failed', subjectType: 'user', subjectId: actor.userId });
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
  requireSystem(ctx);
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.tenantId, ctx.tenant));
  return r?.n ?? 0;
}
