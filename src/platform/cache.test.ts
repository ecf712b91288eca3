// The one cache: shared loads, tags, after-commit invalidation, bounded, never keeps a failure.
import { describe, it, expect, vi } from 'vitest';
import { cached, cachedResult, dropTags, invalidate, markCacheable, resultCacheStats } from './cache.ts';
import type { Db } from './db/client.ts';
import { inTransaction, type ServiceContext } from './context.ts';

const newRoot = (resultTtlMs?: number) => {
  const db = {} as Db;
  markCacheable(db, resultTtlMs === undefined ? {} : { resultTtlMs });
  return db;
};
const ctxOf = (db: Db) => ({ db, tenant: 'GM0001', actor: null, now: () => new Date(), lang: 'nl' }) as ServiceContext;
const entry = (key: string, tags: string[] = ['t'], ttlMs = 60_000) => ({ key, tags, ttlMs });

describe('cached', () => {
  it('shares one load per key while it lives, and expires it', async () => {
    const db = newRoot();
    let n = 0;
    const load = async () => ++n;
    expect(await cached(db, entry('k', ['t'], 100), load)).toBe(1);
    expect(await cached(db, entry('k', ['t'], 100), load)).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await cached(db, entry('k', ['t'], 100), load)).toBe(2);
  });

  it('drops the entries carrying an invalidated tag, and only those', async () => {
    const db = newRoot();
    let n = 0;
    const load = async () => ++n;
    await cached(db, entry('a', ['framework:GM0001']), load);
    await cached(db, entry('b', ['framework:GM0001', 'activities:GM0001']), load);
    await cached(db, entry('c', ['activities:GM0001']), load);
    invalidate(ctxOf(db), 'framework:GM0001');
    expect(await cached(db, entry('a'), load)).toBe(4);
    expect(await cached(db, entry('b'), load)).toBe(5);
    expect(await cached(db, entry('c'), load)).toBe(3);
  });

  it('never keeps a failure: a rejected load or a thrown error leaves nothing behind', async () => {
    const db = newRoot();
    await expect(cached(db, entry('k'), async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cached(db, entry('k'), async () => 'up')).toBe('up');
    expect(() =>
      cached(db, entry('s'), () => {
        throw new Error('sync');
      }),
    ).toThrow('sync');
    expect(await cached(db, entry('s'), async () => 'fine')).toBe('fine');
  });

  it('does not keep a load that was still running when a change committed', async () => {
    const db = newRoot();
    let release!: (v: string) => void;
    const slow = cached(db, entry('k'), () => new Promise<string>((r) => (release = r)));
    dropTags(db, ['t']); // a change commits while the old read is still running
    release('before the change');
    expect(await slow).toBe('before the change');
    expect(await cached(db, entry('k'), async () => 'after the change')).toBe('after the change');
  });

  it('does not cache outside the root connection (a transaction) or with a lifetime of 0', async () => {
    const db = newRoot();
    const load = vi.fn(async () => 1);
    const tx = {} as Db;
    await cached(tx, entry('k'), load);
    await cached(tx, entry('k'), load);
    await cached(db, entry('z', ['t'], 0), load);
    await cached(db, entry('z', ['t'], 0), load);
    expect(load).toHaveBeenCalledTimes(4);
  });
});

describe('invalidate in a transaction', () => {
  const rootWithTransactions = () => {
    const db = newRoot();
    Object.assign(db, { transaction: async (fn: (tx: object) => Promise<unknown>) => fn({ transaction: (db as unknown as { transaction: unknown }).transaction }) });
    return db;
  };

  it('drops the entries once the outermost transaction has committed, not before', async () => {
    const db = rootWithTransactions();
    await cached(db, entry('k'), async () => 'old');
    let seenInside = '';
    await inTransaction(ctxOf(db), async (tx) => {
      await inTransaction(tx, async (inner) => invalidate(inner, 't'));
      seenInside = await cached(db, entry('k'), async () => 'read before commit');
    });
    expect(seenInside).toBe('old');
    expect(await cached(db, entry('k'), async () => 'new')).toBe('new');
  });

  it('drops nothing when the transaction rolls back', async () => {
    const db = rootWithTransactions();
    await cached(db, entry('k'), async () => 'kept');
    await expect(
      inTransaction(ctxOf(db), async (tx) => {
        invalidate(tx, 't');
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await cached(db, entry('k'), async () => 'reloaded')).toBe('kept');
  });
});

describe('cachedResult', () => {
  it('shares one load between identical keys and counts hits and misses', async () => {
    const db = newRoot();
    const load = vi.fn(async () => ({ n: 1 }));
    const a = await cachedResult(db, 's:a', ['t'], load);
    const b = await cachedResult(db, 's:a', ['t'], load);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
    await cachedResult(db, 's:b', ['t'], load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(resultCacheStats(db)).toMatchObject({ enabled: true, hits: 1, misses: 2, entries: 2 });
  });

  it('lives SEARCH_CACHE_SECONDS', async () => {
    const db = newRoot(100);
    let n = 0;
    const load = async () => ++n;
    expect(await cachedResult(db, 'k', [], load)).toBe(1);
    expect(await cachedResult(db, 'k', [], load)).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await cachedResult(db, 'k', [], load)).toBe(2);
  });

  it('is bounded: the least recently used entries go first', async () => {
    const db = newRoot();
    for (let i = 0; i < 1001; i++) await cachedResult(db, `k${i}`, [], async () => i);
    expect(resultCacheStats(db).entries).toBe(1000);
    expect(await cachedResult(db, 'k0', [], async () => -1)).toBe(-1);
    expect(await cachedResult(db, 'k1000', [], async () => -1)).toBe(1000);
  });

  it('is off with a lifetime of 0', async () => {
    const off = newRoot(0);
    let n = 0;
    const load = async () => ++n;
    await cachedResult(off, 'k', [], load);
    await cachedResult(off, 'k', [], load);
    expect(n).toBe(2);
    expect(resultCacheStats(off).enabled).toBe(false);
  });
});
