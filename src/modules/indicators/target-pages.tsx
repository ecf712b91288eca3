/** @jsxImportSource hono/jsx */
// Targets per wijk ("focus points"): the list (filter by area or theme; everyone reads), and adding, changing and
// removing one (policy advisors, administrators).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, P, A, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listThemes } from '../framework/service.ts';
import { listIndicators } from './definitions.ts';
import { ownAreas } from './areas.ts';
import { deleteIndicatorTarget, getIndicatorTarget, listIndicatorTargets, saveIndicatorTarget, type IndicatorTargetView } from './targets.ts';
import { editsIndicators, ID } from './policy.ts';
import { CSS_URL, crumbs, fmt } from './pages.tsx';

async function options(ctx: ServiceContext) {
  const [themes, indicators, areas] = await Promise.all([listThemes(ctx), listIndicators(ctx), ownAreas(ctx)]);
  return {
    themes: themes.map((t) => ({ value: t.slug, label: t.name })),
    subGoals: themes.flatMap((t) => t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => ({ value: s.key, label: `${t.name}: ${s.text}` })))),
    indicators: indicators.map((i) => ({ value: i.key, label: `${i.name} (${i.unit})` })),
    areas: [...areas.values()].filter((a) => a.level !== 'buurt').map((a) => ({ value: a.code, label: a.level === 'wijk' ? `${a.name} (${a.code})` : a.name, group: a.level })),
  };
}

async function listPage(c: Context<AppEnv>) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const area = c.req.query('gebied') || undefined;
  const theme = c.req.query('thema') || undefined;
  const [targets, o] = await Promise.all([listIndicatorTargets(ctx, { areaCode: area, theme }), options(ctx)]);
  const groupLabel = (g: string) => v.t(`indicators.level.${g as 'wijk'}`);
  return c.html(
    <Layout v={v} title={v.t('indicators.targets.title')}>
      <link rel="stylesheet" href={CSS_URL} />
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{v.t('indicators.targets.title')}</H1>
      <P>{v.t('indicators.targets.intro')}</P>
      {editsIndicators(v.actor) && (
        <P>
          <A href="/indicatoren/doelen/nieuw">{v.t('indicators.targets.new')}</A>
        </P>
      )}
      <form method="get" action="/indicatoren/doelen" class="sb-filters">
        <Select name="gebied" label={v.t('indicators.col.area')} value={area ?? ''} options={[{ value: '', label: v.t('indicators.allAreas') }, ...o.areas.map((a) => ({ ...a, group: groupLabel(a.group) }))]} />
        <Select name="thema" label={v.t('indicators.field.theme')} value={theme ?? ''} options={[{ value: '', label: v.t('indicators.allThemes') }, ...o.themes]} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {v.t('indicators.filter')}
        </button>
      </form>
      {targets.length === 0 ? (
        <P>{v.t('indicators.targets.none')}</P>
      ) : (
        <Table
          id="doelen-tabel"
          caption={v.t('indicators.targets.caption', { n: targets.length })}
          head={[v.t('indicators.col.area'), v.t('indicators.field.name'), v.t('indicators.targets.baseline'), v.t('indicators.targets.target'), v.t('indicators.field.subGoals'), ...(editsIndicators(v.actor) ? [v.t('indicators.col.actions')] : [])]}
          rows={targets.map((t) => [
            t.areaName,
            <A href={`/indicatoren/${t.indicatorKey}`}>{t.indicatorName}</A>,
            `${fmt(v.lang, t.baselineValue)} ${t.unit} (${t.baselinePeriod})`,
            `${fmt(v.lang, t.targetValue)} ${t.unit} (${t.targetYear})`,
            t.subGoalKeys.join(', ') || '–',
            ...(editsIndicators(v.actor) ? [<A href={`/indicatoren/doelen/${t.id}`}>{v.t('indicators.targets.change', { name: t.indicatorName, area: t.areaName })}</A>] : []),
          ])}
        />
      )}
    </Layout>,
  );
}

const labels = (v: View): Record<string, string> => ({
  indicatorKey: v.t('indicators.map.indicator'),
  areaCode: v.t('indicators.col.area'),
  subGoalKeys: v.t('indicators.field.subGoals'),
  baselineValue: v.t('indicators.targets.baselineValue'),
  baselinePeriod: v.t('indicators.targets.baselinePeriod'),
  targetValue: v.t('indicators.targets.targetValue'),
  targetYear: v.t('indicators.targets.targetYear'),
  note: v.t('indicators.targets.note'),
});

const valuesOf = (t: IndicatorTargetView): FormBody => ({
  indicatorKey: t.indicatorKey,
  areaCode: t.areaCode,
  subGoalKeys: t.subGoalKeys,
  baselineValue: String(t.baselineValue),
  baselinePeriod: t.baselinePeriod,
  targetValue: String(t.targetValue),
  targetYear: String(t.targetYear),
  note: t.note ?? '',
});

async function formPage(c: Context<AppEnv>, existing: IndicatorTargetView | null, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const o = await options(c.get('ctx'));
  const title = existing ? v.t('indicators.targets.editTitle', { name: existing.indicatorName, area: existing.areaName }) : v.t('indicators.targets.new');
  const action = existing ? `/indicatoren/doelen/${existing.id}` : '/indicatoren/doelen/nieuw';
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={[...crumbs(v), { href: '/indicatoren/doelen', label: v.t('indicators.targets.title') }]} />
      <H1>{title}</H1>
      <form method="post" action={action} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <Select name="indicatorKey" label={v.t('indicators.map.indicator')} value={str(values, 'indicatorKey')} errors={errors} options={o.indicators} />
        <Select name="areaCode" label={v.t('indicators.col.area')} value={str(values, 'areaCode')} errors={errors} options={o.areas.map((a) => ({ ...a, group: v.t(`indicators.level.${a.group as 'wijk'}`) }))} />
        <TextField name="baselineValue" label={v.t('indicators.targets.baselineValue')} value={str(values, 'baselineValue')} errors={errors} required />
        <TextField name="baselinePeriod" label={v.t('indicators.targets.baselinePeriod')} description={v.t('indicators.periodHint')} value={str(values, 'baselinePeriod')} errors={errors} required />
        <TextField name="targetValue" label={v.t('indicators.targets.targetValue')} value={str(values, 'targetValue')} errors={errors} required />
        <TextField name="targetYear" label={v.t('indicators.targets.targetYear')} value={str(values, 'targetYear')} errors={errors} required />
        <Checkboxes name="subGoalKeys" label={v.t('indicators.field.subGoals')} values={list(values, 'subGoalKeys')} errors={errors} options={o.subGoals} />
        <TextArea name="note" label={v.t('indicators.targets.note')} value={str(values, 'note')} errors={errors} rows={3} />
        <Submit>{v.t('indicators.save')}</Submit>
      </form>
      {existing && (
        <form method="post" action={`/indicatoren/doelen/${existing.id}/weghalen`} class="sb-form">
          <Csrf v={v} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('indicators.targets.delete')}
          </button>
        </form>
      )}
    </Layout>,
    errors.length ? (errors.some((e) => e.kind === 'conflict') ? 409 : 400) : 200,
  );
}

const inputOf = (b: FormBody) => ({
  indicatorKey: str(b, 'indicatorKey'),
  areaCode: str(b, 'areaCode'),
  subGoalKeys: list(b, 'subGoalKeys'),
  baselineValue: str(b, 'baselineValue'),
  baselinePeriod: str(b, 'baselinePeriod'),
  targetValue: str(b, 'targetValue'),
  targetYear: str(b, 'targetYear'),
  note: str(b, 'note'),
});

export function registerTargetPages(app: OpenAPIHono<AppEnv>) {
  app.get('/indicatoren/doelen', (c) => listPage(c));
  app.get('/indicatoren/doelen/nieuw', (c) => formPage(c, null, { areaCode: c.req.query('gebied') ?? '', indicatorKey: c.req.query('indicator') ?? '' }, []));
  app.post('/indicatoren/doelen/nieuw', async (c) => {
    const b = await readForm(c);
    try {
      const t = await saveIndicatorTarget(c.get('ctx'), inputOf(b));
      return c.redirect(`/indicatoren/doelen?gebied=${encodeURIComponent(t.areaCode)}`, 303);
    } catch (err) {
      return formPage(c, null, b, formErrors(err, viewOf(c).lang, labels(viewOf(c))));
    }
  });
  app.get(`/indicatoren/doelen/${ID}`, async (c) => {
    const t = await getIndicatorTarget(c.get('ctx'), c.req.param('id')!);
    return formPage(c, t, valuesOf(t), []);
  });
  app.post(`/indicatoren/doelen/${ID}`, async (c) => {
    const ctx = c.get('ctx');
    const t = await getIndicatorTarget(ctx, c.req.param('id')!);
    const b = await readForm(c);
    try {
      await saveIndicatorTarget(ctx, inputOf(b), t.id);
      return c.redirect(`/indicatoren/doelen?gebied=${encodeURIComponent(str(b, 'areaCode'))}`, 303);
    } catch (err) {
      return formPage(c, t, b, formErrors(err, viewOf(c).lang, labels(viewOf(c))));
    }
  });
  app.post(`/indicatoren/doelen/${ID}/weghalen`, async (c) => {
    await deleteIndicatorTarget(c.get('ctx'), c.req.param('id')!);
    return c.redirect('/indicatoren/doelen', 303);
  });
}
