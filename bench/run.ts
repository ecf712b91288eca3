// Benchmarks (not tests): each figure is measured side by side with a bare route of the same server in the same run,
// on the embedded database and on PostgreSQL. Writes bench/results/latest.json. Run: npm run bench
import autocannon from 'autocannon';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'src', 'cli.ts')];

export interface BenchOptions {
  duration: number;
  connections: number;
  /** Demo scale; 34 gives just over 10,000 published activities. */
  scale?: number;
  kinds?: ('pglite' | 'postgres')[];
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
  path: string;
  /** Report the ratio to the bare route as `<figure>.rps_ratio`. */
  ratio: boolean;
}

export const targets: Target[] = [
  { figure: 'themes.page', path: '/themes/ontmoeten', ratio: true },
  { figure: 'themes.api', path: '/api/v1/themes', ratio: true },
  { figure: 'catalogue.search', path: '/activiteiten?q=ontmoeting&theme=ontmoeten&district=schalkwijk', ratio: true },
  { figure: 'catalogue.api', path: '/api/v1/activities?q=ontmoeting&theme=ontmoeten&district=schalkwijk', ratio: true },
];

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

async function measure(url: string, duration: number, connections: number): Promise<Measurement> {
  const times: number[] = [];
  const instance = autocannon({ url, duration, connections, pipelining: 1 }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  return { rps: result.requests.average, p95: percentile(times, 95), p50: percentile(times, 50), errors: result.errors + result.timeouts, non2xx: result.non2xx };
}

function run(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [...cli, ...args], { env, stdio: 'inherit', cwd: root });
  if (r.status !== 0) throw new Error(`sociale-basis ${args.join(' ')} failed`);
}

async function startServer(env: NodeJS.ProcessEnv, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...cli, 'serve'], { env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error' }, stdio: ['ignore', 'pipe', 'inherit'], cwd: root });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('draait op') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

async function freshPostgres(baseUrl: string): Promise<string> {
  const url = new URL(baseUrl);
  const name = 'sociale_basis_bench';
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  url.pathname = `/${name}`;
  return url.toString();
}

export async function runBench(opts: BenchOptions): Promise<Record<string, number>> {
  const scale = opts.scale ?? 34;
  const pgBase = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const kinds = opts.kinds ?? ['pglite', 'postgres'];
  const figures: Record<string, number> = {};
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
    const server = await startServer(env, ++port);
    const base = `http://127.0.0.1:${port}`;
    try {
      // Warm up every route (JIT, caches, connection pool).
      for (const p of ['/bare', ...targets.map((t) => t.path)]) await measure(base + p, 2, 8);
      const bare1 = await measure(`${base}/bare`, opts.duration, opts.connections);
      const results: Record<string, Measurement> = {};
      for (const t of targets) results[t.figure] = await measure(base + t.path, opts.duration, opts.connections);
      const bare2 = await measure(`${base}/bare`, opts.duration, opts.connections);
      const bareRps = (bare1.rps + bare2.rps) / 2;
      report[kind] = { bare: [bare1, bare2], ...results };
      console.log(`bare route: ${bareRps.toFixed(0)} req/s`);
      for (const t of targets) {
        const m = results[t.figure];
        const ratio = m.rps / bareRps;
        console.log(`${t.path}\n  ${m.rps.toFixed(0)} req/s (${(ratio * 100).toFixed(1)}% of bare), p50 ${m.p50} ms, p95 ${m.p95} ms, errors ${m.errors}, non-2xx ${m.non2xx}`);
        figures[`${t.figure}.rps_ratio.${kind}`] = round(ratio);
        figures[`${t.figure}.p95_ms.${kind}`] = m.p95;
        if (m.errors || m.non2xx) figures[`${t.figure}.failed_requests.${kind}`] = m.errors + m.non2xx;
      }
      figures[`bare.rps.${kind}`] = Math.round(bareRps);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }
  // The figure names without a database suffix are the embedded database (the default).
  for (const name of ['themes.page.rps_ratio', 'themes.api.rps_ratio', 'themes.page.p95_ms']) {
    const v = figures[`${name}.pglite`];
    if (v !== undefined) figures[name] = v;
  }
  fs.mkdirSync(path.join(root, 'bench', 'results'), { recursive: true });
  fs.writeFileSync(path.join(root, 'bench', 'results', 'latest.json'), JSON.stringify(figures, null, 2) + '\n');
  fs.writeFileSync(path.join(root, 'bench', 'results', `run-${new Date().toISOString().replace(/[:.]/g, '-')}.json`), JSON.stringify({ ...report, figures }, null, 2));
  console.log('\nbench/results/latest.json:', JSON.stringify(figures, null, 2));
  return figures;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string, fallback: number) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await runBench({ duration: arg('duration', 10), connections: arg('connections', 32), scale: arg('scale', 34) });
}
