/** @jsxImportSource hono/jsx */
// Pages of the accountability plan: the module's landing (/verantwoording), one plan per theme and year, and its
// history. The forms to change a plan are in plan-forms.tsx. Every page works without JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, H3, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, Facts, UL, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listPeriods, listThemes } from '../framework/service.ts';
import { createPlan, getPlan, listPlanRevisions, listPlans, MAX_CHOICES_PER_SUB_GOAL, type PlanView } from './plans.ts';
import { diffSnapshots } from './plan-diff.ts';
import { dateTime, namesFor, planPath, principleLabel, subGoalLabel, Targets, targetsText, tk, type Names } from './plan-views.tsx';
import { planFieldLabels } from './plan-input.ts';

/** A plan's pages: theme slug and year (a year that is no number finds no plan: "not found"). */
export const PLAN = '/verantwoording/plannen/:slug/:year';

const crumbs = (v: View, plan?: PlanView) => [{ href: '/verantwoording', label: tk(v, 'reach.home.title') }, ...(plan ? [{ href: planPath(plan), label: tk(v, 'reach.plan.title', { theme: plan.themeName, year: plan.year }) }] : [])];
export const planCrumbs = crumbs;

// ------------------------------------------------------------------ landing

async function landing(ctx: ServiceContext, v: View, body: FormBody, errors: FieldError[]) {
  const [plans, themes, periods] = await Promise.all([listPlans(ctx), listThemes(ctx).catch(() => []), listPeriods(ctx)]);
  // The year offered: this year when it falls in a call period, else the last year of the latest period.
  const thisYear = ctx.now().getFullYear();
  const inPeriod = periods.some((p) => p.startYear <= thisYear && (p.endYear === null || thisYear <= p.endYear));
  const defaultYear = inPeriod || !periods.length ? thisYear : (periods[0].endYear ?? periods[0].startYear);
  const mayCreate = hasRole(ctx.actor, 'administrator', 'policy_advisor', 'partner_staff');
  return (
    <Layout v={v} title={tk(v, 'reach.home.title')}>
      <H1>{tk(v, 'reach.home.title')}</H1>
      <P>{tk(v, 'reach.home.intro')}</P>
      <H2>{tk(v, 'reach.home.levelsTitle')}</H2>
      <P>{tk(v, 'reach.home.levelsIntro')}</P>
      <UL items={[tk(v, 'reach.home.level1'), tk(v, 'reach.home.level2')]} />
      <P>{tk(v, 'reach.home.choices')}</P>
      <H2>{tk(v, 'reach.home.workTitle')}</H2>
      <UL
        items={[
          <A href="/verantwoording/bijeenkomsten">{tk(v, 'reach.home.sessions')}</A>,
          <A href="/verantwoording/import">{tk(v, 'reach.home.import')}</A>,
          <A href="/verantwoording/uitvoering">{tk(v, 'reach.home.delivery')}</A>,
          <A href="/verantwoording/bereik">{tk(v, 'reach.home.reach')}</A>,
        ]}
      />
      <H2>{tk(v, 'reach.home.plansTitle')}</H2>
      {plans.length ? (
        <Table
          caption={tk(v, 'reach.home.plansTitle')}
          head={[tk(v, 'reach.plan.field.theme'), tk(v, 'reach.plan.field.year'), tk(v, 'reach.plan.history')]}
          rows={plans.map((p) => [<A href={planPath(p)}>{p.themeName}</A>, String(p.year), <A href={`${planPath(p)}/geschiedenis`}>{tk(v, 'reach.home.version', { version: p.version })}</A>])}
        />
      ) : (
        <P>{tk(v, 'reach.home.noPlans')}</P>
      )}
      {mayCreate && (
        <>
          <H2 id="nieuw-plan">{tk(v, 'reach.home.newPlanTitle')}</H2>
          <P>{tk(v, 'reach.home.newPlanIntro')}</P>
          <form method="post" action="/verantwoording/plannen" novalidate>
            <Csrf v={v} />
            <ErrorSummary v={v} errors={errors} />
            <Select name="theme" label={`${tk(v, 'reach.plan.field.theme')} *`} value={str(body, 'theme')} errors={errors} options={[{ value: '', label: tk(v, 'reach.home.chooseTheme') }, ...themes.map((t) => ({ value: t.slug, label: t.name }))]} />
            <TextField name="year" label={`${tk(v, 'reach.plan.field.year')} *`} value={str(body, 'year') || String(defaultYear)} errors={errors} autocomplete="off" />
            <TextArea name="reason" label={`${tk(v, 'reach.plan.field.reason')} *`} description={tk(v, 'reach.plan.reasonHint')} value={str(body, 'reason')} errors={errors} rows={2} />
            <Submit>{tk(v, 'reach.home.create')}</Submit>
          </form>
        </>
      )}
    </Layout>
  );
}

// ------------------------------------------------------------------ one plan

const EntryTable = ({ v, plan, names, choice }: { v: View; plan: PlanView; names: Names; choice: PlanView['subGoals'][number]['choices'][number] }) => {
  const entries = plan.entries.filter((e) => e.activityId === choice.activityId);
  const mayEdit = (org: string) => plan.may.entriesFor === 'all' || plan.may.entriesFor.includes(org);
  if (!entries.length) return <P>{tk(v, 'reach.plan.noEntries')}</P>;
  return (
    <Table
      caption={tk(v, 'reach.plan.entriesCaption', { activity: choice.activityTitle })}
      id={`regels-${choice.id}`}
      head={[tk(v, 'reach.plan.field.organisation'), tk(v, 'reach.plan.field.plannedSessions'), tk(v, 'reach.plan.field.plannedHours'), tk(v, 'reach.plan.field.subGoals'), tk(v, 'reach.plan.field.principles'), tk(v, 'reach.plan.reach'), tk(v, 'reach.plan.actions')]}
      rows={entries.map((e) => [
        e.organisationName,
        String(e.plannedSessions),
        String(e.plannedHours).replace('.', v.lang === 'nl' ? ',' : '.'),
        e.subGoals.map((k) => subGoalLabel(plan, k)).join('; ') || '—',
        e.principles.map((k) => principleLabel(plan, k)).join('; ') || '—',
        <Targets v={v} names={names} targets={e.targets} />,
        mayEdit(e.organisationId) ? (
          <span class="sb-actions">
            <A href={`${planPath(plan)}/regels/${e.id}`}>{tk(v, 'reach.plan.change')}</A>
            <A href={`${planPath(plan)}/regels/${e.id}/weghalen`}>{tk(v, 'reach.plan.remove')}</A>
          </span>
        ) : (
          ''
        ),
      ])}
    />
  );
};

function planPage(v: View, plan: PlanView, names: Names, saved: string | undefined) {
  const own = v.actor?.organisationId ?? '';
  const mayAddEntry = (c: PlanView['choices'][number] & { deliveredBy: { id: string }[] }) =>
    !!c.activityId && (plan.may.entriesFor === 'all' ? true : plan.may.entriesFor.includes(own) && c.deliveredBy.some((o) => o.id === own) && !plan.entries.some((e) => e.activityId === c.activityId && e.organisationId === own));
  return (
    <Layout v={v} title={tk(v, 'reach.plan.title', { theme: plan.themeName, year: plan.year })}>
      <Breadcrumbs v={v} items={crumbs(v)} />
      <H1>{tk(v, 'reach.plan.title', { theme: plan.themeName, year: plan.year })}</H1>
      <p class="utrecht-paragraph sb-meta">{tk(v, 'reach.plan.meta', { period: plan.periodCode, version: plan.version, date: dateTime(v, plan.updatedAt) })}</p>
      {saved && <Alert type="ok">{tk(v, 'reach.plan.saved', { version: plan.version })}</Alert>}
      <Alert type="info">{tk(v, 'reach.plan.onlyThese', { max: MAX_CHOICES_PER_SUB_GOAL })}</Alert>
      <P>
        <A href={`${planPath(plan)}/geschiedenis`}>{tk(v, 'reach.plan.history')}</A>
      </P>
      {plan.subGoals.map((sg, i) => (
        <section>
          <H2 id={`subdoel-${i + 1}`}>{subGoalLabel(plan, sg.key)}</H2>
          {sg.choices.length === 0 && <P>{tk(v, 'reach.plan.noChoices')}</P>}
          {sg.choices.map((c) => (
            <article>
              <H3>{c.activityTitle || c.activityKind}</H3>
              <Facts
                items={[
                  ...(!c.activityId ? ([[tk(v, 'reach.plan.kind'), c.activityKind]] satisfies [string, string][]) : []),
                  [tk(v, 'reach.plan.field.indicators'), c.indicators],
                  [tk(v, 'reach.plan.field.method'), c.method],
                  ...(c.deliveredBy.length > 0 ? ([[tk(v, 'reach.plan.deliveredBy'), c.deliveredBy.map((o) => o.name).join(', ')]] satisfies [string, string][]) : []),
                ]}
              />
              {c.activityId && <EntryTable v={v} plan={plan} names={names} choice={c} />}
              <p class="utrecht-paragraph sb-actions">
                {mayAddEntry(c) && <A href={`${planPath(plan)}/regels/nieuw?activiteit=${c.activityId}`}>{tk(v, 'reach.plan.addEntry')}</A>}
                {(plan.may.editChoices || plan.may.addChoices) && <A href={`${planPath(plan)}/keuzes/${c.id}`}>{tk(v, 'reach.plan.changeChoice')}</A>}
                {(plan.may.editChoices || plan.may.addChoices) && <A href={`${planPath(plan)}/keuzes/${c.id}/weghalen`}>{tk(v, 'reach.plan.removeChoice')}</A>}
              </p>
            </article>
          ))}
          {plan.may.addChoices &&
            (sg.choices.length < MAX_CHOICES_PER_SUB_GOAL ? (
              <P>
                <A href={`${planPath(plan)}/keuzes/nieuw?subdoel=${encodeURIComponent(sg.key)}`}>{tk(v, 'reach.plan.addChoice')}</A>
              </P>
            ) : (
              <P>{tk(v, 'reach.plan.limitReached', { max: MAX_CHOICES_PER_SUB_GOAL })}</P>
            ))}
        </section>
      ))}
    </Layout>
  );
}

// ------------------------------------------------------------------ history

async function historyPage(ctx: ServiceContext, v: View, slug: string, year: number) {
  const [plan, revisions] = await Promise.all([getPlan(ctx, slug, year), listPlanRevisions(ctx, slug, year)]);
  const names = await namesFor(ctx, v);
  const labels = {
    subGoal: (k: string) => subGoalLabel(plan, k),
    field: (f: 'plannedSessions' | 'plannedHours' | 'subGoals' | 'principles' | 'targets' | 'indicators' | 'method' | 'activity') => tk(v, planFieldLabels[f === 'activity' ? 'activityId' : f]),
    targets: (t: Parameters<typeof targetsText>[2]) => targetsText(v, names, t),
    list: (keys: string[]) => keys.map((k) => (k.includes('/p') ? principleLabel(plan, k) : subGoalLabel(plan, k))).join(', ') || '—',
  };
  return (
    <Layout v={v} title={tk(v, 'reach.history.title', { theme: plan.themeName, year: plan.year })}>
      <Breadcrumbs v={v} items={crumbs(v, plan)} />
      <H1>{tk(v, 'reach.history.title', { theme: plan.themeName, year: plan.year })}</H1>
      {revisions.map((r, i) => {
        const lines = diffSnapshots(revisions[i + 1]?.snapshot ?? null, r.snapshot, labels);
        return (
          <section>
            <H2>{tk(v, 'reach.history.version', { version: r.version })}</H2>
            <p class="utrecht-paragraph sb-meta">{tk(v, 'reach.history.by', { name: r.actorName, date: dateTime(v, r.createdAt) })}</p>
            <P>
              <strong>{tk(v, 'reach.history.why')}:</strong> {r.reason}
            </P>
            <H3>{tk(v, 'reach.history.changes')}</H3>
            {lines.length ? <UL items={lines.map((l) => tk(v, l.key, l.params))} /> : <P>{tk(v, 'reach.history.noChanges')}</P>}
          </section>
        );
      })}
    </Layout>
  );
}

// ------------------------------------------------------------------ routes

export function registerPlanPages(app: OpenAPIHono<AppEnv>) {
  app.get('/verantwoording', async (c) => c.html(await landing(c.get('ctx'), viewOf(c), {}, [])));

  app.post('/verantwoording/plannen', async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const body = await readForm(c);
    try {
      const plan = await createPlan(ctx, { theme: str(body, 'theme'), year: str(body, 'year') as unknown as number, reason: str(body, 'reason') });
      return c.redirect(`${planPath(plan)}?opgeslagen=1`, 303);
    } catch (err) {
      return c.html(await landing(ctx, v, body, formErrors(err, v.lang)), 400);
    }
  });

  app.get(PLAN, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const plan = await getPlan(ctx, c.req.param('slug'), Number(c.req.param('year')));
    return c.html(planPage(v, plan, await namesFor(ctx, v), c.req.query('opgeslagen')));
  });

  app.get(`${PLAN}/geschiedenis`, async (c) => c.html(await historyPage(c.get('ctx'), viewOf(c), c.req.param('slug'), Number(c.req.param('year')))));
}
