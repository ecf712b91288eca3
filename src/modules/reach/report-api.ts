// JSON API of the reports: reach (level 2), delivery (level 1), volunteers, and the organisation's explanation of a
// deviation. The same service functions as the pages, so the same figures and the same small-cell rule.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { filterKeys, type ReportFiltersInput } from './report-filters.ts';
import { reachReport, breakdownNames } from './report.ts';
import { deliveryReport, saveExplanation, DEVIATION_THRESHOLD } from './delivery.ts';
import { volunteersReport } from './volunteers-report.ts';
import { DISCLOSURE_RULE } from './disclosure.ts';

const count = z.union([z.number().int(), z.literal('< 5'), z.literal('x')]).openapi('DisclosedCount', {
  description: 'Een aantal. Onder 5 (voor wie niet de eigen organisatie is): de tekst "< 5"; "x" = verborgen om terugrekenen te voorkomen; anders een getal (afgerond op 5 tenzij disclosure.exact).',
});
const disclosure = z.object({ rule: z.string().openapi({ example: DISCLOSURE_RULE }), exact: z.boolean() }).openapi('Disclosure');
const filterQuery = z.object({
  year: z.string().openapi({ description: 'Jaar (verplicht)', example: '2026' }),
  from: z.string().optional().openapi({ description: 'Vanaf datum (JJJJ-MM-DD) binnen het jaar' }),
  to: z.string().optional().openapi({ description: 'Tot en met datum binnen het jaar' }),
  theme: z.string().optional().openapi({ description: 'Thema (slug), bijvoorbeeld ontmoeten' }),
  subGoal: z.string().optional().openapi({ description: 'Subdoel (sleutel), bijvoorbeeld ontmoeten/1' }),
  targetGroup: z.string().optional().openapi({ description: 'Doelgroep (sleutel van de lijst)' }),
  district: z.string().optional().openapi({ description: 'Stadsdeel (code)' }),
  wijk: z.string().optional().openapi({ description: 'Wijk (CBS-code WK…)' }),
  organisation: z.string().optional().openapi({ description: 'Organisatie (id)' }),
  activity: z.string().optional().openapi({ description: 'Activiteit (id)' }),
});
const breakdownRow = z.object({ key: z.string(), label: z.string(), residents: count, visits: count, planned: z.number().nullable() });
const reachSchema = z
  .object({
    year: z.number().int(),
    from: z.string(),
    to: z.string(),
    uniqueResidents: count,
    visits: count.openapi({ description: 'Alle bezoeken: geregistreerd + geteld (anoniem) + anoniem geïmporteerd' }),
    identifiedVisits: count,
    anonymousVisits: count,
    sessions: z.number().int().openapi({ description: 'Gehouden bijeenkomsten' }),
    sessionsCancelled: z.number().int(),
    plannedReach: z.number().nullable(),
    overlap: count.openapi({ description: 'Inwoners bereikt door twee of meer organisaties' }),
    organisations: z.array(z.object({ organisationId: z.string(), name: z.string(), residents: count, visits: count, alsoReachedByOthers: count, sessionsHeld: z.number().int(), planned: z.number().nullable() })),
    breakdowns: z.object(Object.fromEntries(breakdownNames.map((n) => [n, z.array(breakdownRow)])) as Record<(typeof breakdownNames)[number], z.ZodArray<typeof breakdownRow>>),
    disclosure,
  })
  .openapi('ReachReport');
const figures = { plannedSessions: z.number(), heldSessions: z.number().int(), cancelledSessions: z.number().int(), plannedHours: z.number(), heldHours: z.number(), deviation: z.enum(['under', 'over']).nullable() };
const summaryRow = z.object({ key: z.string(), label: z.string(), ...figures });
const deliverySchema = z
  .object({
    year: z.number().int(),
    threshold: z.number().openapi({ description: `Afwijking: meer dan deze fractie onder of boven plan (${DEVIATION_THRESHOLD})` }),
    total: z.object(figures),
    rows: z.array(z.object({ activityId: z.string(), activityTitle: z.string(), organisationId: z.string(), organisationName: z.string(), themes: z.array(z.string()), subGoals: z.array(z.string()), explanation: z.string(), ...figures })),
    byOrganisation: z.array(summaryRow),
    byTheme: z.array(summaryRow),
    bySubGoal: z.array(summaryRow),
    byDistrict: z.array(summaryRow),
    byQuarter: z.array(summaryRow),
    byMonth: z.array(summaryRow),
    disclosure,
  })
  .openapi('DeliveryReport');
const volunteerRow = z.object({ organisationId: z.string(), organisationName: z.string(), activityId: z.string().nullable(), activityTitle: z.string().nullable(), activeVolunteers: count, turns: count, hours: z.union([z.number(), z.literal('x')]) });
const volunteersSchema = z
  .object({ year: z.number().int(), activeVolunteers: count, turns: count, hours: z.union([z.number(), z.literal('x')]), byOrganisation: z.array(volunteerRow), byActivity: z.array(volunteerRow), disclosure })
  .openapi('VolunteersReport');

const pick = (q: Record<string, string>): ReportFiltersInput => Object.fromEntries(filterKeys.filter((k) => q[k] !== undefined).map((k) => [k, q[k]]));
const tags = ['verantwoording'];

export function registerReportApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/reach',
      tags,
      summary: 'Bereik (niveau 2): unieke inwoners, bezoeken, bijeenkomsten, gepland bereik, uitsplitsingen en overlap',
      description: 'Kleine aantallen zijn beschermd (zie disclosure). Onbekend thema, subdoel, doelgroep, stadsdeel, wijk of organisatie: 400 met code unknown_reference.',
      security: [{ sessionCookie: [] }],
      request: { query: filterQuery },
      responses: { 200: jsonResponse(reachSchema, 'Het bereik'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const r = await reachReport(c.get('ctx'), pick(c.req.query()));
      const { filters, ...rest } = r;
      return c.json({ ...rest, year: filters.year }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/delivery',
      tags,
      summary: 'Uitvoering (niveau 1): gepland en gehouden bijeenkomsten en uren, met afwijkingen en toelichting',
      security: [{ sessionCookie: [] }],
      request: { query: filterQuery },
      responses: { 200: jsonResponse(deliverySchema, 'Gepland en gedaan'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { filters, rows, ...rest } = await deliveryReport(c.get('ctx'), pick(c.req.query()));
      return c.json({ ...rest, rows: rows.map(({ mayExplain: _m, ...x }) => x), year: filters.year }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/volunteers',
      tags,
      summary: 'Vrijwilligers: actieve vrijwilligers, beurten en uren per organisatie en activiteit',
      security: [{ sessionCookie: [] }],
      request: { query: filterQuery },
      responses: { 200: jsonResponse(volunteersSchema, 'Vrijwilligers'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { filters, ...rest } = await volunteersReport(c.get('ctx'), pick(c.req.query()));
      return c.json({ ...rest, year: filters.year }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/explanations/{activityId}/{year}',
      tags,
      summary: 'De toelichting van de eigen organisatie op een afwijking (per activiteit en jaar); lege tekst wist haar',
      security: [{ sessionCookie: [] }],
      request: {
        params: z.object({ activityId: z.string().openapi({ param: { name: 'activityId', in: 'path' } }), year: z.string().openapi({ param: { name: 'year', in: 'path' }, example: '2026' }) }),
        body: { required: true, content: { 'application/json': { schema: z.object({ text: z.string().max(4000) }).openapi('ExplanationInput') } } },
      },
      responses: {
        200: jsonResponse(z.object({ activityId: z.string(), year: z.number().int(), organisationId: z.string(), text: z.string() }).openapi('Explanation'), 'Opgeslagen'),
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(await saveExplanation(c.get('ctx'), { activityId: p.activityId, year: p.year }, c.req.valid('json')), 200);
    },
  );
}
