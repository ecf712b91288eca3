/** @jsxImportSource hono/jsx */
// The privacy desk's page for a resident's subject access request (/beheer/inzageverzoek): a form for the identifier
// the resident shows, and — on the same POST — the result page or, with the second and third buttons, the same result
// as a CSV or JSON file. The identifier never travels in a URL, is never filled in again and never shown back: a
// form with an error comes back with empty identifier fields. Nothing is cached (Cache-Control: no-store).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, ErrorSummary, TextField, Csrf, Table, Breadcrumbs, type View, Submit } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { csvOf } from '../../platform/import/report.ts';
import { t, type Lang } from '../../platform/i18n/index.ts';
import { lookUpResident, type SubjectAccessReport, type SubjectVisit } from './subject-access.ts';
import { dayLabel, num } from './session-views.tsx';

const PATH = '/beheer/inzageverzoek';
const noStore = { 'Cache-Control': 'no-store' };

const ageOf = (x: SubjectVisit) => (x.birthYear ? String(x.birthYear) : (x.ageBand ?? ''));
const statusOf = (lang: Lang, x: SubjectVisit) => t(lang, x.sessionStatus === 'held' ? 'reach.subjectAccess.held' : 'reach.subjectAccess.cancelled');

/** The result as one CSV table: a line per visit and per volunteer turn, by date within each. */
export function subjectAccessCsv(lang: Lang, r: SubjectAccessReport): Buffer {
  const k = (key: Parameters<typeof t>[1]) => t(lang, key);
  return csvOf([
    [k('reach.subjectAccess.kind'), k('reach.subjectAccess.date'), k('reach.subjectAccess.activity'), k('reach.subjectAccess.organisation'), k('reach.subjectAccess.wijk'), k('reach.subjectAccess.age'), k('reach.subjectAccess.targetGroups'), k('reach.subjectAccess.status'), k('reach.subjectAccess.hours')],
    ...r.visits.map((x) => [k('reach.subjectAccess.visit'), x.date, x.activityTitle, x.organisationName, x.wijkName ?? x.wijkCode ?? '', ageOf(x), x.targetGroups.map((g) => g.name).join(', '), statusOf(lang, x), '']),
    ...r.volunteerTurns.map((x) => [k('reach.subjectAccess.turn'), x.date, x.activityTitle, x.organisationName, '', '', '', '', x.hours]),
  ]);
}

const crumbs = (v: View) => [{ href: '/beheer', label: v.t('admin.title') }];

function formPage(c: Context<AppEnv>, errors: FieldError[] = [], status: 200 | 400 = 200) {
  const v = viewOf(c);
  const title = v.t('reach.subjectAccess.title');
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{title}</H1>
      <P>{v.t('reach.subjectAccess.intro')}</P>
      <P>{v.t('reach.subjectAccess.how')}</P>
      <P>{v.t('reach.subjectAccess.notStored')}</P>
      <form method="post" action={PATH} class="sb-form" novalidate autocomplete="off">
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {errors.length > 0 && <P>{v.t('reach.attendance.notRefilled')}</P>}
        <TextField name="passNumber" label={v.t('reach.attendance.passNumber')} value="" errors={errors} autocomplete="off" />
        <TextField name="name" label={v.t('reach.attendance.name')} value="" errors={errors} autocomplete="off" />
        <TextField name="birthDate" label={v.t('reach.attendance.birthDate')} description={v.t('reach.attendance.birthDateHint')} value="" errors={errors} autocomplete="off" />
        <P>{v.t('reach.subjectAccess.downloadHint')}</P>
        <div class="sb-actions">
          <Submit name="format" value="page">
            {v.t('reach.subjectAccess.submit')}
          </Submit>
          <Submit name="format" value="csv" secondary>
            {v.t('reach.subjectAccess.downloadCsv')}
          </Submit>
          <Submit name="format" value="json" secondary>
            {v.t('reach.subjectAccess.downloadJson')}
          </Submit>
        </div>
      </form>
    </Layout>,
    status,
    noStore,
  );
}

function resultPage(c: Context<AppEnv>, r: SubjectAccessReport) {
  const v = viewOf(c);
  const title = v.t('reach.subjectAccess.resultTitle');
  return c.html(
    <Layout v={v} title={title}>
      <Breadcrumbs v={v} items={[...crumbs(v), { href: PATH, label: v.t('reach.subjectAccess.title') }]} />
      <H1>{title}</H1>
      <P>{v.t('reach.subjectAccess.resultIntro')}</P>
      {r.visits.length === 0 && r.volunteerTurns.length === 0 && <P>{v.t('reach.subjectAccess.nothing')}</P>}
      <H2 id="bezoeken">{v.t('reach.subjectAccess.visitsTitle')}</H2>
      {r.visits.length === 0 ? (
        <P>{v.t('reach.subjectAccess.noVisits')}</P>
      ) : (
        <Table
          id="bezoeken-tabel"
          caption={v.t('reach.subjectAccess.visitsCaption', { n: r.visits.length })}
          head={[v.t('reach.subjectAccess.date'), v.t('reach.subjectAccess.activity'), v.t('reach.subjectAccess.organisation'), v.t('reach.subjectAccess.wijk'), v.t('reach.subjectAccess.age'), v.t('reach.subjectAccess.targetGroups'), v.t('reach.subjectAccess.status')]}
          rows={r.visits.map((x) => [dayLabel(v.lang, x.date), x.activityTitle || '—', x.organisationName || '—', x.wijkName ?? x.wijkCode ?? '—', ageOf(x) || '—', x.targetGroups.length ? x.targetGroups.map((g) => g.name).join(', ') : '—', statusOf(v.lang, x)])}
        />
      )}
      <H2 id="vrijwilliger">{v.t('reach.subjectAccess.turnsTitle')}</H2>
      {r.volunteerTurns.length === 0 ? (
        <P>{v.t('reach.subjectAccess.noTurns')}</P>
      ) : (
        <Table
          id="beurten-tabel"
          caption={v.t('reach.subjectAccess.turnsCaption', { n: r.volunteerTurns.length })}
          head={[v.t('reach.subjectAccess.date'), v.t('reach.subjectAccess.activity'), v.t('reach.subjectAccess.organisation'), v.t('reach.subjectAccess.hours')]}
          numeric={[3]}
          rows={r.volunteerTurns.map((x) => [dayLabel(v.lang, x.date), x.activityTitle || '—', x.organisationName || '—', num(v.lang, x.hours)])}
        />
      )}
      <P>
        <A href={PATH}>{v.t('reach.subjectAccess.again')}</A>
      </P>
    </Layout>,
    200,
    noStore,
  );
}

export function registerSubjectAccessPages(app: OpenAPIHono<AppEnv>) {
  app.get(PATH, (c) => formPage(c));

  app.post(PATH, async (c) => {
    const body = await readForm(c);
    const format = str(body, 'format');
    const download = format === 'csv' || format === 'json';
    let report: SubjectAccessReport;
    try {
      report = await lookUpResident(c.get('ctx'), { passNumber: str(body, 'passNumber'), name: str(body, 'name'), birthDate: str(body, 'birthDate') }, download ? 'download' : 'page');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'validation') throw err;
      return formPage(c, formErrors(err, viewOf(c).lang), 400);
    }
    const lang = viewOf(c).lang;
    const file = `${t(lang, 'reach.subjectAccess.file')}-${c.get('ctx').now().toISOString().slice(0, 10)}`;
    if (format === 'csv') return c.body(new Uint8Array(subjectAccessCsv(lang, report)), 200, { ...noStore, 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` });
    if (format === 'json') return c.body(JSON.stringify(report, null, 2), 200, { ...noStore, 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.json"` });
    return resultPage(c, report);
  });
}
