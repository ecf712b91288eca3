/** @jsxImportSource hono/jsx */
// Pages of the assessment: an assessor scores each criterion (scale and comment), saves or hands in, then sees the
// others' scores; declares a conflict of interest; a policy advisor records the agreed assessment.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, H2, P, A, Alert, ErrorSummary, TextArea, Select, Csrf, Submit, Table, Breadcrumbs } from '../../platform/ui/page.tsx';
import { readForm, str, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { getAssessment, saveScores, declareConflict, agreeAssessment, SCORE_MIN, SCORE_MAX, type AssessmentView } from './assessment-service.ts';
import { APP, managesSubsidies } from './policy.ts';
import { fmtTime, pageErrors } from './ui.tsx';
import type { View } from '../../platform/ui/page.tsx';

const scale = (v: View) => [{ value: '', label: v.t('subsidies.assess.choose') }, ...Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => ({ value: String(SCORE_MIN + i), label: v.t(`subsidies.assess.scale.${SCORE_MIN + i}` as 'subsidies.assess.scale.1') }))];

function readScores(b: FormBody, a: AssessmentView) {
  return a.criteria.filter((q, i) => str(b, `score.${i}`) !== '').map((q) => {
    const i = a.criteria.indexOf(q);
    return { criterionKey: q.key, score: str(b, `score.${i}`) as unknown as number, comment: str(b, `comment.${i}`) };
  });
}

async function assessPage(c: Context<AppEnv>, id: string, values: FormBody | null, errors: FieldError[]) {
  const v = viewOf(c);
  const a = await getAssessment(c.get('ctx'), id);
  const base = `/subsidies/aanvragen/${id}`;
  const mine = (i: number) => a.mine.find((s) => s.criterionKey === a.criteria[i].key);
  const val = (k: string, i: number, fallback: string) => (values ? str(values, `${k}.${i}`) : fallback);
  const name = (key: string) => a.criteria.findIndex((q) => q.key === key) + 1;
  return c.html(
    <Layout v={v} title={v.t('subsidies.assess.title')}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: base, label: v.t('subsidies.application.title') }]} />
      <H1>{v.t('subsidies.assess.title')}</H1>
      {c.req.query('klaar') && <Alert type="ok">{v.t('subsidies.saved')}</Alert>}
      <ErrorSummary v={v} errors={errors} />
      {a.final && (
        <>
          <H2>{v.t('subsidies.assess.final')}</H2>
          <Table caption={v.t('subsidies.assess.final')} head={[v.t('subsidies.assess.criterion'), v.t('subsidies.assess.score'), v.t('subsidies.assess.comment')]} rows={a.final.scores.map((s) => [String(name(s.criterionKey)), v.t(`subsidies.assess.scale.${s.score}` as 'subsidies.assess.scale.1'), s.comment])} />
          <p class="utrecht-paragraph sb-pre-line">{a.final.conclusion}</p>
          <p class="utrecht-paragraph sb-meta">{v.t('subsidies.assess.agreedBy', { name: a.final.agreedBy, at: fmtTime(v, a.final.agreedAt) })}</p>
        </>
      )}
      {!a.assessor && !managesSubsidies(v.actor) && <P>{v.t('subsidies.assess.notAssessor')}</P>}
      {a.assessor && a.conflict && <Alert type="warning">{v.t(a.conflict === 'member' ? 'subsidies.assess.conflictMember' : 'subsidies.assess.conflictDeclared')}</Alert>}
      {a.assessor && !a.conflict && !a.final && (
        <>
          <H2>{v.t('subsidies.assess.mine')}</H2>
          {a.mineSubmitted ? (
            <Table caption={v.t('subsidies.assess.mine')} head={[v.t('subsidies.assess.criterion'), v.t('subsidies.assess.score'), v.t('subsidies.assess.comment')]} rows={a.mine.map((s) => [String(name(s.criterionKey)), v.t(`subsidies.assess.scale.${s.score}` as 'subsidies.assess.scale.1'), s.comment])} />
          ) : (
            <form method="post" action={`${base}/beoordelen`} class="sb-form" novalidate>
              <Csrf v={v} />
              {a.criteria.map((q, i) => (
                <fieldset class="utrecht-form-fieldset" id={`veld-scores-${i}`}>
                  <legend class="utrecht-form-fieldset__legend">{v.t('subsidies.assess.criterionN', { n: i + 1 })}</legend>
                  <P>{q.text}</P>
                  <Select name={`score.${i}`} label={v.t('subsidies.assess.scoreOf', { n: i + 1 })} value={val('score', i, mine(i) ? String(mine(i)!.score) : '')} errors={errors} options={scale(v)} />
                  <TextArea name={`comment.${i}`} label={v.t('subsidies.assess.commentOf', { n: i + 1 })} value={val('comment', i, mine(i)?.comment ?? '')} errors={errors} rows={3} />
                </fieldset>
              ))}
              <div class="sb-actions">
                <Submit name="handIn" value="" secondary>
                  {v.t('subsidies.assess.save')}
                </Submit>
                <Submit name="handIn" value="1">
                  {v.t('subsidies.assess.handIn')}
                </Submit>
              </div>
            </form>
          )}
          <form method="post" action={`${base}/belangenverstrengeling`} class="sb-form" novalidate>
            <Csrf v={v} />
            <H2>{v.t('subsidies.assess.declare')}</H2>
            <TextArea name="reason" label={v.t('subsidies.assess.declareReason')} errors={errors} rows={3} />
            <Submit>{v.t('subsidies.assess.declareSubmit')}</Submit>
          </form>
        </>
      )}
      <H2>{v.t('subsidies.assess.others')}</H2>
      {a.others === null ? (
        <P>{v.t('subsidies.assess.othersHidden')}</P>
      ) : a.others.length === 0 ? (
        <P>{v.t('subsidies.assess.othersNone')}</P>
      ) : (
        a.others.map((o) => (
          <Table caption={o.name} head={[v.t('subsidies.assess.criterion'), v.t('subsidies.assess.score'), v.t('subsidies.assess.comment')]} rows={o.scores.map((s) => [String(name(s.criterionKey)), v.t(`subsidies.assess.scale.${s.score}` as 'subsidies.assess.scale.1'), s.comment])} />
        ))
      )}
      {managesSubsidies(v.actor) && !a.final && (
        <P>
          <A href={`${base}/eindoordeel`}>{v.t('subsidies.assess.agree')}</A>
        </P>
      )}
    </Layout>,
    errors.length ? 400 : 200,
  );
}

async function finalPage(c: Context<AppEnv>, id: string, values: FormBody | null, errors: FieldError[]) {
  const v = viewOf(c);
  const a = await getAssessment(c.get('ctx'), id);
  const base = `/subsidies/aanvragen/${id}`;
  return c.html(
    <Layout v={v} title={v.t('subsidies.assess.agree')}>
      <Breadcrumbs v={v} items={[{ href: '/subsidies', label: v.t('subsidies.nav') }, { href: base, label: v.t('subsidies.application.title') }, { href: `${base}/beoordelen`, label: v.t('subsidies.assess.title') }]} />
      <H1>{v.t('subsidies.assess.agree')}</H1>
      <P>{v.t('subsidies.assess.handedIn', { names: a.submittedBy.join(', ') || '—' })}</P>
      <form method="post" action={`${base}/eindoordeel`} class="sb-form" novalidate>
        <Csrf v={v} />
        <ErrorSummary v={v} errors={errors} />
        {a.criteria.map((q, i) => (
          <fieldset class="utrecht-form-fieldset" id={`veld-scores-${i}`}>
            <legend class="utrecht-form-fieldset__legend">{v.t('subsidies.assess.criterionN', { n: i + 1 })}</legend>
            <P>{q.text}</P>
            <Select name={`score.${i}`} label={v.t('subsidies.assess.scoreOf', { n: i + 1 })} value={values ? str(values, `score.${i}`) : ''} errors={errors} options={scale(v)} />
            <TextArea name={`comment.${i}`} label={v.t('subsidies.assess.commentOf', { n: i + 1 })} value={values ? str(values, `comment.${i}`) : ''} errors={errors} rows={2} />
          </fieldset>
        ))}
        <TextArea name="conclusion" label={v.t('subsidies.assess.conclusion')} value={values ? str(values, 'conclusion') : ''} errors={errors} rows={5} required />
        <Submit>{v.t('subsidies.assess.agreeSubmit')}</Submit>
      </form>
    </Layout>,
    errors.length ? 400 : 200,
  );
}

export function registerAssessmentPages(app: OpenAPIHono<AppEnv>) {
  app.get(`${APP}/beoordelen`, (c) => assessPage(c, c.req.param('id')!, null, []));
  app.post(`${APP}/beoordelen`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const b = await readForm(c);
    const a = await getAssessment(ctx, c.req.param('id')!);
    try {
      await saveScores(ctx, c.req.param('id')!, { scores: readScores(b, a), submit: str(b, 'handIn') === '1' });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}/beoordelen?klaar=1`, 303);
    } catch (err) {
      return assessPage(c, c.req.param('id')!, b, pageErrors(err, v.lang, { scores: v.t('subsidies.assess.scores') }));
    }
  });
  app.post(`${APP}/belangenverstrengeling`, async (c) => {
    const v = viewOf(c);
    const b = await readForm(c);
    try {
      await declareConflict(c.get('ctx'), c.req.param('id')!, { reason: str(b, 'reason') });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}/beoordelen?klaar=1`, 303);
    } catch (err) {
      return assessPage(c, c.req.param('id')!, null, pageErrors(err, v.lang, { reason: v.t('subsidies.assess.declareReason') }));
    }
  });
  app.get(`${APP}/eindoordeel`, (c) => finalPage(c, c.req.param('id')!, null, []));
  app.post(`${APP}/eindoordeel`, async (c) => {
    const v = viewOf(c);
    const ctx = c.get('ctx');
    const b = await readForm(c);
    const a = await getAssessment(ctx, c.req.param('id')!);
    try {
      await agreeAssessment(ctx, c.req.param('id')!, { scores: readScores(b, a), conclusion: str(b, 'conclusion') });
      return c.redirect(`/subsidies/aanvragen/${c.req.param('id')}/beoordelen?klaar=1`, 303);
    } catch (err) {
      return finalPage(c, c.req.param('id')!, b, pageErrors(err, v.lang, { scores: v.t('subsidies.assess.scores'), conclusion: v.t('subsidies.assess.conclusion') }));
    }
  });
}
