/** @jsxImportSource hono/jsx */
// Shared views of surveys: the answer form (public link, kiosk and paper entry use the same), its stylesheet, and
// reading a posted form back into raw answers.
import type { Child, FC } from 'hono/jsx';
import { ErrorSummary, Csrf, Submit, fieldId, type View } from '../../platform/ui/page.tsx';
import { str, list, type FormBody } from '../../platform/ui/forms.ts';
import type { FieldError } from '../../platform/http/errors.ts';
import { TEXT_MAX, type QuestionView, type SurveyFull } from './survey-types.ts';
import { answerField, rankingFromPlaces, type RawAnswers } from './survey-check.ts';
import { plainLanguageWarnings } from './survey-plain.ts';

export const SURVEY_CSS_URL = '/assets/effects/surveys.css';
export const SURVEY_CSS = `
.sb-survey { max-width: 40rem; }
.sb-survey fieldset.utrecht-form-fieldset { border: 0; padding: 0; margin: 0 0 1.5rem; min-width: 0; }
.sb-survey legend { font-weight: bold; padding: 0; margin-block-end: 0.5rem; }
.sb-survey .utrecht-form-field--radio, .sb-survey .utrecht-form-field--checkbox { display: flex; gap: 0.5rem; align-items: center; min-height: 44px; }
.sb-survey .utrecht-form-field--radio input, .sb-survey .utrecht-form-field--checkbox input { width: 1.5rem; height: 1.5rem; margin: 0; flex: none; }
/* Answer labels in normal weight, so the question (the legend) stands out. */
.sb-survey .utrecht-form-label--radio-button, .sb-survey .utrecht-form-label--checkbox { font-weight: normal; }
.sb-scale { display: flex; flex-wrap: wrap; gap: 0.25rem 0.75rem; }
.sb-scale .utrecht-form-field--radio { min-width: 3rem; }
.sb-survey textarea, .sb-survey select, .sb-survey input[type=text], .sb-survey input[type=date] { width: 100%; box-sizing: border-box; font-size: 1rem; }
.sb-survey .utrecht-button { min-height: 44px; font-size: 1.1rem; }
.sb-survey-section { border-block-start: 2px solid #ccc; padding-block-start: 0.5rem; }
.sb-rank { display: grid; grid-template-columns: 1fr 9rem; gap: 0.5rem; align-items: center; margin-block-end: 0.5rem; }
.sb-question-list { list-style: none; padding: 0; display: grid; gap: 1rem; }
.sb-question-list > li { border: 1px solid #ccc; border-radius: 4px; padding: 0.75rem 1rem; }
.sb-plain { border-inline-start: 4px solid #b35900; padding-inline-start: 0.75rem; margin-block: 0.5rem; }
`;

export const SurveyStyles: FC = () => <link rel="stylesheet" href={SURVEY_CSS_URL} />;

/** Text in the reader's language, Dutch when there is no English. */
export const inLang = (v: Pick<View, 'lang'>, nl: string, en: string) => (v.lang === 'en' && en.trim() ? en : nl);

export const surveyTitle = (v: Pick<View, 'lang'>, s: Pick<SurveyFull, 'titleNl' | 'titleEn'>) => inLang(v, s.titleNl, s.titleEn);

/** Raw answers from a posted answer form: only the survey's own questions are read. */
export function answersFromForm(questions: QuestionView[], b: FormBody): RawAnswers {
  const out: RawAnswers = {};
  for (const q of questions) {
    const name = answerField(q.id);
    if (q.type === 'multiple') out[q.id] = list(b, name);
    else if (q.type === 'ranking') out[q.id] = rankingFromPlaces(q.options.map((o) => o.key), Object.fromEntries(q.options.map((o) => [o.key, str(b, `${name}.${o.key}`)])));
    else out[q.id] = str(b, name);
  }
  return out;
}

const ErrorText: FC<{ name: string; errors: FieldError[] }> = ({ name, errors }) => {
  const err = errors.find((e) => e.field === name);
  return err ? (
    <div class="utrecht-form-field-error-message" id={`${fieldId(name)}-fout`}>
      {err.message}
    </div>
  ) : null;
};

const Choice: FC<{ type: 'radio' | 'checkbox'; name: string; value: string; label: string; checked: boolean }> = ({ type, name, value, label, checked }) => {
  const id = `${fieldId(name)}-${value}`;
  return (
    <div class={`utrecht-form-field utrecht-form-field--${type}`}>
      <input class={`utrecht-${type === 'radio' ? 'radio-button' : 'checkbox'} utrecht-${type === 'radio' ? 'radio-button' : 'checkbox'}--html-input`} type={type} id={id} name={name} value={value} checked={checked} />
      <label class={`utrecht-form-label utrecht-form-label--${type === 'radio' ? 'radio-button' : 'checkbox'}`} for={id}>
        {label}
      </label>
    </div>
  );
};

const Question: FC<{ v: View; q: QuestionView; n: number; values: FormBody; errors: FieldError[] }> = ({ v, q, n, values, errors }) => {
  const name = answerField(q.id);
  const id = fieldId(name);
  const err = errors.some((e) => e.field === name);
  const help = inLang(v, q.helpNl, q.helpEn);
  const label = `${n}. ${inLang(v, q.textNl, q.textEn)}${q.required ? ' *' : ''}`;
  const describedBy = [help ? `${id}-uitleg` : '', q.type === 'scale' || q.type === 'ranking' ? `${id}-schaal` : '', err ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined;
  const Help = () =>
    help ? (
      <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
        {help}
      </div>
    ) : null;
  if (q.type === 'text')
    return (
      <div class={`utrecht-form-field${err ? ' utrecht-form-field--invalid' : ''}`}>
        <label class="utrecht-form-label" for={id}>
          {label}
        </label>
        <Help />
        <div class="utrecht-form-field-description" id={`${id}-schaal`}>
          {v.t('effects.answer.textHint', { max: TEXT_MAX })}
        </div>
        <ErrorText name={name} errors={errors} />
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={id} name={name} rows={5} maxlength={TEXT_MAX} aria-invalid={err ? 'true' : undefined} aria-describedby={[`${id}-schaal`, help ? `${id}-uitleg` : '', err ? `${id}-fout` : ''].filter(Boolean).join(' ')}>
          {str(values, name)}
        </textarea>
      </div>
    );
  const chosen = list(values, name);
  let body: Child;
  if (q.type === 'scale') {
    const nums = Array.from({ length: (q.scaleMax ?? 10) - (q.scaleMin ?? 1) + 1 }, (_, i) => String((q.scaleMin ?? 1) + i));
    body = (
      <>
        <div class="utrecht-form-field-description" id={`${id}-schaal`}>
          {v.t('effects.answer.scaleLegend', { min: q.scaleMin ?? 1, max: q.scaleMax ?? 10, minLabel: inLang(v, q.minLabelNl, q.minLabelEn) || String(q.scaleMin ?? 1), maxLabel: inLang(v, q.maxLabelNl, q.maxLabelEn) || String(q.scaleMax ?? 10) })}
        </div>
        <div class="sb-scale">
          {nums.map((x) => (
            <Choice type="radio" name={name} value={x} label={x} checked={chosen.includes(x)} />
          ))}
        </div>
      </>
    );
  } else if (q.type === 'agree') {
    body = ([1, 2, 3, 4, 5] as const).map((x) => <Choice type="radio" name={name} value={String(x)} label={v.t(`effects.answer.agree.${x}`)} checked={chosen.includes(String(x))} />);
  } else if (q.type === 'single' || q.type === 'multiple') {
    body = q.options.map((o) => <Choice type={q.type === 'single' ? 'radio' : 'checkbox'} name={name} value={o.key} label={inLang(v, o.nl, o.en)} checked={chosen.includes(o.key)} />);
  } else {
    const places = q.options.map((_, i) => String(i + 1));
    body = (
      <>
        <div class="utrecht-form-field-description" id={`${id}-schaal`}>
          {v.t('effects.answer.rankingHint')}
        </div>
        {q.options.map((o) => {
          const sel = `${name}.${o.key}`;
          return (
            <div class="sb-rank">
              <label class="utrecht-form-label" for={fieldId(sel)}>
                {inLang(v, o.nl, o.en)}
              </label>
              <select class="utrecht-select utrecht-select--html-select" id={fieldId(sel)} name={sel}>
                <option value="">{v.t('effects.answer.choosePlace')}</option>
                {places.map((p) => (
                  <option value={p} selected={str(values, sel) === p}>
                    {`${v.t('effects.answer.place')} ${p}`}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </>
    );
  }
  return (
    <fieldset class={`utrecht-form-fieldset${err ? ' utrecht-form-fieldset--invalid' : ''}`} id={id} aria-describedby={describedBy}>
      <legend class="utrecht-form-fieldset__legend">{label}</legend>
      <Help />
      <ErrorText name={name} errors={errors} />
      {body}
    </fieldset>
  );
};

/** The questions of a survey in order, under their section headings. */
export const AnswerForm: FC<{ v: View; survey: SurveyFull; action: string; values: FormBody; errors: FieldError[]; hidden?: Record<string, string>; before?: Child; after?: Child }> = ({ v, survey, action, values, errors, hidden = {}, before, after }) => {
  let section: string | null = null;
  return (
    <form method="post" action={action} class="sb-survey" novalidate>
      <Csrf v={v} />
      {Object.entries(hidden).map(([k, x]) => (
        <input type="hidden" name={k} value={x} />
      ))}
      <ErrorSummary v={v} errors={errors} />
      {survey.questions.some((q) => q.required) && <p class="utrecht-paragraph">{v.t('effects.answer.requiredNote')}</p>}
      {before}
      {survey.questions.map((q, i) => {
        const s = q.sectionId && q.sectionId !== section ? survey.sections.find((x) => x.id === q.sectionId) : undefined;
        section = q.sectionId;
        return (
          <>
            {s && <h2 class="utrecht-heading-2 sb-survey-section">{inLang(v, s.titleNl, s.titleEn)}</h2>}
            <Question v={v} q={q} n={i + 1} values={values} errors={errors} />
          </>
        );
      })}
      {after}
      <Submit>{v.t('effects.answer.send')}</Submit>
    </form>
  );
};

export const listCrumbs = (v: View) => [{ href: '/effecten/enquetes', label: v.t('effects.survey.list.title') }];

/** Plain-language tips for a question's Dutch texts (warnings only: saving is never blocked). */
export const PlainTips = ({ v, texts }: { v: View; texts: string[] }) => {
  const warnings = texts.flatMap((t) => plainLanguageWarnings(t));
  if (!warnings.length) return null;
  return (
    <div class="sb-plain" role="note" aria-label={v.t('effects.survey.plain.title')}>
      <strong>{v.t('effects.survey.plain.title')}</strong>
      <ul class="utrecht-unordered-list">
        {warnings.map((w) => (
          <li class="utrecht-unordered-list__item">{v.t(w.kind === 'longSentence' ? 'effects.survey.plain.longSentence' : 'effects.survey.plain.longWord', w.params)}</li>
        ))}
      </ul>
    </div>
  );
};

/** One form control per list ("themeSlugs"), so an error about one item ("themeSlugs.0") points at the list. */
export const dropIndex = (errors: FieldError[]) => errors.map((f) => ({ ...f, field: f.field.replace(/\.\d+$/, '') }));

