// Database client: the embedded PGlite (default, a folder under ./data) or PostgreSQL (DATABASE_URL).
// Both speak the same SQL, so one set of migrations (drizzle/) serves both.
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { markCacheable } from '../cache.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { APP_ROLE, TENANT_SETTING, applyTenancySql, assertTenantKey, ensureAppRoleSql } from './tenancy.ts';

/** Queries use the table objects directly (no relational query API), so the client needs no schema. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  /** The municipality every query of `db` is confined to (row-level security; see tenancy.ts). */
  tenant: string;
  db: Db;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface CacheOptions {
  /** How long public search results may be shared (milliseconds); 0 switches that cache off. */
  resultTtlMs?: number;
  /** The municipality (CBS code) this connection serves; every query sees only its rows. Default GM0392. */
  tenant?: string;
}

/** Per root connection: runs statements as the owner of the tables (maintenance the app's role may not do). */
const owners = new WeakMap<object, (statements: string[]) => Promise<void>>();

/**
 * Runs maintenance statements (VACUUM, ANALYZE, index upkeep after a bulk load) as the owner of the tables, with
 * the connection's tenant set. Only outside a transaction; a connection without an owner runs them itself.
 */
export async function maintain(db: Db, statements: string[]): Promise<void> {
  const asOwner = owners.get(db);
  if (asOwner) return asOwner(statements);
  for (const s of statements) await db.execute(sql.raw(s));
}

/** The tenant of a connection when none is given: the same default as the TENANT setting. */
export const DEFAULT_TENANT = 'GM0392';

/**
 * Opens the embedded database. A folder is locked for this process until close() (or exit); another process that
 * opens the same folder gets DataDirLockedError at once. `lockOwner` names the command in that message.
 */
export async function openPglite(dataDir?: string, cache: CacheOptions = {}, lockOwner = ''): Promise<Database> {
  const tenant = assertTenantKey(cache.tenant ?? DEFAULT_TENANT);
  const lock = dataDir ? lockDataDir(dataDir, lockOwner) : null;
  let client: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  try {
    // PGlite has one connection, as a superuser: set the tenant and switch to the app's role right away.
    await client.query(`select set_config('${TENANT_SETTING}', $1, false)`, [tenant]);
    await client.exec(ensureAppRoleSql);
    await client.exec(`SET ROLE ${APP_ROLE}`);
  } catch (err) {
    await client.close().catch(() => {});
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client) as unknown as Db;
  markCacheable(db, cache);
  owners.set(db, async (statements) => {
    await client.exec('RESET ROLE');
    try {
      for (const s of statements) await client.exec(s);
    } finally {
      await client.exec(`SET ROLE ${APP_ROLE}`);
    }
  });
  return {
    kind: 'pglite',
    tenant,
    db,
    // Migrations run as the owner (the superuser) with the tenant set, then the app's role again. The one
    // connection is the owner meanwhile: migrate (and maintain) before serving, as the server and the CLI do.
    migrate: async () => {
      await client.exec('RESET ROLE');
      try {
        await migratePglite(db as never, { migrationsFolder });
        await client.exec(applyTenancySql);
      } finally {
        await client.exec(`SET ROLE ${APP_ROLE}`);
      }
    },
    ping: async () => (await client.query('select 1')).rows.length === 1,
    close: async () => {
      try {
        if (!client.closed) await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openPostgres(url: string, poolSize = 10, cache: CacheOptions = {}): Promise<Database> {
  const tenant = assertTenantKey(cache.tenant ?? DEFAULT_TENANT);
  // The connecting user creates the app's role when it may; otherwise a database administrator must have made it.
  await withOwnerClient(url, tenant, (owner) => owner.query(ensureAppRoleSql)).catch((err: { code?: string }) => {
    if (err.code !== '42501') throw err; // insufficient_privilege: the pool below fails clearly if the role is missing
  });
  // Every pooled connection starts as the app's role with the tenant set (start-up options: no query pays for
  // it, and a connection without them cannot exist; RESET ROLE returns to the app's role).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c role=${APP_ROLE} -c ${TENANT_SETTING}=${tenant}` });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  markCacheable(db, cache);
  owners.set(db, (statements) =>
    withOwnerClient(url, tenant, async (owner) => {
      for (const s of statements) await owner.query(s);
    }),
  );
  return {
    kind: 'postgres',
    tenant,
    db,
    // Migrations run on a separate connection as the connecting user (the owner of the tables), with the tenant set.
    migrate: () =>
      withOwnerClient(url, tenant, async (owner) => {
        const ownerDb = drizzlePg(owner);
        await migratePg(ownerDb, { migrationsFolder });
        await owner.query(applyTenancySql);
      }),
    ping: async () => {
      const rows = await queryRows(db, sql`select 1 as ok`);
      return rows.length === 1;
    },
    close: () => pool.end(),
  };
}

/** Runs fn on one connection as the user of the URL (not the app's role), with the tenant set. */
async function withOwnerClient<T>(url: string, tenant: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, options: `-c ${TENANT_SETTING}=${tenant}` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function openDatabase(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number; lockOwner?: string } & CacheOptions): Promise<Database> {
  const cache = { resultTtlMs: opts.resultTtlMs, tenant: opts.tenant };
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize, cache) : openPglite(opts.dataDir, cache, opts.lockOwner);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
