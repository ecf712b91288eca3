/** @jsxImportSource hono/jsx */
// Managing an organisation's profile and people: "Mijn organisatie" for partner staff (their own organisation only)
// and the administration pages for administrators (every organisation). Both call the same service functions.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, Csrf, Table, Breadcrumbs, ErrorSummary, TextField, Select, Submit, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { organisationTypes, type OrganisationType } from './types.ts';
import { frameworkRefs, type FrameworkRefs } from './refs.ts';
import { listOrganisations, getOrganisation, createOrganisation, updateOrganisation, updateOrganisationProfile, type OrganisationView } from './organisations.ts';
import { listPeople, getPerson, createPerson, updatePerson, deletePerson, type PersonView } from './people.ts';
import { ProfileForm, PersonForm, profileValues, profileFromForm, profileLabels, personValues, personFromForm, personInputOf, personLabels, emptyPerson, type ProfileValues, type PersonValues } from './components.tsx';
import { PeopleTable } from './pages.tsx';

interface Scope {
  org: OrganisationView;
  /** Base path of the pages, e.g. /mijn-organisatie or /beheer/organisaties/<id>. */
  base: string;
  admin: boolean;
  crumbs: { href: string; label: string }[];
}

type Resolve = (c: Context<AppEnv>) => Promise<Scope>;

const mine: Resolve = async (c) => {
  const ctx = c.get('ctx');
  const orgId = ctx.actor?.organisationId;
  if (!orgId) throw new AppError('forbidden', 'network.noOrganisation');
  const org = await getOrganisation(ctx, orgId);
  return { org, base: '/mijn-organisatie', admin: false, crumbs: [] };
};

const administered: Resolve = async (c) => {
  const v = viewOf(c);
  const org = await getOrganisation(c.get('ctx'), c.req.param('id') ?? '');
  return {
    org,
    base: `/beheer/organisaties/${org.id}`,
    admin: true,
    crumbs: [
      { href: '/beheer', label: v.t('admin.title') },
      { href: '/beheer/organisaties', label: v.t('admin.organisations') },
    ],
  };
};

/** Errors on list items ("specialisms.2", "driehoek.0.role") belong to the field group, so the summary links to it. */
const formFieldErrors = (errors: FieldError[]) =>
  errors.map((e) => ({ ...e, field: e.field.split('.')[0] })).filter((e, i, all) => all.findIndex((x) => x.field === e.field) === i);

const messages = { opgeslagen: 'form.saved', persoon: 'network.personSaved', verwijderd: 'network.deleted' } as const;

function profilePage(v: View, s: Scope, refs: FrameworkRefs, people: PersonView[], values: ProfileValues, errors: FieldError[], notice?: string) {
  const title = s.admin ? s.org.name : `${v.t('network.myOrganisation')}: ${s.org.name}`;
  return (
    <Layout v={v} title={title}>
      {s.crumbs.length > 0 && <Breadcrumbs v={v} items={s.crumbs} />}
      <H1>{title}</H1>
      {notice && notice in messages && <Alert type="ok">{v.t(messages[notice as keyof typeof messages])}</Alert>}
      {!s.admin && <P>{v.t('network.myIntro')}</P>}
      <P>
        <A href={`/organisaties/${s.org.id}`}>{v.t('network.viewPublic')}</A>
      </P>
      <H2 id="profiel">{v.t('network.profile')}</H2>
      <ProfileForm v={v} action={s.base} values={values} errors={errors} refs={refs} withNameAndType={s.admin} />
      <H2 id="mensen">{v.t('network.people')}</H2>
      <P>
        <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={`${s.base}/mensen/nieuw`}>
          {v.t('network.addPerson')}
        </a>
      </P>
      {people.length ? <PeopleTable v={v} people={people} caption={v.t('network.people')} refs={refs} editHref={(p) => `${s.base}/mensen/${p.id}`} /> : <P>{v.t('network.noPeople')}</P>}
    </Layout>
  );
}

function personPage(v: View, s: Scope, refs: FrameworkRefs, person: PersonView | null, values: PersonValues, errors: FieldError[]) {
  const title = person ? v.t('network.editPerson', { name: person.name }) : v.t('network.addPerson');
  return (
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={[...s.crumbs, { href: s.base, label: s.admin ? s.org.name : v.t('network.myOrganisation') }]} />
      <H1>{title}</H1>
      <PersonForm v={v} action={person ? `${s.base}/mensen/${person.id}` : `${s.base}/mensen`} values={values} errors={errors} refs={refs} />
      {person && (
        <>
          <H2 id="verwijderen">{v.t('network.deletePerson')}</H2>
          <P>{v.t('network.deleteHint')}</P>
          <form method="post" action={`${s.base}/mensen/${person.id}/verwijderen`}>
            <Csrf v={v} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {v.t('network.deletePerson')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

function registerManagement(app: OpenAPIHono<AppEnv>, prefix: string, resolve: Resolve) {
  app.get(prefix, async (c) => {
    const s = await resolve(c);
    const ctx = c.get('ctx');
    const [refs, people] = [await frameworkRefs(ctx), await listPeople(ctx, { organisationId: s.org.id })];
    const notice = Object.keys(messages).find((k) => c.req.query(k));
    return c.html(profilePage(viewOf(c), s, refs, people, profileValues(s.org), [], notice));
  });

  app.post(prefix, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const s = await resolve(c);
    const values = profileFromForm(await readForm(c));
    try {
      const profile = { description: values.description, website: values.website, contactEmail: values.contactEmail, contactPhone: values.contactPhone, districts: values.districts, themes: values.themes };
      if (s.admin) await updateOrganisation(ctx, s.org.id, { ...profile, name: values.name, type: values.type as OrganisationType });
      else await updateOrganisationProfile(ctx, s.org.id, profile);
      return c.redirect(`${s.base}?opgeslagen=1`, 303);
    } catch (err) {
      const errors = formFieldErrors(formErrors(err, v.lang, profileLabels(v)));
      const [refs, people] = [await frameworkRefs(ctx), await listPeople(ctx, { organisationId: s.org.id })];
      return c.html(profilePage(v, s, refs, people, s.admin ? values : { ...values, name: s.org.name, type: s.org.type }, errors), 400);
    }
  });

  // "nieuw" before ":personId": the first matching handler answers.
  app.get(`${prefix}/mensen/nieuw`, async (c) => {
    const s = await resolve(c);
    return c.html(personPage(viewOf(c), s, await frameworkRefs(c.get('ctx')), null, emptyPerson, []));
  });

  app.post(`${prefix}/mensen`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const s = await resolve(c);
    const refs = await frameworkRefs(ctx);
    const values = personFromForm(await readForm(c), refs);
    try {
      await createPerson(ctx, s.org.id, personInputOf(values));
      return c.redirect(`${s.base}?persoon=1`, 303);
    } catch (err) {
      return c.html(personPage(v, s, refs, null, values, formFieldErrors(formErrors(err, v.lang, personLabels(v)))), 400);
    }
  });

  app.get(`${prefix}/mensen/:personId`, async (c) => {
    const s = await resolve(c);
    const ctx = c.get('ctx');
    const person = await getPerson(ctx, c.req.param('personId') ?? '', s.org.id);
    return c.html(personPage(viewOf(c), s, await frameworkRefs(ctx), person, personValues(person), []));
  });

  app.post(`${prefix}/mensen/:personId`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const s = await resolve(c);
    const person = await getPerson(ctx, c.req.param('personId') ?? '', s.org.id);
    const refs = await frameworkRefs(ctx);
    const values = personFromForm(await readForm(c), refs);
    try {
      await updatePerson(ctx, s.org.id, person.id, personInputOf(values));
      return c.redirect(`${s.base}?persoon=1`, 303);
    } catch (err) {
      return c.html(personPage(v, s, refs, person, values, formFieldErrors(formErrors(err, v.lang, personLabels(v)))), 400);
    }
  });

  app.post(`${prefix}/mensen/:personId/verwijderen`, async (c) => {
    const s = await resolve(c);
    await deletePerson(c.get('ctx'), s.org.id, c.req.param('personId') ?? '');
    return c.redirect(`${s.base}?verwijderd=1`, 303);
  });
}

export function registerManagePages(app: OpenAPIHono<AppEnv>) {
  const adminList = (v: View, orgs: OrganisationView[], errors: FieldError[], values: { name: string; type: string }, saved: boolean) => (
    <Layout v={v} title={v.t('admin.organisations')}>
      <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
      <H1>{v.t('admin.organisations')}</H1>
      {saved && <Alert type="ok">{v.t('form.saved')}</Alert>}
      <H2>{v.t('org.new')}</H2>
      <form method="post" action="/beheer/organisaties" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <TextField name="name" label={v.t('field.name')} value={values.name} errors={errors} required />
        <Select name="type" label={v.t('org.type')} value={values.type} errors={errors} options={[{ value: '', label: v.t('org.chooseType') }, ...organisationTypes.map((t) => ({ value: t, label: v.t(`orgType.${t}`) }))]} />
        <div>
          <Submit>{v.t('form.save')}</Submit>
        </div>
      </form>
      <Table
        caption={v.t('admin.organisations')}
        head={[v.t('field.name'), v.t('org.type'), v.t('network.districts')]}
        rows={orgs.map((o) => [<A href={`/beheer/organisaties/${o.id}`}>{o.name}</A>, v.t(`orgType.${o.type}`), String(o.districts.length)])}
      />
    </Layout>
  );

  app.get('/beheer/organisaties', async (c) => c.html(adminList(viewOf(c), await listOrganisations(c.get('ctx')), [], { name: '', type: '' }, !!c.req.query('opgeslagen'))));

  app.post('/beheer/organisaties', async (c) => {
    const v = viewOf(c);
    const body = await readForm(c);
    const values = { name: str(body, 'name'), type: str(body, 'type') };
    try {
      const o = await createOrganisation(c.get('ctx'), { name: values.name, type: values.type as OrganisationType });
      return c.redirect(`/beheer/organisaties/${o.id}?opgeslagen=1`, 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, profileLabels(v));
      return c.html(adminList(v, await listOrganisations(c.get('ctx')), errors, values, false), 400);
    }
  });

  registerManagement(app, '/mijn-organisatie', mine);
  registerManagement(app, '/beheer/organisaties/:id', administered);
}
