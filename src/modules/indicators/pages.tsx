/** @jsxImportSource hono/jsx */
// Pages of the indicators: the list (filter by theme), one indicator with its series per area (trend chart with
// benchmarks, data table, versions), and adding or editing a definition (policy advisors, administrators).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listThemes } from '../framework/service.ts';
import { areaLevels, createIndicator, editIndicator, getIndicator, listIndicators, listIndicatorVersions, type AreaLevel, type IndicatorView } from './definitions.ts';
import { listIndicatorValues, type IndicatorValueView } from './values.ts';
import { comparePeriods } from './periods.ts';
import { editsIndicators, KEY } from './policy.ts';
import { trendChart, svgFile } from './chart.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

export const CSS_URL = '/assets/indicators/indicators.css';
export const CSS = `
.sb-chart { max-width: 100%; height: auto; display: block; background: #fff; font: 12px system-ui, sans-serif; }
.sb-figure { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1rem 2rem; align-items: start; margin-block-end: 2rem; }
.sb-figure--map { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
@media (max-width: 60rem) { .sb-figure, .sb-figure--map { grid-template-columns: minmax(0, 1fr); } }
.sb-filters { display: flex; flex-wrap: wrap; gap: 0 1rem; align-items: end; }
.sb-filters .utrecht-form-field { min-width: 12rem; }
.sb-actions { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; padding: 0; list-style: none; }
.sb-num { font-variant-numeric: tabular-nums; white-space: nowrap; }
`;

export const fmt = (lang: 'nl' | 'en', n: number | null) => (n === null ? '–' : numberFormat(localeOf(lang), { maximumFractionDigits: 2 }).format(n));

export const crumbs = (v: View) => [{ href: '/indicatoren', label: v.t('indicators.title') }];

export const Actions = ({ v }: { v: View }) => (
  <ul class="sb-actions">
    <li>
      <A href="/indicatoren/kaart">{v.t('indicators.map.page')}</A>
    </li>
    <li>
      <A href="/indicatoren/doelen">{v.t('indicators.targets.title')}</A>
    </li>
    {editsIndicators(v.actor) && (
      <>
        <li>
          <A href="/indicatoren/nieuw">{v.t('indicators.new')}</A>
        </li>
        <li>
          <A href="/indicatoren/import">{v.t('indicators.import.title')}</A>
        </li>
        <li>
          <A href="/indicatoren/gebieden">{v.t('indicators.areas.title')}</A>
        </li>
      </>
    )}
  </ul>
);

const levelLabel = (v: View, l: AreaLevel) => v.t(`indicators.level.${l}`);

async function themeOptions(ctx: ServiceContext) {
  const themes = await listThemes(ctx);
  return {
    themes: themes.map((t) => ({ value: t.slug, label: t.name })),
    subGoals: themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => ({ value: s.key, label: `${t.name}: ${s.text}` })))),
    names: new Map([...themes.map((t) => [t.slug, t.name] as const), ...themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => [s.key, s.text] as const)))]),
  };
}

async function listPage(c: Context<AppEnv>) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const theme = c.req.query('thema') || undefined;
  const [all, options] = await Promise.all([listIndicators(ctx, { theme }), themeOptions(ctx)]);
  return c.html(
    <Layout v={v} title={v.t('indicators.title')}>
      <link rel="stylesheet" href={CSS_URL} />
      <H1>{v.t('indicators.title')}</H1>
      <P>{v.t('indicators.intro')}</P>
      <Actions v={v} />
      <form method="get" action="/indicatoren" class="sb-filters">
        <Select name="thema" label={v.t('indicators.field.theme')} value={theme ?? ''} options={[{ value: '', label: v.t('indicators.allThemes') }, ...options.themes]} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {v.t('indicators.filter')}
        </button>
      </form>
      <Table
        id="indicatoren-tabel"
        caption={theme ? v.t('indicators.listCaptionTheme', { theme: options.names.get(theme) ?? theme, n: all.length }) : v.t('indicators.listCaption', { n: all.length })}
        head={[v.t('indicators.field.name'), v.t('indicators.field.unit'), v.t('indicators.field.themes'), v.t('indicators.field.source')]}
        rows={all.map((i) => [
          <A href={`/indicatoren/${i.key}`}>{i.name}</A>,
          i.unit,
          i.themeSlugs.map((s) => options.names.get(s) ?? s).join(', ') || '–',
          i.source,
        ])}
      />
    </Layout>,
  );
}

/** The areas the chart shows: municipality and districts when there are values for them, otherwise the first wijken. */
function chartValues(values: IndicatorValueView[], chosen: string[]): IndicatorValueView[] {
  if (chosen.length) return values.filter((x) => chosen.includes(x.areaCode));
  const top = values.filter((x) => x.benchmark || x.areaLevel === 'gemeente' || x.areaLevel === 'district');
  const own = top.filter((x) => !x.benchmark);
  if (own.length) return top.filter((x) => new Set(top.map((y) => y.areaCode)).size <= 8 || !x.benchmark);
  const wijken = [...new Set(values.filter((x) => x.areaLevel === 'wijk').map((x) => x.areaCode))].slice(0, 6);
  return values.filter((x) => wijken.includes(x.areaCode) || (x.benchmark && x.areaLevel === 'wijk'));
}

async function indicatorPage(c: Context<AppEnv>) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const indicator = await getIndicator(ctx, c.req.param('key')!);
  const chosen = c.req.queries('gebied') ?? [];
  const [values, versions, options] = await Promise.all([listIndicatorValues(ctx, indicator.key, { benchmarks: true }), listIndicatorVersions(ctx, indicator.key), themeOptions(ctx)]);
  const periods = [...new Set(values.map((x) => x.period))].sort(comparePeriods);
  const areas = [...new Map(values.map((x) => [x.areaCode, x])).values()];
  const shown = chartValues(values, chosen);
  const id = `trend-${indicator.key}`;
  const title = v.t('indicators.trend.title', { name: indicator.name });
  const desc = v.t('indicators.trend.desc', { unit: indicator.unit, areas: [...new Set(shown.map((x) => x.areaName))].join(', '), periods: periods.join(', ') || '–' });
  const svg = shown.length ? trendChart(id, title, desc, shown, indicator.unit, v.lang) : null;
  const direction = indicator.context ? v.t('indicators.direction.context') : v.t(indicator.direction === 'up' ? 'indicators.direction.up' : 'indicators.direction.down');
  const download = `/indicatoren/${indicator.key}/trend.svg${chosen.length ? `?${chosen.map((g) => `gebied=${encodeURIComponent(g)}`).join('&')}` : ''}`;
  return c.html(
    <Layout v={v} title={indicator.name}>
      <link rel="stylesheet" href={CSS_URL} />
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{indicator.name}</H1>
      {indicator.description && <P>{indicator.description}</P>}
      <Table
        id="definitie-tabel"
        caption={v.t('indicators.definition')}
        head={[v.t('indicators.col.what'), v.t('indicators.col.value')]}
        rows={[
          [v.t('indicators.field.key'), indicator.key],
          [v.t('indicators.field.unit'), indicator.unit],
          [v.t('indicators.field.direction'), direction],
          [v.t('indicators.field.levels'), indicator.areaLevels.map((l) => levelLabel(v, l)).join(', ')],
          [v.t('indicators.field.themes'), indicator.themeSlugs.map((s) => options.names.get(s) ?? s).join(', ') || '–'],
          [v.t('indicators.field.subGoals'), indicator.subGoalKeys.map((k) => `${k}: ${options.names.get(k) ?? ''}`).join('; ') || '–'],
          [v.t('indicators.field.source'), indicator.source],
          [v.t('indicators.field.version'), String(indicator.version)],
        ]}
      />
      <ul class="sb-actions">
        <li>
          <A href={`/indicatoren/kaart?indicator=${indicator.key}`}>{v.t('indicators.map.show')}</A>
        </li>
        <li>
          <A href={`/api/v1/indicators/${indicator.key}/values?benchmarks=true`}>{v.t('indicators.json')}</A>
        </li>
        {editsIndicators(v.actor) && (
          <li>
            <A href={`/indicatoren/${indicator.key}/bewerken`}>{v.t('indicators.edit')}</A>
          </li>
        )}
      </ul>
      <H2 id="reeks">{v.t('indicators.series')}</H2>
      {!values.length ? (
        <P>{v.t('indicators.noValues')}</P>
      ) : (
        <>
          <div class="sb-figure">
            <div>
              {svg && raw(svg)}
              {svg && (
                <P>
                  <A href={download}>{v.t('indicators.downloadSvg')}</A>
                </P>
              )}
            </div>
            <form method="get" action={`/indicatoren/${indicator.key}`}>
              <Checkboxes name="gebied" label={v.t('indicators.trend.areas')} values={[...new Set(shown.map((x) => x.areaCode))]} options={areas.map((a) => ({ value: a.areaCode, label: a.benchmark ? `${a.areaName} (${v.t('indicators.benchmark')})` : a.areaName }))} />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {v.t('indicators.trend.show')}
              </button>
            </form>
          </div>
          <Table
            id="waarden-tabel"
            caption={v.t('indicators.valuesCaption', { name: indicator.name, unit: indicator.unit })}
            head={[v.t('indicators.col.area'), v.t('indicators.col.level'), ...periods]}
            rows={areas.map((a) => [
              a.benchmark ? `${a.areaName} (${a.areaCode}, ${v.t('indicators.benchmark')})` : `${a.areaName} (${a.areaCode})`,
              levelLabel(v, a.areaLevel),
              ...periods.map((p) => <span class="sb-num">{fmt(v.lang, values.find((x) => x.areaCode === a.areaCode && x.period === p)?.value ?? null)}</span>),
            ])}
          />
          <P>{v.t('indicators.sources', { sources: [...new Set(values.map((x) => x.source))].join('; ') })}</P>
        </>
      )}
      <H2 id="versies">{v.t('indicators.versions')}</H2>
      <Table
        id="versies-tabel"
        caption={v.t('indicators.versions')}
        head={[v.t('indicators.field.version'), v.t('indicators.col.when'), v.t('indicators.col.who'), v.t('indicators.field.changeNote'), v.t('indicators.field.name')]}
        rows={versions.map((x) => [String(x.version), x.createdAt.toISOString().slice(0, 10), x.createdBy, x.changeNote || '–', x.content.name])}
      />
    </Layout>,
  );
}

const labels = (v: View): Record<string, string> => ({
  key: v.t('indicators.field.key'),
  name: v.t('indicators.field.name'),
  description: v.t('indicators.field.description'),
  source: v.t('indicators.field.source'),
  unit: v.t('indicators.field.unit'),
  direction: v.t('indicators.field.direction'),
  areaLevels: v.t('indicators.field.levels'),
  themeSlugs: v.t('indicators.field.themes'),
  subGoalKeys: v.t('indicators.field.subGoals'),
  changeNote: v.t('indicators.field.changeNote'),
  baseVersion: v.t('indicators.field.version'),
});

const valuesOf = (i: IndicatorView): FormBody => ({
  name: i.name,
  description: i.description ?? '',
  source: i.source,
  unit: i.unit,
  direction: i.context ? 'context' : i.direction,
  areaLevels: i.areaLevels,
  themeSlugs: i.themeSlugs,
  subGoalKeys: i.subGoalKeys,
  baseVersion: String(i.version),
});

async function formPage(c: Context<AppEnv>, existing: IndicatorView | null, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const options = await themeOptions(c.get('ctx'));
  const title = existing ? v.t('indicators.editTitle', { name: existing.name }) : v.t('indicators.new');
  const action = existing ? `/indicatoren/${existing.key}/bewerken` : '/indicatoren/nieuw';
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={existing ? [...crumbs(v), { href: `/indicatoren/${existing.key}`, label: existing.name }] : crumbs(v)} />
      <H1>{title}</H1>
      <form method="post" action={action} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {existing ? <input type="hidden" name="baseVersion" value={str(values, 'baseVersion')} /> : <TextField name="key" label={v.t('indicators.field.key')} description={v.t('indicators.field.keyHint')} value={str(values, 'key')} errors={errors} required />}
        <TextField name="name" label={v.t('indicators.field.name')} value={str(values, 'name')} errors={errors} required />
        <TextArea name="description" label={v.t('indicators.field.description')} value={str(values, 'description')} errors={errors} rows={3} />
        <TextField name="source" label={v.t('indicators.field.source')} description={v.t('indicators.field.sourceHint')} value={str(values, 'source')} errors={errors} required />
        <TextField name="unit" label={v.t('indicators.field.unit')} description={v.t('indicators.field.unitHint')} value={str(values, 'unit')} errors={errors} required />
        <Select
          name="direction"
          label={v.t('indicators.field.direction')}
          value={str(values, 'direction') || 'down'}
          errors={errors}
          options={[
            { value: 'down', label: v.t('indicators.direction.down') },
            { value: 'up', label: v.t('indicators.direction.up') },
            { value: 'context', label: v.t('indicators.direction.context') },
          ]}
        />
        <Checkboxes name="areaLevels" label={v.t('indicators.field.levels')} values={list(values, 'areaLevels')} errors={errors} options={areaLevels.map((l) => ({ value: l, label: levelLabel(v, l) }))} />
        <Checkboxes name="themeSlugs" label={v.t('indicators.field.themes')} values={list(values, 'themeSlugs')} errors={errors} options={options.themes} />
        <Checkboxes name="subGoalKeys" label={v.t('indicators.field.subGoals')} values={list(values, 'subGoalKeys')} errors={errors} options={options.subGoals} />
        <TextField name="changeNote" label={v.t('indicators.field.changeNote')} value={str(values, 'changeNote')} errors={errors} required={!!existing} />
        <Submit>{v.t('indicators.save')}</Submit>
      </form>
    </Layout>,
    errors.length ? (errors.some((e) => e.kind === 'conflict') ? 409 : 400) : 200,
  );
}

const inputOf = (b: FormBody) => ({
  name: str(b, 'name'),
  description: str(b, 'description'),
  source: str(b, 'source'),
  unit: str(b, 'unit'),
  direction: (str(b, 'direction') === 'up' ? 'up' : 'down') as 'up' | 'down',
  context: str(b, 'direction') === 'context',
  areaLevels: list(b, 'areaLevels') as AreaLevel[],
  themeSlugs: list(b, 'themeSlugs'),
  subGoalKeys: list(b, 'subGoalKeys'),
  changeNote: str(b, 'changeNote'),
});


export function registerIndicatorPages(app: OpenAPIHono<AppEnv>) {
  app.get(CSS_URL, (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/indicatoren', (c) => listPage(c));
  app.get('/indicatoren/nieuw', (c) => formPage(c, null, { direction: 'down' }, []));
  app.post('/indicatoren/nieuw', async (c) => {
    const b = await readForm(c);
    try {
      const i = await createIndicator(c.get('ctx'), { ...inputOf(b), key: str(b, 'key') });
      return c.redirect(`/indicatoren/${i.key}`, 303);
    } catch (err) {
      return formPage(c, null, b, formErrors(err, viewOf(c).lang, labels(viewOf(c))));
    }
  });
}

/** The pages under /indicatoren/:key — registered after the module's fixed paths (kaart, doelen, import, …), which the pattern would match. */
export function registerIndicatorKeyPages(a: OpenAPIHono<AppEnv>) {
  {
    a.get(`/indicatoren/${KEY}`, (c) => indicatorPage(c));
    a.get(`/indicatoren/${KEY}/trend.svg`, async (c) => {
      const v = viewOf(c);
      const ctx = c.get('ctx');
      const indicator = await getIndicator(ctx, c.req.param('key')!);
      const values = await listIndicatorValues(ctx, indicator.key, { benchmarks: true });
      const shown = chartValues(values, c.req.queries('gebied') ?? []);
      const periods = [...new Set(shown.map((x) => x.period))].sort(comparePeriods);
      const svg = trendChart(`trend-${indicator.key}`, v.t('indicators.trend.title', { name: indicator.name }), v.t('indicators.trend.desc', { unit: indicator.unit, areas: [...new Set(shown.map((x) => x.areaName))].join(', '), periods: periods.join(', ') }), shown, indicator.unit, v.lang);
      return c.body(svgFile(svg), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="${indicator.key}-trend.svg"` });
    });
    a.get(`/indicatoren/${KEY}/bewerken`, async (c) => {
      const i = await getIndicator(c.get('ctx'), c.req.param('key')!);
      return formPage(c, i, valuesOf(i), []);
    });
    a.post(`/indicatoren/${KEY}/bewerken`, async (c) => {
      const ctx = c.get('ctx');
      const i = await getIndicator(ctx, c.req.param('key')!);
      const b = await readForm(c);
      try {
        await editIndicator(ctx, i.key, { ...inputOf(b), baseVersion: Number(str(b, 'baseVersion')) || 0 });
        return c.redirect(`/indicatoren/${i.key}`, 303);
      } catch (err) {
        return formPage(c, i, b, formErrors(err, viewOf(c).lang, labels(viewOf(c))));
      }
    });
  }
}
