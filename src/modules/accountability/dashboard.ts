// The dashboards: per theme the four levels side by side for a chosen period (the document's figures for that
// period), and per district every theme's key figures for the district and its wijken, with the indicators' latest
// values per wijk. Each chart comes with its data (CSV) and can be downloaded as SVG or PNG. All counts of people
// and visits carry the small-cell rule. The district dashboard is kept for a minute (DASHBOARD_CACHE_SECONDS) per district and year (the
// figures of a whole city-year take a second to compute; a dashboard is read far more often than the data change).
import { z } from '../../platform/zod.ts';
import { loadConfig } from '../../config.ts';
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import { notFound, parseChecked } from '../../platform/http/errors.ts';
import { cached, tag } from '../../platform/cache.ts';
import { t } from '../../platform/i18n/index.ts';
import { listDistricts, listNeighbourhoods } from '../framework/service.ts';
import { reachReport, deliveryReport, discloseColumn, discloseCount, type Count, type DeliveryFigures } from '../reach/service.ts';
import { listIndicators, listValuesOfIndicators, comparePeriods, renderIndicatorMap } from '../indicators/service.ts';
import { documentFigures, platformOf, readsDocuments, themeOfYear, type DocumentFigures } from './figures.ts';
import { groupedBars, lineChart, type ChartText } from './charts.ts';

/** How long a district dashboard is kept (DASHBOARD_CACHE_SECONDS, read once per process). */
let districtTtlMs: number | undefined;
const districtTtl = () => (districtTtlMs ??= loadConfig().DASHBOARD_CACHE_SECONDS * 1000);

const blank = (v: unknown) => (v === '' || v === null ? undefined : v);
const yearField = z.preprocess(blank, z.coerce.number().int().min(2000).max(2100));
export const themeDashboardInput = z.object({
  theme: z.string().trim().min(1).max(80),
  year: yearField,
  from: z.preprocess(blank, z.iso.date().optional()),
  to: z.preprocess(blank, z.iso.date().optional()),
});
export const districtDashboardInput = z.object({ district: z.string().trim().min(1).max(40), year: yearField, indicator: z.preprocess(blank, z.string().trim().max(80).optional()) });

export interface Chart {
  /** file name without extension (also the id on the page) */
  name: string;
  title: string;
  svg: string;
  /** header row first */
  csv: (string | number)[][];
}

const text = (c: Count | number | null) => (c === null ? '' : c);

/** A chart's name, title and description, in the reader's language (the name is also the SVG's id). */
const chartText = (ctx: ServiceContext, name: string, title: string, desc: string, valueLabel: string): ChartText => ({ id: name, title, desc, valueLabel, lang: ctx.lang });

export interface ThemeDashboard {
  theme: string;
  year: number;
  from: string;
  to: string;
  figures: DocumentFigures;
  charts: Chart[];
}

/** The theme dashboard: the document's figures for the period, with its charts. */
export async function themeDashboard(ctx: ServiceContext, raw: Record<string, unknown>): Promise<ThemeDashboard> {
  if (!readsDocuments(ctx)) throw notFound();
  const input = await parseChecked(themeDashboardInput, raw, (p) => {
    const errors = [];
    for (const f of ['from', 'to'] as const) if (p[f] && p.year && p[f]!.slice(0, 4) !== String(p.year)) errors.push({ field: f, code: 'out_of_range', message: 'accountability.error.dateOutsideYear', params: { year: p.year } });
    if (p.from && p.to && p.from > p.to) errors.push({ field: 'to', code: 'out_of_range', message: 'accountability.error.toBeforeFrom' });
    return errors;
  });
  await themeOfYear(ctx, input.theme, input.year);
  const figures = await documentFigures(ctx, input.theme, input.year, { from: input.from, to: input.to });
  const L = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const charts: Chart[] = [];
  const sg = figures.subGoals;
  const deliveryChart = chartText(ctx, 'thema-uitvoering', L('accountability.chart.delivery', { theme: figures.theme.name, year: input.year }), L('accountability.chart.deliveryDesc'), L('accountability.col.sessions'));
  charts.push({
    name: deliveryChart.id,
    title: deliveryChart.title,
    svg: groupedBars(deliveryChart, [L('accountability.col.plannedSessions'), L('accountability.col.heldSessions')], sg.map((s) => ({ label: s.key, values: [s.level1.total.plannedSessions, s.level1.total.heldSessions] }))),
    csv: [[L('accountability.col.subGoal'), L('accountability.col.plannedSessions'), L('accountability.col.heldSessions'), L('accountability.col.plannedHours'), L('accountability.col.heldHours')], ...sg.map((s) => [s.key, s.level1.total.plannedSessions, s.level1.total.heldSessions, s.level1.total.plannedHours, s.level1.total.heldHours])],
  });
  const reachChart = chartText(ctx, 'thema-bereik', L('accountability.chart.reach', { theme: figures.theme.name, year: input.year }), L('accountability.chart.reachDesc'), L('accountability.col.residents'));
  charts.push({
    name: reachChart.id,
    title: reachChart.title,
    svg: groupedBars(reachChart, [L('accountability.col.plannedResidents'), L('accountability.col.residents')], sg.map((s) => ({ label: s.key, values: [s.level2.planned, typeof s.level2.residents === 'number' ? s.level2.residents : null] }))),
    csv: [[L('accountability.col.subGoal'), L('accountability.col.residents'), L('accountability.col.visits'), L('accountability.col.plannedResidents'), L('accountability.col.realised')], ...sg.map((s) => [s.key, text(s.level2.residents), text(s.level2.visits), text(s.level2.planned), text(s.level2.realisedPct)])],
  });
  const questions = sg.flatMap((s) => s.level3.questions.filter((q) => q.agreePct !== null).map((q) => ({ s, q })));
  if (questions.length) {
    const title = L('accountability.chart.effects', { theme: figures.theme.name, year: input.year });
    charts.push({
      name: 'thema-effecten',
      title,
      svg: groupedBars(chartText(ctx, 'thema-effecten', title, L('accountability.chart.effectsDesc'), '%'), [L('accountability.col.agree')], questions.map(({ s, q }, i) => ({ label: `${s.key} · ${i + 1}. ${q.question}`, values: [q.agreePct] }))),
      csv: [[L('accountability.col.subGoal'), L('accountability.col.question'), L('accountability.col.survey'), L('accountability.col.answered'), L('accountability.col.mean'), L('accountability.col.agree')], ...questions.map(({ s, q }) => [s.key, q.question, q.surveyTitle, text(q.answered), text(q.mean), text(q.agreePct)])],
    });
  }
  const indicators = [...new Map([...figures.themeIndicators, ...sg.flatMap((s) => s.level4)].map((l) => [l.key, l])).values()];
  indicators.forEach((l, i) => {
    const title = L('accountability.level4.chart', { name: l.name, area: l.areaName });
    const points = [...l.trend.map((p) => ({ series: l.areaName || l.name, period: p.period, value: p.value })), ...l.benchmarks.map((b) => ({ series: b.areaName, period: b.period, value: b.value }))];
    if (points.length === 0) return;
    charts.push({
      name: `thema-indicator-${i + 1}`,
      title,
      svg: lineChart(chartText(ctx, `thema-indicator-${i + 1}`, title, L('accountability.level4.chartDesc'), l.unit), points),
      csv: [[L('accountability.col.area'), L('accountability.col.period'), `${l.name} (${l.unit})`], ...points.map((p) => [p.series, p.period, p.value])],
    });
  });
  return { theme: input.theme, year: input.year, from: input.from ?? `${input.year}-01-01`, to: input.to ?? `${input.year}-12-31`, figures, charts };
}

export interface DistrictThemeRow {
  slug: string;
  name: string;
  residents: Count;
  visits: Count;
  planned: number | null;
  delivery: DeliveryFigures | null;
}

export interface DistrictDashboard {
  district: { code: string; name: string };
  year: number;
  residents: Count;
  visits: Count;
  themes: DistrictThemeRow[];
  wijken: { code: string; name: string; residents: Count; visits: Count }[];
  /** latest value per wijk of every indicator with values for the district's wijken */
  indicators: { key: string; name: string; unit: string; direction: 'up' | 'down'; values: { wijk: string; period: string; value: number }[] }[];
  /** the indicator shown on the map (a choropleth of the district's wijken, the city around them in grey), if any */
  mapIndicator: string | null;
  charts: Chart[];
}

/** The district dashboard (kept a minute per district, year and language). */
export async function districtDashboard(ctx: ServiceContext, raw: Record<string, unknown>): Promise<DistrictDashboard> {
  if (!readsDocuments(ctx)) throw notFound();
  const districts = await listDistricts(ctx);
  const input = await parseChecked(districtDashboardInput, raw, (p) => (p.district && !districts.some((d) => d.code === p.district) ? [{ field: 'district', code: 'unknown_reference', message: 'error.unknownDistrict' }] : []));
  const d = districts.find((x) => x.code === input.district)!;
  return cached(ctx.db, { key: `accountability:district:${ctx.tenant}:${d.code}:${input.year}:${ctx.lang}:${input.indicator ?? ''}`, tags: [tag('accountability', ctx.tenant)], ttlMs: districtTtl() }, () =>
    computeDistrict(ctx, d, input.year, input.indicator),
  );
}

async function computeDistrict(ctx: ServiceContext, d: { code: string; name: string }, year: number, indicator?: string): Promise<DistrictDashboard> {
  const sys = platformOf(ctx);
  const [reach, delivery, neighbourhoods] = await sideBySide(ctx, [() => reachReport(sys, { year, district: d.code }), () => deliveryReport(sys, { year, district: d.code }), () => listNeighbourhoods(ctx)] as const);
  const wijkList = neighbourhoods.filter((n) => n.kind === 'wijk' && n.districtCode === d.code);
  const themeRows = reach.breakdowns.theme;
  const res = discloseColumn(themeRows.map((r) => num(r.residents)), false);
  const vis = discloseColumn(themeRows.map((r) => num(r.visits)), false);
  const themes = themeRows.map((r, i) => ({ slug: r.key, name: r.label, residents: res[i], visits: vis[i], planned: r.planned, delivery: delivery.byTheme.find((x) => x.key === r.key) ?? null }));
  for (const x of delivery.byTheme) if (!themes.some((r) => r.slug === x.key)) themes.push({ slug: x.key, name: x.label, residents: 0, visits: 0, planned: null, delivery: x });
  const wijkRows = wijkList.map((w) => reach.breakdowns.wijk.find((b) => b.key === w.code));
  const wRes = discloseColumn(wijkRows.map((b) => num(b?.residents)), false);
  const wVis = discloseColumn(wijkRows.map((b) => num(b?.visits)), false);
  const wijken = wijkList.map((w, i) => ({ code: w.code, name: w.name, residents: wRes[i], visits: wVis[i] }));
  const codes = wijkList.map((w) => w.code);
  const indicators = [];
  if (codes.length) {
    const wijkIndicators = (await listIndicators(ctx)).filter((ind) => ind.areaLevels.includes('wijk'));
    const valuesOf = await listValuesOfIndicators(ctx, wijkIndicators.map((ind) => ind.key), { areaCodes: codes, areaLevel: 'wijk' });
    for (const ind of wijkIndicators) {
      const values = (valuesOf.get(ind.key) ?? []).filter((v) => Number(v.period.slice(0, 4)) <= year);
      const latest = codes.flatMap((c) => {
        const v = values.filter((x) => x.areaCode === c).sort((a, b) => comparePeriods(a.period, b.period)).pop();
        return v ? [{ wijk: c, period: v.period, value: v.value }] : [];
      });
      if (latest.length) indicators.push({ key: ind.key, name: ind.name, unit: ind.unit, direction: ind.direction, values: latest });
    }
  }
  const L = (k: Parameters<typeof t>[1], p?: Record<string, string | number>) => t(ctx.lang, k, p);
  const withPlan = themes.filter((r) => r.planned !== null || typeof r.residents === 'number');
  const themesChart = chartText(ctx, 'stadsdeel-themas', L('accountability.chart.districtThemes', { district: d.name, year }), L('accountability.chart.reachDesc'), L('accountability.col.residents'));
  const wijkenChart = chartText(ctx, 'stadsdeel-wijken', L('accountability.chart.districtWijken', { district: d.name, year }), L('accountability.chart.districtWijkenDesc'), L('accountability.col.residents'));
  const charts: Chart[] = [
    {
      name: themesChart.id,
      title: themesChart.title,
      svg: groupedBars(themesChart, [L('accountability.col.plannedResidents'), L('accountability.col.residents')], withPlan.map((r) => ({ label: r.name, values: [r.planned, typeof r.residents === 'number' ? r.residents : null] }))),
      csv: [[L('accountability.col.theme'), L('accountability.col.residents'), L('accountability.col.visits'), L('accountability.col.plannedResidents'), L('accountability.col.plannedSessions'), L('accountability.col.heldSessions')], ...themes.map((r) => [r.name, text(r.residents), text(r.visits), text(r.planned), text(r.delivery?.plannedSessions ?? null), text(r.delivery?.heldSessions ?? null)])],
    },
    {
      name: wijkenChart.id,
      title: wijkenChart.title,
      svg: groupedBars(wijkenChart, [L('accountability.col.residents')], wijken.map((w) => ({ label: w.name, values: [typeof w.residents === 'number' ? w.residents : null] }))),
      csv: [[L('accountability.col.area'), L('accountability.col.code'), L('accountability.col.residents'), L('accountability.col.visits')], ...wijken.map((w) => [w.name, w.code, text(w.residents), text(w.visits)])],
    },
  ];
  // The map: the chosen indicator (or the first with values for these wijken) in its latest period up to the year.
  const shown = indicators.find((i) => i.key === indicator) ?? indicators[0];
  if (shown) {
    const period = shown.values.map((v) => v.period).sort(comparePeriods).pop()!;
    // the district's wijken classed and numbered, the rest of the city around them in grey (the table lists the district's)
    const map = await renderIndicatorMap(ctx, { key: shown.key, period, areaLevel: 'wijk', lang: ctx.lang, focus: { codes, name: L('accountability.map.focus', { district: d.name }) } });
    const title = L('accountability.chart.map', { name: shown.name, period, district: d.name });
    charts.push({
      name: 'stadsdeel-kaart',
      title,
      svg: map.svg,
      csv: [[L('accountability.col.area'), L('accountability.col.code'), `${shown.name} (${shown.unit})`, L('accountability.col.class')], ...map.rows.map((r) => [r.areaName, r.areaCode, r.value ?? '', r.classLabel])],
    });
  }
  return { district: { code: d.code, name: d.name }, year, mapIndicator: shown?.key ?? null, residents: discloseCount(num(reach.uniqueResidents), false), visits: discloseCount(num(reach.visits), false), themes, wijken, indicators, charts };
}

const num = (c: Count | undefined) => (typeof c === 'number' ? c : 0);

/** A chart's data as CSV (semicolon-separated, as Dutch spreadsheets expect; quoted where needed). */
export function chartCsv(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[";\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\ufeff${rows.map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
