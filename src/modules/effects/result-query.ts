// The SQL behind survey results, built for 100,000 responses: aggregates in the database, one statement per kind of
// answer (GROUP BY / GROUPING SETS), never the answers themselves into JavaScript (open answers excepted: a bounded
// list). Every statement filters the responses by the same conditions (period, activity, district, target group,
// channel). Means, spread, median and quartiles of scale answers are computed from the per-value counts.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Channel } from './survey-types.ts';

/** The dimensions of cross-tabs (and of the response breakdown). */
export const dimensions = ['activity', 'district', 'target', 'month', 'quarter'] as const;
export type Dimension = (typeof dimensions)[number];

export interface ResultFilters {
  /** YYYY, YYYY-MM or YYYY-Qn */
  period?: string;
  activityId?: string;
  districtCode?: string;
  targetGroup?: string;
  channel?: Channel;
}

/** The first day of a period and the first day after it; null when the text is not a period. */
export function periodRange(p: string): { from: string; to: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  let m = /^(\d{4})$/.exec(p);
  if (m) return { from: `${m[1]}-01-01`, to: `${Number(m[1]) + 1}-01-01` };
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return { from: `${y}-${pad(mo)}-01`, to: mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01` };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(p);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[2])];
    return { from: `${y}-${pad(q * 3 - 2)}-01`, to: q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01` };
  }
  return null;
}

/** The filter on survey_responses r (the survey and the chosen filters). */
function responseWhere(ctx: ServiceContext, surveyId: string, f: ResultFilters): SQL {
  const parts: SQL[] = [sql`r.tenant_id = ${ctx.tenant}`, sql`r.survey_id = ${surveyId}`];
  const range = f.period ? periodRange(f.period) : null;
  if (range) parts.push(sql`r.answered_on >= ${range.from} and r.answered_on < ${range.to}`);
  if (f.activityId) parts.push(sql`r.activity_id = ${f.activityId}`);
  if (f.districtCode) parts.push(sql`r.district_code = ${f.districtCode}`);
  if (f.targetGroup) parts.push(sql`r.target_group = ${f.targetGroup}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}`);
  return sql.join(parts, sql` and `);
}

/** Whether any filter is set: without one, answers need no join to their responses (they carry the survey). */
const filtered = (f: ResultFilters) => !!(f.period || f.activityId || f.districtCode || f.targetGroup || f.channel);

/** The answers of the survey, joined to their responses only when a filter needs them. */
function answersOf(ctx: ServiceContext, surveyId: string, f: ResultFilters, extra: SQL): SQL {
  return filtered(f)
    ? sql`survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
          where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and ${extra} and ${responseWhere(ctx, surveyId, f)}`
    : sql`survey_answers a where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and ${extra}`;
}

/** The dimensions grouped in SQL; quarters are added up from months (one grouping set fewer per statement). */
const sqlDims = ['activity', 'district', 'target', 'month'] as const;
const dimSql: Record<(typeof sqlDims)[number], SQL> = {
  activity: sql`r.activity_id::text`,
  district: sql`r.district_code`,
  target: sql`r.target_group`,
  month: sql`date_trunc('month', r.answered_on)::date::text`,
};
const quarterOf = (month: string | null) => (month ? `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}` : null);
const monthKey = (d: string | null) => (d ? d.slice(0, 7) : null);

/** Adds quarter rows (sums of the month rows) to rows with a `dim` and `key`. */
function withQuarters<T extends { dim: string; key: string | null; n: number }>(rows: T[], sum: (a: T, b: T) => T): T[] {
  const quarters = new Map<string | null, T>();
  for (const r of rows) {
    if (r.dim !== 'month') continue;
    const k = `${(r as unknown as { questionId?: string }).questionId ?? ''} ${quarterOf(r.key)}`;
    const q = { ...r, dim: 'quarter', key: quarterOf(r.key) } as T;
    quarters.set(k, quarters.has(k) ? sum(quarters.get(k)!, q) : q);
  }
  return [...rows, ...quarters.values()];
}

/** grouping() bit mask of a grouping set that keeps `keep` (positions in `cols`, leftmost = highest bit). */
const maskKeeping = (count: number, keep: number[]) => keep.reduce((m, i) => m & ~(1 << (count - 1 - i)), (1 << count) - 1);

export interface CountRow {
  dim: Dimension | 'all' | 'channel';
  key: string | null;
  n: number;
}

/** Responses: the total, and per channel and per dimension (unknown = null key). */
export async function responseCounts(ctx: ServiceContext, surveyId: string, f: ResultFilters): Promise<CountRow[]> {
  const cols = [sql`r.channel`, ...sqlDims.map((d) => dimSql[d])];
  const rows = await queryRows<{ g: number; channel: string | null; activity: string | null; district: string | null; target: string | null; month: string | null; n: number }>(
    ctx.db,
    sql`select grouping(${sql.join(cols, sql`, `)})::int as g, r.channel as channel, ${sql.join(
      sqlDims.map((d) => sql`${dimSql[d]} as ${sql.raw(d)}`),
      sql`, `,
    )}, count(*)::int as n
        from survey_responses r where ${responseWhere(ctx, surveyId, f)}
        group by grouping sets ((), ${sql.join(
          cols.map((c) => sql`(${c})`),
          sql`, `,
        )})`,
  );
  const names = ['channel', ...sqlDims] as const;
  const out: CountRow[] = rows.map((r) => {
    const g = Number(r.g);
    if (g === (1 << names.length) - 1) return { dim: 'all' as const, key: null, n: Number(r.n) };
    const i = names.findIndex((_, j) => g === maskKeeping(names.length, [j]));
    const dim = names[i];
    const key = (r as unknown as Record<string, string | null>)[dim];
    return { dim, key: dim === 'month' ? monthKey(key) : key, n: Number(r.n) };
  });
  return withQuarters(out, (a, b) => ({ ...a, n: a.n + b.n }));
}

export interface NumericRow {
  questionId: string;
  /** 'value' = the distribution; otherwise the cross-tab dimension */
  dim: Dimension | 'value';
  key: string | null;
  n: number;
  sum: number;
}

/** Scale and agree answers: counts per value, and count and sum per question per dimension group (for means). */
export async function numericAggregates(ctx: ServiceContext, surveyId: string, f: ResultFilters): Promise<NumericRow[]> {
  const cols = [sql`a.value_number`, ...sqlDims.map((d) => dimSql[d])];
  const rows = await queryRows<Record<string, string | number | null>>(
    ctx.db,
    sql`select a.question_id::text as q, grouping(${sql.join(cols, sql`, `)})::int as g, a.value_number as value, ${sql.join(
      sqlDims.map((d) => sql`${dimSql[d]} as ${sql.raw(d)}`),
      sql`, `,
    )}, count(*)::int as n, sum(a.value_number)::float8 as s
        from survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
        where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and a.value_number is not null and ${responseWhere(ctx, surveyId, f)}
        group by a.question_id, grouping sets (${sql.join(
          cols.map((c) => sql`(${c})`),
          sql`, `,
        )})`,
  );
  const names = ['value', ...sqlDims] as const;
  const out: NumericRow[] = rows.map((r) => {
    const g = Number(r.g);
    const i = names.findIndex((_, j) => g === maskKeeping(names.length, [j]));
    const dim = names[i];
    const key = r[dim] === null ? null : String(r[dim]);
    return { questionId: String(r.q), dim, key: dim === 'month' ? monthKey(key) : key, n: Number(r.n), sum: Number(r.s) };
  });
  return withQuarters(out, (a, b) => ({ ...a, n: a.n + b.n, sum: a.sum + b.sum }));
}

export interface OptionRow {
  questionId: string;
  key: string;
  n: number;
}

/** Single and multiple choice: how often each option was chosen. */
export async function optionCounts(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters): Promise<OptionRow[]> {
  if (!questionIds.length) return [];
  const rows = await queryRows<{ q: string; key: string; n: number }>(
    ctx.db,
    // the options unnested in the select list (not a lateral join), so the join to the responses stays a hash join
    sql`select q, key, count(*)::int as n from (
          select a.question_id::text as q, unnest(case when a.value_option is not null then array[a.value_option] else a.value_options end) as key
          from ${answersOf(ctx, surveyId, f, sql`a.question_id = any(${`{${questionIds.join(',')}}`}::uuid[])`)}
        ) x group by 1, 2`,
  );
  return rows.map((r) => ({ questionId: r.q, key: r.key, n: Number(r.n) }));
}

export interface RankRow {
  questionId: string;
  key: string;
  /** answers that placed the option */
  n: number;
  /** sum of places (1 = first) */
  rankSum: number;
  /** Borda points: an option in place p of k options gets k − p points */
  borda: number;
  firsts: number;
}

/** Rankings: per option the sum of places, the Borda points and how often it was put first. */
export async function rankAggregates(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters): Promise<RankRow[]> {
  if (!questionIds.length) return [];
  const rows = await queryRows<{ q: string; key: string; n: number; rs: number; borda: number; firsts: number }>(
    ctx.db,
    // unnest and generate_subscripts in the select list run in step: each option with its place (1 = first)
    sql`select q, key, count(*)::int as n, sum(place)::int as rs, sum(k - place)::int as borda, (count(*) filter (where place = 1))::int as firsts from (
          select a.question_id::text as q, unnest(a.value_options) as key, generate_subscripts(a.value_options, 1) as place, cardinality(a.value_options) as k
          from ${answersOf(ctx, surveyId, f, sql`a.question_id = any(${`{${questionIds.join(',')}}`}::uuid[])`)}
        ) x group by 1, 2`,
  );
  return rows.map((r) => ({ questionId: r.q, key: r.key, n: Number(r.n), rankSum: Number(r.rs), borda: Number(r.borda), firsts: Number(r.firsts) }));
}

/** How many responses answered each of these questions (the others' counts follow from their aggregates). */
export async function answeredCounts(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters): Promise<Map<string, number>> {
  if (!questionIds.length) return new Map();
  const rows = await queryRows<{ q: string; n: number }>(
    ctx.db,
    sql`select a.question_id::text as q, count(*)::int as n
        from ${answersOf(ctx, surveyId, f, sql`a.question_id = any(${`{${questionIds.join(',')}}`}::uuid[])`)}
        group by a.question_id`,
  );
  return new Map(rows.map((r) => [r.q, Number(r.n)]));
}

/** Open answers, newest first, at most `limit` per question. */
export async function openAnswers(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters, limit: number): Promise<{ questionId: string; text: string; answeredOn: string }[]> {
  if (!questionIds.length) return [];
  const rows = await queryRows<{ q: string; t: string; d: string }>(
    ctx.db,
    sql`select q, t, d from (
          select a.question_id::text as q, a.value_text as t, r.answered_on::text as d,
                 row_number() over (partition by a.question_id order by r.submitted_at desc, a.id) as i
          from survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
          where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and a.question_id = any(${`{${questionIds.join(',')}}`}::uuid[])
            and a.value_text is not null and a.value_text <> '' and ${responseWhere(ctx, surveyId, f)}
        ) x where i <= ${limit} order by q, i`,
  );
  return rows.map((r) => ({ questionId: r.q, text: r.t, answeredOn: r.d }));
}
