// Level 4 of the accountability document: the indicators linked to a theme's sub-goals (indicators module), with
// their trend for the municipality up to the document's year, the change since the previous period judged by the
// desired direction, the latest benchmark values of other municipalities, and the wijk targets with the wijk's
// latest value. Indicator values are statistics of areas, not counts of people registered here: no small-cell rule.
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { listIndicators, listValuesOfIndicators, listIndicatorTargets, comparePeriods, parsePeriod, type IndicatorView, type IndicatorValueView, type IndicatorTargetView } from '../indicators/service.ts';

export interface PeriodValue {
  period: string;
  value: number;
}

export interface TargetLine {
  areaCode: string;
  areaName: string;
  baselineValue: number;
  baselinePeriod: string;
  targetValue: number;
  targetYear: number;
  current: PeriodValue | null;
  /** progress from baseline towards target, in % (null: no current value, or baseline equals target) */
  progressPct: number | null;
}

export interface IndicatorLine {
  key: string;
  name: string;
  source: string;
  unit: string;
  direction: 'up' | 'down';
  areaName: string;
  /** the municipality's own series (or, without municipal values, the first own area's), periods up to the year */
  trend: PeriodValue[];
  latest: PeriodValue | null;
  previous: PeriodValue | null;
  /** better | worse | same, judged by the desired direction; null without two periods */
  judgement: 'better' | 'worse' | 'same' | null;
  /** the latest value of each benchmark area (other municipalities) up to the year */
  benchmarks: { areaCode: string; areaName: string; period: string; value: number }[];
  targets: TargetLine[];
}

const inYear = (year: number) => (v: IndicatorValueView) => (parsePeriod(v.period)?.year ?? Infinity) <= year;
const latestOf = (values: IndicatorValueView[]): PeriodValue | null => {
  const last = [...values].sort((a, b) => comparePeriods(a.period, b.period)).pop();
  return last ? { period: last.period, value: last.value } : null;
};

function indicatorLine(ind: IndicatorView, values: IndicatorValueView[], targets: IndicatorTargetView[], year: number, themeSlug: string): IndicatorLine {
  const upTo = values.filter(inYear(year));
  const own = upTo.filter((v) => !v.benchmark);
  const municipal = own.filter((v) => v.areaLevel === 'gemeente');
  const seriesArea = municipal.length ? municipal[0].areaCode : own[0]?.areaCode;
  const series = own.filter((v) => v.areaCode === seriesArea).sort((a, b) => comparePeriods(a.period, b.period));
  const trend = series.map((v) => ({ period: v.period, value: v.value }));
  const latest = trend[trend.length - 1] ?? null;
  const previous = trend[trend.length - 2] ?? null;
  const judgement = latest && previous ? (latest.value === previous.value ? 'same' : (latest.value > previous.value) === (ind.direction === 'up') ? 'better' : 'worse') : null;
  const benchAreas = [...new Set(upTo.filter((v) => v.benchmark).map((v) => v.areaCode))];
  const benchmarks = benchAreas.flatMap((code) => {
    const vs = upTo.filter((v) => v.benchmark && v.areaCode === code);
    const l = latestOf(vs);
    return l ? [{ areaCode: code, areaName: vs[0].areaName, period: l.period, value: l.value }] : [];
  });
  const targetLines = targets
    .filter((t) => t.subGoalKeys.length === 0 || t.subGoalKeys.some((k) => k.startsWith(`${themeSlug}/`)))
    .map((t) => {
      const current = latestOf(own.filter((v) => v.areaCode === t.areaCode));
      const span = t.targetValue - t.baselineValue;
      return {
        areaCode: t.areaCode,
        areaName: t.areaName,
        baselineValue: t.baselineValue,
        baselinePeriod: t.baselinePeriod,
        targetValue: t.targetValue,
        targetYear: t.targetYear,
        current,
        progressPct: current && span !== 0 ? Math.round(((current.value - t.baselineValue) / span) * 1000) / 10 : null,
      };
    });
  return {
    key: ind.key,
    name: ind.name,
    source: ind.source,
    unit: ind.unit,
    direction: ind.direction,
    areaName: series[0]?.areaName ?? '',
    trend,
    latest,
    previous,
    judgement,
    benchmarks,
    targets: targetLines,
  };
}

/** Per sub-goal key, the indicators linked to it (an indicator of the theme without a sub-goal: under `theme`). */
export async function levelFour(ctx: ServiceContext, themeSlug: string, subGoalKeys: string[], year: number): Promise<{ bySubGoal: Map<string, IndicatorLine[]>; theme: IndicatorLine[] }> {
  const indicators = await listIndicators(ctx, { theme: themeSlug });
  // All values and targets of the theme's indicators in two reads.
  const [values, targets] = await sideBySide(ctx, [() => listValuesOfIndicators(ctx, indicators.map((i) => i.key), { benchmarks: true }), () => listIndicatorTargets(ctx)] as const);
  const lines = new Map<string, IndicatorLine>();
  for (const ind of indicators)
    lines.set(
      ind.key,
      indicatorLine(ind, values.get(ind.key) ?? [], targets.filter((t) => t.indicatorKey === ind.key), year, themeSlug),
    );
  const bySubGoal = new Map(subGoalKeys.map((k) => [k, indicators.filter((i) => i.subGoalKeys.includes(k)).map((i) => lines.get(i.key)!)]));
  const theme = indicators.filter((i) => !i.subGoalKeys.some((k) => subGoalKeys.includes(k))).map((i) => lines.get(i.key)!);
  return { bySubGoal, theme };
}
