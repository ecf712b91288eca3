// Running totals behind survey results (survey_response_tallies, survey_answer_tallies): per survey, question and
// context (channel, activity, district, target group, month) how many responses and answers there are, per value,
// option and place. They are kept in the transaction that stores a response (`tallyResponse`), so the results page
// reads a few thousand rows instead of every answer of 100,000 responses (result-query.ts).
//
// One statement makes them, for one response or for a whole survey (`recountTallies`: after a bulk load, or to check
// the running totals): the same SQL, so the running totals and a recount cannot differ in what they count.
// Rows are added in key order, so two responses with the same context wait for each other instead of deadlocking.
import { sql, type SQL } from 'drizzle-orm';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';

/** The context of response r as tally key parts ('' = unknown). */
const contextCols = sql`r.channel, coalesce(r.activity_id::text, ''), coalesce(r.district_code, ''), coalesce(r.target_group, ''), to_char(r.answered_on, 'YYYY-MM')`;

/** Responses of the survey matching `where` (on r), counted per context, added to the running totals. */
function addResponses(ctx: ServiceContext, surveyId: string, where: SQL): SQL {
  return sql`insert into survey_response_tallies as t (tenant_id, survey_id, channel, activity, district, target, month, n)
    select r.tenant_id, r.survey_id, ${contextCols}, count(*)::int
    from survey_responses r
    where r.tenant_id = ${ctx.tenant} and r.survey_id = ${surveyId} and ${where}
    group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7
    on conflict (tenant_id, survey_id, channel, activity, district, target, month) do update set n = t.n + excluded.n`;
}

/**
 * Answers of those responses: each answer counts once with key '' (answered), and once per value (scale/agree:
 * total = the value), chosen option (single) or placed option (multiple and ranking, with its place; total = the
 * Borda points k − place of an answer that placed k options).
 */
function addAnswers(ctx: ServiceContext, surveyId: string, where: SQL): SQL {
  return sql`insert into survey_answer_tallies as t (tenant_id, survey_id, question_id, channel, activity, district, target, month, key, place, n, total)
    select a.tenant_id, a.survey_id, a.question_id, ${contextCols}, x.key, x.place, count(*)::int, coalesce(sum(x.total), 0)::bigint
    from survey_answers a
    join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
    cross join lateral (
      select '' as key, 0::smallint as place, 0 as total
      union all select a.value_number::text, 0::smallint, a.value_number where a.value_number is not null
      union all select a.value_option, 0::smallint, 0 where a.value_option is not null
      union all select o.key, o.place::smallint, cardinality(a.value_options) - o.place::int from unnest(a.value_options) with ordinality as o(key, place)
    ) x
    where a.tenant_id = ${ctx.tenant} and a.survey_id = ${surveyId} and ${where}
    group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 order by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    on conflict (tenant_id, survey_id, question_id, channel, activity, district, target, month, key, place) do update set n = t.n + excluded.n, total = t.total + excluded.total`;
}

/** Adds one stored response (and its answers) to the running totals; call in the transaction that stored it. */
export async function tallyResponse(tx: ServiceContext, surveyId: string, responseId: string): Promise<void> {
  await tx.db.execute(addResponses(tx, surveyId, sql`r.id = ${responseId}`));
  await tx.db.execute(addAnswers(tx, surveyId, sql`r.id = ${responseId} and a.response_id = ${responseId}`));
}

/**
 * Makes the running totals of a survey again from its responses, in one transaction: after a bulk load that went
 * around submitting (which also copies each response's submitted_at onto answers stored without it), or as a check.
 */
export async function recountTallies(ctx: ServiceContext, surveyId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`update survey_answers a set submitted_at = r.submitted_at from survey_responses r
      where a.tenant_id = ${tx.tenant} and a.survey_id = ${surveyId} and a.submitted_at is null and r.tenant_id = a.tenant_id and r.id = a.response_id`);
    await tx.db.execute(sql`delete from survey_response_tallies where tenant_id = ${tx.tenant} and survey_id = ${surveyId}`);
    await tx.db.execute(sql`delete from survey_answer_tallies where tenant_id = ${tx.tenant} and survey_id = ${surveyId}`);
    await tx.db.execute(addResponses(tx, surveyId, sql`true`));
    await tx.db.execute(addAnswers(tx, surveyId, sql`true`));
  });
}
