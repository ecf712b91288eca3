/** @jsxImportSource hono/jsx */
// Organisations: public list, administration pages and JSON API.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, Select, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { listOrganisations, getOrganisation, createOrganisation, updateOrganisation, organisationInput, type OrganisationView } from './service.ts';
import { organisationTypes, organisationTypeSchema, type OrganisationType } from './types.ts';

const organisationSchema = z.object({ id: z.uuid(), name: z.string(), type: organisationTypeSchema }).openapi('Organisation');

const OrgForm = ({ v, action, values, errors }: { v: View; action: string; values: { name: string; type: string }; errors: FieldError[] }) => (
  <form method="post" action={action} class="sb-form" novalidate>
    <Csrf v={v} />
    <ErrorSummary v={v} errors={errors} />
    <TextField name="name" label={v.t('field.name')} value={values.name} errors={errors} required />
    <Select name="type" label={v.t('org.type')} value={values.type} errors={errors} options={[{ value: '', label: v.t('org.chooseType') }, ...organisationTypes.map((t) => ({ value: t, label: v.t(`orgType.${t}`) }))]} />
    <div>
      <Submit>{v.t('form.save')}</Submit>
    </div>
  </form>
);

const labels = (v: View) => ({ name: v.t('field.name'), type: v.t('org.type') });

export function registerNetwork(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  app.get('/organisaties', async (c) => {
    const v = viewOf(c);
    const orgs = await listOrganisations(c.get('ctx'));
    return c.html(
      <Layout v={v} title={v.t('nav.organisations')}>
        <H1>{v.t('nav.organisations')}</H1>
        <P>{v.t('org.intro')}</P>
        {organisationTypes.map((type) => {
          const of = orgs.filter((o) => o.type === type);
          return of.length === 0 ? null : (
            <section>
              <H2>{`${v.t(`orgType.${type}`)} (${of.length})`}</H2>
              <ul class="utrecht-unordered-list">
                {of.map((o) => (
                  <li class="utrecht-unordered-list__item">{o.name}</li>
                ))}
              </ul>
            </section>
          );
        })}
      </Layout>,
    );
  });

  const adminList = (v: View, orgs: OrganisationView[], errors: FieldError[], values: { name: string; type: string }, saved: boolean) => (
    <Layout v={v} title={v.t('admin.organisations')}>
      <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
      <H1>{v.t('admin.organisations')}</H1>
      {saved && <Alert type="ok">{v.t('form.saved')}</Alert>}
      <H2>{v.t('org.new')}</H2>
      <OrgForm v={v} action="/beheer/organisaties" values={values} errors={errors} />
      <Table caption={v.t('admin.organisations')} head={[v.t('field.name'), v.t('org.type')]} rows={orgs.map((o) => [<A href={`/beheer/organisaties/${o.id}`}>{o.name}</A>, v.t(`orgType.${o.type}`)])} />
    </Layout>
  );

  app.get('/beheer/organisaties', async (c) => c.html(adminList(viewOf(c), await listOrganisations(c.get('ctx')), [], { name: '', type: '' }, !!c.req.query('opgeslagen'))));

  app.post('/beheer/organisaties', async (c) => {
    const v = viewOf(c);
    const body = await readForm(c);
    const values = { name: str(body, 'name'), type: str(body, 'type') };
    try {
      await createOrganisation(c.get('ctx'), { name: values.name, type: values.type as OrganisationType });
      return c.redirect('/beheer/organisaties?opgeslagen=1', 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, labels(v));
      return c.html(adminList(v, await listOrganisations(c.get('ctx')), errors, values, false), 400);
    }
  });

  const editPage = (v: View, o: OrganisationView, values: { name: string; type: string }, errors: FieldError[]) => (
    <Layout v={v} title={o.name}>
      <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }, { href: '/beheer/organisaties', label: v.t('admin.organisations') }]} />
      <H1>{o.name}</H1>
      <OrgForm v={v} action={`/beheer/organisaties/${o.id}`} values={values} errors={errors} />
    </Layout>
  );

  app.get('/beheer/organisaties/:id', async (c) => {
    const o = await getOrganisation(c.get('ctx'), c.req.param('id'));
    return c.html(editPage(viewOf(c), o, o, []));
  });

  app.post('/beheer/organisaties/:id', async (c) => {
    const v = viewOf(c);
    const o = await getOrganisation(c.get('ctx'), c.req.param('id'));
    const body = await readForm(c);
    const values = { name: str(body, 'name'), type: str(body, 'type') };
    try {
      await updateOrganisation(c.get('ctx'), o.id, { name: values.name, type: values.type as OrganisationType });
      return c.redirect('/beheer/organisaties?opgeslagen=1', 303);
    } catch (err) {
      return c.html(editPage(v, o, values, formErrors(err, v.lang, labels(v))), 400);
    }
  });

  api.openapi(
    createRoute({ method: 'get', path: '/organisations', tags: ['netwerk'], summary: 'Organisaties in de sociale basis', responses: { 200: jsonResponse(z.array(organisationSchema), 'Organisaties'), ...errorResponses() } }),
    async (c) => c.json(await listOrganisations(c.get('ctx')), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      tags: ['netwerk'],
      summary: 'Organisatie toevoegen (beheerder)',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: organisationInput.openapi('OrganisationInput') } } } },
      responses: { 201: jsonResponse(organisationSchema, 'Toegevoegd'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => c.json(await createOrganisation(c.get('ctx'), c.req.valid('json')), 201),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/organisations/{id}',
      tags: ['netwerk'],
      summary: 'Organisatie wijzigen (beheerder)',
      security: [{ sessionCookie: [] }],
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }), body: { required: true, content: { 'application/json': { schema: organisationInput } } } },
      responses: { 200: jsonResponse(organisationSchema, 'Gewijzigd'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(await updateOrganisation(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}
