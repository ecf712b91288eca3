/** @jsxImportSource hono/jsx */
// Distribution of a survey: the poster (PDF with QR code), invitation lists with personal one-time links and the
// response rate, the personal answering page, and the `/effecten` landing page (accountability level 3).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextArea, Csrf, Table, Breadcrumbs, UL, type View, Submit } from '../../platform/ui/page.tsx';
import { readForm, str, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { AppError, type FieldError } from '../../platform/http/errors.ts';
import { getSurvey } from './survey-service.ts';
import { surveyPoster } from './result-poster.ts';
import { addInvitations, renewInvitationLinks, listInvitations, deleteInvitation, invitationSurvey, submitInvitationResponse, linksCsv, TOKEN_PATTERN, type IssuedLink } from './result-invite.ts';
import { AnswerForm, SurveyStyles, answersFromForm, surveyTitle, listCrumbs, inLang } from './survey-views.tsx';
import { ID } from './policy.ts';
import { localeOf, numberFormat } from '../../platform/i18n/intl.ts';

const SID = `:id{${ID}}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Context<AppEnv, any, any>;
const publicBase = (c: C) => c.get('deps').config.PUBLIC_URL.replace(/\/$/, '');
const inviteLink = (c: C, surveyId: string) => (token: string) => `${publicBase(c)}/enquete/${surveyId}/uitnodiging/${token}`;

/** The call §6, level 3 (transcribed from the source document). */
const LEVEL3_QUOTE = 'Niveau 3: het gewenste en gerealiseerde effect (direct gekoppeld aan de subdoelen en de wat werkt principes); welke effecten ervaren inwoners en welke effecten ervaren hulpverleners?';

export function registerDistributionPages(app: OpenAPIHono<AppEnv>) {
  // ---------------------------------------------------------------- landing page

  app.get('/effecten', (c) => {
    const v = viewOf(c);
    const link = (href: string, key: string, text: string) => (
      <>
        <A href={href}>{v.t(key as never)}</A>: {v.t(text as never)}
      </>
    );
    return c.html(
      <Layout v={v} title={v.t('effects.landing.title')}>
        <H1>{v.t('effects.landing.title')}</H1>
        <P>{v.t('effects.landing.intro')}</P>
        <figure>
          <blockquote class="utrecht-blockquote" lang="nl">
            <p class="utrecht-paragraph">{LEVEL3_QUOTE}</p>
          </blockquote>
          <figcaption class="utrecht-paragraph">{v.t('effects.landing.source')}</figcaption>
        </figure>
        <P>{v.t('effects.landing.countTell')}</P>
        <H2>{v.t('effects.landing.registers')}</H2>
        <UL
          items={[
            link('/effecten/enquetes', 'effects.landing.surveys', 'effects.landing.surveysText'),
            link('/effecten/trajecten', 'effects.landing.outflow', 'effects.landing.outflowText'),
            link('/effecten/verhalen', 'effects.landing.stories', 'effects.landing.storiesText'),
            link('/effecten/klachten', 'effects.landing.complaints', 'effects.landing.complaintsText'),
          ]}
        />
      </Layout>,
    );
  });

  // ---------------------------------------------------------------- poster

  app.get(`/effecten/enquetes/${SID}/poster.pdf`, async (c) => {
    const id = c.req.param('id');
    const pdf = await surveyPoster(c.get('ctx'), id, `${publicBase(c)}/enquete/${id}`, viewOf(c).lang);
    return c.body(new Uint8Array(pdf), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `inline; filename="poster-${id}.pdf"` });
  });

  // ---------------------------------------------------------------- invitation lists

  const invitePage = async (c: C, values: FormBody, errors: FieldError[], issued: IssuedLink[] | null, status: 200 | 400 = 200) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const id = c.req.param('id')!;
    const [s, list] = await Promise.all([getSurvey(ctx, id), listInvitations(ctx, id)]);
    const base = `/effecten/enquetes/${id}`;
    const title = v.t('effects.invite.title', { title: surveyTitle(v, s) });
    const linkOf = inviteLink(c, id);
    return c.html(
      <Layout v={v} title={title}>
        <SurveyStyles />
        <Breadcrumbs v={v} items={[...listCrumbs(v), { href: base, label: surveyTitle(v, s) }]} />
        <H1>{title}</H1>
        <P>{v.t('effects.invite.intro')}</P>
        <Alert type="info">{v.t('effects.invite.privacy')}</Alert>
        {c.req.query('weg') && <Alert type="ok">{v.t('effects.invite.deleted')}</Alert>}
        {issued && (
          <section aria-labelledby="nieuwe-links">
            <H2 id="nieuwe-links">{v.t('effects.invite.links.title', { n: String(issued.length) })}</H2>
            <Alert type="warning">{v.t('effects.invite.links.once')}</Alert>
            <Table caption={v.t('effects.invite.links.caption')} head={[v.t('effects.invite.col.organisation'), v.t('effects.invite.col.email'), v.t('effects.invite.col.link')]} rows={issued.map((l) => [l.organisationName, l.email, <code>{linkOf(l.token)}</code>])} />
          </section>
        )}
        <p class="utrecht-paragraph sb-figures">
          {v.t('effects.invite.summary', { invited: String(list.invited), responded: String(list.responded), rate: list.rate === null ? '–' : `${numberFormat(localeOf(v.lang)).format(list.rate)}%` })}
        </p>
        <H2>{v.t('effects.invite.add.title')}</H2>
        <form method="post" action={`${base}/uitnodigingen`} class="sb-form" novalidate>
          <Csrf v={v} />
          <ErrorSummary v={v} errors={errors} />
          <TextArea name="invitees" label={v.t('effects.invite.add.label')} description={v.t('effects.invite.add.hint')} value={str(values, 'invitees')} errors={errors} rows={6} />
          <div class="sb-actions">
            <Submit name="as" value="page">
              {v.t('effects.invite.add.show')}
            </Submit>
            <Submit name="as" value="csv" secondary>
              {v.t('effects.invite.add.csv')}
            </Submit>
          </div>
        </form>
        {list.invited > 0 && (
          <>
            <H2>{v.t('effects.invite.list.title')}</H2>
            <Table
              caption={v.t('effects.invite.list.caption')}
              head={[v.t('effects.invite.col.organisation'), v.t('effects.invite.col.email'), v.t('effects.invite.col.responded'), v.t('effects.invite.col.action')]}
              rows={list.invitations.map((i) => [
                i.organisationName,
                i.email,
                v.t(i.responded ? 'effects.invite.yes' : 'effects.invite.no'),
                i.responded ? (
                  ''
                ) : (
                  <form method="post" action={`${base}/uitnodigingen/${i.id}/weghalen`} class="sb-inline-form">
                    <Csrf v={v} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${v.t('effects.invite.delete')}: ${i.organisationName}`}>
                      {v.t('effects.invite.delete')}
                    </button>
                  </form>
                ),
              ])}
            />
            <form method="post" action={`${base}/uitnodigingen/nieuwe-links`} class="sb-actions">
              <Csrf v={v} />
              <P>{v.t('effects.invite.renew.explain')}</P>
              <Submit name="as" value="page" secondary>
                {v.t('effects.invite.renew.show')}
              </Submit>
              <Submit name="as" value="csv" secondary>
                {v.t('effects.invite.renew.csv')}
              </Submit>
            </form>
          </>
        )}
      </Layout>,
      status,
    );
  };
  const csv = (c: C, links: IssuedLink[]) => c.body(new Uint8Array(linksCsv(links, inviteLink(c, c.req.param('id')!))), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="uitnodigingslinks.csv"', 'Cache-Control': 'no-store' });

  app.get(`/effecten/enquetes/${SID}/uitnodigingen`, (c) => invitePage(c, {}, [], null));
  app.post(`/effecten/enquetes/${SID}/uitnodigingen`, async (c) => {
    const body = await readForm(c);
    try {
      const links = await addInvitations(c.get('ctx'), c.req.param('id'), str(body, 'invitees'));
      return str(body, 'as') === 'csv' ? csv(c, links) : invitePage(c, {}, [], links);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) throw err;
      return invitePage(c, body, formErrors(err, viewOf(c).lang), null, 400);
    }
  });
  app.post(`/effecten/enquetes/${SID}/uitnodigingen/nieuwe-links`, async (c) => {
    const body = await readForm(c);
    const links = await renewInvitationLinks(c.get('ctx'), c.req.param('id'));
    return str(body, 'as') === 'csv' ? csv(c, links) : invitePage(c, {}, [], links);
  });
  app.post(`/effecten/enquetes/${SID}/uitnodigingen/:iid{${ID}}/weghalen`, async (c) => {
    await deleteInvitation(c.get('ctx'), c.req.param('id'), c.req.param('iid'));
    return c.redirect(`/effecten/enquetes/${c.req.param('id')}/uitnodigingen?weg=1`, 303);
  });

  // ---------------------------------------------------------------- answering through a personal link

  const P_INV = `/enquete/${SID}/uitnodiging/:token{${TOKEN_PATTERN}}`;
  const answerPage = async (c: C, values: FormBody, errors: FieldError[], status: 200 | 400 | 409 = 200) => {
    const v = viewOf(c);
    const id = c.req.param('id')!;
    const token = c.req.param('token')!;
    const { survey, open, used } = await invitationSurvey(c.get('ctx'), id, token);
    const title = surveyTitle(v, survey);
    const intro = inLang(v, survey.introNl, survey.introEn);
    return c.html(
      <Layout v={v} title={title}>
        <SurveyStyles />
        <H1>{title}</H1>
        {intro && <p class="utrecht-paragraph sb-pre-line">{intro}</p>}
        {used ? (
          <Alert type="info">{v.t('effects.answer.alreadySent')}</Alert>
        ) : !open ? (
          <Alert type="info">{v.t('effects.answer.closed')}</Alert>
        ) : (
          <>
            <P>{v.t('effects.invite.answer.note')}</P>
            <AnswerForm v={v} survey={survey} action={`/enquete/${id}/uitnodiging/${token}`} values={values} errors={errors} />
          </>
        )}
      </Layout>,
      used || !open ? 409 : status,
    );
  };
  app.get(P_INV, (c) => answerPage(c, {}, []));
  app.post(P_INV, async (c) => {
    const body = await readForm(c);
    const ctx = c.get('ctx');
    const { survey } = await invitationSurvey(ctx, c.req.param('id'), c.req.param('token'));
    try {
      await submitInvitationResponse(ctx, survey.id, c.req.param('token'), answersFromForm(survey.questions, body));
      return c.redirect(`/enquete/${survey.id}/bedankt`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status !== 400) return answerPage(c, body, [], 409);
      return answerPage(c, body, formErrors(err, viewOf(c).lang), 400);
    }
  });
}

export type { View };
