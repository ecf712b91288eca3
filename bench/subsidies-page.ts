// A quick look at the joint application page of bench/subsidies.ts on a small seeded database, in-process (no HTTP
// server): the same 40-section application (prepareSubsidies, made once per database), the page as partner staff of a
// member organisation, timed one at a time and at 16 at once, with the statements one request sends and their time.
//   DATABASE_URL=postgres://…/db npx tsx bench/subsidies-page.ts [--runs 200] [--log]
//   DATA_DIR=/tmp/folder npx tsx bench/subsidies-page.ts
// The database must be seeded first (`sociale-basis seed --demo`). Not part of `npm run bench`.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../src/platform/db/client.ts';
import { loadConfig } from '../src/config.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { modules, demoUsers, DEMO_PASSWORD } from '../src/modules/index.ts';
import { TestClient } from '../test/client.ts';
import { prepareSubsidies, APPLICATION_SECTIONS, APPLICATION_CONNECTIONS } from './subsidies.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('runs', 200);
const showLog = process.argv.includes('--log');
const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'error' };
const partner = demoUsers.find((u) => u.roles.includes('partner_staff'))!;
const advisor = demoUsers.find((u) => u.roles.includes('policy_advisor'))!;

// Every statement sent, with its time (the drivers' query functions, wrapped).
type Entry = { text: string; ms: number };
let log: Entry[] | null = null;
const wrap = (proto: { query: (...a: never[]) => Promise<unknown> }) => {
  const original = proto.query;
  proto.query = async function (this: unknown, ...args: never[]) {
    const t = performance.now();
    try {
      return await original.apply(this, args);
    } finally {
      const q = args[0] as unknown;
      log?.push({ text: typeof q === 'string' ? q : ((q as { text?: string })?.text ?? String(q)), ms: performance.now() - t });
    }
  } as never;
};
// (pg.Pool's query goes through a pooled pg.Client's: wrapping the client counts each statement once.)
wrap(pg.Client.prototype as never);
wrap(PGlite.prototype as never);

const found = async () => {
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, lockOwner: 'bench', tenant: env.TENANT || 'GM0392' });
  try {
    const rows = await queryRows<{ id: string; call_id: string }>(database.db, sql`select a.id, t.call_id from subsidy_applications a join subsidy_tables t on t.id = a.table_id join subsidy_calls c on c.id = t.call_id where c.period_code = '2090-2093'`);
    return rows[0] ? { applicationId: rows[0].id, callId: rows[0].call_id } : null;
  } finally {
    await database.close();
  }
};
const setup = (await found()) ?? (await prepareSubsidies(env, partner.email, advisor.email));

const config = loadConfig({ ...env, NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000' } as NodeJS.ProcessEnv);
const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DB_POOL_SIZE, lockOwner: 'bench', tenant: config.TENANT });
try {
  const app = createApp({ database, config }, modules);
  const client = new TestClient(app);
  if ((await client.login(partner.email, DEMO_PASSWORD)).status !== 303) throw new Error('login failed');
  const path = `/subsidies/aanvragen/${setup.applicationId}`;
  const page = async () => {
    const res = await client.get(path);
    const html = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return html;
  };
  const html = await page();
  const sections = (html.match(/\/onderdelen\/[0-9a-f-]{36}"/g) ?? []).length;
  if (sections !== APPLICATION_SECTIONS) throw new Error(`page shows ${sections} sections, expected ${APPLICATION_SECTIONS}`);
  for (let i = 0; i < 20; i++) await page(); // warm-up

  log = [];
  await page();
  const one = log;
  log = null;
  const dbMs = one.reduce((s, e) => s + e.ms, 0);
  console.log(`${database.kind}: one request sends ${one.length} statements (${dbMs.toFixed(1)} ms waiting on the database, one after another or side by side)`);
  if (showLog) for (const e of one) console.log(`  ${e.ms.toFixed(2).padStart(7)} ms  ${e.text.replace(/\s+/g, ' ').slice(0, 220)}`);

  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
  };
  const serial: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await page();
    serial.push(performance.now() - t);
  }
  console.log(`${database.kind}: one at a time: p50 ${pct(serial, 50).toFixed(1)} ms, p95 ${pct(serial, 95).toFixed(1)} ms (${runs} requests)`);

  const concurrent: number[] = [];
  let left = runs;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: APPLICATION_CONNECTIONS }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        await page();
        concurrent.push(performance.now() - t);
      }
    }),
  );
  const rps = (concurrent.length / (performance.now() - t0)) * 1000;
  console.log(`${database.kind}: ${APPLICATION_CONNECTIONS} at once: p50 ${pct(concurrent, 50).toFixed(1)} ms, p95 ${pct(concurrent, 95).toFixed(1)} ms, ${rps.toFixed(0)} req/s`);
} finally {
  await database.close();
}
