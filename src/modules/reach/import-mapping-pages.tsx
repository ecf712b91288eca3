/** @jsxImportSource hono/jsx */
// Column mappings of an organisation, for files in another layout than the template: step 1 reads the headers of
// a sample file, step 2 chooses per template column the file's column and saves it under a name. No JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, Select, TextField, Csrf, Submit, Table, FileField } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { getOrganisation } from '../network/service.ts';
import { fileHeaders, listMappings, saveMapping } from './import-records.ts';
import { templateColumns, requiredColumns } from './import-validate.ts';
import { ATTENDANCE_FILE_TYPES, IMPORT_PATH } from './import-pages.tsx';

const PATH = `${IMPORT_PATH}/koppelingen`;

async function organisationOf(c: Context<AppEnv>, chosen?: string) {
  const ctx = c.get('ctx');
  const actor = ctx.actor!;
  const id = hasRole(actor, 'administrator') ? (chosen ?? c.req.query('organisatie')) : actor.organisationId;
  return id && /^[0-9a-f-]{36}$/i.test(id) ? getOrganisation(ctx, id).catch(() => null) : null;
}

interface Step2 {
  headers: string[];
  name: string;
  mapping: Record<string, string>;
}

async function mappingPage(c: Context<AppEnv>, opts: { errors?: FieldError[]; status?: 200 | 400; step2?: Step2; saved?: string; chosen?: string } = {}) {
  const v = viewOf(c);
  const errors = opts.errors ?? [];
  const org = await organisationOf(c, opts.chosen);
  const mappings = org ? await listMappings(c.get('ctx'), org.id) : [];
  const step2 = opts.step2;
  const describe = (m: Record<string, string>) => templateColumns.filter((k) => m[k]).map((k) => `${k} ← ${m[k]}`).join(', ');
  return c.html(
    <Layout v={v} title={v.t('reach.mapping.title')}>
      <P>
        <A href={`${IMPORT_PATH}${org && hasRole(v.actor, 'administrator') ? `?organisatie=${org.id}` : ''}`}>{v.t('reach.import.back')}</A>
      </P>
      <H1>{v.t('reach.mapping.title')}</H1>
      <P>{v.t('reach.mapping.intro')}</P>
      {opts.saved && <Alert type="ok">{v.t('reach.mapping.saved', { name: opts.saved })}</Alert>}
      {!org ? (
        <Alert type="info">{v.t(hasRole(v.actor, 'administrator') ? 'reach.import.chooseOrganisationFirst' : 'reach.import.noOrganisation')}</Alert>
      ) : (
        <>
          <P>
            {v.t('reach.import.organisation')}: <strong>{org.name}</strong>
          </P>
          <H2>{v.t('reach.mapping.list')}</H2>
          {mappings.length === 0 ? (
            <P>{v.t('reach.mapping.empty')}</P>
          ) : (
            <Table id="koppelingen" caption={v.t('reach.mapping.list')} head={[v.t('reach.mapping.name'), v.t('reach.mapping.colMapping')]} rows={mappings.map((m) => [m.name, describe(m.mapping)])} />
          )}
          {!step2 ? (
            <>
              <H2>{v.t('reach.mapping.step1')}</H2>
              <form method="post" action={PATH} enctype="multipart/form-data" class="sb-form" novalidate>
                <Csrf v={v} />
                <ErrorSummary v={v} errors={errors} />
                <input type="hidden" name="organisationId" value={org.id} />
                <input type="hidden" name="stap" value="1" />
                <FileField name="file" label={v.t('reach.mapping.sample')} description={v.t('reach.mapping.sampleHint')} errors={errors} accept={ATTENDANCE_FILE_TYPES} required />
                <Submit>{v.t('reach.mapping.read')}</Submit>
              </form>
            </>
          ) : (
            <>
              <H2>{v.t('reach.mapping.step2')}</H2>
              <form method="post" action={PATH} class="sb-form" novalidate>
                <Csrf v={v} />
                <ErrorSummary v={v} errors={errors} />
                <input type="hidden" name="organisationId" value={org.id} />
                <input type="hidden" name="stap" value="2" />
                {step2.headers.map((h) => (
                  <input type="hidden" name="headers" value={h} />
                ))}
                <TextField name="name" label={v.t('reach.mapping.name')} value={step2.name} errors={errors} required />
                {templateColumns.map((col) => (
                  <Select
                    name={`mapping.${col}`}
                    label={v.t('reach.mapping.column', { column: col })}
                    description={`${v.t(`reach.import.help.${col}`)}${requiredColumns.includes(col) ? ` ${v.t('reach.mapping.requiredHint')}` : ''}`}
                    value={step2.mapping[col] ?? ''}
                    errors={errors}
                    options={[{ value: '', label: v.t('reach.mapping.none') }, ...step2.headers.map((h) => ({ value: h, label: h }))]}
                  />
                ))}
                <Submit>{v.t('reach.mapping.save')}</Submit>
              </form>
            </>
          )}
        </>
      )}
    </Layout>,
    opts.status ?? 200,
  );
}

/** A guess: the file's header that equals the template column (case ignored). */
const guess = (headers: string[]) => Object.fromEntries(templateColumns.flatMap((col) => headers.filter((h) => h.trim().toLowerCase() === col).slice(0, 1).map((h) => [col, h])));

export function registerMappingPages(app: OpenAPIHono<AppEnv>) {
  app.get(PATH, (c) => mappingPage(c));
  app.post(PATH, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const body = await c.req.parseBody({ all: true });
    const one = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const organisationId = one('organisationId');
    if (one('stap') === '2') {
      const headers = ([] as unknown[]).concat(body.headers ?? []).filter((h): h is string => typeof h === 'string');
      const mapping = Object.fromEntries(templateColumns.map((col) => [col, one(`mapping.${col}`)]).filter(([, h]) => h && headers.includes(h)));
      try {
        const saved = await saveMapping(ctx, { organisationId, name: one('name'), mapping });
        return mappingPage(c, { saved: saved.name, chosen: organisationId });
      } catch (err) {
        const labels = { name: v.t('reach.mapping.name'), ...Object.fromEntries(templateColumns.map((col) => [`mapping.${col}`, v.t('reach.mapping.column', { column: col })])) };
        return mappingPage(c, { errors: formErrors(err, v.lang, labels), status: 400, step2: { headers, name: one('name'), mapping }, chosen: organisationId });
      }
    }
    const file = body.file;
    try {
      const content = file instanceof File ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
      const headers = await fileHeaders(ctx, organisationId, content);
      return mappingPage(c, { step2: { headers, name: '', mapping: guess(headers) }, chosen: organisationId });
    } catch (err) {
      const errors = formErrors(err, v.lang, { file: v.t('reach.mapping.sample') }).map((e) => (e.field === 'form' ? { ...e, field: 'file' } : e));
      return mappingPage(c, { errors, status: 400, chosen: organisationId });
    }
  });
}
