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

/** Queries use the table objects directly (no relational query API), so the client needs no schema. */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  migrate(): Promise<void>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../drizzle');

export interface CacheOptions {
  /** How long public search results may be shared (milliseconds); 0 switches that cache off. */
  resultTtlMs?: number;
}

/**
 * Opens the embedded database. A folder is locked for this process until close() (or exit); another process that
 * opens the same folder gets DataDirLockedError at once. `lockOwner` names the command in that message.
 */
export async function openPglite(dataDir?: string, cache: CacheOptions = {}, lockOwner = ''): Promise<Database> {
  const lock = dataDir ? lockDataDir(dataDir, lockOwner) : null;
  let client: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    client = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(client) as unknown as Db;
  markCacheable(db, cache);
  return {
    kind: 'pglite',
    db,
    migrate: () => migratePglite(db as never, { migrationsFolder }),
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
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzlePg(pool) as unknown as Db;
  markCacheable(db, cache);
  return {
    kind: 'postgres',
    db,
    migrate: () => migratePg(db as never, { migrationsFolder }),
    ping: async () => {
      const rows = await queryRows(db, sql`select 1 as ok`);
      return rows.length === 1;
    },
    close: () => pool.end(),
  };
}

export function openDatabase(opts: { databaseUrl?: string; dataDir?: string; poolSize?: number; lockOwner?: string } & CacheOptions): Promise<Database> {
  const cache = { resultTtlMs: opts.resultTtlMs };
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.poolSize, cache) : openPglite(opts.dataDir, cache, opts.lockOwner);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
