/** @jsxImportSource hono/jsx */
// Partner pages: the organisation's activities, and the form to create or change one (works without JavaScript).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, fieldId, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { localiseFields, notFound, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listOrganisations } from '../network/service.ts';
import { listLocations } from '../places/service.ts';
import { createActivity, updateActivity, publishActivity, endActivity, getActivity, listManagedActivities, checkActivityInput, labelled, canManageActivity, isPast } from './service.ts';
import { loadRefs, passName, type FrameworkRefs } from './refs.ts';
import { activityKinds, haarlemPasOptions, joinOptions, languageCodes, scheduleKinds, type ActivityInput, type ActivityView } from './types.ts';
import { isoWeekdays, Styles, euro, tk } from './views.tsx';
import { ID } from './pages.tsx';

// ------------------------------------------------------------------ form <-> input

export function formFromActivity(a: ActivityView, refs: FrameworkRefs, lang: View['lang']): FormBody {
  const known = new Set(refs.themes.flatMap((t) => t.principles.map((p) => p.key)));
  return {
    organisationId: a.organisationId,
    partnerOrganisationIds: a.partnerOrganisationIds,
    title: a.title,
    description: a.description,
    kind: a.kind,
    themes: a.themes,
    subGoals: a.subGoals,
    principles: a.principles.filter((k) => known.has(k)),
    targetGroups: a.targetGroups,
    districtCode: a.districtCode ?? '',
    neighbourhoodCode: a.neighbourhoodCode ?? '',
    locationId: a.locationId ?? '',
    locationName: a.locationId ? '' : a.locationName,
    locationAddress: a.locationId ? '' : a.locationAddress,
    'schedule.kind': a.schedule.kind,
    'schedule.startDate': a.schedule.startDate,
    'schedule.endDate': a.schedule.endDate ?? '',
    'schedule.startTime': a.schedule.startTime,
    'schedule.endTime': a.schedule.endTime,
    'schedule.weekdays': a.schedule.weekdays.map(String),
    'schedule.untilDate': a.schedule.untilDate ?? '',
    'schedule.rrule': a.schedule.rrule ?? '',
    costCents: a.free ? '' : euro(a.costCents, lang),
    haarlemPas: a.haarlemPas,
    wheelchairAccessible: a.wheelchairAccessible ? 'true' : '',
    accessibilityDetails: a.accessibilityDetails,
    languages: a.languages,
    howToJoin: a.howToJoin,
    contact: a.contact,
    sensitive: a.sensitive ? 'true' : '',
  };
}

/** Euro text ("2,50", "2.50", "€ 3") → cents; null when it is no amount. */
export function parseEuro(s: string): number | null {
  const t = s.replace(/€|\s/g, '');
  if (t === '') return 0;
  if (!/^\d{1,6}([.,]\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t.replace(',', '.')) * 100);
}

export function inputFromForm(b: FormBody, refs: FrameworkRefs): { input: ActivityInput; costError: boolean } {
  const cents = parseEuro(str(b, 'costCents'));
  const opt = (k: string) => str(b, k).trim() || null;
  return {
    costError: cents === null,
    input: {
      organisationId: opt('organisationId'),
      partnerOrganisationIds: list(b, 'partnerOrganisationIds'),
      title: str(b, 'title'),
      description: str(b, 'description'),
      kind: str(b, 'kind') || 'activity',
      themes: list(b, 'themes'),
      subGoals: list(b, 'subGoals'),
      principles: list(b, 'principles'),
      targetGroups: list(b, 'targetGroups'),
      districtCode: opt('districtCode'),
      neighbourhoodCode: opt('neighbourhoodCode'),
      locationId: opt('locationId'),
      locationName: str(b, 'locationName'),
      locationAddress: str(b, 'locationAddress'),
      schedule: {
        kind: str(b, 'schedule.kind'),
        startDate: str(b, 'schedule.startDate'),
        endDate: opt('schedule.endDate'),
        startTime: str(b, 'schedule.startTime'),
        endTime: str(b, 'schedule.endTime'),
        weekdays: list(b, 'schedule.weekdays').map(Number),
        untilDate: opt('schedule.untilDate'),
        rrule: opt('schedule.rrule'),
      },
      costCents: cents ?? 0,
      haarlemPas: str(b, 'haarlemPas') || 'none',
      wheelchairAccessible: str(b, 'wheelchairAccessible') === 'true',
      accessibilityDetails: str(b, 'accessibilityDetails'),
      languages: list(b, 'languages'),
      howToJoin: str(b, 'howToJoin'),
      contact: str(b, 'contact'),
      sensitive: str(b, 'sensitive') === 'true',
    },
  };
}

// ------------------------------------------------------------------ form

interface Group {
  title?: string;
  options: { value: string; label: string }[];
}

/** A group of checkboxes, optionally in sub-groups (one fieldset id per field, unique ids per box). */
const CheckGroup = ({ v, name, label, hint, groups, values, errors }: { v: View; name: string; label: string; hint?: string; groups: Group[]; values: string[]; errors: FieldError[] }) => {
  const err = errors.find((e) => e.field === name);
  let n = 0;
  const boxes = (g: Group) =>
    g.options.map((o) => {
      const id = `${fieldId(name)}-${++n}`;
      return (
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={name} value={o.value} checked={values.includes(o.value)} />
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
            {o.label}
          </label>
        </div>
      );
    });
  void v;
  return (
    <fieldset class={`utrecht-form-fieldset${err ? ' utrecht-form-fieldset--invalid' : ''}`} id={fieldId(name)} aria-describedby={[hint ? `${fieldId(name)}-beschrijving` : '', err ? `${fieldId(name)}-fout` : ''].filter(Boolean).join(' ') || undefined}>
      <legend class="utrecht-form-fieldset__legend">{label}</legend>
      {hint && (
        <div class="utrecht-form-field-description" id={`${fieldId(name)}-beschrijving`}>
          {hint}
        </div>
      )}
      {err && (
        <div class="utrecht-form-field-error-message" id={`${fieldId(name)}-fout`}>
          {err.message}
        </div>
      )}
      {groups.map((g) =>
        g.title ? (
          <details class="sb-details" open={g.options.some((o) => values.includes(o.value))}>
            <summary>{g.title}</summary>
            {boxes(g)}
          </details>
        ) : (
          boxes(g)
        ),
      )}
    </fieldset>
  );
};

const Section = ({ title, children }: { title: string; children?: Child }) => (
  <section class="sb-form">
    <H2>{title}</H2>
    {children}
  </section>
);

interface FormProps {
  v: View;
  action: string;
  values: FormBody;
  errors: FieldError[];
  refs: FrameworkRefs;
  organisations: { id: string; name: string }[] | null;
  /** Every organisation but the actor's own: the choices for joint delivery. */
  partners: { id: string; name: string }[];
  locations: { id: string; name: string }[];
}

const ActivityForm = ({ v, action, values: b, errors, refs, organisations, partners, locations }: FormProps) => {
  const s = (k: string) => str(b, k);
  const l = (k: string) => list(b, k);
  const opts = <T extends string>(xs: readonly T[], label: (x: T) => string) => xs.map((x) => ({ value: x, label: label(x) }));
  return (
    <form method="post" action={action} novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <Section title={tk(v, 'catalogue.edit.general')}>
        {organisations && (
          <Select name="organisationId" label={tk(v, 'catalogue.field.organisation')} value={s('organisationId')} errors={errors} options={[{ value: '', label: tk(v, 'catalogue.edit.chooseOrganisation') }, ...organisations.map((o) => ({ value: o.id, label: o.name }))]} />
        )}
        <TextField name="title" label={`${tk(v, 'catalogue.field.title')} *`} value={s('title')} errors={errors} required />
        <TextArea name="description" label={`${tk(v, 'catalogue.field.description')} *`} value={s('description')} errors={errors} rows={8} required />
        <Select name="kind" label={tk(v, 'catalogue.field.kind')} value={s('kind')} errors={errors} options={opts(activityKinds, (x) => tk(v, `catalogue.kind.${x}`))} />
        {partners.length > 0 && (
          <CheckGroup v={v} name="partnerOrganisationIds" label={tk(v, 'catalogue.field.partnerOrganisations')} hint={tk(v, 'catalogue.edit.partnerOrganisationsHint')} groups={[{ options: partners.map((o) => ({ value: o.id, label: o.name })) }]} values={l('partnerOrganisationIds')} errors={errors} />
        )}
        <CheckGroup v={v} name="targetGroups" label={tk(v, 'catalogue.field.targetGroups')} groups={[{ options: refs.targetGroups.map((g) => ({ value: g.key, label: g.name[v.lang] })) }]} values={l('targetGroups')} errors={errors} />
      </Section>
      <Section title={tk(v, 'catalogue.edit.framework')}>
        <CheckGroup v={v} name="themes" label={`${tk(v, 'catalogue.field.themes')} *`} groups={[{ options: refs.themes.map((t) => ({ value: t.slug, label: t.name })) }]} values={l('themes')} errors={errors} />
        <CheckGroup v={v} name="subGoals" label={tk(v, 'catalogue.field.subGoals')} hint={tk(v, 'catalogue.edit.subGoalsHint')} groups={refs.themes.map((t) => ({ title: t.name, options: t.subGoals.map((g) => ({ value: g.key, label: g.text })) }))} values={l('subGoals')} errors={errors} />
        <CheckGroup
          v={v}
          name="principles"
          label={tk(v, 'catalogue.field.principles')}
          hint={tk(v, 'catalogue.edit.principlesHint')}
          groups={refs.themes.filter((t) => t.principles.length).map((t) => ({ title: t.name, options: t.principles.map((p) => ({ value: p.key, label: p.text })) }))}
          values={l('principles')}
          errors={errors}
        />
      </Section>
      <Section title={tk(v, 'catalogue.edit.place')}>
        {locations.length > 0 && (
          <Select name="locationId" label={tk(v, 'catalogue.field.location')} description={tk(v, 'catalogue.edit.locationChoiceHint')} value={s('locationId')} errors={errors} options={[{ value: '', label: tk(v, 'catalogue.edit.chooseLocation') }, ...locations.map((o) => ({ value: o.id, label: o.name }))]} />
        )}
        <TextField name="locationName" label={tk(v, 'catalogue.field.locationName')} description={tk(v, 'catalogue.edit.locationHint')} value={s('locationName')} errors={errors} />
        <TextField name="locationAddress" label={tk(v, 'catalogue.field.locationAddress')} value={s('locationAddress')} errors={errors} autocomplete="off" />
        <Select name="districtCode" label={tk(v, 'catalogue.field.district')} value={s('districtCode')} errors={errors} options={[{ value: '', label: tk(v, 'catalogue.edit.chooseDistrict') }, ...refs.districts.map((d) => ({ value: d.code, label: d.name }))]} />
        <Select
          name="neighbourhoodCode"
          label={tk(v, 'catalogue.field.neighbourhood')}
          value={s('neighbourhoodCode')}
          errors={errors}
          options={[{ value: '', label: tk(v, 'catalogue.edit.chooseNeighbourhood') }, ...refs.neighbourhoods.map((n) => ({ value: n.code, label: n.kind === 'buurt' ? `— ${n.name}` : n.name }))]}
        />
      </Section>
      <Section title={tk(v, 'catalogue.edit.schedule')}>
        <Select name="schedule.kind" label={tk(v, 'catalogue.field.scheduleKind')} value={s('schedule.kind')} errors={errors} options={opts(scheduleKinds, (x) => tk(v, `catalogue.scheduleKind.${x}`))} />
        <TextField name="schedule.startDate" type="date" label={`${tk(v, 'catalogue.field.startDate')} *`} description={tk(v, 'catalogue.edit.dateHint')} value={s('schedule.startDate')} errors={errors} required />
        <TextField name="schedule.startTime" type="time" label={`${tk(v, 'catalogue.field.startTime')} *`} description={tk(v, 'catalogue.edit.timeHint')} value={s('schedule.startTime')} errors={errors} required />
        <TextField name="schedule.endTime" type="time" label={`${tk(v, 'catalogue.field.endTime')} *`} value={s('schedule.endTime')} errors={errors} required />
        <TextField name="schedule.endDate" type="date" label={tk(v, 'catalogue.field.endDate')} value={s('schedule.endDate')} errors={errors} />
        <CheckGroup v={v} name="schedule.weekdays" label={tk(v, 'catalogue.field.weekdays')} hint={tk(v, 'catalogue.edit.onlyForWeekly')} groups={[{ options: isoWeekdays.map((d) => ({ value: String(d), label: tk(v, `catalogue.weekday.${d}`) })) }]} values={l('schedule.weekdays')} errors={errors} />
        <TextField name="schedule.untilDate" type="date" label={tk(v, 'catalogue.field.untilDate')} description={tk(v, 'catalogue.edit.onlyForWeekly')} value={s('schedule.untilDate')} errors={errors} />
        <TextField name="schedule.rrule" label={tk(v, 'catalogue.field.rrule')} description={tk(v, 'catalogue.edit.onlyForCustom')} value={s('schedule.rrule')} errors={errors} autocomplete="off" />
      </Section>
      <Section title={tk(v, 'catalogue.edit.costAndAccess')}>
        <TextField name="costCents" label={tk(v, 'catalogue.field.cost')} description={tk(v, 'catalogue.edit.costHint')} value={s('costCents')} errors={errors} autocomplete="off" />
        {refs.pass && (
          <Select name="haarlemPas" label={tk(v, 'catalogue.field.haarlemPas', { pass: passName(refs) })} value={s('haarlemPas')} errors={errors} options={opts(haarlemPasOptions, (x) => tk(v, `catalogue.haarlemPas.${x}`, { pass: passName(refs) }))} />
        )}
        <CheckGroup v={v} name="wheelchairAccessible" label={tk(v, 'catalogue.accessibility')} groups={[{ options: [{ value: 'true', label: tk(v, 'catalogue.field.wheelchair') }] }]} values={l('wheelchairAccessible')} errors={errors} />
        <TextArea name="accessibilityDetails" label={tk(v, 'catalogue.field.accessibilityDetails')} value={s('accessibilityDetails')} errors={errors} rows={3} />
        <CheckGroup v={v} name="languages" label={tk(v, 'catalogue.field.languages')} groups={[{ options: opts(languageCodes, (x) => tk(v, `catalogue.language.${x}`)) }]} values={l('languages')} errors={errors} />
      </Section>
      <Section title={tk(v, 'catalogue.edit.joinAndContact')}>
        <Select name="howToJoin" label={`${tk(v, 'catalogue.field.howToJoin')} *`} value={s('howToJoin')} errors={errors} options={opts(joinOptions, (x) => tk(v, `catalogue.join.${x}`))} />
        <TextArea name="contact" label={tk(v, 'catalogue.field.contact')} description={tk(v, 'catalogue.edit.contactHint')} value={s('contact')} errors={errors} rows={3} />
        <CheckGroup v={v} name="sensitive" label={tk(v, 'catalogue.field.sensitive')} hint={tk(v, 'catalogue.edit.sensitiveHint')} groups={[{ options: [{ value: 'true', label: tk(v, 'catalogue.field.sensitive') }] }]} values={l('sensitive')} errors={errors} />
      </Section>
      <div class="sb-actions">
        <Submit>{tk(v, 'catalogue.edit.saveDraft')}</Submit>
      </div>
    </form>
  );
};

const emptyForm: FormBody = { kind: 'activity', 'schedule.kind': 'weekly', languages: ['nl'], howToJoin: 'walk-in', haarlemPas: 'none' };

// ------------------------------------------------------------------ routes

export function registerCatalogueEditPages(app: OpenAPIHono<AppEnv>) {
  const placeChoices = async (ctx: Parameters<typeof listLocations>[0]) => (await listLocations(ctx)).map((l) => ({ id: l.id, name: l.name }));
  const orgChoices = async (ctx: Parameters<typeof listOrganisations>[0]) => (hasRole(ctx.actor, 'administrator') ? (await listOrganisations(ctx)).map((o) => ({ id: o.id, name: o.name })) : null);
  const partnerChoices = async (ctx: Parameters<typeof listOrganisations>[0]) => (await listOrganisations(ctx)).filter((o) => o.id !== ctx.actor?.organisationId).map((o) => ({ id: o.id, name: o.name }));

  const formPage = (v: View, title: string, crumbs: { href: string; label: string }[], props: Omit<FormProps, 'v'>) => (
    <Layout v={v} title={title}>
      <Styles />
      <Breadcrumbs v={v} items={crumbs} />
      <H1>{title}</H1>
      <P>{tk(v, 'catalogue.edit.intro')}</P>
      <ActivityForm v={v} {...props} />
    </Layout>
  );

  app.get('/mijn-activiteiten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const admin = hasRole(ctx.actor, 'administrator');
    const page = Number(c.req.query('page')) || 1;
    const result = await listManagedActivities(ctx, { q: c.req.query('q') || undefined }, { page: Math.min(Math.max(page, 1), 10_000), pageSize: 50 });
    const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
    const action = (a: ActivityView, path: string, label: string) => (
      <form method="post" action={`/activiteiten/${a.id}/${path}`} class="sb-inline-form">
        <Csrf v={v} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${label}: ${a.title}`}>
          {label}
        </button>
      </form>
    );
    return c.html(
      <Layout v={v} title={tk(v, 'catalogue.mine.title')}>
        <Styles />
        <H1>{tk(v, 'catalogue.mine.title')}</H1>
        {c.req.query('gepubliceerd') && <Alert type="ok">{tk(v, 'catalogue.mine.published')}</Alert>}
        {c.req.query('beeindigd') && <Alert type="ok">{tk(v, 'catalogue.mine.endedDone')}</Alert>}
        <P>{tk(v, 'catalogue.mine.intro')}</P>
        {admin && <P>{tk(v, 'catalogue.mine.introAdmin')}</P>}
        {!admin && !ctx.actor?.organisationId && <Alert type="warning">{tk(v, 'catalogue.mine.noOrganisation')}</Alert>}
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/activiteiten/nieuw">
            {tk(v, 'catalogue.mine.new')}
          </a>
        </p>
        {result.total === 0 ? (
          <P>{tk(v, 'catalogue.mine.none')}</P>
        ) : (
          <Table
            caption={`${tk(v, 'catalogue.mine.title')} (${result.total})`}
            head={[tk(v, 'catalogue.field.title'), tk(v, 'catalogue.organisation'), tk(v, 'catalogue.mine.status'), tk(v, 'catalogue.mine.actions')]}
            rows={result.items.map((a) => [
              <A href={`/activiteiten/${a.id}`}>{a.title}</A>,
              a.organisationName,
              a.status === 'published' && isPast(a, ctx.now()) ? `${tk(v, 'catalogue.status.published')} · ${tk(v, 'catalogue.status.past')}` : tk(v, `catalogue.status.${a.status}`),
              <span class="sb-actions">
                {a.status !== 'ended' && <A href={`/activiteiten/${a.id}/bewerken`}>{tk(v, 'catalogue.mine.edit')}</A>}
                {a.status === 'draft' && action(a, 'publiceren', tk(v, 'catalogue.mine.publish'))}
                {a.status === 'published' && (
                  <a class="utrecht-link" href={`/activiteiten/${a.id}/beeindigen`} aria-label={`${tk(v, 'catalogue.mine.end')}: ${a.title}`}>
                    {tk(v, 'catalogue.mine.end')}
                  </a>
                )}
              </span>,
            ])}
          />
        )}
        {pages > 1 && (
          <nav class="sb-pagination" aria-label={tk(v, 'catalogue.pagination')}>
            {result.page > 1 && <A href={`/mijn-activiteiten?page=${result.page - 1}`}>{tk(v, 'catalogue.previous')}</A>}
            <span>{tk(v, 'catalogue.pageOf', { page: result.page, pages })}</span>
            {result.page < pages && <A href={`/mijn-activiteiten?page=${result.page + 1}`}>{tk(v, 'catalogue.next')}</A>}
          </nav>
        )}
      </Layout>,
    );
  });

  const mineCrumbs = (v: View) => [{ href: '/mijn-activiteiten', label: tk(v, 'catalogue.mine.title') }];

  app.get('/activiteiten/nieuw', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [refs, organisations, locations, partners] = await Promise.all([loadRefs(ctx), orgChoices(ctx), placeChoices(ctx), partnerChoices(ctx)]);
    return c.html(formPage(v, tk(v, 'catalogue.edit.newTitle'), mineCrumbs(v), { action: '/activiteiten/nieuw', values: emptyForm, errors: [], refs, organisations, partners, locations }));
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const save = async (c: Context<AppEnv, any, any>, existing: ActivityView | null) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [refs, organisations, locations, body, partners] = await Promise.all([loadRefs(ctx), orgChoices(ctx), placeChoices(ctx), readForm(c), partnerChoices(ctx)]);
    const { input, costError } = inputFromForm(body, refs);
    let errors: FieldError[] = [];
    if (costError) errors = localiseFields([...(await checkActivityInput(ctx, input)), ...labelled(ctx, [{ field: 'costCents', message: 'catalogue.error.cost' }])], v.lang);
    else
      try {
        const saved = existing ? await updateActivity(ctx, existing.id, input) : await createActivity(ctx, input);
        return c.redirect(`/activiteiten/${saved.id}?opgeslagen=1`, 303);
      } catch (err) {
        errors = formErrors(err, v.lang);
      }
    // One form control per list ("themes"), so an error about one item ("themes.0") points at the list.
    errors = errors.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') }));
    const title = existing ? tk(v, 'catalogue.edit.editTitle', { title: existing.title }) : tk(v, 'catalogue.edit.newTitle');
    const action = existing ? `/activiteiten/${existing.id}/bewerken` : '/activiteiten/nieuw';
    return c.html(formPage(v, title, mineCrumbs(v), { action, values: body, errors, refs, organisations, partners, locations }), 400);
  };

  app.post('/activiteiten/nieuw', (c) => save(c, null));

  app.get(`/activiteiten/${ID}/bewerken`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const a = await getManaged(ctx, c.req.param('id'));
    const [refs, organisations, locations, partners] = await Promise.all([loadRefs(ctx), orgChoices(ctx), placeChoices(ctx), partnerChoices(ctx)]);
    return c.html(formPage(v, tk(v, 'catalogue.edit.editTitle', { title: a.title }), mineCrumbs(v), { action: `/activiteiten/${a.id}/bewerken`, values: formFromActivity(a, refs, v.lang), errors: [], refs, organisations, partners, locations }));
  });

  app.post(`/activiteiten/${ID}/bewerken`, async (c) => save(c, await getManaged(c.get('ctx'), c.req.param('id'))));

  app.post(`/activiteiten/${ID}/publiceren`, async (c) => {
    await publishActivity(c.get('ctx'), c.req.param('id'));
    return c.redirect('/mijn-activiteiten?gepubliceerd=1', 303);
  });
  // Ending cannot be undone, so it asks first (a page, so it works without JavaScript).
  app.get(`/activiteiten/${ID}/beeindigen`, async (c) => {
    const v = viewOf(c);
    const a = await getManaged(c.get('ctx'), c.req.param('id'));
    if (a.status !== 'published') return c.redirect('/mijn-activiteiten', 303);
    const title = tk(v, 'catalogue.end.title', { title: a.title });
    return c.html(
      <Layout v={v} title={title}>
        <Breadcrumbs v={v} items={mineCrumbs(v)} />
        <H1>{title}</H1>
        <P>{tk(v, 'catalogue.end.explain')}</P>
        <form method="post" action={`/activiteiten/${a.id}/beeindigen`} class="sb-actions">
          <Csrf v={v} />
          <Submit>{tk(v, 'catalogue.end.confirm')}</Submit>
          <A href="/mijn-activiteiten">{tk(v, 'catalogue.end.cancel')}</A>
        </form>
      </Layout>,
    );
  });
  app.post(`/activiteiten/${ID}/beeindigen`, async (c) => {
    await endActivity(c.get('ctx'), c.req.param('id'));
    return c.redirect('/mijn-activiteiten?beeindigd=1', 303);
  });
}

/** An activity the actor manages; "not found" for anyone else's. */
async function getManaged(ctx: Parameters<typeof getActivity>[0], id: string): Promise<ActivityView> {
  const a = await getActivity(ctx, id);
  if (!canManageActivity(ctx, a.organisationId)) throw notFound();
  return a;
}
