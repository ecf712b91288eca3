// JSON API of the accountability plan (/api/v1/plans): list, one plan by theme and year, create, and entry- and
// choice-level changes. The same service functions as the pages; every change needs a reason.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZodError } from 'zod';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { invalid, zodIssueFields } from '../../platform/http/errors.ts';
import { addChoice, createPlan, getPlan, listPlanRevisions, listPlans, removeChoice, removeEntry, saveEntry, updateChoice, type PlanView } from './plans.ts';
import { choiceInput, createPlanInput, entryInput, planFieldLabels, removeInput, MAX_CHOICES_PER_SUB_GOAL } from './plan-input.ts';

const target = z.object({ targetGroup: z.string(), district: z.string(), plannedResidents: z.number().int() });
const choice = z.object({ id: z.uuid(), subGoal: z.string(), activityId: z.uuid().nullable(), activityTitle: z.string(), activityKind: z.string(), indicators: z.string(), method: z.string() });
const entry = z
  .object({
    id: z.uuid(),
    activityId: z.uuid(),
    activityTitle: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    plannedSessions: z.number().int(),
    plannedHours: z.number(),
    subGoals: z.array(z.string()),
    principles: z.array(z.string()),
    targets: z.array(target).openapi({ description: "Gepland bereik (unieke inwoners) per doelgroep en stadsdeel; '' = alle / hele stad" }),
  })
  .openapi('PlanEntry');
const summary = z.object({ id: z.uuid(), theme: z.string(), themeName: z.string(), year: z.number().int(), periodCode: z.string(), version: z.number().int(), updatedAt: z.iso.datetime({ offset: true }) }).openapi('PlanSummary');
const plan = z
  .object({
    id: z.uuid(),
    theme: z.string(),
    themeName: z.string(),
    year: z.number().int(),
    periodCode: z.string(),
    version: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }),
    maxChoicesPerSubGoal: z.number().int(),
    subGoals: z.array(z.object({ key: z.string(), text: z.string(), choices: z.array(choice.extend({ deliveredBy: z.array(z.object({ id: z.uuid(), name: z.string() })) })) })),
    entries: z.array(entry),
  })
  .openapi('Plan');
const revision = z.object({ version: z.number().int(), actorName: z.string(), organisationId: z.uuid().nullable(), reason: z.string(), createdAt: z.iso.datetime({ offset: true }), snapshot: z.object({ choices: z.array(choice), entries: z.array(entry) }) }).openapi('PlanRevision');

const planJson = (p: PlanView) => ({
  id: p.id,
  theme: p.themeSlug,
  themeName: p.themeName,
  year: p.year,
  periodCode: p.periodCode,
  version: p.version,
  updatedAt: p.updatedAt.toISOString(),
  maxChoicesPerSubGoal: MAX_CHOICES_PER_SUB_GOAL,
  subGoals: p.subGoals,
  entries: p.entries,
});

const planParams = z.object({
  slug: z.string().openapi({ param: { name: 'slug', in: 'path' }, example: 'ontmoeten' }),
  year: z.string().regex(/^\d{4}$/).openapi({ param: { name: 'year', in: 'path', required: true }, example: '2022' }),
});
const idParams = planParams.extend({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const body = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });
const security = [{ sessionCookie: [] }];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Ctx = Context<AppEnv, any, any>;
/**
 * A body with a bad shape still goes to the service, which checks shape and references in one pass and throws every
 * field error at once; other bad parts (path, query) answer with their field errors.
 */
const hookTo =
  (run: (c: Ctx, data: unknown) => Promise<unknown>) =>
  async (result: { success: boolean; error?: unknown }, c: Ctx): Promise<never> => {
    if (result.success) return undefined as never;
    const { target, data } = result as { target?: string; data?: unknown };
    if (target === 'json') await run(c, data);
    throw invalid(zodIssueFields(result.error as ZodError, planFieldLabels));
  };
const param = (c: Ctx) => ({ slug: c.req.param('slug') as string, year: Number(c.req.param('year')) });

export function registerPlanApi(api: OpenAPIHono<AppEnv>) {
  const noBody = hookTo(async () => undefined);
  api.openapi(
    createRoute({
      method: 'get',
      path: '/plans',
      tags: ['verantwoording'],
      summary: 'De verantwoordingsplannen die u mag zien (per thema en jaar)',
      security,
      request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), theme: z.string().max(100).optional() }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(summary) }), 'De plannen'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await listPlans(c.get('ctx'), q);
      return c.json({ items: items.map((p) => ({ id: p.id, theme: p.themeSlug, themeName: p.themeName, year: p.year, periodCode: p.periodCode, version: p.version, updatedAt: p.updatedAt.toISOString() })) }, 200);
    },
    noBody,
  );
  api.openapi(
    createRoute({ method: 'post', path: '/plans', tags: ['verantwoording'], summary: 'Een plan maken voor een thema en een jaar (het jaar moet in een subsidieperiode vallen)', security, request: { body: body(createPlanInput.openapi('PlanInput')) }, responses: { 201: jsonResponse(plan, 'Het nieuwe plan (versie 1)'), ...errorResponses(401, 403, 409) } }),
    async (c) => c.json(planJson(await createPlan(c.get('ctx'), c.req.valid('json'))), 201),
    hookTo((c, data) => createPlan(c.get('ctx'), data as never)),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/plans/{slug}/{year}', tags: ['verantwoording'], summary: 'Eén plan: per subdoel de keuzes, per keuze de plannen van de organisaties', security, request: { params: planParams }, responses: { 200: jsonResponse(plan, 'Het plan'), ...errorResponses(401, 404) } }),
    async (c) => c.json(planJson(await getPlan(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year))), 200),
    noBody,
  );
  api.openapi(
    createRoute({ method: 'get', path: '/plans/{slug}/{year}/revisions', tags: ['verantwoording'], summary: 'Alle versies van een plan: wie, waarom, voor welke organisatie, en het plan na de wijziging', security, request: { params: planParams }, responses: { 200: jsonResponse(z.object({ items: z.array(revision) }), 'De versies, nieuwste eerst'), ...errorResponses(401, 404) } }),
    async (c) => {
      const items = await listPlanRevisions(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year));
      return c.json({ items: items.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) }, 200);
    },
    noBody,
  );
  api.openapi(
    createRoute({ method: 'post', path: '/plans/{slug}/{year}/choices', tags: ['verantwoording'], summary: 'Een cruciale keuze toevoegen bij een subdoel (hoogstens het maximum per subdoel)', security, request: { params: planParams, body: body(choiceInput) }, responses: { 201: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(planJson(await addChoice(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('json'))), 201),
    hookTo((c, data) => addChoice(c.get('ctx'), param(c).slug, param(c).year, data as never)),
  );
  api.openapi(
    createRoute({ method: 'put', path: '/plans/{slug}/{year}/choices/{id}', tags: ['verantwoording'], summary: 'Een keuze wijzigen', security, request: { params: idParams, body: body(choiceInput) }, responses: { 200: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404, 409) } }),
    async (c) => c.json(planJson(await updateChoice(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('param').id, c.req.valid('json'))), 200),
    hookTo((c, data) => updateChoice(c.get('ctx'), param(c).slug, param(c).year, c.req.param('id') as string, data as never)),
  );
  api.openapi(
    createRoute({ method: 'delete', path: '/plans/{slug}/{year}/choices/{id}', tags: ['verantwoording'], summary: 'Een keuze weghalen (de plannen voor die activiteit gaan mee, tenzij ze ook elders gekozen is)', security, request: { params: idParams, body: body(removeInput) }, responses: { 200: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(planJson(await removeChoice(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('param').id, c.req.valid('json'))), 200),
    hookTo((c, data) => removeChoice(c.get('ctx'), param(c).slug, param(c).year, c.req.param('id') as string, data as never)),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/plans/{slug}/{year}/entries',
      tags: ['verantwoording'],
      summary: 'Het plan van een organisatie voor een gekozen activiteit toevoegen (medewerker partner: de eigen organisatie, die de activiteit moet uitvoeren; beheerder: organisationId verplicht)',
      security,
      request: { params: planParams, body: body(entryInput) },
      responses: { 201: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(planJson(await saveEntry(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('json'))), 201),
    hookTo((c, data) => saveEntry(c.get('ctx'), param(c).slug, param(c).year, data as never)),
  );
  const entryUpdate = entryInput.omit({ activityId: true, organisationId: true }).openapi('PlanEntryUpdate');
  api.openapi(
    createRoute({ method: 'put', path: '/plans/{slug}/{year}/entries/{id}', tags: ['verantwoording'], summary: 'Het plan van een organisatie wijzigen (alleen de eigen organisatie)', security, request: { params: idParams, body: body(entryUpdate) }, responses: { 200: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(planJson(await saveEntry(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('json') as never, c.req.valid('param').id)), 200),
    hookTo((c, data) => saveEntry(c.get('ctx'), param(c).slug, param(c).year, data as never, c.req.param('id') as string)),
  );
  api.openapi(
    createRoute({ method: 'delete', path: '/plans/{slug}/{year}/entries/{id}', tags: ['verantwoording'], summary: 'Het plan van een organisatie weghalen (alleen de eigen organisatie)', security, request: { params: idParams, body: body(removeInput) }, responses: { 200: jsonResponse(plan, 'Het plan na de wijziging'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(planJson(await removeEntry(c.get('ctx'), c.req.valid('param').slug, Number(c.req.valid('param').year), c.req.valid('param').id, c.req.valid('json'))), 200),
    hookTo((c, data) => removeEntry(c.get('ctx'), param(c).slug, param(c).year, c.req.param('id') as string, data as never)),
  );
}
