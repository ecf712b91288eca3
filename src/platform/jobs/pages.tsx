/** @jsxImportSource hono/jsx */
// The administrators' page of background jobs (/beheer/taken): status, progress, attempts, error and result, and a
// cancel button (a plain form POST: works without JavaScript).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, Breadcrumbs, Csrf, Select, Table, type View } from '../ui/page.tsx';
import { formatDateTime, isMessageKey } from '../i18n/index.ts';
import { AppError } from '../http/errors.ts';
import { listJobs, cancelJob, listJobSchedules, type JobView, type ScheduleView } from './queue.ts';
import { jobStatuses, type JobStatus } from './schema.ts';

const typeLabel = (v: View, type: string) => {
  const key = `jobs.type.${type}`;
  return isMessageKey(key) ? v.t(key) : type;
};
const statusLabel = (v: View, s: JobStatus) => v.t(`jobs.status.${s}`);

/** A job's result as a person reads it: "sessions: 0, resetLinks: 2" for a flat object, else short JSON. */
const short = (value: unknown) => {
  if (value === null || value === undefined) return '—';
  const flat = typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((x) => x === null || typeof x !== 'object');
  const s = flat ? Object.entries(value as Record<string, unknown>).map(([k, x]) => `${k}: ${String(x)}`).join(', ') : JSON.stringify(value);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

const every = (v: View, seconds: number) =>
  seconds % 86_400 === 0 ? v.t('jobs.everyDays', { n: seconds / 86_400 }) : seconds % 3600 === 0 ? v.t('jobs.everyHours', { n: seconds / 3600 }) : v.t('jobs.everyMinutes', { n: Math.round(seconds / 60) });

const CancelButton = ({ v, j }: { v: View; j: JobView }) => (
  <form method="post" action={`/beheer/taken/${j.id}/annuleren`}>
    <Csrf v={v} />
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
      {v.t('jobs.cancel')}
      <span class="sb-visually-hidden"> {v.t('jobs.cancelLabel', { type: typeLabel(v, j.type), when: formatDateTime(v.lang, j.createdAt) })}</span>
    </button>
  </form>
);

function jobRow(v: View, j: JobView) {
  const progress = j.progress.total !== null ? `${j.progress.done}/${j.progress.total}${j.progress.message ? ` — ${j.progress.message}` : ''}` : (j.progress.message ?? '—');
  const stopping = j.status === 'running' && j.cancelRequested;
  return [
    typeLabel(v, j.type),
    stopping ? `${statusLabel(v, j.status)} (${v.t('jobs.cancelRequested')})` : statusLabel(v, j.status),
    progress,
    <>
      {v.t('jobs.attemptsOf', { n: j.attempts, max: j.maxAttempts })}
      {j.status === 'queued' && j.attempts > 0 && (
        <>
          <br />
          {v.t('jobs.nextTry', { when: formatDateTime(v.lang, j.runAt) })}
        </>
      )}
    </>,
    j.lastError ?? '—',
    <span>{short(j.result)}</span>,
    `${formatDateTime(v.lang, j.createdAt)} (${j.createdBy})`,
    (j.status === 'queued' || j.status === 'running') && !j.cancelRequested ? <CancelButton v={v} j={j} /> : '—',
  ];
}

async function jobsPage(c: Context<AppEnv>, opts: { notice?: string; error?: string; status?: 200 | 409 | 404 } = {}) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const wanted = c.req.query('status');
  const status = jobStatuses.find((s) => s === wanted);
  const [items, schedules] = await Promise.all([listJobs(ctx, { status, limit: 200 }), listJobSchedules(ctx)]);
  return c.html(
    <Layout v={v} title={v.t('jobs.title')}>
      <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
      <H1>{v.t('jobs.title')}</H1>
      {opts.notice && <Alert type="ok">{opts.notice}</Alert>}
      {opts.error && <Alert type="error">{opts.error}</Alert>}
      <P>{v.t('jobs.intro')}</P>
      <form method="get" action="/beheer/taken" class="sb-actions">
        <Select name="status" label={v.t('jobs.filterStatus')} errors={[]} value={status ?? ''} options={[{ value: '', label: v.t('jobs.allStatuses') }, ...jobStatuses.map((s) => ({ value: s, label: statusLabel(v, s) }))]} />
        <button class="utrecht-button utrecht-button--secondary-action" type="submit">
          {v.t('form.filter')}
        </button>
      </form>
      {items.length === 0 ? (
        <P>{v.t('jobs.none')}</P>
      ) : (
        <Table
          id="taken"
          caption={v.t('jobs.title')}
          head={[v.t('jobs.type'), v.t('jobs.status'), v.t('jobs.progress'), v.t('jobs.attempts'), v.t('jobs.error'), v.t('jobs.result'), v.t('jobs.created'), v.t('jobs.action')]}
          rows={items.map((j) => jobRow(v, j))}
        />
      )}
      <H2>{v.t('jobs.schedules')}</H2>
      <Table
        id="terugkerend"
        caption={v.t('jobs.schedules')}
        head={[v.t('jobs.scheduleName'), v.t('jobs.type'), v.t('jobs.every'), v.t('jobs.nextRun')]}
        rows={schedules.map((s: ScheduleView) => [s.name, typeLabel(v, s.type), every(v, s.everySeconds), formatDateTime(v.lang, s.nextRunAt)])}
      />
    </Layout>,
    opts.status ?? 200,
  );
}

export function registerJobsPages(app: OpenAPIHono<AppEnv>) {
  app.get('/beheer/taken', (c) => jobsPage(c, c.req.query('geannuleerd') ? { notice: viewOf(c).t('jobs.cancelled') } : {}));
  app.post('/beheer/taken/:id/annuleren', async (c) => {
    try {
      await cancelJob(c.get('ctx'), c.req.param('id'));
    } catch (err) {
      if (err instanceof AppError && (err.code === 'conflict' || err.code === 'not_found')) return jobsPage(c, { error: viewOf(c).t(err.messageKey), status: err.code === 'conflict' ? 409 : 404 });
      throw err;
    }
    return c.redirect('/beheer/taken?geannuleerd=1', 303);
  });
}
