// Benchmark of the accountability document and the district dashboard (issue 11), on the seeded database of one kind
// (demo at scale 34: about 1,000,000 attendance rows in the busiest year), with 100,000 survey responses (a survey
// whose agree question measures ontmoeten/1, answered over two years) and 20 indicators of the theme (values for the
// municipality, its wijken and a benchmark municipality over four years, and a wijk target each):
//  (a) accountability.html.ms.<kind>: the document of the theme table "ontmoeten" for the busiest year as HTML
//      (`renderAccountability`, the job's and the CLI's function: every figure computed, the page rendered), median
//      of 3 runs after a warm-up, in this process;
//  (b) accountability.pdf.ms.<kind>: the same as PDF (HTML printed by Chromium, the process's browser kept between
//      prints as in the server), median of 3 runs; accountability.<format>.first_ms.<kind>: the warm-up, the first
//      document of the process (for the PDF including Chromium's start);
//  (c) dashboard.district.p95_ms.<kind>: GET /verantwoording/dashboard/stadsdeel for one district and that year, as a
//      signed-in council member, at 16 connections for the run's duration (95th percentile of the response times),
//      on a server as deployed (the dashboard kept for DASHBOARD_CACHE_SECONDS); dashboard.district.uncached.p95_ms.<kind>
//      the same on a server with DASHBOARD_CACHE_SECONDS=0 (every request computes the district's figures).
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { ChildProcess } from 'node:child_process';
import { bulkResponses, signIn } from './surveys.ts';

export const INDICATORS = 20;
const RUNS = 3;
export const DASHBOARD_CONNECTIONS = 16;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

export interface AccountabilitySetup {
  year: number;
  district: string;
}

/** Survey responses and indicators in bulk, then (a) and (b) in this process; returns what (c) needs. */
export async function measureDocument(env: NodeJS.ProcessEnv, responses: number, kind: string, figures: Record<string, number>, report: Record<string, unknown>): Promise<AccountabilitySetup> {
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const { systemContext } = await import('../src/platform/context.ts');
  await import('../src/modules/index.ts');
  const { buildOpenSurvey } = await import('../src/modules/effects/test-survey-factory.ts');
  const { createIndicator, writeIndicatorValues, saveIndicatorTarget } = await import('../src/modules/indicators/service.ts');
  const { renderAccountability } = await import('../src/modules/accountability/exports.ts');
  const { closeChromium } = await import('../src/platform/chromium.ts');
  const tenant = env.TENANT || 'GM0392';
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, lockOwner: 'bench', tenant });
  try {
    const ctx = systemContext(database.db, tenant);
    const rows = (q: ReturnType<typeof sql>) => ctx.db.execute(q).then((r) => (r as unknown as { rows: Record<string, unknown>[] }).rows);
    const [busiest] = await rows(sql`select extract(year from date)::int as y, count(*)::int as n from reach_attendance where tenant_id = ${tenant} group by 1 order by 2 desc limit 1`);
    const year = Number(busiest.y);
    const [district] = await rows(sql`select district_code as d, count(*)::int as n from activities where tenant_id = ${tenant} and district_code is not null group by 1 order by 2 desc limit 1`);
    const survey = await buildOpenSurvey(ctx, { titleNl: `Benchmark verantwoording (${responses} reacties)` });
    let t0 = Date.now();
    await bulkResponses(ctx, survey, responses);
    console.log(`accountability: ${responses} survey responses inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s; attendance rows in ${year}: ${busiest.n}`);

    const advisor = { ...ctx, system: undefined, actor: { userId: '', name: 'Benchmark', email: 'bench@test', roles: ['policy_advisor' as const], organisationId: null } };
    const wijken = (await rows(sql`select code from neighbourhoods where tenant_id = ${tenant} and kind = 'wijk' order by code`)).map((r) => String(r.code));
    const cols = { indicator: 'indicator', area: 'gebied', period: 'periode', value: 'waarde' };
    t0 = Date.now();
    for (let i = 1; i <= INDICATORS; i++) {
      const key = `bench-ontmoeten-${i}`;
      await createIndicator(advisor, { key, name: `Benchmarkindicator ${i}`, source: 'Benchmark', unit: '%', direction: i % 2 ? 'up' : 'down', areaLevels: ['gemeente', 'wijk'], themeSlugs: ['ontmoeten'], subGoalKeys: [`ontmoeten/${1 + (i % 3)}`] });
      const values = [];
      let row = 2;
      for (let y = year - 4; y < year; y++) {
        values.push({ row: row++, indicator: key, area: tenant, period: String(y), value: 20 + ((i * 7 + y) % 30), columns: cols });
        values.push({ row: row++, indicator: key, area: 'GM0363', period: String(y), value: 18 + ((i * 5 + y) % 30), columns: cols });
        for (const [k, w] of wijken.entries()) values.push({ row: row++, indicator: key, area: w, period: String(y), value: 10 + ((i * 3 + k * 11 + y) % 60), columns: cols });
      }
      const r = await writeIndicatorValues(ctx, values, { origin: 'bench' });
      if (r.status !== 'imported') throw new Error(`indicator values refused: ${JSON.stringify(r.errors.slice(0, 3))}`);
      if (wijken[i % wijken.length]) await saveIndicatorTarget(advisor, { indicatorKey: key, areaCode: wijken[i % wijken.length], subGoalKeys: [`ontmoeten/${1 + (i % 3)}`], baselineValue: 40, baselinePeriod: String(year - 4), targetValue: 30, targetYear: year + 2 });
    }
    console.log(`accountability: ${INDICATORS} indicators with values for ${wijken.length} wijken in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const time = async (format: 'html' | 'pdf') => {
      const s = process.hrtime.bigint();
      const f = await renderAccountability(ctx, { slug: 'ontmoeten', year, format });
      return { ms: Number(process.hrtime.bigint() - s) / 1e6, bytes: f.content.length };
    };
    for (const format of ['html', 'pdf'] as const) {
      const warm = await time(format);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) times.push((await time(format)).ms);
      const ms = median(times);
      figures[`accountability.${format}.ms.${kind}`] = round(ms);
      // The first document of a process (PDF: Chromium started for it; later prints reuse that browser).
      figures[`accountability.${format}.first_ms.${kind}`] = round(warm.ms);
      report[`${kind}.accountability.${format}`] = { runs: times, bytes: warm.bytes, year };
      console.log(`accountability.${format} (${kind}, ontmoeten ${year}): median ${ms.toFixed(0)} ms of ${RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')}), ${warm.bytes} bytes`);
    }
    return { year, district: String(district.d) };
  } finally {
    await closeChromium();
    await database.close();
  }
}

/**
 * (c) with a running server: the district dashboard at 16 connections as a signed-in council member. `variant` ''
 * for a server as deployed (the dashboard kept DASHBOARD_CACHE_SECONDS), '.uncached' for one with the cache off.
 */
export async function measureDistrictDashboard(base: string, setup: AccountabilitySetup, kind: string, email: string, password: string, duration: number, figures: Record<string, number>, report: Record<string, unknown>, variant = ''): Promise<void> {
  const cookie = await signIn(base, email, password);
  const path = `/verantwoording/dashboard/stadsdeel?district=${encodeURIComponent(setup.district)}&year=${setup.year}`;
  const first = await fetch(`${base}${path}`, { headers: { cookie } });
  if (first.status !== 200) throw new Error(`district dashboard answered ${first.status}`);
  await first.text();
  const times: number[] = [];
  const instance = autocannon({ url: base, requests: [{ method: 'GET', path, headers: { cookie } }], duration, connections: DASHBOARD_CONNECTIONS, pipelining: 1 }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
  instance.on('response', (_c: unknown, _s: number, _b: number, responseTime: number) => times.push(responseTime));
  const result = await instance;
  times.sort((a, b) => a - b);
  const p95 = times[Math.max(0, Math.ceil(0.95 * times.length) - 1)];
  figures[`dashboard.district${variant}.p95_ms.${kind}`] = round(p95);
  report[`${kind}.dashboard.district${variant}`] = { rps: result.requests.average, p95, p50: times[Math.floor(times.length / 2)], non2xx: result.non2xx, errors: result.errors + result.timeouts, district: setup.district, year: setup.year };
  console.log(`dashboard.district${variant} (${kind}, ${setup.district} ${setup.year}, ${DASHBOARD_CONNECTIONS} connections): p95 ${p95} ms, ${result.requests.average} req/s, non-2xx ${result.non2xx}`);
  // As deployed every answer must come; without the cache, requests that wait longer than autocannon's 10 s are
  // counted (the p95 is of the answered ones) instead of failing the run.
  if (variant) figures[`dashboard.district${variant}.errors.${kind}`] = result.errors + result.timeouts;
  else if (result.non2xx || result.errors) throw new Error(`district dashboard: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  if (result.non2xx) throw new Error(`district dashboard${variant}: ${result.non2xx} non-2xx answers`);
}

export type { ChildProcess };
