// JSON API of the framework: themes (with their versions), call periods, districts and neighbourhoods.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { themeContentSchema } from './types.ts';
import { cached } from '../../platform/cache.ts';
import { frameworkEntry, VERSIONED_TTL_MS, listThemes, getTheme, editTheme, listThemeVersions, listPeriods, listDistricts, listNeighbourhoods, setWijkDistrict, startCallPeriod, startCallPeriodInput, type ThemeView, type DistrictView } from './service.ts';

const themeSchema = z
  .object({
    slug: z.string().openapi({ example: 'ontmoeten' }),
    position: z.number().int(),
    name: z.string().openapi({ example: 'Ontmoeten' }),
    mainGoal: z.string(),
    subGoals: z.array(z.string()).openapi({ description: 'Alle subdoelen, in volgorde' }),
    subGoalGroups: z.array(z.object({ title: z.string().nullable(), subGoals: z.array(z.object({ key: z.string(), text: z.string() })) })),
    background: z.array(z.string()),
    districtTasks: z.array(z.object({ district: z.string().nullable(), districtName: z.string().nullable(), tasks: z.array(z.string()) })),
    targetGroups: z.array(z.string()),
    principles: z.array(z.string()).openapi({ description: "Alle 'wat werkt'-principes, in volgorde" }),
    principleGroups: z.array(z.object({ title: z.string().nullable(), intro: z.string().nullable(), items: z.array(z.string()) })),
    extra: z.array(z.string()),
    leads: z.array(z.string()).openapi({ description: 'Organisaties met de regie op dit thema' }),
    version: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string(),
    period: z.object({ code: z.string(), name: z.string() }),
  })
  .openapi('Theme');

const versionSchema = z.object({ version: z.number().int(), changeNote: z.string(), createdBy: z.string(), createdAt: z.iso.datetime({ offset: true }) }).openapi('ThemeVersion');

const neighbourhoodSchema = z
  .object({ code: z.string(), name: z.string(), kind: z.enum(['wijk', 'buurt']), population: z.number().int().nullable(), districtCode: z.string().nullable(), parentCode: z.string().nullable() })
  .openapi('Neighbourhood');

const districtSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    wijken: z.array(z.object({ code: z.string(), name: z.string(), population: z.number().int().nullable(), buurten: z.array(z.object({ code: z.string(), name: z.string() })) })),
  })
  .openapi('District');

export function themeJson(t: ThemeView, districtNames: Map<string, string>) {
  return {
    slug: t.slug,
    position: t.position,
    name: t.name,
    mainGoal: t.mainGoal,
    subGoals: t.subGoalGroups.flatMap((g) => g.subGoals.map((s) => s.text)),
    subGoalGroups: t.subGoalGroups,
    background: t.background,
    districtTasks: t.districtTasks.map((d) => ({ ...d, districtName: d.district ? (districtNames.get(d.district) ?? null) : null })),
    targetGroups: t.targetGroups,
    principles: t.principleGroups.flatMap((g) => g.items),
    principleGroups: t.principleGroups,
    extra: t.extra,
    leads: t.leads,
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
    updatedBy: t.updatedBy,
    period: t.period,
  };
}

const districtJson = (d: DistrictView) => ({
  code: d.code,
  name: d.name,
  wijken: d.wijken.map((w) => ({ code: w.code, name: w.name, population: w.population, buurten: w.buurten.map((b) => ({ code: b.code, name: b.name })) })),
});

const callPeriodSchema = z.object({ code: z.string(), name: z.string(), startYear: z.number().int(), endYear: z.number().int().nullable(), content: z.record(z.string(), z.unknown()) }).openapi('CallPeriod');

const periodQuery = z.object({ period: z.string().max(40).optional().openapi({ description: 'Code van de uitvraagperiode, bijvoorbeeld 2020-2023; standaard de laatste' }) });
const slugParam = z.object({ slug: z.string().max(100).openapi({ param: { name: 'slug', in: 'path' }, example: 'ontmoeten' }) });

const utf8 = new TextEncoder();

export function registerFrameworkApi(api: OpenAPIHono<AppEnv>) {
  const names = async (c: { get: (k: 'ctx') => Parameters<typeof listDistricts>[0] }) => new Map((await listDistricts(c.get('ctx'))).map((d) => [d.code, d.name]));

  api.openapi(
    createRoute({ method: 'get', path: '/themes', tags: ['kader'], summary: 'De thema’s van de uitvraag met hoofddoel, subdoelen, doelgroepen, principes en gebiedsopgaven', request: { query: periodQuery }, responses: { 200: jsonResponse(z.array(themeSchema), 'Thema’s'), ...errorResponses(404) } }),
    async (c) => {
      const ctx = c.get('ctx');
      const period = c.req.valid('query').period;
      const themes = await listThemes(ctx, period);
      // The same for every reader of this version of the themes: serialised once per version and language, kept
      // as bytes; any change to the framework drops it (and a new version has a new key anyway).
      const versions = themes.map((t) => `${t.id}@${t.version}`).join(',');
      const body = await cached(ctx.db, frameworkEntry(ctx, ['themes.json', period, ctx.lang, versions], VERSIONED_TTL_MS), async () => {
        const n = await names(c);
        return utf8.encode(JSON.stringify(themes.map((t) => themeJson(t, n))));
      });
      return c.body(body, 200, { 'Content-Type': 'application/json' }) as never;
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/themes/{slug}',
      tags: ['kader'],
      summary: 'Eén thema, huidige of eerdere versie',
      request: { params: slugParam, query: periodQuery.extend({ version: z.coerce.number().int().min(1).optional() }) },
      responses: { 200: jsonResponse(themeSchema, 'Het thema'), ...errorResponses(404) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const t = await getTheme(c.get('ctx'), c.req.valid('param').slug, { period: q.period, version: q.version });
      return c.json(themeJson(t, await names(c)), 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/themes/{slug}',
      tags: ['kader'],
      summary: 'Thema wijzigen: slaat een nieuwe versie op (beleidsadviseur)',
      security: [{ sessionCookie: [] }],
      request: {
        params: slugParam,
        query: periodQuery,
        body: { required: true, content: { 'application/json': { schema: z.object({ content: themeContentSchema, changeNote: z.string(), baseVersion: z.number().int() }).openapi('EditThemeInput') } } },
      },
      responses: { 200: jsonResponse(themeSchema, 'De nieuwe versie'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const t = await editTheme(c.get('ctx'), c.req.valid('param').slug, c.req.valid('json'), c.req.valid('query').period);
      return c.json(themeJson(t, await names(c)), 200);
    },
  );
  api.openapi(
    createRoute({ method: 'get', path: '/themes/{slug}/versions', tags: ['kader'], summary: 'Versiegeschiedenis van een thema', request: { params: slugParam, query: periodQuery }, responses: { 200: jsonResponse(z.array(versionSchema), 'Versies, nieuwste eerst'), ...errorResponses(404) } }),
    async (c) => {
      const versions = await listThemeVersions(c.get('ctx'), c.req.valid('param').slug, c.req.valid('query').period);
      return c.json(versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })), 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/call-periods',
      tags: ['kader'],
      summary: 'Uitvraagperiodes met maatschappelijke doelen, rollen van het welzijnswerk, verantwoordingsniveaus en kwaliteitscriteria',
      responses: { 200: jsonResponse(z.array(callPeriodSchema), 'Periodes'), ...errorResponses() },
    }),
    async (c) => c.json((await listPeriods(c.get('ctx'))).map(({ id: _id, ...p }) => p), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/call-periods',
      tags: ['kader'],
      summary: 'Nieuwe uitvraagperiode starten: de thema’s van de laatste periode worden versie 1 van de nieuwe (beleidsadviseur)',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: startCallPeriodInput.openapi('StartCallPeriodInput') } } } },
      responses: { 201: jsonResponse(callPeriodSchema, 'De nieuwe periode'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => {
      const { id: _id, ...p } = await startCallPeriod(c.get('ctx'), c.req.valid('json'));
      return c.json(p, 201);
    },
  );
  api.openapi(
    createRoute({ method: 'get', path: '/districts', tags: ['kader'], summary: 'Stadsdelen met hun wijken (CBS) en buurten', responses: { 200: jsonResponse(z.array(districtSchema), 'Stadsdelen'), ...errorResponses() } }),
    async (c) => c.json((await listDistricts(c.get('ctx'))).map(districtJson), 200),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/neighbourhoods', tags: ['kader'], summary: 'Alle wijken en buurten (bron wijken: Kadaster / CBS, 2024)', responses: { 200: jsonResponse(z.array(neighbourhoodSchema), 'Wijken en buurten'), ...errorResponses() } }),
    async (c) => c.json((await listNeighbourhoods(c.get('ctx'))).map(({ id: _id, ...n }) => n), 200),
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/neighbourhoods/{code}/district',
      tags: ['kader'],
      summary: 'Een wijk aan een stadsdeel toewijzen (beheerder)',
      security: [{ sessionCookie: [] }],
      request: {
        params: z.object({ code: z.string().max(20).openapi({ param: { name: 'code', in: 'path' }, example: 'WK039201' }) }),
        body: { required: true, content: { 'application/json': { schema: z.object({ districtCode: z.string().max(40).nullable() }).openapi('SetDistrictInput') } } },
      },
      responses: { 200: jsonResponse(z.array(districtSchema), 'Stadsdelen na de wijziging'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      await setWijkDistrict(c.get('ctx'), { wijkCode: c.req.valid('param').code, districtCode: c.req.valid('json').districtCode });
      return c.json((await listDistricts(c.get('ctx'))).map(districtJson), 200);
    },
  );
}
