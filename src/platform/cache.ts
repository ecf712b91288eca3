// The one read cache of the process. Every cached value has a key, the tags of what it was read from, and a
// lifetime; one bounded store per database (least recently used entries go first).
// - Only reads through the root database connection are cached — never reads inside a transaction, which must
//   see their own writes.
// - A change drops the entries carrying its tags once its transaction has committed (`invalidate(ctx, tags)`).
//   A load still running is dropped too, so nobody keeps an answer read before a committed change.
// - A failure is never kept: a load that throws or rejects leaves nothing behind, the next read tries again.
// - Lifetimes are short (several server processes converge within them); a change in this process is seen at once.
// Uses: reference data (`cached`, `lookupCached`: the framework, organisation names, location summaries),
// values derived from it (the themes JSON, a theme's HTML), and shared public search results (`cachedResult`,
// lifetime SEARCH_CACHE_SECONDS).
import { LRUCache } from 'lru-cache';
import type { Db } from './db/client.ts';
import { afterCommit, type ServiceContext } from './context.ts';

/** Lifetime of cached reference data. */
export const REFERENCE_TTL_MS = 5_000;
/** Default lifetime of a shared search result (SEARCH_CACHE_SECONDS). */
export const DEFAULT_RESULT_TTL_MS = 10_000;
const MAX_ENTRIES = 1_000;

interface Entry {
  value: Promise<unknown>;
  tags: readonly string[];
}

interface Store {
  lru: LRUCache<string, Entry>;
  resultTtlMs: number;
  hits: number;
  misses: number;
}
const stores = new WeakMap<object, Store>();

/** Marks the root connection of a database as cacheable; `resultTtlMs` 0 switches sharing search results off. */
export function markCacheable(db: Db, opts: { resultTtlMs?: number } = {}): void {
  stores.set(db, { lru: new LRUCache<string, Entry>({ max: MAX_ENTRIES }), resultTtlMs: opts.resultTtlMs ?? DEFAULT_RESULT_TTL_MS, hits: 0, misses: 0 });
}

/** Whether reads through this connection may be cached (the root connection, not a transaction). */
export const isCacheable = (db: Db) => stores.has(db);

/** The tag of everything one area of one municipality's data feeds (e.g. `tag('framework', 'GM0392')`). */
export const tag = (area: string, tenant: string) => `${area}:${tenant}`;

export interface CacheEntry {
  key: string;
  /** What the value was read from; `invalidate` with any of these drops it. */
  tags: readonly string[];
  ttlMs: number;
}

/**
 * The value for `key`, loaded once and shared while it lives. A failure is not kept. Outside the root connection
 * (in a transaction, or on a database not marked cacheable) it always loads.
 */
export function cached<T>(db: Db, entry: CacheEntry, load: () => Promise<T>): Promise<T> {
  const store = stores.get(db);
  if (!store || entry.ttlMs <= 0) return load();
  return remember(store, entry, load, false);
}

function remember<T>(store: Store, entry: CacheEntry, load: () => Promise<T>, count: boolean): Promise<T> {
  const hit = store.lru.get(entry.key);
  if (hit) {
    if (count) store.hits++;
    return hit.value as Promise<T>;
  }
  if (count) store.misses++;
  const value = load(); // a synchronous throw stores nothing
  const stored: Entry = { value, tags: entry.tags };
  store.lru.set(entry.key, stored, { ttl: entry.ttlMs });
  value.catch(() => {
    if (store.lru.peek(entry.key) === stored) store.lru.delete(entry.key);
  });
  return value;
}

/**
 * Looks ids up in a cached id → value map of small reference data; ids the map does not know yet (created
 * since, perhaps by another process) are fetched with `fetch`.
 */
export async function lookupCached<V>(db: Db, entry: CacheEntry, all: () => Promise<Map<string, V>>, fetch: (ids: string[]) => Promise<Map<string, V>>, ids: string[]): Promise<Map<string, V>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  if (!isCacheable(db)) return fetch(wanted);
  const map = await cached(db, entry, all);
  const out = new Map<string, V>();
  const missing: string[] = [];
  for (const id of wanted) {
    const v = map.get(id);
    if (v === undefined) missing.push(id);
    else out.set(id, v);
  }
  if (missing.length) for (const [k, v] of await fetch(missing)) out.set(k, v);
  return out;
}

/**
 * A query result that many visitors ask for in the same words (a public search), shared for SEARCH_CACHE_SECONDS
 * (off when that is 0). Counted in `resultCacheStats`.
 */
export function cachedResult<T>(db: Db, key: string, tags: readonly string[], load: () => Promise<T>): Promise<T> {
  const store = stores.get(db);
  if (!store || store.resultTtlMs <= 0) return load();
  return remember(store, { key, tags, ttlMs: store.resultTtlMs }, load, true);
}

/** Lifetime of shared search results on this connection (0: not shared). */
export const resultTtlOf = (db: Db) => stores.get(db)?.resultTtlMs ?? 0;

/**
 * Drops every entry carrying one of `tags` once the transaction `ctx` is in has committed (at once outside a
 * transaction). Call it from the change that makes them stale; a rolled-back change drops nothing.
 */
export function invalidate(ctx: ServiceContext, ...tags: string[]): void {
  afterCommit(ctx, (root) => dropTags(root, tags));
}

/** Drops every entry of this root connection carrying one of `tags`, now. */
export function dropTags(db: Db, tags: readonly string[]): void {
  const store = stores.get(db);
  if (!store) return;
  const wanted = new Set(tags);
  for (const [key, entry] of [...store.lru.entries()]) if (entry.tags.some((t) => wanted.has(t))) store.lru.delete(key);
}

/** Hits and misses of shared search results since start (for the health report and the benchmark). */
export function resultCacheStats(db: Db): { enabled: boolean; hits: number; misses: number; entries: number } {
  const store = stores.get(db);
  if (!store || store.resultTtlMs <= 0) return { enabled: false, hits: 0, misses: 0, entries: 0 };
  return { enabled: true, hits: store.hits, misses: store.misses, entries: store.lru.size };
}
