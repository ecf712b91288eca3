/** @jsxImportSource hono/jsx */
// Session pages (level 1): the entry point with an organisation's activities and their sessions per month, and the
// form for one session on a date. The month form is in month-pages.tsx, attendance in attendance-pages.tsx.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listOrganisations, getOrganisationNames } from '../network/service.ts';
import { occurrenceDates, occurrenceHours, type ActivityView } from '../catalogue/service.ts';
import { activityForSessions, deliveringOrganisations, listDeliveredSessions, listSessions, principleOptions, saveSession, today, validDate, type SessionView } from './sessions.ts';
import { SID, dayLabel, monthLabel, num, numInput, shortDay, SessionStyles, SESSIONS_CSS, SESSIONS_CSS_URL } from './session-views.tsx';
import { registerMonthPages } from './month-pages.tsx';
import { registerAttendancePages } from './attendance-pages.tsx';
import { registerSessionApi } from './session-api.ts';

export const sessionCrumbs = (v: View) => [{ href: '/verantwoording', label: v.t('reach.nav') }, { href: '/verantwoording/bijeenkomsten', label: v.t('reach.sessions.title') }];

/** The first day of the month eleven months before today's: the overview shows a year of months. */
const overviewFrom = (todayDate: string) => {
  const [y, m] = todayDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 12, 1)).toISOString().slice(0, 10);
};

// ------------------------------------------------------------------ the entry point

async function overview(c: Context<AppEnv>) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const admin = hasRole(v.actor, 'administrator');
  const chosen = c.req.query('organisatie') ?? '';
  const orgId = admin ? chosen : (v.actor?.organisationId ?? '');
  const orgs = admin ? await listOrganisations(ctx) : [];
  const from = overviewFrom(today(ctx));
  const thisMonth = today(ctx).slice(0, 7);
  const items = orgId && (!admin || orgs.some((o) => o.id === orgId)) ? await listDeliveredSessions(ctx, orgId, from) : null;
  const owners = items ? await getOrganisationNames(ctx, items.filter((i) => i.asPartner).map((i) => i.activity.organisationId)) : new Map<string, string>();
  return c.html(
    <Layout v={v} title={v.t('reach.sessions.title')}>
      <SessionStyles />
      <Breadcrumbs v={v} items={sessionCrumbs(v).slice(0, 1)} />
      <H1>{v.t('reach.sessions.title')}</H1>
      <P>{v.t('reach.sessions.intro')}</P>
      {admin && (
        <form method="get" action="/verantwoording/bijeenkomsten" class="sb-form">
          <Select name="organisatie" label={v.t('reach.sessions.organisation')} value={chosen} options={[{ value: '', label: v.t('reach.sessions.chooseOrganisation') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
          <div>
            <Submit>{v.t('reach.sessions.show')}</Submit>
          </div>
        </form>
      )}
      {!items ? (
        <Alert type={admin ? 'info' : 'warning'}>{admin ? v.t('reach.sessions.pickOrganisation') : v.t('reach.sessions.noOrganisation')}</Alert>
      ) : items.length === 0 ? (
        <P>{v.t('reach.sessions.noActivities')}</P>
      ) : (
        items.map(({ activity, asPartner, months }) => {
          const q = admin ? `&organisatie=${orgId}` : '';
          return (
            <section aria-labelledby={`act-${activity.id}`}>
              <H2 id={`act-${activity.id}`}>{activity.title}</H2>
              {asPartner && <P>{v.t('reach.sessions.asPartner', { organisation: owners.get(activity.organisationId) ?? '' })}</P>}
              <p class="utrecht-paragraph sb-actions">
                <A href={`/verantwoording/activiteiten/${activity.id}/maand?maand=${thisMonth}${q}`}>{v.t('reach.sessions.fillMonth', { month: monthLabel(v.lang, thisMonth) })}</A>
                <A href={`/verantwoording/activiteiten/${activity.id}/bijeenkomst${admin ? `?organisatie=${orgId}` : ''}`}>{v.t('reach.sessions.registerOne')}</A>
              </p>
              {months.length === 0 ? (
                <P>{v.t('reach.sessions.none', { date: dayLabel(v.lang, from) })}</P>
              ) : (
                <Table
                  caption={v.t('reach.sessions.caption', { title: activity.title })}
                  head={[v.t('reach.sessions.month'), v.t('reach.sessions.sessions'), v.t('reach.sessions.visits'), '']}
                  rows={months.map((m) => [
                    monthLabel(v.lang, m.month),
                    <ul class="sb-session-links">
                      {m.sessions.map((s) => (
                        <li>
                          <A href={`/verantwoording/bijeenkomsten/${s.id}`}>{shortDay(v.lang, s.date)}</A>
                          {s.status === 'cancelled' && ` ${v.t('reach.sessions.cancelledMark')}`}
                        </li>
                      ))}
                    </ul>,
                    num(v.lang, m.sessions.reduce((n, s) => n + s.visits, 0)),
                    <A href={`/verantwoording/activiteiten/${activity.id}/maand?maand=${m.month}${q}`}>{v.t('reach.sessions.editMonth', { month: monthLabel(v.lang, m.month) })}</A>,
                  ])}
                />
              )}
            </section>
          );
        })
      )}
    </Layout>,
  );
}

// ------------------------------------------------------------------ one session

const emptyValues = (a: ActivityView, date: string, organisationId: string): FormBody => ({ date, status: 'held', cancelReason: '', hours: '', volunteers: '', volunteerHours: '', principles: [], headcount: '', note: '', organisationId: organisationId || a.organisationId });

const valuesOf = (v: View, s: SessionView): FormBody => ({
  date: s.date,
  status: s.status,
  cancelReason: s.cancelReason,
  hours: numInput(v.lang, s.hours),
  volunteers: String(s.volunteers),
  volunteerHours: numInput(v.lang, s.volunteerHours),
  principles: s.principles,
  headcount: String(s.headcount),
  note: s.note,
  organisationId: s.organisationId,
});

async function sessionForm(c: Context<AppEnv>, a: ActivityView, values: FormBody, errors: FieldError[], status: number) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const admin = hasRole(v.actor, 'administrator');
  const t = today(ctx);
  const recentFrom = new Date(Date.parse(`${t}T00:00:00Z`) - 42 * 86_400_000).toISOString().slice(0, 10);
  const planned = a.schedule.kind === 'one-off' ? [] : occurrenceDates(a, recentFrom < a.schedule.startDate ? a.schedule.startDate : recentFrom, t).reverse();
  const options = await principleOptions(ctx, a);
  const names = admin ? await getOrganisationNames(ctx, deliveringOrganisations(a)) : new Map<string, string>();
  const orgQ = admin && str(values, 'organisationId') ? `&organisatie=${str(values, 'organisationId')}` : '';
  return c.html(
    <Layout v={v} title={`${v.t('reach.session.title')}: ${a.title}`}>
      <SessionStyles />
      <Breadcrumbs v={v} items={sessionCrumbs(v)} />
      <H1>{`${v.t('reach.session.title')}: ${a.title}`}</H1>
      <P>{v.t('reach.session.intro')}</P>
      {planned.length > 0 && (
        <nav aria-labelledby="geplande-data">
          <H2 id="geplande-data">{v.t('reach.session.planned')}</H2>
          <P>{v.t('reach.session.plannedHint')}</P>
          <ul class="sb-session-links">
            {planned.map((d) => (
              <li>
                <A href={`/verantwoording/activiteiten/${a.id}/bijeenkomst?datum=${d}${orgQ}`}>{shortDay(v.lang, d)}</A>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <form method="post" action={`/verantwoording/activiteiten/${a.id}/bijeenkomst`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {admin && <Select name="organisationId" label={v.t('reach.session.organisation')} value={str(values, 'organisationId')} errors={errors} options={deliveringOrganisations(a).map((id) => ({ value: id, label: names.get(id) ?? id }))} />}
        <TextField name="date" type="date" label={v.t('reach.session.date')} description={v.t('reach.session.dateHint')} value={str(values, 'date')} errors={errors} required />
        <Select name="status" label={v.t('reach.session.status')} value={str(values, 'status')} errors={errors} options={[{ value: 'held', label: v.t('reach.session.held') }, { value: 'cancelled', label: v.t('reach.session.cancelled') }]} />
        <TextField name="cancelReason" label={v.t('reach.session.cancelReason')} description={v.t('reach.session.cancelReasonHint')} value={str(values, 'cancelReason')} errors={errors} />
        <TextField name="hours" label={v.t('reach.session.hours')} description={v.t('reach.session.hoursHint', { hours: num(v.lang, occurrenceHours(a)) })} value={str(values, 'hours')} errors={errors} />
        <TextField name="volunteers" type="number" label={v.t('reach.session.volunteers')} value={str(values, 'volunteers')} errors={errors} />
        <TextField name="volunteerHours" label={v.t('reach.session.volunteerHours')} value={str(values, 'volunteerHours')} errors={errors} />
        <TextField name="headcount" type="number" label={v.t('reach.session.headcount')} description={v.t('reach.session.headcountHint')} value={str(values, 'headcount')} errors={errors} />
        {options.length ? (
          <Checkboxes name="principles" label={v.t('reach.session.principles')} description={v.t('reach.session.principlesHint')} values={list(values, 'principles')} errors={errors} options={options.map((p) => ({ value: p.key, label: p.text }))} />
        ) : (
          <P>{v.t('reach.session.noPrinciples')}</P>
        )}
        <TextArea name="note" label={v.t('reach.session.note')} value={str(values, 'note')} errors={errors} rows={3} />
        <div>
          <Submit>{v.t('reach.session.submit')}</Submit>
        </div>
      </form>
    </Layout>,
    status as 200,
  );
}

const formInput = (b: FormBody) => ({
  date: str(b, 'date').trim(),
  status: str(b, 'status'),
  cancelReason: str(b, 'cancelReason'),
  hours: str(b, 'hours'),
  volunteers: str(b, 'volunteers'),
  volunteerHours: str(b, 'volunteerHours'),
  principles: list(b, 'principles'),
  headcount: str(b, 'headcount'),
  note: str(b, 'note'),
  organisationId: str(b, 'organisationId'),
});

export function registerSessions(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  app.get(SESSIONS_CSS_URL, (c) => c.body(SESSIONS_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  app.get('/verantwoording/bijeenkomsten', overview);

  app.get(`/verantwoording/activiteiten/${SID}/bijeenkomst`, async (c) => {
    const ctx = c.get('ctx');
    const a = await activityForSessions(ctx, c.req.param('id'));
    const date = c.req.query('datum') ?? '';
    const org = c.req.query('organisatie') ?? ctx.actor?.organisationId ?? '';
    const existing = validDate(date) ? (await listSessions(ctx, { activityId: a.id, from: date, to: date }))[0] : undefined;
    return sessionForm(c, a, existing ? valuesOf(viewOf(c), existing) : emptyValues(a, validDate(date) ? date : '', org), [], 200);
  });

  app.post(`/verantwoording/activiteiten/${SID}/bijeenkomst`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const a = await activityForSessions(ctx, c.req.param('id'));
    const body = await readForm(c);
    const input = formInput(body);
    try {
      const s = await saveSession(ctx, a.id, { ...input, organisationId: hasRole(v.actor, 'administrator') ? input.organisationId : undefined });
      return c.redirect(`/verantwoording/bijeenkomsten/${s.id}?opgeslagen=1`, 303);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'forbidden' || err.code === 'not_found')) throw err;
      return sessionForm(c, a, body, formErrors(err, v.lang), err instanceof AppError ? err.status : 400);
    }
  });

  registerMonthPages(app);
  registerAttendancePages(app);
  registerSessionApi(api);
}
