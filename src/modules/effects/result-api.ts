// GET /api/v1/surveys/{id}/results: the survey's results as the results page shows them (same service), with the
// small-cell rule applied for the reader: counts are numbers or "< 5" (rounded to a multiple of 5 for anyone but the
// survey's own staff), statistics of groups under 5 responses are null. Filters as query parameters.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { invalid, zodIssueFields } from '../../platform/http/errors.ts';
import { getSurveyResults } from './result-service.ts';
import { channels, questionTypes } from './survey-types.ts';
import { DISCLOSURE_NOTE } from './result-messages.ts';

const count = z.union([z.number().int(), z.literal('< 5'), z.literal('x')]).openapi({ description: 'Aantal, of "< 5" (kleine groep, verborgen)' });
const cell = z.object({ key: z.string().nullable(), n: count });
const option = z.object({ key: z.string(), nl: z.string(), en: z.string() });
const resultsSchema = z
  .object({
    surveyId: z.uuid(),
    exact: z.boolean().openapi({ description: 'true: u bent medewerker van de eigenaar van de enquête en ziet exacte aantallen' }),
    rule: z.string(),
    filters: z.object({ period: z.string().optional(), activityId: z.string().optional(), districtCode: z.string().optional(), targetGroup: z.string().optional(), channel: z.string().optional() }),
    responses: count,
    invitations: z.object({ invited: z.number().int(), responded: z.number().int(), rate: z.number().nullable() }).nullable(),
    breakdown: z.record(z.string(), z.array(cell)).openapi({ description: 'Reacties per kanaal, activiteit, stadsdeel, doelgroep, maand en kwartaal' }),
    questions: z.array(
      z.object({
        id: z.uuid(),
        type: z.enum(questionTypes),
        textNl: z.string(),
        textEn: z.string(),
        answered: count,
        scale: z
          .object({
            min: z.number(),
            max: z.number(),
            distribution: z.array(z.object({ value: z.number(), n: count })),
            stats: z.object({ mean: z.number(), sd: z.number().nullable(), median: z.number(), q1: z.number(), q3: z.number() }).nullable(),
            crossTabs: z.record(z.string(), z.array(z.object({ key: z.string().nullable(), n: count, mean: z.number().nullable() }))),
          })
          .optional(),
        options: z.array(option.extend({ n: count, share: z.number().nullable().openapi({ description: 'Percentage van wie de vraag beantwoordde' }) })).optional(),
        ranking: z.array(option.extend({ borda: z.number().nullable().openapi({ description: 'Borda-punten: plaats p van k opties geeft k − p punten' }), meanRank: z.number().nullable(), firsts: count })).optional(),
        texts: z.array(z.object({ text: z.string(), answeredOn: z.string() })).nullable().optional(),
      }),
    ),
  })
  .openapi('SurveyResults');

export function registerResultApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/surveys/{id}/results',
      tags: ['effecten'],
      summary: 'Resultaten van een enquête (aantallen, verdelingen, gemiddelden, rangordes, kruistabellen), met de regel voor kleine aantallen',
      security: [{ sessionCookie: [] }],
      request: {
        params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }),
        query: z.object({
          period: z.string().max(10).optional().openapi({ description: 'JJJJ, JJJJ-MM of JJJJ-Qn' }),
          activityId: z.string().max(40).optional(),
          districtCode: z.string().max(40).optional(),
          targetGroup: z.string().max(60).optional(),
          channel: z.enum(channels).optional(),
        }),
      },
      responses: { 200: jsonResponse(resultsSchema, 'De resultaten'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const r = await getSurveyResults(c.get('ctx'), c.req.valid('param').id, c.req.valid('query'));
      return c.json({ surveyId: r.survey.id, exact: r.exact, rule: DISCLOSURE_NOTE, filters: r.filters, responses: r.responses, invitations: r.invitations, breakdown: r.breakdown, questions: r.questions }, 200);
    },
    async (result) => {
      if (result.success) return undefined as never;
      throw invalid(zodIssueFields(result.error as never));
    },
  );
}
