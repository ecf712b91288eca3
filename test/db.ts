// A fresh, migrated database per test file: PGlite always, PostgreSQL too when DATABASE_URL is set.
import pg from 'pg';
import crypto from 'node:crypto';
import { openPglite, openPostgres, type Database } from '../src/platform/db/client.ts';
import { systemContext, type ServiceContext } from '../src/platform/context.ts';
import { modules } from '../src/modules/index.ts';
import { seedModules } from '../src/platform/seed.ts';
import type { Role } from '../src/platform/auth/roles.ts';

export const TENANT = 'GM0392';
export type DbKind = 'pglite' | 'postgres';
export const dbKinds: DbKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestDatabase extends Database {
  drop(): Promise<void>;
  /** PostgreSQL: the connection string of this test database (to open it again, e.g. as another municipality). */
  url?: string;
}

export interface TestDatabaseOptions {
  /** The municipality the connection serves (row-level security); default TENANT. */
  tenant?: string;
  /** PGlite: keep the database in this folder instead of in memory (so it can be opened again). */
  dataDir?: string;
}

export async function createTestDatabase(kind: DbKind, opts: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const tenant = opts.tenant ?? TENANT;
  if (kind === 'pglite') {
    const db = await openPglite(opts.dataDir, { tenant });
    await db.migrate();
    return { ...db, drop: () => db.close() };
  }
  const url = new URL(process.env.DATABASE_URL!);
  const name = `sb_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const db = await openPostgres(testUrl.toString(), 20, { tenant });
  await db.migrate();
  return {
    ...db,
    url: testUrl.toString(),
    drop: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The reference data of every module (the framework, the organisations it names), no demo data. */
export async function seedFramework(db: Database): Promise<void> {
  await seedModules(systemContext(db.db, db.tenant), modules, { demo: false });
}

export function ctxFor(db: Database, actor: ServiceContext['actor'] = null): ServiceContext {
  return { ...systemContext(db.db, db.tenant), actor };
}

export const adminActor = { userId: '', name: 'Test Admin', email: 'admin@test', roles: ['administrator'] as Role[], organisationId: null };
