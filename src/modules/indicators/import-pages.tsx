/** @jsxImportSource hono/jsx */
// Import pages: upload a file of indicator values (long or wide layout; a background job reads it), follow its
// progress, see the result or every row error (with CSV/XLSX downloads of the error report); and upload the
// GeoJSON boundaries of wijken or buurten. Everything works without JavaScript: the progress page has a refresh
// link instead of polling.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, FileField, Select, Csrf, Submit, Table, Breadcrumbs, UL, type View } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import { translate, type FieldError } from '../../platform/http/errors.ts';
import { formatDateTime, type MessageKey } from '../../platform/i18n/index.ts';
import { rowErrorsCsv, rowErrorsXlsx, type RowError } from '../../platform/import/report.ts';
import { loadAreaBoundaries, SetupError } from '../framework/service.ts';
import { getImport, listImports, startImport, type ImportView } from './import-records.ts';
import { ID } from './policy.ts';
import { CSS_URL, crumbs } from './pages.tsx';

const IMPORT_PATH = '/indicatoren/import';
const SHOWN_ERRORS = 500;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const statusLabel = (v: View, s: ImportView['status']) => v.t(`indicators.import.status.${s}`);

async function uploadPage(c: Context<AppEnv>, errors: FieldError[] = [], status: 200 | 400 = 200) {
  const v = viewOf(c);
  const recent = await listImports(c.get('ctx'), 10);
  return c.html(
    <Layout v={v} title={v.t('indicators.import.title')}>
      <link rel="stylesheet" href={CSS_URL} />
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{v.t('indicators.import.title')}</H1>
      <P>{v.t('indicators.import.intro')}</P>
      <UL items={[v.t('indicators.import.long'), v.t('indicators.import.wide'), v.t('indicators.import.codes'), v.t('indicators.import.benchmarks'), v.t('indicators.import.repeat')]} />
      <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <FileField name="file" label={v.t('indicators.import.file')} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" errors={errors} required />
        <Select
          name="layout"
          label={v.t('indicators.import.layout')}
          value="auto"
          errors={errors}
          options={[
            { value: 'auto', label: v.t('indicators.import.layout.auto') },
            { value: 'long', label: v.t('indicators.import.layout.long') },
            { value: 'wide', label: v.t('indicators.import.layout.wide') },
          ]}
        />
        <TextField name="period" label={v.t('indicators.import.period')} description={v.t('indicators.import.periodHint')} errors={errors} />
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="veld-benchmark" name="benchmark" value="1" />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-benchmark">
            {v.t('indicators.import.benchmarkFile')}
          </label>
        </div>
        <Submit>{v.t('indicators.import.submit')}</Submit>
      </form>
      {recent.length > 0 && (
        <>
          <H2 id="eerdere">{v.t('indicators.import.recent')}</H2>
          <Table
            caption={v.t('indicators.import.recent')}
            head={[v.t('indicators.import.file'), v.t('indicators.col.when'), v.t('indicators.import.col.status'), v.t('indicators.import.col.values')]}
            rows={recent.map((i) => [<A href={`${IMPORT_PATH}/${i.id}`}>{i.fileName}</A>, formatDateTime(v.lang, i.createdAt), statusLabel(v, i.status), String(i.added + i.replaced + i.unchanged)])}
          />
        </>
      )}
    </Layout>,
    status,
  );
}

function resultPage(c: Context<AppEnv>, imp: ImportView) {
  const v = viewOf(c);
  const busy = imp.status === 'queued' || imp.status === 'running';
  const message = imp.message ? translate(v.lang, imp.message.key, imp.message.params) : null;
  return c.html(
    <Layout v={v} title={v.t('indicators.import.detailTitle', { file: imp.fileName })}>
      <Breadcrumbs v={v} items={[...crumbs(v), { href: IMPORT_PATH, label: v.t('indicators.import.title') }]} />
      <H1>{v.t('indicators.import.detailTitle', { file: imp.fileName })}</H1>
      <P>
        {formatDateTime(v.lang, imp.createdAt)} · {v.t('indicators.import.col.status')}: <strong>{statusLabel(v, imp.status)}</strong>
      </P>
      {busy && (
        <Alert type="info">
          <P>{imp.progress.total ? v.t('indicators.import.progress', { done: imp.progress.done, total: imp.progress.total, phase: imp.progress.message ?? '' }) : v.t('indicators.import.waiting')}</P>
          <P>
            <A href={`${IMPORT_PATH}/${imp.id}`}>{v.t('indicators.import.refresh')}</A>
          </P>
        </Alert>
      )}
      {imp.status === 'imported' && <Alert type="ok">{v.t('indicators.import.done', { added: imp.added, replaced: imp.replaced, unchanged: imp.unchanged, benchmarks: imp.benchmarks })}</Alert>}
      {imp.status === 'rejected' && <Alert type="error">{message ?? v.t('indicators.import.rejected', { n: imp.errorCount })}</Alert>}
      {imp.status === 'failed' && <Alert type="error">{v.t('indicators.import.failed')}</Alert>}
      {imp.errorCount > 0 && (
        <>
          <H2 id="fouten-per-regel">{v.t('indicators.import.errorsTitle')}</H2>
          <P>{v.t('indicators.import.fixHint')}</P>
          <P>
            <A href={`${IMPORT_PATH}/${imp.id}/fouten.csv`}>{v.t('indicators.import.errorsCsv')}</A> · <A href={`${IMPORT_PATH}/${imp.id}/fouten.xlsx`}>{v.t('indicators.import.errorsXlsx')}</A>
          </P>
          <Table
            id="fouten-tabel"
            caption={v.t('indicators.import.errorsCaption', { shown: Math.min(SHOWN_ERRORS, imp.errors.length), n: imp.errorCount })}
            head={[v.t('import.report.row'), v.t('import.report.column'), v.t('import.report.value'), v.t('import.report.reason')]}
            rows={imp.errors.slice(0, SHOWN_ERRORS).map((e) => [String(e.row), e.column, e.value, translate(v.lang, e.reason, e.params)])}
          />
        </>
      )}
      {!busy && (
        <P>
          <A href={IMPORT_PATH}>{v.t('indicators.import.again')}</A> · <A href="/indicatoren">{v.t('indicators.title')}</A>
        </P>
      )}
    </Layout>,
  );
}

async function areasPage(c: Context<AppEnv>, result: { ok?: string; heading?: string; problems?: string[] } = {}, status: 200 | 400 = 200) {
  const v = viewOf(c);
  return c.html(
    <Layout v={v} title={v.t('indicators.areas.title')}>
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{v.t('indicators.areas.title')}</H1>
      <P>{v.t('indicators.areas.intro')}</P>
      {result.ok && <Alert type="ok">{result.ok}</Alert>}
      {result.heading && (
        <div class="utrecht-alert utrecht-alert--error" role="alert" tabindex={-1} id="fouten">
          <P>{result.heading}</P>
          <UL items={result.problems ?? []} />
        </div>
      )}
      <form method="post" action="/indicatoren/gebieden" enctype="multipart/form-data" class="sb-form" novalidate>
        <Csrf v={v} />
        <FileField name="file" label={v.t('indicators.areas.file')} accept=".geojson,.json,application/geo+json,application/json" required />
        <Submit>{v.t('indicators.areas.submit')}</Submit>
      </form>
      <P>{v.t('indicators.areas.cli')}</P>
    </Layout>,
    status,
  );
}

export function registerImportPages(app: OpenAPIHono<AppEnv>) {
  app.get(IMPORT_PATH, (c) => uploadPage(c));
  app.post(IMPORT_PATH, async (c) => {
    const v = viewOf(c);
    const body = await c.req.parseBody();
    const file = body.file;
    try {
      const content = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      const layout = body.layout === 'long' || body.layout === 'wide' ? body.layout : 'auto';
      const imp = await startImport(c.get('ctx'), { fileName: file instanceof File ? file.name : '', content, layout, period: typeof body.period === 'string' ? body.period.trim() || null : null, benchmarkFile: body.benchmark === '1' });
      return c.redirect(`${IMPORT_PATH}/${imp.id}`, 303);
    } catch (err) {
      return uploadPage(c, formErrors(err, v.lang, { file: v.t('indicators.import.file'), period: v.t('indicators.import.period') }).map((e) => (e.field === 'form' ? { ...e, field: 'file' } : e)), 400);
    }
  });
  app.get(`${IMPORT_PATH}/${ID}`, async (c) => resultPage(c, await getImport(c.get('ctx'), c.req.param('id')!)));
  const report = (imp: ImportView): RowError[] => imp.errors.map((e) => ({ ...e, reason: e.reason as MessageKey }));
  app.get(`${IMPORT_PATH}/${ID}/fouten.csv`, async (c) => {
    const imp = await getImport(c.get('ctx'), c.req.param('id')!);
    return c.body(new Uint8Array(rowErrorsCsv(viewOf(c).lang, report(imp))), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="fouten-indicatoren.csv"' });
  });
  app.get(`${IMPORT_PATH}/${ID}/fouten.xlsx`, async (c) => {
    const imp = await getImport(c.get('ctx'), c.req.param('id')!);
    return c.body(new Uint8Array(await rowErrorsXlsx(viewOf(c).lang, report(imp))), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': 'attachment; filename="fouten-indicatoren.xlsx"' });
  });
  app.get('/indicatoren/gebieden', (c) => areasPage(c));
  app.post('/indicatoren/gebieden', async (c) => {
    const v = viewOf(c);
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return areasPage(c, { heading: v.t('indicators.import.error.noFile'), problems: [] }, 400);
    try {
      const r = await loadAreaBoundaries(c.get('ctx'), { fileName: file.name, text: Buffer.from(await file.arrayBuffer()).toString('utf8') });
      return areasPage(c, { ok: v.t('indicators.areas.done', { n: r.boundaries, level: v.t(`indicators.level.${r.kind}`), unchanged: r.unchanged }) });
    } catch (err) {
      if (err instanceof SetupError) return areasPage(c, { heading: err.heading, problems: err.problems.slice(0, 50) }, 400);
      throw err;
    }
  });
}
