// Starts the web server on the configured database. Used by `sociale-basis serve` and `npm start`.
// The port is bound first: a second server on a taken port stops before it touches the database. Until the
// database is ready the server answers 503 with a short message.
import { createAdaptorServer, type ServerType } from '@hono/node-server';
import type { Config } from './config.ts';
import { openDatabase, queryRows, type Database } from './platform/db/client.ts';
import { createApp, type App } from './platform/http/app.tsx';
import { systemContext } from './platform/context.ts';
import { seedAll, modules, demoAccountEmails, DEMO_PASSWORD } from './modules/index.ts';
import { readFrameworkSeed } from './modules/framework/seed.ts';
import { findMunicipality, createFirstHint } from './modules/framework/tenant-load.ts';
import { log, describeError } from './platform/log.ts';
import { sql } from 'drizzle-orm';
import { JobRegistry, JobWorker, platformJobs } from './platform/jobs/index.ts';

export class PortInUseError extends Error {
  constructor(port: number, host: string) {
    super(`Poort ${port} is al in gebruik (adres ${host}): draait Sociale Basis hier al, of een ander programma? Stop dat eerst, of kies een andere poort met PORT=…`);
    this.name = 'PortInUseError';
  }
}

/** Where the database lives, for the progress line (never a password). */
function describeDatabase(config: Config): string {
  if (!config.DATABASE_URL) return `ingebouwd (PGlite) in ${config.DATA_DIR}`;
  const u = new URL(config.DATABASE_URL);
  return `PostgreSQL op ${u.host}${u.pathname}`;
}

export async function prepareDatabase(config: Config, opts: { seedIfEmpty?: boolean; demo?: boolean; lockOwner?: string } = {}): Promise<Database> {
  log.info(`Database openen: ${describeDatabase(config)}`);
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DB_POOL_SIZE, resultTtlMs: config.SEARCH_CACHE_SECONDS * 1000, lockOwner: opts.lockOwner ?? 'serve', tenant: config.TENANT });
  try {
    log.info('Migraties uitvoeren…');
    await database.migrate();
    // --seed-if-empty loads the bundled example (Haarlem) only into its own municipality, never into another TENANT.
    const example = opts.seedIfEmpty ? readFrameworkSeed().municipality : null;
    if (example?.code === config.TENANT) {
      const [r] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from call_periods where tenant_id = ${config.TENANT}`);
      if (Number(r?.n ?? 0) === 0) {
        log.info('Eerste start: de database is leeg, referentiedata laden (duurt even)…');
        for (const line of await seedAll(systemContext(database.db, config.TENANT), { demo: opts.demo ?? true, onProgress: (step) => log.info(step) })) log.info(line);
      }
    }
    if (!(await findMunicipality(systemContext(database.db, config.TENANT)))) {
      const note = example && example.code !== config.TENANT ? ` (--seed-if-empty laadt alleen de voorbeeldgemeente ${example.name}, ${example.code}.)` : '';
      throw new Error(`Gemeente ${config.TENANT} (TENANT) staat niet in deze database; de server start niet.${note} ${createFirstHint(config.TENANT)}`);
    }
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
  return database;
}

export interface Listener {
  server: ServerType;
  port: number;
  /** The address to print: localhost when listening on every interface. */
  url: string;
  /** From now on requests go to the app. */
  attach(app: App): void;
}

/** Binds the configured port; until attach(), every request gets 503 "starting". */
export async function listen(config: Config): Promise<Listener> {
  let app: App | null = null;
  const server = createAdaptorServer({
    hostname: config.HOST,
    fetch: (req, env) =>
      app
        ? app.fetch(req, env)
        : new Response('Sociale Basis start op. Probeer het over een paar seconden opnieuw.\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5', 'cache-control': 'no-store' } }),
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new PortInUseError(config.PORT, config.HOST)
          : err.code === 'EACCES'
            ? new Error(`Poort ${config.PORT} mag dit proces niet gebruiken (poorten onder 1024 vragen beheerdersrechten): kies een andere poort met PORT=…`)
            : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
              ? new Error(`Adres ${config.HOST} (HOST) is op deze machine niet beschikbaar: kies een ander adres met HOST=…, bijvoorbeeld 0.0.0.0`)
              : err,
      );
    server.once('error', onError);
    server.listen(config.PORT, config.HOST, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  const anyHost = ['0.0.0.0', '::', '', 'localhost'].includes(config.HOST);
  const host = anyHost ? 'localhost' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return { server, port, url: `http://${host}:${port}`, attach: (a) => (app = a) };
}

let handlersInstalled = false;
function installProcessHandlers(stop: () => Promise<void>) {
  if (handlersInstalled) return;
  handlersInstalled = true;
  // A crash in one request must never stop the server.
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', { error: describeError(err) }));
  process.on('uncaughtException', (err) => log.error('uncaught exception', { error: describeError(err) }));
  const onSignal = async () => {
    await stop().catch(() => {});
    process.exit(0);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** Starts the app on an already opened database (used by the end-to-end harness). */
export async function startServer(config: Config, database: Database, opts: { clock?: () => Date } = {}) {
  const listener = await listen(config);
  const app = createApp({ database, config, clock: opts.clock }, modules);
  listener.attach(app);
  const worker = startWorker(config, database);
  installProcessHandlers(async () => {
    listener.server.close();
    await worker.stop().catch(() => {});
    await database.close();
  });
  return { app, server: listener.server, port: listener.port, worker };
}

/** The jobs this platform runs: the platform's own (retention) and every module's. */
export const jobRegistry = () => new JobRegistry([...platformJobs, ...modules.flatMap((m) => m.jobs)]);

/** Background jobs of this municipality run in the server process. */
function startWorker(config: Config, database: Database): JobWorker {
  const worker = new JobWorker({ db: database.db, tenant: config.TENANT, registry: jobRegistry() });
  worker.start();
  return worker;
}

/** `sociale-basis serve`: bind the port, open and prepare the database (saying what happens), then serve. */
export async function runServer(config: Config, opts: { seedIfEmpty?: boolean; demo?: boolean } = {}) {
  const listener = await listen(config);
  let database: Database | null = null;
  let worker: JobWorker | null = null;
  installProcessHandlers(async () => {
    listener.server.close();
    await worker?.stop().catch(() => {});
    await database?.close();
  });
  try {
    database = await prepareDatabase(config, opts);
  } catch (err) {
    listener.server.close();
    throw err;
  }
  const app = createApp({ database, config }, modules);
  listener.attach(app);
  worker = startWorker(config, database);
  log.info(`Sociale Basis draait op ${listener.url} (database: ${database.kind === 'pglite' ? 'ingebouwd' : 'PostgreSQL'})`);
  // The demo accounts belong to the bundled example municipality only (see prepareDatabase).
  if (opts.seedIfEmpty && opts.demo !== false && readFrameworkSeed().municipality.code === config.TENANT) {
    log.info(`Demo-accounts (wachtwoord ${DEMO_PASSWORD}): ${demoAccountEmails.join(', ')}`);
  }
  return { app, server: listener.server, port: listener.port, database, worker };
}
