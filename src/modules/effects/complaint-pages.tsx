/** @jsxImportSource hono/jsx */
// Pages of complaints and objections: the list (overdue flagged in words, filters), registering one, one case with
// its deadline, progress and extension forms, and the figures per year.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, Facts, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getOrganisationNames } from '../network/service.ts';
import { getActivitySummaries, listActivitySummaries } from '../catalogue/service.ts';
import { handlesComplaint, readsAllRegisters } from './policy.ts';
import { registerComplaint, progressComplaint, extendComplaint, getComplaint, listComplaints, listHandlers, complaintStatuses, complaintDecisions, type ComplaintView } from './complaint-service.ts';
import { complaintReport, type ComplaintFigures } from './complaint-report.ts';
import { listComplaintTypes, termName } from './outflow-terms.ts';
import { RegisterLinks, frameworkOptions, organisationOptions, fmtDate, fmtShare, fmtNumber, Flag } from './register-ui.tsx';
import { localDate } from './complaint-deadline.ts';

const labels = (v: View): Record<string, string> => ({
  typeKey: v.t('effects.complaint.type'),
  receivedDate: v.t('effects.complaint.receivedDate'),
  subject: v.t('effects.complaint.subject'),
  description: v.t('effects.complaint.description'),
  decisionReference: v.t('effects.complaint.decisionReference'),
  handlerUserId: v.t('effects.complaint.handler'),
  organisationId: v.t('effects.field.organisation'),
  activityId: v.t('effects.complaint.activity'),
  themeSlug: v.t('effects.field.theme'),
  complainantName: v.t('effects.complaint.complainantName'),
  complainantContact: v.t('effects.complaint.complainantContact'),
  status: v.t('effects.complaint.status'),
  decision: v.t('effects.complaint.decision'),
  decisionText: v.t('effects.complaint.decisionText'),
  decidedDate: v.t('effects.complaint.decidedDate'),
  days: v.t('effects.complaint.extendDays'),
  reason: v.t('effects.complaint.extendReason'),
  overdue: v.t('effects.complaint.onlyOverdue'),
});

const typeName = (v: View, c: ComplaintView) => termName(c.type, v.lang);

async function newForm(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [types, handlers, orgs, fw] = await Promise.all([listComplaintTypes(ctx), listHandlers(ctx), organisationOptions(ctx), frameworkOptions(ctx)]);
  // The activity map holds thousands of activities: the choice lists those of the chosen organisation (chosen in the
  // small form above, which reloads this page without JavaScript, or in the main form after an error).
  const orgId = orgs.some((o) => o.value === str(values, 'organisationId')) ? str(values, 'organisationId') : '';
  const activities = orgId ? await listActivitySummaries(ctx, { organisationId: orgId }) : [];
  return c.html(
    <Layout v={v} title={v.t('effects.complaint.new')}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/klachten', label: v.t('effects.complaint.title') }]} />
      <H1>{v.t('effects.complaint.new')}</H1>
      <form method="get" action="/effecten/klachten/nieuw" class="sb-form sb-filter" aria-label={v.t('effects.complaint.chooseOrganisation')}>
        <Select name="organisatie" label={v.t('effects.complaint.aboutOrganisation')} value={orgId} options={[{ value: '', label: v.t('effects.complaint.noOrganisation') }, ...orgs]} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {v.t('effects.complaint.showActivities')}
        </button>
      </form>
      <form method="post" action="/effecten/klachten" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <Select name="typeKey" label={v.t('effects.complaint.type')} value={str(values, 'typeKey')} errors={errors} options={types.map((t) => ({ value: t.key, label: `${termName(t, v.lang)} (${t.legalBasis})` }))} />
        <TextField name="receivedDate" type="date" label={v.t('effects.complaint.receivedDate')} value={str(values, 'receivedDate') || localDate(ctx.now())} errors={errors} required />
        <TextField name="subject" label={v.t('effects.complaint.subject')} value={str(values, 'subject')} errors={errors} required />
        <TextArea name="description" label={v.t('effects.complaint.description')} value={str(values, 'description')} errors={errors} />
        <TextField name="decisionReference" label={v.t('effects.complaint.decisionReference')} value={str(values, 'decisionReference')} errors={errors} />
        <Select name="handlerUserId" label={v.t('effects.complaint.handler')} value={str(values, 'handlerUserId') || v.actor?.userId} errors={errors} options={[{ value: '', label: v.t('effects.complaint.noHandler') }, ...handlers.map((h) => ({ value: h.id, label: h.name }))]} />
        <Select name="organisationId" label={v.t('effects.field.organisation')} value={orgId} errors={errors} options={[{ value: '', label: v.t('effects.complaint.noOrganisation') }, ...orgs]} />
        {orgId ? (
          <Select name="activityId" label={v.t('effects.complaint.activity')} description={v.t('effects.complaint.activityHint')} value={str(values, 'activityId')} errors={errors} options={[{ value: '', label: v.t('effects.complaint.noActivity') }, ...activities.map((a) => ({ value: a.id, label: a.title }))]} />
        ) : (
          <P>{v.t('effects.complaint.activityFirstOrganisation')}</P>
        )}
        <Select name="themeSlug" label={v.t('effects.field.theme')} value={str(values, 'themeSlug')} errors={errors} options={[{ value: '', label: v.t('effects.complaint.noTheme') }, ...fw.themes]} />
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{v.t('effects.complaint.complainant')}</legend>
          <P>{v.t('effects.complaint.complainantHint')}</P>
          <TextField name="complainantName" label={v.t('effects.complaint.complainantName')} value={str(values, 'complainantName')} errors={errors} autocomplete="off" />
          <TextField name="complainantContact" label={v.t('effects.complaint.complainantContact')} value={str(values, 'complainantContact')} errors={errors} autocomplete="off" />
        </fieldset>
        <Submit>{v.t('effects.complaint.save')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function detail(c: Context<AppEnv>, k: ComplaintView, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [fw, orgNames, activities] = await Promise.all([
    frameworkOptions(ctx),
    k.organisationId ? getOrganisationNames(ctx, [k.organisationId]) : Promise.resolve(new Map<string, string>()),
    getActivitySummaries(ctx, k.activityId ? [k.activityId] : []),
  ]);
  const handles = handlesComplaint(v.actor, k);
  const notice = c.req.query('klaar');
  return c.html(
    <Layout v={v} title={k.subject}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/klachten', label: v.t('effects.complaint.title') }]} />
      <H1>{`${typeName(v, k)}: ${k.subject}`}</H1>
      {notice === 'saved' && <Alert type="ok">{v.t('effects.complaint.saved')}</Alert>}
      {notice === 'progress' && <Alert type="ok">{v.t('effects.complaint.progressSaved')}</Alert>}
      {notice === 'extended' && <Alert type="ok">{v.t('effects.complaint.extended')}</Alert>}
      {k.overdue && <Alert type="warning">{v.t('effects.complaint.overdueLong', { date: fmtDate(v, k.deadline) })}</Alert>}
      <Facts
        items={[
          [
            v.t('effects.complaint.status'),
            <>
              {v.t(`effects.complaint.status.${k.status}`)}
              {k.overdue && (
                <>
                  {' · '}
                  <Flag>{v.t('effects.complaint.overdue')}</Flag>
                </>
              )}
            </>,
          ],
          [v.t('effects.complaint.receivedDate'), fmtDate(v, k.receivedDate)],
          [v.t('effects.complaint.deadline'), `${fmtDate(v, k.deadline)} (${k.type.legalBasis})`],
          ...(k.extensionDays > 0 ? ([[v.t('effects.complaint.extend'), v.t('effects.complaint.extension', { days: k.extensionDays, reason: k.extensionReason })]] satisfies [string, string][]) : []),
          ...(k.description ? ([[v.t('effects.complaint.description'), k.description]] satisfies [string, string][]) : []),
          ...(k.decisionReference ? ([[v.t('effects.complaint.decisionReference'), k.decisionReference]] satisfies [string, string][]) : []),
          [v.t('effects.complaint.handler'), k.handlerName ?? v.t('effects.complaint.noHandler')],
          [v.t('effects.field.organisation'), (k.organisationId && orgNames.get(k.organisationId)) || v.t('effects.none')],
          [v.t('effects.complaint.activity'), k.activityId && activities.get(k.activityId) ? <A href={`/activiteiten/${k.activityId}`}>{activities.get(k.activityId)!.title}</A> : v.t('effects.none')],
          [v.t('effects.field.theme'), fw.themeName(k.themeSlug) || v.t('effects.none')],
          ...(k.decision
            ? ([
                [
                  v.t('effects.complaint.decision'),
                  `${v.t(`effects.complaint.decision.${k.decision}`)} · ${fmtDate(v, k.decidedDate)} · ${k.handledInTime ? v.t('effects.complaint.inTime') : v.t('effects.complaint.late')}${k.decisionText ? ` — ${k.decisionText}` : ''}`,
                ],
              ] satisfies [string, string][])
            : []),
          ...(k.complainant
            ? ([
                [v.t('effects.complaint.complainantName'), k.complainant.name || v.t('effects.none')],
                [v.t('effects.complaint.complainantContact'), k.complainant.contact || v.t('effects.none')],
              ] satisfies [string, string][])
            : []),
        ]}
      />
      {handles && (
        <>
          <H2 id="voortgang">{v.t('effects.complaint.progress')}</H2>
          <form method="post" action={`/effecten/klachten/${k.id}/voortgang`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <Select name="status" label={v.t('effects.complaint.status')} value={str(values, 'status') || k.status} errors={errors} options={complaintStatuses.map((s) => ({ value: s, label: v.t(`effects.complaint.status.${s}`) }))} />
            <Select name="decision" label={v.t('effects.complaint.decision')} value={str(values, 'decision') || k.decision} errors={errors} options={[{ value: '', label: v.t('effects.none') }, ...complaintDecisions.map((d) => ({ value: d, label: v.t(`effects.complaint.decision.${d}`) }))]} />
            <TextField name="decidedDate" type="date" label={v.t('effects.complaint.decidedDate')} value={str(values, 'decidedDate') || k.decidedDate || ''} errors={errors} />
            <TextArea name="decisionText" label={v.t('effects.complaint.decisionText')} value={str(values, 'decisionText') || k.decisionText} errors={errors} />
            <Submit>{v.t('effects.complaint.progressSave')}</Submit>
          </form>
          {k.status !== 'handled' && k.extensionDays === 0 && k.type.extensionDays > 0 && (
            <>
              <H2 id="verlengen">{v.t('effects.complaint.extend')}</H2>
              <P>{v.t('effects.complaint.extendHint', { days: k.type.extensionDays })}</P>
              <form method="post" action={`/effecten/klachten/${k.id}/verlengen`} class="sb-form" novalidate>
                <Csrf v={v} />
                <TextField name="days" type="number" label={v.t('effects.complaint.extendDays')} value={str(values, 'days') || String(k.type.extensionDays)} errors={errors} />
                <TextArea name="reason" label={v.t('effects.complaint.extendReason')} value={str(values, 'reason')} errors={errors} required />
                <Submit>{v.t('effects.complaint.extendSave')}</Submit>
              </form>
            </>
          )}
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

const FiguresTable = ({ v, caption, rows }: { v: View; caption: string; rows: [string, ComplaintFigures][] }) => (
  <Table
    caption={caption}
    head={[v.t('effects.complaint.figures.group'), v.t('effects.complaint.figures.received'), v.t('effects.complaint.figures.handled'), v.t('effects.complaint.figures.open'), v.t('effects.complaint.figures.overdue'), v.t('effects.complaint.figures.median'), v.t('effects.complaint.figures.inTimeShare')]}
    rows={rows.map(([label, f]) => [label, String(f.received), String(f.handled), String(f.open), String(f.overdue), fmtNumber(v, f.medianDays, false), f.inTimeShare === null ? v.t('effects.none') : fmtShare(v, f.inTimeShare)])}
  />
);

export function registerComplaintPages(app: OpenAPIHono<AppEnv>) {
  app.get('/effecten/klachten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const types = await listComplaintTypes(ctx);
    const type = types.some((t) => t.key === c.req.query('soort')) ? c.req.query('soort') : undefined;
    const overdue = c.req.query('overschreden') === '1';
    const items = await listComplaints(ctx, { type, overdue: overdue ? 'true' : undefined });
    return c.html(
      <Layout v={v} title={v.t('effects.complaint.title')}>
        <H1>{v.t('effects.complaint.title')}</H1>
        <P>{v.t('effects.complaint.intro')}</P>
        <RegisterLinks v={v} />
        {readsAllRegisters(v.actor) && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/effecten/klachten/nieuw">
              {v.t('effects.complaint.new')}
            </a>
          </P>
        )}
        <form method="get" action="/effecten/klachten" class="sb-form sb-filter">
          <Select name="soort" label={v.t('effects.complaint.type')} value={type ?? ''} options={[{ value: '', label: v.t('effects.all') }, ...types.map((t) => ({ value: t.key, label: termName(t, v.lang) }))]} />
          <Checkboxes name="overschreden" label={v.t('effects.complaint.deadline')} values={overdue ? ['1'] : []} options={[{ value: '1', label: v.t('effects.complaint.onlyOverdue') }]} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('effects.filter')}
          </button>
        </form>
        {items.length === 0 ? (
          <P>{v.t('effects.complaint.none')}</P>
        ) : (
          <Table
            caption={v.t('effects.complaint.title')}
            head={[v.t('effects.complaint.subject'), v.t('effects.complaint.type'), v.t('effects.complaint.receivedDate'), v.t('effects.complaint.deadline'), v.t('effects.complaint.status')]}
            rows={items.map((k) => [
              <A href={`/effecten/klachten/${k.id}`}>{k.subject}</A>,
              typeName(v, k),
              fmtDate(v, k.receivedDate),
              fmtDate(v, k.deadline),
              <>
                {v.t(`effects.complaint.status.${k.status}`)}
                {k.overdue && (
                  <>
                    {' · '}
                    <Flag>{v.t('effects.complaint.overdue')}</Flag>
                  </>
                )}
              </>,
            ])}
          />
        )}
      </Layout>,
    );
  });

  app.get('/effecten/klachten/nieuw', (c) => newForm(c, { organisationId: c.req.query('organisatie') ?? '' }, []));
  app.post('/effecten/klachten', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const k = await registerComplaint(c.get('ctx'), {
        typeKey: str(b, 'typeKey'),
        receivedDate: str(b, 'receivedDate'),
        subject: str(b, 'subject'),
        description: str(b, 'description'),
        decisionReference: str(b, 'decisionReference'),
        handlerUserId: str(b, 'handlerUserId') || null,
        organisationId: str(b, 'organisationId') || null,
        activityId: str(b, 'activityId') || null,
        themeSlug: str(b, 'themeSlug') || null,
        complainantName: str(b, 'complainantName'),
        complainantContact: str(b, 'complainantContact'),
      });
      return c.redirect(`/effecten/klachten/${k.id}?klaar=saved`, 303);
    } catch (err) {
      return newForm(c, b, formErrors(err, v.lang, labels(v)));
    }
  });

  app.get('/effecten/klachten/cijfers', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const thisYear = Number(localDate(ctx.now()).slice(0, 4));
    const y = c.req.query('jaar') ?? '';
    const year = /^\d{4}$/.test(y) && +y >= 2000 && +y <= 2100 ? +y : thisYear;
    const [r, types, fw] = await Promise.all([complaintReport(ctx, { year }), listComplaintTypes(ctx), frameworkOptions(ctx)]);
    const [orgNames, activities] = await Promise.all([getOrganisationNames(ctx, r.byOrganisation.flatMap((f) => (f.key ? [f.key] : []))), getActivitySummaries(ctx, r.byActivity.flatMap((f) => (f.key ? [f.key] : [])))]);
    const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
    return c.html(
      <Layout v={v} title={v.t('effects.complaint.figures.title')}>
        <H1>{v.t('effects.complaint.figures.title')}</H1>
        <P>{v.t('effects.complaint.figures.intro')}</P>
        <RegisterLinks v={v} />
        <form method="get" action="/effecten/klachten/cijfers" class="sb-form sb-filter">
          <Select name="jaar" label={v.t('effects.field.year')} value={String(year)} options={years.map((x) => ({ value: x, label: x }))} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('effects.filter')}
          </button>
        </form>
        <FiguresTable v={v} caption={`${v.t('effects.complaint.figures.byType')} (${year})`} rows={[[v.t('effects.outflow.report.total'), r.total], ...r.byType.map((f): [string, ComplaintFigures] => [termName(types.find((t) => t.key === f.key) ?? { nameNl: f.key ?? '', nameEn: f.key ?? '' }, v.lang), f])]} />
        <FiguresTable v={v} caption={`${v.t('effects.complaint.figures.byOrganisation')} (${year})`} rows={r.byOrganisation.map((f): [string, ComplaintFigures] => [(f.key && orgNames.get(f.key)) || v.t('effects.complaint.noOrganisation'), f])} />
        <FiguresTable v={v} caption={`${v.t('effects.complaint.figures.byTheme')} (${year})`} rows={r.byTheme.map((f): [string, ComplaintFigures] => [fw.themeName(f.key) || v.t('effects.complaint.noTheme'), f])} />
        <FiguresTable v={v} caption={`${v.t('effects.complaint.figures.byActivity')} (${year})`} rows={r.byActivity.map((f): [string, ComplaintFigures] => [(f.key && activities.get(f.key)?.title) || v.t('effects.complaint.noActivity'), f])} />
      </Layout>,
    );
  });

  app.get('/effecten/klachten/:id', async (c) => detail(c, await getComplaint(c.get('ctx'), c.req.param('id')), {}, []));

  app.post('/effecten/klachten/:id/voortgang', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const b = await readForm(c);
    try {
      await progressComplaint(ctx, id, { status: str(b, 'status') as never, decision: (str(b, 'decision') || null) as never, decidedDate: str(b, 'decidedDate') || null, decisionText: str(b, 'decisionText') });
      return c.redirect(`/effecten/klachten/${id}?klaar=progress`, 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, labels(v));
      return detail(c, await getComplaint(ctx, id), b, errors);
    }
  });

  app.post('/effecten/klachten/:id/verlengen', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const b = await readForm(c);
    try {
      await extendComplaint(ctx, id, { days: str(b, 'days') || undefined, reason: str(b, 'reason') });
      return c.redirect(`/effecten/klachten/${id}?klaar=extended`, 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, labels(v));
      return detail(c, await getComplaint(ctx, id), b, errors);
    }
  });
}
