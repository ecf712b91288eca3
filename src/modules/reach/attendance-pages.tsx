/** @jsxImportSource hono/jsx */
// The page of one session: what was registered, the visits (identified + anonymous headcount + imported anonymous),
// the anonymous headcount, identified participants added one by one, and identified volunteers. Only coarse
// attributes and a short fingerprint of each pseudonym are shown; identifiers are never filled in again.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { listNeighbourhoods, listTargetGroups } from '../framework/service.ts';
import { getOrganisationNames } from '../network/service.ts';
import { activityForSessions, principleOptions } from './sessions.ts';
import { addParticipant, addSessionVolunteer, getSessionAttendance, removeParticipant, removeSessionVolunteer, setHeadcount } from './attendance.ts';
import { ageBands } from './session-input.ts';
import { SID, dayLabel, monthLabel, num, SessionStyles } from './session-views.tsx';
import { sessionCrumbs } from './session-pages.tsx';

type Form = 'participant' | 'volunteer' | 'headcount';

/** Only the coarse fields are kept for a form shown again; pass number, name and date of birth never are. */
const coarse = (b: FormBody): FormBody => ({ birthYear: str(b, 'birthYear'), ageBand: str(b, 'ageBand'), wijkCode: str(b, 'wijkCode'), targetGroups: list(b, 'targetGroups'), hours: str(b, 'hours'), headcount: str(b, 'headcount') });

async function sessionPage(c: Context<AppEnv>, id: string, form: { which: Form; values: FormBody; errors: FieldError[] } | null, status = 200) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const { session: s, visits, volunteers } = await getSessionAttendance(ctx, id);
  const a = await activityForSessions(ctx, s.activityId);
  const [principles, wijken, groups, names] = await Promise.all([principleOptions(ctx, a), listNeighbourhoods(ctx), listTargetGroups(ctx), getOrganisationNames(ctx, [s.organisationId])]);
  const wijkName = new Map(wijken.filter((w) => w.kind === 'wijk').map((w) => [w.code, w.name]));
  const groupName = new Map(groups.map((g) => [g.key, g.name[v.lang]]));
  const principleText = new Map(principles.map((p) => [p.key, p.text]));
  const errorsOf = (which: Form) => (form?.which === which ? form.errors : []);
  const valuesOf = (which: Form) => (form?.which === which ? form.values : {});
  const q = c.req.query();
  const title = `${v.t('reach.attendance.title', { date: dayLabel(v.lang, s.date) })}: ${a.title}`;
  const held = s.status === 'held';
  const fp = q.kenmerk && /^[0-9a-f]{8}$/.test(q.kenmerk) ? q.kenmerk : '';
  const IdentityFields = ({ which }: { which: Form }) => (
    <>
      <TextField name="passNumber" label={v.t('reach.attendance.passNumber')} value="" errors={errorsOf(which)} autocomplete="off" />
      <TextField name="name" label={v.t('reach.attendance.name')} value="" errors={errorsOf(which)} autocomplete="off" />
      <TextField name="birthDate" label={v.t('reach.attendance.birthDate')} description={v.t('reach.attendance.birthDateHint')} value="" errors={errorsOf(which)} autocomplete="off" />
    </>
  );
  return c.html(
    <Layout v={v} title={title}>
      <SessionStyles />
      <Breadcrumbs v={v} items={sessionCrumbs(v)} />
      <H1>{title}</H1>
      {q.opgeslagen && <Alert type="ok">{v.t('reach.attendance.saved')}</Alert>}
      {q.toegevoegd === '1' && fp && <Alert type="ok">{v.t('reach.attendance.added', { fingerprint: fp })}</Alert>}
      {q.toegevoegd === '0' && fp && <Alert type="warning">{v.t('reach.attendance.already', { fingerprint: fp })}</Alert>}
      {q.vrijwilliger === '1' && fp && <Alert type="ok">{v.t('reach.attendance.volunteerAdded', { fingerprint: fp })}</Alert>}
      {q.vrijwilliger === '0' && fp && <Alert type="warning">{v.t('reach.attendance.volunteerAlready', { fingerprint: fp })}</Alert>}
      {q.verwijderd && <Alert type="ok">{v.t('reach.attendance.removed')}</Alert>}
      {q.geteld && <Alert type="ok">{v.t('reach.attendance.headcountSaved')}</Alert>}
      <p class="utrecht-paragraph sb-actions">
        <A href={`/verantwoording/activiteiten/${a.id}/bijeenkomst?datum=${s.date}`}>{v.t('reach.attendance.edit')}</A>
        <A href={`/verantwoording/activiteiten/${a.id}/maand?maand=${s.date.slice(0, 7)}`}>{v.t('reach.attendance.toMonth', { month: monthLabel(v.lang, s.date.slice(0, 7)) })}</A>
      </p>
      <H2 id="gegevens">{v.t('reach.attendance.summary')}</H2>
      <dl class="sb-dl">
        <dt>{v.t('reach.session.status')}</dt>
        <dd>{held ? v.t('reach.session.held') : `${v.t('reach.session.cancelled')}: ${s.cancelReason}`}</dd>
        <dt>{v.t('reach.session.organisation')}</dt>
        <dd>{names.get(s.organisationId) ?? ''}</dd>
        <dt>{v.t('reach.session.hours')}</dt>
        <dd>{num(v.lang, s.hours)}</dd>
        <dt>{v.t('reach.session.volunteers')}</dt>
        <dd>{`${num(v.lang, s.volunteers)} (${num(v.lang, s.volunteerHours)} ${v.t('reach.session.hours').toLowerCase()})`}</dd>
        <dt>{v.t('reach.session.principles')}</dt>
        <dd>{s.principles.length ? s.principles.map((k) => principleText.get(k) ?? k).join('; ') : '—'}</dd>
        {s.note && (
          <>
            <dt>{v.t('reach.session.note')}</dt>
            <dd>{s.note}</dd>
          </>
        )}
      </dl>
      {held ? <P>{v.t('reach.attendance.visitsLine', { visits: s.visits, identified: s.identified, headcount: s.headcount, imported: s.importedAnonymous })}</P> : <Alert type="info">{v.t('reach.attendance.isCancelled')}</Alert>}
      {held && (
        <>
          <H2 id="anoniem">{v.t('reach.attendance.headcountTitle')}</H2>
          <form method="post" action={`/verantwoording/bijeenkomsten/${s.id}/bezoekers`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errorsOf('headcount')} />
            <TextField name="headcount" type="number" label={v.t('reach.session.headcount')} description={v.t('reach.session.headcountHint')} value={form?.which === 'headcount' ? str(form.values, 'headcount') : String(s.headcount)} errors={errorsOf('headcount')} />
            <div>
              <Submit>{v.t('reach.attendance.headcountSubmit')}</Submit>
            </div>
          </form>

          <H2 id="deelnemer">{v.t('reach.attendance.addTitle')}</H2>
          <P>{v.t('reach.attendance.privacy')}</P>
          <form method="post" action={`/verantwoording/bijeenkomsten/${s.id}/deelnemers`} class="sb-form" novalidate autocomplete="off">
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errorsOf('participant')} />
            {errorsOf('participant').length > 0 && <P>{v.t('reach.attendance.notRefilled')}</P>}
            <IdentityFields which="participant" />
            <TextField name="birthYear" type="number" label={v.t('reach.attendance.birthYear')} value={str(valuesOf('participant'), 'birthYear')} errors={errorsOf('participant')} />
            <Select name="ageBand" label={v.t('reach.attendance.ageBand')} description={v.t('reach.attendance.ageBandHint')} value={str(valuesOf('participant'), 'ageBand')} errors={errorsOf('participant')} options={[{ value: '', label: v.t('reach.attendance.ageBandNone') }, ...ageBands.map((b) => ({ value: b, label: b }))]} />
            <Select name="wijkCode" label={v.t('reach.attendance.wijk')} value={str(valuesOf('participant'), 'wijkCode')} errors={errorsOf('participant')} options={[{ value: '', label: v.t('reach.attendance.wijkNone') }, ...[...wijkName].sort((x, y) => x[1].localeCompare(y[1], 'nl')).map(([code, name]) => ({ value: code, label: name }))]} />
            <Checkboxes name="targetGroups" label={v.t('reach.attendance.targetGroups')} values={list(valuesOf('participant'), 'targetGroups')} errors={errorsOf('participant')} options={groups.map((g) => ({ value: g.key, label: g.name[v.lang] }))} />
            <div>
              <Submit>{v.t('reach.attendance.addSubmit')}</Submit>
            </div>
          </form>
        </>
      )}

      <H2 id="bekend">{v.t('reach.attendance.visitsTitle')}</H2>
      {visits.length === 0 ? (
        <P>{v.t('reach.attendance.noVisits')}</P>
      ) : (
        <Table
          caption={v.t('reach.attendance.visitsCaption', { n: visits.length })}
          head={[v.t('reach.attendance.fingerprint'), v.t('reach.attendance.age'), v.t('reach.attendance.wijk'), v.t('reach.attendance.targetGroups'), v.t('reach.attendance.actions')]}
          rows={visits.map((x) => [
            <span class="sb-fingerprint">{x.fingerprint}</span>,
            x.birthYear ? String(x.birthYear) : (x.ageBand ?? '—'),
            x.wijkCode ? (wijkName.get(x.wijkCode) ?? x.wijkCode) : '—',
            x.targetGroups.length ? x.targetGroups.map((k) => groupName.get(k) ?? k).join(', ') : '—',
            <RemoveButton v={v} action={`/verantwoording/bijeenkomsten/${s.id}/deelnemers/verwijderen`} fingerprint={x.fingerprint} />,
          ])}
        />
      )}

      <H2 id="vrijwilligers">{v.t('reach.attendance.volunteersTitle')}</H2>
      <P>{v.t('reach.attendance.volunteersIntro')}</P>
      {held && (
        <form method="post" action={`/verantwoording/bijeenkomsten/${s.id}/vrijwilligers`} class="sb-form" novalidate autocomplete="off">
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errorsOf('volunteer')} />
          {errorsOf('volunteer').length > 0 && <P>{v.t('reach.attendance.notRefilled')}</P>}
          <IdentityFields which="volunteer" />
          <TextField name="hours" label={v.t('reach.attendance.volunteerHours')} value={str(valuesOf('volunteer'), 'hours')} errors={errorsOf('volunteer')} />
          <div>
            <Submit>{v.t('reach.attendance.volunteerSubmit')}</Submit>
          </div>
        </form>
      )}
      {volunteers.length === 0 ? (
        <P>{v.t('reach.attendance.noVolunteers')}</P>
      ) : (
        <Table
          caption={v.t('reach.attendance.volunteersCaption', { n: volunteers.length })}
          head={[v.t('reach.attendance.fingerprint'), v.t('reach.session.hours'), v.t('reach.attendance.actions')]}
          rows={volunteers.map((x) => [<span class="sb-fingerprint">{x.fingerprint}</span>, num(v.lang, x.hours), <RemoveButton v={v} action={`/verantwoording/bijeenkomsten/${s.id}/vrijwilligers/verwijderen`} fingerprint={x.fingerprint} />])}
        />
      )}
    </Layout>,
    status as 200,
  );
}

const RemoveButton = ({ v, action, fingerprint }: { v: View; action: string; fingerprint: string }) => (
  <form method="post" action={action} class="sb-inline-form">
    <input type="hidden" name="_csrf" value={v.csrfToken} />
    <input type="hidden" name="fingerprint" value={fingerprint} />
    <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={v.t('reach.attendance.removeLabel', { fingerprint })}>
      {v.t('reach.attendance.remove')}
    </button>
  </form>
);

export function registerAttendancePages(app: OpenAPIHono<AppEnv>) {
  const base = (id: string) => `/verantwoording/bijeenkomsten/${id}`;
  /** A form's error: shown again on the session page (never with the identifier); other errors go to the error page. */
  const retry = (c: Context<AppEnv>, which: Form, body: FormBody, err: unknown) => {
    if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err;
    return sessionPage(c, c.req.param('id')!, { which, values: coarse(body), errors: formErrors(err, viewOf(c).lang) }, err.status);
  };

  app.get(`/verantwoording/bijeenkomsten/${SID}`, (c) => sessionPage(c, c.req.param('id'), null));

  app.post(`/verantwoording/bijeenkomsten/${SID}/bezoekers`, async (c) => {
    const body = await readForm(c);
    try {
      await setHeadcount(c.get('ctx'), c.req.param('id'), str(body, 'headcount'));
      return c.redirect(`${base(c.req.param('id'))}?geteld=1#anoniem`, 303);
    } catch (err) {
      return retry(c, 'headcount', body, err);
    }
  });

  app.post(`/verantwoording/bijeenkomsten/${SID}/deelnemers`, async (c) => {
    const body = await readForm(c);
    try {
      const r = await addParticipant(c.get('ctx'), c.req.param('id'), { passNumber: str(body, 'passNumber'), name: str(body, 'name'), birthDate: str(body, 'birthDate'), birthYear: str(body, 'birthYear'), ageBand: str(body, 'ageBand'), wijkCode: str(body, 'wijkCode'), targetGroups: list(body, 'targetGroups') });
      return c.redirect(`${base(c.req.param('id'))}?toegevoegd=${r.added ? 1 : 0}&kenmerk=${r.fingerprint}#deelnemer`, 303);
    } catch (err) {
      return retry(c, 'participant', body, err);
    }
  });

  app.post(`/verantwoording/bijeenkomsten/${SID}/deelnemers/verwijderen`, async (c) => {
    const body = await readForm(c);
    await removeParticipant(c.get('ctx'), c.req.param('id'), str(body, 'fingerprint'));
    return c.redirect(`${base(c.req.param('id'))}?verwijderd=1#bekend`, 303);
  });

  app.post(`/verantwoording/bijeenkomsten/${SID}/vrijwilligers`, async (c) => {
    const body = await readForm(c);
    try {
      const r = await addSessionVolunteer(c.get('ctx'), c.req.param('id'), { passNumber: str(body, 'passNumber'), name: str(body, 'name'), birthDate: str(body, 'birthDate'), hours: str(body, 'hours') });
      return c.redirect(`${base(c.req.param('id'))}?vrijwilliger=${r.added ? 1 : 0}&kenmerk=${r.fingerprint}#vrijwilligers`, 303);
    } catch (err) {
      return retry(c, 'volunteer', body, err);
    }
  });

  app.post(`/verantwoording/bijeenkomsten/${SID}/vrijwilligers/verwijderen`, async (c) => {
    const body = await readForm(c);
    await removeSessionVolunteer(c.get('ctx'), c.req.param('id'), str(body, 'fingerprint'));
    return c.redirect(`${base(c.req.param('id'))}?verwijderd=1#vrijwilligers`, 303);
  });
}
