/** @jsxImportSource hono/jsx */
// The results page of a survey (`/effecten/enquetes/:id/resultaten`): filters in the URL (a GET form, works without
// JavaScript), per question a chart (server-side SVG) with a data table beside it, cross-tabs, open answers, and
// downloads (CSV, XLSX, each chart as SVG). The same service answers GET /api/v1/surveys/{id}/results.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, Select, TextField, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import type { ServiceContext } from '../../platform/context.ts';
import { listDistricts, listTargetGroups } from '../framework/service.ts';
import { getActivitySummaries } from '../catalogue/service.ts';
import { countText, SMALL_CELL_LIMIT } from '../reach/service.ts';
import { getSurveyResults, type SurveyResults, type QuestionResult, type Count } from './result-service.ts';
import { dimensions, type Dimension } from './result-query.ts';
import { barChart, svgFile, type Bar } from './result-charts.ts';
import { resultRows, resultsCsv, resultsXlsx, type Labeller } from './result-export.ts';
import { surveyTitle, listCrumbs, inLang } from './survey-views.tsx';
import { channels } from './survey-types.ts';
import { ID } from './policy.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export const RESULT_CSS_URL = '/assets/effects/results.css';
export const RESULT_CSS = `
.sb-result { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem 2rem; align-items: start; margin-block-end: 2rem; }
@media (max-width: 60rem) { .sb-result { grid-template-columns: minmax(0, 1fr); } }
.sb-chart { max-width: 100%; height: auto; display: block; background: #fff; font: 12px system-ui, sans-serif; }
.sb-filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: end; }
.sb-filters .utrecht-form-field { min-width: 12rem; }
.sb-figures { display: flex; flex-wrap: wrap; gap: 1rem 2rem; list-style: none; padding: 0; }
.sb-figures strong { font-size: 1.5rem; display: block; }
.sb-open { max-height: 30rem; overflow: auto; }

.sb-result .utrecht-table__caption { font-size: 1rem; text-align: start; }
.sb-question { border-block-start: 2px solid #ccc; padding-block-start: 0.5rem; }
`;

const SID = `:id{${ID}}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Context<AppEnv, any, any>;
const filterKeys = { periode: 'period', activiteit: 'activityId', stadsdeel: 'districtCode', doelgroep: 'targetGroup', kanaal: 'channel' } as const;

/** The filters of the URL (Dutch parameter names) as service input. */
export const filtersOfQuery = (q: Record<string, string>) => Object.fromEntries(Object.entries(filterKeys).map(([nl, key]) => [key, (q[nl] ?? '').slice(0, 60)]));
const queryOf = (c: C) => new URLSearchParams(Object.entries(c.req.query()).filter(([k, v]) => k in filterKeys && v)).toString();

/** Names for the keys of a breakdown: activity titles, district names, target-group names, channels. */
export async function labeller(ctx: ServiceContext, v: Pick<View, 't' | 'lang'>, r: SurveyResults): Promise<Labeller> {
  const activityIds = [...new Set([...r.breakdown.activity.map((c) => c.key), ...r.survey.activityIds].filter((k): k is string => !!k))];
  const [acts, districts, groups] = await Promise.all([getActivitySummaries(ctx, activityIds), listDistricts(ctx), listTargetGroups(ctx)]);
  return (dim, key) => {
    if (key === null) return v.t('effects.result.unknown');
    if (dim === 'activity') return acts.get(key)?.title ?? key;
    if (dim === 'district') return districts.find((d) => d.code === key)?.name ?? key;
    if (dim === 'target') {
      const g = groups.find((x) => x.key === key);
      return g ? g.name[v.lang] : key;
    }
    if (dim === 'channel') return v.t(`effects.result.channel.${key}` as never);
    return key;
  };
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const num = (v: View, x: number | null | undefined, digits = 2) => (x === null || x === undefined ? '–' : numberFormat(localeOf(v.lang), { maximumFractionDigits: digits }).format(x));
const cnt = (v: View, c: Count) => countText(c, v.lang);
const numeric = (c: Count) => (typeof c === 'number' ? c : null);

/** The chart bars of a question (suppressed cells left out) and its axis label; null for open questions. */
export function chartOf(v: View, q: QuestionResult): { bars: Bar[]; axis: string; desc: string } | null {
  const text = (o: { nl: string; en: string }) => inLang(v, o.nl, o.en);
  if (q.scale) return { bars: q.scale.distribution.flatMap((d) => (numeric(d.n) === null ? [] : [{ label: String(d.value), value: numeric(d.n)! }])), axis: v.t('effects.result.axis.count'), desc: v.t('effects.result.desc.scale') };
  if (q.options) return { bars: q.options.flatMap((o) => (numeric(o.n) === null ? [] : [{ label: text(o), value: numeric(o.n)! }])), axis: v.t('effects.result.axis.count'), desc: v.t('effects.result.desc.options') };
  if (q.ranking) return { bars: q.ranking.flatMap((o) => (o.borda === null ? [] : [{ label: text(o), value: o.borda }])), axis: v.t('effects.result.axis.borda'), desc: v.t('effects.result.desc.ranking') };
  return null;
}

const QuestionBlock = ({ v, q, n, base, qs, label }: { v: View; q: QuestionResult; n: number; base: string; qs: string; label: Labeller }) => {
  const title = `${n}. ${inLang(v, q.textNl, q.textEn)}`;
  const chart = chartOf(v, q);
  const text = (o: { nl: string; en: string }) => inLang(v, o.nl, o.en);
  const svgId = `grafiek-${q.id}`;
  return (
    <section class="sb-question" aria-labelledby={`vraag-${q.id}`}>
      <H2 id={`vraag-${q.id}`}>{title}</H2>
      <P>
        {v.t(`effects.survey.type.${q.type}`)} · {v.t('effects.result.answered')}: <strong>{cnt(v, q.answered)}</strong>
      </P>
      <div class="sb-result">
        {chart && (
          <div>
            {chart.bars.length ? raw(barChart(svgId, title, `${chart.desc} ${chart.bars.map((b) => `${b.label}: ${b.value}`).join('; ')}.`, chart.bars, chart.axis)) : <P>{v.t('effects.result.noChart')}</P>}
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href={`${base}/grafiek/${q.id}${qs ? `?${qs}` : ''}`} download>
                {v.t('effects.result.downloadSvg')}
                <span class="utrecht-visually-hidden"> ({title})</span>
              </a>
            </p>
          </div>
        )}
        <div>
          {q.scale && (
            <>
              <Table id={`verdeling-${q.id}`} caption={v.t('effects.result.table.distribution', { q: String(n) })} head={[v.t('effects.result.col.value'), v.t('effects.result.col.count')]} rows={q.scale.distribution.map((d) => [String(d.value), cnt(v, d.n)])} />
              <Table
                id={`spreiding-${q.id}`}
                caption={v.t('effects.result.table.stats', { q: String(n) })}
                head={[v.t('effects.result.col.mean'), v.t('effects.result.col.sd'), v.t('effects.result.col.median'), v.t('effects.result.col.iqr')]}
                rows={[q.scale.stats ? [num(v, q.scale.stats.mean), num(v, q.scale.stats.sd), num(v, q.scale.stats.median), `${num(v, q.scale.stats.q1)} – ${num(v, q.scale.stats.q3)}`] : [v.t('effects.result.withheld'), '–', '–', '–']]}
              />
            </>
          )}
          {q.options && (
            <Table
              id={`keuzes-${q.id}`}
              caption={v.t(q.type === 'multiple' ? 'effects.result.table.multiple' : 'effects.result.table.single', { q: String(n) })}
              head={[v.t('effects.result.col.option'), v.t('effects.result.col.count'), v.t('effects.result.col.share')]}
              rows={q.options.map((o) => [text(o), cnt(v, o.n), o.share === null ? '–' : `${num(v, o.share, 1)}%`])}
            />
          )}
          {q.ranking && (
            <Table
              id={`volgorde-${q.id}`}
              caption={v.t('effects.result.table.ranking', { q: String(n) })}
              head={[v.t('effects.result.col.place'), v.t('effects.result.col.option'), v.t('effects.result.col.borda'), v.t('effects.result.col.meanRank'), v.t('effects.result.col.firsts')]}
              rows={q.ranking.map((o, i) => [String(i + 1), text(o), num(v, o.borda, 0), num(v, o.meanRank), cnt(v, o.firsts)])}
            />
          )}
          {q.type === 'text' &&
            (q.texts === null || q.texts === undefined ? (
              <P>{v.t('effects.result.textsWithheld')}</P>
            ) : q.texts.length === 0 ? (
              <P>{v.t('effects.result.noTexts')}</P>
            ) : (
              <div class="sb-open" role="region" tabindex={0} aria-label={v.t('effects.result.texts', { q: String(n) })}>
                <ul class="utrecht-unordered-list">
                  {q.texts.map((a) => (
                    <li>
                      {a.text} <span class="sb-meta">({a.answeredOn})</span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
        </div>
      </div>
      {q.scale && (
        <details>
          <summary>{v.t('effects.result.crossTabs', { q: String(n) })}</summary>
          {dimensions.map((d) =>
            q.scale!.crossTabs[d].length ? (
              <Table
                id={`kruistabel-${q.id}-${d}`}
                caption={v.t('effects.result.table.crossTab', { q: String(n), dim: v.t(`effects.result.dim.${d}`) })}
                head={[cap(v.t(`effects.result.dim.${d}`)), v.t('effects.result.col.count'), v.t('effects.result.col.mean')]}
                rows={q.scale!.crossTabs[d].map((c) => [label(d, c.key), cnt(v, c.n), c.mean === null ? v.t('effects.result.withheldShort') : num(v, c.mean)])}
              />
            ) : null,
          )}
        </details>
      )}
    </section>
  );
};

async function Filters({ c, r }: { c: C; r: SurveyResults }) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const q = c.req.query();
  const [districts, groups, acts] = await Promise.all([listDistricts(ctx), listTargetGroups(ctx), getActivitySummaries(ctx, r.survey.activityIds)]);
  const all = { value: '', label: v.t('effects.result.filter.all') };
  return (
    <form method="get" action={`/effecten/enquetes/${r.survey.id}/resultaten`} class="sb-filters" aria-label={v.t('effects.result.filter.title')}>
      <TextField name="periode" label={v.t('effects.result.filter.period')} description={v.t('effects.result.filter.periodHint')} value={q.periode ?? ''} />
      <Select name="activiteit" label={cap(v.t('effects.result.dim.activity'))} value={q.activiteit ?? ''} options={[all, ...[...acts.values()].map((a) => ({ value: a.id, label: a.title }))]} />
      <Select name="stadsdeel" label={cap(v.t('effects.result.dim.district'))} value={q.stadsdeel ?? ''} options={[all, ...districts.map((d) => ({ value: d.code, label: d.name }))]} />
      <Select name="doelgroep" label={cap(v.t('effects.result.dim.target'))} value={q.doelgroep ?? ''} options={[all, ...groups.map((g) => ({ value: g.key, label: g.name[v.lang] }))]} />
      <Select name="kanaal" label={cap(v.t('effects.result.dim.channel'))} value={q.kanaal ?? ''} options={[all, ...channels.map((k) => ({ value: k, label: v.t(`effects.result.channel.${k}`) }))]} />
      <div class="utrecht-form-field">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {v.t('effects.result.filter.apply')}
        </button>
      </div>
    </form>
  );
}

export function registerResultPages(app: OpenAPIHono<AppEnv>) {
  app.get(RESULT_CSS_URL, (c) => c.body(RESULT_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.get(`/effecten/enquetes/${SID}/resultaten`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const r = await getSurveyResults(ctx, c.req.param('id'), filtersOfQuery(c.req.query()));
    const label = await labeller(ctx, v, r);
    const base = `/effecten/enquetes/${r.survey.id}`;
    const qs = queryOf(c);
    const title = v.t('effects.result.title', { title: surveyTitle(v, r.survey) });
    return c.html(
      <Layout v={v} title={title}>
        <link rel="stylesheet" href={RESULT_CSS_URL} />
        <Breadcrumbs v={v} items={[...listCrumbs(v), { href: base, label: surveyTitle(v, r.survey) }]} />
        <H1>{title}</H1>
        <Filters c={c} r={r} />
        <Alert type="info">{v.t(r.exact ? 'effects.result.rule.exact' : 'effects.result.rule.outsider', { n: String(SMALL_CELL_LIMIT) })}</Alert>
        <ul class="sb-figures">
          <li>
            {v.t('effects.result.responses')}
            <strong>{cnt(v, r.responses)}</strong>
          </li>
          {r.invitations && (
            <li>
              {v.t('effects.result.rate')}
              <strong>{`${num(v, r.invitations.rate, 1)}%`}</strong>
              {v.t('effects.result.rateOf', { responded: String(r.invitations.responded), invited: String(r.invitations.invited) })}
            </li>
          )}
        </ul>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`${base}/resultaten.csv${qs ? `?${qs}` : ''}`}>
            {v.t('effects.result.downloadCsv')}
          </a>
          {' · '}
          <a class="utrecht-link" href={`${base}/resultaten.xlsx${qs ? `?${qs}` : ''}`}>
            {v.t('effects.result.downloadXlsx')}
          </a>
          {' · '}
          <a class="utrecht-link" href={`${base}/uitnodigingen`}>
            {v.t('effects.invite.title.short')}
          </a>
          {' · '}
          <a class="utrecht-link" href={`${base}/poster.pdf`}>
            {v.t('effects.poster.link')}
          </a>
        </p>
        <P>{v.t('effects.result.rankingNote')}</P>
        <details>
          <summary>{v.t('effects.result.breakdown')}</summary>
          {(['channel', ...dimensions] as const).map((d) => (
            <Table id={`reacties-${d}`} caption={v.t('effects.result.table.responsesBy', { dim: v.t(`effects.result.dim.${d}`) })} head={[cap(v.t(`effects.result.dim.${d}`)), v.t('effects.result.col.count')]} rows={r.breakdown[d].map((x) => [label(d, x.key), cnt(v, x.n)])} />
          ))}
        </details>
        {r.questions.map((q, i) => (
          <QuestionBlock v={v} q={q} n={i + 1} base={base} qs={qs} label={label} />
        ))}
      </Layout>,
    );
  });

  const exportRows = async (c: C) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const r = await getSurveyResults(ctx, c.req.param('id')!, filtersOfQuery(c.req.query()));
    return { r, rows: resultRows(r, v.lang, await labeller(ctx, v, r)) };
  };
  app.get(`/effecten/enquetes/${SID}/resultaten.csv`, async (c) => {
    const { r, rows } = await exportRows(c);
    return c.body(new Uint8Array(resultsCsv(rows)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="resultaten-${r.survey.id}.csv"` });
  });
  app.get(`/effecten/enquetes/${SID}/resultaten.xlsx`, async (c) => {
    const { r, rows } = await exportRows(c);
    return c.body(new Uint8Array(await resultsXlsx(rows, viewOf(c).t('effects.result.sheet'))), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': `attachment; filename="resultaten-${r.survey.id}.xlsx"`,
    });
  });
  app.get(`/effecten/enquetes/${SID}/grafiek/:qid{${ID}}`, async (c) => {
    const v = viewOf(c);
    const r = await getSurveyResults(c.get('ctx'), c.req.param('id'), filtersOfQuery(c.req.query()));
    const i = r.questions.findIndex((q) => q.id === c.req.param('qid'));
    const chart = i < 0 ? null : chartOf(v, r.questions[i]);
    if (!chart) return c.notFound();
    const title = `${i + 1}. ${inLang(v, r.questions[i].textNl, r.questions[i].textEn)}`;
    const svg = barChart('grafiek', title, `${chart.desc} ${chart.bars.map((b) => `${b.label}: ${b.value}`).join('; ')}.`, chart.bars, chart.axis);
    return c.body(svgFile(svg), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="grafiek-${i + 1}.svg"` });
  });
}
