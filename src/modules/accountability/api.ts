// JSON API of the accountability document: its figures (the same function as the web page, PDF and XLSX, so they
// never disagree), its workflow state and narratives; and the PDF and XLSX downloads, rendered on request.
import type { Context } from 'hono';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse, versionHeader } from '../../platform/http/openapi.tsx';
import { notFound } from '../../platform/http/errors.ts';
import { DISCLOSURE_RULE } from '../reach/service.ts';
import { getDocument } from './document-service.ts';
import { renderAccountability } from './exports.ts';

const count = z.union([z.number().int(), z.literal('< 5'), z.literal('x')]).openapi('AccountabilityCount', {
  description: 'Een aantal mensen of bezoeken met de kleine-aantallenregel toegepast: "< 5" onder 5, "x" verborgen (terugrekenen), anders afgerond op 5.',
});
const delivery = z.object({
  plannedSessions: z.number(),
  heldSessions: z.number().int(),
  cancelledSessions: z.number().int(),
  plannedHours: z.number(),
  heldHours: z.number(),
  deviation: z.enum(['under', 'over']).nullable().openapi({ description: 'Afwijking van meer dan 10% onder of boven plan' }),
});
const reachLine = z.object({ key: z.string(), label: z.string(), residents: count, visits: count, planned: z.number().nullable(), realisedPct: z.number().nullable() });
const subGoal = z.object({
  key: z.string().openapi({ example: 'ontmoeten/1' }),
  text: z.string(),
  level1: z.object({
    total: delivery,
    rows: z.array(delivery.extend({ activityId: z.string(), activityTitle: z.string(), organisationId: z.string(), organisationName: z.string(), explanation: z.string() })),
  }),
  level2: reachLine,
  level3: z.object({
    questions: z.array(
      z.object({
        surveyId: z.string(),
        surveyTitle: z.string(),
        questionId: z.string(),
        question: z.string(),
        type: z.string(),
        answered: count,
        mean: z.number().nullable(),
        scaleMin: z.number().nullable(),
        scaleMax: z.number().nullable(),
        agreePct: z.number().nullable(),
      }),
    ),
    outflow: z.object({ ended: count, reached: count, partly: count, not: count, reachedPct: z.number().nullable() }),
    stories: z.array(z.object({ id: z.string(), organisationId: z.string(), organisationName: z.string(), title: z.string(), body: z.string(), storyDate: z.string().openapi({ format: 'date' }) })),
  }),
});
const documentSchema = z
  .object({
    theme: z.object({ slug: z.string(), name: z.string(), mainGoal: z.string() }),
    year: z.number().int(),
    status: z.enum(['draft', 'submitted', 'accepted', 'returned']),
    version: z.number().int(),
    narratives: z.record(z.string(), z.string()).openapi({ description: 'Verhaal per sectie: intro, of <subdoel>#<niveau 1–4>' }),
    events: z.array(z.object({ version: z.number().int(), kind: z.enum(['submitted', 'accepted', 'returned']), comment: z.string(), actorName: z.string(), createdAt: z.string().openapi({ format: 'date-time' }) })),
    figures: z.object({
      periodCode: z.string(),
      computedAt: z.string().openapi({ format: 'date-time' }),
      disclosureRule: z.string().openapi({ example: DISCLOSURE_RULE }),
      deviationThreshold: z.number(),
      organisations: z.array(z.object({ id: z.string(), name: z.string() })),
      total: z.object({ delivery, residents: count, visits: count, plannedResidents: z.number().nullable(), realisedPct: z.number().nullable(), volunteers: count, volunteerHours: z.union([z.number(), z.literal('x')]) }),
      reachByTargetGroup: z.array(reachLine),
      reachByDistrict: z.array(reachLine),
      subGoals: z.array(subGoal),
    }),
  })
  .openapi('AccountabilityDocument');

const pathParams = z.object({
  table: z.string().min(1).max(80).openapi({ param: { name: 'table', in: 'path', required: true }, description: 'Thematafel (slug van het thema)', example: 'ontmoeten' }),
  year: z.string().regex(/^\d{4}$/).openapi({ param: { name: 'year', in: 'path', required: true }, example: '2026' }),
});
const tags = ['verantwoording'];

const fileRoute = (format: 'pdf' | 'xlsx', type: string) =>
  createRoute({
    method: 'get',
    path: `/accountability/{table}/{year}/${format}`,
    tags,
    summary: format === 'pdf' ? 'Het verantwoordingsdocument als PDF (inhoudsopgave, grafieken, paginanummers)' : 'Alle cijfers van het verantwoordingsdocument als Excel-bestand',
    security: [{ sessionCookie: [] }],
    request: { params: pathParams },
    responses: { 200: { description: 'Het bestand', headers: versionHeader, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } }, ...errorResponses(401, 403, 404) },
  });

const yearOf = (c: Context<AppEnv>) => {
  const y = Number(c.req.param('year'));
  if (!Number.isInteger(y)) throw notFound();
  return y;
};

export function registerAccountabilityApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/accountability/{table}/{year}',
      tags,
      summary: 'Het jaarlijkse verantwoordingsdocument van een thematafel: cijfers per subdoel op niveau 1–3, verhalen en status',
      description: 'Dezelfde cijfers als de webpagina, de PDF en het Excel-bestand. Kleine aantallen zijn beschermd (disclosureRule). Onbekend thema of jaar buiten de uitvraag: 404.',
      security: [{ sessionCookie: [] }],
      request: { params: pathParams },
      responses: { 200: jsonResponse(documentSchema, 'Het document'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const d = await getDocument(c.get('ctx'), c.req.param('table'), yearOf(c));
      const { theme, year, ...figures } = d.figures;
      return c.json(
        {
          theme,
          year,
          status: d.status,
          version: d.version,
          narratives: Object.fromEntries(Object.entries(d.narratives).map(([k, n]) => [k, n.text])),
          events: d.events.map((e) => ({ version: e.version, kind: e.kind, comment: e.comment, actorName: e.actorName, createdAt: e.createdAt.toISOString() })),
          figures,
        },
        200,
      );
    },
  );
  for (const [format, type] of [
    ['pdf', 'application/pdf'],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ] as const) {
    api.openapi(fileRoute(format, type), (async (c: Context<AppEnv>) => {
      const f = await renderAccountability(c.get('ctx'), { slug: c.req.param('table') ?? '', year: yearOf(c), format });
      return c.body(new Uint8Array(f.content), 200, { 'Content-Type': f.contentType, 'Content-Disposition': `attachment; filename="${f.fileName}"` });
    }) as never);
  }
}
