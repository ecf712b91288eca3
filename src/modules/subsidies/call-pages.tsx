/** @jsxImportSource hono/jsx */
// Pages of the call and its tables: the landing (calls, own grants), opening a call from the framework of a period,
// one call with its tables and assessors, and one table with members, chair, meeting records and reactions.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, Facts } from '../../platform/ui/page.tsx';
import { readForm, str, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { listPeriods, listThemes } from '../framework/service.ts';
import { listOrganisations } from '../network/service.ts';
import { listCalls, getCall, getTable, openCall, addTableMember, removeTableMember, setTableChair, addTableNote } from './call-service.ts';
import { startApplication } from './application-service.ts';
import { listAssessors, listAssessorCandidates, assignAssessor } from './assessment-service.ts';
import { listGrants } from './grant-service.ts';
import { managesSubsidies, CALL, TABLE } from './policy.ts';
import { localDate } from './input.ts';
import { euros, fmtDate, Badge, ButtonLink, pageErrors, statusKey } from './ui.tsx';

async function newCallForm(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const periods = await listPeriods(ctx);
  const periodCode = str(values, 'periodCode') || c.req.query('periode') || periods[0]?.code || '';
  const themes = periodCode ? await listThemes(ctx, periodCode).catch(() => []) : [];
  return c.html(
    <Layout v={v} title={v.t('subsidies.call.new')}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }]} />
      <H1>{v.t('subsidies.call.new')}</H1>
      <P>{v.t('subsidies.call.newIntro')}</P>
      <form method="get" action="/subsidies/uitvragen/nieuw" class="sb-form">
        <Select name="periode" label={v.t('subsidies.call.period')} value={periodCode} options={periods.map((p) => ({ value: p.code, label: `${p.name} (${p.startYear}–${p.endYear ?? '…'})` }))} />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {v.t('subsidies.call.choosePeriod')}
        </button>
      </form>
      <form method="post" action="/subsidies/uitvragen/nieuw" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <input type="hidden" name="periodCode" value={periodCode} />
        <TextField name="title" label={v.t('subsidies.call.title')} description={v.t('subsidies.call.titleHint')} value={str(values, 'title')} errors={errors} />
        <TextField name="applicationDeadline" type="date" label={v.t('subsidies.call.applicationDeadline')} value={str(values, 'applicationDeadline')} errors={errors} required />
        <TextField name="decisionDeadline" type="date" label={v.t('subsidies.call.decisionDeadline')} value={str(values, 'decisionDeadline')} errors={errors} required />
        <fieldset class="utrecht-form-fieldset" id="veld-themes">
          <legend class="utrecht-form-fieldset__legend">{v.t('subsidies.call.themes')}</legend>
          <P>{v.t('subsidies.call.themesHint')}</P>
          {themes.map((t, i) => (
            <TextField name={`themes.${i}.ceiling`} label={v.t('subsidies.call.ceilingOf', { theme: t.name })} value={str(values, `themes.${i}.ceiling`)} errors={errors} />
          ))}
        </fieldset>
        <Submit>{v.t('subsidies.call.open')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function tablePage(c: Context<AppEnv>, id: string, errors: FieldError[] = [], values: FormBody = {}) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const t = await getTable(ctx, id);
  const orgs = t.may.manage ? await listOrganisations(ctx) : [];
  const notice = c.req.query('klaar');
  return c.html(
    <Layout v={v} title={t.themeName}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: `/subsidies/uitvragen/${t.call.id}`, label: t.call.title }]} />
      <H1>{v.t('subsidies.table.title', { theme: t.themeName })}</H1>
      {notice && <Alert type="ok">{v.t('subsidies.saved')}</Alert>}
      <ErrorSummary v={v} errors={errors} />
      <Facts
        items={[
          [v.t('subsidies.call.period'), `${t.call.startYear}–${t.call.endYear}`],
          [v.t('subsidies.table.ceiling'), euros(v, t.ceilingCents)],
          [v.t('subsidies.table.chair'), t.chairKind === 'municipality' ? v.t('subsidies.table.chairMunicipality') : v.t('subsidies.table.chairFacilitator', { name: t.chairName })],
          [v.t('subsidies.call.applicationDeadline'), fmtDate(v, t.call.applicationDeadline)],
          [v.t('subsidies.application.title'), t.application ? <A href={`/subsidies/aanvragen/${t.application.id}`}>{v.t(statusKey(t.application.status))}</A> : v.t('subsidies.application.none')],
        ]}
      />
      {t.may.startApplication && (
        <form method="post" action={`/subsidies/tafels/${t.id}/aanvraag`} class="sb-form">
          <Csrf v={v} />
          <Submit>{v.t('subsidies.application.start')}</Submit>
        </form>
      )}
      <H2>{v.t('subsidies.table.members')}</H2>
      {t.members.length === 0 ? <P>{v.t('subsidies.table.noMembers')}</P> : (
        <ul class="utrecht-unordered-list">
          {t.members.map((m) => (
            <li class="utrecht-unordered-list__item">
              <A href={`/organisaties/${m.id}`}>{m.name}</A>
              {t.may.manage && (
                <form method="post" action={`/subsidies/tafels/${t.id}/leden/weghalen`} class="sb-inline-form">
                  <Csrf v={v} />
                  <input type="hidden" name="organisationId" value={m.id} />{' '}
                  <button type="submit" class="utrecht-button utrecht-button--subtle">
                    {v.t('subsidies.table.removeMember', { name: m.name })}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}
      {t.may.manage && (
        <>
          <form method="post" action={`/subsidies/tafels/${t.id}/leden`} class="sb-form">
            <Csrf v={v} />
            <Select name="organisationId" label={v.t('subsidies.table.addMember')} value={str(values, 'organisationId')} errors={errors} options={orgs.filter((o) => !t.members.some((m) => m.id === o.id)).map((o) => ({ value: o.id, label: o.name }))} />
            <Submit>{v.t('subsidies.table.add')}</Submit>
          </form>
          <H2>{v.t('subsidies.table.chair')}</H2>
          <form method="post" action={`/subsidies/tafels/${t.id}/voorzitter`} class="sb-form">
            <Csrf v={v} />
            <Select name="chairKind" label={v.t('subsidies.table.chairKind')} value={t.chairKind} errors={errors} options={[{ value: 'municipality', label: v.t('subsidies.table.chairMunicipality') }, { value: 'facilitator', label: v.t('subsidies.table.chairFacilitatorKind') }]} />
            <TextField name="chairName" label={v.t('subsidies.table.chairName')} value={t.chairName} errors={errors} />
            <Submit>{v.t('subsidies.save')}</Submit>
          </form>
        </>
      )}
      <H2>{v.t('subsidies.table.notes')}</H2>
      {t.notes.length === 0 ? <P>{v.t('subsidies.table.noNotes')}</P> : (
        t.notes.map((n) => (
          <section class="sb-card" aria-label={`${v.t(n.kind === 'meeting' ? 'subsidies.table.meeting' : 'subsidies.table.reaction')} ${fmtDate(v, n.date)}`}>
            <H3>
              {v.t(n.kind === 'meeting' ? 'subsidies.table.meeting' : 'subsidies.table.reaction')} · {fmtDate(v, n.date)}
            </H3>
            {n.attendees && <P>{v.t('subsidies.table.attendees')}: {n.attendees}</P>}
            <p class="utrecht-paragraph sb-pre-line">{n.text}</p>
            <p class="utrecht-paragraph sb-meta">{n.authorName}</p>
          </section>
        ))
      )}
      {t.may.writeNotes && (
        <form method="post" action={`/subsidies/tafels/${t.id}/notities`} class="sb-form" novalidate>
          <Csrf v={v} />
          <H3>{v.t('subsidies.table.addNote')}</H3>
          <Select name="kind" label={v.t('subsidies.table.noteKind')} value={str(values, 'kind') || 'meeting'} errors={errors} options={[{ value: 'meeting', label: v.t('subsidies.table.meeting') }, ...(t.may.react ? [{ value: 'reaction', label: v.t('subsidies.table.reaction') }] : [])]} />
          <TextField name="date" type="date" label={v.t('subsidies.table.date')} value={str(values, 'date') || localDate(ctx.now())} errors={errors} required />
          <TextField name="attendees" label={v.t('subsidies.table.attendees')} value={str(values, 'attendees')} errors={errors} />
          <TextArea name="text" label={v.t('subsidies.table.agreements')} value={str(values, 'text')} errors={errors} rows={5} required />
          <Submit>{v.t('subsidies.save')}</Submit>
        </form>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function callPage(c: Context<AppEnv>, id: string, errors: FieldError[] = []) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const call = await getCall(ctx, id);
  const manage = managesSubsidies(v.actor);
  const [assessors, candidates] = await Promise.all([listAssessors(ctx, call.id), manage ? listAssessorCandidates(ctx) : Promise.resolve([])]);
  return c.html(
    <Layout v={v} title={call.title}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }]} />
      <H1>{call.title}</H1>
      {c.req.query('klaar') && <Alert type="ok">{v.t('subsidies.saved')}</Alert>}
      <ErrorSummary v={v} errors={errors} />
      <Facts
        items={[
          [v.t('subsidies.call.period'), `${call.startYear}–${call.endYear}`],
          [v.t('subsidies.call.applicationDeadline'), <>{fmtDate(v, call.applicationDeadline)} {call.open ? <Badge>{v.t('subsidies.call.isOpen')}</Badge> : <Badge>{v.t('subsidies.call.isClosed')}</Badge>}</>],
          [v.t('subsidies.call.decisionDeadline'), fmtDate(v, call.decisionDeadline)],
          [v.t('subsidies.call.ceilingTotal'), euros(v, call.ceilingCents)],
        ]}
      />
      <P>
        <A href={`/subsidies/uitvragen/${call.id}/portefeuille`}>{v.t('subsidies.portfolio.title')}</A>
      </P>
      <H2>{v.t('subsidies.call.tables')}</H2>
      <Table
        caption={v.t('subsidies.call.tables')}
        id="tafels"
        head={[v.t('subsidies.call.theme'), v.t('subsidies.table.ceiling'), v.t('subsidies.table.members'), v.t('subsidies.application.title'), v.t('subsidies.application.requested')]}
        rows={call.tables.map((t) => [
          <A href={`/subsidies/tafels/${t.id}`}>{t.themeName}</A>,
          euros(v, t.ceilingCents),
          String(t.members.length),
          t.application ? <A href={`/subsidies/aanvragen/${t.application.id}`}>{v.t(statusKey(t.application.status))}</A> : v.t('subsidies.application.none'),
          t.application ? euros(v, t.application.requestedCents) : '—',
        ])}
      />
      <H2>{v.t('subsidies.call.criteria')}</H2>
      <ol class="utrecht-ordered-list">
        {call.criteria.map((q) => (
          <li class="utrecht-ordered-list__item">{q.text}</li>
        ))}
      </ol>
      <H2>{v.t('subsidies.assessors.title')}</H2>
      <P>{v.t('subsidies.assessors.intro')}</P>
      {assessors.length === 0 ? <P>{v.t('subsidies.assessors.none')}</P> : (
        <ul class="utrecht-unordered-list">
          {assessors.map((a) => (
            <li class="utrecht-unordered-list__item">{a.name}</li>
          ))}
        </ul>
      )}
      {manage && (
        <form method="post" action={`/subsidies/uitvragen/${call.id}/beoordelaars`} class="sb-form">
          <Csrf v={v} />
          <Select name="userId" label={v.t('subsidies.assessors.add')} errors={errors} options={candidates.filter((u) => !assessors.some((a) => a.userId === u.id)).map((u) => ({ value: u.id, label: u.name }))} />
          <Submit>{v.t('subsidies.assessors.assign')}</Submit>
        </form>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerCallPages(app: OpenAPIHono<AppEnv>) {
  app.get('/subsidies', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [calls, grants] = await Promise.all([listCalls(ctx), listGrants(ctx)]);
    const own = v.actor?.organisationId ? grants.filter((g) => g.organisationId === v.actor!.organisationId) : [];
    return c.html(
      <Layout v={v} title={v.t('subsidies.nav')}>
        <H1>{v.t('subsidies.title')}</H1>
        <P>{v.t('subsidies.intro')}</P>
        {managesSubsidies(v.actor) && (
          <P>
            <ButtonLink href="/subsidies/uitvragen/nieuw">{v.t('subsidies.call.new')}</ButtonLink>
          </P>
        )}
        <H2>{v.t('subsidies.calls')}</H2>
        {calls.length === 0 ? <P>{v.t('subsidies.noCalls')}</P> : (
          <Table
            caption={v.t('subsidies.calls')}
            head={[v.t('subsidies.call.title'), v.t('subsidies.call.period'), v.t('subsidies.call.applicationDeadline'), v.t('subsidies.call.ceilingTotal')]}
            rows={calls.map((k) => [<A href={`/subsidies/uitvragen/${k.id}`}>{k.title}</A>, `${k.startYear}–${k.endYear}`, fmtDate(v, k.applicationDeadline), euros(v, k.ceilingCents)])}
          />
        )}
        {own.length > 0 && (
          <>
            <H2>{v.t('subsidies.ownGrants')}</H2>
            <Table caption={v.t('subsidies.ownGrants')} head={[v.t('subsidies.grant.reference'), v.t('subsidies.call.theme'), v.t('subsidies.grant.total')]} rows={own.map((g) => [<A href={`/subsidies/beschikkingen/${g.id}`}>{g.reference}</A>, g.themeName || '—', euros(v, g.totalCents)])} />
          </>
        )}
      </Layout>,
    );
  });

  app.get('/subsidies/uitvragen/nieuw', (c) => newCallForm(c, {}, []));
  app.post('/subsidies/uitvragen/nieuw', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const b = await readForm(c);
    const themes = await listThemes(ctx, str(b, 'periodCode')).catch(() => []);
    const chosen = themes.map((t, i) => ({ slug: t.slug, ceiling: str(b, `themes.${i}.ceiling`), i })).filter((t) => t.ceiling.trim() !== '');
    try {
      const call = await openCall(ctx, { periodCode: str(b, 'periodCode'), title: str(b, 'title'), applicationDeadline: str(b, 'applicationDeadline'), decisionDeadline: str(b, 'decisionDeadline'), themes: chosen.map(({ slug, ceiling }) => ({ slug, ceiling })) });
      return c.redirect(`/subsidies/uitvragen/${call.id}?klaar=1`, 303);
    } catch (err) {
      // Field paths of the themes refer to the chosen list; label them and map them back to the form's fields.
      const labels: Record<string, string> = { periodCode: v.t('subsidies.call.period'), title: v.t('subsidies.call.title'), applicationDeadline: v.t('subsidies.call.applicationDeadline'), decisionDeadline: v.t('subsidies.call.decisionDeadline'), themes: v.t('subsidies.call.themes') };
      chosen.forEach((t, k) => (labels[`themes.${k}.ceiling`] = v.t('subsidies.call.ceilingOf', { theme: themes[t.i].name })));
      const errors = pageErrors(err, v.lang, labels).map((e) => {
        const m = /^themes\.(\d+)\.(\w+)$/.exec(e.field);
        return m && chosen[Number(m[1])] ? { ...e, field: `themes.${chosen[Number(m[1])].i}.ceiling` } : e;
      });
      return newCallForm(c, b, errors);
    }
  });

  app.get(CALL, (c) => callPage(c, c.req.param('id')));
  app.post(`${CALL}/beoordelaars`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await assignAssessor(c.get('ctx'), c.req.param('id'), { userId: str(b, 'userId') });
      return c.redirect(`/subsidies/uitvragen/${c.req.param('id')}?klaar=1`, 303);
    } catch (err) {
      return callPage(c, c.req.param('id'), pageErrors(err, v.lang, { userId: v.t('subsidies.assessors.add') }));
    }
  });

  app.get(TABLE, (c) => tablePage(c, c.req.param('id')));
  const tablePost = (path: string, run: (c: Context<AppEnv>, b: FormBody) => Promise<unknown>, labels: (v: ReturnType<typeof viewOf>) => Record<string, string>) =>
    app.post(`${TABLE}/${path}`, async (c) => {
      const v = viewOf(c);
      const b = await readForm(c);
      try {
        await run(c, b);
        return c.redirect(`/subsidies/tafels/${c.req.param('id')}?klaar=1`, 303);
      } catch (err) {
        return tablePage(c, c.req.param('id'), pageErrors(err, v.lang, labels(v)), b);
      }
    });
  tablePost('leden', (c, b) => addTableMember(c.get('ctx'), c.req.param('id')!, { organisationId: str(b, 'organisationId') }), (v) => ({ organisationId: v.t('subsidies.table.addMember') }));
  tablePost('leden/weghalen', (c, b) => removeTableMember(c.get('ctx'), c.req.param('id')!, { organisationId: str(b, 'organisationId') }), () => ({}));
  tablePost('voorzitter', (c, b) => setTableChair(c.get('ctx'), c.req.param('id')!, { chairKind: str(b, 'chairKind') as 'municipality', chairName: str(b, 'chairName') }), (v) => ({ chairKind: v.t('subsidies.table.chairKind'), chairName: v.t('subsidies.table.chairName') }));
  tablePost('notities', (c, b) => addTableNote(c.get('ctx'), c.req.param('id')!, { kind: str(b, 'kind') as 'meeting', date: str(b, 'date'), attendees: str(b, 'attendees'), text: str(b, 'text') }), (v) => ({ kind: v.t('subsidies.table.noteKind'), date: v.t('subsidies.table.date'), attendees: v.t('subsidies.table.attendees'), text: v.t('subsidies.table.agreements') }));
  app.post(`${TABLE}/aanvraag`, async (c) => {
    const v = viewOf(c);
    try {
      const a = await startApplication(c.get('ctx'), c.req.param('id'));
      return c.redirect(`/subsidies/aanvragen/${a.id}`, 303);
    } catch (err) {
      return tablePage(c, c.req.param('id'), pageErrors(err, v.lang));
    }
  });
}
