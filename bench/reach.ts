// Benchmark of the reach module (issue 9), in-process against the database the server used (the server is stopped
// first: on PGlite one process per data folder):
//  (a) import.attendance.rows_per_s.<kind>: `importAttendanceFile` on a generated 100,000-row attendance file in the
//      template layout (real activity ids of the seeded database; pass numbers, name + date of birth and anonymous
//      rows), rows per second of the whole call (read, validate, pseudonymise, store in one transaction);
//  (b) reach.report.ms.<kind>: `reachReport` for the whole city and the year with the most demo attendance (about
//      1,000,000 rows at scale 34), median of several runs after a warm-up, and reach.report.sql_ratio.<kind>: that
//      time divided by the median time of the bare SQL aggregate over reach_attendance, on the same connection, runs
//      alternated. The report is read by an administrator (an outsider: counts rounded to 5, disclosure.ts); its
//      exact figures (read as the platform) are checked once against the same aggregate over held sessions.
//      The report reads reach_visit_summary (kept by triggers); the bare SQL stays the raw aggregate, the reference.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../src/platform/context.ts';

export const IMPORT_ROWS = 100_000;
const REPORT_RUNS = 5;

/** What the benchmark needs of the reach module; checked at run time, so a missing function gives a clear message. */
interface ImportResult {
  status: 'imported' | 'rejected';
  totalRows: number;
  validRows: number;
  newVisits: number;
  newSessions: number;
  errors: unknown[];
}
interface ReachApi {
  importAttendanceFile?: (ctx: ServiceContext, input: { organisationId: string; fileName: string; content: Buffer }) => Promise<ImportResult>;
  reachReport?: (ctx: ServiceContext, filters: { year: number }) => Promise<{ uniqueResidents: unknown; visits: unknown; identifiedVisits?: unknown; sessions: unknown; disclosure?: { exact: boolean } }>;
}

/**
 * Where the reach module's functions come from (one place, for when they move): the module's public entry first,
 * then the files that define them; a file that does not exist (yet) is skipped.
 */
const REACH_FILES = ['service.ts', 'import-engine.ts', 'import.ts', 'report.ts'];

export async function reachApi(): Promise<ReachApi> {
  const api: ReachApi = {};
  for (const file of REACH_FILES) {
    const entry: string = `../src/modules/reach/${file}`;
    const mod = (await import(entry).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(e.message)) return {};
      throw e;
    })) as ReachApi;
    api.importAttendanceFile ??= typeof mod.importAttendanceFile === 'function' ? mod.importAttendanceFile : undefined;
    api.reachReport ??= typeof mod.reachReport === 'function' ? mod.reachReport : undefined;
  }
  return api;
}

function need<K extends keyof ReachApi>(api: ReachApi, name: K): NonNullable<ReachApi[K]> {
  const fn = api[name];
  if (typeof fn !== 'function') throw new Error(`${name} ontbreekt in src/modules/reach (gezocht in ${REACH_FILES.join(', ')}): dit deel van de benchmark kan pas draaien als die functie er is (zie bench/reach.ts, reachApi).`);
  return fn as NonNullable<ReachApi[K]>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 1000) / 1000;
const rows = async <T>(ctx: ServiceContext, q: ReturnType<typeof sql>) => ((await ctx.db.execute(q)) as unknown as { rows: T[] }).rows;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, value };
}

/** The bare aggregate the report rests on: unique residents and identified visits of the tenant in a year. */
const bareSql = (ctx: ServiceContext, year: number) =>
  rows<{ residents: number; visits: number }>(ctx, sql`select count(distinct pseudonym)::int as residents, count(*)::int as visits from reach_attendance where tenant_id = ${ctx.tenant} and date >= ${`${year}-01-01`} and date < ${`${year + 1}-01-01`}`);

/**
 * The figures the report defines (not timed): the same aggregate over the visits of HELD sessions only — a session
 * registered as cancelled counts no visits. Equal to bareSql when no attendance is registered for a cancelled
 * session (the demo registers none).
 */
const definedSql = (ctx: ServiceContext, year: number) =>
  rows<{ residents: number; visits: number }>(
    ctx,
    sql`select count(distinct a.pseudonym)::int as residents, count(*)::int as visits from reach_attendance a
        where a.tenant_id = ${ctx.tenant} and a.date >= ${`${year}-01-01`} and a.date < ${`${year + 1}-01-01`}
          and not exists (select 1 from reach_sessions s where s.tenant_id = a.tenant_id and s.id = a.session_id and s.status <> 'held')`,
  );

/**
 * The report's exact figures (read as the platform itself: no reader, so no small-cell rule) must equal the defined
 * aggregate. The timed report is read by an administrator, an outsider to every organisation: its counts are rounded
 * to multiples of 5 (disclosure.ts) — why an earlier run showed 20,525 unique residents against 20,526 in the SQL.
 */
async function checkFigures(ctx: ServiceContext, year: number, reachReport: NonNullable<ReachApi['reachReport']>): Promise<Record<string, unknown>> {
  const platform: ServiceContext = { ...ctx, actor: null, system: true };
  const exact = await reachReport(platform, { year });
  const [defined] = await definedSql(ctx, year);
  const found = { uniqueResidents: exact.uniqueResidents, identifiedVisits: exact.identifiedVisits };
  if (found.uniqueResidents !== defined.residents || found.identifiedVisits !== defined.visits) {
    throw new Error(`reach.report: de exacte cijfers van het rapport (${JSON.stringify(found)}) wijken af van de SQL over de gehouden bijeenkomsten (${JSON.stringify(defined)})`);
  }
  return { exact: found, defined };
}

export async function measureReport(ctx: ServiceContext, kind: string, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const [busiest] = await rows<{ year: number; n: number }>(ctx, sql`select extract(year from date)::int as year, count(*)::int as n from reach_attendance where tenant_id = ${ctx.tenant} group by 1 order by 2 desc limit 1`);
  if (!busiest) throw new Error('geen aanwezigheid in de database: draai eerst seed --demo');
  const year = busiest.year;
  const bare: number[] = [];
  const full: number[] = [];
  const api = await reachApi();
  const reachReport = (() => {
    try {
      return need(api, 'reachReport');
    } catch (e) {
      return e as Error;
    }
  })();
  // Warm-up (plans, buffers, JIT), then the two alternated so a drift of the machine weighs on both.
  await bareSql(ctx, year);
  if (!(reachReport instanceof Error)) await reachReport(ctx, { year });
  let answer: unknown;
  let sqlAnswer: unknown;
  for (let i = 0; i < REPORT_RUNS; i++) {
    const b = await timed(() => bareSql(ctx, year));
    bare.push(b.ms);
    sqlAnswer = b.value[0];
    if (reachReport instanceof Error) continue;
    const r = await timed(() => reachReport(ctx, { year }));
    full.push(r.ms);
    answer = { uniqueResidents: r.value.uniqueResidents, visits: r.value.visits, identifiedVisits: r.value.identifiedVisits, sessions: r.value.sessions, exact: r.value.disclosure?.exact };
  }
  const bareMs = median(bare);
  const check = reachReport instanceof Error ? null : await checkFigures(ctx, year, reachReport);
  report[`${kind}.reach.report`] = { year, rows: busiest.n, bareMs: bare, reportMs: full, sql: sqlAnswer, report: answer, check };
  if (check) console.log(`reach: exact report figures equal the SQL over held sessions: ${JSON.stringify(check.exact)}`);
  console.log(`reach: bare SQL over ${busiest.n} attendance rows of ${year}: median ${bareMs.toFixed(1)} ms (${JSON.stringify(sqlAnswer)})`);
  if (reachReport instanceof Error) throw reachReport;
  const reportMs = median(full);
  console.log(`reach.report (${kind}, whole city, ${year}): median ${reportMs.toFixed(1)} ms, ${(reportMs / bareMs).toFixed(2)}× the bare SQL (${JSON.stringify(answer)})`);
  figures[`reach.report.ms.${kind}`] = round(reportMs);
  figures[`reach.report.sql_ratio.${kind}`] = round(reportMs / bareMs);
}

/** Tiny seeded generator (the file is the same for the same database). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
const dutchDate = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/**
 * An attendance file of `n` rows in the template layout for one organisation: the weekly activities it delivers
 * (published), on their weekdays in the 52 weeks before today; per session a few distinct people: half by a demo
 * pass number (residents the demo already knows), three in ten by name and date of birth, two in ten anonymous.
 */
export async function writeAttendanceFile(ctx: ServiceContext, dir: string, n = IMPORT_ROWS): Promise<{ file: string; organisationId: string; activities: number }> {
  const acts = await rows<{ id: string; organisation_id: string; weekdays: number[] }>(
    ctx,
    sql`select id, organisation_id, weekdays from activities where tenant_id = ${ctx.tenant} and status = 'published' and schedule_kind = 'weekly' and cardinality(weekdays) > 0 order by organisation_id, id`,
  );
  const byOrg = new Map<string, typeof acts>();
  for (const a of acts) byOrg.set(a.organisation_id, [...(byOrg.get(a.organisation_id) ?? []), a]);
  const [organisationId, mine] = [...byOrg.entries()].sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1))[0] ?? [];
  if (!organisationId) throw new Error('geen gepubliceerde wekelijkse activiteiten: draai eerst seed --demo');
  const wijken = (await rows<{ code: string }>(ctx, sql`select code from neighbourhoods where tenant_id = ${ctx.tenant} and kind = 'wijk' order by code`)).map((r) => r.code);
  const [pool] = await rows<{ n: number }>(ctx, sql`select count(distinct pseudonym)::int as n from reach_attendance where tenant_id = ${ctx.tenant}`);
  const residents = Math.max(1000, Number(pool?.n ?? 0));
  const DAY = 86_400_000;
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  // Not the sessions registered as cancelled: attendance there would be refused.
  const cancelled = new Set(
    (await rows<{ k: string }>(ctx, sql`select activity_id || ' ' || date as k from reach_sessions where tenant_id = ${ctx.tenant} and organisation_id = ${organisationId} and status = 'cancelled'`)).map((r) => r.k),
  );
  const sessions: { id: string; date: string }[] = [];
  for (const a of mine) {
    for (let d = today - 364 * DAY; d < today; d += DAY) {
      const iso = ((new Date(d).getUTCDay() + 6) % 7) + 1;
      const date = new Date(d).toISOString().slice(0, 10);
      if (a.weekdays.includes(iso) && !cancelled.has(`${a.id} ${date}`)) sessions.push({ id: a.id, date });
    }
  }
  const rnd = lcg(20261202);
  const lines = ['activiteit,datum,pasnummer,naam,geboortedatum,geboortejaar,wijk'];
  let named = 0;
  for (let i = 0; lines.length <= n; i++) {
    const k = i % sessions.length;
    const s = sessions[k];
    const wijk = wijken.length ? wijken[Math.floor(rnd() * wijken.length)] : '';
    const kind = rnd();
    if (kind < 0.5) {
      // Distinct people per session: the round through the sessions picks the next resident.
      const who = (k * 37 + Math.floor(i / sessions.length)) % residents;
      lines.push(`${s.id},${dutchDate(s.date)},DEMO${String(who).padStart(6, '0')},,,${1940 + (who % 70)},${wijk}`);
    } else if (kind < 0.8) {
      const j = named++;
      const born = `${String(1 + (j % 28)).padStart(2, '0')}-${String(1 + (j % 12)).padStart(2, '0')}-${1940 + (j % 70)}`;
      lines.push(`${s.id},${dutchDate(s.date)},,Bench Deelnemer ${j},${born},,${wijk}`);
    } else lines.push(`${s.id},${dutchDate(s.date)},,,,,${wijk}`);
  }
  const file = path.join(dir, `aanwezigheid-${IMPORT_ROWS}.csv`);
  fs.writeFileSync(file, lines.join('\r\n') + '\r\n');
  return { file, organisationId, activities: mine.length };
}

export async function measureImport(ctx: ServiceContext, kind: string, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-bench-import-'));
  try {
    const { file, organisationId, activities } = await writeAttendanceFile(ctx, dir);
    const content = fs.readFileSync(file);
    console.log(`reach: ${path.basename(file)} (${(content.length / 1e6).toFixed(1)} MB, ${IMPORT_ROWS} rows, ${activities} activities of one organisation)`);
    const importAttendanceFile = need(await reachApi(), 'importAttendanceFile');
    const { ms, value } = await timed(() => importAttendanceFile(ctx, { organisationId, fileName: path.basename(file), content }));
    report[`${kind}.reach.import`] = { ms, status: value.status, totalRows: value.totalRows, validRows: value.validRows, newVisits: value.newVisits, newSessions: value.newSessions, errors: value.errors.slice(0, 5) };
    if (value.status !== 'imported') throw new Error(`import.attendance (${kind}): bestand geweigerd, ${value.errors.length} fouten, bijvoorbeeld ${JSON.stringify(value.errors.slice(0, 3))}`);
    const perSecond = IMPORT_ROWS / (ms / 1000);
    console.log(`import.attendance (${kind}): ${IMPORT_ROWS} rows in ${(ms / 1000).toFixed(2)} s = ${perSecond.toFixed(0)} rows/s (${value.newVisits} new visits, ${value.newSessions} new sessions)`);
    figures[`import.attendance.rows_per_s.${kind}`] = Math.round(perSecond);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Both reach measurements on the database of `env` (the server must be stopped). The report goes first, over the
 * seeded attendance only; then the import. A part that cannot run is reported in `problems`, the other still runs.
 */
export async function measureReach(env: NodeJS.ProcessEnv, kind: string, figures: Record<string, number>, report: Record<string, unknown>, problems: string[]): Promise<void> {
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const { systemContext } = await import('../src/platform/context.ts');
  await import('../src/modules/index.ts');
  const tenant = env.TENANT || 'GM0392';
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, lockOwner: 'bench', tenant });
  try {
    const { system: _system, ...base } = systemContext(database.db, tenant);
    const ctx: ServiceContext = { ...base, actor: { userId: '', name: 'Benchmark', email: 'bench', roles: ['administrator'], organisationId: null } };
    for (const part of [measureReport, measureImport]) {
      try {
        await part(ctx, kind, figures, report);
      } catch (e) {
        const message = `${kind}: ${(e as Error).message}`;
        console.error(`reach: ${message}`);
        problems.push(message);
      }
    }
  } finally {
    await database.close();
  }
}
