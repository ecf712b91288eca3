// A small read cache for reference data that changes rarely (the framework). Only reads through the root
// database connection are cached — never reads inside a transaction, which must see their own writes.
// Entries expire after a short time, so several server processes converge; a process that changes the data
// invalidates its own entries at once.
import type { Db } from './db/client.ts';

const roots = new WeakSet<object>();
const stores = new WeakMap<object, Map<string, { at: number; value: Promise<unknown> }>>();

export function markCacheable(db: Db): void {
  roots.add(db);
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
