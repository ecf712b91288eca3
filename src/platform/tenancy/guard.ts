// A server serves one municipality (TENANT). Until that municipality exists in the database, every page and API
// route answers with a clear "not set up yet" (503) instead of empty or broken pages; /health, the stylesheet, the
// language switch and the API description keep working. Once it exists, the check is not repeated.
import type { MiddlewareHandler } from 'hono';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../http/env.ts';
import type { Database } from '../db/client.ts';
import { AppError } from '../http/errors.ts';
import { municipalities } from './schema.ts';
import { log } from '../log.ts';

/** Paths that answer whether or not the municipality exists. */
const alwaysServed = /^\/(health$|bare$|favicon\.ico$|assets\/|taal\/|api\/v1\/openapi\.json$|api\/docs)/;
/** How long "does not exist" is believed before the database is asked again (so creating it needs no restart). */
const RECHECK_MS = 5_000;

export function requireKnownTenant(database: Database, tenant: string): MiddlewareHandler<AppEnv> {
  let known = false;
  let checkedAt = 0;
  let pending: Promise<boolean> | null = null;
  const check = async () => {
    const rows = await database.db.select({ code: municipalities.code }).from(municipalities).where(eq(municipalities.code, tenant));
    return rows.length === 1;
  };
  return async (c, next) => {
    if (known || alwaysServed.test(c.req.path)) return next();
    if (Date.now() - checkedAt > RECHECK_MS) {
      pending ??= check().finally(() => (pending = null));
      known = await pending;
      checkedAt = Date.now();
      if (!known) log.warn('municipality of TENANT does not exist in the database', { tenant });
    }
    if (!known) throw new AppError('unavailable', 'error.tenantUnknown', [], { tenant });
    return next();
  };
}
