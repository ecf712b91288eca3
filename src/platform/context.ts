// The context every service function receives: ctx = { db, tenant, actor, now, lang }.
import type { Db } from './db/client.ts';
import type { Actor } from './auth/roles.ts';
import type { Lang } from './i18n/index.ts';

export interface ServiceContext {
  db: Db;
  tenant: string;
  actor: Actor | null;
  now: () => Date;
  lang: Lang;
  /** Set only for the platform's own work (seeding, the CLI's migrations, jobs): never for a web request. */
  system?: true;
  /** Set when the request was authenticated with an API token (its id): audit rows written during it name it. */
  apiTokenId?: string;
}

interface TxState {
  root: Db;
  committed: ((root: Db) => void)[];
}
const txStates = new WeakMap<object, TxState>();

/**
 * Runs fn in one transaction with a context whose db is the transaction. What `afterCommit` registered inside runs
 * once the outermost transaction has committed (a nested one hands it to its parent; a rollback drops it).
 */
export async function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T>): Promise<T> {
  const parent = txStates.get(ctx.db);
  const state: TxState = { root: parent?.root ?? ctx.db, committed: [] };
  const result = await ctx.db.transaction(async (tx) => {
    txStates.set(tx, state);
    return fn({ ...ctx, db: tx as unknown as Db });
  });
  if (parent) parent.committed.push(...state.committed);
  else for (const run of state.committed) run(state.root);
  return result;
}

/**
 * Independent reads side by side where that is safe: outside a transaction each read gets its own connection of the
 * pool (PostgreSQL; PGlite runs them in turn anyway); inside a transaction — one connection, which takes one query
 * at a time (pg deprecates queueing a query on a busy client) — they run one after another.
 */
export async function sideBySide<T extends readonly unknown[]>(ctx: ServiceContext, reads: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!txStates.has(ctx.db)) return Promise.all(reads.map((read) => read())) as unknown as Promise<T>;
  const out: unknown[] = [];
  for (const read of reads) out.push(await read());
  return out as unknown as T;
}

/** Runs fn with the root connection once the transaction ctx is in has committed; at once outside a transaction. */
export function afterCommit(ctx: ServiceContext, fn: (root: Db) => void): void {
  const state = txStates.get(ctx.db);
  if (state) state.committed.push(fn);
  else fn(ctx.db);
}

export function systemContext(db: Db, tenant: string, lang: Lang = 'nl'): ServiceContext {
  return { db, tenant, actor: null, now: () => new Date(), lang, system: true };
}
