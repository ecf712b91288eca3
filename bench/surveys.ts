// Benchmark of survey answering and results (issue 10), on the seeded database of one kind:
//  (a) survey.submit.rps_ratio.<kind> (and .p95_ms): the public JSON POST /api/v1/surveys/{id}/responses, each request
//      with its own fresh one-time token (issued in bulk before measuring, so the measured request is the POST alone),
//      requests per second divided by those of the bare route /bare of the same server in the same run (bare measured
//      before and after);
//  (b) survey.results.ms.<kind>: the results page /effecten/enquetes/{id}/resultaten of a survey with 100,000 responses
//      (generated in bulk with unnest inserts: six answers each, every question type; the results' running totals are
//      then made once by recountTallies, as submitting keeps them), as a logged-in policy advisor, median of several
//      runs after a warm-up.
// Survey, tokens and responses are made in this process before the server starts (PGlite: one process per folder).
import crypto from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../src/platform/context.ts';
import type { SurveyFull } from '../src/modules/effects/survey-types.ts';

export const SURVEY_RESPONSES = 100_000;
const RESULTS_RUNS = 5;
const CHUNK = 10_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x: number) => Math.round(x * 1000) / 1000;
const pgArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/** Inserts `n` responses with one answer to each question of the typical mix, in chunks of unnest inserts. */
export async function bulkResponses(ctx: ServiceContext, s: SurveyFull, n: number): Promise<void> {
  const [agree, scale, single, multiple, ranking, text] = s.questions;
  const districts = ((await ctx.db.execute(sql`select code from districts where tenant_id = ${ctx.tenant} order by code`)) as unknown as { rows: { code: string }[] }).rows.map((r) => r.code);
  const groups = [...((await ctx.db.execute(sql`select key from framework_terms where tenant_id = ${ctx.tenant} and kind = 'target-group' order by key limit 3`)) as unknown as { rows: { key: string }[] }).rows.map((r) => r.key), ''];
  const channels = ['public', 'kiosk', 'paper'];
  const perms = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ].map((p) => p.map((i) => ranking.options[i].key).join(','));
  const start = Date.UTC(2025, 0, 1);
  for (let from = 0; from < n; from += CHUNK) {
    const size = Math.min(CHUNK, n - from);
    const idx = Array.from({ length: size }, (_, i) => from + i);
    const ids = idx.map(() => crypto.randomUUID());
    const day = idx.map((i) => new Date(start + (i % 700) * 86_400_000).toISOString().slice(0, 10));
    await ctx.db.execute(sql`insert into survey_responses (id, tenant_id, survey_id, channel, district_code, target_group, answered_on, submitted_at)
      select id, ${ctx.tenant}, ${s.id}, ch, nullif(d, ''), nullif(g, ''), day::date, day::date + time '10:00'
      from unnest(${pgArray(ids)}::uuid[], ${pgArray(idx.map((i) => channels[i % 3]))}::text[], ${pgArray(idx.map((i) => districts[i % Math.max(1, districts.length)] ?? ''))}::text[],
                  ${pgArray(idx.map((i) => groups[i % groups.length]))}::text[], ${pgArray(day)}::text[]) as t(id, ch, d, g, day)`);
    const num = (q: typeof agree, f: (i: number) => number) =>
      ctx.db.execute(sql`insert into survey_answers (tenant_id, response_id, survey_id, question_id, value_number)
        select ${ctx.tenant}, id, ${s.id}, ${q.id}, v from unnest(${pgArray(ids)}::uuid[], ${`{${idx.map(f).join(',')}}`}::int[]) as t(id, v)`);
    await num(agree, (i) => 1 + ((i * 7) % 5));
    await num(scale, (i) => 1 + ((i * 13) % 10));
    await ctx.db.execute(sql`insert into survey_answers (tenant_id, response_id, survey_id, question_id, value_option)
      select ${ctx.tenant}, id, ${s.id}, ${single.id}, v from unnest(${pgArray(ids)}::uuid[], ${pgArray(idx.map((i) => single.options[i % single.options.length].key))}::text[]) as t(id, v)`);
    await ctx.db.execute(sql`insert into survey_answers (tenant_id, response_id, survey_id, question_id, value_options)
      select ${ctx.tenant}, id, ${s.id}, ${multiple.id}, string_to_array(v, ',') from unnest(${pgArray(ids)}::uuid[], ${pgArray(idx.map((i) => multiple.options.filter((_, k) => (i >> k) & 1 || k === 0).map((o) => o.key).join(',')))}::text[]) as t(id, v)`);
    await ctx.db.execute(sql`insert into survey_answers (tenant_id, response_id, survey_id, question_id, value_options)
      select ${ctx.tenant}, id, ${s.id}, ${ranking.id}, string_to_array(v, ',') from unnest(${pgArray(ids)}::uuid[], ${pgArray(idx.map((i) => perms[i % 6]))}::text[]) as t(id, v)`);
    const talk = idx.filter((i) => i % 10 === 0);
    await ctx.db.execute(sql`insert into survey_answers (tenant_id, response_id, survey_id, question_id, value_text)
      select ${ctx.tenant}, id, ${s.id}, ${text.id}, v from unnest(${pgArray(idx.flatMap((i, k) => (i % 10 === 0 ? [ids[k]] : [])))}::uuid[], ${pgArray(talk.map((i) => `Gezellige middag ${i}.`))}::text[]) as t(id, v)`);
  }
  // the bulk load went around submitting, which keeps the running totals of the results: make them once
  const { recountTallies } = await import('../src/modules/effects/result-tally.ts');
  await recountTallies(ctx, s.id);
  await ctx.db.execute(sql`analyze survey_responses`);
  await ctx.db.execute(sql`analyze survey_answers`);
  await ctx.db.execute(sql`analyze survey_answer_tallies`);
  await ctx.db.execute(sql`analyze survey_response_tallies`);
}

/** `n` fresh submission tokens for a survey, stored (hashed) in bulk; returns the tokens themselves. */
export async function bulkTokens(ctx: ServiceContext, surveyId: string, n: number): Promise<string[]> {
  const tokens = Array.from({ length: n }, () => crypto.randomBytes(32).toString('base64url'));
  const expires = new Date(Date.now() + 23 * 3600_000).toISOString();
  for (let from = 0; from < n; from += CHUNK) {
    const part = tokens.slice(from, from + CHUNK).map((t) => crypto.createHash('sha256').update(t).digest('hex'));
    await ctx.db.execute(sql`insert into survey_tokens (tenant_id, survey_id, token_hash, expires_at) select ${ctx.tenant}, ${surveyId}, h, ${expires}::timestamptz from unnest(${pgArray(part)}::text[]) as t(h)`);
  }
  return tokens;
}

export interface SurveyBenchSetup {
  resultsSurveyId: string;
  submit: { surveyId: string; tokens: string[]; answers: Record<string, unknown> };
}

/** Before the server starts: the results survey with `responses` responses, the submit survey and its tokens. */
export async function prepareSurveys(env: NodeJS.ProcessEnv, responses: number, tokens: number): Promise<SurveyBenchSetup> {
  const { openDatabase } = await import('../src/platform/db/client.ts');
  const { systemContext } = await import('../src/platform/context.ts');
  await import('../src/modules/index.ts');
  const { buildOpenSurvey, typicalAnswers } = await import('../src/modules/effects/test-survey-factory.ts');
  const tenant = env.TENANT || 'GM0392';
  const database = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, lockOwner: 'bench', tenant });
  try {
    const ctx = systemContext(database.db, tenant);
    const results = await buildOpenSurvey(ctx, { titleNl: `Benchmark resultaten (${responses} reacties)` });
    const t0 = Date.now();
    await bulkResponses(ctx, results, responses);
    console.log(`surveys: ${responses} responses with ${results.questions.length} questions inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const submit = await buildOpenSurvey(ctx, { titleNl: 'Benchmark invullen' });
    return { resultsSurveyId: results.id, submit: { surveyId: submit.id, tokens: await bulkTokens(ctx, submit.id, tokens), answers: typicalAnswers(submit) } };
  } finally {
    await database.close();
  }
}

interface Measurement {
  rps: number;
  p95: number;
  p50: number;
  errors: number;
  non2xx: number;
  requests: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] : NaN);

async function cannon(base: string, requests: autocannon.Request[], duration: number, connections: number): Promise<Measurement> {
  const times: number[] = [];
  const instance = autocannon({ url: base, requests, duration, connections, pipelining: 1 }) as unknown as Promise<autocannon.Result> & { on(event: 'response', fn: (...args: never[]) => void): void };
  instance.on('response', (_c: unknown, _s: number, _b: number, ms: number) => times.push(ms));
  const r = await instance;
  times.sort((a, b) => a - b);
  return { rps: r.requests.average, p95: percentile(times, 95), p50: percentile(times, 50), errors: r.errors + r.timeouts, non2xx: r.non2xx, requests: r.requests.total };
}

/** (a) with a running server: the public POST with a fresh token per request, against /bare before and after. */
export async function measureSubmit(base: string, setup: SurveyBenchSetup, kind: string, duration: number, connections: number, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const { surveyId, tokens, answers } = setup.submit;
  let next = 0;
  const post: autocannon.Request = {
    method: 'POST',
    path: `/api/v1/surveys/${surveyId}/responses`,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => {
      const token = tokens[next++];
      if (!token) throw new Error('surveys: not enough pre-issued tokens for this measurement (raise the token count)');
      return { ...req, body: JSON.stringify({ token, answers }) };
    },
  };
  await cannon(base, [{ method: 'GET', path: '/bare' }], 2, 8); // warm-up
  await cannon(base, [post], 2, 8);
  const bare1 = await cannon(base, [{ method: 'GET', path: '/bare' }], duration, connections);
  const m = await cannon(base, [post], duration, connections);
  const bare2 = await cannon(base, [{ method: 'GET', path: '/bare' }], duration, connections);
  const bareRps = (bare1.rps + bare2.rps) / 2;
  report[`${kind}.survey.submit`] = { bare: [bare1, bare2], submit: m, tokensUsed: next };
  console.log(`survey.submit (${kind}, POST /api/v1/surveys/{id}/responses, fresh token each)\n  ${m.rps.toFixed(0)} req/s (${((m.rps / bareRps) * 100).toFixed(1)}% of bare ${bareRps.toFixed(0)}), p50 ${m.p50} ms, p95 ${m.p95} ms, errors ${m.errors}, non-2xx ${m.non2xx}`);
  figures[`survey.submit.rps_ratio.${kind}`] = round(m.rps / bareRps);
  figures[`survey.submit.p95_ms.${kind}`] = round(m.p95);
  if (m.errors || m.non2xx) figures[`survey.submit.failed_requests.${kind}`] = m.errors + m.non2xx;
}

/** Signs in (form with CSRF) and returns the session cookie. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/inloggen`);
  const first = page.headers.getSetCookie().map((c) => c.split(';')[0]);
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)?.[1];
  if (!csrf) throw new Error('no CSRF token on /inloggen');
  const res = await fetch(`${base}/inloggen`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: first.join('; ') }, body: new URLSearchParams({ _csrf: csrf, email, password }).toString() });
  if (res.status !== 303) throw new Error(`login as ${email} answered ${res.status}`);
  const jar = new Map(first.map((c) => [c.split('=')[0], c] as const));
  for (const c of res.headers.getSetCookie()) jar.set(c.split('=')[0], c.split(';')[0]);
  return [...jar.values()].join('; ');
}

/** (b) with a running server: the results page over the bulk responses, as the municipality's policy advisor. */
export async function measureResultsPage(base: string, setup: SurveyBenchSetup, kind: string, email: string, password: string, figures: Record<string, number>, report: Record<string, unknown>): Promise<void> {
  const cookie = await signIn(base, email, password);
  const url = `${base}/effecten/enquetes/${setup.resultsSurveyId}/resultaten`;
  const once = async () => {
    const t0 = process.hrtime.bigint();
    const res = await fetch(url, { headers: { cookie } });
    const html = await res.text();
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 200) throw new Error(`results page answered ${res.status}`);
    return { ms, html };
  };
  const warm = await once();
  const responses = warm.html.match(/Reacties<strong>([^<]+)<\/strong>/)?.[1];
  const times: number[] = [];
  for (let i = 0; i < RESULTS_RUNS; i++) times.push((await once()).ms);
  const ms = median(times);
  report[`${kind}.survey.results`] = { runs: times, responses, bytes: warm.html.length };
  console.log(`survey.results (${kind}, results page, ${responses} responses): median ${ms.toFixed(1)} ms of ${RESULTS_RUNS} runs (${times.map((t) => t.toFixed(0)).join(', ')})`);
  figures[`survey.results.ms.${kind}`] = round(ms);
}
