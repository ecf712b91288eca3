/** @jsxImportSource hono/jsx */
// Public pages of the catalogue: search with filters (a GET form, works without JavaScript), one activity, its .ics, exports.
import { numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, UL, Alert, ErrorSummary, Breadcrumbs, Select, fieldId, type View } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getActivity, searchActivities, searchTags, exportActivities, parseFilters, upcomingOccurrences, canManageActivity, isPast, type SearchResult } from './service.ts';
import { cachedResult } from '../../platform/cache.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { cachedRefs, themeName, subGoalText, principleText, targetGroupName, passName, type FrameworkRefs } from './refs.ts';
import { dayparts, languageCodes, type ActivityView, type SearchFilters, type PageInput } from './types.ts';
import { activityIcs } from './ical.ts';
import { activitiesCsv, activitiesXlsx, sharedExport } from './export.ts';
import { filtersFromQuery, baseUrlOf } from './api.ts';
import { isoWeekdays, languageLabel, ActivityCard, LeaveControl, Paragraphs, Styles, costText, formatDateTimeLong, placeText, scheduleText, tk, ASSET_CSS, ASSET_JS, CATALOGUE_CSS, LEAVE_JS, FILTERS_JS, FILTERS_JS_URL } from './views.tsx';

export const ID = ':id{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}';

type Query = Record<string, string>;
const filterKeys = ['q', 'theme', 'targetGroup', 'district', 'neighbourhood', 'day', 'timeOfDay', 'free', 'haarlemPas', 'wheelchair', 'language'] as const;

function queryOf(c: Context<AppEnv>): Query {
  const all = c.req.query();
  return Object.fromEntries(Object.entries(all).filter(([k, v]) => (filterKeys as readonly string[]).includes(k) || k === 'page' ? v !== '' : false));
}
const qs = (q: Query, extra: Query = {}) => {
  const p = new URLSearchParams({ ...q, ...extra });
  const s = p.toString();
  return s ? `?${s}` : '';
};

const CheckField = ({ name, label, checked }: { name: string; label: string; checked: boolean }) => (
  <div class="utrecht-form-field utrecht-form-field--checkbox">
    <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={fieldId(name)} name={name} value="true" checked={checked} />
    <label class="utrecht-form-label utrecht-form-label--checkbox" for={fieldId(name)}>
      {label}
    </label>
  </div>
);

const FilterForm = ({ v, q, refs, errors }: { v: View; q: Query; refs: FrameworkRefs; errors: FieldError[] }) => {
  const any = { value: '', label: tk(v, 'catalogue.any') };
  const neighbourhoodOptions = refs.districts.flatMap((d) =>
    refs.neighbourhoods
      .filter((n) => n.districtCode === d.code)
      .map((n) => ({ value: n.code, label: n.name, group: d.name })),
  );
  // Everything but the search words; on a phone the script folds these away until someone opens them.
  const active = filterKeys.filter((k) => k !== 'q' && q[k]).length;
  return (
    <form method="get" action="/activiteiten" class="sb-filters" role="search" aria-label={tk(v, 'catalogue.filters')}>
      <script src={FILTERS_JS_URL} defer></script>
      <div class="utrecht-form-field sb-filters__wide">
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={fieldId('q')}>
            {tk(v, 'catalogue.filter.q')}
          </label>
        </div>
        <div class="utrecht-form-field-description" id={`${fieldId('q')}-beschrijving`}>
          {tk(v, 'catalogue.filter.qHint')}
        </div>
        <div class="utrecht-form-field__input">
          <input class="utrecht-textbox utrecht-textbox--html-input" type="search" id={fieldId('q')} name="q" value={q.q ?? ''} aria-describedby={`${fieldId('q')}-beschrijving`} />
        </div>
      </div>
      <details class="sb-filters__wide sb-filter-more" open data-sb-filters data-active={String(active)}>
        <summary>{active ? tk(v, 'catalogue.filter.moreActive', { n: active }) : tk(v, 'catalogue.filter.more')}</summary>
        <div class="sb-filters">
          <Select name="theme" label={tk(v, 'catalogue.filter.theme')} value={q.theme} errors={errors} options={[any, ...refs.themes.map((t) => ({ value: t.slug, label: t.name }))]} />
          <Select name="targetGroup" label={tk(v, 'catalogue.filter.targetGroup')} value={q.targetGroup} errors={errors} options={[any, ...refs.targetGroups.map((g) => ({ value: g.key, label: g.name[v.lang] }))]} />
          <Select name="district" label={tk(v, 'catalogue.filter.district')} value={q.district} errors={errors} options={[{ value: '', label: tk(v, 'catalogue.anyDistrict') }, ...refs.districts.map((d) => ({ value: d.code, label: d.name }))]} />
          <Select name="neighbourhood" label={tk(v, 'catalogue.filter.neighbourhood')} value={q.neighbourhood} errors={errors} options={[{ value: '', label: tk(v, 'catalogue.anyNeighbourhood') }, ...neighbourhoodOptions]} />
          <Select name="day" label={tk(v, 'catalogue.filter.day')} value={q.day} errors={errors} options={[any, ...isoWeekdays.map((d) => ({ value: String(d), label: tk(v, `catalogue.weekday.${d}`) }))]} />
          <Select name="timeOfDay" label={tk(v, 'catalogue.filter.timeOfDay')} value={q.timeOfDay} errors={errors} options={[any, ...dayparts.map((d) => ({ value: d, label: tk(v, `catalogue.daypart.${d}`) }))]} />
          <Select name="language" label={tk(v, 'catalogue.filter.language')} value={q.language} errors={errors} options={[any, ...languageCodes.map((l) => ({ value: l, label: tk(v, `catalogue.language.${l}`) }))]} />
          <fieldset class="utrecht-form-fieldset sb-filters__wide">
            <legend class="utrecht-form-fieldset__legend">{tk(v, 'catalogue.filter.extra')}</legend>
            <CheckField name="free" label={tk(v, 'catalogue.filter.free')} checked={q.free === 'true'} />
            {refs.pass && <CheckField name="haarlemPas" label={tk(v, 'catalogue.filter.haarlemPas', { pass: passName(refs) })} checked={q.haarlemPas === 'true'} />}
            <CheckField name="wheelchair" label={tk(v, 'catalogue.filter.wheelchair')} checked={q.wheelchair === 'true'} />
          </fieldset>
        </div>
      </details>
      <div class="sb-actions sb-filters__wide">
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {tk(v, 'catalogue.search')}
        </button>
        <A href="/activiteiten">{tk(v, 'catalogue.clear')}</A>
      </div>
    </form>
  );
};

const Pagination = ({ v, q, result }: { v: View; q: Query; result: SearchResult }) => {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="sb-pagination" aria-label={tk(v, 'catalogue.pagination')}>
      {result.page > 1 && (
        <a class="utrecht-link" rel="prev" href={`/activiteiten${qs(q, { page: String(result.page - 1) })}`}>
          {tk(v, 'catalogue.previous')}
        </a>
      )}
      <span aria-current="page">{tk(v, 'catalogue.pageOf', { page: result.page, pages })}</span>
      {result.page < pages && (
        <a class="utrecht-link" rel="next" href={`/activiteiten${qs(q, { page: String(result.page + 1) })}`}>
          {tk(v, 'catalogue.next')}
        </a>
      )}
    </nav>
  );
};

const Facts = ({ v, a, refs }: { v: View; a: ActivityView; refs: FrameworkRefs }) => (
  <dl class="sb-facts">
    <dt>{tk(v, 'catalogue.when')}</dt>
    <dd>{scheduleText(v, a.schedule)}</dd>
    <dt>{tk(v, 'catalogue.where')}</dt>
    <dd>{placeText(refs, a) || '—'}</dd>
    <dt>{tk(v, 'catalogue.cost')}</dt>
    <dd>{costText(v, a, refs)}</dd>
    <dt>{tk(v, 'catalogue.forWhom')}</dt>
    <dd>{a.targetGroups.length ? a.targetGroups.map((g) => targetGroupName(refs, g, v.lang)).join(', ') : tk(v, 'catalogue.everyone')}</dd>
    <dt>{tk(v, 'catalogue.howToJoin')}</dt>
    <dd>{tk(v, `catalogue.join.${a.howToJoin}`)}</dd>
    {a.contact && (
      <>
        <dt>{tk(v, 'catalogue.contact')}</dt>
        <dd class="sb-pre-line">{a.contact}</dd>
      </>
    )}
    <dt>{tk(v, 'catalogue.languages')}</dt>
    <dd>{a.languages.map((l) => languageLabel(v, l)).join(', ')}</dd>
    <dt>{tk(v, 'catalogue.accessibility')}</dt>
    <dd>
      {tk(v, a.wheelchairAccessible ? 'catalogue.wheelchairYes' : 'catalogue.wheelchairNo')}
      {a.accessibilityDetails && ` ${a.accessibilityDetails}`}
    </dd>
    <dt>{tk(v, a.partnerOrganisations.length ? 'catalogue.organisations' : 'catalogue.organisation')}</dt>
    <dd>{[a.organisationName, ...a.partnerOrganisations.map((o) => o.name)].join(', ')}</dd>
    <dt>{tk(v, 'catalogue.themes')}</dt>
    <dd>
      {a.themes.map((s, i) => (
        <>
          {i > 0 && ', '}
          <A href={`/activiteiten?theme=${encodeURIComponent(s)}`}>{themeName(refs, s)}</A>
        </>
      ))}
    </dd>
  </dl>
);

/** The search form and its results: all that depends on the query (not on who is asking). */
const SearchContent = ({ v, q, refs, result, errors }: { v: View; q: Query; refs: FrameworkRefs; result: SearchResult | null; errors: FieldError[] }) => {
  const countText = result ? (result.total === 1 ? tk(v, 'catalogue.resultCountOne') : tk(v, 'catalogue.resultCount', { n: numberFormat(localeOf(v.lang)).format(result.total) })) : '';
  const exportQs = qs(Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'page')));
  return (
    <>
      <ErrorSummary v={v} errors={errors} />
      <FilterForm v={v} q={q} refs={refs} errors={errors} />
      <section aria-labelledby="resultaten">
        <H2 id="resultaten">{tk(v, 'catalogue.results')}</H2>
        {result && (
          <p class="utrecht-paragraph" role="status">
            {countText}
          </p>
        )}
        {result && result.total === 0 && <P>{tk(v, 'catalogue.noResults')}</P>}
        {result && result.items.length > 0 && (
          <ul class="sb-card-list">
            {result.items.map((a) => (
              <ActivityCard v={v} a={a} refs={refs} />
            ))}
          </ul>
        )}
        {result && <Pagination v={v} q={q} result={result} />}
        {result && result.total > 0 && (
          <p class="utrecht-paragraph">
            {tk(v, 'catalogue.export')}: <A href={`/activiteiten/export.csv${exportQs}`}>{tk(v, 'catalogue.exportCsv')}</A> · <A href={`/activiteiten/export.xlsx${exportQs}`}>{tk(v, 'catalogue.exportXlsx')}</A>
          </p>
        )}
      </section>
    </>
  );
};

// The public search part of the page is the same for every visitor who asks the same thing in the same language:
// it is rendered once and shared through the platform cache with the search result's tags and lifetime (so a
// change drops it with the result). The page around it (header, session, CSRF token) is rendered for every request.
async function searchContent(ctx: ServiceContext, v: View, q: Query, refs: FrameworkRefs, filters: SearchFilters, page: PageInput['page']): Promise<HtmlEscapedString> {
  const key = `catalogue:search-html:${ctx.tenant}:${v.lang}${qs(q)}`;
  const html = await cachedResult(ctx.db, key, searchTags(ctx), async () => {
    const result = await searchActivities(ctx, filters, { page });
    return String(await (<SearchContent v={v} q={q} refs={refs} result={result} errors={[]} />).toString());
  });
  return raw(html);
}

export function registerCataloguePages(app: OpenAPIHono<AppEnv>) {
  const asset = (path: string, body: string, type: 'text/css' | 'text/javascript') =>
    app.get(path, (c) => c.body(body, 200, { 'Content-Type': `${type}; charset=utf-8`, 'Cache-Control': 'public, max-age=3600' }));
  asset(ASSET_CSS, CATALOGUE_CSS, 'text/css');
  asset(ASSET_JS, LEAVE_JS, 'text/javascript');
  asset(FILTERS_JS_URL, FILTERS_JS, 'text/javascript');

  app.get('/activiteiten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const q = queryOf(c);
    const refs = await cachedRefs(ctx);
    const { filters, page } = filtersFromQuery(c.req.query());
    let errors: FieldError[] = [];
    let content: HtmlEscapedString | Promise<HtmlEscapedString>;
    try {
      content = await searchContent(ctx, v, q, refs, filters, page.page);
    } catch (err) {
      errors = formErrors(err, v.lang);
      content = <SearchContent v={v} q={q} refs={refs} result={null} errors={errors} />;
    }
    return c.html(
      <Layout v={v} title={tk(v, 'catalogue.title')}>
        <Styles />
        <H1>{tk(v, 'catalogue.title')}</H1>
        <P>{tk(v, 'catalogue.intro')}</P>
        {content}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });

  const exportRoute = (ext: 'csv' | 'xlsx') =>
    app.get(`/activiteiten/export.${ext}`, async (c) => {
      const ctx = c.get('ctx');
      const { filters } = filtersFromQuery(c.req.query());
      const parsed = await parseFilters(ctx, filters);
      const base = baseUrlOf(c);
      // Identical exports (same filters, language, format) are shared; see sharedExport.
      const key = `${ext}:${ctx.lang}:${base}:${JSON.stringify(Object.entries(parsed).sort(([a], [b]) => a.localeCompare(b)))}`;
      const bytes = await sharedExport(ctx.db, key, c.get('deps').config.SEARCH_CACHE_SECONDS * 1000, async () => {
        const [items, refs] = await Promise.all([exportActivities(ctx, parsed), cachedRefs(ctx)]);
        return ext === 'csv' ? new TextEncoder().encode(activitiesCsv(items, ctx.lang, refs, base)) : new Uint8Array(await activitiesXlsx(items, ctx.lang, refs, base));
      });
      const type = ext === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
      return c.body(bytes, 200, { 'Content-Disposition': `attachment; filename="activiteiten.${ext}"`, 'Cache-Control': 'no-store', 'Content-Type': type });
    });
  exportRoute('csv');
  exportRoute('xlsx');

  app.get(`/activiteiten/${ID}`, async (c) => {
    const view = viewOf(c);
    const ctx = c.get('ctx');
    const [a, refs] = await Promise.all([getActivity(ctx, c.req.param('id')), cachedRefs(ctx)]);
    const next = a.status === 'ended' ? [] : upcomingOccurrences(a, ctx.now());
    const manage = !!ctx.actor && canManageActivity(ctx, a.organisationId);
    const url = `${baseUrlOf(c)}/activiteiten/${a.id}`;
    return c.html(
      <Layout v={view} title={a.title}>
        <Styles />
        {a.sensitive && <LeaveControl v={view} />}
        <Breadcrumbs v={view} items={[{ href: '/activiteiten', label: tk(view, 'catalogue.nav') }]} />
        <H1>{a.title}</H1>
        {a.status === 'draft' && <Alert type="warning">{tk(view, 'catalogue.draftNotice')}</Alert>}
        {a.status === 'ended' && <Alert type="warning">{tk(view, 'catalogue.ended')}</Alert>}
        {a.status === 'published' && isPast(a, ctx.now()) && <Alert type="warning">{tk(view, 'catalogue.past')}</Alert>}
        {c.req.query('opgeslagen') && <Alert type="ok">{tk(view, 'catalogue.mine.saved')}</Alert>}
        {c.req.query('gepubliceerd') && <Alert type="ok">{tk(view, 'catalogue.mine.published')}</Alert>}
        <p class="utrecht-paragraph sb-meta">
          {tk(view, `catalogue.kind.${a.kind}`)} · {a.organisationName}
        </p>
        <Paragraphs text={a.description} />
        <Facts v={view} a={a} refs={refs} />
        <H2>{tk(view, 'catalogue.nextDates')}</H2>
        {next.length ? <UL items={next.map((o) => formatDateTimeLong(view, o.start))} /> : <P>{tk(view, 'catalogue.noNextDates')}</P>}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/activiteiten/${a.id}/agenda.ics`} download={`activiteit-${a.id}.ics`}>
            {tk(view, 'catalogue.addToCalendar')}
          </a>
        </p>
        <p class="utrecht-paragraph">
          {tk(view, 'catalogue.share')}: <A href={url}>{url}</A>
        </p>
        {a.subGoals.length > 0 && (
          <>
            <H2>{tk(view, 'catalogue.subGoals')}</H2>
            <UL items={a.subGoals.map((k) => subGoalText(refs, k))} />
          </>
        )}
        {a.principles.length > 0 && (
          <>
            <H2>{tk(view, 'catalogue.principles')}</H2>
            <UL items={a.principles.map((k) => principleText(refs, k))} />
          </>
        )}
        {manage && (
          <p class="utrecht-paragraph sb-actions">
            <A href={`/activiteiten/${a.id}/bewerken`}>{tk(view, 'catalogue.mine.edit')}</A>
            <A href="/mijn-activiteiten">{tk(view, 'catalogue.mine.title')}</A>
          </p>
        )}
      </Layout>,
    );
  });

  app.get(`/activiteiten/${ID}/agenda.ics`, async (c) => {
    const ctx = c.get('ctx');
    const a = await getActivity(ctx, c.req.param('id'));
    const base = baseUrlOf(c);
    const body = activityIcs(a, { url: `${base}/activiteiten/${a.id}`, host: new URL(base).hostname, now: ctx.now() });
    return c.body(body, 200, { 'Content-Type': 'text/calendar; charset=utf-8', 'Content-Disposition': `attachment; filename="activiteit-${a.id}.ics"` });
  });
}

