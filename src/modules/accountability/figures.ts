// The figures of the yearly accountability document of one theme table, computed once and used by every output (the
// web page, PDF, XLSX, the API and the dashboards). Per sub-goal of the theme: level 1 (planned vs delivered, with
// deviations and the organisations' explanations), level 2 (reach vs plan), level 3 (survey questions linked to the
// sub-goal, the result at outflow, reviewed stories with consent for the council). The lower modules compute their
// figures as the platform's own work (exact counts); the small-cell rule of the reach module is applied here, for
// every reader alike: the document goes to the council, so no reader is "the registering organisation" of it.
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { notFound } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listPeriods, listThemes, type ThemeView } from '../framework/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import {
  reachReport,
  deliveryReport,
  volunteersReport,
  discloseCount,
  discloseColumn,
  discloseAmount,
  periodOfYear,
  DISCLOSURE_RULE,
  DEVIATION_THRESHOLD,
  type Count,
  type DeliveryFigures,
  type Deviation,
} from '../reach/service.ts';
import { subGoalEffectFigures } from '../effects/service.ts';
import { documentReaders } from './policy.ts';
import { levelFour, type IndicatorLine } from './level4.ts';

export interface DeliveryLine extends DeliveryFigures {
  activityId: string;
  activityTitle: string;
  organisationId: string;
  organisationName: string;
  explanation: string;
}

export interface ReachLine {
  key: string;
  label: string;
  residents: Count;
  visits: Count;
  planned: number | null;
  /** realised residents as a percentage of planned (null: no plan figure, or the count is suppressed) */
  realisedPct: number | null;
}

export interface QuestionLine {
  surveyId: string;
  surveyTitle: string;
  questionId: string;
  question: string;
  type: string;
  answered: Count;
  /** mean answer (scale and agree), withheld (null) under 5 answers */
  mean: number | null;
  scaleMin: number | null;
  scaleMax: number | null;
  /** agree questions: share (%) answering "eens" or "helemaal eens", withheld under 5 answers */
  agreePct: number | null;
}

export interface OutflowLine {
  ended: Count;
  reached: Count;
  partly: Count;
  not: Count;
  reachedPct: number | null;
}

export interface StoryLine {
  id: string;
  organisationId: string;
  organisationName: string;
  title: string;
  body: string;
  storyDate: string;
}

export interface SubGoalFigures {
  key: string;
  text: string;
  level1: { total: DeliveryFigures; rows: DeliveryLine[] };
  level2: ReachLine;
  level3: { questions: QuestionLine[]; outflow: OutflowLine; stories: StoryLine[] };
  level4: IndicatorLine[];
}

export interface DocumentFigures {
  theme: { slug: string; name: string; mainGoal: string };
  year: number;
  periodCode: string;
  /** ISO timestamp of the computation */
  computedAt: string;
  disclosureRule: string;
  deviationThreshold: number;
  /** The table's organisations: those with entries in the theme's plan of the year. */
  organisations: { id: string; name: string }[];
  total: {
    delivery: DeliveryFigures;
    residents: Count;
    visits: Count;
    plannedResidents: number | null;
    realisedPct: number | null;
    volunteers: Count;
    volunteerHours: number | 'x';
  };
  reachByTargetGroup: ReachLine[];
  reachByDistrict: ReachLine[];
  subGoals: SubGoalFigures[];
  /** Level 4: indicators of the theme not linked to one of its sub-goals. */
  themeIndicators: IndicatorLine[];
}

/** Level 1 of a sub-goal without plan entries. */
const NO_DELIVERY: DeliveryFigures = { plannedSessions: 0, heldSessions: 0, cancelledSessions: 0, plannedHours: 0, heldHours: 0, deviation: null };

const r1 = (x: number) => Math.round(x * 10) / 10;
const pct = (part: Count, whole: number | null): number | null => (typeof part === 'number' && whole ? r1((part / whole) * 100) : null);

/** The call period and the theme a year's document belongs to; "not found" when the theme has no such year. */
export async function themeOfYear(ctx: ServiceContext, slug: string, year: number): Promise<{ theme: ThemeView; periodCode: string }> {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw notFound();
  const period = periodOfYear(await listPeriods(ctx), year, ctx.now().getUTCFullYear());
  if (!period) throw notFound();
  const theme = (await listThemes(ctx, period.code)).find((t) => t.slug === slug);
  if (!theme) throw notFound();
  return { theme, periodCode: period.code };
}

/** Who may read documents and dashboards (and the platform itself). */
export const readsDocuments = (ctx: ServiceContext): boolean => (!!ctx.system && !ctx.actor) || hasRole(ctx.actor, ...documentReaders);

/** The platform's own context for the lower modules' exact figures (after this module's access check). */
export const platformOf = (ctx: ServiceContext): ServiceContext => ({ db: ctx.db, tenant: ctx.tenant, now: ctx.now, lang: ctx.lang, actor: null, system: true });

export type Progress = (done: number, total: number, message: string) => void | Promise<void>;

/** Options of the figures: progress reports, and a date range within the year (dashboards; the document is the whole year). */
export interface FigureOptions {
  progress?: Progress;
  from?: string;
  to?: string;
}

/** The document's figures for a theme table and year (disclosed: the small-cell rule applied). */
export async function documentFigures(ctx: ServiceContext, slug: string, year: number, opts: FigureOptions = {}): Promise<DocumentFigures> {
  const { progress } = opts;
  if (!readsDocuments(ctx)) throw notFound();
  const { theme, periodCode } = await themeOfYear(ctx, slug, year);
  const sys = platformOf(ctx);
  const subGoals = theme.subGoalGroups.flatMap((g) => g.subGoals);
  const steps = 5;
  let done = 0;
  const step = async (message: string) => progress?.(++done, steps, message);

  // Every lower figure once for the whole theme, read side by side: level 2 (one reach report with its sub-goal,
  // target-group and district breakdowns) and volunteers, level 3, level 1 (one delivery report; its rows carry their
  // sub-goals, so each sub-goal's part is taken from it) and level 4.
  const range = { ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}) };
  const stepAfter = <T,>(message: string, read: () => Promise<T>) => async () => {
    const r = await read();
    await step(message);
    return r;
  };
  const [reach, volunteers, effects, themeDelivery, level4] = await sideBySide(sys, [
    stepAfter('bereik', () => reachReport(sys, { year, theme: slug, ...range })),
    stepAfter('vrijwilligers', () => volunteersReport(sys, { year, theme: slug, ...range })),
    stepAfter('effecten', () => subGoalEffectFigures(sys, { theme: slug, year, from: opts.from, to: opts.to, storiesValidOn: ctx.now().toISOString().slice(0, 10) })),
    stepAfter('uitvoering', () => deliveryReport(sys, { year, theme: slug, ...range })),
    stepAfter('indicatoren', () => levelFour(sys, slug, subGoals.map((g) => g.key), year)),
  ] as const);
  const perSubGoal = subGoals.map((g) => ({
    total: themeDelivery.bySubGoal.find((b) => b.key === g.key) ?? NO_DELIVERY,
    rows: themeDelivery.rows.filter((r) => r.subGoals.includes(g.key)),
  }));

  const orgIds = [...new Set([...themeDelivery.rows.map((r) => r.organisationId), ...effects.stories.map((s) => s.organisationId)])];
  const names = await getOrganisationNames(ctx, orgIds);
  const name = (id: string) => names.get(id) ?? id;

  // Level 2 per sub-goal: a column of the theme's sub-goals (complementary suppression within it).
  const sgRows = subGoals.map((g) => reach.breakdowns.subGoal.find((b) => b.key === g.key));
  const sgRes = discloseColumn(sgRows.map((b) => num(b?.residents)), false);
  const sgVis = discloseColumn(sgRows.map((b) => num(b?.visits)), false);
  const reachColumn = (rows: { key: string; label: string; residents: Count; visits: Count; planned: number | null }[]): ReachLine[] => {
    const res = discloseColumn(rows.map((b) => num(b.residents)), false);
    const vis = discloseColumn(rows.map((b) => num(b.visits)), false);
    return rows.map((b, i) => ({ key: b.key, label: b.label, residents: res[i], visits: vis[i], planned: b.planned, realisedPct: pct(res[i], b.planned) }));
  };

  const questionLine = (q: (typeof effects.questions)[number]): QuestionLine => {
    const big = q.answered >= 5;
    return {
      surveyId: q.surveyId,
      surveyTitle: q.surveyTitle,
      questionId: q.questionId,
      question: ctx.lang === 'en' && q.textEn ? q.textEn : q.textNl,
      type: q.type,
      answered: discloseCount(q.answered, false),
      mean: big && q.sum !== null ? Math.round((q.sum / q.answered) * 100) / 100 : null,
      scaleMin: q.scaleMin,
      scaleMax: q.scaleMax,
      agreePct: big && q.agreeing !== null ? r1((q.agreeing / q.answered) * 100) : null,
    };
  };

  const residentsTotal = discloseCount(num(reach.uniqueResidents), false);
  return {
    theme: { slug, name: theme.name, mainGoal: theme.mainGoal },
    year,
    periodCode,
    computedAt: ctx.now().toISOString(),
    disclosureRule: DISCLOSURE_RULE,
    deviationThreshold: DEVIATION_THRESHOLD,
    organisations: [...new Set(themeDelivery.rows.map((r) => r.organisationId))].map((id) => ({ id, name: name(id) })).sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    total: {
      delivery: themeDelivery.total,
      residents: residentsTotal,
      visits: discloseCount(num(reach.visits), false),
      plannedResidents: reach.plannedReach,
      realisedPct: pct(residentsTotal, reach.plannedReach),
      volunteers: discloseCount(num(volunteers.activeVolunteers), false),
      volunteerHours: discloseAmount(typeof volunteers.hours === 'number' ? volunteers.hours : 0, discloseCount(num(volunteers.activeVolunteers), false), false),
    },
    reachByTargetGroup: reachColumn(reach.breakdowns.targetGroup),
    reachByDistrict: reachColumn(reach.breakdowns.district),
    themeIndicators: level4.theme,
    subGoals: subGoals.map((g, i) => {
      const d = perSubGoal[i];
      const out = effects.outflow.find((o) => o.subGoal === g.key);
      const outCells = discloseColumn([out?.reached ?? 0, out?.partly ?? 0, out?.not ?? 0], false);
      const ended = discloseCount(out?.ended ?? 0, false);
      return {
        key: g.key,
        text: g.text,
        level1: {
          total: { plannedSessions: d.total.plannedSessions, heldSessions: d.total.heldSessions, cancelledSessions: d.total.cancelledSessions, plannedHours: d.total.plannedHours, heldHours: d.total.heldHours, deviation: d.total.deviation },
          rows: d.rows.map((r) => ({
            activityId: r.activityId,
            activityTitle: r.activityTitle,
            organisationId: r.organisationId,
            organisationName: r.organisationName,
            explanation: r.explanation,
            plannedSessions: r.plannedSessions,
            heldSessions: r.heldSessions,
            cancelledSessions: r.cancelledSessions,
            plannedHours: r.plannedHours,
            heldHours: r.heldHours,
            deviation: r.deviation,
          })),
        },
        level2: { key: g.key, label: `${g.key} ${g.text}`, residents: sgRes[i], visits: sgVis[i], planned: sgRows[i]?.planned ?? null, realisedPct: pct(sgRes[i], sgRows[i]?.planned ?? null) },
        level3: {
          questions: effects.questions.filter((q) => q.subGoals.includes(g.key)).map(questionLine),
          outflow: { ended, reached: outCells[0], partly: outCells[1], not: outCells[2], reachedPct: (out?.ended ?? 0) >= 5 ? r1(((out?.reached ?? 0) / (out?.ended ?? 1)) * 100) : null },
          stories: effects.stories.filter((s) => s.subGoals.includes(g.key)).map((s) => ({ id: s.id, organisationId: s.organisationId, organisationName: name(s.organisationId), title: s.title, body: s.body, storyDate: s.storyDate })),
        },
        level4: level4.bySubGoal.get(g.key) ?? [],
      };
    }),
  };
}

/** A count from the platform's exact report (always a number there). */
function num(c: Count | undefined): number {
  return typeof c === 'number' ? c : 0;
}

export type { Count, DeliveryFigures, Deviation, IndicatorLine };
