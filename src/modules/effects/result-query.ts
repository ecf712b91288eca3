// The SQL behind survey results, built for 100,000 responses: aggregates from the running totals per context
// (result-tally.ts), one statement per kind of answer (GROUP BY / GROUPING SETS), never the answers themselves into
// JavaScript (open answers excepted: a bounded list, read from the answers). Every statement filters by the same
// conditions (period, activity, district, target group, channel); the totals keep months, so every period (year,
// quarter, month) is a whole number of them. Means, spread, median and quartiles of scale answers are computed from
// the per-value counts.
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

/**
 * The chosen filters on the response r of an answer a (joined by its primary key: the answer already names the
 * survey, and a condition on r.survey_id would let the planner walk the survey's responses for every answer).
 */
function responseFilters(f: ResultFilters): SQL {
  const parts: SQL[] = [sql`true`];
  const range = f.period ? periodRange(f.period) : null;
  if (range) parts.push(sql`r.answered_on >= ${range.from} and r.answered_on < ${range.to}`);
  if (f.activityId) parts.push(sql`r.activity_id = ${f.activityId}`);
  if (f.districtCode) parts.push(sql`r.district_code = ${f.districtCode}`);
  if (f.targetGroup) parts.push(sql`r.target_group = ${f.targetGroup}`);
  if (f.channel) parts.push(sql`r.channel = ${f.channel}`);
  return sql.join(parts, sql` and `);
}

/** The same filter on a tally table t (result-tally.ts: months as YYYY-MM, unknown context as ''). */
function tallyWhere(ctx: ServiceContext, surveyId: string, f: ResultFilters): SQL {
  const parts: SQL[] = [sql`t.tenant_id = ${ctx.tenant}`, sql`t.survey_id = ${surveyId}`];
  const range = f.period ? periodRange(f.period) : null;
  if (range) parts.push(sql`t.month >= ${range.from.slice(0, 7)} and t.month < ${range.to.slice(0, 7)}`);
  if (f.activityId) parts.push(sql`t.activity = ${f.activityId.toLowerCase()}`);
  if (f.districtCode) parts.push(sql`t.district = ${f.districtCode}`);
  if (f.targetGroup) parts.push(sql`t.target = ${f.targetGroup}`);
  if (f.channel) parts.push(sql`t.channel = ${f.channel}`);
  return sql.join(parts, sql` and `);
}

/** The question filter on a tally table t. */
const ofQuestions = (questionIds: string[]) => sql`t.question_id = any(${`{${questionIds.join(',')}}`}::uuid[])`;

/** The dimensions grouped in SQL; quarters are added up from months (one grouping set fewer per statement). */
const sqlDims = ['activity', 'district', 'target', 'month'] as const;
const dimSql: Record<(typeof sqlDims)[number], SQL> = {
  activity: sql`t.activity`,
  district: sql`t.district`,
  target: sql`t.target`,
  month: sql`t.month`,
};
const quarterOf = (month: string | null) => (month ? `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}` : null);
/** A tally's context part: '' = unknown (null). */
const keyOf = (v: string | number | null) => (v === null || v === '' ? null : String(v));

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
  const cols = [sql`t.channel`, ...sqlDims.map((d) => dimSql[d])];
  const rows = await queryRows<{ g: number; channel: string | null; activity: string | null; district: string | null; target: string | null; month: string | null; n: number }>(
    ctx.db,
    sql`select grouping(${sql.join(cols, sql`, `)})::int as g, t.channel as channel, ${sql.join(
      sqlDims.map((d) => sql`${dimSql[d]} as ${sql.raw(d)}`),
      sql`, `,
    )}, sum(t.n)::int as n
        from survey_response_tallies t where ${tallyWhere(ctx, surveyId, f)}
        group by grouping sets ((), ${sql.join(
          cols.map((c) => sql`(${c})`),
          sql`, `,
        )})`,
  );
  const names = ['channel', ...sqlDims] as const;
  const out: CountRow[] = rows.map((r) => {
    const g = Number(r.g);
    if (g === (1 << names.length) - 1) return { dim: 'all' as const, key: null, n: Number(r.n ?? 0) };
    const i = names.findIndex((_, j) => g === maskKeeping(names.length, [j]));
    const dim = names[i];
    return { dim, key: keyOf((r as unknown as Record<string, string | null>)[dim]), n: Number(r.n) };
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
export async function numericAggregates(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters): Promise<NumericRow[]> {
  if (!questionIds.length) return [];
  const cols = [sql`t.key`, ...sqlDims.map((d) => dimSql[d])];
  const rows = await queryRows<Record<string, string | number | null>>(
    ctx.db,
    sql`select t.question_id::text as q, grouping(${sql.join(cols, sql`, `)})::int as g, t.key as value, ${sql.join(
      sqlDims.map((d) => sql`${dimSql[d]} as ${sql.raw(d)}`),
      sql`, `,
    )}, sum(t.n)::int as n, sum(t.total)::float8 as s
        from survey_answer_tallies t
        where ${tallyWhere(ctx, surveyId, f)} and ${ofQuestions(questionIds)} and t.key <> ''
        group by t.question_id, grouping sets (${sql.join(
          cols.map((c) => sql`(${c})`),
          sql`, `,
        )})`,
  );
  const names = ['value', ...sqlDims] as const;
  const out: NumericRow[] = rows.map((r) => {
    const g = Number(r.g);
    const i = names.findIndex((_, j) => g === maskKeeping(names.length, [j]));
    const dim = names[i];
    return { questionId: String(r.q), dim, key: keyOf(r[dim]), n: Number(r.n), sum: Number(r.s) };
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
    sql`select t.question_id::text as q, t.key as key, sum(t.n)::int as n
        from survey_answer_tallies t where ${tallyWhere(ctx, surveyId, f)} and ${ofQuestions(questionIds)} and t.key <> ''
        group by 1, 2`,
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
    sql`select t.question_id::text as q, t.key as key, sum(t.n)::int as n, sum(t.n * t.place)::int as rs, sum(t.total)::int as borda,
               coalesce(sum(t.n) filter (where t.place = 1), 0)::int as firsts
        from survey_answer_tallies t where ${tallyWhere(ctx, surveyId, f)} and ${ofQuestions(questionIds)} and t.key <> ''
        group by 1, 2`,
  );
  return rows.map((r) => ({ questionId: r.q, key: r.key, n: Number(r.n), rankSum: Number(r.rs), borda: Number(r.borda), firsts: Number(r.firsts) }));
}

/** How many responses answered each of these questions. */
export async function answeredCounts(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters): Promise<Map<string, number>> {
  if (!questionIds.length) return new Map();
  const rows = await queryRows<{ q: string; n: number }>(
    ctx.db,
    sql`select t.question_id::text as q, sum(t.n)::int as n
        from survey_answer_tallies t where ${tallyWhere(ctx, surveyId, f)} and ${ofQuestions(questionIds)} and t.key = ''
        group by 1`,
  );
  return new Map(rows.map((r) => [r.q, Number(r.n)]));
}

/**
 * Open answers, newest first, at most `limit` per question: per question along the index (question, submitted_at
 * desc), each answer checked against its response's filters, until `limit` are found.
 */
export async function openAnswers(ctx: ServiceContext, surveyId: string, questionIds: string[], f: ResultFilters, limit: number): Promise<{ questionId: string; text: string; answeredOn: string }[]> {
  if (!questionIds.length) return [];
  const rows = await queryRows<{ q: string; t: string; d: string }>(
    ctx.db,
    sql`select q.id::text as q, x.t, x.d from unnest(${`{${questionIds.join(',')}}`}::uuid[]) with ordinality as q(id, i)
        cross join lateral (
          select a.value_text as t, r.answered_on::text as d, a.submitted_at as s, a.id
          from survey_answers a join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
          where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and a.question_id = q.id
            and a.value_text is not null and a.value_text <> '' and ${responseFilters(f)}
          order by a.submitted_at desc nulls last, a.id
          limit ${limit}
        ) x order by q.i, x.s desc nulls last, x.id`,
  );
  return rows.map((r) => ({ questionId: r.q, text: r.t, answeredOn: r.d }));
}
