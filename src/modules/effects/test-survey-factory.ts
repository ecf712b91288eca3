// Test and benchmark factory for surveys: an open survey with a typical question mix (agree, scale 1–10, single,
// multiple, ranking, open text), and a valid set of answers for it.
//
// Benchmark use (public submission over HTTP):
//   const { survey } = await buildOpenSurvey(ctx);                       // ctx: any context (a system context will do)
//   GET  /api/v1/surveys/<id>/form            → { token, survey: { questions } }
//   POST /api/v1/surveys/<id>/responses       { token, answers: typicalAnswers(survey) }   (application/json) → 201
// or the HTML form: GET /enquete/<id> (hidden input name="token"), then POST /enquete/<id> as a form with _csrf,
// token and `answers.<questionId>` fields (ranking: `answers.<questionId>.<optionKey>` = place) → 303.
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import { createSurvey, saveQuestion, setSurveyStatus, getSurvey } from './survey-service.ts';
import type { QuestionInput, SurveyFull, SurveyInput } from './survey-types.ts';
import type { RawAnswers } from './survey-check.ts';

export const advisorActor: Actor = { userId: '', name: 'Beleidsadviseur', email: 'advisor@test', roles: ['policy_advisor'], organisationId: null };
export const asAdvisor = (ctx: ServiceContext): ServiceContext => (ctx.actor ? ctx : { ...ctx, actor: advisorActor });

export const typicalQuestions: QuestionInput[] = [
  { type: 'agree', textNl: 'Door mee te doen heb ik meer contact met anderen.', textEn: 'I have more contact with others.', required: true, subGoals: ['ontmoeten/1'] },
  { type: 'scale', textNl: 'Welk cijfer geeft u de activiteit?', required: true, scaleMin: 1, scaleMax: 10, minLabelNl: 'heel slecht', maxLabelNl: 'heel goed' },
  { type: 'single', textNl: 'Hoe vaak doet u mee?', required: false, options: [{ nl: 'Elke week' }, { nl: 'Elke maand' }, { nl: 'Soms' }] },
  { type: 'multiple', textNl: 'Wat vindt u fijn?', options: [{ nl: 'De mensen' }, { nl: 'De koffie' }, { nl: 'De plek' }] },
  { type: 'ranking', textNl: 'Zet deze punten in volgorde van belang.', options: [{ nl: 'Contact' }, { nl: 'Leren' }, { nl: 'Bewegen' }] },
  { type: 'text', textNl: 'Wat wilt u nog zeggen?' },
];

/** An open survey of the municipality with the typical question mix. */
export async function buildOpenSurvey(ctx: ServiceContext, overrides: Partial<SurveyInput> = {}, questions: QuestionInput[] = typicalQuestions): Promise<SurveyFull> {
  const c = asAdvisor(ctx);
  const s = await createSurvey(c, { titleNl: 'Wat merkt u van meedoen?', audience: 'resident', themeSlugs: ['ontmoeten'], ...overrides,  });
  for (const q of questions) await saveQuestion(c, s.id, null, q);
  await setSurveyStatus(c, s.id, 'open');
  return getSurvey(c, s.id);
}

/** Valid answers to every question of a survey (the first option, the middle of a scale, the options in order). */
export function typicalAnswers(s: SurveyFull, seed = 0): RawAnswers {
  const out: RawAnswers = {};
  for (const q of s.questions) {
    if (q.type === 'agree') out[q.id] = String(1 + (seed % 5));
    else if (q.type === 'scale') out[q.id] = String((q.scaleMin ?? 1) + (seed % ((q.scaleMax ?? 10) - (q.scaleMin ?? 1) + 1)));
    else if (q.type === 'single') out[q.id] = q.options[seed % q.options.length].key;
    else if (q.type === 'multiple') out[q.id] = [q.options[0].key];
    else if (q.type === 'ranking') out[q.id] = q.options.map((o) => o.key);
    else out[q.id] = 'Gezellig.';
  }
  return out;
}
