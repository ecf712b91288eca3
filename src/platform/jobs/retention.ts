// Retention (docs/privacy.md): deletes what the platform promises not to keep. Runs daily and at first start.
// - failed login attempts, once they no longer count for rate limiting (THROTTLE_WINDOW_MS, 15 minutes);
// - sessions past their expiry (SESSION_TTL_HOURS after login; logging out deletes a session at once);
// - password reset links past their expiry (24 hours) or used;
// - trusted-device records past their expiry (180 days after the last successful login from that browser).
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { z } from '../zod.ts';
import { loginAttempts, passwordResetTokens, sessions, trustedDevices } from '../auth/schema.ts';
import { THROTTLE_WINDOW_MS } from '../auth/throttle.ts';
import { DAY, defineJob } from './define.ts';

export const retentionJob = defineJob({
  id: 'platform.retention',
  payload: z.object({}).strict(),
  maxAttempts: 5,
  backoffMs: 60_000,
  schedules: [{ name: 'retention-daily', everySeconds: DAY, payload: {} }],
  async handler({ ctx, progress }) {
    const now = ctx.now();
    await progress(0, 4, 'mislukte inlogpogingen');
    const attempts = await ctx.db
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.tenantId, ctx.tenant), lt(loginAttempts.attemptedAt, new Date(now.getTime() - THROTTLE_WINDOW_MS))))
      .returning({ id: loginAttempts.id });
    await progress(1, 4, 'verlopen sessies');
    const expired = await ctx.db
      .delete(sessions)
      .where(and(eq(sessions.tenantId, ctx.tenant), lt(sessions.expiresAt, now)))
      .returning({ id: sessions.id });
    await progress(2, 4, 'verlopen of gebruikte herstellinks');
    const links = await ctx.db
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tenantId, ctx.tenant), or(lt(passwordResetTokens.expiresAt, now), isNotNull(passwordResetTokens.usedAt))))
      .returning({ id: passwordResetTokens.id });
    await progress(3, 4, 'verlopen vertrouwde browsers');
    const devices = await ctx.db
      .delete(trustedDevices)
      .where(and(eq(trustedDevices.tenantId, ctx.tenant), lt(trustedDevices.expiresAt, now)))
      .returning({ tokenHash: trustedDevices.tokenHash });
    await progress(4, 4, 'klaar');
    return { loginAttempts: attempts.length, sessions: expired.length, resetLinks: links.length, trustedDevices: devices.length };
  },
});
