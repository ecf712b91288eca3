// Benchmarks (not tests): each figure is measured side by side with a bare route of the same server in the same run,
// on the embedded database and on PostgreSQL. Writes bench/results/latest.json. Run: npm run bench
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fileURLToPath } from 'node:url';
import { tenancyGapsSql } from '../src/platform/db/tenancy.ts';
import { demoUsers, DEMO_PASSWORD } from '../src/modules/index.ts';
import { measureReach } from './reach.ts';
import { prepareSurveys, measureSubmit, measureResultsPage, SURVEY_RESPONSES } from './surveys.ts';
import { measureDocument, measureDistrictDashboard } from './accountability.ts';
import { prepareSubsidies, measureSubsidies } from './subsidies.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src', 'cli.ts')];

export interface BenchOptions {
  duration: number;
  connections: number;
  /** Demo scale; 34 gives just over 10,000 published activities. */
  scale?: number;
  kinds?: ('pglite' | 'postgres')[];
  /**
   * Run only one part: 'reach' seeds and measures the reach import and report, without the HTTP measurements;
   * 'surveys' seeds and measures survey answering and the results page; 'accountability' seeds, adds 100,000 survey
   * responses and 20 indicators, and measures the accountability document (HTML, PDF) and the district dashboard.
   */
  only?: 'reach' | 'surveys' | 'accountability' | 'subsidies';
  /** Responses of the survey whose results page is measured (default 100,000). */
  surveyResponses?: number;
}

interface Measurement {
  rps: number;
  p95: number;
  p50: number;
  errors: number;
  non2xx: number;
}

/** A route to measure; `figure` is the prefix of its names in latest.json. */
export interface Target {
  figure: string;
  /** One path, or a mix that every connection walks through in turn. */
  paths: string[];
  /** Also measure it on a server without the shared search results (SEARCH_CACHE_SECONDS=0). */
  uncached?: boolean;
}

const themeSlugs = ['ontmoeten', 'redzaam-in-en-om-het-huis', 'waardevol-werk', 'financien-op-orde', 'opvoeden-en-opgroeien', 'gezonde-leefstijl', 'vrijwillige-inzet-en-mantelzorg'];
const districtCodes = ['', 'centrum', 'noord', 'oost', 'schalkwijk', 'zuid-west'];

/**
 * 126 different searches (7 themes × 6 district choices × 3 texts), as residents would combine the filters;
 * the first is the single search earlier runs measured.
 */
export const searchMix: string[] = ['ontmoeting', 'taal', ''].flatMap((q) =>
  themeSlugs.flatMap((theme) => districtCodes.map((district) => new URLSearchParams(Object.entries({ q, theme, district }).filter(([, v]) => v)).toString())),
);

export const targets: Target[] = [
  { figure: 'themes.page', paths: ['/themes/ontmoeten'] },
  { figure: 'themes.api', paths: ['/api/v1/themes'] },
  { figure: 'catalogue.search', paths: searchMix.map((q) => `/activiteiten?${q}`), uncached: true },
  { figure: 'catalogue.api', paths: searchMix.map((q) => `/api/v1/activities?${q}`), uncached: true },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function measure(base: string, paths: string[], duration: number, connections: number): Promise<Measurement> {
  const times: number[] = [];
  const requests = paths.map((p) => ({ method: 'GET' as const, path: p }));
  const instance = autocannon({ url: base, requests, duration, connections, pipelining: 1 }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { rps: result.requests.average, p95: percentile(times, 95), p50: percentile(times, 50), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [...cli, ...args], { env, stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error(`sociale-basis ${args.join(' ')} failed`);
}

export async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...cli, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' }, stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  // The server binds its port first and answers 503 until the database is ready: wait for a healthy answer.
  let exited: number | null | undefined;
  child.once('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`server exited with ${exited}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * A correct login is measured (argon2 check, throttle bookkeeping, session) at LOGIN_CONNECTIONS connections, each
 * signing in its own demo account: parallel attempts on one account are limited to 5 in flight by design (they look
 * like guessing), so one account per connection measures what many people logging in at once cost.
 */
export const LOGIN_CONNECTIONS = 8;

export async function measureLogin(base: string, duration: number): Promise<Measurement> {
  const accounts = demoUsers.slice(0, LOGIN_CONNECTIONS).map((u) => u.email);
  const times: number[] = [];
  let wrong = 0;
  let errors = 0;
  let rps = 0;
  await Promise.all(
    accounts.map(async (email) => {
      const page = await fetch(`${base}/inloggen`);
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
      if (!csrf) throw new Error('no CSRF token on /inloggen');
      const body = new URLSearchParams({ _csrf: csrf, email, password: DEMO_PASSWORD }).toString();
      const instance = autocannon({
        url: base,
        requests: [{ method: 'POST', path: '/inloggen', body, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } }],
        duration,
        connections: 1,
        pipelining: 1,
      }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
      instance.on('response', (_client: unknown, status: number, _bytes: number, responseTime: number) => {
        times.push(responseTime);
        if (status !== 303) wrong++;
      });
      const result = await instance;
      errors += result.errors + result.timeouts;
      rps += result.requests.average;
    }),
  );
  times.sort((a, b) => a - b);
  return { rps, p95: percentile(times, 95), p50: percentile(times, 50), errors, non2xx: wrong };
}

async function freshPostgres(baseUrl: string): Promise<string> {
  const url = new URL(baseUrl);
  // BENCH_DATABASE: another name, so two benchmark runs on one server do not drop each other's database.
  const name = process.env.BENCH_DATABASE || 'sociale_basis_bench';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`BENCH_DATABASE: ongeldige databasenaam ${JSON.stringify(name)}`);
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  url.pathname = `/${name}`;
  return url.toString();
}

/** Starts a server, measures the bare route before and after the targets, and records `<figure><suffix>.*.<kind>`. */
async function measureServer(env: NodeJS.ProcessEnv, port: number, list: Target[], opts: BenchOptions, kind: string, figures: Record<string, number>, report: Record<string, unknown>, suffix: string): Promise<void> {
  const server = await startServer(env, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    // Warm up every route (JIT, caches, connection pool).
    for (const paths of [['/bare'], ...list.map((t) => t.paths)]) await measure(base, paths, 2, 8);
    const bare1 = await measure(base, ['/bare'], opts.duration, opts.connections);
    const results: Record<string, Measurement> = {};
    for (const t of list) results[t.figure] = await measure(base, t.paths, opts.duration, opts.connections);
    const bare2 = await measure(base, ['/bare'], opts.duration, opts.connections);
    const bareRps = (bare1.rps + bare2.rps) / 2;
    report[`${kind}${suffix}`] = { bare: [bare1, bare2], ...results };
    console.log(`${kind}${suffix}: bare route ${bareRps.toFixed(0)} req/s`);
    for (const t of list) {
      const m = results[t.figure];
      const ratio = m.rps / bareRps;
      const name = `${t.figure}${suffix}`;
      console.log(`${name} (${t.paths.length} ${t.paths.length === 1 ? 'path' : 'paths in turn'}, first ${t.paths[0]})\n  ${m.rps.toFixed(0)} req/s (${(ratio * 100).toFixed(1)}% of bare), p50 ${m.p50} ms, p95 ${m.p95} ms, errors ${m.errors}, non-2xx ${m.non2xx}`);
      figures[`${name}.rps_ratio.${kind}`] = round(ratio);
      figures[`${name}.p95_ms.${kind}`] = round(m.p95);
      if (m.errors || m.non2xx) figures[`${name}.failed_requests.${kind}`] = m.errors + m.non2xx;
    }
    figures[`bare${suffix}.rps.${kind}`] = Math.round(bareRps);
    if (!suffix) {
      await measureLogin(base, 2); // warm-up
      const m = await measureLogin(base, opts.duration);
      report[`${kind}.login`] = m;
      console.log(`login (POST /inloggen, correct password, ${LOGIN_CONNECTIONS} connections)\n  ${m.rps.toFixed(1)} req/s, p50 ${m.p50} ms, p95 ${m.p95} ms, errors ${m.errors}, not 303 ${m.non2xx}`);
      figures[`login.p95_ms.${kind}`] = round(m.p95);
      if (m.errors || m.non2xx) figures[`login.failed_requests.${kind}`] = m.errors + m.non2xx;
    }
    // How many searches of this server (warm-up included) were answered from a shared result.
    const health = (await (await fetch(`${base}/health`)).json()) as { searchCache: { enabled: boolean; hits: number; misses: number } };
    const { enabled, hits, misses } = health.searchCache;
    if (enabled) figures[`catalogue.search_cache.hit_ratio.${kind}`] = round(hits / Math.max(1, hits + misses));
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

/** Switches row-level security on every table with tenant_id on or off (as the tables' owner, for the measurement below). */
async function setRowSecurity(url: string, on: boolean): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ table: string }>(tenancyGapsSql);
    for (const { table } of rows) await c.query(`alter table "${table}" ${on ? 'enable' : 'disable'} row level security`);
    const after = await c.query<{ enabled: boolean }>(tenancyGapsSql);
    if (after.rows.some((r) => r.enabled !== on)) throw new Error('row-level security could not be switched');
  } finally {
    await c.end();
  }
}

/**
 * tenancy.overhead.ratio.<kind>: the catalogue API's uncached throughput (SEARCH_CACHE_SECONDS=0, the 126 searches)
 * with tenant isolation by row-level security, divided by the same with row-level security switched off on the
 * same database and the same server, measured on, off, off, on in one run (so a drift of the machine weighs on both).
 */
export async function measureTenancyOverhead(env: NodeJS.ProcessEnv, port: number, opts: BenchOptions, kind: string, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const url = env.DATABASE_URL!;
  const paths = targets.find((t) => t.figure === 'catalogue.api')!.paths;
  const server = await startServer({ ...env, SEARCH_CACHE_SECONDS: '0' }, port);
  const base = `http://127.0.0.1:${port}`;
  try {
    // Warm up as long as one measurement: every search of the mix runs several times (plans, buffers, JIT).
    await measure(base, paths, opts.duration, opts.connections);
    const runs: { rls: boolean; m: Measurement }[] = [];
    for (const rls of [true, false, false, true]) {
      await setRowSecurity(url, rls);
      await measure(base, paths, 1, 8);
      runs.push({ rls, m: await measure(base, paths, opts.duration, opts.connections) });
    }
    const rps = (rls: boolean) => runs.filter((r) => r.rls === rls).reduce((s, r) => s + r.m.rps, 0) / 2;
    const ratio = rps(true) / rps(false);
    report[`${kind}.tenancy`] = runs;
    console.log(`tenancy overhead (${kind}): catalogue API uncached ${rps(true).toFixed(0)} req/s with row-level security, ${rps(false).toFixed(0)} without: ratio ${ratio.toFixed(3)}`);
    figures[`tenancy.overhead.ratio.${kind}`] = round(ratio);
    const failed = runs.reduce((s, r) => s + r.m.errors + r.m.non2xx, 0);
    if (failed) figures[`tenancy.overhead.failed_requests.${kind}`] = failed;
  } finally {
    await setRowSecurity(url, true);
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

export async function runBench(opts: BenchOptions): Promise<Record<string, number>> {
  const scale = opts.scale ?? 34;
  const pgBase = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const kinds = opts.kinds ?? ['pglite', 'postgres'];
  const figures: Record<string, number> = {};
  const problems: string[] = [];
  const report: Record<string, unknown> = { startedAt: new Date().toISOString(), duration: opts.duration, connections: opts.connections, scale, machine: { cpus: os.cpus().length, node: process.version } };
  let port = 3900;
  for (const kind of kinds) {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    let dataDir: string | undefined;
    if (kind === 'pglite') {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-'));
      env.DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    } else {
      try {
        env.DATABASE_URL = await freshPostgres(pgBase);
      } catch (err) {
        console.warn(`PostgreSQL niet bereikbaar (${(err as Error).message}); alleen PGlite gemeten.`);
        continue;
      }
    }
    console.log(`\n== ${kind}: seed --demo --scale ${scale}`);
    const t0 = Date.now();
    run(['seed', '--demo', '--scale', String(scale)], env);
    figures[`seed.seconds.${kind}`] = Math.round((Date.now() - t0) / 100) / 10;
    try {
      if (opts.only === 'surveys') {
        await measureSurveys(env, ++port, opts, kind, figures, report, problems);
        continue;
      }
      if (opts.only === 'accountability') {
        await measureAccountability(env, ++port, opts, kind, figures, report, problems);
        continue;
      }
      if (opts.only === 'subsidies') {
        await measureSubsidiesPart(env, ++port, opts, kind, figures, report, problems);
        continue;
      }
      if (opts.only !== 'reach') {
        await measureServer(env, ++port, targets, opts, kind, figures, report, '');
        // The same searches on a server that shares no search results: what every search costs by itself.
        await measureServer({ ...env, SEARCH_CACHE_SECONDS: '0' }, ++port, targets.filter((t) => t.uncached), opts, kind, figures, report, '.uncached');
        if (kind === 'postgres') await measureTenancyOverhead(env, ++port, opts, kind, figures, report);
      }
      // In this process, on the same database, once every server on it has stopped (PGlite: one process per folder).
      await measureReach(env, kind, figures, report, problems);
      if (!opts.only) await measureSurveys(env, ++port, opts, kind, figures, report, problems);
      if (!opts.only) await measureAccountability(env, ++port, opts, kind, figures, report, problems);
      if (!opts.only) await measureSubsidiesPart(env, ++port, opts, kind, figures, report, problems);
    } finally {
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  // The figure names without a database suffix are the embedded database (the default).
  for (const name of ['themes.page.rps_ratio', 'themes.api.rps_ratio', 'themes.page.p95_ms', 'login.p95_ms']) {
    const v = figures[`${name}.pglite`];
    if (v !== undefined) figures[name] = v;
  }
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  // A partial run (--only) replaces its own figures and keeps the others of the last full run.
  const latestFile = path.join(root, 'bench', 'results', 'latest.json');
  const kept = opts.only && fs.existsSync(latestFile) ? (JSON.parse(fs.readFileSync(latestFile, 'utf8')) as Record<string, number>) : {};
  fs.writeFileSync(latestFile, JSON.stringify({ ...kept, ...figures }, null, 2) + '\n');
  fs.writeFileSync(path.join(root, 'bench', 'results', `run-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ ...report, figures }, null, 2));
  console.log('\nbench/results/latest.json:', JSON.stringify(figures, null, 2));
  if (problems.length) throw new Error(`Niet alles kon worden gemeten:\n${problems.join('\n')}`);
  return figures;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Surveys (bench/surveys.ts): the bulk responses and the pre-issued tokens are made in this process first, then one
 * server answers (a) the public POST against /bare and (b) the results page over the bulk responses. The results page
 * is measured on both databases, the submission ratio is recorded for both too (the issue names the PostgreSQL one).
 */
async function measureSurveys(env: NodeJS.ProcessEnv, port: number, opts: BenchOptions, kind: string, figures: Record<string, number>, report: Record<string, unknown>, problems: string[]): Promise<void> {
  try {
    // enough tokens for the run: generous for a fast machine (about 2,000 submissions a second)
    const setup = await prepareSurveys(env, opts.surveyResponses ?? SURVEY_RESPONSES, Math.max(5_000, Math.round(opts.duration * 2_000 + 4_000)));
    const server = await startServer(env, port);
    const base = `http://127.0.0.1:${port}`;
    try {
      await measureSubmit(base, setup, kind, opts.duration, opts.connections, figures, report);
      const advisor = demoUsers.find((u) => u.roles.includes('policy_advisor'))!;
      await measureResultsPage(base, setup, kind, advisor.email, DEMO_PASSWORD, figures, report);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  } catch (e) {
    const message = `${kind}: surveys: ${(e as Error).message}`;
    console.error(message);
    problems.push(message);
  }
}

/**
 * Accountability (bench/accountability.ts): survey responses and indicators are added in this process, the document
 * is measured here (HTML and PDF), then one server answers the district dashboard at 16 connections.
 */
async function measureAccountability(env: NodeJS.ProcessEnv, port: number, opts: BenchOptions, kind: string, figures: Record<string, number>, report: Record<string, unknown>, problems: string[]): Promise<void> {
  try {
    const setup = await measureDocument(env, opts.surveyResponses ?? SURVEY_RESPONSES, kind, figures, report);
    const auditor = demoUsers.find((u) => u.roles.includes('auditor'))!;
    // As deployed (the dashboard kept a minute), then on a server that computes it for every request.
    for (const [variant, extra] of [['', {}], ['.uncached', { DASHBOARD_CACHE_SECONDS: '0' }]] as const) {
      const server = await startServer({ ...env, ...extra }, port);
      try {
        await measureDistrictDashboard(`http://127.0.0.1:${port}`, setup, kind, auditor.email, DEMO_PASSWORD, opts.duration, figures, report, variant);
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
  } catch (e) {
    const message = `${kind}: accountability: ${(e as Error).message}`;
    console.error(message);
    problems.push(message);
  }
}

/**
 * Subsidies (bench/subsidies.ts): a 40-section joint application and 100 grants with every kind of decision are made
 * in this process first, then one server answers the application page (p95 at 16 connections) and the portfolio.
 */
async function measureSubsidiesPart(env: NodeJS.ProcessEnv, port: number, opts: BenchOptions, kind: string, figures: Record<string, number>, report: Record<string, unknown>, problems: string[]): Promise<void> {
  try {
    const partner = demoUsers.find((u) => u.roles.includes('partner_staff'))!;
    const advisor = demoUsers.find((u) => u.roles.includes('policy_advisor'))!;
    const setup = await prepareSubsidies(env, partner.email, advisor.email);
    const server = await startServer(env, port);
    try {
      await measureSubsidies(`http://127.0.0.1:${port}`, setup, kind, opts.duration, { partner: partner.email, advisor: advisor.email, password: DEMO_PASSWORD }, figures, report);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  } catch (e) {
    const message = `${kind}: subsidies: ${(e as Error).message}`;
    console.error(message);
    problems.push(message);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  const only = process.argv.includes('--only') ? (process.argv[process.argv.indexOf('--only') + 1] as BenchOptions['only']) : undefined;
  await runBench({ duration: arg('duration', 10), connections: arg('connections', 32), scale: arg('scale', 34), only, surveyResponses: arg('survey-responses', SURVEY_RESPONSES) });
}
