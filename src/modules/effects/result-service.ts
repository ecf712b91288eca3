// Survey results: counts, rates, distributions, means with spread, rankings (Borda count and mean rank), shares,
// open answers and cross-tabs, from SQL aggregates (result-query.ts). Who may see them: the staff who build the survey
// (its organisation's staff; for the municipality's surveys the policy advisors) and policy advisors for every survey.
// The small-cell rule: for anyone but the survey's own staff, counts go through the reach module's disclosure rule
// (1–4 → "< 5", others rounded to a multiple of 5) and every statistic of a group under 5 responses is withheld.
import { and, count, eq } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { notFound, parseChecked } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { discloseCount, discloseColumn, SMALL_CELL_LIMIT, type Count } from '../reach/service.ts';
import { managesSurvey } from './policy.ts';
import { surveyRow, loadFull } from './survey-service.ts';
import { surveyInvitations } from './schema.ts';
import { channels, type QuestionType, type SurveyFull } from './survey-types.ts';
import { answeredCounts, dimensions, numericAggregates, openAnswers, optionCounts, periodRange, rankAggregates, responseCounts, type Dimension, type ResultFilters } from './result-query.ts';

export type { Count } from '../reach/service.ts';
export const OPEN_ANSWER_LIMIT = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const resultFilters = z.object({
  period: z.string().trim().max(10).refine((p) => p === '' || periodRange(p) !== null, 'effects.result.error.period').optional(),
  activityId: z.string().trim().max(40).refine((s) => s === '' || UUID.test(s), 'validation.invalid').optional(),
  districtCode: z.string().trim().max(40).optional(),
  targetGroup: z.string().trim().max(60).optional(),
  channel: z.union([z.enum(channels), z.literal('')]).optional(),
});
export type ResultFiltersInput = z.input<typeof resultFilters>;

export interface Stats {
  mean: number;
  sd: number | null;
  median: number;
  q1: number;
  q3: number;
}
export interface GroupCell {
  key: string | null;
  n: Count;
  /** mean of the question in the group; null when withheld (group under 5 for outsiders) */
  mean: number | null;
}
export interface QuestionResult {
  id: string;
  type: QuestionType;
  textNl: string;
  textEn: string;
  answered: Count;
  /** scale and agree */
  scale?: { min: number; max: number; distribution: { value: number; n: Count }[]; stats: Stats | null; crossTabs: Record<Dimension, GroupCell[]> };
  /** single and multiple: n = how often chosen; share = of the responses that answered the question */
  options?: { key: string; nl: string; en: string; n: Count; share: number | null }[];
  /** ranking, ordered by Borda points (highest first) */
  ranking?: { key: string; nl: string; en: string; borda: number | null; meanRank: number | null; firsts: Count }[];
  /** open answers (newest first; null when withheld) */
  texts?: { text: string; answeredOn: string }[] | null;
}
export interface SurveyResults {
  survey: SurveyFull;
  filters: ResultFilters;
  /** true: the reader is the survey's own staff and sees exact figures */
  exact: boolean;
  responses: Count;
  /** responses per channel and per dimension */
  breakdown: Record<'channel' | Dimension, { key: string | null; n: Count }[]>;
  invitations: { invited: number; responded: number; rate: number | null } | null;
  questions: QuestionResult[];
}

/** Whether the actor may see a survey's results at all (the survey's staff, policy advisors, administrators). */
export const seesResults = (ctx: ServiceContext, ownerOrganisationId: string | null) => managesSurvey(ctx.actor, ownerOrganisationId) || hasRole(ctx.actor, 'policy_advisor', 'administrator');

/** Statistics of integer answers from their counts per value: mean, sample sd, median and quartiles (type 7). */
export function statsOf(dist: { value: number; n: number }[]): Stats | null {
  const sorted = dist.filter((d) => d.n > 0).sort((a, b) => a.value - b.value);
  const n = sorted.reduce((s, d) => s + d.n, 0);
  if (n === 0) return null;
  const mean = sorted.reduce((s, d) => s + d.value * d.n, 0) / n;
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, d) => s + d.n * (d.value - mean) ** 2, 0) / (n - 1)) : null;
  const at = (i: number) => {
    let seen = 0;
    for (const d of sorted) {
      seen += d.n;
      if (i < seen) return d.value;
    }
    return sorted[sorted.length - 1].value;
  };
  const quantile = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return at(lo) + (h - lo) * (at(Math.min(n - 1, lo + 1)) - at(lo));
  };
  return { mean, sd, median: quantile(0.5), q1: quantile(0.25), q3: quantile(0.75) };
}

const r2 = (x: number) => Math.round(x * 100) / 100;
const blank = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** The results of one survey for the actor, with the chosen filters. */
export async function getSurveyResults(ctx: ServiceContext, surveyId: string, raw: ResultFiltersInput = {}): Promise<SurveyResults> {
  const row = await surveyRow(ctx, surveyId);
  if (!row || !seesResults(ctx, row.ownerOrganisationId)) throw notFound();
  const parsed = await parseChecked(resultFilters, raw, () => []);
  const filters: ResultFilters = {
    period: blank(parsed.period),
    activityId: blank(parsed.activityId),
    districtCode: blank(parsed.districtCode),
    targetGroup: blank(parsed.targetGroup),
    channel: parsed.channel || undefined,
  };
  const survey = await loadFull(ctx, row);
  const exact = managesSurvey(ctx.actor, row.ownerOrganisationId);
  const ids = (...types: QuestionType[]) => survey.questions.filter((q) => types.includes(q.type)).map((q) => q.id);

  // From the running totals (result-tally.ts), in one transaction so every figure counts the same responses.
  const { counts, numeric, options, ranks, answered, texts } = await inTransaction(ctx, async (tx) => ({
    counts: await responseCounts(tx, surveyId, filters),
    numeric: await numericAggregates(tx, surveyId, ids('scale', 'agree'), filters),
    options: await optionCounts(tx, surveyId, ids('single', 'multiple'), filters),
    ranks: await rankAggregates(tx, surveyId, ids('ranking'), filters),
    answered: await answeredCounts(tx, surveyId, ids('multiple', 'text'), filters),
    texts: await openAnswers(tx, surveyId, ids('text'), filters, OPEN_ANSWER_LIMIT),
  }));
  const total = counts.find((c) => c.dim === 'all')?.n ?? 0;

  const big = (n: number) => exact || n >= SMALL_CELL_LIMIT;
  const breakdown = Object.fromEntries(
    (['channel', ...dimensions] as const).map((d) => {
      const cells = counts.filter((c) => c.dim === d).sort((a, b) => String(a.key ?? '~').localeCompare(String(b.key ?? '~')));
      const shown = discloseColumn(
        cells.map((c) => c.n),
        exact,
      );
      return [d, cells.map((c, i) => ({ key: c.key, n: shown[i] }))];
    }),
  ) as SurveyResults['breakdown'];

  // answered: scale/agree = the distribution's sum, single = the options' sum, ranking = answers that placed an option
  // (every ranking answer places every option), multiple and open = counted in SQL
  const answeredOf = (q: (typeof survey.questions)[number]) => {
    if (q.type === 'scale' || q.type === 'agree') return numeric.filter((x) => x.questionId === q.id && x.dim === 'value').reduce((s, x) => s + x.n, 0);
    if (q.type === 'single') return options.filter((x) => x.questionId === q.id).reduce((s, x) => s + x.n, 0);
    if (q.type === 'ranking') return Math.max(0, ...ranks.filter((x) => x.questionId === q.id).map((x) => x.n));
    return answered.get(q.id) ?? 0;
  };
  const questions: QuestionResult[] = survey.questions.map((q) => {
    const n = answeredOf(q);
    const base: QuestionResult = { id: q.id, type: q.type, textNl: q.textNl, textEn: q.textEn, answered: discloseCount(n, exact) };
    if (q.type === 'scale' || q.type === 'agree') {
      const min = q.type === 'agree' ? 1 : (q.scaleMin ?? 1);
      const max = q.type === 'agree' ? 5 : (q.scaleMax ?? 10);
      const mine = numeric.filter((x) => x.questionId === q.id);
      const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
      const rawDist = values.map((value) => ({ value, n: mine.find((x) => x.dim === 'value' && Number(x.key) === value)?.n ?? 0 }));
      const shown = discloseColumn(
        rawDist.map((d) => d.n),
        exact,
      );
      const s = big(n) ? statsOf(rawDist) : null;
      const crossTabs = Object.fromEntries(
        dimensions.map((d) => [
          d,
          (() => {
            const cells = mine.filter((x) => x.dim === d).sort((a, b) => String(a.key ?? '~').localeCompare(String(b.key ?? '~')));
            // counts by the reach rule, complementary suppression included; no mean for a hidden or small cell
            const shownN = discloseColumn(
              cells.map((x) => x.n),
              exact,
            );
            return cells.map((x, i) => ({ key: x.key, n: shownN[i], mean: big(x.n) && typeof shownN[i] === 'number' ? r2(x.sum / x.n) : null }));
          })(),
        ]),
      ) as Record<Dimension, GroupCell[]>;
      return {
        ...base,
        scale: { min, max, distribution: rawDist.map((d, i) => ({ value: d.value, n: shown[i] })), stats: s && { mean: r2(s.mean), sd: s.sd === null ? null : r2(s.sd), median: r2(s.median), q1: r2(s.q1), q3: r2(s.q3) }, crossTabs },
      };
    }
    if (q.type === 'single' || q.type === 'multiple') {
      const raws = q.options.map((o) => options.find((x) => x.questionId === q.id && x.key === o.key)?.n ?? 0);
      const shown = discloseColumn(raws, exact);
      return { ...base, options: q.options.map((o, i) => ({ ...o, n: shown[i], share: big(n) && big(raws[i]) && n > 0 ? r2((raws[i] / n) * 100) : null })) };
    }
    if (q.type === 'ranking') {
      const list = q.options.map((o) => {
        const x = ranks.find((r) => r.questionId === q.id && r.key === o.key);
        return { ...o, borda: x && big(n) ? x.borda : null, meanRank: x && x.n && big(n) ? r2(x.rankSum / x.n) : null, firsts: discloseCount(x?.firsts ?? 0, exact) };
      });
      return { ...base, ranking: list.sort((a, b) => (b.borda ?? -1) - (a.borda ?? -1) || (a.meanRank ?? 99) - (b.meanRank ?? 99)) };
    }
    // open answers: only the survey's staff and advisors reach this point; a group under 5 is withheld from outsiders
    return { ...base, texts: big(total) ? texts.filter((t) => t.questionId === q.id).map(({ text, answeredOn }) => ({ text, answeredOn })) : null };
  });

  let invitations: SurveyResults['invitations'] = null;
  const [inv] = await ctx.db
    .select({ invited: count(), responded: count(surveyInvitations.respondedAt) })
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.tenantId, ctx.tenant), eq(surveyInvitations.surveyId, surveyId)));
  if (inv && inv.invited > 0) invitations = { invited: inv.invited, responded: inv.responded, rate: r2((inv.responded / inv.invited) * 100) };
  return { survey, filters, exact, responses: discloseCount(total, exact), breakdown, invitations, questions };
}
