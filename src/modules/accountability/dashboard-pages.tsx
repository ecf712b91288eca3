/** @jsxImportSource hono/jsx */
// Dashboard pages: per theme (the four levels side by side for a period) and per district (every theme's key
// figures for the district and its wijken). Filters are GET forms, so a dashboard's address keeps them and can be
// shared. Every chart has its data table beside it and downloads as SVG, PNG (Chromium renders the SVG) and CSV.
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, ErrorSummary, Select, TextField, Breadcrumbs, Table, type View } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import { AppError, notFound, type FieldError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { listDistricts, listPeriods, listThemes } from '../framework/service.ts';
import { countText, periodOfYear, type Count } from '../reach/service.ts';
import { themeDashboard, districtDashboard, chartCsv, type Chart, type ThemeDashboard, type DistrictDashboard } from './dashboard.ts';
import { svgFile } from './charts.ts';
import { withChromium } from '../../platform/chromium.ts';
import { deviationText, drill, Indicators } from './document-view.tsx';
import { docPath } from './document-pages.tsx';
import { ACCOUNTABILITY_CSS_URL } from './styles.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

const Css = () => <link rel="stylesheet" href={ACCOUNTABILITY_CSS_URL} />;
const c = (v: View, n: Count | number | null) => (n === null ? '—' : countText(n, v.lang));
const fmt = (v: View, n: number | null, d = 1) => (n === null ? '—' : numberFormat(localeOf(v.lang), { maximumFractionDigits: d }).format(n));

/** The filters as a query string (shareable URL, and the chart downloads take the same). */
const filterQuery = (raw: Record<string, string | undefined>) => new URLSearchParams(Object.entries(raw).filter((e): e is [string, string] => !!e[1])).toString();

/** A dashboard page: title, the filter form (GET, so the URL keeps the filters) with its errors, then the figures. */
const DashboardPage: FC<{ v: View; title: string; action: string; errors: FieldError[]; filters: Child; children?: Child }> = ({ v, title, action, errors, filters, children }) => (
  <Layout v={v} title={title}>
    <Css />
    <Breadcrumbs v={v} items={crumbs(v)} />
    <H1>{title}</H1>
    <form method="get" action={action} class="sb-filters" aria-label={v.t('accountability.dashboard.filters')}>
      <ErrorSummary v={v} errors={errors} />
      {filters}
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {v.t('accountability.show')}
      </button>
    </form>
    {children}
  </Layout>
);

const ChartPanel: FC<{ v: View; chart: Chart; query: string }> = ({ v, chart, query }) => {
  const base = `/verantwoording/dashboard/grafiek/${chart.name}`;
  const [head, ...rows] = chart.csv;
  return (
    <figure class="sb-dash__chart" aria-labelledby={`${chart.name}-bijschrift`}>
      {raw(chart.svg)}
      <figcaption id={`${chart.name}-bijschrift`} class="utrecht-paragraph">
        {chart.title}
      </figcaption>
      <ul class="sb-downloads" aria-label={v.t('accountability.dashboard.downloads', { title: chart.title })}>
        <li>
          <a class="utrecht-link" href={`${base}.svg?${query}`}>
            {v.t('accountability.dashboard.svg')}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href={`${base}.png?${query}`}>
            {v.t('accountability.dashboard.png')}
          </a>
        </li>
        <li>
          <a class="utrecht-link" href={`${base}.csv?${query}`}>
            {v.t('accountability.dashboard.csv')}
          </a>
        </li>
      </ul>
      <Table id={`${chart.name}-gegevens`} caption={v.t('accountability.dashboard.data', { title: chart.title })} head={head.map(String)} rows={rows.map((r) => r.map((x) => (typeof x === 'number' ? fmt(v, x, 2) : x)))} />
    </figure>
  );
};

async function themeOptions(c: Context<AppEnv>, year: number) {
  const ctx = c.get('ctx');
  const period = periodOfYear(await listPeriods(ctx), year, ctx.now().getUTCFullYear());
  return period ? (await listThemes(ctx, period.code)).map((t) => ({ value: t.slug, label: t.name })) : [];
}

const ThemeBody: FC<{ v: View; d: ThemeDashboard; q: string }> = ({ v, d, q }) => {
  const f = d.figures;
  const link = drill(f, v.actor);
  const chart = (name: string) => d.charts.find((x) => x.name === name);
  const stories = f.subGoals.flatMap((s) => s.level3.stories).slice(0, 2);
  const indicators = [...new Map([...f.themeIndicators, ...f.subGoals.flatMap((s) => s.level4)].map((l) => [l.key, l])).values()];
  return (
    <>
      <ul class="sb-figures">
        <li>
          {v.t('accountability.col.heldSessions')}
          <strong>
            <a class="utrecht-link" href={link.delivery()}>
              {fmt(v, f.total.delivery.heldSessions)}
            </a>
          </strong>
          {v.t('accountability.dashboard.ofPlanned', { n: fmt(v, f.total.delivery.plannedSessions) })}
        </li>
        <li>
          {v.t('accountability.col.residents')}
          <strong>
            <a class="utrecht-link" href={link.reach()}>
              {c(v, f.total.residents)}
            </a>
          </strong>
          {v.t('accountability.dashboard.ofPlanned', { n: fmt(v, f.total.plannedResidents) })}
        </li>
        <li>
          {v.t('accountability.col.visits')}
          <strong>{c(v, f.total.visits)}</strong>
        </li>
      </ul>
      <div class="sb-dash">
        <section class="sb-dash__panel" aria-labelledby="niveau-1">
          <H2 id="niveau-1">{v.t('accountability.level.1')}</H2>
          <P>{v.t('accountability.dashboard.deviation', { deviation: deviationText(v, f.total.delivery.deviation) })}</P>
          {chart('thema-uitvoering') ? <ChartPanel v={v} chart={chart('thema-uitvoering')!} query={q} /> : null}
        </section>
        <section class="sb-dash__panel" aria-labelledby="niveau-2">
          <H2 id="niveau-2">{v.t('accountability.level.2')}</H2>
          {chart('thema-bereik') ? <ChartPanel v={v} chart={chart('thema-bereik')!} query={q} /> : null}
        </section>
        <section class="sb-dash__panel" aria-labelledby="niveau-3">
          <H2 id="niveau-3">{v.t('accountability.level.3')}</H2>
          {chart('thema-effecten') ? <ChartPanel v={v} chart={chart('thema-effecten')!} query={q} /> : <P>{v.t('accountability.level3.noQuestions')}</P>}
          <Table
            id="uitstroom"
            caption={v.t('accountability.dashboard.outflow')}
            head={[v.t('accountability.col.subGoal'), v.t('accountability.col.ended'), v.t('accountability.col.reachedPct')]}
            rows={f.subGoals.map((s) => [s.key, c(v, s.level3.outflow.ended), s.level3.outflow.reachedPct === null ? '—' : `${fmt(v, s.level3.outflow.reachedPct)}%`])}
          />
          <h3 class="utrecht-heading-3">{v.t('accountability.level3.stories')}</h3>
          {stories.length ? (
            stories.map((s) => (
              <blockquote class="sb-story">
                <p class="utrecht-paragraph">
                  <strong>{s.title || v.t('accountability.level3.story')}</strong> ({s.organisationName}, {s.storyDate})
                </p>
                <p class="utrecht-paragraph">{s.body.length > 400 ? `${s.body.slice(0, 399)}…` : s.body}</p>
              </blockquote>
            ))
          ) : (
            <P>{v.t('accountability.level3.noStories')}</P>
          )}
        </section>
        <section class="sb-dash__panel" aria-labelledby="niveau-4">
          <H2 id="niveau-4">{v.t('accountability.level.4')}</H2>
          <Indicators v={v} id="dash-ind" lines={indicators.map((l) => ({ ...l, trend: [] }))} links={true} />
          {d.charts
            .filter((x) => x.name.startsWith('thema-indicator-'))
            .map((x) => (
              <ChartPanel v={v} chart={x} query={q} />
            ))}
        </section>
      </div>
      <P>{f.disclosureRule}</P>
    </>
  );
};

const DistrictBody: FC<{ v: View; d: DistrictDashboard; q: string }> = ({ v, d, q }) => (
  <>
    <ul class="sb-figures">
      <li>
        {v.t('accountability.col.residents')}
        <strong>
          <a class="utrecht-link" href={`/verantwoording/bereik?year=${d.year}&district=${encodeURIComponent(d.district.code)}`}>
            {c(v, d.residents)}
          </a>
        </strong>
      </li>
      <li>
        {v.t('accountability.col.visits')}
        <strong>{c(v, d.visits)}</strong>
      </li>
    </ul>
    <Table
      id="stadsdeel-kerncijfers"
      caption={v.t('accountability.dashboard.districtThemes', { district: d.district.name, year: d.year })}
      head={[v.t('accountability.col.theme'), v.t('accountability.col.residents'), v.t('accountability.col.visits'), v.t('accountability.col.plannedResidents'), v.t('accountability.col.plannedSessions'), v.t('accountability.col.heldSessions'), v.t('accountability.col.deviation')]}
      rows={d.themes.map((r) => [
        <a class="utrecht-link" href={`/verantwoording/dashboard/thema?theme=${encodeURIComponent(r.slug)}&year=${d.year}`}>
          {r.name}
        </a>,
        c(v, r.residents),
        c(v, r.visits),
        fmt(v, r.planned, 0),
        fmt(v, r.delivery?.plannedSessions ?? null),
        fmt(v, r.delivery?.heldSessions ?? null),
        r.delivery ? deviationText(v, r.delivery.deviation) : '—',
      ])}
    />
    <div class="sb-dash">
      {d.charts.map((x) => (
        <section class="sb-dash__panel" aria-label={x.title}>
          <ChartPanel v={v} chart={x} query={q} />
        </section>
      ))}
    </div>
    <H2>{v.t('accountability.dashboard.indicatorsPerWijk')}</H2>
    {d.indicators.length === 0 ? (
      <P>{v.t('accountability.dashboard.noIndicators')}</P>
    ) : (
      <Table
        id="indicatoren-per-wijk"
        caption={v.t('accountability.dashboard.indicatorsCaption', { district: d.district.name })}
        head={[v.t('accountability.col.indicator'), ...d.wijken.map((w) => w.name)]}
        rows={d.indicators.map((i) => [
          <a class="utrecht-link" href={`/indicatoren/${encodeURIComponent(i.key)}`}>
            {i.name} ({i.unit})
          </a>,
          ...d.wijken.map((w) => {
            const x = i.values.find((y) => y.wijk === w.code);
            return x ? `${fmt(v, x.value, 2)} (${x.period})` : '—';
          }),
        ])}
      />
    )}
    <P>{v.t('accountability.dashboard.districtNote')}</P>
  </>
);

function yearOf(c: Context<AppEnv>) {
  const y = c.req.query('year');
  return y && /^\d{4}$/.test(y) ? Number(y) : c.get('ctx').now().getUTCFullYear();
}

const crumbs = (v: View) => [
  { href: '/verantwoording', label: v.t('accountability.crumb.accountability') },
  { href: '/verantwoording/documenten', label: v.t('accountability.list.title') },
];

export function registerDashboardPages(app: OpenAPIHono<AppEnv>) {
  app.get('/verantwoording/dashboard/thema', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const year = yearOf(c);
    const options = await themeOptions(c, year);
    const raw = { theme: c.req.query('theme') || options[0]?.value || '', year: c.req.query('year') || String(year), from: c.req.query('from'), to: c.req.query('to') };
    let d: ThemeDashboard | null = null;
    let errors: FieldError[] = [];
    try {
      d = await themeDashboard(ctx, raw);
    } catch (err) {
      errors = formErrors(err, c.get('lang'));
      if (!errors.length && !(err instanceof AppError && err.code === 'not_found' && c.req.query('theme'))) throw err;
    }
    const title = d ? v.t('accountability.dashboard.theme.of', { theme: d.figures.theme.name, year: d.year }) : v.t('accountability.dashboard.theme.title');
    const q = filterQuery(raw);
    return c.html(
      <DashboardPage
        v={v}
        title={title}
        action="/verantwoording/dashboard/thema"
        errors={errors}
        filters={
          <>
            <Select name="theme" label={v.t('accountability.col.theme')} value={raw.theme} options={options} errors={errors} />
            <TextField name="year" type="number" label={v.t('accountability.col.year')} value={raw.year} errors={errors} />
            <TextField name="from" type="date" label={v.t('accountability.dashboard.from')} value={raw.from} errors={errors} />
            <TextField name="to" type="date" label={v.t('accountability.dashboard.to')} value={raw.to} errors={errors} />
          </>
        }
      >
        {d ? (
          <>
            <P>
              <a class="utrecht-link" href={docPath(d.theme, d.year)}>
                {v.t('accountability.dashboard.toDocument', { theme: d.figures.theme.name, year: d.year })}
              </a>
            </P>
            <ThemeBody v={v} d={d} q={q} />
          </>
        ) : errors.length ? null : (
          <Alert type="warning">{v.t('accountability.dashboard.noTheme')}</Alert>
        )}
      </DashboardPage>,
      errors.length ? 400 : 200,
    );
  });

  app.get('/verantwoording/dashboard/stadsdeel', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const year = yearOf(c);
    const districts = await listDistricts(ctx);
    const raw = { district: c.req.query('district') || districts[0]?.code || '', year: c.req.query('year') || String(year), indicator: c.req.query('indicator') || '' };
    let d: DistrictDashboard | null = null;
    let errors: FieldError[] = [];
    try {
      d = await districtDashboard(ctx, raw);
    } catch (err) {
      errors = formErrors(err, c.get('lang'));
      if (!errors.length) throw err;
    }
    const title = d ? v.t('accountability.dashboard.district.of', { district: d.district.name, year: d.year }) : v.t('accountability.dashboard.district.title');
    return c.html(
      <DashboardPage
        v={v}
        title={title}
        action="/verantwoording/dashboard/stadsdeel"
        errors={errors}
        filters={
          <>
            <Select name="district" label={v.t('accountability.col.district')} value={raw.district} options={districts.map((x) => ({ value: x.code, label: x.name }))} errors={errors} />
            <TextField name="year" type="number" label={v.t('accountability.col.year')} value={raw.year} errors={errors} />
            {d && d.indicators.length ? <Select name="indicator" label={v.t('accountability.dashboard.mapIndicator')} value={d.mapIndicator} options={d.indicators.map((i) => ({ value: i.key, label: i.name }))} /> : null}
          </>
        }
      >
        {d ? <DistrictBody v={v} d={d} q={filterQuery(raw)} /> : null}
      </DashboardPage>,
      errors.length ? 400 : 200,
    );
  });

  app.get('/verantwoording/dashboard/grafiek/:chart', async (c) => {
    const ctx = c.get('ctx');
    const file = c.req.param('chart');
    if (!/^[a-z0-9-]{1,60}\.(svg|png|csv)$/.test(file)) throw notFound();
    const [name, ext] = [file.slice(0, file.lastIndexOf('.')), file.slice(file.lastIndexOf('.') + 1)];
    const charts = name.startsWith('stadsdeel-')
      ? (await districtDashboard(ctx, { district: c.req.query('district') ?? '', year: c.req.query('year') ?? '', indicator: c.req.query('indicator') })).charts
      : (await themeDashboard(ctx, { theme: c.req.query('theme') ?? '', year: c.req.query('year') ?? '', from: c.req.query('from'), to: c.req.query('to') })).charts;
    const chart = charts.find((x) => x.name === name);
    if (!chart) throw notFound();
    const download = { 'Content-Disposition': `attachment; filename="${name}.${ext}"`, 'Cache-Control': 'private, max-age=60' };
    if (ext === 'csv') return c.body(chartCsv(chart.csv), 200, { 'Content-Type': 'text/csv; charset=utf-8', ...download });
    const svg = svgFile(chart.svg);
    if (ext === 'svg') return c.body(svg, 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', ...download });
    const png = await withChromium(async (context) => {
      const page = await context.newPage();
      await page.setContent(`<!doctype html><html><body style="margin:0;background:#fff">${svg.replace(/^<\?xml[^>]*>\n?/, '')}</body></html>`);
      return page.locator('svg').first().screenshot({ type: 'png' });
    }, { deviceScaleFactor: 2 });
    return c.body(new Uint8Array(png), 200, { 'Content-Type': 'image/png', ...download });
  });
}

