/** @jsxImportSource hono/jsx */
// Pages of grants: deciding a grant (from an assessed joint application, or for a single grantee), one grant with
// every decision as a version, its balance over the years, advances, SROI, the yearly review (adjustment,
// indexation), the decision letters (PDF), registering an objection in the effects register, and the portfolio of
// all grants of a call.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Facts, Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, type FormBody } from '../../platform/ui/forms.ts';
import { invalid, type FieldError } from '../../platform/http/errors.ts';
import { listOrganisations } from '../network/service.ts';
import { registerComplaint, listComplaints } from '../effects/service.ts';
import { getCall, listCalls, yearsOf } from './call-service.ts';
import { getApplication } from './application-service.ts';
import { createGrant, getGrant, listGrants, grantsOfApplication, adjustGrant, indexGrant, registerSroi, sroiKinds, type GrantView } from './grant-service.ts';
import { decisionLetter } from './letter.ts';
import { GRANT, CALL, managesSubsidies } from './policy.ts';
import { localDate } from './input.ts';
import { totalOf } from './money.ts';
import { euros, euroValue, fmtDate, Badge, ButtonLink, pageErrors } from './ui.tsx';

async function newGrantForm(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const appId = str(values, 'applicationId') || c.req.query('aanvraag') || '';
  const app = appId ? await getApplication(ctx, appId).catch(() => null) : null;
  const calls = await listCalls(ctx);
  const callId = app?.call.id ?? (str(values, 'callId') || c.req.query('uitvraag') || calls[0]?.id || '');
  const call = callId ? await getCall(ctx, callId).catch(() => null) : null;
  const years = call ? yearsOf(call) : [];
  const orgs = app ? app.table.members : (await listOrganisations(ctx)).map((o) => ({ id: o.id, name: o.name }));
  const org = str(values, 'organisationId') || c.req.query('organisatie') || orgs[0]?.id || '';
  const budget = (y: number) => app?.budget.find((b) => b.organisationId === org && b.year === y);
  // A member that has its grant from this application already is shown that grant, not a form for a second one.
  const existing = app ? (await grantsOfApplication(ctx, app.id)).filter((g) => g.organisationId === org) : [];
  const orgName = orgs.find((o) => o.id === org)?.name ?? '';
  const val = (k: string, fallback: string) => (k in values ? str(values, k) : fallback);
  return c.html(
    <Layout v={v} title={v.t('subsidies.grant.new')}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, ...(app ? [{ href: `/subsidies/aanvragen/${app.id}`, label: v.t('subsidies.application.titleOf', { theme: app.table.themeName }) }] : [])]} />
      <H1>{v.t('subsidies.grant.new')}</H1>
      <P>{app ? v.t('subsidies.grant.fromApplication', { theme: app.table.themeName }) : v.t('subsidies.grant.single')}</P>
      {existing.length > 0 && !errors.length && (
        <Alert type="info">
          {v.t('subsidies.grant.existsAlert', { name: orgName })}{' '}
          {existing.map((g, i) => (
            <>
              {i > 0 && ', '}
              <A href={`/subsidies/beschikkingen/${g.id}`}>{g.reference}</A>
            </>
          ))}
        </Alert>
      )}
      {app && (
        <form method="get" action="/subsidies/beschikkingen/nieuw" class="sb-form">
          <input type="hidden" name="aanvraag" value={app.id} />
          <Select name="organisatie" label={v.t('subsidies.grant.organisation')} value={org} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('subsidies.grant.prefill')}
          </button>
        </form>
      )}
      {(existing.length === 0 || errors.length > 0) && (
      <form method="post" action="/subsidies/beschikkingen/nieuw" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <input type="hidden" name="applicationId" value={app?.id ?? ''} />
        {app ? <input type="hidden" name="callId" value={callId} /> : <Select name="callId" label={v.t('subsidies.grant.call')} value={callId} errors={errors} options={calls.map((k) => ({ value: k.id, label: k.title }))} />}
        <Select name="organisationId" label={v.t('subsidies.grant.organisation')} value={org} errors={errors} options={orgs.map((o) => ({ value: o.id, label: o.name }))} />
        {!app && call && <Select name="themeSlug" label={v.t('subsidies.call.theme')} value={str(values, 'themeSlug')} errors={errors} options={[{ value: '', label: v.t('subsidies.grant.noTheme') }, ...call.tables.map((t) => ({ value: t.themeSlug, label: t.themeName }))]} />}
        {years.map((y, i) => (
          <fieldset class="utrecht-form-fieldset" id={`veld-years-${i}`}>
            <legend class="utrecht-form-fieldset__legend">{v.t('subsidies.budget.yearLegend', { year: y })}</legend>
            <input type="hidden" name={`years.${i}.year`} value={String(y)} />
            <TextField name={`years.${i}.wage`} label={v.t('subsidies.budget.wageEuro', { year: y })} value={val(`years.${i}.wage`, euroValue(budget(y)?.wageCents))} errors={errors} />
            <TextField name={`years.${i}.other`} label={v.t('subsidies.budget.otherEuro', { year: y })} value={val(`years.${i}.other`, euroValue(budget(y)?.otherCents))} errors={errors} />
          </fieldset>
        ))}
        <TextArea name="conditions" label={v.t('subsidies.grant.conditions')} value={str(values, 'conditions')} errors={errors} rows={4} />
        <TextArea name="reporting" label={v.t('subsidies.grant.reporting')} description={app ? v.t('subsidies.grant.reportingDefault') : undefined} value={str(values, 'reporting')} errors={errors} rows={3} />
        <Select name="advances" label={v.t('subsidies.grant.advances')} value={str(values, 'advances') || 'quarterly'} errors={errors} options={(['monthly', 'quarterly', 'yearly'] as const).map((k) => ({ value: k, label: v.t(`subsidies.grant.advances.${k}`) }))} />
        <TextField name="decidedOn" type="date" label={v.t('subsidies.grant.decidedOn')} value={str(values, 'decidedOn') || localDate(ctx.now())} errors={errors} required />
        <Submit>{v.t('subsidies.grant.decide')}</Submit>
      </form>
      )}
    </Layout>,
    errors.length ? (errors.some((e) => e.kind === 'conflict') ? 409 : 400) : 200,
  );
}

const BalanceTable = ({ v, g }: { v: View; g: GrantView }) => (
  <Table
    caption={v.t('subsidies.grant.balance')}
    id="saldo"
    head={[v.t('subsidies.budget.year'), v.t('subsidies.grant.granted'), v.t('subsidies.grant.adjusted'), v.t('subsidies.grant.indexed'), v.t('subsidies.grant.current'), v.t('subsidies.budget.wage'), v.t('subsidies.grant.paid'), v.t('subsidies.grant.cumulative')]}
    rows={g.balance.map((b) => [String(b.year), euros(v, b.grantedCents), euros(v, b.adjustedCents), euros(v, b.indexedCents), euros(v, b.currentCents), euros(v, b.wageCents), euros(v, b.paidCents), euros(v, b.cumulativeCents)])}
  />
);

async function grantPage(c: Context<AppEnv>, id: string, errors: FieldError[] = [], values: FormBody = {}, form = '') {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const g = await getGrant(ctx, id);
  const base = `/subsidies/beschikkingen/${g.id}`;
  const objections = g.may.decide ? (await listComplaints(ctx, { type: 'bezwaar' }).catch(() => [])).filter((k) => k.decisionReference.startsWith(g.reference)) : [];
  const yearOptions = g.years.map((y) => ({ value: String(y.year), label: String(y.year) }));
  const e = (f: string) => (form === f ? errors : []);
  const prefixOf: Record<string, string> = { adjust: 'bijstelling', index: 'indexering', sroi: 'sroi' };
  const val = (f: string, k: string) => (form === f ? str(values, `${prefixOf[f]}.${k}`) : '');
  const n = (f: string, k: string) => `${prefixOf[f]}.${k}`;
  return c.html(
    <Layout v={v} title={`${v.t('subsidies.grant.title')} ${g.reference}`}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: `/subsidies/uitvragen/${g.callId}/portefeuille`, label: v.t('subsidies.portfolio.title') }]} />
      <H1>
        {v.t('subsidies.grant.title')} {g.reference}
      </H1>
      {c.req.query('klaar') && <Alert type="ok">{v.t('subsidies.saved')}</Alert>}
      <Facts
        items={[
          [v.t('subsidies.grant.organisation'), <A href={`/organisaties/${g.organisationId}`}>{g.organisationName}</A>],
          [v.t('subsidies.call.period'), g.periodCode],
          [v.t('subsidies.call.theme'), g.themeName || '—'],
          [v.t('subsidies.grant.kind'), g.joint ? v.t('subsidies.grant.joint') : v.t('subsidies.grant.singleKind')],
          [v.t('subsidies.grant.total'), euros(v, g.totalCents)],
          [v.t('subsidies.grant.advances'), v.t(`subsidies.grant.advances.${g.advances}`)],
          ...(g.applicationId ? [[v.t('subsidies.application.title'), <A href={`/subsidies/aanvragen/${g.applicationId}`}>{v.t('subsidies.grant.toApplication')}</A>] as [string, unknown]] : []),
        ] as [string, string][]}
      />
      <H2>{v.t('subsidies.grant.balance')}</H2>
      <BalanceTable v={v} g={g} />
      <H2>{v.t('subsidies.grant.decisions')}</H2>
      <Table
        caption={v.t('subsidies.grant.decisions')}
        id="besluiten"
        head={[v.t('subsidies.grant.reference'), v.t('subsidies.grant.decisionKind'), v.t('subsidies.grant.decidedOn'), v.t('subsidies.grant.change'), v.t('subsidies.grant.totalAfter'), v.t('subsidies.grant.letter')]}
        rows={g.decisionList.map((d) => [
          d.reference,
          <>
            {v.t(`subsidies.decision.${d.kind}`)}
            {d.year ? ` ${d.year}` : ''}
            {d.basisPoints ? ` (${(d.basisPoints / 100).toFixed(2)} %)` : ''}
            {d.reason ? <span class="sb-meta">{` — ${d.reason}`}</span> : ''}
          </>,
          fmtDate(v, d.decidedOn),
          euros(v, d.deltaCents),
          euros(v, d.totalCents),
          <A href={`${base}/besluiten/${d.number}/brief.pdf`}>{v.t('subsidies.grant.letterOf', { reference: d.reference })}</A>,
        ])}
      />
      {g.conditions && (
        <>
          <H2>{v.t('subsidies.grant.conditions')}</H2>
          <p class="utrecht-paragraph sb-pre-line">{g.conditions}</p>
        </>
      )}
      {g.reporting && (
        <>
          <H2>{v.t('subsidies.grant.reporting')}</H2>
          <p class="utrecht-paragraph sb-pre-line">{g.reporting}</p>
        </>
      )}
      <H2>{v.t('subsidies.grant.schedule')}</H2>
      <Table
        caption={v.t('subsidies.grant.schedule')}
        head={[v.t('subsidies.budget.year'), v.t('subsidies.grant.advanceDates')]}
        rows={g.schedule.map((s) => [String(s.year), s.dates.map((d) => `${fmtDate(v, d.date)}: ${euros(v, d.cents)}${d.due ? ` (${v.t('subsidies.grant.due')})` : ''}`).join('; ')])}
      />
      <H2>{v.t('subsidies.sroi.title')}</H2>
      {g.joint ? (
        <P>{v.t('subsidies.sroi.notJoint')}</P>
      ) : g.sroi.length === 0 ? (
        <P>{v.t('subsidies.sroi.none')}</P>
      ) : (
        <>
          <P>{v.t('subsidies.sroi.rule')}</P>
          <Table
            caption={v.t('subsidies.sroi.title')}
            head={[v.t('subsidies.budget.year'), v.t('subsidies.sroi.obligation'), v.t('subsidies.sroi.registered'), v.t('subsidies.sroi.shortfall'), v.t('subsidies.sroi.measures')]}
            rows={g.sroi.map((s) => [
              String(s.year),
              euros(v, s.obligationCents),
              euros(v, s.registeredCents),
              s.shortfallCents > 0 ? <Badge>{v.t('subsidies.sroi.short', { amount: euros(v, s.shortfallCents) })}</Badge> : v.t('subsidies.sroi.met'),
              s.measures.map((m) => `${v.t(`subsidies.sroi.kind.${m.kind}`)}: ${m.places} (${euros(v, m.valueCents)})${m.description ? ` — ${m.description}` : ''}`).join('; ') || '—',
            ])}
          />
          {g.may.registerSroi && (
            <form method="post" action={`${base}/sroi`} class="sb-form" novalidate>
              <Csrf v={v} />
              <H2>{v.t('subsidies.sroi.add')}</H2>
              <ErrorSummary v={v} errors={e('sroi')} />
              <Select name={n('sroi', 'year')} label={v.t('subsidies.budget.year')} value={val('sroi', 'year')} errors={e('sroi')} options={g.sroi.map((s) => ({ value: String(s.year), label: String(s.year) }))} />
              <Select name={n('sroi', 'kind')} label={v.t('subsidies.sroi.kind')} value={val('sroi', 'kind')} errors={e('sroi')} options={sroiKinds.map((k) => ({ value: k, label: v.t(`subsidies.sroi.kind.${k}`) }))} />
              <TextField name={n('sroi', 'places')} label={v.t('subsidies.sroi.places')} value={val('sroi', 'places')} errors={e('sroi')} />
              <TextField name={n('sroi', 'value')} label={v.t('subsidies.sroi.value')} value={val('sroi', 'value')} errors={e('sroi')} />
              <TextField name={n('sroi', 'description')} label={v.t('subsidies.sroi.description')} value={val('sroi', 'description')} errors={e('sroi')} />
              <Submit>{v.t('subsidies.save')}</Submit>
            </form>
          )}
        </>
      )}
      {g.may.decide && (
        <>
          <H2>{v.t('subsidies.review.title')}</H2>
          <P>{v.t('subsidies.review.intro')}</P>
          <form method="post" action={`${base}/bijstelling`} class="sb-form" novalidate>
            <Csrf v={v} />
            <h3 class="utrecht-heading-3">{v.t('subsidies.review.adjust')}</h3>
            <ErrorSummary v={v} errors={e('adjust')} />
            <Select name={n('adjust', 'year')} label={v.t('subsidies.budget.year')} value={val('adjust', 'year')} errors={e('adjust')} options={yearOptions} />
            <TextField name={n('adjust', 'wage')} label={v.t('subsidies.review.wageDelta')} description={v.t('subsidies.review.deltaHint')} value={val('adjust', 'wage')} errors={e('adjust')} />
            <TextField name={n('adjust', 'other')} label={v.t('subsidies.review.otherDelta')} value={val('adjust', 'other')} errors={e('adjust')} />
            <TextArea name={n('adjust', 'reason')} label={v.t('subsidies.review.reason')} value={val('adjust', 'reason')} errors={e('adjust')} rows={3} required />
            <TextField name={n('adjust', 'decidedOn')} type="date" label={v.t('subsidies.grant.decidedOn')} value={val('adjust', 'decidedOn') || localDate(ctx.now())} errors={e('adjust')} required />
            <Submit>{v.t('subsidies.review.adjustSubmit')}</Submit>
          </form>
          <form method="post" action={`${base}/indexering`} class="sb-form" novalidate>
            <Csrf v={v} />
            <h3 class="utrecht-heading-3">{v.t('subsidies.review.index')}</h3>
            <ErrorSummary v={v} errors={e('index')} />
            <Select name={n('index', 'year')} label={v.t('subsidies.budget.year')} value={val('index', 'year')} errors={e('index')} options={yearOptions} />
            <TextField name={n('index', 'percentage')} label={v.t('subsidies.review.percentage')} description={v.t('subsidies.review.percentageHint')} value={val('index', 'percentage')} errors={e('index')} />
            <TextArea name={n('index', 'reason')} label={v.t('subsidies.review.reasonOptional')} value={val('index', 'reason')} errors={e('index')} rows={2} />
            <TextField name={n('index', 'decidedOn')} type="date" label={v.t('subsidies.grant.decidedOn')} value={val('index', 'decidedOn') || localDate(ctx.now())} errors={e('index')} required />
            <Submit>{v.t('subsidies.review.indexSubmit')}</Submit>
          </form>
          <H2>{v.t('subsidies.objection.title')}</H2>
          {objections.length > 0 && (
            <ul class="utrecht-unordered-list">
              {objections.map((k) => (
                <li class="utrecht-unordered-list__item">
                  <A href={`/effecten/klachten/${k.id}`}>{k.subject}</A> ({k.decisionReference}, {fmtDate(v, k.receivedDate)})
                </li>
              ))}
            </ul>
          )}
          <P>
            <A href={`${base}/bezwaar`}>{v.t('subsidies.objection.register')}</A>
          </P>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function objectionForm(c: Context<AppEnv>, id: string, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const g = await getGrant(ctx, id);
  const number = Number(c.req.query('besluit') ?? g.decisionList[g.decisionList.length - 1]?.number ?? 1);
  const ref = g.decisionList.find((d) => d.number === number)?.reference ?? g.reference;
  return c.html(
    <Layout v={v} title={v.t('subsidies.objection.register')}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: `/subsidies/beschikkingen/${g.id}`, label: g.reference }]} />
      <H1>{v.t('subsidies.objection.register')}</H1>
      <P>{v.t('subsidies.objection.intro')}</P>
      <form method="post" action={`/subsidies/beschikkingen/${g.id}/bezwaar`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <Select name="decisionReference" label={v.t('subsidies.objection.decision')} value={str(values, 'decisionReference') || ref} errors={errors} options={g.decisionList.map((d) => ({ value: d.reference, label: `${d.reference} — ${v.t(`subsidies.decision.${d.kind}`)} (${fmtDate(v, d.decidedOn)})` }))} />
        <TextField name="receivedDate" type="date" label={v.t('subsidies.objection.received')} value={str(values, 'receivedDate') || localDate(ctx.now())} errors={errors} required />
        <TextField name="subject" label={v.t('subsidies.objection.subject')} value={str(values, 'subject') || v.t('subsidies.objection.defaultSubject', { reference: ref, organisation: g.organisationName })} errors={errors} required />
        <TextArea name="description" label={v.t('subsidies.objection.description')} value={str(values, 'description')} errors={errors} rows={5} />
        <Submit>{v.t('subsidies.objection.submit')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

/** The three forms of the grant page have fields of the same names: each form's are prefixed, so ids stay unique. */
const prefixed = (prefix: string, errors: FieldError[]) => errors.map((e) => ({ ...e, field: `${prefix}.${e.field}` }));

export function registerGrantPages(app: OpenAPIHono<AppEnv>) {
  app.get('/subsidies/beschikkingen/nieuw', (c) => newGrantForm(c, {}, []));
  app.post('/subsidies/beschikkingen/nieuw', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const years = Object.keys(b)
      .map((k) => /^years\.(\d+)\.year$/.exec(k))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ year: str(b, `years.${m[1]}.year`) as unknown as number, wage: str(b, `years.${m[1]}.wage`), other: str(b, `years.${m[1]}.other`) }));
    try {
      const g = await createGrant(c.get('ctx'), { callId: str(b, 'callId'), organisationId: str(b, 'organisationId'), applicationId: str(b, 'applicationId'), themeSlug: str(b, 'themeSlug'), conditions: str(b, 'conditions'), reporting: str(b, 'reporting'), advances: (str(b, 'advances') || 'quarterly') as 'quarterly', decidedOn: str(b, 'decidedOn'), years });
      return c.redirect(`/subsidies/beschikkingen/${g.id}?klaar=1`, 303);
    } catch (err) {
      const labels: Record<string, string> = { callId: v.t('subsidies.grant.call'), organisationId: v.t('subsidies.grant.organisation'), applicationId: v.t('subsidies.application.title'), years: v.t('subsidies.grant.amounts'), decidedOn: v.t('subsidies.grant.decidedOn'), conditions: v.t('subsidies.grant.conditions') };
      years.forEach((y, i) => {
        labels[`years.${i}.wage`] = v.t('subsidies.budget.wageEuro', { year: y.year });
        labels[`years.${i}.other`] = v.t('subsidies.budget.otherEuro', { year: y.year });
      });
      return newGrantForm(c, b, pageErrors(err, v.lang, labels));
    }
  });
  app.get(GRANT, (c) => grantPage(c, c.req.param('id')!));
  const reviewLabels = (v: View) => ({ year: v.t('subsidies.budget.year'), wage: v.t('subsidies.review.wageDelta'), other: v.t('subsidies.review.otherDelta'), reason: v.t('subsidies.review.reason'), percentage: v.t('subsidies.review.percentage'), decidedOn: v.t('subsidies.grant.decidedOn') });
  app.post(`${GRANT}/bijstelling`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const f = (k: string) => str(b, `bijstelling.${k}`);
      await adjustGrant(c.get('ctx'), c.req.param('id')!, { year: f('year') as unknown as number, wage: f('wage'), other: f('other'), reason: f('reason'), decidedOn: f('decidedOn') });
      return c.redirect(`/subsidies/beschikkingen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return grantPage(c, c.req.param('id')!, prefixed('bijstelling', pageErrors(err, v.lang, reviewLabels(v))), b, 'adjust');
    }
  });
  app.post(`${GRANT}/indexering`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const f = (k: string) => str(b, `indexering.${k}`);
      await indexGrant(c.get('ctx'), c.req.param('id')!, { year: f('year') as unknown as number, percentage: f('percentage'), reason: f('reason'), decidedOn: f('decidedOn') });
      return c.redirect(`/subsidies/beschikkingen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return grantPage(c, c.req.param('id')!, prefixed('indexering', pageErrors(err, v.lang, reviewLabels(v))), b, 'index');
    }
  });
  app.post(`${GRANT}/sroi`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const f = (k: string) => str(b, `sroi.${k}`);
      await registerSroi(c.get('ctx'), c.req.param('id')!, { year: f('year') as unknown as number, kind: f('kind') as 'job', places: f('places') as unknown as number, value: f('value'), description: f('description') });
      return c.redirect(`/subsidies/beschikkingen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return grantPage(c, c.req.param('id')!, prefixed('sroi', pageErrors(err, v.lang, { year: v.t('subsidies.budget.year'), kind: v.t('subsidies.sroi.kind'), places: v.t('subsidies.sroi.places'), value: v.t('subsidies.sroi.value'), description: v.t('subsidies.sroi.description') })), b, 'sroi');
    }
  });
  app.get(`${GRANT}/besluiten/:number/brief.pdf`, async (c) => {
    const { pdf, filename } = await decisionLetter(c.get('ctx'), c.req.param('id')!, Number(c.req.param('number')), c.get('lang'));
    return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${filename}"` });
  });
  app.get(`${GRANT}/bezwaar`, (c) => objectionForm(c, c.req.param('id')!, {}, []));
  app.post(`${GRANT}/bezwaar`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const b = await readForm(c);
    const g = await getGrant(ctx, c.req.param('id')!);
    try {
      const ref = str(b, 'decisionReference');
      if (!g.decisionList.some((d) => d.reference === ref)) throw invalid([{ field: 'decisionReference', code: 'unknown_reference', message: 'subsidies.error.unknownDecision' }]);
      const k = await registerComplaint(ctx, { typeKey: 'bezwaar', receivedDate: str(b, 'receivedDate'), subject: str(b, 'subject'), description: str(b, 'description'), decisionReference: ref, organisationId: g.organisationId, themeSlug: g.themeSlug, handlerUserId: v.actor?.userId || null });
      return c.redirect(`/effecten/klachten/${k.id}?klaar=saved`, 303);
    } catch (err) {
      return objectionForm(c, g.id, b, pageErrors(err, v.lang, { decisionReference: v.t('subsidies.objection.decision'), receivedDate: v.t('subsidies.objection.received'), subject: v.t('subsidies.objection.subject'), description: v.t('subsidies.objection.description') }));
    }
  });
  app.get(`${CALL}/portefeuille`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const call = await getCall(ctx, c.req.param('id')!);
    const grants = await listGrants(ctx, { call: call.id });
    const years = yearsOf(call);
    const sumYear = (y: number) => grants.reduce((s, g) => s + totalOf(g.years.find((x) => x.year === y) ?? { wageCents: 0, otherCents: 0 }), 0);
    return c.html(
      <Layout v={v} title={v.t('subsidies.portfolio.title')}>
        <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: `/subsidies/uitvragen/${call.id}`, label: call.title }]} />
        <H1>{v.t('subsidies.portfolio.titleOf', { period: `${call.startYear}–${call.endYear}` })}</H1>
        <P>{v.t('subsidies.portfolio.intro')}</P>
        {managesSubsidies(v.actor) && (
          <P>
            <ButtonLink href={`/subsidies/beschikkingen/nieuw?uitvraag=${call.id}`} secondary>
              {v.t('subsidies.grant.newSingle')}
            </ButtonLink>
          </P>
        )}
        {grants.length === 0 ? (
          <P>{v.t('subsidies.portfolio.none')}</P>
        ) : (
          <Table
            caption={v.t('subsidies.portfolio.caption', { n: grants.length })}
            id="portefeuille"
            head={[v.t('subsidies.grant.reference'), v.t('subsidies.grant.organisation'), v.t('subsidies.call.theme'), ...years.map(String), v.t('subsidies.grant.total'), v.t('subsidies.grant.decisions')]}
            rows={[
              ...grants.map((g) => [<A href={`/subsidies/beschikkingen/${g.id}`}>{g.reference}</A>, g.organisationName, g.themeName || '—', ...years.map((y) => euros(v, totalOf(g.years.find((x) => x.year === y) ?? { wageCents: 0, otherCents: 0 }))), euros(v, g.totalCents), String(g.decisions)]),
              [<strong>{v.t('subsidies.budget.total')}</strong>, '', '', ...years.map((y) => <strong>{euros(v, sumYear(y))}</strong>), <strong>{euros(v, grants.reduce((s, g) => s + g.totalCents, 0))}</strong>, ''],
            ]}
          />
        )}
      </Layout>,
    );
  });
}
