/** @jsxImportSource hono/jsx */
// The short application, GOV.UK style: a start page, one question per page (the question is the page's heading and
// the field's label), "check your answers" with a change link per answer, then send. Plain forms and links: works
// without JavaScript; one column, so it fits a phone.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, Csrf, Submit, fieldId, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { getOwnApplication, saveAnswer, startApplication, submitApplication, applicationSteps, type ApplicationStep, type ApplicationView } from './applications.ts';
import { parseAmount, formatCents, centsForInput } from './money.ts';
import { fmtDate } from './ui.tsx';
import { APPLY_PATH, STEP_PATH } from './policy.ts';

const fieldOf: Record<ApplicationStep, 'whoWeAre' | 'whatWeDo' | 'forWhom' | 'requestedCents'> = { wie: 'whoWeAre', wat: 'whatWeDo', 'voor-wie': 'forWhom', bedrag: 'requestedCents' };
const base = (year: number) => `/fonds/${year}/aanvraag`;

/** The first question still unanswered, or the check page. */
function nextPath(year: number, a: ApplicationView): string {
  const open = applicationSteps.find((s) => (s === 'bedrag' ? !a.requestedCents : !a[fieldOf[s]]));
  return open ? `${base(year)}/${open}` : `${base(year)}/controleren`;
}

/** The year of the path; anything but four digits is not found. */
export function yearOf(c: Context<AppEnv>): number {
  const y = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(y)) throw notFound();
  return Number(y);
}
function stepOf(c: Context<AppEnv>): ApplicationStep {
  const s = c.req.param('step') as ApplicationStep;
  if (!applicationSteps.includes(s)) throw notFound();
  return s;
}

async function startPage(c: Context<AppEnv>, errors: FieldError[] = []) {
  const v = viewOf(c);
  const year = yearOf(c);
  const own = await getOwnApplication(c.get('ctx'), year);
  if (own.application && own.application.status !== 'draft') return c.redirect(`/fonds/aanvragen/${own.application.id}`, 303);
  const f = own.fund;
  return c.html(
    <Layout v={v} title={v.t('fund.apply.title', { year })}>
      <H1>{v.t('fund.apply.title', { year })}</H1>
      <ErrorSummary v={v} errors={errors} />
      <P>{v.t('fund.apply.intro', { organisation: own.organisation.name })}</P>
      <P>{v.t('fund.apply.questions')}</P>
      <ol class="utrecht-ordered-list">
        {applicationSteps.map((s) => (
          <li class="utrecht-ordered-list__item">{v.t(`fund.q.${s}`)}</li>
        ))}
      </ol>
      {own.guaranteedCents > 0 ? <Alert type="info">{v.t('fund.apply.guaranteed', { amount: formatCents(v.lang, own.guaranteedCents), year: year - 1 })}</Alert> : <P>{v.t('fund.apply.noGuarantee', { year: year - 1 })}</P>}
      <P>{v.t('fund.apply.when', { opens: fmtDate(v, f.opensOn), closes: fmtDate(v, f.closesOn), deadline: fmtDate(v, f.decisionDeadline) })}</P>
      {f.window !== 'open' && !own.application ? (
        <Alert type="warning">{f.window === 'before' ? v.t('fund.error.notYetOpen', { date: fmtDate(v, f.opensOn) }) : v.t('fund.error.windowClosed', { date: fmtDate(v, f.closesOn) })}</Alert>
      ) : own.application ? (
        <P>
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={nextPath(year, own.application)}>
            {v.t('fund.apply.continue')}
          </a>
        </P>
      ) : (
        <form method="post" action={base(year)}>
          <Csrf v={v} />
          <Submit>{v.t('fund.apply.start')}</Submit>
        </form>
      )}
    </Layout>,
    errors.length ? 409 : 200,
  );
}

async function questionPage(c: Context<AppEnv>, step: ApplicationStep, values: FormBody | null, errors: FieldError[]) {
  const v = viewOf(c);
  const year = yearOf(c);
  const own = await getOwnApplication(c.get('ctx'), year);
  const a = own.application;
  if (!a) return c.redirect(base(year), 303);
  if (a.status !== 'draft') return c.redirect(`/fonds/aanvragen/${a.id}`, 303);
  const index = applicationSteps.indexOf(step);
  const back = c.req.query('terug') === 'controleren' ? `${base(year)}/controleren` : index === 0 ? base(year) : `${base(year)}/${applicationSteps[index - 1]}`;
  const field = fieldOf[step];
  const id = fieldId(field);
  const err = errors.find((e) => e.field === field);
  const value = values ? str(values, field) : step === 'bedrag' ? centsForInput(a.requestedCents) : (a[field as 'whoWeAre'] ?? '');
  const hint = v.t(`fund.hint.${step}`);
  const described = [`${id}-hint`, err ? `${id}-fout` : ''].filter(Boolean).join(' ');
  const action = `${base(year)}/${step}${c.req.query('terug') === 'controleren' ? '?terug=controleren' : ''}`;
  return c.html(
    <Layout v={v} title={`${v.t(`fund.q.${step}`)} · ${v.t('fund.apply.title', { year })}`}>
      <P>
        <A href={back}>{v.t('fund.back')}</A>
      </P>
      <ErrorSummary v={v} errors={errors} />
      <form method="post" action={action} class="sb-form" novalidate>
        <Csrf v={v} />
        <div class={`utrecht-form-field${err ? ' utrecht-form-field--invalid' : ''}`}>
          <P>
            <span class="sb-meta">{v.t('fund.apply.stepOf', { n: index + 1, total: applicationSteps.length })}</span>
          </P>
          <h1 class="utrecht-heading-1">
            <label for={id}>
              {v.t(`fund.q.${step}`)}
            </label>
          </h1>
          <div class="utrecht-form-field-description" id={`${id}-hint`}>
            {hint}
          </div>
          {step === 'bedrag' && own.guaranteedCents > 0 && (
            <div class="utrecht-form-field-description">{v.t('fund.apply.guaranteedShort', { amount: formatCents(v.lang, own.guaranteedCents) })}</div>
          )}
          {err && (
            <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
              {err.message}
            </div>
          )}
          <div class="utrecht-form-field__input">
            {step === 'bedrag' ? (
              <input
                class={`utrecht-textbox utrecht-textbox--html-input${err ? ' utrecht-textbox--invalid' : ''}`}
                id={id}
                name={field}
                type="text"
                inputmode="decimal"
                autocomplete="off"
                value={value}
                aria-invalid={err ? 'true' : undefined}
                aria-describedby={described}
              />
            ) : (
              <textarea class={`utrecht-textarea utrecht-textarea--html-textarea${err ? ' utrecht-textarea--invalid' : ''}`} id={id} name={field} rows={5} aria-invalid={err ? 'true' : undefined} aria-describedby={described}>
                {value}
              </textarea>
            )}
          </div>
        </div>
        <div>
          <Submit>{v.t('fund.apply.next')}</Submit>
        </div>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function checkPage(c: Context<AppEnv>, errors: FieldError[]) {
  const v = viewOf(c);
  const year = yearOf(c);
  const own = await getOwnApplication(c.get('ctx'), year);
  const a = own.application;
  if (!a) return c.redirect(base(year), 303);
  if (a.status !== 'draft') return c.redirect(`/fonds/aanvragen/${a.id}`, 303);
  const answer = (s: ApplicationStep) => (s === 'bedrag' ? (a.requestedCents ? formatCents(v.lang, a.requestedCents) : '') : a[fieldOf[s] as 'whoWeAre']);
  return c.html(
    <Layout v={v} title={v.t('fund.check.title')}>
      <P>
        <A href={`${base(year)}/bedrag`}>{v.t('fund.back')}</A>
      </P>
      <H1>{v.t('fund.check.title')}</H1>
      <ErrorSummary v={v} errors={errors} />
      <P>{v.t('fund.check.intro', { organisation: own.organisation.name, year })}</P>
      <dl class="sb-check-answers">
        {applicationSteps.map((s) => (
          <div class="sb-card">
            <dt>
              <strong>{v.t(`fund.q.${s}`)}</strong>
            </dt>
            <dd class="sb-pre-line">{answer(s) || v.t('fund.check.unanswered')}</dd>
            <dd>
              <a class="utrecht-link" href={`${base(year)}/${s}?terug=controleren`}>
                {v.t('fund.check.change')}
                <span class="sb-visually-hidden">{` ${v.t(`fund.q.${s}`)}`}</span>
              </a>
            </dd>
          </div>
        ))}
      </dl>
      <H2>{v.t('fund.check.send')}</H2>
      <P>{v.t('fund.check.sendIntro', { deadline: fmtDate(v, own.fund.decisionDeadline) })}</P>
      <form method="post" action={`${base(year)}/versturen`}>
        <Csrf v={v} />
        <Submit>{v.t('fund.check.submit')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

const answerLabels = (v: View) => Object.fromEntries(applicationSteps.map((s) => [fieldOf[s], v.t(`fund.q.${s}`)]));

export function registerApplyPages(app: OpenAPIHono<AppEnv>) {
  app.get(APPLY_PATH, (c) => startPage(c));
  app.post(APPLY_PATH, async (c) => {
    const v = viewOf(c);
    try {
      const a = await startApplication(c.get('ctx'), yearOf(c));
      return c.redirect(nextPath(yearOf(c), a), 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return startPage(c, formErrors(err, v.lang));
      throw err;
    }
  });
  app.get(`${APPLY_PATH}/controleren`, (c) => checkPage(c, []));
  app.post(`${APPLY_PATH}/versturen`, async (c) => {
    const v = viewOf(c);
    try {
      const a = await submitApplication(c.get('ctx'), yearOf(c));
      return c.redirect(`/fonds/aanvragen/${a.id}?klaar=verstuurd`, 303);
    } catch (err) {
      return checkPage(c, formErrors(err, v.lang, answerLabels(v)));
    }
  });
  app.get(STEP_PATH, (c) => questionPage(c, stepOf(c), null, []));
  app.post(STEP_PATH, async (c) => {
    const v = viewOf(c);
    const year = yearOf(c);
    const step = stepOf(c);
    const b = await readForm(c);
    const field = fieldOf[step];
    try {
      let input: Record<string, string | number> = { [field]: str(b, field) };
      if (step === 'bedrag') {
        const parsed = parseAmount(str(b, field));
        if (!parsed.ok) throw new AppError('validation', 'error.validation', [{ field, message: `fund.error.amount.${parsed.reason}`, code: parsed.reason === 'negative' ? 'too_small' : 'invalid_format', label: 'fund.q.bedrag' }]);
        input = { requestedCents: parsed.cents };
      }
      await saveAnswer(c.get('ctx'), year, step, input);
      if (c.req.query('terug') === 'controleren') return c.redirect(`${base(year)}/controleren`, 303);
      const next = applicationSteps[applicationSteps.indexOf(step) + 1];
      return c.redirect(next ? `${base(year)}/${next}` : `${base(year)}/controleren`, 303);
    } catch (err) {
      return questionPage(c, step, b, formErrors(err, v.lang, answerLabels(v)));
    }
  });
}
