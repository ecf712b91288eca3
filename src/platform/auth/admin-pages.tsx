/** @jsxImportSource hono/jsx */
// Administration of users and their roles.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, H2, P, A, UL, Alert, ErrorSummary, TextField, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../ui/page.tsx';
import { readForm, str, list, formErrors } from '../ui/forms.ts';
import type { FieldError } from '../http/errors.ts';
import { listUsers, getUser, createUser, updateUser, type UserView } from './service.ts';
import { roles, type Role } from './roles.ts';
import { adminEntries, organisationDirectory } from '../module.ts';
import type { ServiceContext } from '../context.ts';

type OrganisationView = { id: string; name: string };
/** The organisations an account can belong to, from the module that owns them (none: an empty list). */
const listOrganisations = async (ctx: ServiceContext): Promise<OrganisationView[]> => (await organisationDirectory()?.list(ctx)) ?? [];

const userLabels = (v: View) => ({ email: v.t('field.email'), name: v.t('field.name'), password: v.t('field.password'), roles: v.t('field.roles'), organisationId: v.t('field.organisation') });

interface UserFormValues {
  email: string;
  name: string;
  roles: string[];
  organisationId: string;
  disabled?: boolean;
}

const UserForm = ({ v, values, errors, orgs, action, isNew }: { v: View; values: UserFormValues; errors: FieldError[]; orgs: OrganisationView[]; action: string; isNew: boolean }) => (
  <form method="post" action={action} class="sb-form" novalidate>
    <Csrf v={v} />
    <ErrorSummary v={v} errors={errors} />
    {isNew && <TextField name="email" label={v.t('field.email')} type="email" value={values.email} errors={errors} required autocomplete="off" />}
    <TextField name="name" label={v.t('field.name')} value={values.name} errors={errors} required />
    {isNew && <TextField name="password" label={v.t('field.password')} description={v.t('admin.passwordHint')} type="password" errors={errors} autocomplete="new-password" />}
    <Select
      name="organisationId"
      label={v.t('field.organisation')}
      value={values.organisationId}
      errors={errors}
      options={[{ value: '', label: v.t('admin.noOrganisation') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
    />
    <Checkboxes name="roles" label={v.t('field.roles')} values={values.roles} errors={errors} options={roles.map((r) => ({ value: r, label: v.t(`role.${r}`) }))} />
    {!isNew && (
      <Checkboxes name="disabled" label={v.t('admin.accountStatus')} values={values.disabled ? ['1'] : []} errors={errors} options={[{ value: '1', label: v.t('admin.disabled') }]} />
    )}
    <div>
      <Submit>{v.t('form.save')}</Submit>
    </div>
  </form>
);

export function registerAdminPages(app: OpenAPIHono<AppEnv>) {
  app.get('/beheer', (c) => {
    const v = viewOf(c);
    return c.html(
      <Layout v={v} title={v.t('admin.title')}>
        <H1>{v.t('admin.title')}</H1>
        <UL
          items={[
            { href: '/beheer/gebruikers', label: 'admin.users' as const, order: 10 },
            { href: '/beheer/tokens', label: 'tokens.title' as const, order: 15 },
            { href: '/beheer/taken', label: 'jobs.title' as const, order: 80 },
            { href: '/beheer/audit', label: 'admin.audit' as const, order: 90 },
            ...adminEntries(),
          ]
            .sort((a, b) => a.order - b.order)
            .map((e) => (
              <A href={e.href}>{v.t(e.label)}</A>
          ))}
        />
      </Layout>,
    );
  });

  app.get('/beheer/gebruikers', async (c) => {
    const v = viewOf(c);
    const users = await listUsers(c.get('ctx'));
    return c.html(
      <Layout v={v} title={v.t('admin.users')}>
        <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
        <H1>{v.t('admin.users')}</H1>
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('form.saved')}</Alert>}
        <P>
          <A href="/beheer/gebruikers/nieuw">{v.t('admin.newUser')}</A>
        </P>
        <Table
          caption={v.t('admin.users')}
          head={[v.t('field.name'), v.t('field.email'), v.t('field.organisation'), v.t('field.roles'), v.t('admin.accountStatus')]}
          rows={users.map((u: UserView) => [
            <A href={`/beheer/gebruikers/${u.id}`}>{u.name}</A>,
            u.email,
            u.organisationName ?? '—',
            u.roles.map((r) => v.t(`role.${r}`)).join(', ') || '—',
            u.disabled ? v.t('admin.disabled') : v.t('admin.active'),
          ])}
        />
      </Layout>,
    );
  });

  app.get('/beheer/gebruikers/nieuw', async (c) => {
    const v = viewOf(c);
    const orgs = await listOrganisations(c.get('ctx'));
    return c.html(
      <Layout v={v} title={v.t('admin.newUser')}>
        <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }, { href: '/beheer/gebruikers', label: v.t('admin.users') }]} />
        <H1>{v.t('admin.newUser')}</H1>
        <UserForm v={v} values={{ email: '', name: '', roles: [], organisationId: '' }} errors={[]} orgs={orgs} action="/beheer/gebruikers" isNew />
      </Layout>,
    );
  });

  app.post('/beheer/gebruikers', async (c) => {
    const v = viewOf(c);
    const body = await readForm(c);
    const values = { email: str(body, 'email'), name: str(body, 'name'), roles: list(body, 'roles'), organisationId: str(body, 'organisationId') };
    try {
      await createUser(c.get('ctx'), { ...values, roles: values.roles as Role[], password: str(body, 'password') || undefined, organisationId: values.organisationId || null });
      return c.redirect('/beheer/gebruikers?opgeslagen=1', 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, userLabels(v));
      const orgs = await listOrganisations(c.get('ctx'));
      return c.html(
        <Layout v={v} title={v.t('admin.newUser')}>
          <H1>{v.t('admin.newUser')}</H1>
          <UserForm v={v} values={values} errors={errors} orgs={orgs} action="/beheer/gebruikers" isNew />
        </Layout>,
        400,
      );
    }
  });

  const editPage = async (v: View, u: UserView, orgs: OrganisationView[], values: UserFormValues, errors: FieldError[]) => (
    <Layout v={v} title={u.name}>
      <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }, { href: '/beheer/gebruikers', label: v.t('admin.users') }]} />
      <H1>{u.name}</H1>
      <P>{u.email}</P>
      <UserForm v={v} values={values} errors={errors} orgs={orgs} action={`/beheer/gebruikers/${u.id}`} isNew={false} />
      <H2>{v.t('admin.audit')}</H2>
      <P>
        <A href={`/beheer/audit?subjectId=${u.id}`}>{v.t('admin.auditForUser')}</A>
      </P>
    </Layout>
  );

  app.get('/beheer/gebruikers/:id', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const u = await getUser(ctx, c.req.param('id'));
    const orgs = await listOrganisations(ctx);
    return c.html(await editPage(v, u, orgs, { email: u.email, name: u.name, roles: u.roles, organisationId: u.organisationId ?? '', disabled: u.disabled }, []));
  });

  app.post('/beheer/gebruikers/:id', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const body = await readForm(c);
    const values = { email: '', name: str(body, 'name'), roles: list(body, 'roles'), organisationId: str(body, 'organisationId'), disabled: list(body, 'disabled').includes('1') };
    try {
      await updateUser(ctx, id, { name: values.name, roles: values.roles as Role[], organisationId: values.organisationId || null, disabled: values.disabled });
      return c.redirect('/beheer/gebruikers?opgeslagen=1', 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, userLabels(v));
      const u = await getUser(ctx, id);
      return c.html(await editPage(v, u, await listOrganisations(ctx), { ...values, email: u.email }, errors), 400);
    }
  });
}
