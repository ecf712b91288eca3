// JSON API of surveys. Public answering in two steps:
//   1. GET  /api/v1/surveys/{id}/form       → the open survey's questions and a one-time `token` (valid 24 hours);
//   2. POST /api/v1/surveys/{id}/responses  → { token, answers: { <questionId>: value }, context?, consent? }.
// A token works once: a replay gets 409 "Dit formulier is al verstuurd". Invalid answers get 400 with one
// invalidParams entry per question (`answers.<questionId>`); the token stays unused, so the same token may be sent
// again with corrected answers. Staff read their own surveys with GET /api/v1/surveys and /api/v1/surveys/{id}.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { invalid, zodIssueFields } from '../../platform/http/errors.ts';
import { getSurvey, listSurveys } from './survey-service.ts';
import { getPublicSurvey, issueSubmissionToken, submitResponse, contextInput } from './survey-answer.ts';
import { audiences, questionTypes, surveyStatuses, type SurveyFull, type SurveyView } from './survey-types.ts';

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, example: '0b6f5c1e-8a52-4d1a-9f0e-2c3b4d5e6f70' }) });

const questionSchema = z
  .object({
    id: z.uuid(),
    sectionId: z.uuid().nullable(),
    type: z.enum(questionTypes).openapi({ description: 'scale: getal scaleMin..scaleMax; agree: 1 (helemaal oneens) tot en met 5 (helemaal eens); single: één optiesleutel; multiple: lijst van optiesleutels; ranking: alle optiesleutels in volgorde (eerste = plaats 1); text: tekst (hoogstens 2000 tekens)' }),
    textNl: z.string(),
    textEn: z.string(),
    helpNl: z.string(),
    helpEn: z.string(),
    required: z.boolean(),
    scaleMin: z.number().int().nullable(),
    scaleMax: z.number().int().nullable(),
    minLabelNl: z.string(),
    minLabelEn: z.string(),
    maxLabelNl: z.string(),
    maxLabelEn: z.string(),
    options: z.array(z.object({ key: z.string(), nl: z.string(), en: z.string() })),
    subGoals: z.array(z.string()).openapi({ description: 'Sleutels van subdoelen (thema/N) die de vraag meet' }),
    source: z.string().nullable().openapi({ description: "'platform' als de tekst van het platform zelf is" }),
  })
  .openapi('SurveyQuestion');

const surveyBase = {
  id: z.uuid(),
  titleNl: z.string(),
  titleEn: z.string(),
  introNl: z.string(),
  introEn: z.string(),
  audience: z.enum(audiences),
  status: z.enum(surveyStatuses),
  themeSlugs: z.array(z.string()),
  activityIds: z.array(z.uuid()),
  opensOn: z.string().nullable(),
  closesOn: z.string().nullable(),
};
const surveySummary = z.object({ ...surveyBase, ownerOrganisationId: z.uuid().nullable(), responseCount: z.number().int() }).openapi('SurveySummary');
const surveySchema = z
  .object({ ...surveyBase, ownerOrganisationId: z.uuid().nullable(), responseCount: z.number().int(), sections: z.array(z.object({ id: z.uuid(), titleNl: z.string(), titleEn: z.string() })), questions: z.array(questionSchema) })
  .openapi('Survey');
const formSchema = z
  .object({
    survey: z.object({ ...surveyBase, sections: z.array(z.object({ id: z.uuid(), titleNl: z.string(), titleEn: z.string() })), questions: z.array(questionSchema) }),
    token: z.string().openapi({ description: 'Eenmalig verzendtoken: stuur het mee met POST /surveys/{id}/responses' }),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .openapi('SurveyForm');

const responseBody = z
  .object({
    token: z.string().min(1).max(200),
    answers: z.record(z.string(), z.union([z.string().max(10_000), z.number(), z.array(z.string().max(200)).max(50)])).openapi({ description: 'Antwoord per vraag-id; lege of ontbrekende antwoorden tellen als niet beantwoord' }),
    context: contextInput.optional().openapi({ description: 'Sleutels: activityId, themeSlug, districtCode, targetGroup; onbekende waarden worden weggelaten' }),
    consent: z.object({ contact: z.string().max(200), name: z.string().max(200).optional() }).nullable().optional().openapi({ description: 'Toestemming voor contact: los van de antwoorden bewaard' }),
  })
  .openapi('SurveyResponseInput');

const base = (s: SurveyView) => ({ id: s.id, titleNl: s.titleNl, titleEn: s.titleEn, introNl: s.introNl, introEn: s.introEn, audience: s.audience, status: s.status, themeSlugs: s.themeSlugs, activityIds: s.activityIds, opensOn: s.opensOn, closesOn: s.closesOn });
const questionsJson = (s: SurveyFull) => s.questions.map(({ setKey: _k, position: _p, ...q }) => q);
const sectionsJson = (s: SurveyFull) => s.sections.map((x) => ({ id: x.id, titleNl: x.titleNl, titleEn: x.titleEn }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const hook = async (result: { success: boolean; error?: unknown }, _c: Context<AppEnv, any, any>): Promise<never> => {
  if (result.success) return undefined as never;
  throw invalid(zodIssueFields(result.error as never));
};

export function registerSurveyApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({ method: 'get', path: '/surveys', tags: ['effecten'], summary: 'Enquêtes die u maakt (medewerker partner: van de eigen organisatie; beleidsadviseur: van de gemeente)', security: [{ sessionCookie: [] }], responses: { 200: jsonResponse(z.array(surveySummary), 'De enquêtes'), ...errorResponses(401, 403) } }),
    async (c) => c.json((await listSurveys(c.get('ctx'))).map((s) => ({ ...base(s), ownerOrganisationId: s.ownerOrganisationId, responseCount: s.responseCount })), 200),
    hook,
  );
  api.openapi(
    createRoute({ method: 'get', path: '/surveys/{id}', tags: ['effecten'], summary: 'Eén enquête met onderdelen en vragen (alleen die u maakt)', security: [{ sessionCookie: [] }], request: { params: idParam }, responses: { 200: jsonResponse(surveySchema, 'De enquête'), ...errorResponses(401, 403, 404) } }),
    async (c) => {
      const s = await getSurvey(c.get('ctx'), c.req.valid('param').id);
      return c.json({ ...base(s), ownerOrganisationId: s.ownerOrganisationId, responseCount: s.responseCount, sections: sectionsJson(s), questions: questionsJson(s) }, 200);
    },
    hook,
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/form',
      tags: ['effecten'],
      summary: 'Stap 1 van invullen (openbaar): de vragen van een open enquête en een eenmalig verzendtoken (24 uur geldig)',
      request: { params: idParam },
      responses: { 200: jsonResponse(formSchema, 'Vragen en token'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const { survey } = await getPublicSurvey(ctx, c.req.valid('param').id);
      const { token, expiresAt } = await issueSubmissionToken(ctx, survey.id);
      return c.json({ survey: { ...base(survey), sections: sectionsJson(survey), questions: questionsJson(survey) }, token, expiresAt: expiresAt.toISOString() }, 200);
    },
    hook,
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/surveys/{id}/responses',
      tags: ['effecten'],
      summary: 'Stap 2 van invullen (openbaar): antwoorden versturen met het eenmalige token uit stap 1. Een token werkt één keer (409 bij opnieuw versturen); bij 400 blijft het token bruikbaar.',
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: responseBody } } } },
      responses: { 201: jsonResponse(z.object({ received: z.literal(true) }).openapi('SurveyResponseReceived'), 'Ontvangen'), ...errorResponses(404, 409) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      await submitResponse(c.get('ctx'), c.req.valid('param').id, 'public', { token: body.token, answers: body.answers, context: body.context, consent: body.consent ? { contact: body.consent.contact, name: body.consent.name ?? '' } : null });
      return c.json({ received: true as const }, 201);
    },
    hook,
  );
}
