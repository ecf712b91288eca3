// API tokens: named, revocable credentials with which an organisation's own system calls the JSON API
// (`Authorization: Bearer sb_…` on /api/v1). A token acts as the user who holds it, with that user's roles and
// organisation as they are at the moment of the request, limited to the token's scopes. Only a sha-256 of the token
// is stored; the token itself is shown once, when it is made.
import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from '../zod.ts';
import { apiTokens, users, userRoles } from './schema.ts';
import { actorFor } from './service.ts';
import { requireActor } from './require.ts';
import { hasRole, type Actor, type Role } from './roles.ts';
import { sha256 } from './tokens.ts';
import { AppError, forbidden, notFound, parseChecked, type FieldError } from '../http/errors.ts';
import { recordAudit } from '../audit/service.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { organisationDirectory } from '../module.ts';
import type { Db } from '../db/client.ts';
import type { Unchecked } from '../zod.ts';

export const tokenScopes = ['read', 'write'] as const;
export type TokenScope = (typeof tokenScopes)[number];
/** Recognisable in logs and secret scanners; followed by 32 random bytes in base64url (43 characters). */
export const TOKEN_PREFIX = 'sb_';
const tokenShape = /^sb_[A-Za-z0-9_-]{43}$/;
/** How many characters of a token are kept to recognise it in a list ("sb_AbC1234…"). */
const SHOWN_CHARS = 10;
export const DEFAULT_VALID_DAYS = 365;
export const MAX_VALID_DAYS = 730;
/** last_used_at is written at most once per this interval per token, so using a token stays cheap. */
const LAST_USED_EVERY_MS = 60_000;

/** Only these roles may hold a token: a token is for an organisation's own system (or the municipality's, for an administrator). */
const holderRoles: Role[] = ['partner_staff', 'administrator'];
/** Partner staff need an organisation to act for; an administrator acts for the municipality. */
export const mayHoldTokens = (roles: readonly Role[], organisationId: string | null) => roles.includes('administrator') || (roles.includes('partner_staff') && !!organisationId);

const date = z.iso.date();
export const createApiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(tokenScopes)).min(1).max(2).default(['read']),
  /** The last day the token works (Europe/Amsterdam); default one year from today, at most two years. */
  expiresOn: date.optional(),
  /** Administrators: the user who will hold the token (default: oneself). */
  userId: z.uuid().optional(),
});
export type CreateApiTokenInput = Unchecked<z.input<typeof createApiTokenInput>>;

export type TokenStatus = 'active' | 'expired' | 'revoked';
export interface ApiTokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  status: TokenStatus;
  userId: string;
  userName: string;
  userEmail: string;
  organisationName: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

// ---------------------------------------------------------------- dates (a token works through its last day, Amsterdam time)

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
/** Today's date in Amsterdam, YYYY-MM-DD. */
export const amsterdamDate = (d: Date) => dayFormat.format(d);
export const addDaysTo = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Minutes Amsterdam is ahead of UTC at the moment `ms`. */
function amsterdamOffset(ms: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return (Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000;
}

/** The moment a token valid through `day` stops working: midnight at the start of the next day in Amsterdam. */
export function endOfDay(day: string): Date {
  const next = Date.parse(`${addDaysTo(day, 1)}T00:00:00Z`);
  return new Date(next - amsterdamOffset(next) * 60_000);
}

/** The last day a token works, from its expiry moment. */
export const lastDayOf = (expiresAt: Date) => amsterdamDate(new Date(expiresAt.getTime() - 1));

// ---------------------------------------------------------------- views

const statusOf = (row: typeof apiTokens.$inferSelect, now: Date): TokenStatus => (row.revokedAt ? 'revoked' : row.expiresAt && row.expiresAt <= now ? 'expired' : 'active');

async function toViews(ctx: ServiceContext, rows: (typeof apiTokens.$inferSelect)[]): Promise<ApiTokenView[]> {
  const ids = [...new Set(rows.map((r) => r.userId))];
  const holders = ids.length ? await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), inArray(users.id, ids))) : [];
  const byId = new Map(holders.map((u) => [u.id, u]));
  const orgIds = [...new Set(holders.map((u) => u.organisationId).filter((x): x is string => !!x))];
  const directory = organisationDirectory();
  const orgNames = directory && orgIds.length ? await directory.names(ctx, orgIds) : new Map<string, string>();
  const now = ctx.now();
  return rows.map((r) => {
    const u = byId.get(r.userId);
    return {
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      scopes: r.scopes.filter((s): s is TokenScope => (tokenScopes as readonly string[]).includes(s)),
      status: statusOf(r, now),
      userId: r.userId,
      userName: u?.name ?? '',
      userEmail: u?.email ?? '',
      organisationName: u?.organisationId ? (orgNames.get(u.organisationId) ?? null) : null,
      createdAt: r.createdAt,
      expiresAt: r.expiresAt,
      lastUsedAt: r.lastUsedAt,
      revokedAt: r.revokedAt,
    };
  });
}

/** Tokens are managed in a browser session: a request made with a token cannot make, list or revoke tokens. */
function requireSessionActor(ctx: ServiceContext): Actor {
  const actor = requireActor(ctx);
  if (ctx.apiTokenId) throw new AppError('forbidden', 'error.tokenNotForTokens');
  return actor;
}

function requireHolder(ctx: ServiceContext): Actor {
  const actor = requireSessionActor(ctx);
  if (!hasRole(actor, ...holderRoles)) throw forbidden();
  return actor;
}

// ---------------------------------------------------------------- create, list, revoke

/** The user with this e-mail address, for an administrator (the command line names token holders by address). */
export async function userIdByEmail(ctx: ServiceContext, email: string): Promise<string> {
  const actor = requireHolder(ctx);
  if (!hasRole(actor, 'administrator')) throw forbidden();
  const [u] = await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.email, email.trim().toLowerCase())));
  if (!u) throw new AppError('validation', 'error.unknownUser', [{ field: 'email', message: 'error.unknownUser' }]);
  return u.id;
}

/** The users an administrator can make a token for: partner staff of an organisation, and administrators. */
export async function listTokenHolders(ctx: ServiceContext): Promise<{ id: string; name: string; email: string; organisationName: string | null }[]> {
  const actor = requireHolder(ctx);
  if (!hasRole(actor, 'administrator')) throw forbidden();
  const rows = await ctx.db
    .selectDistinct({ id: users.id, name: users.name, email: users.email, organisationId: users.organisationId, role: userRoles.role })
    .from(users)
    .innerJoin(userRoles, and(eq(userRoles.tenantId, users.tenantId), eq(userRoles.userId, users.id)))
    .where(and(eq(users.tenantId, ctx.tenant), isNull(users.disabledAt), inArray(userRoles.role, holderRoles)))
    .orderBy(asc(users.name));
  const seen = new Map<string, (typeof rows)[number] & { roles: Role[] }>();
  for (const r of rows) {
    const prev = seen.get(r.id);
    if (prev) prev.roles.push(r.role as Role);
    else seen.set(r.id, { ...r, roles: [r.role as Role] });
  }
  const eligible = [...seen.values()].filter((u) => mayHoldTokens(u.roles, u.organisationId));
  const orgIds = [...new Set(eligible.map((u) => u.organisationId).filter((x): x is string => !!x))];
  const directory = organisationDirectory();
  const names = directory && orgIds.length ? await directory.names(ctx, orgIds) : new Map<string, string>();
  return eligible.map((u) => ({ id: u.id, name: u.name, email: u.email, organisationName: u.organisationId ? (names.get(u.organisationId) ?? null) : null }));
}

/** The input checked in one pass (shape, dates, holder), so every problem is reported at once; with its holder. */
async function checkedInput(ctx: ServiceContext, actor: Actor, raw: unknown) {
  const today = amsterdamDate(ctx.now());
  let holder: typeof users.$inferSelect | undefined;
  const input = await parseChecked(createApiTokenInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.expiresOn && p.expiresOn < today) errors.push({ field: 'expiresOn', code: 'too_small', message: 'error.tokenExpiryPast' });
    if (p.expiresOn && p.expiresOn > addDaysTo(today, MAX_VALID_DAYS)) errors.push({ field: 'expiresOn', code: 'too_big', message: 'error.tokenExpiryTooLate', params: { days: MAX_VALID_DAYS } });
    const holderId = p.userId ?? actor.userId;
    if (holderId !== actor.userId && !hasRole(actor, 'administrator')) throw forbidden();
    if (!z.uuid().safeParse(holderId).success) return [...errors, { field: 'userId', code: 'unknown', message: 'error.tokenUnknownHolder' }];
    [holder] = await ctx.db.select().from(users).where(and(eq(users.tenantId, ctx.tenant), eq(users.id, holderId), isNull(users.disabledAt)));
    if (!holder) errors.push({ field: 'userId', code: 'unknown', message: 'error.tokenUnknownHolder' });
    else if (!mayHoldTokens((await actorFor(ctx.db, holder)).roles, holder.organisationId)) errors.push({ field: 'userId', code: 'not_allowed', message: 'error.tokenHolderNotAllowed' });
    return errors;
  });
  const owner = holder as typeof users.$inferSelect | undefined;
  if (!owner) throw notFound();
  return { input, owner, lastDay: input.expiresOn ?? addDaysTo(today, DEFAULT_VALID_DAYS) };
}

/** Every problem with a token's input (for the API's request check), or none. */
export async function checkApiTokenInput(ctx: ServiceContext, raw: unknown): Promise<FieldError[]> {
  try {
    await checkedInput(ctx, requireHolder(ctx), raw);
    return [];
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') return err.fields;
    throw err;
  }
}

/**
 * Makes a token for oneself (partner staff of an organisation, administrators) or, as an administrator, for another
 * user who may hold one. Returns the token itself — shown this once, never stored — and its view.
 */
export async function createApiToken(ctx: ServiceContext, raw: CreateApiTokenInput): Promise<{ token: string; apiToken: ApiTokenView }> {
  const actor = requireHolder(ctx);
  const { input, owner, lastDay } = await checkedInput(ctx, actor, raw);
  const token = TOKEN_PREFIX + crypto.randomBytes(32).toString('base64url');
  const scopes = tokenScopes.filter((s) => input.scopes.includes(s));
  return inTransaction(ctx, async (tx) => {
    const [taken] = await tx.db.select({ id: apiTokens.id }).from(apiTokens).where(and(eq(apiTokens.tenantId, tx.tenant), eq(apiTokens.userId, owner.id), eq(apiTokens.name, input.name)));
    if (taken) throw new AppError('conflict', 'error.tokenNameTaken', [{ field: 'name', code: 'unique', message: 'error.tokenNameTaken' }]);
    const [row] = await tx.db
      .insert(apiTokens)
      .values({ tenantId: tx.tenant, userId: owner.id, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, SHOWN_CHARS), scopes, expiresAt: endOfDay(lastDay), createdBy: actor.userId || null, createdAt: tx.now() })
      .returning();
    await recordAudit(tx, { action: 'api_token.create', subjectType: 'user', subjectId: owner.id, details: { tokenId: row.id, name: row.name, prefix: row.prefix, scopes, expiresOn: lastDay } });
    return { token, apiToken: (await toViews(tx, [row]))[0] };
  });
}

/** One's own tokens, newest first; with `all`, an administrator sees every token of the municipality. */
export async function listApiTokens(ctx: ServiceContext, opts: { all?: boolean } = {}): Promise<ApiTokenView[]> {
  const actor = requireHolder(ctx);
  if (opts.all && !hasRole(actor, 'administrator')) throw forbidden();
  const where = opts.all ? eq(apiTokens.tenantId, ctx.tenant) : and(eq(apiTokens.tenantId, ctx.tenant), eq(apiTokens.userId, actor.userId));
  return toViews(ctx, await ctx.db.select().from(apiTokens).where(where).orderBy(desc(apiTokens.createdAt), asc(apiTokens.name)));
}

/** One token: one's own, or any for an administrator; otherwise not found. */
export async function getApiToken(ctx: ServiceContext, id: string): Promise<ApiTokenView> {
  return (await toViews(ctx, [await ownRow(ctx, id)]))[0];
}

async function ownRow(ctx: ServiceContext, id: string) {
  const actor = requireHolder(ctx);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await ctx.db.select().from(apiTokens).where(and(eq(apiTokens.tenantId, ctx.tenant), eq(apiTokens.id, id)));
  if (!row || (row.userId !== actor.userId && !hasRole(actor, 'administrator'))) throw notFound();
  return row;
}

/** Revokes a token at once (one's own, or any for an administrator). Revoking a revoked token changes nothing. */
export async function revokeApiToken(ctx: ServiceContext, id: string): Promise<ApiTokenView> {
  const row = await ownRow(ctx, id);
  if (row.revokedAt) return (await toViews(ctx, [row]))[0];
  return inTransaction(ctx, async (tx) => {
    const [updated] = await tx.db
      .update(apiTokens)
      .set({ revokedAt: tx.now() })
      .where(and(eq(apiTokens.tenantId, tx.tenant), eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
      .returning();
    if (!updated) return (await toViews(tx, [row]))[0];
    await recordAudit(tx, { action: 'api_token.revoke', subjectType: 'user', subjectId: row.userId, details: { tokenId: row.id, name: row.name, prefix: row.prefix } });
    return (await toViews(tx, [updated]))[0];
  });
}

// ---------------------------------------------------------------- using a token

export type TokenRefusal = 'unknown' | 'expired' | 'revoked' | 'disabled' | 'not_allowed';
export type ResolvedToken = { ok: true; tokenId: string; actor: Actor; scopes: TokenScope[] } | { ok: false; reason: TokenRefusal; expiresAt?: Date };

/**
 * The actor behind a bearer token, as the user is now (roles, organisation), or why the token is refused. Marks the
 * token as used (at most once a minute).
 */
export async function resolveApiToken(db: Db, tenant: string, token: string, now: Date): Promise<ResolvedToken> {
  if (!tokenShape.test(token)) return { ok: false, reason: 'unknown' };
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, and(eq(users.tenantId, apiTokens.tenantId), eq(users.id, apiTokens.userId)))
    .where(and(eq(apiTokens.tenantId, tenant), eq(apiTokens.tokenHash, sha256(token))));
  if (!row) return { ok: false, reason: 'unknown' };
  const t = row.token;
  if (t.revokedAt) return { ok: false, reason: 'revoked' };
  if (t.expiresAt && t.expiresAt <= now) return { ok: false, reason: 'expired', expiresAt: t.expiresAt };
  if (row.user.disabledAt) return { ok: false, reason: 'disabled' };
  const actor = await actorFor(db, row.user);
  if (!mayHoldTokens(actor.roles, actor.organisationId)) return { ok: false, reason: 'not_allowed' };
  if (!t.lastUsedAt || now.getTime() - t.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    const before = new Date(now.getTime() - LAST_USED_EVERY_MS);
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.tenantId, tenant), eq(apiTokens.id, t.id), sql`(${apiTokens.lastUsedAt} is null or ${apiTokens.lastUsedAt} <= ${before.toISOString()})`));
  }
  return { ok: true, tokenId: t.id, actor, scopes: t.scopes.filter((s): s is TokenScope => (tokenScopes as readonly string[]).includes(s)) };
}
