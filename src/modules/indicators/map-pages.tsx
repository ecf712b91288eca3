/** @jsxImportSource hono/jsx */
// The map page: choose an indicator, a period and wijken or buurten; the choropleth (SVG drawn on the server) with
// its data table beside it, and the SVG and CSV downloads. The choice is in the URL, so a map can be shared.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, P, A, Alert, Select, Table, Breadcrumbs } from '../../platform/ui/page.tsx';
import { csvOf } from '../../platform/import/report.ts';
import { listIndicators } from './definitions.ts';
import { listIndicatorValues } from './values.ts';
import { comparePeriods } from './periods.ts';
import { renderIndicatorMap } from './map.ts';
import { svgFile } from './chart.ts';
import { CSS_URL, crumbs, fmt } from './pages.tsx';

interface MapChoice {
  key: string | null;
  period: string | null;
  level: 'wijk' | 'buurt';
  periods: string[];
  indicators: { value: string; label: string }[];
}

/** The indicator, period and level asked for, or sensible defaults (the first indicator with wijk values, its latest period). */
async function choiceOf(c: Context<AppEnv>): Promise<MapChoice> {
  const ctx = c.get('ctx');
  const level = c.req.query('niveau') === 'buurt' ? 'buurt' : 'wijk';
  const all = (await listIndicators(ctx)).filter((i) => i.areaLevels.includes(level));
  const asked = c.req.query('indicator');
  const key = all.find((i) => i.key === asked)?.key ?? all[0]?.key ?? null;
  const periods = key ? [...new Set((await listIndicatorValues(ctx, key, { areaLevel: level })).map((x) => x.period))].sort(comparePeriods) : [];
  const askedPeriod = c.req.query('periode');
  const period = periods.includes(askedPeriod ?? '') ? askedPeriod! : (periods.at(-1) ?? null);
  return { key, period, level, periods, indicators: all.map((i) => ({ value: i.key, label: i.name })) };
}

const query = (m: MapChoice) => `indicator=${encodeURIComponent(m.key ?? '')}&periode=${encodeURIComponent(m.period ?? '')}&niveau=${m.level}`;

async function mapPage(c: Context<AppEnv>) {
  const v = viewOf(c);
  const choice = await choiceOf(c);
  const map = choice.key && choice.period ? await renderIndicatorMap(c.get('ctx'), { key: choice.key, period: choice.period, areaLevel: choice.level, lang: v.lang }) : null;
  const name = choice.indicators.find((i) => i.value === choice.key)?.label ?? '';
  return c.html(
    <Layout v={v} title={v.t('indicators.map.page')}>
      <link rel="stylesheet" href={CSS_URL} />
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{v.t('indicators.map.page')}</H1>
      <P>{v.t('indicators.map.intro')}</P>
      <form method="get" action="/indicatoren/kaart" class="sb-filters">
        <Select name="indicator" label={v.t('indicators.map.indicator')} value={choice.key} options={choice.indicators} />
        <Select name="periode" label={v.t('indicators.map.period')} value={choice.period} options={choice.periods.map((p) => ({ value: p, label: p }))} />
        <Select name="niveau" label={v.t('indicators.map.level')} value={choice.level} options={[{ value: 'wijk', label: v.t('indicators.level.wijk') }, { value: 'buurt', label: v.t('indicators.level.buurt') }]} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {v.t('indicators.map.showButton')}
        </button>
      </form>
      {!map ? (
        <Alert type="info">{v.t('indicators.map.nothing')}</Alert>
      ) : (
        <div class="sb-figure">
          <div>
            {raw(map.svg)}
            <P>
              <A href={`/indicatoren/kaart.svg?${query(choice)}`}>{v.t('indicators.downloadSvg')}</A> · <A href={`/indicatoren/kaart.csv?${query(choice)}`}>{v.t('indicators.downloadCsv')}</A> · <A href={`/indicatoren/${choice.key}`}>{v.t('indicators.map.toIndicator', { name })}</A>
            </P>
          </div>
          <Table
            id="kaart-tabel"
            caption={v.t('indicators.map.tableCaption', { name, period: choice.period!, level: v.t(choice.level === 'wijk' ? 'indicators.map.perWijk' : 'indicators.map.perBuurt') })}
            head={[v.t('indicators.col.area'), v.t('indicators.col.code'), v.t('indicators.col.value'), v.t('indicators.map.classCol')]}
            rows={map.rows.map((r) => [r.areaName, r.areaCode, <span class="sb-num">{fmt(v.lang, r.value)}</span>, r.classLabel])}
          />
        </div>
      )}
    </Layout>,
  );
}

export function registerMapPages(app: OpenAPIHono<AppEnv>) {
  app.get('/indicatoren/kaart', (c) => mapPage(c));
  app.get('/indicatoren/kaart.svg', async (c) => {
    const choice = await choiceOf(c);
    if (!choice.key || !choice.period) return c.notFound();
    const map = await renderIndicatorMap(c.get('ctx'), { key: choice.key, period: choice.period, areaLevel: choice.level, lang: viewOf(c).lang });
    return c.body(svgFile(map.svg), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8', 'Content-Disposition': `attachment; filename="kaart-${choice.key}-${choice.period}.svg"` });
  });
  app.get('/indicatoren/kaart.csv', async (c) => {
    const v = viewOf(c);
    const choice = await choiceOf(c);
    if (!choice.key || !choice.period) return c.notFound();
    const map = await renderIndicatorMap(c.get('ctx'), { key: choice.key, period: choice.period, areaLevel: choice.level, lang: v.lang });
    const rows = [[v.t('indicators.col.code'), v.t('indicators.col.area'), v.t('indicators.col.period'), v.t('indicators.col.value'), v.t('indicators.map.classCol')], ...map.rows.map((r) => [r.areaCode, r.areaName, choice.period!, r.value === null ? '' : String(r.value), r.classLabel])];
    return c.body(new Uint8Array(csvOf(rows)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="kaart-${choice.key}-${choice.period}.csv"` });
  });
}
