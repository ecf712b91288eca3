// Level-3 figures per sub-goal of a theme and year, for the accountability document (a later module): the survey
// questions linked to the theme's sub-goals with their answer counts and means, the result at outflow of the
// trajectories ended in the year, and the reviewed stories whose consent allows use in a report to the council.
// These are the platform's own aggregate reads (`ctx.system`): the counts are exact, and the caller applies the
// small-cell rule (reach's disclosure) for its readers before anything is shown. Stories carry only what the
// consent allows (text only with consent for the text).
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { notFound } from '../../platform/http/errors.ts';
import { wholeMonths } from '../../platform/dates.ts';

export interface SubGoalQuestionFigures {
  surveyId: string;
  surveyTitle: string;
  questionId: string;
  textNl: string;
  textEn: string;
  type: string;
  subGoals: string[];
  /** responses in the year that answered the question */
  answered: number;
  /** scale and agree: the sum of the answers (mean = sum / answered) */
  sum: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  /** agree: answers 4 or 5 (eens, helemaal eens) */
  agreeing: number | null;
}

export interface SubGoalOutflowFigures {
  subGoal: string;
  ended: number;
  reached: number;
  partly: number;
  not: number;
  organisationIds: string[];
}

export interface ReportStory {
  id: string;
  organisationId: string;
  title: string;
  body: string;
  storyDate: string;
  subGoals: string[];
  districtCode: string | null;
}

export interface SubGoalEffectFigures {
  questions: SubGoalQuestionFigures[];
  outflow: SubGoalOutflowFigures[];
  stories: ReportStory[];
}

/**
 * The level-3 figures of a theme's sub-goals in a year. Platform work only (`ctx.system`): readers get them through
 * the accountability module, which checks access and applies the small-cell rule.
 */
export async function subGoalEffectFigures(ctx: ServiceContext, input: { theme: string; year: number; from?: string; to?: string; storiesValidOn: string }): Promise<SubGoalEffectFigures> {
  if (!ctx.system) throw notFound();
  const { theme, year } = input;
  const prefix = `${theme}/%`;
  // A range within the year (dashboards); the document takes the whole year.
  const from = input.from && input.from.startsWith(`${year}-`) ? input.from : `${year}-01-01`;
  const to = input.to && input.to.startsWith(`${year}-`) ? input.to : `${year}-12-31`;
  // Per question: answers, the sum of the values, and answers of 4 or more. For whole months (the document's year)
  // from the running totals kept at submit time (survey_answer_tallies: key '' = an answer, a numeric key = a
  // scale/agree value, its total the sum of that value); for another range from the answers themselves.
  const answerTotals = wholeMonths(from, to)
    ? sql`
      select t.question_id, sum(t.n) filter (where t.key = '')::int as answered,
             sum(t.total) filter (where t.key <> '' and t.place = 0 and q.type in ('scale', 'agree'))::float8 as sum,
             coalesce(sum(t.n) filter (where (case when t.key <> '' and t.place = 0 and q.type in ('scale', 'agree') then t.key::int end) >= 4), 0)::int as agreeing
      from survey_answer_tallies t join q on q.id = t.question_id
      where t.tenant_id = ${ctx.tenant} and t.month between ${from.slice(0, 7)} and ${to.slice(0, 7)}
      group by t.question_id
      having sum(t.n) filter (where t.key = '') > 0`
    : sql`
      select a.question_id, count(*)::int as answered, sum(a.value_number)::float8 as sum, count(*) filter (where a.value_number >= 4)::int as agreeing
      from survey_answers a
      join survey_responses r on r.tenant_id = a.tenant_id and r.id = a.response_id
      where a.tenant_id = ${ctx.tenant} and a.question_id in (select id from q) and r.answered_on between ${from} and ${to}
      group by a.question_id`;
  const questions = await queryRows<{ survey_id: string; title_nl: string; question_id: string; text_nl: string; text_en: string; type: string; sub_goals: string[]; answered: number; sum: number | null; agreeing: number | null; scale_min: number | null; scale_max: number | null }>(
    ctx.db,
    sql`
    with q as (
      select q.id, q.survey_id, q.type, q.text_nl, q.text_en, q.sub_goals, q.scale_min, q.scale_max, q.position
      from survey_questions q
      where q.tenant_id = ${ctx.tenant} and exists (select 1 from unnest(q.sub_goals) g where g like ${prefix})
    ),
    a as (${answerTotals})
    select q.survey_id, s.title_nl, q.id as question_id, q.text_nl, q.text_en, q.type, q.sub_goals, q.scale_min, q.scale_max,
           a.answered, a.sum, a.agreeing
    from q join a on a.question_id = q.id
    join surveys s on s.tenant_id = ${ctx.tenant} and s.id = q.survey_id
    order by s.title_nl, q.position`,
  );
  const outflow = await queryRows<{ sub_goal: string; ended: number; reached: number; partly: number; not_reached: number; orgs: string[] }>(
    ctx.db,
    sql`
    select g as sub_goal, count(*)::int as ended,
           count(*) filter (where t.result = 'reached')::int as reached,
           count(*) filter (where t.result = 'partly')::int as partly,
           count(*) filter (where t.result = 'not')::int as not_reached,
           array_agg(distinct t.organisation_id::text) as orgs
    from effects_trajectories t, unnest(t.sub_goals) g
    where t.tenant_id = ${ctx.tenant} and t.end_date between ${from} and ${to} and g like ${prefix}
    group by g order by g`,
  );
  const stories = await queryRows<{ id: string; organisation_id: string; title: string; body: string; story_date: string; sub_goals: string[]; district_code: string | null; media: string[] }>(
    ctx.db,
    sql`
    select s.id, s.organisation_id, s.title, s.body, s.story_date::text as story_date, s.sub_goals, s.district_code, s.consent_media as media
    from effects_stories s
    where s.tenant_id = ${ctx.tenant} and s.status = 'approved' and 'council' = any(s.consent_uses) and s.consent_until >= ${input.storiesValidOn}
      and s.story_date between ${from} and ${to}
      and (s.theme_slug = ${theme} or exists (select 1 from unnest(s.sub_goals) g where g like ${prefix}))
    order by s.story_date, s.id`,
  );
  return {
    questions: questions.map((q) => ({
      surveyId: q.survey_id,
      surveyTitle: q.title_nl,
      questionId: q.question_id,
      textNl: q.text_nl,
      textEn: q.text_en,
      type: q.type,
      subGoals: q.sub_goals,
      answered: Number(q.answered),
      sum: q.type === 'scale' || q.type === 'agree' ? Number(q.sum ?? 0) : null,
      scaleMin: q.type === 'agree' ? 1 : q.type === 'scale' ? (q.scale_min ?? 1) : null,
      scaleMax: q.type === 'agree' ? 5 : q.type === 'scale' ? (q.scale_max ?? 10) : null,
      agreeing: q.type === 'agree' ? Number(q.agreeing ?? 0) : null,
    })),
    outflow: outflow.map((o) => ({ subGoal: o.sub_goal, ended: Number(o.ended), reached: Number(o.reached), partly: Number(o.partly), not: Number(o.not_reached), organisationIds: o.orgs })),
    stories: stories
      .filter((s) => s.media.includes('text'))
      .map((s) => ({ id: s.id, organisationId: s.organisation_id, title: s.title, body: s.body, storyDate: s.story_date, subGoals: s.sub_goals, districtCode: s.district_code })),
  };
}
