/** @jsxImportSource hono/jsx */
// The forms that change a plan: add/change/remove a choice, add/change/remove an organisation's entry with its reach
// rows. Each asks why (the reason is kept in the plan's history). Without JavaScript the entry form has a fixed number
// of reach rows and a "more rows" button that shows the form again with more.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, Alert, ErrorSummary, TextField, TextArea, Select, Checkboxes, Csrf, Submit, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { notFound, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { listActivitySummaries } from '../catalogue/service.ts';
import { addChoice, getPlan, removeChoice, removeEntry, saveEntry, updateChoice, type PlanView } from './plans.ts';
import { namesFor, planPath, subGoalLabel, tk, type Names } from './plan-views.tsx';
import { PLAN, planCrumbs } from './plan-pages.tsx';
import { ID as UUID } from './policy.ts';

const ID = `:id{${UUID}}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = Context<AppEnv, any, any>;
const ROWS = 3;
const planOf = (c: Ctx) => getPlan(c.get('ctx'), String(c.req.param('slug')), Number(c.req.param('year')));
/** Errors about one item of a list ("subGoals.0") point at the list's fieldset. */
const onLists = (errors: FieldError[]) => errors.map((f) => (/^(subGoals|principles)\.\d+$/.test(f.field) ? { ...f, field: f.field.replace(/\.\d+$/, '') } : f));

const Reason = ({ v, body, errors }: { v: View; body: FormBody; errors: FieldError[] }) => (
  <TextArea name="reason" label={`${tk(v, 'reach.plan.field.reason')} *`} description={tk(v, 'reach.plan.reasonHint')} value={str(body, 'reason')} errors={errors} rows={2} />
);

const Actions = ({ v, plan, label }: { v: View; plan: PlanView; label: string }) => (
  <div class="sb-actions">
    <Submit>{label}</Submit>
    <a class="utrecht-link" href={planPath(plan)}>
      {tk(v, 'reach.plan.cancel')}
    </a>
  </div>
);

const page = (v: View, plan: PlanView, title: string, body: Child) => (
  <Layout v={v} title={title}>
    <Breadcrumbs v={v} items={planCrumbs(v, plan)} />
    <H1>{title}</H1>
    {body}
  </Layout>
);

// ------------------------------------------------------------------ choices

async function choiceForm(ctx: ServiceContext, v: View, plan: PlanView, action: string, body: FormBody, errors: FieldError[], title: string) {
  const activities = await listActivitySummaries(ctx, { theme: plan.themeSlug });
  return page(
    v,
    plan,
    title,
    <form method="post" action={action} novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <Select name="subGoal" label={`${tk(v, 'reach.plan.field.subGoal')} *`} value={str(body, 'subGoal')} errors={errors} options={plan.subGoals.map((s) => ({ value: s.key, label: subGoalLabel(plan, s.key) }))} />
      <Select
        name="activityId"
        label={tk(v, 'reach.plan.field.activity')}
        description={tk(v, 'reach.choice.activityHint')}
        value={str(body, 'activityId')}
        errors={errors}
        options={[{ value: '', label: tk(v, 'reach.choice.chooseActivity') }, ...activities.map((a) => ({ value: a.id, label: a.title }))]}
      />
      <TextField name="activityKind" label={tk(v, 'reach.plan.field.activityKind')} value={str(body, 'activityKind')} errors={errors} autocomplete="off" />
      <TextArea name="indicators" label={`${tk(v, 'reach.plan.field.indicators')} *`} value={str(body, 'indicators')} errors={errors} rows={3} />
      <TextArea name="method" label={`${tk(v, 'reach.plan.field.method')} *`} value={str(body, 'method')} errors={errors} rows={3} />
      <Reason v={v} body={body} errors={errors} />
      <Actions v={v} plan={plan} label={tk(v, 'reach.plan.save')} />
    </form>,
  );
}

const choiceInputOf = (b: FormBody) => ({ subGoal: str(b, 'subGoal'), activityId: str(b, 'activityId') || null, activityKind: str(b, 'activityKind'), indicators: str(b, 'indicators'), method: str(b, 'method'), reason: str(b, 'reason') });

// ------------------------------------------------------------------ entries

function entryForm(v: View, plan: PlanView, names: Names, opts: { action: string; body: FormBody; errors: FieldError[]; title: string; organisations: { id: string; name: string }[] | null; activityId?: string }) {
  const { body: b, errors } = opts;
  const rows = Math.max(ROWS, Number(str(b, 'rijen')) || 0);
  return page(
    v,
    plan,
    opts.title,
    <form method="post" action={opts.action} novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      {opts.activityId && <input type="hidden" name="activityId" value={opts.activityId} />}
      <input type="hidden" name="rijen" value={String(rows)} />
      {opts.organisations && (
        <Select name="organisationId" label={`${tk(v, 'reach.plan.field.organisation')} *`} value={str(b, 'organisationId')} errors={errors} options={[{ value: '', label: tk(v, 'reach.entry.chooseOrganisation') }, ...opts.organisations.map((o) => ({ value: o.id, label: o.name }))]} />
      )}
      <TextField name="plannedSessions" label={`${tk(v, 'reach.plan.field.plannedSessions')} *`} value={str(b, 'plannedSessions')} errors={errors} autocomplete="off" />
      <TextField name="plannedHours" label={`${tk(v, 'reach.plan.field.plannedHours')} *`} value={str(b, 'plannedHours')} errors={errors} autocomplete="off" />
      <Checkboxes name="subGoals" label={tk(v, 'reach.plan.field.subGoals')} values={list(b, 'subGoals')} errors={errors} options={plan.subGoals.map((s) => ({ value: s.key, label: subGoalLabel(plan, s.key) }))} />
      {plan.principlesOfTheme.length > 0 && <Checkboxes name="principles" label={tk(v, 'reach.plan.field.principles')} values={list(b, 'principles')} errors={errors} options={plan.principlesOfTheme.map((p) => ({ value: p.key, label: p.text }))} />}
      <fieldset class="utrecht-form-fieldset" id="veld-targets">
        <legend class="utrecht-form-fieldset__legend">{tk(v, 'reach.plan.field.targets')}</legend>
        <div class="utrecht-form-field-description">{tk(v, 'reach.entry.targetsIntro')}</div>
        {Array.from({ length: rows }, (_, i) => (
          <fieldset class="utrecht-form-fieldset sb-target-row" id={`veld-targets-${i}`}>
            <legend class="utrecht-form-fieldset__legend">{tk(v, 'reach.entry.row', { n: i + 1 })}</legend>
            <Select name={`targets.${i}.targetGroup`} label={tk(v, 'reach.plan.field.targetGroup')} value={str(b, `targets.${i}.targetGroup`)} errors={errors} options={[{ value: '', label: tk(v, 'reach.entry.allGroups') }, ...names.targetGroups.map((g) => ({ value: g.key, label: g.name }))]} />
            <Select name={`targets.${i}.district`} label={tk(v, 'reach.plan.field.district')} value={str(b, `targets.${i}.district`)} errors={errors} options={[{ value: '', label: tk(v, 'reach.entry.wholeCity') }, ...names.districts.map((d) => ({ value: d.code, label: d.name }))]} />
            <TextField name={`targets.${i}.plannedResidents`} label={tk(v, 'reach.plan.field.plannedResidents')} value={str(b, `targets.${i}.plannedResidents`)} errors={errors} autocomplete="off" />
          </fieldset>
        ))}
        <Submit name="meer" value="1" secondary>
          {tk(v, 'reach.entry.moreRows')}
        </Submit>
      </fieldset>
      <Reason v={v} body={b} errors={errors} />
      <Actions v={v} plan={plan} label={tk(v, 'reach.plan.save')} />
    </form>,
  );
}

/** The entry input of a form, and for each reach row of the input the number of its row on the form. */
function entryInputOf(b: FormBody, activityId: string) {
  const rows = Math.max(ROWS, Number(str(b, 'rijen')) || 0);
  const formRow: number[] = [];
  const targets = [];
  for (let i = 0; i < Math.min(rows, 200); i++) {
    const [targetGroup, district, n] = ['targetGroup', 'district', 'plannedResidents'].map((k) => str(b, `targets.${i}.${k}`).trim());
    if (!targetGroup && !district && !n) continue;
    formRow.push(i);
    targets.push({ targetGroup, district, plannedResidents: n === '' ? undefined : n });
  }
  const num = (k: string) => (str(b, k).trim() === '' ? undefined : str(b, k).trim().replace(',', '.'));
  return {
    formRow,
    input: { activityId, organisationId: str(b, 'organisationId') || null, plannedSessions: num('plannedSessions'), plannedHours: num('plannedHours'), subGoals: list(b, 'subGoals'), principles: list(b, 'principles'), targets, reason: str(b, 'reason') },
  };
}

/** Errors on reach row n of the input → row formRow[n] of the form. */
const onRows = (errors: FieldError[], formRow: number[]) =>
  onLists(errors).map((f) => {
    const m = /^targets\.(\d+)(\..*)?$/.exec(f.field);
    if (!m) return f;
    const row = formRow[Number(m[1])] ?? 0;
    return { ...f, field: m[2] ? `targets.${row}${m[2]}` : `targets.${row}.plannedResidents` };
  });

const entryBody = (e: PlanView['entries'][number]): FormBody => ({
  plannedSessions: String(e.plannedSessions),
  plannedHours: String(e.plannedHours),
  subGoals: e.subGoals,
  principles: e.principles,
  rijen: String(Math.max(ROWS, e.targets.length + 1)),
  ...Object.fromEntries(e.targets.flatMap((t, i) => [[`targets.${i}.targetGroup`, t.targetGroup], [`targets.${i}.district`, t.district], [`targets.${i}.plannedResidents`, String(t.plannedResidents)]])),
});

// ------------------------------------------------------------------ routes

export function registerPlanForms(app: OpenAPIHono<AppEnv>) {
  // choices
  app.get(`${PLAN}/keuzes/nieuw`, async (c) => {
    const plan = await planOf(c);
    return c.html(await choiceForm(c.get('ctx'), viewOf(c), plan, `${planPath(plan)}/keuzes/nieuw`, { subGoal: c.req.query('subdoel') ?? '' }, [], tk(viewOf(c), 'reach.choice.newTitle')));
  });
  const choiceOf = (plan: PlanView, id: string) => plan.choices.find((x) => x.id === id) ?? (() => { throw notFound(); })();
  app.get(`${PLAN}/keuzes/${ID}`, async (c) => {
    const plan = await planOf(c);
    const ch = choiceOf(plan, c.req.param('id'));
    const body = { subGoal: ch.subGoal, activityId: ch.activityId ?? '', activityKind: ch.activityKind, indicators: ch.indicators, method: ch.method };
    return c.html(await choiceForm(c.get('ctx'), viewOf(c), plan, `${planPath(plan)}/keuzes/${ch.id}`, body, [], tk(viewOf(c), 'reach.choice.editTitle')));
  });
  const saveChoice = async (c: Ctx, id: string | null) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const plan = await planOf(c);
    const body = await readForm(c);
    try {
      const saved = id ? await updateChoice(ctx, plan.themeSlug, plan.year, id, choiceInputOf(body)) : await addChoice(ctx, plan.themeSlug, plan.year, choiceInputOf(body));
      return c.redirect(`${planPath(saved)}?opgeslagen=1`, 303);
    } catch (err) {
      const action = id ? `${planPath(plan)}/keuzes/${id}` : `${planPath(plan)}/keuzes/nieuw`;
      return c.html(await choiceForm(ctx, v, plan, action, body, formErrors(err, v.lang), tk(v, id ? 'reach.choice.editTitle' : 'reach.choice.newTitle')), 400);
    }
  };
  app.post(`${PLAN}/keuzes/nieuw`, (c) => saveChoice(c, null));
  app.post(`${PLAN}/keuzes/${ID}`, async (c) => saveChoice(c, choiceOf(await planOf(c), c.req.param('id')).id));

  // entries
  // Administrators choose for which of the delivering organisations they plan; partner staff plan for their own.
  const orgChoices = (ctx: ServiceContext, plan: PlanView, activityId: string) => (hasRole(ctx.actor, 'administrator') ? (plan.subGoals.flatMap((s) => s.choices).find((x) => x.activityId === activityId)?.deliveredBy ?? []) : null);
  const entryOf = (plan: PlanView, id: string) => plan.entries.find((x) => x.id === id) ?? (() => { throw notFound(); })();
  app.get(`${PLAN}/regels/nieuw`, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const plan = await planOf(c);
    const activityId = c.req.query('activiteit') ?? '';
    const ch = plan.choices.find((x) => x.activityId === activityId);
    if (!ch) throw notFound();
    const title = tk(v, 'reach.entry.newTitle', { activity: ch.activityTitle });
    return c.html(entryForm(v, plan, await namesFor(ctx, v), { action: `${planPath(plan)}/regels/nieuw?activiteit=${activityId}`, body: {}, errors: [], title, organisations: orgChoices(ctx, plan, activityId), activityId }));
  });
  app.get(`${PLAN}/regels/${ID}`, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const plan = await planOf(c);
    const e = entryOf(plan, c.req.param('id'));
    const title = tk(v, 'reach.entry.editTitle', { organisation: e.organisationName, activity: e.activityTitle });
    return c.html(entryForm(v, plan, await namesFor(ctx, v), { action: `${planPath(plan)}/regels/${e.id}`, body: entryBody(e), errors: [], title, organisations: null }));
  });
  const saveEntryForm = async (c: Ctx, existing: PlanView['entries'][number] | null) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const plan = await planOf(c);
    const body = await readForm(c);
    const activityId = existing?.activityId ?? str(body, 'activityId');
    const title = existing ? tk(v, 'reach.entry.editTitle', { organisation: existing.organisationName, activity: existing.activityTitle }) : tk(v, 'reach.entry.newTitle', { activity: plan.choices.find((x) => x.activityId === activityId)?.activityTitle ?? '' });
    const action = existing ? `${planPath(plan)}/regels/${existing.id}` : `${planPath(plan)}/regels/nieuw?activiteit=${encodeURIComponent(activityId)}`;
    const form = { action, title, organisations: existing ? null : orgChoices(ctx, plan, activityId), activityId: existing ? undefined : activityId };
    const names = await namesFor(ctx, v);
    if (str(body, 'meer')) return c.html(entryForm(v, plan, names, { ...form, body: { ...body, rijen: String(Math.max(ROWS, Number(str(body, 'rijen')) || 0) + ROWS) }, errors: [] }));
    const { input, formRow } = entryInputOf(body, activityId);
    try {
      const saved = await saveEntry(ctx, plan.themeSlug, plan.year, input as Parameters<typeof saveEntry>[3], existing?.id);
      return c.redirect(`${planPath(saved)}?opgeslagen=1`, 303);
    } catch (err) {
      return c.html(entryForm(v, plan, names, { ...form, body, errors: onRows(formErrors(err, v.lang), formRow) }), 400);
    }
  };
  app.post(`${PLAN}/regels/nieuw`, (c) => saveEntryForm(c, null));
  app.post(`${PLAN}/regels/${ID}`, async (c) => saveEntryForm(c, entryOf(await planOf(c), c.req.param('id'))));

  // removing (a confirmation page with the reason, then the change)
  const removePage = (v: View, plan: PlanView, title: string, text: string, action: string, body: FormBody, errors: FieldError[]) =>
    page(
      v,
      plan,
      title,
      <form method="post" action={action} novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        <Alert type="warning">{text}</Alert>
        <Reason v={v} body={body} errors={errors} />
        <Actions v={v} plan={plan} label={tk(v, 'reach.plan.remove')} />
      </form>,
    );
  const choiceTexts = (v: View, plan: PlanView, id: string) => {
    const ch = choiceOf(plan, id);
    return { ch, title: `${tk(v, 'reach.choice.removeTitle')}: ${ch.activityTitle || ch.activityKind}`, text: tk(v, 'reach.choice.removeText'), action: `${planPath(plan)}/keuzes/${ch.id}/weghalen` };
  };
  const entryTexts = (v: View, plan: PlanView, id: string) => {
    const e = entryOf(plan, id);
    return { e, title: tk(v, 'reach.entry.removeTitle'), text: tk(v, 'reach.entry.removeText', { organisation: e.organisationName, activity: e.activityTitle }), action: `${planPath(plan)}/regels/${e.id}/weghalen` };
  };
  app.get(`${PLAN}/keuzes/${ID}/weghalen`, async (c) => {
    const v = viewOf(c);
    const plan = await planOf(c);
    const t = choiceTexts(v, plan, c.req.param('id'));
    return c.html(removePage(v, plan, t.title, t.text, t.action, {}, []));
  });
  app.get(`${PLAN}/regels/${ID}/weghalen`, async (c) => {
    const v = viewOf(c);
    const plan = await planOf(c);
    const t = entryTexts(v, plan, c.req.param('id'));
    return c.html(removePage(v, plan, t.title, t.text, t.action, {}, []));
  });
  for (const kind of ['keuzes', 'regels'] as const) {
    app.post(`${PLAN}/${kind}/${ID}/weghalen`, async (c) => {
      const ctx = c.get('ctx');
      const v = viewOf(c);
      const plan = await planOf(c);
      const body = await readForm(c);
      const t = kind === 'keuzes' ? choiceTexts(v, plan, c.req.param('id')) : entryTexts(v, plan, c.req.param('id'));
      try {
        const saved = kind === 'keuzes' ? await removeChoice(ctx, plan.themeSlug, plan.year, c.req.param('id'), { reason: str(body, 'reason') }) : await removeEntry(ctx, plan.themeSlug, plan.year, c.req.param('id'), { reason: str(body, 'reason') });
        return c.redirect(`${planPath(saved)}?opgeslagen=1`, 303);
      } catch (err) {
        return c.html(removePage(v, plan, t.title, t.text, t.action, body, formErrors(err, v.lang)), 400);
      }
    });
  }
}
