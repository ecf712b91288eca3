// Starts the web server on the configured database. Used by `sociale-basis serve` and `npm start`.
import { serve } from '@hono/node-server';
import type { Config } from './config.ts';
import { openDatabase, queryRows, type Database } from './platform/db/client.ts';
import { createApp } from './platform/http/app.tsx';
import { systemContext } from './platform/context.ts';
import { seedAll } from './modules/demo/seed.ts';
import { readFrameworkSeed } from './modules/framework/seed.ts';
import { log } from './platform/log.ts';
import { sql } from 'drizzle-orm';

export async function prepareDatabase(config: Config, opts: { seedIfEmpty?: boolean; demo?: boolean } = {}): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DB_POOL_SIZE, resultTtlMs: config.SEARCH_CACHE_SECONDS * 1000, tenant: config.TENANT });
  await database.migrate();
  // The seed under seed/haarlem/ is Haarlem's: a server for another municipality never loads it as its own.
  const seedCode = opts.seedIfEmpty ? readFrameworkSeed().municipality.code : null;
  if (seedCode && seedCode !== config.TENANT) log.warn('seed-if-empty: the seed data is of another municipality; nothing loaded', { tenant: config.TENANT, seed: seedCode });
  else if (opts.seedIfEmpty) {
    const [r] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from call_periods where tenant_id = ${config.TENANT}`);
    if (Number(r?.n ?? 0) === 0) {
      for (const line of await seedAll(systemContext(database.db, config.TENANT), { demo: opts.demo ?? true })) log.info(line);
    }
  }
  return database;
}

export async function startServer(config: Config, database: Database) {
  const app = createApp({ database, config });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  // A crash in one request must never stop the server.
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { error: String(err) }));
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: `${err.name}: ${err.message}` }));
  const stop = async () => {
    server.close();
    await database.close().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return { app, server, port };
}
