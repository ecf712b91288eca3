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
}

/** Runs fn in one transaction with a context whose db is the transaction. */
export async function inTransaction<T>(ctx: ServiceContext, fn: (tx: ServiceContext) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => fn({ ...ctx, db: tx as unknown as Db }));
}

export function systemContext(db: Db, tenant: string, lang: Lang = 'nl'): ServiceContext {
  return { db, tenant, actor: null, now: () => new Date(), lang, system: true };
}
