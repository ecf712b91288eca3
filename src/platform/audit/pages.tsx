/** @jsxImportSource hono/jsx */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { Layout, viewOf, H1, P, A, Table, Breadcrumbs } from '../ui/page.tsx';
import { ZodError } from 'zod';
import { readAuditLog } from './service.ts';
import { invalid, zodIssueFields } from '../http/errors.ts';
import { formatDateTime } from '../i18n/index.ts';
import { auditActionLabel } from './labels.ts';

export function registerAuditPages(app: OpenAPIHono<AppEnv>) {
  app.get('/beheer/audit', async (c) => {
    const v = viewOf(c);
    const q = c.req.query();
    const events = await readAuditLog(c.get('ctx'), { action: q.actie, subjectId: q.subjectId, before: q.voor, limit: 50 }).catch((err: unknown) => {
      // The page's parameters are Dutch: name them as the reader sent them.
      const pageParam: Record<string, string> = { action: 'actie', before: 'voor' };
      if (err instanceof ZodError) throw invalid(zodIssueFields(err, { before: 'audit.paramBefore', action: 'audit.action' }).map((f) => ({ ...f, field: pageParam[f.field] ?? f.field })));
      throw err;
    });
    const more = events.length === 50 ? events[events.length - 1].id : null;
    const keep = new URLSearchParams(Object.entries({ actie: q.actie ?? '', subjectId: q.subjectId ?? '' }).filter(([, x]) => x));
    return c.html(
      <Layout v={v} title={v.t('admin.audit')}>
        <Breadcrumbs v={v} items={[{ href: '/beheer', label: v.t('admin.title') }]} />
        <H1>{v.t('admin.audit')}</H1>
        <P>{v.t('audit.intro')}</P>
        <form method="get" action="/beheer/audit" class="sb-actions">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="actie">
              {v.t('audit.action')}
            </label>
            <input class="utrecht-textbox utrecht-textbox--html-input" id="actie" name="actie" value={q.actie ?? ''} />
          </div>
          <button class="utrecht-button utrecht-button--secondary-action" type="submit">
            {v.t('form.filter')}
          </button>
        </form>
        <Table
          caption={v.t('admin.audit')}
          head={[v.t('audit.when'), v.t('audit.who'), v.t('audit.action'), v.t('audit.subject')]}
          rows={events.map((e) => [
            formatDateTime(v.lang, e.at),
            e.actorLabel,
            // The label people read; below it the technical name, which the filter above searches.
            <>
              {auditActionLabel(v.lang, e.action)}
              <br />
              <code class="sb-meta">{e.action}</code>
            </>,
            e.subjectType ? `${e.subjectType} ${e.subjectId ?? ''}` : '—'])}
        />
        {more && (
          <P>
            <A href={`/beheer/audit?${keep.toString()}${keep.size ? '&' : ''}voor=${more}`}>{v.t('audit.older')}</A>
          </P>
        )}
      </Layout>,
    );
  });
}
