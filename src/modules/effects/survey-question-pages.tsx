/** @jsxImportSource hono/jsx */
// The question form of the builder: every type, Dutch and English texts, required or not, scale and labels, choices
// ("Nederlands | English" per line), and the sub-goals it measures (checkboxes per theme). Works without JavaScript.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { Layout, viewOf, H1, P, ErrorSummary, TextField, TextArea, Select, Csrf, Submit, Breadcrumbs, fieldId, type View } from '../../platform/ui/page.tsx';
import { readForm, str, list, lines, formErrors, type FormBody } from '../../platform/ui/forms.ts';
import { notFound, type FieldError } from '../../platform/http/errors.ts';
import { listThemes } from '../framework/service.ts';
import { getSurvey, saveQuestion } from './survey-service.ts';
import { SurveyStyles, surveyTitle, PlainTips, dropIndex, listCrumbs } from './survey-views.tsx';
import { questionTypes, type QuestionInput, type QuestionView, type SurveyFull } from './survey-types.ts';
import { ID } from './policy.ts';

const SID = `:id{${ID}}`;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type C = Context<AppEnv, any, any>;

function questionFromForm(b: FormBody): QuestionInput {
  const num = (k: string) => (str(b, k).trim() === '' ? null : Number(str(b, k)));
  return {
    type: str(b, 'type') as QuestionInput['type'],
    sectionId: str(b, 'sectionId') || null,
    textNl: str(b, 'textNl'),
    textEn: str(b, 'textEn'),
    helpNl: str(b, 'helpNl'),
    helpEn: str(b, 'helpEn'),
    required: str(b, 'required') === 'true',
    scaleMin: num('scaleMin'),
    scaleMax: num('scaleMax'),
    minLabelNl: str(b, 'minLabelNl'),
    minLabelEn: str(b, 'minLabelEn'),
    maxLabelNl: str(b, 'maxLabelNl'),
    maxLabelEn: str(b, 'maxLabelEn'),
    options: lines(str(b, 'options')).map((l) => {
      const [nl, ...en] = l.split('|');
      return { nl: nl.trim(), en: en.join('|').trim() };
    }),
    subGoals: list(b, 'subGoals'),
  };
}

const formOfQuestion = (q: QuestionView): FormBody => ({
  type: q.type,
  sectionId: q.sectionId ?? '',
  textNl: q.textNl,
  textEn: q.textEn,
  helpNl: q.helpNl,
  helpEn: q.helpEn,
  required: q.required ? 'true' : '',
  scaleMin: q.scaleMin === null ? '' : String(q.scaleMin),
  scaleMax: q.scaleMax === null ? '' : String(q.scaleMax),
  minLabelNl: q.minLabelNl,
  minLabelEn: q.minLabelEn,
  maxLabelNl: q.maxLabelNl,
  maxLabelEn: q.maxLabelEn,
  options: q.options.map((o) => (o.en ? `${o.nl} | ${o.en}` : o.nl)).join('\n'),
  subGoals: q.subGoals,
});

async function QuestionForm({ c, v, s, action, values, errors }: { c: C; v: View; s: SurveyFull; action: string; values: FormBody; errors: FieldError[] }) {
  const themes = await listThemes(c.get('ctx'));
  const chosen = list(values, 'subGoals');
  const err = errors.find((e) => e.field === 'subGoals');
  const check = (name: string, value: string, label: string, checked: boolean) => {
    const id = `${fieldId(name)}-${value.replace(/[^a-z0-9-]/gi, '-')}`;
    return (
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" id={id} name={name} value={value} checked={checked} />
        <label class="utrecht-form-label utrecht-form-label--checkbox" for={id}>
          {label}
        </label>
      </div>
    );
  };
  return (
    <form method="post" action={action} class="sb-form" novalidate>
      <Csrf v={v} />
      <ErrorSummary v={v} errors={errors} />
      <Select name="type" label={`${v.t('effects.survey.field.type')} *`} value={str(values, 'type')} errors={errors} options={questionTypes.map((t) => ({ value: t, label: v.t(`effects.survey.type.${t}`) }))} />
      {s.sections.length > 0 && (
        <Select name="sectionId" label={v.t('effects.survey.field.section')} value={str(values, 'sectionId')} errors={errors} options={[{ value: '', label: v.t('effects.survey.section.none') }, ...s.sections.map((x) => ({ value: x.id, label: x.titleNl }))]} />
      )}
      <TextArea name="textNl" label={`${v.t('effects.survey.field.textNl')} *`} value={str(values, 'textNl')} errors={errors} rows={2} required />
      <PlainTips v={v} texts={[str(values, 'textNl')]} />
      <TextArea name="textEn" label={v.t('effects.survey.field.textEn')} value={str(values, 'textEn')} errors={errors} rows={2} />
      <TextArea name="helpNl" label={v.t('effects.survey.field.helpNl')} value={str(values, 'helpNl')} errors={errors} rows={2} />
      <PlainTips v={v} texts={[str(values, 'helpNl')]} />
      <TextArea name="helpEn" label={v.t('effects.survey.field.helpEn')} value={str(values, 'helpEn')} errors={errors} rows={2} />
      <fieldset class="utrecht-form-fieldset" id={fieldId('required')}>
        <legend class="utrecht-form-fieldset__legend">{v.t('effects.survey.field.required')}</legend>
        {check('required', 'true', v.t('effects.survey.field.requiredYes'), str(values, 'required') === 'true')}
      </fieldset>
      <TextField name="scaleMin" label={v.t('effects.survey.field.scaleMin')} description={v.t('effects.survey.field.scaleHint')} value={str(values, 'scaleMin')} errors={errors} />
      <TextField name="scaleMax" label={v.t('effects.survey.field.scaleMax')} value={str(values, 'scaleMax')} errors={errors} />
      <TextField name="minLabelNl" label={v.t('effects.survey.field.minLabelNl')} value={str(values, 'minLabelNl')} errors={errors} />
      <TextField name="minLabelEn" label={v.t('effects.survey.field.minLabelEn')} value={str(values, 'minLabelEn')} errors={errors} />
      <TextField name="maxLabelNl" label={v.t('effects.survey.field.maxLabelNl')} value={str(values, 'maxLabelNl')} errors={errors} />
      <TextField name="maxLabelEn" label={v.t('effects.survey.field.maxLabelEn')} value={str(values, 'maxLabelEn')} errors={errors} />
      <TextArea name="options" label={v.t('effects.survey.field.options')} description={v.t('effects.survey.field.optionsHint')} value={str(values, 'options')} errors={errors} rows={5} />
      <fieldset class={`utrecht-form-fieldset${err ? ' utrecht-form-fieldset--invalid' : ''}`} id={fieldId('subGoals')} aria-describedby={err ? `${fieldId('subGoals')}-fout` : undefined}>
        <legend class="utrecht-form-fieldset__legend">{v.t('effects.survey.field.subGoals')}</legend>
        {err && (
          <div class="utrecht-form-field-error-message" id={`${fieldId('subGoals')}-fout`}>
            {err.message}
          </div>
        )}
        {themes.map((t) => {
          const goals = t.subGoalGroups.flatMap((g) => g.subGoals);
          return (
            <details class="sb-details" open={goals.some((g) => chosen.includes(g.key))}>
              <summary>{t.name}</summary>
              {goals.map((g) => check('subGoals', g.key, `${g.key}: ${g.text}`, chosen.includes(g.key)))}
            </details>
          );
        })}
      </fieldset>
      <div class="sb-actions">
        <Submit>{v.t('effects.survey.save')}</Submit>
      </div>
    </form>
  );
}

export function registerQuestionPages(app: OpenAPIHono<AppEnv>) {
  const page = async (c: C, s: SurveyFull, q: QuestionView | null, values: FormBody, errors: FieldError[]) => {
    const v = viewOf(c);
    const title = v.t(q ? 'effects.survey.question.edit' : 'effects.survey.question.new');
    const action = `/effecten/enquetes/${s.id}/vragen/${q ? q.id : 'nieuw'}`;
    return c.html(
      <Layout v={v} title={title}>
        <SurveyStyles />
        <Breadcrumbs v={v} items={[...listCrumbs(v), { href: `/effecten/enquetes/${s.id}`, label: surveyTitle(v, s) }]} />
        <H1>{title}</H1>
        {s.responseCount > 0 && <P>{v.t('effects.survey.lockedNote', { n: s.responseCount })}</P>}
        {await QuestionForm({ c, v, s, action, values, errors })}
      </Layout>,
      errors.length ? (errors.some((e) => e.kind === 'conflict') ? 409 : 400) : 200,
    );
  };
  const questionOf = (s: SurveyFull, id: string) => {
    const q = s.questions.find((x) => x.id === id);
    if (!q) throw notFound();
    return q;
  };
  const save = async (c: C, qid: string | null) => {
    const ctx = c.get('ctx');
    const s = await getSurvey(ctx, c.req.param('id') ?? '');
    const q = qid ? questionOf(s, qid) : null;
    const body = await readForm(c);
    try {
      const saved = await saveQuestion(ctx, s.id, q?.id ?? null, questionFromForm(body));
      return c.redirect(`/effecten/enquetes/${s.id}?vraag=1#vraag-${saved.id}`, 303);
    } catch (err) {
      return page(c, s, q, body, dropIndex(formErrors(err, viewOf(c).lang)));
    }
  };

  app.get(`/effecten/enquetes/${SID}/vragen/nieuw`, async (c) => {
    const s = await getSurvey(c.get('ctx'), c.req.param('id'));
    return page(c, s, null, { type: 'agree', scaleMin: '1', scaleMax: '10' }, []);
  });
  app.post(`/effecten/enquetes/${SID}/vragen/nieuw`, (c) => save(c, null));
  app.get(`/effecten/enquetes/${SID}/vragen/:qid{${ID}}`, async (c) => {
    const s = await getSurvey(c.get('ctx'), c.req.param('id'));
    const q = questionOf(s, c.req.param('qid'));
    return page(c, s, q, formOfQuestion(q), []);
  });
  app.post(`/effecten/enquetes/${SID}/vragen/:qid{${ID}}`, (c) => save(c, c.req.param('qid')));
}
