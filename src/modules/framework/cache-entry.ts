// The framework's entries in the platform cache (src/platform/cache.ts): one tag per municipality, dropped by any change.
import type { ServiceContext } from '../../platform/context.ts';
import { invalidate, tag, REFERENCE_TTL_MS, type CacheEntry } from '../../platform/cache.ts';

/** The cache tag of one municipality's framework: everything read from it (in any module) carries it. */
export const frameworkTag = (ctx: ServiceContext) => tag('framework', ctx.tenant);
/** A cache entry read from the framework (see platform/cache.ts); any change to the framework drops it. */
export const frameworkEntry = (ctx: ServiceContext, parts: (string | number | undefined)[], ttlMs = REFERENCE_TTL_MS): CacheEntry => ({
  key: `framework:${ctx.tenant}:${parts.map((p) => p ?? '').join(':')}`,
  tags: [frameworkTag(ctx)],
  ttlMs,
});
/** Lifetime of values derived from one version of a theme (immutable): bounds only how long another process's
 * change to district names could show. */
export const VERSIONED_TTL_MS = 5 * 60_000;
/** Drops everything read from the framework, once the change's transaction has committed. */
export function invalidateFramework(ctx: ServiceContext): void {
  invalidate(ctx, frameworkTag(ctx));
}

