// Read caches. Only reads through the root database connection are cached — never reads inside a transaction,
// which must see their own writes. Entries expire after a short time, so several server processes converge; a
// process that changes the data invalidates its own entries at once.
// - `cached`/`lookupCached`: reference data that changes rarely (the framework), a handful of keys.
// - `cachedResult`: results of queries that many visitors repeat (public search), in a bounded store (LRU).
import { LRUCache } from 'lru-cache';
import type { Db } from './db/client.ts';

const roots = new WeakSet<object>();
const stores = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

/** Default lifetime of a cached result (SEARCH_CACHE_SECONDS). */
export const DEFAULT_RESULT_TTL_MS = 10_000;
const RESULT_MAX_ENTRIES = 500;

interface ResultStore {
  lru: LRUCache<string, Promise<unknown>>;
  hits: number;
  misses: number;
}
const resultStores = new WeakMap<object, ResultStore>();

/** Marks the root connection of a database; `resultTtlMs` 0 switches the result cache off. */
export function markCacheable(db: Db, opts: { resultTtlMs?: number } = {}): void {
  roots.add(db);
  const ttl = opts.resultTtlMs ?? DEFAULT_RESULT_TTL_MS;
  if (ttl > 0) resultStores.set(db, { lru: new LRUCache({ max: RESULT_MAX_ENTRIES, ttl }), hits: 0, misses: 0 });
  else resultStores.delete(db);
}

/** Whether reads through this connection may be cached (the root connection, not a transaction). */
export const isCacheable = (db: Db) => roots.has(db);

/**
 * Looks ids up in a cached id → value map of small reference data; ids the map does not know yet (created
 * since, perhaps by another process) are fetched with `fetch`.
 */
export async function lookupCached<V>(db: Db, key: string, ttlMs: number, all: () => Promise<Map<string, V>>, fetch: (ids: string[]) => Promise<Map<string, V>>, ids: string[]): Promise<Map<string, V>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  if (!isCacheable(db)) return fetch(wanted);
  const map = await cached(db, key, ttlMs, all);
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

export async function cached<T>(db: Db, key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
  if (!roots.has(db)) return load();
  let store = stores.get(db);
  if (!store) stores.set(db, (store = new Map()));
  const hit = store.get(key);
  const now = Date.now();
  if (hit && now - hit.at < ttlMs) return hit.value as Promise<T>;
  const value = load();
  store.set(key, { at: now, value });
  value.catch(() => store!.delete(key));
  return value;
}

/** Drops every cached entry whose key starts with `prefix`. */
export function invalidate(db: Db, prefix: string): void {
  const store = stores.get(db);
  if (!store) return;
  for (const k of store.keys()) if (k.startsWith(prefix)) store.delete(k);
}

/**
 * A query result that many visitors ask for in the same words (a public search), shared for a short time.
 * The store is bounded (least recently used entries go first). A load still running is shared too, and is
 * dropped with the rest by an invalidation, so nobody gets an answer that started before a committed change.
 */
export function cachedResult<T>(db: Db, key: string, load: () => Promise<T>): Promise<T> {
  const store = roots.has(db) ? resultStores.get(db) : undefined;
  if (!store) return load();
  const hit = store.lru.get(key);
  if (hit) {
    store.hits++;
    return hit as Promise<T>;
  }
  store.misses++;
  const value = load();
  store.lru.set(key, value);
  value.catch(() => {
    if (store.lru.peek(key) === value) store.lru.delete(key);
  });
  return value;
}

/** Drops every cached result whose key starts with `prefix` (after a change to what they were read from). */
export function invalidateResults(db: Db, prefix: string): void {
  const store = resultStores.get(db);
  if (!store) return;
  for (const k of [...store.lru.keys()]) if (k.startsWith(prefix)) store.lru.delete(k);
}

/** Hits and misses of the result cache since start (for the benchmark report and tests). */
export function resultCacheStats(db: Db): { enabled: boolean; hits: number; misses: number; entries: number } {
  const store = resultStores.get(db);
  return store ? { enabled: true, hits: store.hits, misses: store.misses, entries: store.lru.size } : { enabled: false, hits: 0, misses: 0, entries: 0 };
}
