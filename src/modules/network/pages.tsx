/** @jsxImportSource hono/jsx */
// Public pages of the network: organisations (filtered list and profile) and "Wie doet wat".
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, UL, Alert, ErrorSummary, TextField, Select, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { formErrors } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { organisationTypes } from './types.ts';
import { expertiseAreas } from './types.ts';
import { frameworkRefs, themesLedBy, type FrameworkRefs } from './refs.ts';
import { findOrganisations, getOrganisation, type OrganisationView, type Page } from './organisations.ts';
import { listPeople, type PersonView } from './people.ts';
import { findResponsibilities, type Responsibilities } from './responsibilities.ts';
import { canManageOrganisation, isAdmin } from './policy.ts';
import { Expertise, WorkContact, expertiseLabel, nameOf, roleLabel } from './components.tsx';

const PAGE_SIZE = 100;

const query = (c: Context<AppEnv>, keys: string[]) => Object.fromEntries(keys.map((k) => [k, (c.req.query(k) ?? '').slice(0, 200)]));
const href = (path: string, params: Record<string, string | number>) => {
  const qs = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== '' && v !== undefined).map(([k, v]) => [k, String(v)])).toString();
  return qs ? `${path}?${qs}` : path;
};

const themeOptions = (v: View, refs: FrameworkRefs) => [{ value: '', label: v.t('network.allThemes') }, ...[...refs.themes].map(([slug, t]) => ({ value: slug, label: t.name }))];
const districtOptions = (v: View, refs: FrameworkRefs) => [{ value: '', label: v.t('network.allDistricts') }, ...[...refs.districts].map(([code, name]) => ({ value: code, label: name }))];

/** The people of an organisation or a search, as a table. */
export const PeopleTable = ({ v, people, caption, refs, withOrganisation, editHref }: { v: View; people: PersonView[]; caption: string; refs: FrameworkRefs; withOrganisation?: boolean; editHref?: (p: PersonView) => string }) => (
  <Table
    caption={caption}
    head={[v.t('network.personName'), v.t('network.jobTitle'), ...(withOrganisation ? [v.t('field.organisation')] : []), v.t('network.expertise'), v.t('network.district'), v.t('network.contact')]}
    rows={people.map((p) => [
      editHref ? <A href={editHref(p)}>{p.name}</A> : p.name,
      p.jobTitle,
      ...(withOrganisation ? [<A href={`/organisaties/${p.organisationId}`}>{p.organisationName}</A>] : []),
      <Expertise v={v} p={p} />,
      [
        p.districts.map((d) => nameOf(refs.districts, d)).join(', '),
        ...p.driehoek.map((d) => `${roleLabel(v, d.role)} (${nameOf(refs.districts, d.district)})`),
      ]
        .filter(Boolean)
        .join('; ') || '—',
      <WorkContact p={p} />,
    ])}
  />
);

const OrganisationsList = ({ v, page, filters }: { v: View; page: Page<OrganisationView>; filters: Record<string, string> }) => {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  return (
    <>
      <p class="utrecht-paragraph" role="status">
        {page.total === 0 ? v.t('network.noneFound') : v.t('network.found', { n: page.total })}
      </p>
      {organisationTypes.map((type) => {
        const of = page.items.filter((o) => o.type === type);
        return of.length === 0 ? null : (
          <section>
            <H2>{`${v.t(`orgType.${type}`)} (${of.length})`}</H2>
            <ul class="utrecht-unordered-list">
              {of.map((o) => (
                <li class="utrecht-unordered-list__item">
                  <A href={`/organisaties/${o.id}`}>{o.name}</A>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {pages > 1 && (
        <nav aria-label={v.t('network.pagination')}>
          <p class="utrecht-paragraph sb-actions">
            {page.page > 1 && <A href={href('/organisaties', { ...filters, pagina: page.page - 1 })}>{v.t('network.previous')}</A>}
            <span>{v.t('network.pageOf', { page: page.page, pages })}</span>
            {page.page < pages && <A href={href('/organisaties', { ...filters, pagina: page.page + 1 })}>{v.t('network.next')}</A>}
          </p>
        </nav>
      )}
    </>
  );
};

export function registerNetworkPages(app: OpenAPIHono<AppEnv>) {
  app.get('/organisaties', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const filters = query(c, ['type', 'theme', 'district', 'q']);
    const pageNo = /^\d{1,5}$/.test(c.req.query('pagina') ?? '') ? Math.max(1, Number(c.req.query('pagina'))) : 1;
    const refs = await frameworkRefs(ctx);
    let result: Page<OrganisationView> = { total: 0, page: 1, pageSize: PAGE_SIZE, items: [] };
    let errors: FieldError[] = [];
    try {
      result = await findOrganisations(ctx, { ...filters, type: filters.type || undefined, page: pageNo, pageSize: PAGE_SIZE }, { groupByType: true });
    } catch (err) {
      errors = formErrors(err, v.lang, { type: v.t('org.type'), theme: v.t('network.theme'), district: v.t('network.district'), q: v.t('network.nameContains') });
    }
    return c.html(
      <Layout v={v} title={v.t('nav.organisations')}>
        <H1>{v.t('nav.organisations')}</H1>
        <P>{v.t('org.intro')}</P>
        <P>
          <A href="/wie-doet-wat">{v.t('network.whoTitle')}</A>
        </P>
        <form method="get" action="/organisaties" class="sb-form" role="search" aria-label={v.t('form.filter')} novalidate>
          <ErrorSummary v={v} errors={errors} />
          <Select name="type" label={v.t('org.type')} value={filters.type} errors={errors} options={[{ value: '', label: v.t('network.allTypes') }, ...organisationTypes.map((t) => ({ value: t, label: v.t(`orgType.${t}`) }))]} />
          <Select name="theme" label={v.t('network.theme')} value={filters.theme} errors={errors} options={themeOptions(v, refs)} />
          <Select name="district" label={v.t('network.district')} value={filters.district} errors={errors} options={districtOptions(v, refs)} />
          <TextField name="q" label={v.t('network.nameContains')} value={filters.q} errors={errors} />
          <div>
            <Submit>{v.t('form.filter')}</Submit>
          </div>
        </form>
        {errors.length === 0 && <OrganisationsList v={v} page={result} filters={filters} />}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });

  app.get('/organisaties/:id', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const o = await getOrganisation(ctx, c.req.param('id'));
    const [refs, people] = [await frameworkRefs(ctx), await listPeople(ctx, { organisationId: o.id })];
    const leads = themesLedBy(refs, o.name);
    const manageHref = isAdmin(ctx) ? `/beheer/organisaties/${o.id}` : canManageOrganisation(ctx, o.id) ? '/mijn-organisatie' : null;
    return c.html(
      <Layout v={v} title={o.name}>
        <Breadcrumbs v={v} items={[{ href: '/organisaties', label: v.t('nav.organisations') }]} />
        <H1>{o.name}</H1>
        <p class="utrecht-paragraph sb-meta">{v.t(`orgType.${o.type}`)}</p>
        {manageHref && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={manageHref}>
              {v.t('network.edit')}
            </a>
          </P>
        )}
        {o.description
          .split(/\r?\n\s*\r?\n/)
          .filter((p) => p.trim())
          .map((p) => (
            <P>{p}</P>
          ))}
        {leads.length > 0 && (
          <>
            <H2 id="regie">{v.t('network.leadsThemes')}</H2>
            <P>{v.t('network.leadsIntro')}</P>
            <UL items={leads.map((t) => <A href={`/themas/${t.slug}`}>{t.name}</A>)} />
          </>
        )}
        <H2 id="contact">{v.t('network.contact')}</H2>
        {!o.website && !o.contactEmail && !o.contactPhone ? (
          <P>{v.t('network.noContact')}</P>
        ) : (
          <UL
            items={[
              o.website && /^https?:\/\//i.test(o.website) && <a class="utrecht-link" href={o.website} rel="noopener noreferrer">{o.website}</a>,
              o.contactEmail && <a class="utrecht-link" href={`mailto:${o.contactEmail}`}>{o.contactEmail}</a>,
              o.contactPhone && <a class="utrecht-link" href={`tel:${o.contactPhone.replace(/[^0-9+]/g, '')}`}>{o.contactPhone}</a>,
            ].filter(Boolean)}
          />
        )}
        <div class="sb-two-col">
          <section>
            <H2 id="themas">{v.t('nav.themes')}</H2>
            {o.themes.length ? <UL items={o.themes.map((t) => <A href={href('/wie-doet-wat', { theme: t })}>{nameOf(refs.themes, t)}</A>)} /> : <P>{v.t('network.noDistricts')}</P>}
          </section>
          <section>
            <H2 id="stadsdelen">{v.t('network.districts')}</H2>
            {o.districts.length ? <UL items={o.districts.map((d) => <A href={href('/wie-doet-wat', { district: d })}>{nameOf(refs.districts, d)}</A>)} /> : <P>{v.t('network.noDistricts')}</P>}
          </section>
        </div>
        <H2 id="mensen">{v.t('network.people')}</H2>
        {people.length ? <PeopleTable v={v} people={people} caption={v.t('network.people')} refs={refs} /> : <P>{v.t('network.noPeople')}</P>}
      </Layout>,
    );
  });

  app.get('/wie-doet-wat', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const filters = query(c, ['theme', 'district', 'expertise']);
    const refs = await frameworkRefs(ctx);
    let result: Responsibilities | null = null;
    let errors: FieldError[] = [];
    try {
      result = await findResponsibilities(ctx, filters);
    } catch (err) {
      errors = formErrors(err, v.lang, { theme: v.t('network.theme'), district: v.t('network.district'), expertise: v.t('network.expertise') });
    }
    const expertiseOptions = [{ value: '', label: v.t('network.allExpertise') }, ...[...new Set([...expertiseAreas, ...(filters.expertise ? [filters.expertise.toLowerCase()] : [])])].map((a) => ({ value: a, label: expertiseLabel(v, a) }))];
    return c.html(
      <Layout v={v} title={v.t('network.whoTitle')}>
        <H1>{v.t('network.whoTitle')}</H1>
        <P>{v.t('network.whoIntro')}</P>
        <form method="get" action="/wie-doet-wat" class="sb-form" role="search" aria-label={v.t('form.filter')} novalidate>
          <ErrorSummary v={v} errors={errors} />
          <Select name="theme" label={v.t('network.theme')} value={filters.theme} errors={errors} options={themeOptions(v, refs)} />
          <Select name="district" label={v.t('network.district')} value={filters.district} errors={errors} options={districtOptions(v, refs)} />
          <Select name="expertise" label={v.t('network.expertise')} value={filters.expertise.toLowerCase()} errors={errors} options={expertiseOptions} />
          <div>
            <Submit>{v.t('network.show')}</Submit>
          </div>
        </form>
        {result && <ResponsibilitiesView v={v} r={result} refs={refs} />}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });
}

const ResponsibilitiesView = ({ v, r, refs }: { v: View; r: Responsibilities; refs: FrameworkRefs }) => (
  <>
    <H2 id="regie">{v.t('network.whoLeads')}</H2>
    <P>{v.t('network.whoLeadsIntro')}</P>
    <Table
      caption={v.t('network.whoLeads')}
      head={[v.t('network.theme'), v.t('network.whoLeadOrgs')]}
      rows={r.leads.map((l) => [
        <A href={`/themas/${l.theme.slug}`}>{l.theme.name}</A>,
        l.organisations.length === 0 ? v.t('network.whoNoLead') : <>{l.organisations.map((o, i) => <>{i > 0 && ', '}{o.id ? <A href={`/organisaties/${o.id}`}>{o.name}</A> : o.name}</>)}</>,
      ])}
    />
    {r.driehoekDescription !== null && (
      <>
        <H2 id="driehoek">{v.t('network.whoDriehoek')}</H2>
        <P>{r.driehoekDescription}</P>
        {r.driehoek.map((d) => (
          <section>
            <H3>{d.district.name}</H3>
            <Table
              caption={`${v.t('network.whoDriehoek')}: ${d.district.name}`}
              head={[v.t('network.whoRole'), v.t('network.whoPerson'), v.t('field.organisation'), v.t('network.contact')]}
              rows={d.roles.flatMap((role) =>
                role.people.length === 0
                  ? [[roleLabel(v, role.role), v.t('network.whoNobody'), '—', '—']]
                  : role.people.map((p) => [roleLabel(v, role.role), `${p.name}, ${p.jobTitle}`, <A href={`/organisaties/${p.organisationId}`}>{p.organisationName}</A>, <WorkContact p={p} />]),
              )}
            />
          </section>
        ))}
      </>
    )}
    {!r.filtered ? (
      <Alert>{v.t('network.whoChoose')}</Alert>
    ) : (
      <>
        {!r.expertise && (
          <>
            <H2 id="organisaties">{v.t('network.whoOrganisations', { n: r.organisations.length })}</H2>
            {r.organisations.length === 0 ? (
              <P>{v.t('network.noneFound')}</P>
            ) : (
              <>
                <UL items={r.organisations.map((o) => <><A href={`/organisaties/${o.id}`}>{o.name}</A>{` (${v.t(`orgType.${o.type}`)})`}</>)} />
                <P>
                  <A href={href('/organisaties', { theme: r.theme?.slug ?? '', district: r.district?.code ?? '' })}>{v.t('network.whoAllOrganisations')}</A>
                </P>
              </>
            )}
          </>
        )}
        <H2 id="mensen">{v.t('network.whoPeople', { n: r.people.length })}</H2>
        {r.people.length === 0 ? <P>{v.t('network.whoNoPeople')}</P> : <PeopleTable v={v} people={r.people} caption={v.t('network.people')} refs={refs} withOrganisation />}
      </>
    )}
  </>
);
