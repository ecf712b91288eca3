// Rate limiting of password checks (login and the current-password check), following OWASP's guidance:
// - atomic: in one short transaction holding advisory locks on the client and the account (always in that order),
//   the recent attempts are counted and this attempt is recorded *before* its password is checked; so however many
//   arrive in parallel, at most LIMIT passwords are checked. The password check itself runs outside the transaction;
// - per account (5 per 15 minutes) and per client address (30), for untrusted clients;
// - a browser with a trusted-device cookie for the account (it logged in successfully before) is limited only by its
//   own failures (5), so nobody can lock a person out with failures made elsewhere;
// - throttled attempts check no password but keep counting (a burst keeps the account locked for untrusted clients)
//   without a row each: they raise the `count` of this client's latest attempt on the account. They are summarised
//   in the audit log: one row per account and client per window, with a count.
import { and, eq, gt, sql } from 'drizzle-orm';
import { loginAttempts } from './schema.ts';
import { auditEvents } from '../audit/schema.ts';
import { recordAudit } from '../audit/service.ts';
import { AppError } from '../http/errors.ts';
import { inTransaction, type ServiceContext } from '../context.ts';
import { queryRows } from '../db/client.ts';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_CLIENT = 30;
export const MAX_FAILURES_PER_DEVICE = 5;

export interface ThrottleKey {
  /** sha-256 naming the secret being guessed (tenant + e-mail address, or the account for a password change). */
  accountKey: string;
  /** Hash of the client address. */
  clientKey: string;
  /** Hash of a trusted-device cookie valid for this account; null when the client is not trusted. */
  deviceKey: string | null;
}

async function overLimit(ctx: ServiceContext, key: ThrottleKey): Promise<boolean> {
  const since = new Date(ctx.now().getTime() - THROTTLE_WINDOW_MS);
  const [r] = await queryRows<{ account: number; client: number; device: number }>(
    ctx.db,
    sql`select coalesce(sum(count) filter (where email_hash = ${key.accountKey} and device_key is null), 0)::int as account,
               coalesce(sum(count) filter (where client_key = ${key.clientKey} and device_key is null), 0)::int as client,
               coalesce(sum(count) filter (where email_hash = ${key.accountKey} and device_key = ${key.deviceKey ?? ''}), 0)::int as device
        from login_attempts
        where tenant_id = ${ctx.tenant} and attempted_at > ${since.toISOString()}
          and (email_hash = ${key.accountKey} or client_key = ${key.clientKey})`,
  );
  if (key.deviceKey) return Number(r.device) >= MAX_FAILURES_PER_DEVICE;
  return Number(r.account) >= MAX_FAILURES_PER_ACCOUNT || Number(r.client) >= MAX_FAILURES_PER_CLIENT;
}

const lockOn = (ctx: ServiceContext, name: string) => ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`${ctx.tenant}:login:${name}`}))`);

/**
 * Runs `check` (a password check) unless the limits are reached; throws rate_limited when they are.
 * A failed check (null) stays recorded; a successful one clears this client's failures for the account.
 */
export async function throttledCheck<T>(ctx: ServiceContext, key: ThrottleKey, check: () => Promise<T | null>): Promise<T | null> {
  const attemptId = await inTransaction(ctx, async (tx) => {
    await lockOn(tx, `client:${key.clientKey}`);
    await lockOn(tx, `account:${key.accountKey}`);
    if (await overLimit(tx, key)) {
      await countThrottled(tx, key);
      return null;
    }
    const [row] = await tx.db
      .insert(loginAttempts)
      .values({ tenantId: tx.tenant, emailHash: key.accountKey, clientKey: key.clientKey, deviceKey: key.deviceKey, attemptedAt: tx.now() })
      .returning({ id: loginAttempts.id });
    return row.id;
  });
  if (attemptId === null) {
    await recordThrottled(ctx, key);
    throw new AppError('rate_limited', 'error.tooManyAttempts');
  }
  let result: T | null;
  try {
    result = await check();
  } catch (err) {
    await ctx.db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
    throw err;
  }
  if (result !== null) {
    const mine = key.deviceKey ? eq(loginAttempts.deviceKey, key.deviceKey) : eq(loginAttempts.clientKey, key.clientKey);
    await ctx.db.delete(loginAttempts).where(and(eq(loginAttempts.tenantId, ctx.tenant), eq(loginAttempts.emailHash, key.accountKey), mine));
    await ctx.db.delete(loginAttempts).where(eq(loginAttempts.id, attemptId));
  }
  return result;
}

/** A throttled attempt raises the count of this client's latest attempt on the account (a row only if it has none). */
async function countThrottled(tx: ServiceContext, key: ThrottleKey): Promise<void> {
  const since = new Date(tx.now().getTime() - THROTTLE_WINDOW_MS).toISOString();
  const bumped = await queryRows<{ id: string }>(
    tx.db,
    sql`update login_attempts set count = count + 1
        where id = (select id from login_attempts
                    where tenant_id = ${tx.tenant} and email_hash = ${key.accountKey} and client_key = ${key.clientKey}
                      and device_key is not distinct from ${key.deviceKey} and attempted_at > ${since}
                    order by attempted_at desc limit 1)
        returning id`,
  );
  if (bumped.length === 0) {
    await tx.db.insert(loginAttempts).values({ tenantId: tx.tenant, emailHash: key.accountKey, clientKey: key.clientKey, deviceKey: key.deviceKey, attemptedAt: tx.now() });
  }
}

/** One audit row per account and client per window; repeated throttling raises its count. */
async function recordThrottled(ctx: ServiceContext, key: ThrottleKey): Promise<void> {
  const subjectId = `${key.accountKey.slice(0, 12)}:${(key.deviceKey ?? key.clientKey).slice(0, 12)}`;
  const since = new Date(ctx.now().getTime() - THROTTLE_WINDOW_MS);
  await inTransaction(ctx, async (tx) => {
    await lockOn(tx, `audit:${subjectId}`);
    const at = tx.now().toISOString();
    const updated = await tx.db
      .update(auditEvents)
      .set({ details: sql`${auditEvents.details} || jsonb_build_object('count', coalesce((${auditEvents.details}->>'count')::int, 1) + 1, 'lastAt', ${at}::text)` })
      .where(
        and(
          eq(auditEvents.tenantId, tx.tenant),
          eq(auditEvents.subjectType, 'login'),
          eq(auditEvents.subjectId, subjectId),
          eq(auditEvents.action, 'auth.login_throttled'),
          gt(auditEvents.at, since),
        ),
      )
      .returning({ id: auditEvents.id });
    if (updated.length === 0) {
      await recordAudit(tx, {
        action: 'auth.login_throttled',
        subjectType: 'login',
        subjectId,
        actorLabel: 'anoniem',
        details: { count: 1, firstAt: at, lastAt: at, trustedDevice: !!key.deviceKey },
      });
    }
  });
}
