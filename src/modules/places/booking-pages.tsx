/** @jsxImportSource hono/jsx */
// Booking pages for partner staff and location managers: request a room, the organisation's bookings,
// the approval queue, and the monthly statement with CSV and PDF downloads. All forms work without JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Breadcrumbs, Table, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { t } from '../../platform/i18n/index.ts';
import { listOrganisations, getOrganisation } from '../network/service.ts';
import type { OrganisationType } from '../network/service.ts';
import { getLocation, listRooms, requestBooking, listBookings, decideBooking, getMonthlyStatement, parseStatementPeriod, statementCsv, statementPdf, listRates, formatEuro, formatHours, formatDate, monthName, MAX_REPEAT_WEEKS, type LocationView, type RoomView } from './service.ts';
import { isDateString, isTimeString, yearMonthOf, zonedTime } from './time.ts';
import { BookingTable } from './components.tsx';
import { PlacesLinks } from './pages.tsx';

interface BookValues {
  roomId: string;
  organisationId: string;
  date: string;
  startTime: string;
  endTime: string;
  repeatWeeks: string;
  purpose: string;
}

const bookLabels = (v: View) => ({
  roomId: v.t('places.room'),
  organisationId: v.t('places.book.organisation'),
  date: v.t('places.book.date'),
  startTime: v.t('places.book.start'),
  endTime: v.t('places.book.end'),
  startsAt: v.t('places.book.start'),
  endsAt: v.t('places.book.end'),
  repeatWeeks: v.t('places.book.repeat'),
  purpose: v.t('places.book.purpose'),
});

/** Service field names → the form's field names, so each message sits beside its field. */
const formField: Record<string, string> = { startsAt: 'startTime', endsAt: 'endTime' };

async function bookPage(c: Context<AppEnv>, loc: LocationView, values: BookValues, errors: FieldError[], status: number) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const actor = v.actor!;
  const rooms: RoomView[] = await listRooms(ctx, loc.id);
  const isAdmin = hasRole(actor, 'administrator');
  const orgs = isAdmin ? await listOrganisations(ctx) : [];
  const ownOrg = actor.organisationId ? await getOrganisation(ctx, actor.organisationId).catch(() => null) : null;
  const rate = ownOrg ? (await listRates(ctx, loc.id)).find((r) => r.organisationType === (ownOrg.type as OrganisationType)) : undefined;
  const canBook = isAdmin || !!ownOrg;
  return c.html(
    <Layout v={v} title={v.t('places.book.title', { name: loc.name })}>
      <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }, { href: `/locaties/${loc.id}`, label: loc.name }]} />
      <H1>{v.t('places.book.title', { name: loc.name })}</H1>
      <P>{v.t('places.book.intro')}</P>
      {!canBook ? (
        <Alert type="warning">{v.t('places.book.noOrganisation')}</Alert>
      ) : (
        <form method="post" action={`/locaties/${loc.id}/boeken`} class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          {rate && !isAdmin && <P>{v.t('places.book.rate', { rate: formatEuro(v.lang, rate.hourlyRateCents) })}</P>}
          {isAdmin ? (
            <Select name="organisationId" label={v.t('places.book.organisation')} value={values.organisationId} errors={errors} options={[{ value: '', label: v.t('places.book.chooseOrganisation') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
          ) : (
            <>
              <input type="hidden" name="organisationId" value={ownOrg!.id} />
              <P>
                {v.t('places.book.organisation')}: <strong>{ownOrg!.name}</strong>
              </P>
            </>
          )}
          <Select name="roomId" label={v.t('places.room')} value={values.roomId} errors={errors} options={[{ value: '', label: v.t('places.book.chooseRoom') }, ...rooms.map((r) => ({ value: r.id, label: `${r.name} (${r.capacity})` }))]} />
          <TextField name="date" type="date" label={v.t('places.book.date')} description={v.t('places.book.dateHint')} value={values.date} errors={errors} required />
          <TextField name="startTime" type="time" label={v.t('places.book.start')} description={v.t('places.book.timeHint')} value={values.startTime} errors={errors} required />
          <TextField name="endTime" type="time" label={v.t('places.book.end')} description={v.t('places.book.timeHint')} value={values.endTime} errors={errors} required />
          <TextField name="repeatWeeks" type="number" label={v.t('places.book.repeat')} description={v.t('places.book.repeatHint')} value={values.repeatWeeks} errors={errors} />
          <TextArea name="purpose" label={v.t('places.book.purpose')} value={values.purpose} errors={errors} rows={3} required />
          <div>
            <Submit>{v.t('places.book.submit')}</Submit>
          </div>
        </form>
      )}
    </Layout>,
    status as 200,
  );
}

/** Checks the form's own fields (date, times, number of weeks) before the service checks the booking rules. */
function readBookForm(lang: View['lang'], values: BookValues): { errors: FieldError[]; weeks: number } {
  const errors: FieldError[] = [];
  if (!isDateString(values.date)) errors.push({ field: 'date', message: t(lang, 'places.error.date') });
  if (!isTimeString(values.startTime)) errors.push({ field: 'startTime', message: t(lang, 'places.error.startTime') });
  if (!isTimeString(values.endTime)) errors.push({ field: 'endTime', message: t(lang, 'places.error.endTime') });
  const weeks = values.repeatWeeks.trim() === '' ? 1 : Number(values.repeatWeeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_REPEAT_WEEKS) errors.push({ field: 'repeatWeeks', message: t(lang, 'places.error.repeat') });
  return { errors, weeks };
}

export function registerBookingPages(app: OpenAPIHono<AppEnv>) {
  app.get('/locaties/:id/boeken', async (c) => {
    const loc = await getLocation(c.get('ctx'), c.req.param('id'));
    const actor = c.get('ctx').actor!;
    return bookPage(c, loc, { roomId: c.req.query('ruimte') ?? '', organisationId: actor.organisationId ?? '', date: '', startTime: '', endTime: '', repeatWeeks: '1', purpose: '' }, [], 200);
  });

  app.post('/locaties/:id/boeken', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const loc = await getLocation(ctx, c.req.param('id'));
    const body = await readForm(c);
    const values: BookValues = { roomId: str(body, 'roomId'), organisationId: str(body, 'organisationId'), date: str(body, 'date').trim(), startTime: str(body, 'startTime').trim(), endTime: str(body, 'endTime').trim(), repeatWeeks: str(body, 'repeatWeeks'), purpose: str(body, 'purpose') };
    const { errors, weeks } = readBookForm(v.lang, values);
    if (errors.length) return bookPage(c, loc, values, errors, 400);
    try {
      const made = await requestBooking(ctx, {
        roomId: values.roomId,
        organisationId: values.organisationId,
        startsAt: zonedTime(values.date, values.startTime),
        endsAt: zonedTime(values.date, values.endTime),
        purpose: values.purpose,
        repeatWeeks: weeks,
      });
      return c.redirect(`/mijn-boekingen?aangevraagd=${made.length}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'forbidden') throw err;
      const fields = formErrors(err, v.lang, bookLabels(v)).map((f) => ({ ...f, field: formField[f.field] ?? f.field }));
      return bookPage(c, loc, values, fields, err instanceof AppError ? err.status : 400);
    }
  });

  app.get('/mijn-boekingen', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const orgId = v.actor!.organisationId;
    const items = orgId ? await listBookings(ctx, { organisationId: orgId }) : [];
    const now = ctx.now().getTime();
    const requested = Number(c.req.query('aangevraagd') ?? 0);
    return c.html(
      <Layout v={v} title={v.t('places.mine.title')}>
        <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }]} />
        <H1>{v.t('places.mine.title')}</H1>
        {requested > 0 && <Alert type="ok">{v.t('places.book.requested', { n: requested })}</Alert>}
        {c.req.query('geannuleerd') && <Alert type="ok">{v.t('places.mine.cancelled')}</Alert>}
        <P>{v.t('places.mine.intro')}</P>
        <PlacesLinks v={v} />
        {!orgId ? (
          <Alert type="warning">{v.t('places.book.noOrganisation')}</Alert>
        ) : items.length === 0 ? (
          <P>{v.t('places.mine.none')}</P>
        ) : (
          <BookingTable
            v={v}
            caption={v.t('places.mine.title')}
            items={items}
            showOrganisation={false}
            actions={(b) =>
              (b.status === 'requested' || b.status === 'approved') && b.startsAt.getTime() > now ? (
                <form method="post" action={`/boekingen/${b.id}/annuleren`} class="sb-inline-form">
                  <Csrf v={v} />
                  <Submit secondary>{v.t('places.mine.cancel')}</Submit>
                </form>
              ) : null
            }
          />
        )}
      </Layout>,
    );
  });

  app.post('/boekingen/:id/annuleren', async (c) => {
    await decideBooking(c.get('ctx'), c.req.param('id'), 'cancel');
    return c.redirect('/mijn-boekingen?geannuleerd=1', 303);
  });

  app.get('/beheer/boekingen', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const from = ctx.now();
    const [waiting, approved] = await Promise.all([listBookings(ctx, { managed: true, status: 'requested', from }), listBookings(ctx, { managed: true, status: 'approved', from, limit: 100 })]);
    const done = Number(c.req.query('besloten') ?? 0);
    return c.html(
      <Layout v={v} title={v.t('places.manage.title')}>
        <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }]} />
        <H1>{v.t('places.manage.title')}</H1>
        {done > 0 && <Alert type="ok">{v.t('places.manage.done', { n: done })}</Alert>}
        <P>{v.t('places.manage.intro')}</P>
        {waiting.length === 0 ? (
          <P>{v.t('places.manage.none')}</P>
        ) : (
          <BookingTable
            v={v}
            caption={v.t('places.manage.title')}
            items={waiting}
            actions={(b) => (
              <form method="post" action={`/beheer/boekingen/${b.id}`} class="sb-inline-form sb-actions">
                <Csrf v={v} />
                <Submit name="action" value="approve">
                  {v.t('places.manage.approve')}
                </Submit>
                <Submit name="action" value="decline" secondary>
                  {v.t('places.manage.decline')}
                </Submit>
                {b.seriesId && (
                  <>
                    <Submit name="action" value="approve-series" secondary>
                      {v.t('places.manage.approveSeries')}
                    </Submit>
                    <Submit name="action" value="decline-series" secondary>
                      {v.t('places.manage.declineSeries')}
                    </Submit>
                  </>
                )}
              </form>
            )}
          />
        )}
        <H2>{v.t('places.manage.upcoming')}</H2>
        {approved.length === 0 ? <P>{v.t('places.mine.none')}</P> : <BookingTable v={v} caption={v.t('places.manage.upcoming')} items={approved} />}
      </Layout>,
    );
  });

  app.post('/beheer/boekingen/:id', async (c) => {
    const body = await readForm(c);
    const choice = str(body, 'action');
    const actions: Record<string, ['approve' | 'decline', boolean]> = { approve: ['approve', false], decline: ['decline', false], 'approve-series': ['approve', true], 'decline-series': ['decline', true] };
    const picked = actions[choice];
    if (!picked) throw new AppError('validation', 'error.validation', [{ field: 'action', message: 'validation.format' }]);
    const changed = await decideBooking(c.get('ctx'), c.req.param('id'), picked[0], { series: picked[1] });
    return c.redirect(`/beheer/boekingen?besloten=${changed.length}`, 303);
  });

  // ------------------------------------------------------------ monthly statement

  /** Which organisation and month the statement is for: the query, else the user's own organisation and this month. */
  async function statementFor(c: Context<AppEnv>) {
    const ctx = c.get('ctx');
    const actor = ctx.actor!;
    const month = c.req.query('maand') || yearMonthOf(ctx.now());
    const orgId = c.req.query('organisatie') || actor.organisationId || '';
    const { year, month: m } = parseStatementPeriod(month);
    if (!orgId) return { period: month, year, month: m, statement: null };
    return { period: month, year, month: m, statement: await getMonthlyStatement(ctx, orgId, year, m) };
  }

  const shift = (period: string, by: number) => {
    const [y, m] = period.split('-').map(Number);
    const d = new Date(Date.UTC(y, m - 1 + by, 15));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };

  app.get('/boekingen/overzicht', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const seeAll = hasRole(v.actor, 'administrator', 'contract_manager');
    let data: Awaited<ReturnType<typeof statementFor>> | null = null;
    let errors: FieldError[] = [];
    try {
      data = await statementFor(c);
    } catch (err) {
      errors = formErrors(err, v.lang, { yearMonth: v.t('places.stmt.month') }).map((f) => ({ ...f, field: 'maand' }));
    }
    const orgs = seeAll ? await listOrganisations(ctx) : [];
    const s = data?.statement ?? null;
    const qs = (period: string) => `maand=${period}${s && c.req.query('organisatie') ? `&organisatie=${s.organisation.id}` : ''}`;
    return c.html(
      <Layout v={v} title={v.t('places.stmt.title')}>
        <Breadcrumbs v={v} items={[{ href: '/locaties', label: v.t('places.title') }]} />
        <H1>{v.t('places.stmt.title')}</H1>
        <P>{v.t('places.stmt.intro')}</P>
        <form method="get" action="/boekingen/overzicht" class="sb-form sb-filter" novalidate>
          <ErrorSummary v={v} errors={errors} />
          {seeAll && (
            <Select name="organisatie" label={v.t('places.stmt.organisation')} value={s?.organisation.id ?? c.req.query('organisatie') ?? ''} options={[{ value: '', label: v.t('places.book.chooseOrganisation') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
          )}
          <TextField name="maand" type="month" label={v.t('places.stmt.month')} description={v.t('places.error.yearMonth')} value={c.req.query('maand') ?? data?.period ?? ''} errors={errors} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('places.stmt.show')}
          </button>
        </form>
        {!s && errors.length === 0 && !seeAll && <Alert type="warning">{v.t('places.book.noOrganisation')}</Alert>}
        {s && (
          <section aria-labelledby="overzicht">
            <H2 id="overzicht">{`${s.organisation.name} — ${monthName(v.lang, s.year, s.month)}`}</H2>
            <nav aria-label={v.t('places.stmt.period')}>
              <ul class="utrecht-link-list utrecht-link-list--inline sb-period-nav">
                <li class="utrecht-link-list__item">
                  <a class="utrecht-link" href={`/boekingen/overzicht?${qs(shift(s.period, -1))}`}>
                    {v.t('places.stmt.previous')}
                  </a>
                </li>
                <li class="utrecht-link-list__item">
                  <a class="utrecht-link" href={`/boekingen/overzicht?${qs(shift(s.period, 1))}`}>
                    {v.t('places.stmt.next')}
                  </a>
                </li>
              </ul>
            </nav>
            {s.lines.length === 0 ? (
              <P>{v.t('places.stmt.none')}</P>
            ) : (
              <Table
                caption={`${v.t('places.stmt.title')}: ${s.organisation.name}, ${monthName(v.lang, s.year, s.month)}`}
                head={[v.t('places.stmt.date'), v.t('places.stmt.time'), v.t('places.stmt.location'), v.t('places.stmt.room'), v.t('places.stmt.hours'), v.t('places.stmt.rate'), v.t('places.stmt.amount')]}
                rows={[
                  ...s.lines.map((l) => [formatDate(v.lang, l.date), `${l.startTime}–${l.endTime}`, l.locationName, l.roomName, formatHours(v.lang, l.hours), formatEuro(v.lang, l.hourlyRateCents), formatEuro(v.lang, l.amountCents)]),
                  [<strong>{v.t('places.stmt.total')}</strong>, '', '', '', <strong>{formatHours(v.lang, s.totalHours)}</strong>, '', <strong>{formatEuro(v.lang, s.totalCents)}</strong>],
                ]}
              />
            )}
            <ul class="utrecht-unordered-list">
              <li class="utrecht-unordered-list__item">
                <A href={`/boekingen/overzicht.csv?maand=${s.period}&organisatie=${s.organisation.id}`}>{v.t('places.stmt.csv')}</A>
              </li>
              <li class="utrecht-unordered-list__item">
                <A href={`/boekingen/overzicht.pdf?maand=${s.period}&organisatie=${s.organisation.id}`}>{v.t('places.stmt.pdf')}</A>
              </li>
            </ul>
            <P>{v.t('places.stmt.footnote')}</P>
          </section>
        )}
      </Layout>,
      errors.length ? 400 : 200,
    );
  });

  app.get('/boekingen/overzicht.csv', async (c) => {
    const { statement: s } = await statementFor(c);
    if (!s) throw new AppError('validation', 'error.validation', [{ field: 'organisatie', message: 'validation.required' }]);
    return c.body(statementCsv(s, c.get('lang')), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="overzicht-${s.period}.csv"` });
  });

  app.get('/boekingen/overzicht.pdf', async (c) => {
    const { statement: s } = await statementFor(c);
    if (!s) throw new AppError('validation', 'error.validation', [{ field: 'organisatie', message: 'validation.required' }]);
    return c.body(new Uint8Array(await statementPdf(s, c.get('lang'))), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="overzicht-${s.period}.pdf"` });
  });
}
