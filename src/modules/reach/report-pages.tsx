/** @jsxImportSource hono/jsx */
// Report pages: level 1 (uitvoering), level 2 (bereik) and volunteers. Filters are a GET form (kept in the URL);
// every page exports exactly its tables as CSV and XLSX (`?formaat=csv|xlsx`), with the same disclosure note.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, ErrorSummary, Csrf, Select, TextField, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { listOrganisations } from '../network/service.ts';
import { loadRefs, activityMeta, filterKeys, filterQuery, type ReportFiltersInput, type ReportRefs } from './report-filters.ts';
import { reachReport } from './report.ts';
import { deliveryReport, saveExplanation, DEVIATION_THRESHOLD, type DeliveryRow } from './delivery.ts';
import { volunteersReport } from './volunteers-report.ts';
import { reachTables, deliveryTables, volunteerTables, tablesCsv, tablesXlsx, type ReportTable } from './report-tables.ts';
import type { Disclosure } from './disclosure.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

type Kind = 'uitvoering' | 'bereik' | 'vrijwilligers';
const titles: Record<Kind, MessageKey> = { uitvoering: 'reach.report.delivery.title', bereik: 'reach.report.reach.title', vrijwilligers: 'reach.report.volunteers.title' };
const navLabels: Record<Kind, MessageKey> = { uitvoering: 'reach.report.nav.delivery', bereik: 'reach.report.nav.reach', vrijwilligers: 'reach.report.nav.volunteers' };

const labels = (v: View): Record<string, string> => Object.fromEntries(filterKeys.map((k) => [k, v.t(`reach.report.field.${k}` as MessageKey)]));

interface Options {
  refs: ReportRefs;
  organisations: { id: string; name: string }[];
  activities: { id: string; title: string }[];
}

const label = (v: View, name: string) => v.t(`reach.report.field.${name}` as MessageKey);

/** A filter: the platform's select, with "all" (no filter) first. */
const FilterSelect: FC<{ v: View; name: string; value?: string; options: { value: string; label: string }[]; errors: FieldError[] }> = ({ v, name, value, options, errors }) => (
  <Select name={name} label={label(v, name)} value={value ?? ''} errors={errors} options={[{ value: '', label: v.t('reach.report.all') }, ...options]} />
);

const FilterInput: FC<{ v: View; name: string; value?: string; type: string; errors: FieldError[] }> = ({ v, name, value, type, errors }) => <TextField name={name} type={type} label={label(v, name)} value={value} errors={errors} />;

const FilterForm: FC<{ v: View; kind: Kind; raw: Record<string, string>; opts: Options; errors: FieldError[] }> = ({ v, kind, raw, opts, errors }) => (
  <form method="get" action={`/verantwoording/${kind}`} class="sb-form" aria-labelledby="filters-titel">
    <H2 id="filters-titel">{v.t('reach.report.filters')}</H2>
    <div class="sb-filter-grid">
    <FilterInput v={v} name="year" type="number" value={raw.year} errors={errors} />
    <FilterInput v={v} name="from" type="date" value={raw.from} errors={errors} />
    <FilterInput v={v} name="to" type="date" value={raw.to} errors={errors} />
    <FilterSelect v={v} name="theme" value={raw.theme} errors={errors} options={opts.refs.themes.map((t) => ({ value: t.slug, label: t.name }))} />
    <FilterSelect v={v} name="subGoal" value={raw.subGoal} errors={errors} options={opts.refs.subGoals.map((s) => ({ value: s.key, label: `${s.key} ${s.text.slice(0, 90)}` }))} />
    <FilterSelect v={v} name="targetGroup" value={raw.targetGroup} errors={errors} options={opts.refs.targetGroups.map((g) => ({ value: g.key, label: g.name }))} />
    <FilterSelect v={v} name="district" value={raw.district} errors={errors} options={opts.refs.districts.map((d) => ({ value: d.code, label: d.name }))} />
    <FilterSelect v={v} name="wijk" value={raw.wijk} errors={errors} options={opts.refs.wijken.map((w) => ({ value: w.code, label: `${w.name} (${w.code})` }))} />
    <FilterSelect v={v} name="organisation" value={raw.organisation} errors={errors} options={opts.organisations.map((o) => ({ value: o.id, label: o.name }))} />
    <FilterSelect v={v} name="activity" value={raw.activity} errors={errors} options={opts.activities.map((a) => ({ value: a.id, label: a.title }))} />
    </div>
    <button type="submit" class="utrecht-button utrecht-button--primary-action">
      {v.t('reach.report.filter')}
    </button>
  </form>
);

/** A report table: caption, column headers (scope col), the first cell of each row a row header (scope row). */
export const ReportTableView: FC<{ table: ReportTable; v: View }> = ({ table, v }) => (
  <div class="utrecht-table-container" role="region" tabindex={0} aria-labelledby={`tabel-${table.id}`}>
    <table class="utrecht-table">
      <caption class="utrecht-table__caption" id={`tabel-${table.id}`}>
        {table.caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          {table.head.map((h) => (
            <th class="utrecht-table__header-cell" scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        {table.rows.length === 0 ? (
          <tr class="utrecht-table__row">
            <td class="utrecht-table__cell" colspan={table.head.length}>
              {v.t('reach.report.empty')}
            </td>
          </tr>
        ) : (
          table.rows.map((r, i) => (
            <tr class="utrecht-table__row">
              {r.map((cell, j) =>
                j === 0 ? (
                  <th class="utrecht-table__header-cell" scope="row">
                    {cell}
                  </th>
                ) : (
                  <td class="utrecht-table__cell">{table.marks?.[i] && typeof cell === 'string' && /^[↓↑]/.test(cell) ? <strong>{cell}</strong> : typeof cell === 'number' ? numberFormat(localeOf(v.lang)).format(cell) : cell}</td>
                ),
              )}
            </tr>
          ))
        )}
      </tbody>
    </table>
  </div>
);

const noteOf = (v: View, d: Disclosure) => (d.exact ? v.t('reach.report.note.exact') : v.t('reach.report.note.rule'));

function rawFilters(c: Context<AppEnv>): Record<string, string> {
  const q = c.req.query();
  const raw: Record<string, string> = {};
  for (const k of filterKeys) if (q[k] !== undefined && q[k] !== '') raw[k] = q[k];
  if (!raw.year) raw.year = String(c.get('ctx').now().getUTCFullYear());
  return raw;
}

async function options(c: Context<AppEnv>, year: number): Promise<Options> {
  const ctx = c.get('ctx');
  const y = Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : ctx.now().getUTCFullYear();
  const [refs, orgs, acts] = [await loadRefs(ctx), await listOrganisations(ctx), await activityMeta(ctx, y, `${y}-01-01`, `${y}-12-31`)];
  return { refs, organisations: orgs.map((o) => ({ id: o.id, name: o.name })), activities: acts.map((a) => ({ id: a.id, title: a.title })).sort((a, b) => a.title.localeCompare(b.title, 'nl')) };
}

async function reportPage(c: Context<AppEnv>, kind: Kind) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const raw = rawFilters(c);
  const format = c.req.query('formaat');
  let tables: ReportTable[] = [];
  let disclosure: Disclosure | null = null;
  let errors: FieldError[] = [];
  let ownRows: DeliveryRow[] = [];
  let year = Number(raw.year);
  try {
    const input = raw as ReportFiltersInput;
    if (kind === 'bereik') {
      const r = await reachReport(ctx, input);
      tables = reachTables(r, v.t);
      disclosure = r.disclosure;
    } else if (kind === 'uitvoering') {
      const r = await deliveryReport(ctx, input);
      tables = deliveryTables(r, v.t);
      disclosure = r.disclosure;
      ownRows = r.rows.filter((x) => x.mayExplain);
      year = r.filters.year;
    } else {
      const r = await volunteersReport(ctx, input);
      tables = volunteerTables(r, v.t);
      disclosure = r.disclosure;
    }
  } catch (err) {
    errors = formErrors(err, v.lang, labels(v));
  }
  const title = v.t(titles[kind]);
  if (disclosure && (format === 'csv' || format === 'xlsx')) {
    const name = `${kind}-${raw.year}`;
    const note = noteOf(v, disclosure);
    if (format === 'csv') return c.body(tablesCsv(title, note, tables), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}.csv"` });
    const file = await tablesXlsx(title, note, tables);
    return c.body(new Uint8Array(file), 200, { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}.xlsx"` });
  }
  const opts = await options(c, year);
  const query = filterQuery(raw);
  return c.html(
    <Layout v={v} title={title}>
      <nav aria-label={v.t('reach.report.pages')}>
        <ul class="utrecht-link-list utrecht-link-list--horizontal">
          {(['uitvoering', 'bereik', 'vrijwilligers'] as Kind[]).map((k) => (
            <li class="utrecht-link-list__item">
              <a class="utrecht-link" href={`/verantwoording/${k}?${query}`} aria-current={k === kind ? 'page' : undefined}>
                {v.t(navLabels[k])}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <H1>{title}</H1>
      <P>{v.t(kind === 'bereik' ? 'reach.report.reach.intro' : kind === 'uitvoering' ? 'reach.report.delivery.intro' : 'reach.report.volunteers.intro')}</P>
      {kind === 'uitvoering' && (
        <>
          <P>{v.t('reach.report.note.crucial')}</P>
          <P>{v.t('reach.report.delivery.threshold', { pct: Math.round(DEVIATION_THRESHOLD * 100) })}</P>
          <P>{v.t('reach.report.delivery.periodNote')}</P>
        </>
      )}
      {kind === 'bereik' && <P>{v.t('reach.report.reach.residenceNote')}</P>}
      {c.req.query('opgeslagen') && <Alert type="ok">{v.t('reach.report.explanationSaved')}</Alert>}
      <ErrorSummary v={v} errors={errors} />
      <FilterForm v={v} kind={kind} raw={raw} opts={opts} errors={errors} />
      {disclosure && (
        <>
          <div class="utrecht-alert utrecht-alert--info" id="geheimhouding">
            <div class="utrecht-alert__content">
              <p class="utrecht-paragraph">{noteOf(v, disclosure)}</p>
            </div>
          </div>
          <P>
            {v.t('reach.report.export')}:{' '}
            <a class="utrecht-link" href={`/verantwoording/${kind}?${filterQuery(raw, { formaat: 'csv' })}`}>
              {v.t('reach.report.exportCsv')}
            </a>
            {' · '}
            <a class="utrecht-link" href={`/verantwoording/${kind}?${filterQuery(raw, { formaat: 'xlsx' })}`}>
              {v.t('reach.report.exportXlsx')}
            </a>
          </P>
          {tables.map((tb) => (
            <ReportTableView table={tb} v={v} />
          ))}
        </>
      )}
      {ownRows.length > 0 && (
        <section aria-labelledby="toelichting">
          <H2 id="toelichting">{v.t('reach.report.explanation')}</H2>
          {ownRows.map((r) => (
            <form method="post" action="/verantwoording/uitvoering/toelichting" class="sb-form">
              <Csrf v={v} />
              <input type="hidden" name="activityId" value={r.activityId} />
              <input type="hidden" name="year" value={String(year)} />
              <input type="hidden" name="terug" value={query} />
              <div class="utrecht-form-field">
                <div class="utrecht-form-field__label">
                  <label class="utrecht-form-label" for={`toelichting-${r.activityId}`}>
                    {`${v.t('reach.report.field.explanation')}: ${r.activityTitle}${r.deviation ? ` (${v.t(r.deviation === 'under' ? 'reach.report.deviationUnder' : 'reach.report.deviationOver')})` : ''}`}
                  </label>
                </div>
                <div class="utrecht-form-field__input">
                  <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={`toelichting-${r.activityId}`} name="text" rows={3}>
                    {r.explanation}
                  </textarea>
                </div>
              </div>
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {v.t('reach.report.explanationSave')}
              </button>
            </form>
          ))}
        </section>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerReportPages(app: OpenAPIHono<AppEnv>) {
  app.get('/verantwoording/uitvoering', (c) => reportPage(c, 'uitvoering'));
  app.get('/verantwoording/bereik', (c) => reportPage(c, 'bereik'));
  app.get('/verantwoording/vrijwilligers', (c) => reportPage(c, 'vrijwilligers'));
  app.post('/verantwoording/uitvoering/toelichting', async (c) => {
    const body = await readForm(c);
    await saveExplanation(c.get('ctx'), { activityId: str(body, 'activityId'), year: str(body, 'year') }, { text: str(body, 'text') });
    const back = new URLSearchParams(str(body, 'terug'));
    const q = new URLSearchParams();
    for (const k of filterKeys) if (back.get(k)) q.set(k, back.get(k)!);
    q.set('opgeslagen', '1');
    return c.redirect(`/verantwoording/uitvoering?${q.toString()}#toelichting`, 303);
  });
}
