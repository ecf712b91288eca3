/** @jsxImportSource hono/jsx */
// The fund's landing page (per role: the years and a form to open one; an organisation's own applications and the
// open years it can apply to) and a year at a glance: budget, committed, paid, remaining, the applications with
// overdue ones flagged, the year's settings, and the non-financial support given per organisation.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Facts, Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listOrganisations, getOrganisationNames, getOrganisation } from '../network/service.ts';
import { listFundYears, getFundOverview, createFundYear, updateFundYear, recordSupport, listSupport, supportKinds, type FundYearView, type FundFigures } from './years.ts';
import { listApplications, listOwnApplications, type ApplicationView } from './applications.ts';
import { managesFund, appliesFor, YEAR_PATH } from './policy.ts';
import { parseAmount, centsForInput } from './money.ts';
import { fmtDate, euro, Flag } from './ui.tsx';
import { yearOf } from './apply-pages.tsx';

const yearLabels = (v: View) => ({
  year: v.t('fund.year'),
  budgetCents: v.t('fund.budget'),
  opensOn: v.t('fund.opensOn'),
  closesOn: v.t('fund.closesOn'),
  decisionDeadline: v.t('fund.decisionDeadline'),
  managerOrganisationId: v.t('fund.manager'),
  source: v.t('fund.source'),
  note: v.t('fund.note'),
  organisationId: v.t('fund.organisation'),
  kind: v.t('fund.support.kind'),
  givenOn: v.t('fund.support.givenOn'),
  description: v.t('fund.support.description'),
});

type AmountLabel = 'fund.budget' | 'fund.granted' | 'fund.extra.agreed' | 'fund.payment.amount';

/**
 * A euro amount typed in a form, for the service: its cents, or undefined when it is not an amount (the service then
 * reports the field with every other problem at once, and `fix` puts the amount's own reason in that message).
 */
export function amountField(v: View, b: FormBody, field: string, label: AmountLabel): { cents: number | undefined; fix: (errors: FieldError[]) => FieldError[] } {
  const parsed = parseAmount(str(b, field));
  const reason = parsed.ok ? null : parsed.reason;
  return {
    cents: parsed.ok ? parsed.cents : undefined,
    fix: (errors) => (reason ? errors.map((e) => (e.field === field ? { ...e, message: `${v.t(label)}: ${v.t(`fund.error.amount.${reason}`)}` } : e)) : errors),
  };
}

export const statusText = (v: View, a: ApplicationView) => v.t(`fund.status.${a.status}`);

const windowText = (v: View, f: FundYearView) => v.t(`fund.window.${f.window}`);

function YearForm({ v, values, errors, fund, orgs }: { v: View; values: FormBody; errors: FieldError[]; fund: FundYearView | null; orgs: { value: string; label: string }[] }) {
  const val = (k: keyof FundYearView, fallback: string) => (k in values ? str(values, k) : fallback);
  return (
    <form method="post" action={fund ? `/fonds/${fund.year}` : '/fonds/jaren'} class="sb-form" novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      {!fund && <TextField name="year" type="number" label={v.t('fund.year')} value={val('year', '')} errors={errors} required />}
      <TextField name="budgetCents" label={v.t('fund.budget')} description={v.t('fund.amountHint')} value={val('budgetCents', fund ? centsForInput(fund.budgetCents) : '')} errors={errors} required />
      <TextField name="opensOn" type="date" label={v.t('fund.opensOn')} value={val('opensOn', fund?.opensOn ?? '')} errors={errors} required />
      <TextField name="closesOn" type="date" label={v.t('fund.closesOn')} value={val('closesOn', fund?.closesOn ?? '')} errors={errors} required />
      <TextField name="decisionDeadline" type="date" label={v.t('fund.decisionDeadline')} value={val('decisionDeadline', fund?.decisionDeadline ?? '')} errors={errors} required />
      <Select name="managerOrganisationId" label={v.t('fund.manager')} description={v.t('fund.managerHint')} value={val('managerOrganisationId', fund?.managerOrganisationId ?? '')} errors={errors} options={[{ value: '', label: v.t('fund.managerNone') }, ...orgs]} />
      <TextField name="source" label={v.t('fund.source')} value={val('source', fund?.source ?? '')} errors={errors} />
      <TextArea name="note" label={v.t('fund.note')} value={val('note', fund?.note ?? '')} errors={errors} />
      <div>
        <Submit>{fund ? v.t('fund.yearSave') : v.t('fund.yearCreate')}</Submit>
      </div>
    </form>
  );
}

async function managerOrgOptions(c: Context<AppEnv>) {
  const orgs = await listOrganisations(c.get('ctx'));
  return orgs.filter((o) => o.type === 'cooperative' || o.type === 'municipality' || o.type === 'core-partner').map((o) => ({ value: o.id, label: o.name }));
}

// An amount that is not one goes to the service as null (never absent: a change leaves absent fields as they are),
// so it is reported with every other problem.
const yearInput = (b: FormBody, budgetCents: number | undefined) => ({
  year: str(b, 'year'),
  budgetCents: (budgetCents ?? null) as number,
  opensOn: str(b, 'opensOn'),
  closesOn: str(b, 'closesOn'),
  decisionDeadline: str(b, 'decisionDeadline'),
  managerOrganisationId: str(b, 'managerOrganisationId') || null,
  source: str(b, 'source'),
  note: str(b, 'note'),
});

async function landing(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const years = await listFundYears(ctx);
  const actor = v.actor!;
  const ownOrg = actor.organisationId && appliesFor(actor, actor.organisationId) ? await getOrganisation(ctx, actor.organisationId).catch(() => null) : null;
  const applicant = ownOrg?.type === 'volunteer-organisation';
  const own = applicant ? await listOwnApplications(ctx) : [];
  const opensYears = hasRole(actor, 'policy_advisor', 'administrator');
  const seesYears = years.filter((f) => managesFund(actor, f) || hasRole(actor, 'contract_manager', 'auditor'));
  return c.html(
    <Layout v={v} title={v.t('fund.title')}>
      <H1>{v.t('fund.title')}</H1>
      <P>{v.t('fund.intro')}</P>
      {ownOrg && !applicant && !managesFund(actor, { managerOrganisationId: null }) && <P>{v.t('fund.error.notVolunteerOrganisation')}</P>}
      {applicant && (
        <>
          <H2>{v.t('fund.own.title')}</H2>
          {own.length === 0 ? (
            <P>{v.t('fund.own.none')}</P>
          ) : (
            <Table
              id="eigen-aanvragen"
              caption={v.t('fund.own.title')}
              head={[v.t('fund.year'), v.t('fund.status'), v.t('fund.own.amount')]}
              rows={own.map((a) => [<A href={`/fonds/aanvragen/${a.id}`}>{String(a.year)}</A>, statusText(v, a), a.status === 'decided' ? euro(v, a.totalCents) : euro(v, a.requestedCents)])}
            />
          )}
          {years
            .filter((f) => f.window === 'open' && !own.some((a) => a.year === f.year))
            .map((f) => (
              <P>
                <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`/fonds/${f.year}/aanvraag`}>
                  {v.t('fund.own.apply', { year: f.year })}
                </a>
              </P>
            ))}
          {!years.some((f) => f.window === 'open') && <P>{v.t('fund.own.noneOpen')}</P>}
        </>
      )}
      {seesYears.length > 0 && (
        <Table
          id="fondsjaren"
          caption={v.t('fund.years')}
          head={[v.t('fund.year'), v.t('fund.budget'), v.t('fund.window'), v.t('fund.decisionDeadline')]}
          rows={seesYears.map((f) => [<A href={`/fonds/${f.year}`}>{String(f.year)}</A>, euro(v, f.budgetCents), `${fmtDate(v, f.opensOn)} – ${fmtDate(v, f.closesOn)} (${windowText(v, f)})`, fmtDate(v, f.decisionDeadline)])}
        />
      )}
      {opensYears && (
        <>
          <H2 id="nieuw-jaar">{v.t('fund.yearNew')}</H2>
          <P>{v.t('fund.yearNewIntro')}</P>
          <YearForm v={v} values={values} errors={errors} fund={null} orgs={await managerOrgOptions(c)} />
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

function FiguresList({ v, figures }: { v: View; figures: FundFigures }) {
  return (
    <Table
      id="fonds-cijfers"
      caption={v.t('fund.figures')}
      head={[v.t('fund.figure'), v.t('fund.amount')]}
      rows={[
        [v.t('fund.budget'), euro(v, figures.budgetCents)],
        [v.t('fund.grantedTotal'), euro(v, figures.grantedCents)],
        [v.t('fund.extraTotal'), euro(v, figures.extraCents)],
        [<strong>{v.t('fund.committed')}</strong>, <strong>{euro(v, figures.committedCents)}</strong>],
        [v.t('fund.paid'), euro(v, figures.paidCents)],
        [<strong>{v.t('fund.remaining')}</strong>, <strong>{euro(v, figures.remainingCents)}</strong>],
      ]}
    />
  );
}

async function yearPage(c: Context<AppEnv>, values: FormBody, errors: FieldError[], form?: 'year' | 'support') {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const year = yearOf(c);
  const { fund, figures } = await getFundOverview(ctx, year);
  const manages = managesFund(v.actor, fund);
  const onlyOverdue = c.req.query('termijn') === 'overschreden';
  const apps = manages ? await listApplications(ctx, year, onlyOverdue ? { overdue: true } : {}) : [];
  const support = manages ? await listSupport(ctx, year) : [];
  const volunteerOrgs = manages ? await listOrganisations(ctx, { type: 'volunteer-organisation' }) : [];
  const names = await getOrganisationNames(ctx, [...new Set([...support.map((s) => s.organisationId), ...(fund.managerOrganisationId ? [fund.managerOrganisationId] : [])])]);
  const notice = c.req.query('klaar');
  const edits = hasRole(v.actor, 'policy_advisor', 'administrator');
  return c.html(
    <Layout v={v} title={v.t('fund.yearTitle', { year })}>
      <Breadcrumbs v={v} items={[{ href: '/fonds', label: v.t('fund.title') }]} />
      <H1>{v.t('fund.yearTitle', { year })}</H1>
      {notice === 'opgeslagen' && <Alert type="ok">{v.t('fund.saved')}</Alert>}
      {figures.applications.overdue > 0 && <Alert type="warning">{v.t('fund.overdueAlert', { n: figures.applications.overdue, date: fmtDate(v, fund.decisionDeadline) })}</Alert>}
      <Facts
        items={[
          [v.t('fund.window'), `${fmtDate(v, fund.opensOn)} – ${fmtDate(v, fund.closesOn)} (${windowText(v, fund)})`],
          [v.t('fund.decisionDeadline'), fmtDate(v, fund.decisionDeadline)],
          [v.t('fund.manager'), (fund.managerOrganisationId && names.get(fund.managerOrganisationId)) || v.t('fund.managerNone')],
          ...(fund.source ? ([[v.t('fund.source'), fund.source]] as [string, string][]) : []),
          ...(fund.note ? ([[v.t('fund.note'), fund.note]] as [string, string][]) : []),
          [v.t('fund.applications'), v.t('fund.applicationCounts', { draft: figures.applications.draft, submitted: figures.applications.submitted, decided: figures.applications.decided, overdue: figures.applications.overdue })],
        ]}
      />
      <FiguresList v={v} figures={figures} />
      {manages && (
        <>
          <H2 id="aanvragen">{v.t('fund.applications')}</H2>
          <P>
            {onlyOverdue ? <A href={`/fonds/${year}`}>{v.t('fund.showAll')}</A> : <A href={`/fonds/${year}?termijn=overschreden`}>{v.t('fund.showOverdue')}</A>}
          </P>
          {apps.length === 0 ? (
            <P>{v.t('fund.noApplications')}</P>
          ) : (
            <Table
              id="aanvragen-tabel"
              caption={v.t('fund.applications')}
              head={[v.t('fund.organisation'), v.t('fund.status'), v.t('fund.guaranteed'), v.t('fund.requested'), v.t('fund.granted'), v.t('fund.paid'), v.t('fund.contact')]}
              rows={apps.map((a) => [
                <A href={`/fonds/aanvragen/${a.id}`}>{a.organisationName}</A>,
                <>
                  {statusText(v, a)}
                  {a.overdue && (
                    <>
                      {' '}
                      <Flag>{v.t('fund.overdue')}</Flag>
                    </>
                  )}
                </>,
                euro(v, a.guaranteedCents),
                euro(v, a.requestedCents),
                a.status === 'decided' ? euro(v, a.totalCents) : '',
                euro(v, a.paidCents),
                a.contact?.name ?? '',
              ])}
            />
          )}
          <H2 id="ondersteuning">{v.t('fund.support.title')}</H2>
          <P>{v.t('fund.support.intro')}</P>
          {support.length > 0 && (
            <Table
              id="ondersteuning-tabel"
              caption={v.t('fund.support.title')}
              head={[v.t('fund.organisation'), v.t('fund.support.kind'), v.t('fund.support.givenOn'), v.t('fund.support.description')]}
              rows={support.map((s) => [names.get(s.organisationId) ?? '', v.t(`fund.support.kind.${s.kind}`), fmtDate(v, s.givenOn), s.description])}
            />
          )}
          <form method="post" action={`/fonds/${year}/ondersteuning`} class="sb-form" novalidate>
            <Csrf v={v} />
            {form === 'support' && <ErrorSummary v={v} errors={errors} />}
            <Select name="organisationId" label={v.t('fund.organisation')} value={form === 'support' ? str(values, 'organisationId') : ''} errors={form === 'support' ? errors : []} options={[{ value: '', label: v.t('fund.choose') }, ...volunteerOrgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <Select name="kind" label={v.t('fund.support.kind')} value={form === 'support' ? str(values, 'kind') : ''} errors={form === 'support' ? errors : []} options={supportKinds.map((k) => ({ value: k, label: v.t(`fund.support.kind.${k}`) }))} />
            <TextField name="givenOn" type="date" label={v.t('fund.support.givenOn')} value={form === 'support' ? str(values, 'givenOn') : ''} errors={form === 'support' ? errors : []} />
            <TextArea name="description" label={v.t('fund.support.description')} value={form === 'support' ? str(values, 'description') : ''} errors={form === 'support' ? errors : []} />
            <div>
              <Submit>{v.t('fund.support.save')}</Submit>
            </div>
          </form>
        </>
      )}
      {edits && (
        <>
          <H2 id="instellingen">{v.t('fund.settings')}</H2>
          <YearForm v={v} values={form === 'year' ? values : {}} errors={form === 'year' ? errors : []} fund={fund} orgs={await managerOrgOptions(c)} />
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerFundPages(app: OpenAPIHono<AppEnv>) {
  app.get('/fonds', (c) => landing(c, {}, []));
  app.post('/fonds/jaren', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const amount = amountField(v, b, 'budgetCents', 'fund.budget');
    try {
      const f = await createFundYear(c.get('ctx'), yearInput(b, amount.cents));
      return c.redirect(`/fonds/${f.year}?klaar=opgeslagen`, 303);
    } catch (err) {
      return landing(c, b, amount.fix(formErrors(err, v.lang, yearLabels(v))));
    }
  });
  app.get(YEAR_PATH, (c) => yearPage(c, {}, []));
  app.post(YEAR_PATH, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const year = yearOf(c);
    const amount = amountField(v, b, 'budgetCents', 'fund.budget');
    try {
      const { year: _y, ...input } = yearInput(b, amount.cents);
      await updateFundYear(c.get('ctx'), year, input);
      return c.redirect(`/fonds/${year}?klaar=opgeslagen#instellingen`, 303);
    } catch (err) {
      return yearPage(c, b, amount.fix(formErrors(err, v.lang, yearLabels(v))), 'year');
    }
  });
  app.post(`${YEAR_PATH}/ondersteuning`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const year = yearOf(c);
    try {
      await recordSupport(c.get('ctx'), year, { organisationId: str(b, 'organisationId'), kind: str(b, 'kind') as never, givenOn: str(b, 'givenOn'), description: str(b, 'description') });
      return c.redirect(`/fonds/${year}?klaar=opgeslagen#ondersteuning`, 303);
    } catch (err) {
      return yearPage(c, b, formErrors(err, v.lang, yearLabels(v)), 'support');
    }
  });
}
