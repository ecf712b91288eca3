// `Authorization: Bearer sb_…` on the JSON API (/api/v1/…) only: a valid token makes the request's actor the
// token's user (roles and organisation as that user has them now), limited to the token's scopes. Pages ignore the
// header: they are for browsers with a session cookie.
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { AppError } from '../http/errors.ts';
import { resolveApiToken, lastDayOf, type TokenRefusal } from './api-tokens.ts';
import type { MessageKey } from '../i18n/index.ts';

const refusals: Record<TokenRefusal, MessageKey> = {
  unknown: 'error.tokenUnknown',
  expired: 'error.tokenExpired',
  revoked: 'error.tokenRevoked',
  disabled: 'error.tokenUserDisabled',
  not_allowed: 'error.tokenUserNotAllowed',
};
/** RFC 6750 error descriptions (ASCII, English: they go into a header). */
const describe: Record<TokenRefusal, string> = {
  unknown: 'unknown token',
  expired: 'token expired',
  revoked: 'token revoked',
  disabled: 'account blocked',
  not_allowed: 'account may not hold tokens',
};

/** Methods a token with only the `read` scope may use. */
const readMethods = new Set(['GET', 'HEAD']);

export const isApiPath = (path: string) => path === '/api/v1' || path.startsWith('/api/v1/');

export function bearerAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!isApiPath(c.req.path)) return next();
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(c.req.header('authorization') ?? '');
    if (!m) return next();
    const ctx = c.get('ctx');
    const now = ctx.now();
    const r = await resolveApiToken(ctx.db, ctx.tenant, m[1], now);
    if (!r.ok) {
      c.set('authChallenge', `Bearer realm="Sociale Basis", error="invalid_token", error_description="${describe[r.reason]}"`);
      throw new AppError('unauthenticated', refusals[r.reason], [], r.expiresAt ? { date: lastDayOf(r.expiresAt) } : {});
    }
    // A cookie session sent along does not count: the token says who is calling.
    c.set('sessionId', null);
    c.set('ctx', { ...ctx, actor: r.actor, apiTokenId: r.tokenId });
    if (!readMethods.has(c.req.method) && !r.scopes.includes('write')) {
      c.set('authChallenge', 'Bearer realm="Sociale Basis", error="insufficient_scope", scope="write"');
      throw new AppError('forbidden', 'error.tokenReadOnly', [], { method: c.req.method });
    }
    return next();
  };
}
