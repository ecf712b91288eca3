// The shared result cache: bounded, short-lived, dropped on change (running loads included).
import { describe, it, expect, vi } from 'vitest';
import { cachedResult, invalidateResults, markCacheable, resultCacheStats } from './cache.ts';
import type { Db } from './db/client.ts';

const newRoot = (resultTtlMs?: number) => {
  const db = {} as Db;
  markCacheable(db, resultTtlMs === undefined ? {} : { resultTtlMs });
  return db;
};

describe('cachedResult', () => {
  it('shares one load between identical keys and counts hits and misses', async () => {
    const db = newRoot();
    const load = vi.fn(async () => ({ n: 1 }));
    const a = await cachedResult(db, 's:a', load);
    const b = await cachedResult(db, 's:a', load);
    expect(b).toBe(a);
    expect(load).toHaveBeenCalledTimes(1);
    await cachedResult(db, 's:b', load);
    expect(load).toHaveBeenCalledTimes(2);
    expect(resultCacheStats(db)).toMatchObject({ enabled: true, hits: 1, misses: 2, entries: 2 });
  });

  it('expires entries after the configured time', async () => {
    const db = newRoot(100);
    let n = 0;
    const load = async () => ++n;
    expect(await cachedResult(db, 'k', load)).toBe(1);
    expect(await cachedResult(db, 'k', load)).toBe(1);
    await new Promise((r) => setTimeout(r, 150));
    expect(await cachedResult(db, 'k', load)).toBe(2);
  });

  it('drops entries with the invalidated prefix only', async () => {
    const db = newRoot();
    let n = 0;
    const load = async () => ++n;
    await cachedResult(db, 'catalogue:x', load);
    await cachedResult(db, 'other:x', load);
    invalidateResults(db, 'catalogue:');
    expect(await cachedResult(db, 'catalogue:x', load)).toBe(3);
    expect(await cachedResult(db, 'other:x', load)).toBe(2);
  });

  it('does not hand out a search that was still running when a change committed', async () => {
    const db = newRoot();
    let release!: (v: string) => void;
    const slow = cachedResult(db, 'k', () => new Promise<string>((r) => (release = r)));
    invalidateResults(db, 'k'); // a change commits while the old search is still running
    release('before the change');
    expect(await slow).toBe('before the change');
    expect(await cachedResult(db, 'k', async () => 'after the change')).toBe('after the change');
  });

  it('does not keep failures', async () => {
    const db = newRoot();
    await expect(cachedResult(db, 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cachedResult(db, 'k', async () => 'up')).toBe('up');
  });

  it('is bounded: the least recently used entries go first', async () => {
    const db = newRoot();
    for (let i = 0; i < 501; i++) await cachedResult(db, `k${i}`, async () => i);
    expect(resultCacheStats(db).entries).toBe(500);
    expect(await cachedResult(db, 'k0', async () => -1)).toBe(-1);
    expect(await cachedResult(db, 'k500', async () => -1)).toBe(500);
  });

  it('is off with a lifetime of 0 and for connections that are not a root (transactions)', async () => {
    const off = newRoot(0);
    let n = 0;
    const load = async () => ++n;
    await cachedResult(off, 'k', load);
    await cachedResult(off, 'k', load);
    const tx = {} as Db;
    await cachedResult(tx, 'k', load);
    await cachedResult(tx, 'k', load);
    expect(n).toBe(4);
    expect(resultCacheStats(off).enabled).toBe(false);
  });
});
