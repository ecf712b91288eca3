/** @jsxImportSource hono/jsx */
// Answering pages: the public link `/enquete/:id` (anonymous, one-time submission token), the kiosk
// `/enquete/:id/kiosk` (needs the kiosk cookie a staff member set on the tablet; resets after each response), and
// the staff pages to enter a paper form and to see and remove consents for follow-up.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, P, Alert, Csrf, TextField, Select, Table, Breadcrumbs, type View } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { listDistricts, listTargetGroups } from '../framework/service.ts';
import { getSurvey } from './survey-service.ts';
import { getPublicSurvey, issueSubmissionToken, submitResponse, startKiosk, kioskOf, endKiosk, listConsents, deleteConsent } from './survey-answer.ts';
import { AnswerForm, SurveyStyles, answersFromForm, inLang, surveyTitle } from './survey-views.tsx';
import { KIOSK_HOURS, type SurveyFull } from './survey-types.ts';
import { ID } from './policy.ts';

const SID = `:id{${ID}}`;
const KIOSK_COOKIE = 'sb_kiosk';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Context<AppEnv, any, any>;

/** Context keys the public link may carry: ?activiteit=…&thema=…&stadsdeel=…&doelgroep=… */
const contextFields = ['activiteit', 'thema', 'stadsdeel', 'doelgroep'] as const;
const contextOf = (b: Record<string, string | string[] | undefined>) => {
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : null) || null;
  return { activityId: s('activiteit'), themeSlug: s('thema'), districtCode: s('stadsdeel'), targetGroup: s('doelgroep') };
};

const Intro = ({ v, survey }: { v: View; survey: SurveyFull }) => (
  <>
    <H1>{surveyTitle(v, survey)}</H1>
    {inLang(v, survey.introNl, survey.introEn) && <p class="utrecht-paragraph sb-pre-line">{inLang(v, survey.introNl, survey.introEn)}</p>}
  </>
);

const Consent = ({ v, values }: { v: View; values: FormBody }) => (
  <section aria-labelledby="toestemming-titel">
    <h2 class="utrecht-heading-2" id="toestemming-titel">
      {v.t('effects.answer.consent.title')}
    </h2>
    <P>{v.t('effects.answer.consent.explain')}</P>
    <TextField name="consent.contact" label={v.t('effects.answer.consent.contact')} value={str(values, 'consent.contact')} autocomplete="email" />
    <TextField name="consent.name" label={v.t('effects.answer.consent.name')} value={str(values, 'consent.name')} autocomplete="name" />
  </section>
);

export function registerSurveyPublicPages(app: OpenAPIHono<AppEnv>) {
  const page = (c: C, title: string, body: unknown, status: 200 | 400 | 403 | 409 = 200) => {
    const v = viewOf(c);
    return c.html(
      <Layout v={v} title={title}>
        <SurveyStyles />
        {body as never}
      </Layout>,
      status,
    );
  };

  const publicForm = async (c: C, survey: SurveyFull, values: FormBody, errors: FieldError[], token: string, alert?: string, status: 200 | 400 | 409 = 200) => {
    const v = viewOf(c);
    const hidden: Record<string, string> = { token };
    for (const k of contextFields) if (str(values, k)) hidden[k] = str(values, k);
    return page(
      c,
      surveyTitle(v, survey),
      <>
        <Intro v={v} survey={survey} />
        {alert && <Alert type="warning">{alert}</Alert>}
        <P>{v.t('effects.answer.anonymous')}</P>
        <AnswerForm v={v} survey={survey} action={`/enquete/${survey.id}`} values={values} errors={errors} hidden={hidden} after={survey.audience === 'resident' || survey.audience === 'professional' ? <Consent v={v} values={values} /> : undefined} />
      </>,
      status,
    );
  };

  const closed = (c: C, survey: SurveyFull) => page(c, surveyTitle(viewOf(c), survey), <><Intro v={viewOf(c)} survey={survey} /><Alert type="info">{viewOf(c).t('effects.answer.closed')}</Alert></>, 409);

  app.get(`/enquete/${SID}`, async (c) => {
    const ctx = c.get('ctx');
    const { survey, open } = await getPublicSurvey(ctx, c.req.param('id'));
    if (!open) return closed(c, survey);
    const { token } = await issueSubmissionToken(ctx, survey.id);
    const q = c.req.query();
    const values: FormBody = Object.fromEntries(contextFields.filter((k) => q[k]).map((k) => [k, q[k].slice(0, 100)]));
    return publicForm(c, survey, values, [], token);
  });

  app.post(`/enquete/${SID}`, async (c) => {
    const ctx = c.get('ctx');
    const v = viewOf(c);
    const { survey, open } = await getPublicSurvey(ctx, c.req.param('id'));
    if (!open) return closed(c, survey);
    const body = await readForm(c);
    try {
      await submitResponse(ctx, survey.id, 'public', {
        token: str(body, 'token'),
        answers: answersFromForm(survey.questions, body),
        context: contextOf(body as Record<string, string>),
        consent: { contact: str(body, 'consent.contact'), name: str(body, 'consent.name') },
      });
      return c.redirect(`/enquete/${survey.id}/bedankt`, 303);
    } catch (err) {
      if (err instanceof AppError && err.messageKey === 'effects.answer.alreadySent')
        return page(c, v.t('effects.answer.alreadySent'), <><Intro v={v} survey={survey} /><Alert type="info">{v.t('effects.answer.alreadySent')}</Alert></>, 409);
      if (err instanceof AppError && err.messageKey === 'effects.answer.tokenExpired') {
        const { token } = await issueSubmissionToken(ctx, survey.id);
        return publicForm(c, survey, body, [], token, v.t('effects.answer.tokenExpired'), 409);
      }
      return publicForm(c, survey, body, formErrors(err, v.lang), str(body, 'token'), undefined, 400);
    }
  });

  app.get(`/enquete/${SID}/bedankt`, async (c) => {
    const v = viewOf(c);
    const { survey } = await getPublicSurvey(c.get('ctx'), c.req.param('id'));
    return page(c, v.t('effects.answer.thanks.title'), <><H1>{v.t('effects.answer.thanks.title')}</H1><Alert type="ok">{v.t('effects.answer.thanks.text')}</Alert><P>{surveyTitle(v, survey)}</P></>);
  });

  // ---------------------------------------------------------------- kiosk

  const kioskPath = (id: string) => `/enquete/${id}/kiosk`;
  const kioskForm = (c: C, survey: SurveyFull, values: FormBody, errors: FieldError[], thanks: boolean, status: 200 | 400 = 200) => {
    const v = viewOf(c);
    return page(
      c,
      v.t('effects.kiosk.title', { title: surveyTitle(v, survey) }),
      <>
        {thanks && (
          <Alert type="ok">
            {v.t('effects.answer.thanks.text')} {v.t('effects.answer.kioskNext')}
          </Alert>
        )}
        <Intro v={v} survey={survey} />
        <P>{v.t('effects.answer.anonymous')}</P>
        <AnswerForm v={v} survey={survey} action={kioskPath(survey.id)} values={values} errors={errors} />
        <form method="post" action={`${kioskPath(survey.id)}/stoppen`} class="sb-actions">
          <Csrf v={v} />
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {v.t('effects.kiosk.stop')}
          </button>
        </form>
      </>,
      status,
    );
  };
  const requireKiosk = async (c: C) => {
    const ctx = c.get('ctx');
    const { survey } = await getPublicSurvey(ctx, c.req.param('id') ?? '');
    const kiosk = await kioskOf(ctx, survey.id, getCookie(c, KIOSK_COOKIE));
    return { survey, kiosk };
  };
  const notStarted = (c: C) => page(c, viewOf(c).t('effects.kiosk.notStarted'), <><H1>{viewOf(c).t('effects.kiosk.notStarted')}</H1></>, 403);

  app.get(`/enquete/${SID}/kiosk`, async (c) => {
    const { survey, kiosk } = await requireKiosk(c);
    if (!kiosk) return notStarted(c);
    return kioskForm(c, survey, {}, [], c.req.query('bedankt') === '1');
  });
  app.post(`/enquete/${SID}/kiosk`, async (c) => {
    const { survey, kiosk } = await requireKiosk(c);
    if (!kiosk) return notStarted(c);
    const body = await readForm(c);
    try {
      await submitResponse(c.get('ctx'), survey.id, 'kiosk', { kioskToken: getCookie(c, KIOSK_COOKIE), answers: answersFromForm(survey.questions, body) });
      return c.redirect(`${kioskPath(survey.id)}?bedankt=1`, 303);
    } catch (err) {
      return kioskForm(c, survey, body, formErrors(err, viewOf(c).lang), false, 400);
    }
  });
  app.post(`/enquete/${SID}/kiosk/stoppen`, async (c) => {
    const id = c.req.param('id');
    await endKiosk(c.get('ctx'), id, getCookie(c, KIOSK_COOKIE));
    deleteCookie(c, KIOSK_COOKIE, { path: kioskPath(id) });
    return page(c, viewOf(c).t('effects.kiosk.stopped'), <><H1>{viewOf(c).t('effects.kiosk.stopped')}</H1></>);
  });
  // A staff member starts the kiosk on the tablet: the cookie holds for this survey's kiosk path only.
  app.post(`/effecten/enquetes/${SID}/kiosk`, async (c) => {
    const id = c.req.param('id');
    const { token } = await startKiosk(c.get('ctx'), id);
    setCookie(c, KIOSK_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure: c.get('deps').config.PUBLIC_URL.startsWith('https://'), path: kioskPath(id), maxAge: KIOSK_HOURS * 3600 });
    return c.redirect(kioskPath(id), 303);
  });

  // ---------------------------------------------------------------- paper forms

  const paperForm = async (c: C, survey: SurveyFull, values: FormBody, errors: FieldError[], saved: boolean, status: 200 | 400 = 200) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [districts, groups] = await Promise.all([listDistricts(ctx), listTargetGroups(ctx)]);
    const none = { value: '', label: v.t('effects.context.none') };
    const title = v.t('effects.paper.title', { title: surveyTitle(v, survey) });
    return page(
      c,
      title,
      <>
        <Breadcrumbs v={v} items={[{ href: '/effecten/enquetes', label: v.t('effects.survey.list.title') }, { href: `/effecten/enquetes/${survey.id}`, label: surveyTitle(v, survey) }]} />
        <H1>{title}</H1>
        {saved && <Alert type="ok">{v.t('effects.paper.saved')}</Alert>}
        <P>{v.t('effects.paper.intro')}</P>
        <AnswerForm
          v={v}
          survey={survey}
          action={`/effecten/enquetes/${survey.id}/papier`}
          values={values}
          errors={errors}
          before={
            <div class="sb-form">
              <TextField name="answeredOn" type="date" label={`${v.t('effects.paper.answeredOn')} *`} value={str(values, 'answeredOn')} errors={errors} />
              <Select name="stadsdeel" label={v.t('effects.context.district')} value={str(values, 'stadsdeel')} options={[none, ...districts.map((d) => ({ value: d.code, label: d.name }))]} />
              <Select name="doelgroep" label={v.t('effects.context.targetGroup')} value={str(values, 'doelgroep')} options={[none, ...groups.map((g) => ({ value: g.key, label: g.name[v.lang] }))]} />
            </div>
          }
        />
      </>,
      status,
    );
  };
  app.get(`/effecten/enquetes/${SID}/papier`, async (c) => {
    const survey = await getSurvey(c.get('ctx'), c.req.param('id'));
    return paperForm(c, survey, { answeredOn: c.get('ctx').now().toISOString().slice(0, 10) }, [], c.req.query('opgeslagen') === '1');
  });
  app.post(`/effecten/enquetes/${SID}/papier`, async (c) => {
    const ctx = c.get('ctx');
    const survey = await getSurvey(ctx, c.req.param('id'));
    const body = await readForm(c);
    try {
      await submitResponse(ctx, survey.id, 'paper', { answeredOn: str(body, 'answeredOn'), answers: answersFromForm(survey.questions, body), context: contextOf(body as Record<string, string>) });
      return c.redirect(`/effecten/enquetes/${survey.id}/papier?opgeslagen=1`, 303);
    } catch (err) {
      return paperForm(c, survey, body, formErrors(err, viewOf(c).lang), false, 400);
    }
  });

  // ---------------------------------------------------------------- consents

  app.get(`/effecten/enquetes/${SID}/toestemming`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const survey = await getSurvey(ctx, c.req.param('id'));
    const consents = await listConsents(ctx, survey.id);
    const title = v.t('effects.consents.title', { title: surveyTitle(v, survey) });
    return page(
      c,
      title,
      <>
        <Breadcrumbs v={v} items={[{ href: '/effecten/enquetes', label: v.t('effects.survey.list.title') }, { href: `/effecten/enquetes/${survey.id}`, label: surveyTitle(v, survey) }]} />
        <H1>{title}</H1>
        {c.req.query('weg') === '1' && <Alert type="ok">{v.t('effects.consents.deleted')}</Alert>}
        <P>{v.t('effects.consents.intro')}</P>
        {consents.length === 0 ? (
          <P>{v.t('effects.consents.none')}</P>
        ) : (
          <Table
            caption={title}
            head={[v.t('effects.answer.consent.contact'), v.t('effects.answer.consent.name'), v.t('effects.consents.date'), v.t('effects.consents.delete')]}
            rows={consents.map((x) => [
              x.contact,
              x.name,
              x.givenOn,
              <form method="post" action={`/effecten/enquetes/${survey.id}/toestemming/${x.id}/weghalen`} class="sb-inline-form">
                <Csrf v={v} />
                <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${v.t('effects.consents.delete')}: ${x.contact}`}>
                  {v.t('effects.consents.delete')}
                </button>
              </form>,
            ])}
          />
        )}
      </>,
    );
  });
  app.post(`/effecten/enquetes/${SID}/toestemming/:cid{${ID}}/weghalen`, async (c) => {
    await deleteConsent(c.get('ctx'), c.req.param('id'), c.req.param('cid'));
    return c.redirect(`/effecten/enquetes/${c.req.param('id')}/toestemming?weg=1`, 303);
  });
}
