/** @jsxImportSource hono/jsx */
// Quick entry for a weekly activity: one form for a month of sessions, one line per scheduled date up to today
// (plus one extra date). Saved in one transaction; every line is checked at once and errors name the line.
// Works without JavaScript: previous/next month are links, the form is a plain POST.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Child, FC } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, Select, Checkboxes, Csrf, Submit, Breadcrumbs, fieldId, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { today } from './sessions.ts';
import { getMonthSheet, saveMonthSessions, validMonth, type MonthSheet } from './month.ts';
import type { MonthRowInput } from './session-input.ts';
import { SID, dayLabel, monthLabel, monthErrors, numInput, SessionStyles } from './session-views.tsx';
import { sessionCrumbs } from './session-pages.tsx';

const same = (a: string[], b: string[]) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** The form's values from what is registered (GET). Line i of the form is editable row i; the extra date is last. */
function valuesFromSheet(v: View, sheet: MonthSheet, organisationId: string): FormBody {
  const out: FormBody = { principles: sheet.monthPrinciples, organisationId };
  editable(sheet).forEach((r, i) => {
    const s = r.session;
    out[`rows.${i}.date`] = r.date;
    out[`rows.${i}.status`] = s?.status ?? '';
    out[`rows.${i}.cancelReason`] = s?.cancelReason ?? '';
    out[`rows.${i}.hours`] = numInput(v.lang, s ? s.hours : sheet.defaultHours);
    out[`rows.${i}.volunteers`] = s ? String(s.volunteers) : '';
    out[`rows.${i}.headcount`] = s ? String(s.headcount) : '';
    if (s && s.principles.length && !same(s.principles, sheet.monthPrinciples)) out[`rows.${i}.keepPrinciples`] = '1';
  });
  const e = editable(sheet).length;
  Object.assign(out, { [`rows.${e}.date`]: '', [`rows.${e}.status`]: '', [`rows.${e}.hours`]: numInput(v.lang, sheet.defaultHours) });
  return out;
}

const editable = (sheet: MonthSheet) => sheet.rows.filter((r) => r.otherOrganisation === null);

/** The lines of a posted form, in order. */
function rowsFromBody(b: FormBody): MonthRowInput[] {
  const n = Math.min(63, Object.keys(b).filter((k) => /^rows\.\d+\.date$/.test(k)).length);
  return Array.from({ length: n }, (_, i) => ({
    date: str(b, `rows.${i}.date`).trim(),
    status: str(b, `rows.${i}.status`),
    cancelReason: str(b, `rows.${i}.cancelReason`),
    hours: str(b, `rows.${i}.hours`),
    volunteers: str(b, `rows.${i}.volunteers`),
    headcount: str(b, `rows.${i}.headcount`),
    keepPrinciples: str(b, `rows.${i}.keepPrinciples`) === '1',
  }));
}

const errorOf = (errors: FieldError[], name: string) => errors.find((e) => e.field === name || e.field.startsWith(`${name}.`));

/** An input in a table cell, labelled for screen readers with the field and the line's date. */
const CellInput: FC<{ name: string; label: string; value: string; errors: FieldError[]; cls?: string; inputmode?: 'decimal' | 'numeric' }> = ({ name, label, value, errors, cls, inputmode }) => {
  const err = errorOf(errors, name);
  const id = fieldId(name);
  return (
    <>
      <label class="sb-visually-hidden" for={id}>
        {label}
      </label>
      <input class={`utrecht-textbox utrecht-textbox--html-input${cls ? ` ${cls}` : ''}${err ? ' utrecht-textbox--invalid' : ''}`} id={id} name={name} type="text" inputmode={inputmode} value={value} aria-invalid={err ? 'true' : undefined} aria-describedby={err ? `${id}-fout` : undefined} />
      {err && (
        <span class="sb-cell-error" id={`${id}-fout`}>
          {err.message}
        </span>
      )}
    </>
  );
};

const StatusSelect: FC<{ v: View; name: string; label: string; value: string; errors: FieldError[] }> = ({ v, name, label, value, errors }) => {
  const id = fieldId(name);
  const err = errorOf(errors, name);
  return (
    <>
      <label class="sb-visually-hidden" for={id}>
        {label}
      </label>
      <select class={`utrecht-select utrecht-select--html-select${err ? ' utrecht-select--invalid' : ''}`} id={id} name={name} aria-invalid={err ? 'true' : undefined}>
        {[
          ['', v.t('reach.month.notFilled')],
          ['held', v.t('reach.session.held')],
          ['cancelled', v.t('reach.session.cancelled')],
        ].map(([val, text]) => (
          <option value={val} selected={val === value}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
};

async function monthPage(c: Context<AppEnv>, sheet: MonthSheet, values: FormBody, errors: FieldError[], status: number) {
  const v = viewOf(c);
  const a = sheet.activity;
  const admin = hasRole(v.actor, 'administrator');
  const rows = editable(sheet);
  const extra = rows.length;
  const m = monthLabel(v.lang, sheet.month);
  const orgQ = admin && str(values, 'organisationId') ? `&organisatie=${str(values, 'organisationId')}` : '';
  const saved = Number(c.req.query('opgeslagen') ?? NaN);
  const thisMonth = today(c.get('ctx')).slice(0, 7);
  /** The "keep own principles" column only when a registered session has principles other than the month's. */
  const showKeep = rows.some((r) => r.session && r.session.principles.length > 0 && !same(r.session.principles, list(values, 'principles')));
  const head = [v.t('reach.session.date'), v.t('reach.session.status'), v.t('reach.session.cancelReason'), v.t('reach.session.hours'), v.t('reach.session.volunteers'), v.t('reach.session.headcount'), ...(showKeep ? [v.t('reach.month.keep')] : []), v.t('reach.month.attendance')];
  const line = (i: number, date: string, dateCell: Child, extraRow: boolean) => {
    const r = extraRow ? undefined : rows[i];
    const at = extraRow ? v.t('reach.month.extra') : dayLabel(v.lang, date);
    const lbl = (k: Parameters<View['t']>[0]) => v.t('reach.month.rowField', { field: v.t(k), date: at });
    const own = r?.session && r.session.principles.length > 0 && !same(r.session.principles, list(values, 'principles'));
    return (
      <tr class="utrecht-table__row">
        <th class="utrecht-table__header-cell" scope="row">
          {dateCell}
        </th>
        <td class="utrecht-table__cell">
          <StatusSelect v={v} name={`rows.${i}.status`} label={lbl('reach.session.status')} value={str(values, `rows.${i}.status`)} errors={errors} />
        </td>
        <td class="utrecht-table__cell">
          <CellInput name={`rows.${i}.cancelReason`} label={lbl('reach.session.cancelReason')} value={str(values, `rows.${i}.cancelReason`)} errors={errors} cls="sb-reason" />
        </td>
        <td class="utrecht-table__cell">
          <CellInput name={`rows.${i}.hours`} label={lbl('reach.session.hours')} value={str(values, `rows.${i}.hours`)} errors={errors} inputmode="decimal" />
        </td>
        <td class="utrecht-table__cell">
          <CellInput name={`rows.${i}.volunteers`} label={lbl('reach.session.volunteers')} value={str(values, `rows.${i}.volunteers`)} errors={errors} inputmode="numeric" />
        </td>
        <td class="utrecht-table__cell">
          <CellInput name={`rows.${i}.headcount`} label={lbl('reach.session.headcount')} value={str(values, `rows.${i}.headcount`)} errors={errors} inputmode="numeric" />
        </td>
        {showKeep && (
          <td class="utrecht-table__cell">
            {own ? (
              <>
                <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={fieldId(`rows.${i}.keepPrinciples`)} name={`rows.${i}.keepPrinciples`} value="1" checked={str(values, `rows.${i}.keepPrinciples`) === '1'} />
                <label class="utrecht-form-label utrecht-form-label--checkbox" for={fieldId(`rows.${i}.keepPrinciples`)}>
                  <span aria-hidden="true">{v.t('reach.month.ownPrinciples', { n: r!.session!.principles.length })}</span>
                  <span class="sb-visually-hidden">{v.t('reach.month.keepLabel', { date: at })}</span>
                </label>
              </>
            ) : (
              '—'
            )}
          </td>
        )}
        <td class="utrecht-table__cell">{r?.session ? <A href={`/verantwoording/bijeenkomsten/${r.session.id}`}>{v.t('reach.month.attendanceLink', { date: at })}</A> : '—'}</td>
      </tr>
    );
  };
  const extraId = fieldId(`rows.${extra}.date`);
  const extraErr = errorOf(errors, `rows.${extra}.date`);
  return c.html(
    <Layout v={v} title={v.t('reach.month.title', { title: a.title })}>
      <SessionStyles />
      <Breadcrumbs v={v} items={sessionCrumbs(v)} />
      <H1>{v.t('reach.month.title', { title: a.title })}</H1>
      {saved >= 0 && errors.length === 0 && <Alert type="ok">{v.t('reach.month.saved', { n: saved })}</Alert>}
      <P>{v.t('reach.month.intro')}</P>
      <nav aria-label={v.t('reach.month.monthNav')} class="sb-pager">
        <A href={`/verantwoording/activiteiten/${a.id}/maand?maand=${sheet.previous}${orgQ}`}>{v.t('reach.month.previous', { month: monthLabel(v.lang, sheet.previous) })}</A>
        {sheet.next <= thisMonth && <A href={`/verantwoording/activiteiten/${a.id}/maand?maand=${sheet.next}${orgQ}`}>{v.t('reach.month.next', { month: monthLabel(v.lang, sheet.next) })}</A>}
      </nav>
      {!sheet.until ? (
        <Alert type="info">{v.t('reach.month.notStarted')}</Alert>
      ) : (
        <form method="post" action={`/verantwoording/activiteiten/${a.id}/maand?maand=${sheet.month}`} novalidate>
          <Csrf v={v} />
          <input type="hidden" name="month" value={sheet.month} />
          <ErrorSummary v={v} errors={errors} />
          <div class="sb-form">
            {admin && <Select name="organisationId" label={v.t('reach.session.organisation')} value={str(values, 'organisationId')} errors={errors} options={sheet.organisations.map((o) => ({ value: o.id, label: o.name || o.id }))} />}
            {sheet.principles.length ? (
              <Checkboxes name="principles" label={v.t('reach.month.principles')} description={v.t('reach.month.principlesHint')} values={list(values, 'principles')} errors={errors} options={sheet.principles.map((p) => ({ value: p.key, label: p.text }))} />
            ) : (
              <P>{v.t('reach.session.noPrinciples')}</P>
            )}
          </div>
          <H2 id="maand-regels">{v.t('reach.month.caption', { month: m })}</H2>
          {rows.length === 0 && <P>{v.t('reach.month.noRows')}</P>}
          <div class="utrecht-table-container" role="region" tabindex={0} aria-labelledby="maand-tabel">
            <table class="utrecht-table sb-month-table">
              <caption class="utrecht-table__caption" id="maand-tabel">
                {v.t('reach.month.caption', { month: m })}
              </caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {head.map((h) => (
                    <th class="utrecht-table__header-cell" scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {sheet.rows.map((r) => {
                  if (r.otherOrganisation !== null)
                    return (
                      <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">
                          {dayLabel(v.lang, r.date)}
                        </th>
                        <td class="utrecht-table__cell" colspan={head.length - 1}>
                          {v.t('reach.month.otherOrganisation', { organisation: r.otherOrganisation })}
                        </td>
                      </tr>
                    );
                  const i = rows.indexOf(r);
                  return line(
                    i,
                    r.date,
                    <>
                      <input type="hidden" name={`rows.${i}.date`} value={r.date} />
                      {dayLabel(v.lang, r.date)}
                    </>,
                    false,
                  );
                })}
                {line(
                  extra,
                  '',
                  <>
                    <label class="utrecht-form-label" for={extraId}>
                      {v.t('reach.month.extraDate')}
                    </label>
                    <input class={`utrecht-textbox utrecht-textbox--html-input${extraErr ? ' utrecht-textbox--invalid' : ''}`} type="date" id={extraId} name={`rows.${extra}.date`} value={str(values, `rows.${extra}.date`)} min={`${sheet.month}-01`} max={sheet.until} aria-invalid={extraErr ? 'true' : undefined} aria-describedby={extraErr ? `${extraId}-fout` : undefined} />
                    {extraErr && (
                      <span class="sb-cell-error" id={`${extraId}-fout`}>
                        {extraErr.message}
                      </span>
                    )}
                  </>,
                  true,
                )}
              </tbody>
            </table>
          </div>
          {sheet.until < `${sheet.month}-31` && sheet.until === today(c.get('ctx')) && <P>{v.t('reach.month.later')}</P>}
          <div>
            <Submit>{v.t('reach.month.submit')}</Submit>
          </div>
        </form>
      )}
    </Layout>,
    status as 200,
  );
}

export function registerMonthPages(app: OpenAPIHono<AppEnv>) {
  const monthOf = (c: Context<AppEnv>) => {
    const q = c.req.query('maand') ?? '';
    return validMonth(q) ? q : today(c.get('ctx')).slice(0, 7);
  };

  app.get(`/verantwoording/activiteiten/${SID}/maand`, async (c) => {
    const ctx = c.get('ctx');
    const sheet = await getMonthSheet(ctx, c.req.param('id'), monthOf(c));
    const org = hasRole(ctx.actor, 'administrator') ? (c.req.query('organisatie') ?? sheet.activity.organisationId) : (ctx.actor?.organisationId ?? '');
    return monthPage(c, sheet, valuesFromSheet(viewOf(c), sheet, org), [], 200);
  });

  app.post(`/verantwoording/activiteiten/${SID}/maand`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const body = await readForm(c);
    const month = validMonth(str(body, 'month')) ? str(body, 'month') : monthOf(c);
    const sheet = await getMonthSheet(ctx, c.req.param('id'), month);
    const rows = rowsFromBody(body);
    try {
      const { saved } = await saveMonthSessions(ctx, sheet.activity.id, { month, principles: list(body, 'principles'), organisationId: hasRole(v.actor, 'administrator') ? str(body, 'organisationId') : undefined, rows });
      const orgQ = hasRole(v.actor, 'administrator') && str(body, 'organisationId') ? `&organisatie=${str(body, 'organisationId')}` : '';
      return c.redirect(`/verantwoording/activiteiten/${sheet.activity.id}/maand?maand=${month}&opgeslagen=${saved}${orgQ}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err;
      const errors = formErrors(new AppError(err.code, err.messageKey, monthErrors(err.fields, v.lang, rows.map((r) => r.date))), v.lang);
      return monthPage(c, sheet, body, errors, err.status);
    }
  });
}
