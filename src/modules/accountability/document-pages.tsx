/** @jsxImportSource hono/jsx */
// Pages of the yearly accountability document: the list per year (the council member's main page), the document
// with its workflow (write narratives, submit, accept or return with a comment), the history of versions, and the
// downloads (a background job renders PDF, XLSX or HTML; the page shows its progress and the file).
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, Alert, ErrorSummary, Csrf, Select, TextArea, TextField, Breadcrumbs, Table, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors } from '../../platform/ui/forms.ts';
import { notFound, type FieldError } from '../../platform/http/errors.ts';
import type { MessageKey } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { DocumentBody } from './document-view.tsx';
import { getDocument, saveNarratives, submitDocument, decideDocument, getVersion, listDocuments, documentState, sectionKeys, LEVELS, type DocumentView, type DocumentStatus } from './document-service.ts';
import { themeOfYear } from './figures.ts';
import { requestExport, getExport, getExportFile, formats } from './exports.ts';
import { ACCOUNTABILITY_CSS, ACCOUNTABILITY_CSS_URL } from './styles.ts';
import { localeOf, dateFormat } from '../../platform/i18n/intl.ts';

const SLUG = ':slug';
const YEAR = ':year';
const DOC = `/verantwoording/documenten/${SLUG}/${YEAR}`;
const ID = ':id{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}';

export const docPath = (slug: string, year: number) => `/verantwoording/documenten/${slug}/${year}`;
const params = (c: Context<AppEnv>) => {
  const year = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(year)) throw notFound();
  return { slug: c.req.param('slug') ?? '', year: Number(year) };
};
const Css = () => <link rel="stylesheet" href={ACCOUNTABILITY_CSS_URL} />;

export const StatusBadge: FC<{ v: View; status: DocumentStatus }> = ({ v, status }) => <span class="sb-status">{v.t(`accountability.status.${status}` as MessageKey)}</span>;

const crumbs = (v: View, extra: { href: string; label: string }[] = []) => [{ href: '/verantwoording', label: v.t('accountability.crumb.accountability') }, { href: '/verantwoording/documenten', label: v.t('accountability.list.title') }, ...extra];

/** Links to the theme and district dashboards of a year, after any links given as children. */
export const DashboardLinks: FC<{ v: View; year: number; children?: Child }> = ({ v, year, children }) => (
  <ul class="utrecht-unordered-list">
    {children}
    <li class="utrecht-unordered-list__item">
      <a class="utrecht-link" href={`/verantwoording/dashboard/thema?year=${year}`}>
        {v.t('accountability.dashboard.theme.title')}
      </a>
    </li>
    <li class="utrecht-unordered-list__item">
      <a class="utrecht-link" href={`/verantwoording/dashboard/stadsdeel?year=${year}`}>
        {v.t('accountability.dashboard.district.title')}
      </a>
    </li>
  </ul>
);

/** The current year's documents and the dashboards: shown on the list page and as the council member's home section. */
export const DocumentList: FC<{ v: View; year: number; docs: Awaited<ReturnType<typeof listDocuments>> }> = ({ v, year, docs }) => (
  <Table
    caption={v.t('accountability.list.caption', { year })}
    head={[v.t('accountability.col.theme'), v.t('accountability.col.status')]}
    rows={docs.map((d) => [
      <a class="utrecht-link" href={docPath(d.slug, year)}>
        {d.name}
      </a>,
      <>
        <StatusBadge v={v} status={d.status} />
        {d.version ? ` ${v.t('accountability.version', { n: d.version })}` : ''}
      </>,
    ])}
  />
);

const DownloadForm: FC<{ v: View; action: string; label: string }> = ({ v, action, label }) => (
  <form method="post" action={action} class="sb-filters">
    <Csrf v={v} />
    <Select name="format" label={v.t('accountability.download.format')} value="pdf" options={formats.map((f) => ({ value: f, label: v.t(`accountability.format.${f}` as MessageKey) }))} />
    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
      {label}
    </button>
  </form>
);

const Workflow: FC<{ v: View; d: DocumentView; errors: FieldError[]; comment?: string }> = ({ v, d, errors, comment }) => {
  const path = docPath(d.slug, d.year);
  const last = d.events[d.events.length - 1];
  return (
    <section aria-labelledby="werkstroom-titel">
      <H2 id="werkstroom-titel">{v.t('accountability.workflow')}</H2>
      <P>
        {v.t('accountability.col.status')}: <StatusBadge v={v} status={d.status} /> {d.version ? v.t('accountability.version', { n: d.version }) : ''}
      </P>
      {last && last.kind !== 'submitted' && last.comment ? (
        <Alert type={last.kind === 'returned' ? 'warning' : 'ok'}>
          {v.t(last.kind === 'returned' ? 'accountability.returnedBy' : 'accountability.acceptedBy', { name: last.actorName })} {last.comment}
        </Alert>
      ) : null}
      <div class="sb-actions">
        {d.may.write ? (
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${path}/bewerken`}>
            {v.t('accountability.write')}
          </a>
        ) : null}
        {d.may.submit ? (
          <form method="post" action={`${path}/indienen`}>
            <Csrf v={v} />
            <button type="submit" class="utrecht-button utrecht-button--secondary-action">
              {v.t('accountability.submit')}
            </button>
          </form>
        ) : null}
        <a class="utrecht-link" href={`${path}/geschiedenis`}>
          {v.t('accountability.history')}
        </a>
        <a class="utrecht-link" href={`/verantwoording/dashboard/thema?theme=${d.slug}&year=${d.year}`}>
          {v.t('accountability.dashboard.theme.title')}
        </a>
      </div>
      {d.may.decide ? (
        <form method="post" action={`${path}/besluit`} class="sb-form" aria-labelledby="besluit-titel">
          <h3 class="utrecht-heading-3" id="besluit-titel">
            {v.t('accountability.decide')}
          </h3>
          <ErrorSummary v={v} errors={errors} />
          <Csrf v={v} />
          <Select
            name="decision"
            label={v.t('accountability.decision')}
            value="accept"
            errors={errors}
            options={[
              { value: 'accept', label: v.t('accountability.decision.accept') },
              { value: 'return', label: v.t('accountability.decision.return') },
            ]}
          />
          <TextArea name="comment" label={v.t('accountability.comment')} description={v.t('accountability.commentHint')} value={comment} errors={errors} />
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {v.t('accountability.decide.button')}
          </button>
        </form>
      ) : null}
      <DownloadForm v={v} action={`${path}/download`} label={v.t('accountability.download')} />
    </section>
  );
};

async function documentPage(c: Context<AppEnv>, errors: FieldError[] = [], comment?: string, status = 200) {
  const v = viewOf(c);
  const { slug, year } = params(c);
  const d = await getDocument(c.get('ctx'), slug, year);
  const title = v.t('accountability.doc.title', { theme: d.figures.theme.name, year });
  const saved = c.req.query('opgeslagen');
  return c.html(
    <Layout v={v} title={title}>
      <Css />
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{title}</H1>
      {saved ? <Alert type="ok">{v.t(`accountability.saved.${saved === 'ingediend' ? 'submitted' : saved === 'besluit' ? 'decided' : 'narratives'}` as MessageKey)}</Alert> : null}
      <Workflow v={v} d={d} errors={errors} comment={comment} />
      <DocumentBody v={v} figs={d.figures} o={{ links: true, narratives: Object.fromEntries(Object.entries(d.narratives).map(([k, n]) => [k, n.text])) }} />
    </Layout>,
    status as 200,
  );
}

async function editPage(c: Context<AppEnv>, values?: Record<string, string>, errors: FieldError[] = []) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const { slug, year } = params(c);
  const { theme } = await themeOfYear(ctx, slug, year);
  const state = await documentState(ctx, slug, year);
  if (!state.may.write) throw notFound();
  const subGoals = theme.subGoalGroups.flatMap((g) => g.subGoals);
  const value = (k: string) => values?.[k] ?? state.narratives[k]?.text ?? '';
  const title = v.t('accountability.edit.title', { theme: theme.name, year });
  const field = (k: string) => `sectie-${k.replace(/[^a-z0-9]/gi, '-')}`;
  return c.html(
    <Layout v={v} title={title}>
      <Css />
      <Breadcrumbs v={v} items={crumbs(v, [{ href: docPath(slug, year), label: v.t('accountability.doc.title', { theme: theme.name, year }) }])} />
      <H1>{title}</H1>
      <P>{v.t('accountability.edit.intro')}</P>
      <form method="post" action={`${docPath(slug, year)}/bewerken`} class="sb-form">
        <ErrorSummary v={v} errors={errors.map((e) => ({ ...e, field: field(e.field) }))} />
        <Csrf v={v} />
        <TextArea name={field('intro')} label={v.t('accountability.section.intro')} value={value('intro')} rows={6} errors={errors.map((e) => ({ ...e, field: field(e.field) }))} />
        {subGoals.map((s) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">
              {v.t('accountability.subGoal', { key: s.key })} {s.text}
            </legend>
            {LEVELS.map((l) => (
              <TextArea name={field(`${s.key}#${l}`)} label={v.t(`accountability.level.${l}` as MessageKey)} value={value(`${s.key}#${l}`)} rows={4} errors={errors.map((e) => ({ ...e, field: field(e.field) }))} />
            ))}
          </fieldset>
        ))}
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {v.t('accountability.edit.save')}
        </button>
      </form>
    </Layout>,
  );
}

export function registerDocumentPages(app: OpenAPIHono<AppEnv>) {
  app.get(ACCOUNTABILITY_CSS_URL, (c) => c.body(ACCOUNTABILITY_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  app.get('/verantwoording/documenten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const thisYear = ctx.now().getUTCFullYear();
    const raw = c.req.query('year');
    const year = raw && /^\d{4}$/.test(raw) ? Number(raw) : thisYear;
    const docs = await listDocuments(ctx, year);
    const title = v.t('accountability.list.title');
    return c.html(
      <Layout v={v} title={title}>
        <Css />
        <Breadcrumbs v={v} items={crumbs(v).slice(0, 1)} />
        <H1>{title}</H1>
        <P>{v.t('accountability.list.intro')}</P>
        <form method="get" action="/verantwoording/documenten" class="sb-filters">
          <TextField name="year" type="number" label={v.t('accountability.col.year')} value={String(year)} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('accountability.show')}
          </button>
        </form>
        {docs.length ? <DocumentList v={v} year={year} docs={docs} /> : <P>{v.t('accountability.list.none', { year })}</P>}
        <H2>{v.t('accountability.bundle.title', { year })}</H2>
        <P>{v.t('accountability.bundle.hint')}</P>
        {docs.length ? <DownloadForm v={v} action={`/verantwoording/documenten/bundel/${year}`} label={v.t('accountability.bundle.download')} /> : null}
        <H2>{v.t('accountability.dashboards')}</H2>
        <DashboardLinks v={v} year={year} />
      </Layout>,
    );
  });

  app.get(DOC, (c) => documentPage(c));

  app.get(`${DOC}/bewerken`, (c) => editPage(c));
  app.post(`${DOC}/bewerken`, async (c) => {
    const ctx = c.get('ctx');
    const { slug, year } = params(c);
    const form = await readForm(c);
    const { theme } = await themeOfYear(ctx, slug, year);
    const keys = sectionKeys(theme.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.key)));
    const values = Object.fromEntries(keys.map((k) => [k, str(form, `sectie-${k.replace(/[^a-z0-9]/gi, '-')}`)]));
    try {
      await saveNarratives(ctx, slug, year, values);
    } catch (err) {
      const errors = formErrors(err, c.get('lang'));
      if (!errors.length) throw err;
      return editPage(c, values, errors);
    }
    return c.redirect(`${docPath(slug, year)}?opgeslagen=verhalen`, 303);
  });

  app.post(`${DOC}/indienen`, async (c) => {
    const { slug, year } = params(c);
    await submitDocument(c.get('ctx'), slug, year);
    return c.redirect(`${docPath(slug, year)}?opgeslagen=ingediend`, 303);
  });

  app.post(`${DOC}/besluit`, async (c) => {
    const { slug, year } = params(c);
    const form = await readForm(c);
    try {
      await decideDocument(c.get('ctx'), slug, year, { decision: str(form, 'decision'), comment: str(form, 'comment') });
    } catch (err) {
      const errors = formErrors(err, c.get('lang'));
      if (!errors.length) throw err;
      return documentPage(c, errors, str(form, 'comment'), 400);
    }
    return c.redirect(`${docPath(slug, year)}?opgeslagen=besluit`, 303);
  });

  app.get(`${DOC}/geschiedenis`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const { slug, year } = params(c);
    const { theme } = await themeOfYear(ctx, slug, year);
    const state = await documentState(ctx, slug, year);
    const title = v.t('accountability.history.title', { theme: theme.name, year });
    const fmt = dateFormat(localeOf(v.lang), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
    return c.html(
      <Layout v={v} title={title}>
        <Css />
        <Breadcrumbs v={v} items={crumbs(v, [{ href: docPath(slug, year), label: v.t('accountability.doc.title', { theme: theme.name, year }) }])} />
        <H1>{title}</H1>
        {state.events.length === 0 ? (
          <P>{v.t('accountability.history.none')}</P>
        ) : (
          <Table
            caption={v.t('accountability.history.caption')}
            head={[v.t('accountability.col.when'), v.t('accountability.col.version'), v.t('accountability.col.event'), v.t('accountability.col.who'), v.t('accountability.comment')]}
            rows={state.events.map((e) => [
              fmt.format(e.createdAt),
              e.kind === 'submitted' ? (
                <a class="utrecht-link" href={`${docPath(slug, year)}/versies/${e.version}`}>
                  {v.t('accountability.version', { n: e.version })}
                </a>
              ) : (
                v.t('accountability.version', { n: e.version })
              ),
              v.t(`accountability.event.${e.kind}` as MessageKey),
              e.actorName,
              e.comment || '—',
            ])}
          />
        )}
      </Layout>,
    );
  });

  app.get(`${DOC}/versies/:version`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const { slug, year } = params(c);
    const n = Number(c.req.param('version'));
    if (!Number.isInteger(n) || n < 1 || n > 9999) throw notFound();
    const ver = await getVersion(ctx, slug, year, n);
    const figs = ver.snapshot.figures;
    const title = v.t('accountability.versionTitle', { theme: figs.theme.name, year, n });
    return c.html(
      <Layout v={v} title={title}>
        <Css />
        <Breadcrumbs v={v} items={crumbs(v, [{ href: docPath(slug, year), label: v.t('accountability.doc.title', { theme: figs.theme.name, year }) }, { href: `${docPath(slug, year)}/geschiedenis`, label: v.t('accountability.history') }])} />
        <H1>{title}</H1>
        <Alert type="info">
          {v.t('accountability.version.submittedBy', { name: ver.submitted.actorName, at: ver.submitted.createdAt.toISOString().slice(0, 10) })}
          {ver.decision ? ` ${v.t(`accountability.event.${ver.decision.kind}` as MessageKey)}: ${ver.decision.actorName}${ver.decision.comment ? ` — ${ver.decision.comment}` : ''}` : ''}
        </Alert>
        <DocumentBody v={v} figs={figs} o={{ links: false, narratives: ver.snapshot.narratives }} />
      </Layout>,
    );
  });

  const startDownload = async (c: Context<AppEnv>, slug: string | null, year: number) => {
    const form = await readForm(c);
    const e = await requestExport(c.get('ctx'), slug, year, { format: str(form, 'format') });
    return c.redirect(`/verantwoording/downloads/${e.id}`, 303);
  };
  app.post(`${DOC}/download`, (c) => startDownload(c, params(c).slug, params(c).year));
  app.post(`/verantwoording/documenten/bundel/${YEAR}`, (c) => startDownload(c, null, params(c).year));

  app.get(`/verantwoording/downloads/${ID}`, async (c) => {
    const v = viewOf(c);
    const e = await getExport(c.get('ctx'), c.req.param('id'));
    const title = v.t('accountability.download.title');
    const back = e.themeSlug ? docPath(e.themeSlug, e.year) : `/verantwoording/documenten?year=${e.year}`;
    return c.html(
      <Layout v={v} title={title}>
        <Css />
        <Breadcrumbs v={v} items={crumbs(v, [{ href: back, label: e.themeSlug ? v.t('accountability.backToDocument') : v.t('accountability.bundle.title', { year: e.year }) }])} />
        <H1>{title}</H1>
        <P>
          {v.t('accountability.download.what', { what: e.themeSlug ?? v.t('accountability.bundle.title', { year: e.year }), year: e.year, format: v.t(`accountability.format.${e.format}` as MessageKey) })}
        </P>
        {e.status === 'done' ? (
          <P>
            <a class="utrecht-link" href={`/verantwoording/downloads/${e.id}/bestand`} download={e.fileName ?? undefined}>
              {v.t('accountability.download.file', { name: e.fileName ?? '' })}
            </a>
          </P>
        ) : e.status === 'failed' ? (
          <Alert type="error">{e.message ?? v.t('accountability.download.failed')}</Alert>
        ) : (
          <>
            <Alert type="info">{v.t(e.status === 'running' ? 'accountability.download.running' : 'accountability.download.queued')}</Alert>
            <P>
              <a class="utrecht-link" href={`/verantwoording/downloads/${e.id}`}>
                {v.t('accountability.download.refresh')}
              </a>
            </P>
          </>
        )}
      </Layout>,
    );
  });

  app.get(`/verantwoording/downloads/${ID}/bestand`, async (c) => {
    const f = await getExportFile(c.get('ctx'), c.req.param('id'));
    return c.body(new Uint8Array(f.content), 200, { 'Content-Type': f.contentType, 'Content-Disposition': `attachment; filename="${f.fileName}"`, 'Cache-Control': 'private, no-store' });
  });
}

export const isCouncilMember = (v: View) => hasRole(v.actor, 'auditor');
