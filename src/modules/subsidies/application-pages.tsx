/** @jsxImportSource hono/jsx */
// Pages of the joint application: the task list (sections with their organisation and status, the planned
// activities and reach from the table's plans, the budget), one section to write, an organisation's budget, the
// history with a readable difference per change, "check your answers" and submitting, returning with comments.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Facts, Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getApplication, updateSection, addOwnSection, saveBudget, submitApplication, returnApplication, listRevisions, checkApplication, sectionStatuses, type ApplicationView } from './application-service.ts';
import { grantsOfApplication } from './grant-service.ts';
import { APP, SECTION, managesSubsidies } from './policy.ts';
import { localDate } from './input.ts';
import { diffText } from './text-diff.ts';
import { euros, euroValue, fmtDate, fmtTime, Badge, ButtonLink, pageErrors, statusKey, sectionStatusKey } from './ui.tsx';

const crumbs = (v: View, a: ApplicationView) => [
  { href: '/subsidies', label: v.t('subsidies.nav') },
  { href: `/subsidies/uitvragen/${a.call.id}`, label: a.call.title },
  { href: `/subsidies/tafels/${a.table.id}`, label: a.table.themeName },
];

const BudgetTable = ({ v, a }: { v: View; a: ApplicationView }) => (
  <Table
    caption={v.t('subsidies.budget.caption', { theme: a.table.themeName })}
    id="begroting"
    head={[v.t('subsidies.budget.organisation'), v.t('subsidies.budget.year'), v.t('subsidies.budget.wage'), v.t('subsidies.budget.other'), v.t('subsidies.budget.total')]}
    rows={[
      ...a.budget.map((b) => [b.organisationName, String(b.year), euros(v, b.wageCents), euros(v, b.otherCents), euros(v, b.wageCents + b.otherCents)]),
      [<strong>{v.t('subsidies.budget.total')}</strong>, '', '', '', <strong>{euros(v, a.totalCents)}</strong>],
    ]}
  />
);

async function overview(c: Context<AppEnv>, id: string, errors: FieldError[] = []) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const a = await getApplication(ctx, id);
  const base = `/subsidies/aanvragen/${a.id}`;
  const done = a.sections.filter((s) => s.status === 'done').length;
  // The grants already decided from this application (each reader sees those they may read): a member that has one
  // is linked to it, never offered a second.
  const grants = a.status === 'assessed' ? await grantsOfApplication(ctx, a.id) : [];
  return c.html(
    <Layout v={v} title={v.t('subsidies.application.titleOf', { theme: a.table.themeName })}>
      <Breadcrumbs v={v} items={crumbs(v, a)} />
      <H1>{v.t('subsidies.application.titleOf', { theme: a.table.themeName })}</H1>
      {c.req.query('klaar') && <Alert type="ok">{v.t(c.req.query('klaar') === 'ingediend' ? 'subsidies.application.submittedNotice' : 'subsidies.saved')}</Alert>}
      {a.status === 'returned' && (
        <Alert type="warning">
          <strong>{v.t('subsidies.application.returnedBy')}</strong> <span class="sb-pre-line">{a.returnComment}</span>
        </Alert>
      )}
      <ErrorSummary v={v} errors={errors} />
      <Facts
        items={[
          [v.t('subsidies.application.status'), <Badge>{v.t(statusKey(a.status))}</Badge>],
          [v.t('subsidies.application.version'), a.submittedVersion ? v.t('subsidies.application.versionSubmitted', { version: a.version, submitted: a.submittedVersion }) : String(a.version)],
          [v.t('subsidies.call.applicationDeadline'), fmtDate(v, a.call.applicationDeadline)],
          [v.t('subsidies.table.ceiling'), euros(v, a.table.ceilingCents)],
          [v.t('subsidies.table.members'), a.table.members.map((m) => m.name).join(', ')],
          [v.t('subsidies.application.progress'), v.t('subsidies.application.sectionsDone', { done, total: a.sections.length })],
        ]}
      />
      <div class="sb-actions">
        <A href={`${base}/geschiedenis`}>{v.t('subsidies.history.title')}</A>
        {a.may.submit && <ButtonLink href={`${base}/controleren`}>{v.t('subsidies.check.title')}</ButtonLink>}
        {['submitted', 'assessed'].includes(a.status) && <A href={`${base}/beoordelen`}>{v.t('subsidies.assess.title')}</A>}
      </div>
      {(grants.length > 0 || (a.status === 'assessed' && managesSubsidies(v.actor))) && (
        <>
          <H2>{grants.length ? v.t('subsidies.grant.ofApplication') : v.t('subsidies.grant.new')}</H2>
          <ul class="utrecht-unordered-list">
            {a.table.members.map((m) => {
              const own = grants.filter((g) => g.organisationId === m.id);
              if (own.length)
                return own.map((g) => (
                  <li class="utrecht-unordered-list__item">
                    <A href={`/subsidies/beschikkingen/${g.id}`}>{v.t('subsidies.grant.existingFor', { name: m.name, reference: g.reference })}</A>
                  </li>
                ));
              return a.status === 'assessed' && managesSubsidies(v.actor) ? (
                <li class="utrecht-unordered-list__item">
                  <A href={`/subsidies/beschikkingen/nieuw?aanvraag=${a.id}&organisatie=${m.id}`}>{v.t('subsidies.grant.newFor', { name: m.name })}</A>
                </li>
              ) : null;
            })}
          </ul>
        </>
      )}
      <H2>{v.t('subsidies.application.sections')}</H2>
      <Table
        caption={v.t('subsidies.application.sectionsCaption')}
        id="onderdelen"
        head={[v.t('subsidies.section.title'), v.t('subsidies.section.organisation'), v.t('subsidies.section.status')]}
        rows={a.sections.map((s) => [
          a.may.edit ? <A href={`${base}/onderdelen/${s.id}`}>{s.title}</A> : s.title,
          s.organisationName || v.t('subsidies.section.unassigned'),
          <Badge>{v.t(sectionStatusKey(s.status))}</Badge>,
        ])}
      />
      {a.may.edit && (
        <form method="post" action={`${base}/onderdelen/nieuw`} class="sb-form">
          <Csrf v={v} />
          <TextField name="title" label={v.t('subsidies.section.addOwn')} description={v.t('subsidies.section.addOwnHint')} errors={errors} />
          <Submit>{v.t('subsidies.section.add')}</Submit>
        </form>
      )}
      {!a.may.edit && (
        <>
          {a.sections.map((s) => (
            <section aria-labelledby={`onderdeel-${s.id}`}>
              <h3 class="utrecht-heading-3" id={`onderdeel-${s.id}`}>
                {s.title}
              </h3>
              <p class="utrecht-paragraph sb-pre-line">{s.body || '—'}</p>
            </section>
          ))}
        </>
      )}
      <H2>{v.t('subsidies.plans.title')}</H2>
      <P>{v.t('subsidies.plans.intro')}</P>
      {a.plans.map((p) => (
        <>
          <h3 class="utrecht-heading-3">{v.t('subsidies.plans.year', { year: p.year })}</h3>
          {p.plan ? (
            <>
              <P>
                <A href={p.href}>{v.t('subsidies.plans.open', { year: p.year, version: p.plan.version })}</A>
              </P>
              {p.plan.entries.length > 0 && (
                <Table
                  caption={v.t('subsidies.plans.caption', { year: p.year })}
                  head={[v.t('subsidies.budget.organisation'), v.t('subsidies.plans.activity'), v.t('subsidies.plans.sessions'), v.t('subsidies.plans.residents')]}
                  rows={p.plan.entries.map((e) => [e.organisationName, e.activityTitle, String(e.plannedSessions), String(e.plannedResidents)])}
                />
              )}
            </>
          ) : (
            <P>
              {v.t('subsidies.plans.none')} <A href="/verantwoording">{v.t('subsidies.plans.start')}</A>
            </P>
          )}
        </>
      ))}
      <H2>{v.t('subsidies.budget.title')}</H2>
      {a.budget.length ? <BudgetTable v={v} a={a} /> : <P>{v.t('subsidies.budget.none')}</P>}
      {a.may.editBudgetFor.length > 0 && (
        <P>
          <A href={`${base}/begroting`}>{v.t('subsidies.budget.edit')}</A>
        </P>
      )}
      {a.may.return && (
        <form method="post" action={`${base}/terugsturen`} class="sb-form" novalidate>
          <Csrf v={v} />
          <H2>{v.t('subsidies.return.title')}</H2>
          <TextArea name="comment" label={v.t('subsidies.return.comment')} errors={errors} rows={4} required />
          <Submit>{v.t('subsidies.return.submit')}</Submit>
        </form>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function sectionForm(c: Context<AppEnv>, id: string, sid: string, values: FormBody | null, errors: FieldError[]) {
  const v = viewOf(c);
  const a = await getApplication(c.get('ctx'), id);
  const s = a.sections.find((x) => x.id === sid);
  if (!s || !a.may.edit) return c.notFound();
  const base = `/subsidies/aanvragen/${a.id}`;
  const val = (k: 'body' | 'status' | 'organisationId') => (values ? str(values, k) : (s[k] ?? ''));
  return c.html(
    <Layout v={v} title={s.title}>
      <Breadcrumbs v={v} items={[...crumbs(v, a), { href: base, label: v.t('subsidies.application.title') }]} />
      <H1>{s.kind === 'criterion' ? v.t('subsidies.section.criterion') : s.kind === 'statement' ? v.t('subsidies.section.statement', { title: s.title }) : s.title}</H1>
      {s.kind === 'criterion' && <p class="utrecht-paragraph"><strong>{s.title}</strong></p>}
      {s.guidance && s.kind === 'statement' && <p class="utrecht-paragraph sb-meta">{s.guidance}</p>}
      <P>{s.updatedByName ? v.t('subsidies.section.lastChange', { name: s.updatedByName, at: fmtTime(v, s.updatedAt) }) : v.t('subsidies.section.notYet')}</P>
      <form method="post" action={`${base}/onderdelen/${s.id}`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <TextArea name="body" label={v.t('subsidies.section.body')} value={val('body')} errors={errors} rows={12} />
        <Select name="organisationId" label={v.t('subsidies.section.organisation')} value={val('organisationId')} errors={errors} options={[{ value: '', label: v.t('subsidies.section.unassigned') }, ...a.table.members.map((m) => ({ value: m.id, label: m.name }))]} />
        <Select name="status" label={v.t('subsidies.section.status')} value={val('status')} errors={errors} options={sectionStatuses.map((x) => ({ value: x, label: v.t(sectionStatusKey(x)) }))} />
        <Submit>{v.t('subsidies.save')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function budgetForm(c: Context<AppEnv>, id: string, values: FormBody | null, errors: FieldError[]) {
  const v = viewOf(c);
  const a = await getApplication(c.get('ctx'), id);
  if (!a.may.editBudgetFor.length) return c.notFound();
  const base = `/subsidies/aanvragen/${a.id}`;
  const org = (values && str(values, 'organisationId')) || c.req.query('organisatie') || a.may.editBudgetFor[0];
  const line = (year: number) => a.budget.find((b) => b.organisationId === org && b.year === year);
  const val = (k: string, cents: number | undefined) => (values ? str(values, k) : euroValue(cents));
  return c.html(
    <Layout v={v} title={v.t('subsidies.budget.title')}>
      <Breadcrumbs v={v} items={[...crumbs(v, a), { href: base, label: v.t('subsidies.application.title') }]} />
      <H1>{v.t('subsidies.budget.title')}</H1>
      <P>{v.t('subsidies.budget.intro', { ceiling: euros(v, a.table.ceilingCents), total: euros(v, a.totalCents) })}</P>
      {a.may.editBudgetFor.length > 1 && (
        <form method="get" action={`${base}/begroting`} class="sb-form">
          <Select name="organisatie" label={v.t('subsidies.budget.organisation')} value={org} options={a.table.members.filter((m) => a.may.editBudgetFor.includes(m.id)).map((m) => ({ value: m.id, label: m.name }))} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('subsidies.budget.choose')}
          </button>
        </form>
      )}
      <form method="post" action={`${base}/begroting`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <input type="hidden" name="organisationId" value={org} />
        <P>{v.t('subsidies.budget.for', { name: a.table.members.find((m) => m.id === org)?.name ?? '' })}</P>
        {a.years.map((y, i) => (
          <fieldset class="utrecht-form-fieldset" id={`veld-lines-${i}`}>
            <legend class="utrecht-form-fieldset__legend">{v.t('subsidies.budget.yearLegend', { year: y })}</legend>
            <input type="hidden" name={`lines.${i}.year`} value={String(y)} />
            <TextField name={`lines.${i}.wage`} label={v.t('subsidies.budget.wageEuro', { year: y })} value={val(`lines.${i}.wage`, line(y)?.wageCents)} errors={errors} />
            <TextField name={`lines.${i}.other`} label={v.t('subsidies.budget.otherEuro', { year: y })} value={val(`lines.${i}.other`, line(y)?.otherCents)} errors={errors} />
          </fieldset>
        ))}
        <Submit>{v.t('subsidies.save')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

const DiffView = ({ before, after }: { before: string; after: string }) => (
  <p class="utrecht-paragraph sb-pre-line">
    {diffText(before, after).map((p) => (p.op === 'same' ? p.text : p.op === 'del' ? <del>{p.text}</del> : <ins>{p.text}</ins>))}
  </p>
);

async function checkPage(c: Context<AppEnv>, id: string, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const a = await getApplication(ctx, id);
  if (!a.may.submit) return c.redirect(`/subsidies/aanvragen/${a.id}`, 303);
  const base = `/subsidies/aanvragen/${a.id}`;
  const problems = checkApplication(a, localDate(ctx.now()));
  return c.html(
    <Layout v={v} title={v.t('subsidies.check.title')}>
      <Breadcrumbs v={v} items={[...crumbs(v, a), { href: base, label: v.t('subsidies.application.title') }]} />
      <H1>{v.t('subsidies.check.title')}</H1>
      <ErrorSummary v={v} errors={errors} />
      {problems.length > 0 ? (
        <Alert type="warning">
          <strong>{v.t('subsidies.check.notReady')}</strong>
          <ul class="utrecht-unordered-list">
            {problems.map((p) => (
              <li class="utrecht-unordered-list__item">{v.t(p.message, p.params)}</li>
            ))}
          </ul>
        </Alert>
      ) : (
        <P>{v.t('subsidies.check.ready')}</P>
      )}
      {a.sections.map((s) => (
        <section aria-labelledby={`controle-${s.id}`} class="sb-card">
          <h2 class="utrecht-heading-3" id={`controle-${s.id}`}>
            {s.title}
          </h2>
          <p class="utrecht-paragraph sb-meta">
            {s.organisationName || v.t('subsidies.section.unassigned')} · {v.t(sectionStatusKey(s.status))}
          </p>
          <p class="utrecht-paragraph sb-pre-line">{s.body || '—'}</p>
          <A href={`${base}/onderdelen/${s.id}`}>{v.t('subsidies.check.change', { title: s.title.slice(0, 60) })}</A>
        </section>
      ))}
      <H2>{v.t('subsidies.budget.title')}</H2>
      <BudgetTable v={v} a={a} />
      <A href={`${base}/begroting`}>{v.t('subsidies.check.changeBudget')}</A>
      <H2>{v.t('subsidies.plans.title')}</H2>
      <ul class="utrecht-unordered-list">
        {a.plans.map((p) => (
          <li class="utrecht-unordered-list__item">{p.plan ? v.t('subsidies.check.planVersion', { year: p.year, version: p.plan.version }) : v.t('subsidies.check.noPlan', { year: p.year })}</li>
        ))}
      </ul>
      <form method="post" action={`${base}/indienen`} class="sb-form">
        <Csrf v={v} />
        <P>{v.t('subsidies.check.lockNote')}</P>
        <Submit>{v.t('subsidies.check.submit')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerApplicationPages(app: OpenAPIHono<AppEnv>) {
  app.get(APP, (c) => overview(c, c.req.param('id')!));
  app.get(`${APP}/onderdelen/${SECTION}`, (c) => sectionForm(c, c.req.param('id')!, c.req.param('sid')!, null, []));
  app.post(`${APP}/onderdelen/${SECTION}`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await updateSection(c.get('ctx'), c.req.param('id')!, c.req.param('sid')!, { body: str(b, 'body'), status: str(b, 'status') as 'todo', organisationId: str(b, 'organisationId') });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return sectionForm(c, c.req.param('id')!, c.req.param('sid')!, b, pageErrors(err, v.lang, { body: v.t('subsidies.section.body'), status: v.t('subsidies.section.status'), organisationId: v.t('subsidies.section.organisation') }));
    }
  });
  app.post(`${APP}/onderdelen/nieuw`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await addOwnSection(c.get('ctx'), c.req.param('id')!, { title: str(b, 'title') });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return overview(c, c.req.param('id')!, pageErrors(err, v.lang, { title: v.t('subsidies.section.addOwn') }));
    }
  });
  app.get(`${APP}/begroting`, (c) => budgetForm(c, c.req.param('id')!, null, []));
  app.post(`${APP}/begroting`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    const lines = Object.keys(b)
      .map((k) => /^lines\.(\d+)\.year$/.exec(k))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => ({ year: str(b, `lines.${m[1]}.year`), wage: str(b, `lines.${m[1]}.wage`), other: str(b, `lines.${m[1]}.other`) }));
    try {
      await saveBudget(c.get('ctx'), c.req.param('id')!, { organisationId: str(b, 'organisationId'), lines: lines as unknown as { year: number; wage: string; other: string }[] });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      const labels: Record<string, string> = { organisationId: v.t('subsidies.budget.organisation'), lines: v.t('subsidies.budget.title') };
      lines.forEach((l, i) => {
        labels[`lines.${i}.wage`] = v.t('subsidies.budget.wageEuro', { year: l.year });
        labels[`lines.${i}.other`] = v.t('subsidies.budget.otherEuro', { year: l.year });
      });
      return budgetForm(c, c.req.param('id')!, b, pageErrors(err, v.lang, labels));
    }
  });
  app.get(`${APP}/geschiedenis`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const a = await getApplication(ctx, c.req.param('id')!);
    const revisions = await listRevisions(ctx, a.id);
    return c.html(
      <Layout v={v} title={v.t('subsidies.history.title')}>
        <Breadcrumbs v={v} items={[...crumbs(v, a), { href: `/subsidies/aanvragen/${a.id}`, label: v.t('subsidies.application.title') }]} />
        <H1>{v.t('subsidies.history.title')}</H1>
        <P>{v.t('subsidies.history.intro')}</P>
        {revisions.length === 0 && <P>{v.t('subsidies.history.none')}</P>}
        {revisions.map((r) => (
          <section class="sb-card" aria-label={v.t('subsidies.history.version', { version: r.version })}>
            <h2 class="utrecht-heading-3">
              {v.t('subsidies.history.version', { version: r.version })} · {v.t(`subsidies.history.what.${r.what}` as 'subsidies.history.what.section')}
              {r.subjectTitle ? `: ${r.subjectTitle.slice(0, 80)}` : ''}
            </h2>
            <p class="utrecht-paragraph sb-meta">
              {r.actorName}
              {r.organisationName ? ` (${r.organisationName})` : ''} · {fmtTime(v, r.createdAt)}
            </p>
            {['section', 'budget'].includes(r.what) && <DiffView before={r.before} after={r.after} />}
            {r.what === 'section_save' && r.before !== r.after && (
              <>
                <p class="utrecht-paragraph sb-meta">{v.t('subsidies.section.body')}</p>
                <DiffView before={r.before} after={r.after} />
              </>
            )}
            {r.fieldChanges.length > 0 && (
              <ul class="utrecht-unordered-list">
                {r.fieldChanges.map((f) => (
                  <li class="utrecht-unordered-list__item">
                    {f.field === 'status'
                      ? `${v.t('subsidies.section.status')}: ${v.t(sectionStatusKey(f.before))} → ${v.t(sectionStatusKey(f.after))}`
                      : `${v.t('subsidies.section.organisation')}: ${f.before || v.t('subsidies.section.unassigned')} → ${f.after || v.t('subsidies.section.unassigned')}`}
                  </li>
                ))}
              </ul>
            )}
            {['return', 'add_section'].includes(r.what) && <p class="utrecht-paragraph sb-pre-line">{r.after}</p>}
          </section>
        ))}
      </Layout>,
    );
  });
  app.get(`${APP}/controleren`, (c) => checkPage(c, c.req.param('id')!, []));
  app.post(`${APP}/indienen`, async (c) => {
    const v = viewOf(c);
    try {
      await submitApplication(c.get('ctx'), c.req.param('id')!);
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}?klaar=ingediend`, 303);
    } catch (err) {
      return checkPage(c, c.req.param('id')!, pageErrors(err, v.lang));
    }
  });
  app.post(`${APP}/terugsturen`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await returnApplication(c.get('ctx'), c.req.param('id')!, { comment: str(b, 'comment') });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return overview(c, c.req.param('id')!, pageErrors(err, v.lang, { comment: v.t('subsidies.return.comment') }));
    }
  });
}
