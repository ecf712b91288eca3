/** @jsxImportSource hono/jsx */
// Pages of the trajectories: the list, registering one (the resident's identifier turns into a pseudonym and is
// never shown again), one trajectory with the ending form, the outflow report, and the life domains (administrators).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Table, Breadcrumbs, Facts, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, lines, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { readsAllRegisters } from './policy.ts';
import { registerTrajectory, endTrajectory, getTrajectory, listTrajectories, outflowResults, type TrajectoryView } from './outflow-trajectories.ts';
import { outflowReport, type OutflowCell } from './outflow-report.ts';
import { listTerms, saveDomain, termName, type TermView } from './outflow-terms.ts';
import { RegisterLinks, frameworkOptions, organisationOptions, fmtDate, fmtShare, fmtNumber, fmtCount } from './register-ui.tsx';
import { localDate } from './complaint-deadline.ts';
import { outflowChart } from './outflow-chart.ts';
import { raw } from 'hono/html';

const scoreOptions = (v: View) => [{ value: '', label: v.t('effects.outflow.noScore') }, ...[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }))];

const ScoreFields = ({ v, prefix, domains, values, errors }: { v: View; prefix: string; domains: TermView[]; values: FormBody; errors: FieldError[] }) => (
  <fieldset class="utrecht-form-fieldset">
    <legend class="utrecht-form-fieldset__legend">{v.t(prefix === 'startScores' ? 'effects.outflow.scoresStart' : 'effects.outflow.scoresEnd')}</legend>
    <P>{v.t('effects.outflow.scoresHint')}</P>
    {domains.map((d) => (
      <Select name={`${prefix}.${d.key}`} label={termName(d, v.lang)} value={str(values, `${prefix}.${d.key}`)} errors={errors} options={scoreOptions(v)} />
    ))}
  </fieldset>
);

const scoresOf = (b: FormBody, prefix: string) => Object.fromEntries(Object.keys(b).filter((k) => k.startsWith(`${prefix}.`) && str(b, k) !== '').map((k) => [k.slice(prefix.length + 1), Number(str(b, k))]));

const labels = (v: View): Record<string, string> => ({
  organisationId: v.t('effects.field.organisation'),
  passNumber: v.t('effects.outflow.passNumber'),
  name: v.t('effects.outflow.name'),
  birthDate: v.t('effects.outflow.birthDate'),
  kindKey: v.t('effects.outflow.kind'),
  themeSlug: v.t('effects.field.theme'),
  subGoals: v.t('effects.field.subGoals'),
  wijkCode: v.t('effects.field.wijk'),
  startDate: v.t('effects.outflow.startDate'),
  goals: v.t('effects.outflow.goals'),
  startScores: v.t('effects.outflow.scoresStart'),
  endScores: v.t('effects.outflow.scoresEnd'),
  endDate: v.t('effects.outflow.endDate'),
  endingReasonKey: v.t('effects.outflow.endingReason'),
  result: v.t('effects.outflow.result'),
});

async function newForm(c: Context<AppEnv>, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [fw, kinds, domains, orgs] = await Promise.all([frameworkOptions(ctx), listTerms(ctx, 'trajectory_kind', { activeOnly: true }), listTerms(ctx, 'domain', { activeOnly: true }), readsAllRegisters(v.actor) ? organisationOptions(ctx) : Promise.resolve([])]);
  return c.html(
    <Layout v={v} title={v.t('effects.outflow.new')}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/trajecten', label: v.t('effects.outflow.title') }]} />
      <H1>{v.t('effects.outflow.new')}</H1>
      <form method="post" action="/effecten/trajecten" class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {orgs.length ? <Select name="organisationId" label={v.t('effects.field.organisation')} value={str(values, 'organisationId')} errors={errors} options={[{ value: '', label: '' }, ...orgs]} /> : <input type="hidden" name="organisationId" value={v.actor?.organisationId ?? ''} />}
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{v.t('effects.outflow.resident')}</legend>
          <P>{v.t('effects.outflow.residentHint')}</P>
          <TextField name="passNumber" label={v.t('effects.outflow.passNumber')} errors={errors} autocomplete="off" />
          <TextField name="name" label={v.t('effects.outflow.name')} errors={errors} autocomplete="off" />
          <TextField name="birthDate" label={v.t('effects.outflow.birthDate')} errors={errors} autocomplete="off" description="dd-mm-jjjj" />
        </fieldset>
        <Select name="kindKey" label={v.t('effects.outflow.kind')} value={str(values, 'kindKey')} errors={errors} options={kinds.map((k) => ({ value: k.key, label: termName(k, v.lang) }))} />
        <Select name="themeSlug" label={v.t('effects.field.theme')} value={str(values, 'themeSlug')} errors={errors} options={fw.themes} />
        <Checkboxes name="subGoals" label={v.t('effects.field.subGoals')} values={list(values, 'subGoals')} errors={errors} options={fw.subGoals} />
        <Select name="wijkCode" label={v.t('effects.field.wijk')} value={str(values, 'wijkCode')} errors={errors} options={[{ value: '', label: v.t('effects.none') }, ...fw.wijken]} />
        <TextField name="startDate" type="date" label={v.t('effects.outflow.startDate')} value={str(values, 'startDate') || localDate(ctx.now())} errors={errors} required />
        <TextArea name="goals" label={v.t('effects.outflow.goals')} description={v.t('effects.outflow.goalsHint')} value={str(values, 'goals')} errors={errors} />
        <ScoreFields v={v} prefix="startScores" domains={domains} values={values} errors={errors} />
        <Submit>{v.t('effects.outflow.save')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function detail(c: Context<AppEnv>, t: TrajectoryView, values: FormBody, errors: FieldError[]) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [fw, kinds, reasons, domains] = await Promise.all([frameworkOptions(ctx), listTerms(ctx, 'trajectory_kind'), listTerms(ctx, 'ending_reason'), listTerms(ctx, 'domain')]);
  const name = (ts: TermView[], key: string | null) => (key ? termName(ts.find((x) => x.key === key) ?? { nameNl: key, nameEn: key }, v.lang) : '');
  const mayEnd = readsAllRegisters(v.actor) ? v.actor!.roles.includes('administrator') : v.actor?.organisationId === t.organisationId;
  return c.html(
    <Layout v={v} title={name(kinds, t.kindKey)}>
      <Breadcrumbs v={v} items={[{ href: '/effecten/trajecten', label: v.t('effects.outflow.title') }]} />
      <H1>{`${name(kinds, t.kindKey)} · ${fmtDate(v, t.startDate)}`}</H1>
      {c.req.query('opgeslagen') && <Alert type="ok">{v.t(t.endDate ? 'effects.outflow.ended' : 'effects.outflow.saved')}</Alert>}
      <Facts
        items={[
          [v.t('effects.field.theme'), fw.themeName(t.themeSlug)],
          [v.t('effects.field.subGoals'), t.subGoals.map(fw.subGoalText).join('; ') || v.t('effects.none')],
          [v.t('effects.field.district'), fw.districtName(t.districtCode) || v.t('effects.none')],
          [v.t('effects.outflow.goals'), t.goals.join('; ') || v.t('effects.none')],
          [v.t('effects.outflow.endDate'), t.endDate ? fmtDate(v, t.endDate) : v.t('effects.outflow.running')],
          ...(t.endDate
            ? ([
                [v.t('effects.outflow.endingReason'), name(reasons, t.endingReasonKey)],
                [v.t('effects.outflow.result'), t.result ? v.t(`effects.outflow.result.${t.result}`) : ''],
              ] satisfies [string, string][])
            : []),
        ]}
      />
      {t.scores.length > 0 && (
        <Table
          caption={v.t('effects.outflow.domain')}
          head={[v.t('effects.outflow.domain'), v.t('effects.outflow.start'), v.t('effects.outflow.endScore'), v.t('effects.outflow.change')]}
          rows={t.scores.map((s) => [name(domains, s.domainKey), s.start ?? v.t('effects.none'), s.end ?? v.t('effects.none'), s.start !== null && s.end !== null ? String(s.end - s.start) : v.t('effects.none')])}
        />
      )}
      {mayEnd && (
        <>
          <H2 id="afsluiten">{v.t('effects.outflow.end')}</H2>
          <form method="post" action={`/effecten/trajecten/${t.id}/afsluiten`} class="sb-form" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <TextField name="endDate" type="date" label={v.t('effects.outflow.endDate')} value={str(values, 'endDate') || t.endDate || localDate(ctx.now())} errors={errors} required />
            <Select name="endingReasonKey" label={v.t('effects.outflow.endingReason')} value={str(values, 'endingReasonKey') || t.endingReasonKey} errors={errors} options={reasons.filter((r) => r.active).map((r) => ({ value: r.key, label: termName(r, v.lang) }))} />
            <Select name="result" label={v.t('effects.outflow.result')} value={str(values, 'result') || t.result} errors={errors} options={outflowResults.map((r) => ({ value: r, label: v.t(`effects.outflow.result.${r}`) }))} />
            <ScoreFields v={v} prefix="endScores" domains={domains.filter((d) => d.active)} values={values} errors={errors} />
            <Submit>{v.t('effects.outflow.endSave')}</Submit>
          </form>
        </>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

const CellRow = (v: View, c: OutflowCell, label: string) => [label, fmtCount(v, c.ended), fmtShare(v, c.shareReached), fmtShare(v, c.sharePartly), fmtShare(v, c.shareNot)];

export function registerOutflowPages(app: OpenAPIHono<AppEnv>) {
  app.get('/effecten/trajecten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [items, fw, kinds] = await Promise.all([listTrajectories(ctx), frameworkOptions(ctx), listTerms(ctx, 'trajectory_kind')]);
    const mayRegister = !!v.actor && (v.actor.roles.includes('administrator') || (v.actor.roles.includes('partner_staff') && !!v.actor.organisationId));
    return c.html(
      <Layout v={v} title={v.t('effects.outflow.title')}>
        <H1>{v.t('effects.outflow.title')}</H1>
        <P>{v.t('effects.outflow.intro')}</P>
        <RegisterLinks v={v} />
        {mayRegister && (
          <P>
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/effecten/trajecten/nieuw">
              {v.t('effects.outflow.new')}
            </a>
          </P>
        )}
        {items.length === 0 ? (
          <P>{v.t('effects.outflow.none')}</P>
        ) : (
          <Table
            caption={v.t('effects.outflow.count', { n: items.length })}
            head={[v.t('effects.outflow.kind'), v.t('effects.field.theme'), v.t('effects.field.district'), v.t('effects.outflow.startDate'), v.t('effects.outflow.result')]}
            rows={items.map((t) => [
              <A href={`/effecten/trajecten/${t.id}`}>{`${termName(kinds.find((k) => k.key === t.kindKey) ?? { nameNl: t.kindKey, nameEn: t.kindKey }, v.lang)} · ${fmtDate(v, t.startDate)}`}</A>,
              fw.themeName(t.themeSlug),
              fw.districtName(t.districtCode),
              fmtDate(v, t.startDate),
              t.result ? v.t(`effects.outflow.result.${t.result}`) : v.t('effects.outflow.running'),
            ])}
          />
        )}
      </Layout>,
    );
  });

  app.get('/effecten/trajecten/nieuw', (c) => newForm(c, {}, []));

  app.post('/effecten/trajecten', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      const t = await registerTrajectory(c.get('ctx'), {
        organisationId: str(b, 'organisationId'),
        passNumber: str(b, 'passNumber') || undefined,
        name: str(b, 'name') || undefined,
        birthDate: str(b, 'birthDate') || undefined,
        kindKey: str(b, 'kindKey'),
        themeSlug: str(b, 'themeSlug'),
        subGoals: list(b, 'subGoals'),
        wijkCode: str(b, 'wijkCode') || null,
        startDate: str(b, 'startDate'),
        goals: lines(str(b, 'goals')),
        startScores: scoresOf(b, 'startScores'),
      });
      return c.redirect(`/effecten/trajecten/${t.id}?opgeslagen=1`, 303);
    } catch (err) {
      // The identifier is never sent back: the form comes back without it.
      const { passNumber: _p, name: _n, birthDate: _b, ...rest } = b;
      return newForm(c, rest, formErrors(err, v.lang, labels(v)));
    }
  });

  app.get('/effecten/trajecten/:id', async (c) => detail(c, await getTrajectory(c.get('ctx'), c.req.param('id')), {}, []));

  app.post('/effecten/trajecten/:id/afsluiten', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id');
    const b = await readForm(c);
    try {
      await endTrajectory(ctx, id, { endDate: str(b, 'endDate'), endingReasonKey: str(b, 'endingReasonKey'), result: str(b, 'result') as never, endScores: scoresOf(b, 'endScores') });
      return c.redirect(`/effecten/trajecten/${id}?opgeslagen=1`, 303);
    } catch (err) {
      const errors = formErrors(err, v.lang, labels(v));
      return detail(c, await getTrajectory(ctx, id), b, errors);
    }
  });

  app.get('/effecten/uitstroom', async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const thisYear = Number(localDate(ctx.now()).slice(0, 4));
    const yearRaw = c.req.query('jaar') ?? String(thisYear);
    const year = /^\d{4}$/.test(yearRaw) ? Number(yearRaw) : thisYear;
    const fw = await frameworkOptions(ctx);
    const theme = fw.themes.some((t) => t.value === c.req.query('thema')) ? c.req.query('thema') : undefined;
    const district = fw.districts.some((d) => d.value === c.req.query('stadsdeel')) ? c.req.query('stadsdeel') : undefined;
    const [r, domains] = await Promise.all([outflowReport(ctx, { year, theme, district }), listTerms(ctx, 'domain')]);
    const domainName = (k: string) => termName(domains.find((d) => d.key === k) ?? { nameNl: k, nameEn: k }, v.lang);
    const head = [v.t('effects.complaint.figures.group'), v.t('effects.outflow.report.ended'), v.t('effects.outflow.result.reached'), v.t('effects.outflow.result.partly'), v.t('effects.outflow.result.not')];
    const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));
    const chart = outflowChart(r.byTheme, {
      title: `${v.t('effects.outflow.report.byTheme')} (${year})`,
      description: v.t('effects.outflow.report.chartDescription'),
      results: { reached: v.t('effects.outflow.result.reached'), partly: v.t('effects.outflow.result.partly'), not: v.t('effects.outflow.result.not') },
      themeName: fw.themeName,
    });
    return c.html(
      <Layout v={v} title={v.t('effects.outflow.report.title')}>
        <H1>{v.t('effects.outflow.report.title')}</H1>
        <P>{v.t('effects.outflow.report.intro')}</P>
        <RegisterLinks v={v} />
        <form method="get" action="/effecten/uitstroom" class="sb-form sb-filter">
          <Select name="jaar" label={v.t('effects.field.year')} value={String(year)} options={years.map((y) => ({ value: y, label: y }))} />
          <Select name="thema" label={v.t('effects.field.theme')} value={theme ?? ''} options={[{ value: '', label: v.t('effects.all') }, ...fw.themes]} />
          <Select name="stadsdeel" label={v.t('effects.field.district')} value={district ?? ''} options={[{ value: '', label: v.t('effects.all') }, ...fw.districts]} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('effects.filter')}
          </button>
        </form>
        <P>{v.t(r.exact ? 'effects.outflow.exactNote' : 'effects.suppressedNote')}</P>
        {r.total.ended === 0 ? (
          <P>{v.t('effects.outflow.report.empty')}</P>
        ) : (
          <>
            {chart && <figure class="sb-chart-figure">{raw(chart)}</figure>}
            <Table caption={`${v.t('effects.outflow.report.byTheme')} (${year})`} head={head} rows={[CellRow(v, r.total, v.t('effects.outflow.report.total')), ...r.byTheme.map((cell) => CellRow(v, cell, fw.themeName(cell.themeSlug)))]} />
            <Table caption={`${v.t('effects.outflow.report.byDistrict')} (${year})`} head={head} rows={r.byThemeDistrict.map((cell) => CellRow(v, cell, `${fw.themeName(cell.themeSlug)} · ${fw.districtName(cell.districtCode) || v.t('effects.outflow.report.noDistrict')}`))} />
            <H2>{v.t('effects.outflow.report.domains')}</H2>
            <Table
              caption={`${v.t('effects.outflow.report.domains')} (${year})`}
              head={[v.t('effects.outflow.domain'), v.t('effects.outflow.report.scored'), v.t('effects.outflow.change')]}
              rows={r.total.domains.map((d) => [domainName(d.domainKey), fmtCount(v, d.n), d.averageChange === null ? 'x' : fmtNumber(v, d.averageChange)])}
            />
          </>
        )}
      </Layout>,
    );
  });

  const domainsPage = async (c: Context<AppEnv>, values: FormBody, errors: FieldError[]) => {
    const v = viewOf(c);
    const domains = await listTerms(c.get('ctx'), 'domain');
    return c.html(
      <Layout v={v} title={v.t('effects.outflow.domains.title')}>
        <H1>{v.t('effects.outflow.domains.title')}</H1>
        <P>{v.t('effects.outflow.domains.intro')}</P>
        <RegisterLinks v={v} />
        {c.req.query('opgeslagen') && <Alert type="ok">{v.t('effects.outflow.domains.saved')}</Alert>}
        <Table
          caption={v.t('effects.outflow.domains.title')}
          head={[v.t('effects.outflow.domains.key'), v.t('effects.outflow.domains.nameNl'), v.t('effects.outflow.domains.nameEn'), v.t('effects.outflow.domains.active')]}
          rows={domains.map((d) => [d.key, d.nameNl, d.nameEn, d.active ? v.t('effects.yes') : v.t('effects.no')])}
        />
        <H2 id="wijzigen">{v.t('effects.outflow.domains.add')}</H2>
        <form method="post" action="/effecten/leefgebieden" class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          <TextField name="key" label={v.t('effects.outflow.domains.key')} description={v.t('effects.outflow.domains.addHint')} value={str(values, 'key')} errors={errors} required />
          <TextField name="nameNl" label={v.t('effects.outflow.domains.nameNl')} value={str(values, 'nameNl')} errors={errors} required />
          <TextField name="nameEn" label={v.t('effects.outflow.domains.nameEn')} value={str(values, 'nameEn')} errors={errors} required />
          <Checkboxes name="active" label={v.t('effects.outflow.domains.active')} values={Object.keys(values).length === 0 || list(values, 'active').includes('1') ? ['1'] : []} options={[{ value: '1', label: v.t('effects.outflow.domains.active') }]} />
          <Submit>{v.t('effects.outflow.domains.save')}</Submit>
        </form>
      </Layout>,
      errors.length ? 400 : 200,
    );
  };
  app.get('/effecten/leefgebieden', (c) => domainsPage(c, {}, []));
  app.post('/effecten/leefgebieden', async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await saveDomain(c.get('ctx'), { key: str(b, 'key'), nameNl: str(b, 'nameNl'), nameEn: str(b, 'nameEn'), active: list(b, 'active').includes('1') });
      return c.redirect('/effecten/leefgebieden?opgeslagen=1', 303);
    } catch (err) {
      return domainsPage(c, b, formErrors(err, v.lang, { key: v.t('effects.outflow.domains.key'), nameNl: v.t('effects.outflow.domains.nameNl'), nameEn: v.t('effects.outflow.domains.nameEn') }));
    }
  });
}
