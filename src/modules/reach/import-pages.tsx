/** @jsxImportSource hono/jsx */
// Import pages: upload an attendance file (a background job reads it), follow its progress, see the result with
// the row-by-row errors and download them, run it again with only the valid rows; the template; the history.
// Everything works without JavaScript: the progress page has a refresh link instead of polling.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, Select, Csrf, Submit, Table, UL, FileField, type View } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { translate } from '../../platform/http/errors.ts';
import { formatDateTime } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { getOrganisation, listOrganisations } from '../network/service.ts';
import { ID } from './policy.ts';
import { getImport, listImports, listMappings, retryValidRows, startImport, type ImportView } from './import-records.ts';
import { errorReportCsv, errorReportXlsx, templateCsv, templateXlsx } from './import-report.ts';
import { HIDDEN, templateColumns } from './import-validate.ts';
import { MAX_FILE_BYTES } from './import-parse.ts';

export const IMPORT_PATH = '/verantwoording/import';
const SHOWN_ERRORS = 500;
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const statusLabel = (v: View, s: ImportView['status']) => v.t(`reach.import.status.${s}`);

export const ATTENDANCE_FILE_TYPES = '.csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The organisation the page works for: staff their own; an administrator the one chosen (?organisatie=). */
async function organisationOf(c: Context<AppEnv>, chosen?: string): Promise<{ id: string; name: string } | null> {
  const ctx = c.get('ctx');
  const actor = ctx.actor!;
  if (!hasRole(actor, 'administrator')) return actor.organisationId ? getOrganisation(ctx, actor.organisationId).catch(() => null) : null;
  const id = chosen ?? c.req.query('organisatie');
  return id && /^[0-9a-f-]{36}$/i.test(id) ? getOrganisation(ctx, id).catch(() => null) : null;
}

async function uploadPage(c: Context<AppEnv>, errors: FieldError[] = [], status: 200 | 400 | 413 = 200, chosenOrg?: string) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const isAdmin = hasRole(v.actor, 'administrator');
  const org = await organisationOf(c, chosenOrg);
  const mappings = org ? await listMappings(ctx, org.id) : [];
  const history = await listImports(ctx, org?.id);
  const names = isAdmin ? new Map((await listOrganisations(ctx)).map((o) => [o.id, o.name])) : new Map<string, string>();
  return c.html(
    <Layout v={v} title={v.t('reach.import.title')}>
      <H1>{v.t('reach.import.title')}</H1>
      <P>{v.t('reach.import.intro')}</P>
      <P>{v.t('reach.import.privacy')}</P>
      <H2>{v.t('reach.import.templateTitle')}</H2>
      <P>{v.t('reach.import.templateIntro')}</P>
      <UL items={templateColumns.map((col) => <><code>{col}</code>: {v.t(`reach.import.help.${col}`)}</>)} />
      <P>
        <A href={`${IMPORT_PATH}/sjabloon.xlsx`}>{v.t('reach.import.templateXlsx')}</A> · <A href={`${IMPORT_PATH}/sjabloon.csv`}>{v.t('reach.import.templateCsv')}</A> · <A href={`${IMPORT_PATH}/koppelingen${org && isAdmin ? `?organisatie=${org.id}` : ''}`}>{v.t('reach.mapping.title')}</A>
      </P>
      <H2>{v.t('reach.import.uploadTitle')}</H2>
      {isAdmin && (
        <form method="get" action={IMPORT_PATH} class="sb-actions">
          <Select name="organisatie" label={v.t('reach.import.organisation')} value={org?.id ?? ''} errors={[]} options={[{ value: '', label: v.t('reach.import.chooseOrganisation') }, ...[...names].map(([id, name]) => ({ value: id, label: name }))]} />
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {v.t('reach.import.chooseOrganisationButton')}
          </button>
        </form>
      )}
      {!org ? (
        <Alert type="info">{v.t(isAdmin ? 'reach.import.chooseOrganisationFirst' : 'reach.import.noOrganisation')}</Alert>
      ) : (
        <form method="post" action={IMPORT_PATH} enctype="multipart/form-data" class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          <input type="hidden" name="organisationId" value={org.id} />
          <P>
            {v.t('reach.import.organisation')}: <strong>{org.name}</strong>
          </P>
          <FileField name="file" label={v.t('reach.import.file')} description={v.t('reach.import.fileHint', { max: MAX_FILE_BYTES / 1024 / 1024 })} errors={errors} accept={ATTENDANCE_FILE_TYPES} required />
          <Select name="mapping" label={v.t('reach.import.mapping')} description={v.t('reach.import.mappingHint')} value="" errors={errors} options={[{ value: '', label: v.t('reach.import.noMapping') }, ...mappings.map((m) => ({ value: m.id, label: m.name }))]} />
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id="veld-acceptValid" name="acceptValid" value="1" />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-acceptValid">
              {v.t('reach.import.acceptValid')}
            </label>
          </div>
          <Submit>{v.t('reach.import.submit')}</Submit>
        </form>
      )}
      <H2>{v.t('reach.import.history')}</H2>
      {history.length === 0 ? (
        <P>{v.t('reach.import.none')}</P>
      ) : (
        <Table
          id="eerdere-imports"
          caption={v.t('reach.import.history')}
          head={[v.t('reach.import.col.file'), ...(isAdmin ? [v.t('reach.import.organisation')] : []), v.t('reach.import.col.created'), v.t('reach.import.col.status'), v.t('reach.import.count.totalRows'), v.t('reach.import.count.newVisits'), v.t('reach.import.count.errorCount')]}
          rows={history.map((h) => [<A href={`${IMPORT_PATH}/${h.id}`}>{h.fileName}</A>, ...(isAdmin ? [names.get(h.organisationId) ?? ''] : []), formatDateTime(v.lang, h.createdAt), statusLabel(v, h.status), String(h.totalRows), String(h.newVisits), String(h.errorCount)])}
        />
      )}
    </Layout>,
    status,
  );
}

function resultPage(c: Context<AppEnv>, imp: ImportView, orgName: string) {
  const v = viewOf(c);
  const busy = imp.status === 'queued' || imp.status === 'running';
  const message = imp.message ? imp.message.split('\n')[v.lang === 'en' ? 1 : 0] ?? imp.message : null;
  const counts: [string, number][] = [
    [v.t('reach.import.count.totalRows'), imp.totalRows],
    [v.t('reach.import.count.validRows'), imp.validRows],
    [v.t('reach.import.count.newVisits'), imp.newVisits],
    [v.t('reach.import.count.newSessions'), imp.newSessions],
    [v.t('reach.import.count.errorCount'), imp.errorCount],
  ];
  return c.html(
    <Layout v={v} title={v.t('reach.import.detailTitle', { file: imp.fileName })}>
      <P>
        <A href={IMPORT_PATH}>{v.t('reach.import.back')}</A>
      </P>
      <H1>{v.t('reach.import.detailTitle', { file: imp.fileName })}</H1>
      <P>
        {orgName} · {formatDateTime(v.lang, imp.createdAt)} · {v.t('reach.import.col.status')}: <strong>{statusLabel(v, imp.status)}</strong>
      </P>
      {busy && (
        <Alert type="info">
          <P>{imp.progress.total ? v.t('reach.import.progress', { done: imp.progress.done, total: imp.progress.total, phase: imp.progress.message ?? '' }) : v.t('reach.import.waiting')}</P>
          <P>
            {v.t('reach.import.refreshHint')} <A href={`${IMPORT_PATH}/${imp.id}`}>{v.t('reach.import.refresh')}</A>
          </P>
        </Alert>
      )}
      {imp.status === 'imported' && <Alert type="ok">{v.t('reach.import.done', { visits: imp.newVisits, sessions: imp.newSessions, rows: imp.validRows })}</Alert>}
      {imp.status === 'rejected' && <Alert type="error">{message ?? v.t('reach.import.rejected', { n: imp.errorCount })}</Alert>}
      {imp.status === 'failed' && <Alert type="error">{message ?? v.t('reach.import.failed')}</Alert>}
      {!busy && !message && (
        <Table id="resultaat" caption={v.t('reach.import.summary')} head={[v.t('reach.import.col.what'), v.t('reach.import.col.number')]} rows={counts.map(([k, n]) => [k, String(n)])} />
      )}
      {imp.canRetryValid && (
        <form method="post" action={`${IMPORT_PATH}/${imp.id}/geldige-regels`} class="sb-form">
          <Csrf v={v} />
          <P>{v.t('reach.import.retryValidHelp', { n: imp.validRows, rejected: imp.totalRows - imp.validRows })}</P>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('reach.import.retryValid')}
          </button>
        </form>
      )}
      {imp.errorCount > 0 && (
        <>
          <H2 id="fouten-per-regel">{v.t('reach.import.errorsTitle')}</H2>
          <P>{v.t('reach.import.fixHint')}</P>
          <P>
            <A href={`${IMPORT_PATH}/${imp.id}/fouten.csv`}>{v.t('reach.import.errorsCsv')}</A> · <A href={`${IMPORT_PATH}/${imp.id}/fouten.xlsx`}>{v.t('reach.import.errorsXlsx')}</A>
          </P>
          {imp.errorCount > Math.min(SHOWN_ERRORS, imp.errors.length) && <P>{v.t('reach.import.errorsShown', { shown: Math.min(SHOWN_ERRORS, imp.errors.length), n: imp.errorCount })}</P>}
          <Table
            id="fouten-tabel"
            caption={v.t('reach.import.errorsTitle')}
            head={[v.t('reach.import.col.row'), v.t('reach.import.col.column'), v.t('reach.import.col.value'), v.t('reach.import.col.reason')]}
            rows={imp.errors.slice(0, SHOWN_ERRORS).map((e) => [String(e.row), e.column, e.value === HIDDEN ? v.t('reach.import.hidden') : e.value, translate(v.lang, e.reason)])}
          />
        </>
      )}
      {!busy && (
        <P>
          <A href={IMPORT_PATH}>{v.t('reach.import.newImport')}</A>
        </P>
      )}
    </Layout>,
  );
}

const uploadLabels = (v: View) => ({ file: v.t('reach.import.file'), mapping: v.t('reach.import.mapping') });

export function registerImportPages(app: OpenAPIHono<AppEnv>) {
  app.get(IMPORT_PATH, (c) => uploadPage(c));
  app.post(IMPORT_PATH, async (c) => {
    const v = viewOf(c);
    const body = await c.req.parseBody();
    const organisationId = typeof body.organisationId === 'string' ? body.organisationId : '';
    const file = body.file;
    try {
      const content = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      const imp = await startImport(c.get('ctx'), {
        organisationId,
        fileName: file instanceof File ? file.name : '',
        content,
        mappingId: typeof body.mapping === 'string' && body.mapping ? body.mapping : null,
        acceptValid: body.acceptValid === '1',
      });
      return c.redirect(`${IMPORT_PATH}/${imp.id}`, 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, uploadLabels(v)).map((e) => (e.field === 'form' ? { ...e, field: 'file' } : e));
      return uploadPage(c, errors, 400, organisationId);
    }
  });
  app.get(`${IMPORT_PATH}/sjabloon.csv`, (c) => c.body(new Uint8Array(templateCsv()), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="sjabloon-bezoek.csv"' }));
  app.get(`${IMPORT_PATH}/sjabloon.xlsx`, async (c) => c.body(new Uint8Array(await templateXlsx()), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': 'attachment; filename="sjabloon-bezoek.xlsx"' }));
  app.get(`${IMPORT_PATH}/:id{${ID}}`, async (c) => {
    const ctx = c.get('ctx');
    const imp = await getImport(ctx, c.req.param('id'));
    const org = await getOrganisation(ctx, imp.organisationId).catch(() => ({ name: '' }));
    return resultPage(c, imp, org.name);
  });
  app.get(`${IMPORT_PATH}/:id{${ID}}/fouten.csv`, async (c) => {
    const imp = await getImport(c.get('ctx'), c.req.param('id'));
    return c.body(new Uint8Array(errorReportCsv(c.get('lang'), imp.errors)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="fouten-${imp.id}.csv"` });
  });
  app.get(`${IMPORT_PATH}/:id{${ID}}/fouten.xlsx`, async (c) => {
    const imp = await getImport(c.get('ctx'), c.req.param('id'));
    return c.body(new Uint8Array(await errorReportXlsx(c.get('lang'), imp.errors)), 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': `attachment; filename="fouten-${imp.id}.xlsx"` });
  });
  app.post(`${IMPORT_PATH}/:id{${ID}}/geldige-regels`, async (c) => {
    const next = await retryValidRows(c.get('ctx'), c.req.param('id'));
    return c.redirect(`${IMPORT_PATH}/${next.id}`, 303);
  });
}
