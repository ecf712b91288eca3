// sideBySide: independent reads run at once outside a transaction, one after another inside one (a transaction has
// one connection, and pg deprecates queueing a query on a client that is still busy).
import { describe, it, expect } from 'vitest';
import { inTransaction, sideBySide, type ServiceContext } from './context.ts';
import type { Db } from './db/client.ts';

const fakeDb = { transaction: async <T>(fn: (tx: object) => Promise<T>) => fn({}) } as unknown as Db;
const ctx: ServiceContext = { db: fakeDb, tenant: 'GM0392', actor: null, now: () => new Date(), lang: 'nl' };

/** Reads that record how many of them were running at once. */
function reads(n: number) {
  let running = 0;
  let most = 0;
  const read = (i: number) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running--;
    return i;
  };
  return { list: Array.from({ length: n }, (_, i) => read(i)), most: () => most };
}

describe('sideBySide', () => {
  it('runs the reads at once outside a transaction, in order of the list in the answer', async () => {
    const r = reads(3);
    expect(await sideBySide(ctx, r.list)).toEqual([0, 1, 2]);
    expect(r.most()).toBe(3);
  });

  it('runs them one after another inside a transaction', async () => {
    const r = reads(3);
    expect(await inTransaction(ctx, (tx) => sideBySide(tx, r.list))).toEqual([0, 1, 2]);
    expect(r.most()).toBe(1);
  });
});
