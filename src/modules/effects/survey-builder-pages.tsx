/** @jsxImportSource hono/jsx */
// The survey builder (works without JavaScript): the list of one's surveys, the survey's details, sections, standard
// sets, open/close, and its questions in order with move/remove and the plain-language tips beside each.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Table, Breadcrumbs, Checkboxes, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, lines, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { listThemes } from '../framework/service.ts';
import { listOrganisations } from '../network/service.ts';
import { listSurveys, getSurvey, createSurvey, updateSurvey, setSurveyStatus, addSection, deleteSection, deleteQuestion, moveQuestion } from './survey-service.ts';
import { listStandardSets, addStandardSet } from './survey-sets.ts';
import { listConsents } from './survey-answer.ts';
import { SurveyStyles, surveyTitle, PlainTips, dropIndex, listCrumbs } from './survey-views.tsx';
import { registerQuestionPages } from './survey-question-pages.tsx';
import { audiences, KIOSK_HOURS, type SurveyFull, type SurveyInput, type QuestionView } from './survey-types.ts';
import { ID } from './policy.ts';

const SID = `:id{${ID}}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Context<AppEnv, any, any>;

function surveyFromForm(b: FormBody): SurveyInput {
  const opt = (k: string) => str(b, k).trim() || null;
  const owner = str(b, 'ownerOrganisationId');
  return {
    titleNl: str(b, 'titleNl'),
    titleEn: str(b, 'titleEn'),
    introNl: str(b, 'introNl'),
    introEn: str(b, 'introEn'),
    audience: str(b, 'audience') as SurveyInput['audience'],
    ...(b.ownerOrganisationId !== undefined ? { ownerOrganisationId: owner === '' ? null : owner } : {}),
    themeSlugs: list(b, 'themeSlugs'),
    activityIds: lines(str(b, 'activityIds')),
    opensOn: opt('opensOn'),
    closesOn: opt('closesOn'),
  };
}

const formOfSurvey = (s: SurveyFull): FormBody => ({
  titleNl: s.titleNl,
  titleEn: s.titleEn,
  introNl: s.introNl,
  introEn: s.introEn,
  audience: s.audience,
  themeSlugs: s.themeSlugs,
  activityIds: s.activityIds.join('\n'),
  opensOn: s.opensOn ?? '',
  closesOn: s.closesOn ?? '',
});

async function SurveyForm({ c, action, values, errors, withOwner, summary = true }: { c: C; action: string; values: FormBody; errors: FieldError[]; withOwner: boolean; summary?: boolean }) {
  const v = viewOf(c);
  const ctx = c.get('ctx');
  const [themes, orgs] = await Promise.all([listThemes(ctx), withOwner ? listOrganisations(ctx) : []]);
  return (
    <form method="post" action={action} class="sb-form" novalidate>
      <Csrf v={v} />
      {summary && <ErrorSummary v={v} errors={errors} />}
      <TextField name="titleNl" label={`${v.t('effects.survey.field.titleNl')} *`} value={str(values, 'titleNl')} errors={errors} required />
      <TextField name="titleEn" label={v.t('effects.survey.field.titleEn')} value={str(values, 'titleEn')} errors={errors} />
      <TextArea name="introNl" label={v.t('effects.survey.field.introNl')} value={str(values, 'introNl')} errors={errors} rows={4} />
      <PlainTips v={v} texts={[str(values, 'introNl')]} />
      <TextArea name="introEn" label={v.t('effects.survey.field.introEn')} value={str(values, 'introEn')} errors={errors} rows={4} />
      <Select name="audience" label={`${v.t('effects.survey.field.audience')} *`} value={str(values, 'audience')} errors={errors} options={audiences.map((a) => ({ value: a, label: v.t(`effects.survey.audience.${a}`) }))} />
      {withOwner && (
        <Select
          name="ownerOrganisationId"
          label={v.t('effects.survey.field.owner')}
          value={str(values, 'ownerOrganisationId')}
          errors={errors}
          options={[{ value: '', label: v.t('effects.survey.field.ownerMunicipality') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]}
        />
      )}
      <Checkboxes name="themeSlugs" label={v.t('effects.survey.field.themes')} values={list(values, 'themeSlugs')} errors={errors} options={themes.map((t) => ({ value: t.slug, label: t.name }))} />
      <TextArea name="activityIds" label={v.t('effects.survey.field.activities')} description={v.t('effects.survey.field.activitiesHint')} value={str(values, 'activityIds')} errors={errors} rows={2} />
      <TextField name="opensOn" type="date" label={v.t('effects.survey.field.opensOn')} value={str(values, 'opensOn')} errors={errors} />
      <TextField name="closesOn" type="date" label={v.t('effects.survey.field.closesOn')} value={str(values, 'closesOn')} errors={errors} />
      <div class="sb-actions">
        <Submit>{v.t('effects.survey.save')}</Submit>
      </div>
    </form>
  );
}

const QuestionItem = ({ v, s, q, n, locked }: { v: View; s: SurveyFull; q: QuestionView; n: number; locked: boolean }) => {
  const base = `/effecten/enquetes/${s.id}/vragen/${q.id}`;
  const text = `${n}. ${v.lang === 'en' && q.textEn ? q.textEn : q.textNl}`;
  const button = (path: string, label: string) => (
    <form method="post" action={`${base}/${path}`} class="sb-inline-form">
      <Csrf v={v} />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action" aria-label={`${label}: ${text}`}>
        {label}
      </button>
    </form>
  );
  return (
    <li id={`vraag-${q.id}`}>
      <strong>{text}</strong>
      <p class="utrecht-paragraph sb-meta">
        {v.t(`effects.survey.type.${q.type}`)} · {v.t(q.required ? 'effects.survey.question.required' : 'effects.survey.question.optional')}
        {q.subGoals.length > 0 && ` · ${q.subGoals.join(', ')}`}
        {q.source === 'platform' && ` · ${v.t('effects.survey.question.source')}`}
      </p>
      <PlainTips v={v} texts={[q.textNl, q.helpNl]} />
      <div class="sb-actions">
        <a class="utrecht-link" href={base} aria-label={`${v.t('effects.survey.question.edit')}: ${text}`}>
          {v.t('effects.survey.question.edit')}
        </a>
        {!locked && n > 1 && button('omhoog', v.t('effects.survey.question.up'))}
        {!locked && n < s.questions.length && button('omlaag', v.t('effects.survey.question.down'))}
        {!locked && button('weghalen', v.t('effects.survey.question.delete'))}
      </div>
    </li>
  );
};

export function registerSurveyBuilderPages(app: OpenAPIHono<AppEnv>) {
  const isAdmin = (c: C) => hasRole(c.get('ctx').actor, 'administrator');

  app.get('/effecten/enquetes', async (c) => {
    const v = viewOf(c);
    const items = await listSurveys(c.get('ctx'));
    return c.html(
      <Layout v={v} title={v.t('effects.survey.list.title')}>
        <H1>{v.t('effects.survey.list.title')}</H1>
        <P>{v.t('effects.survey.list.intro')}</P>
        <p class="utrecht-paragraph">
          <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href="/effecten/enquetes/nieuw">
            {v.t('effects.survey.list.new')}
          </a>
        </p>
        {items.length === 0 ? (
          <P>{v.t('effects.survey.list.none')}</P>
        ) : (
          <Table
            caption={v.t('effects.survey.list.title')}
            head={[v.t('effects.survey.field.titleNl'), v.t('effects.survey.field.audience'), v.t('effects.survey.field.status'), v.t('effects.survey.list.responses')]}
            rows={items.map((s) => [<A href={`/effecten/enquetes/${s.id}`}>{surveyTitle(v, s)}</A>, v.t(`effects.survey.audience.${s.audience}`), v.t(`effects.survey.status.${s.status}`), String(s.responseCount)])}
          />
        )}
      </Layout>,
    );
  });

  const newPage = async (c: C, values: FormBody, errors: FieldError[]) => {
    const v = viewOf(c);
    return c.html(
      <Layout v={v} title={v.t('effects.survey.new.title')}>
        <SurveyStyles />
        <Breadcrumbs v={v} items={listCrumbs(v)} />
        <H1>{v.t('effects.survey.new.title')}</H1>
        {await SurveyForm({ c, action: '/effecten/enquetes/nieuw', values, errors, withOwner: isAdmin(c) })}
      </Layout>,
      errors.length ? 400 : 200,
    );
  };
  app.get('/effecten/enquetes/nieuw', (c) => newPage(c, { audience: 'resident' }, []));
  app.post('/effecten/enquetes/nieuw', async (c) => {
    const body = await readForm(c);
    try {
      const s = await createSurvey(c.get('ctx'), surveyFromForm(body));
      return c.redirect(`/effecten/enquetes/${s.id}?opgeslagen=1`, 303);
    } catch (err) {
      return newPage(c, body, dropIndex(formErrors(err, viewOf(c).lang)));
    }
  });

  const editPage = async (c: C, s: SurveyFull, values: FormBody, errors: FieldError[], status: 200 | 400 | 409 = 200) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const [sets, consents] = await Promise.all([listStandardSets(ctx), listConsents(ctx, s.id)]);
    const locked = s.responseCount > 0;
    const q = c.req.query();
    const base = `/effecten/enquetes/${s.id}`;
    const publicUrl = `${c.get('deps').config.PUBLIC_URL.replace(/\/$/, '')}/enquete/${s.id}`;
    const title = v.t('effects.survey.edit.title', { title: surveyTitle(v, s) });
    return c.html(
      <Layout v={v} title={title}>
        <SurveyStyles />
        <Breadcrumbs v={v} items={listCrumbs(v)} />
        <H1>{title}</H1>
        <ErrorSummary v={v} errors={errors} />
        {q.opgeslagen && <Alert type="ok">{v.t('effects.survey.saved')}</Alert>}
        {q.vraag && <Alert type="ok">{v.t('effects.survey.question.saved')}</Alert>}
        {q.weg && <Alert type="ok">{v.t('effects.survey.question.deleted')}</Alert>}
        {q.set && <Alert type="ok">{v.t('effects.survey.set.added', { n: q.set })}</Alert>}
        {q.status && <Alert type="ok">{v.t(s.status === 'open' ? 'effects.survey.opened' : 'effects.survey.closed')}</Alert>}
        {locked && <Alert type="info">{v.t('effects.survey.lockedNote', { n: s.responseCount })}</Alert>}
        <p class="utrecht-paragraph">
          {v.t('effects.survey.field.status')}: <strong>{v.t(`effects.survey.status.${s.status}`)}</strong>
        </p>
        <form method="post" action={`${base}/status`} class="sb-actions">
          <Csrf v={v} />
          <input type="hidden" name="status" value={s.status === 'open' ? 'closed' : 'open'} />
          <Submit>{v.t(s.status === 'open' ? 'effects.survey.close' : 'effects.survey.open')}</Submit>
        </form>
        {s.status === 'open' && (
          <>
            <p class="utrecht-paragraph">
              {v.t('effects.survey.publicLink')}: <A href={`/enquete/${s.id}`}>{publicUrl}</A>
            </p>
            <P>{v.t('effects.survey.kiosk.explain', { hours: KIOSK_HOURS })}</P>
            <form method="post" action={`${base}/kiosk`} class="sb-actions">
              <Csrf v={v} />
              <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                {v.t('effects.survey.kiosk.start')}
              </button>
              <A href={`${base}/papier`}>{v.t('effects.survey.paper.link')}</A>
            </form>
          </>
        )}
        <p class="utrecht-paragraph">
          <A href={`${base}/toestemming`}>{v.t('effects.survey.consents.link', { n: consents.length })}</A>
        </p>
        {/* survey results part: results, poster and invitation lists */}
        {s.status !== 'draft' && (
          <p class="utrecht-paragraph">
            <A href={`${base}/resultaten`}>{v.t('effects.result.link')}</A> · <A href={`${base}/poster.pdf`}>{v.t('effects.poster.link')}</A> · <A href={`${base}/uitnodigingen`}>{v.t('effects.invite.title.short')}</A>
          </p>
        )}

        <H2>{v.t('effects.survey.questions')}</H2>
        {s.questions.length === 0 ? <P>{v.t('effects.survey.noQuestions')}</P> : <ol class="sb-question-list">{s.questions.map((x, i) => <QuestionItem v={v} s={s} q={x} n={i + 1} locked={locked} />)}</ol>}
        {!locked && (
          <p class="utrecht-paragraph">
            <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action" href={`${base}/vragen/nieuw`}>
              {v.t('effects.survey.question.add')}
            </a>
          </p>
        )}

        {!locked && (
          <>
            <H2>{v.t('effects.survey.set.title')}</H2>
            <P>{v.t('effects.survey.set.explain')}</P>
            <form method="post" action={`${base}/standaardset`} class="sb-form">
              <Csrf v={v} />
              <Select name="set" label={v.t('effects.survey.set.field')} value={s.audience === 'professional' ? 'professional-effect' : 'inwoner-ervaren-effect'} options={sets.map((x) => ({ value: x.key, label: v.lang === 'en' ? x.titleEn : x.titleNl }))} />
              <div class="sb-actions">
                <Submit>{v.t('effects.survey.set.add')}</Submit>
              </div>
            </form>

            <H2>{v.t('effects.survey.sections')}</H2>
            {s.sections.length > 0 && (
              <ul class="utrecht-unordered-list">
                {s.sections.map((x) => (
                  <li class="utrecht-unordered-list__item">
                    {x.titleNl}{' '}
                    <form method="post" action={`${base}/onderdelen/${x.id}/weghalen`} class="sb-inline-form">
                      <Csrf v={v} />
                      <button type="submit" class="utrecht-button utrecht-button--subtle" aria-label={`${v.t('effects.survey.section.delete')}: ${x.titleNl}`}>
                        {v.t('effects.survey.section.delete')}
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={`${base}/onderdelen`} class="sb-form" novalidate>
              <Csrf v={v} />
              <TextField name="section.titleNl" label={`${v.t('effects.survey.field.titleNl')} *`} value="" errors={errors} />
              <TextField name="section.titleEn" label={v.t('effects.survey.field.titleEn')} value="" errors={errors} />
              <div class="sb-actions">
                <Submit>{v.t('effects.survey.section.add')}</Submit>
              </div>
            </form>
          </>
        )}

        <H2>{v.t('effects.survey.details')}</H2>
        {await SurveyForm({ c, action: base, values, errors: errors.filter((e) => !e.field.startsWith('section.')), withOwner: false, summary: false })}
      </Layout>,
      status,
    );
  };

  app.get(`/effecten/enquetes/${SID}`, async (c) => {
    const s = await getSurvey(c.get('ctx'), c.req.param('id'));
    return editPage(c, s, formOfSurvey(s), []);
  });
  app.post(`/effecten/enquetes/${SID}`, async (c) => {
    const ctx = c.get('ctx');
    const s = await getSurvey(ctx, c.req.param('id'));
    const body = await readForm(c);
    try {
      await updateSurvey(ctx, s.id, surveyFromForm(body));
      return c.redirect(`/effecten/enquetes/${s.id}?opgeslagen=1`, 303);
    } catch (err) {
      return editPage(c, s, body, dropIndex(formErrors(err, viewOf(c).lang)), 400);
    }
  });
  // Changes that answer with a message on the survey page (a conflict is shown there, not as an error page).
  const act = (path: string, run: (c: C, id: string, body: FormBody) => Promise<string>) =>
    app.post(`/effecten/enquetes/${SID}${path}`, async (c) => {
      const ctx = c.get('ctx');
      const id = c.req.param('id');
      const body = await readForm(c);
      try {
        return c.redirect(`/effecten/enquetes/${id}${await run(c, id, body)}`, 303);
      } catch (err) {
        const s = await getSurvey(ctx, id);
        return editPage(c, s, formOfSurvey(s), formErrors(err, viewOf(c).lang), 409);
      }
    });
  act('/status', async (c, id, b) => {
    await setSurveyStatus(c.get('ctx'), id, str(b, 'status') === 'closed' ? 'closed' : 'open');
    return '?status=1';
  });
  act('/standaardset', async (c, id, b) => `?set=${await addStandardSet(c.get('ctx'), id, str(b, 'set'))}`);
  act('/onderdelen', async (c, id, b) => {
    try {
      await addSection(c.get('ctx'), id, { titleNl: str(b, 'section.titleNl'), titleEn: str(b, 'section.titleEn') });
    } catch (err) {
      throw prefixFields(err, 'section.');
    }
    return '?opgeslagen=1';
  });
  app.post(`/effecten/enquetes/${SID}/onderdelen/:sid{${ID}}/weghalen`, async (c) => {
    await deleteSection(c.get('ctx'), c.req.param('id'), c.req.param('sid'));
    return c.redirect(`/effecten/enquetes/${c.req.param('id')}?opgeslagen=1`, 303);
  });
  for (const [path, run] of [
    ['omhoog', (c: C, id: string, q: string) => moveQuestion(c.get('ctx'), id, q, 'up')],
    ['omlaag', (c: C, id: string, q: string) => moveQuestion(c.get('ctx'), id, q, 'down')],
    ['weghalen', (c: C, id: string, q: string) => deleteQuestion(c.get('ctx'), id, q)],
  ] as const)
    app.post(`/effecten/enquetes/${SID}/vragen/:qid{${ID}}/${path}`, async (c) => {
      const id = c.req.param('id');
      await run(c, id, c.req.param('qid'));
      return c.redirect(`/effecten/enquetes/${id}${path === 'weghalen' ? '?weg=1' : ''}#vraag-${c.req.param('qid')}`, 303);
    });

  registerQuestionPages(app);
}

function prefixFields(err: unknown, prefix: string): unknown {
  if (err && typeof err === 'object' && 'fields' in err && Array.isArray((err as { fields: FieldError[] }).fields)) for (const f of (err as { fields: FieldError[] }).fields) f.field = prefix + f.field;
  return err;
}
