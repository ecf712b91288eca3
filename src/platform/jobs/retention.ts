// Retention (docs/privacy.md): deletes what the platform promises not to keep. Runs daily and at first start.
// - failed login attempts, once they no longer count for rate limiting (LOCKOUT_WINDOW_MS, 15 minutes);
// - sessions past their expiry (SESSION_TTL_HOURS after login; logging out deletes a session at once);
// - password reset links past their expiry (24 hours) or used.
import { and, eq, isNotNull, lt, or } from 'drizzle-orm';
import { z } from '../zod.ts';
import { loginAttempts, passwordResetTokens, sessions } from '../auth/schema.ts';
import { LOCKOUT_WINDOW_MS } from '../auth/service.ts';
import { DAY, defineJob } from './define.ts';

export const retentionJob = defineJob({
  id: 'platform.retention',
  payload: z.object({}).strict(),
  maxAttempts: 5,
  backoffMs: 60_000,
  schedules: [{ name: 'retention-daily', everySeconds: DAY, payload: {} }],
  async handler({ ctx, progress }) {
    const now = ctx.now();
    await progress(0, 3, 'mislukte inlogpogingen');
    const attempts = await ctx.db
      .delete(loginAttempts)
      .where(and(eq(loginAttempts.tenantId, ctx.tenant), lt(loginAttempts.attemptedAt, new Date(now.getTime() - LOCKOUT_WINDOW_MS))))
      .returning({ id: loginAttempts.id });
    await progress(1, 3, 'verlopen sessies');
    const expired = await ctx.db
      .delete(sessions)
      .where(and(eq(sessions.tenantId, ctx.tenant), lt(sessions.expiresAt, now)))
      .returning({ id: sessions.id });
    await progress(2, 3, 'verlopen of gebruikte herstellinks');
    const links = await ctx.db
      .delete(passwordResetTokens)
      .where(and(eq(passwordResetTokens.tenantId, ctx.tenant), or(lt(passwordResetTokens.expiresAt, now), isNotNull(passwordResetTokens.usedAt))))
      .returning({ id: passwordResetTokens.id });
    await progress(3, 3, 'klaar');
    return { loginAttempts: attempts.length, sessions: expired.length, resetLinks: links.length };
  },
});
