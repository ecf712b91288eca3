// JSON API of the framework: themes (with their versions), call periods, districts and neighbourhoods.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { themeContentSchema } from './types.ts';
import { cached } from '../../platform/cache.ts';
import { frameworkEntry, VERSIONED_TTL_MS, getPeriod, getReport, listTargetGroups, getPass, listThemes, getTheme, editTheme, listThemeVersions, listPeriods, listDistricts, listNeighbourhoods, setWijkDistrict, startCallPeriod, startCallPeriodInput, type ThemeView, type DistrictView, type PeriodView, type ReportView } from './service.ts';
import { AppError } from '../../platform/http/errors.ts';

const keyedText = z.object({ key: z.string(), text: z.string() });
const principleJson = keyedText.extend({ description: z.string().nullable().optional() }).openapi('Principle', { description: "Een 'wat werkt'-principe; de sleutel (thema/pN) blijft gelijk als de tekst wordt herschreven" });

const themeSchema = z
  .object({
    slug: z.string().openapi({ example: 'ontmoeten' }),
    position: z.number().int(),
    name: z.string().openapi({ example: 'Ontmoeten' }),
    mainGoal: z.string(),
    subGoals: z.array(keyedText).openapi({ description: 'Alle subdoelen, in volgorde' }),
    subGoalGroups: z.array(z.object({ title: z.string().nullable(), subGoals: z.array(keyedText) })),
    background: z.array(z.string()),
    districtTasks: z
      .array(
        z.object({
          heading: z.string().nullable().openapi({ description: 'Kopje zoals in de uitvraag, bijvoorbeeld "Oost/Schalkwijk:"; null voor de hele stad' }),
          districts: z.array(z.object({ code: z.string(), name: z.string() })),
          tasks: z.array(z.object({ text: z.string(), districts: z.array(z.string()).openapi({ description: 'Stadsdelen waar deze opgave over gaat' }) })),
        }),
      )
      .openapi({ description: 'Gebiedsopgaven onder de kopjes van de uitvraag' }),
    targetGroups: z
      .array(z.object({ heading: z.string().nullable(), items: z.array(keyedText.extend({ groups: z.array(z.string()).openapi({ description: 'Doelgroepen van de lijst van het platform (indeling van het platform)' }) })), note: z.string().nullable() }))
      .openapi({ description: 'Specifieke doelgroepen van de uitvraag, met tussenkopjes zoals in de bron' }),
    principles: z.array(principleJson).openapi({ description: "Alle 'wat werkt'-principes, in volgorde" }),
    principleGroups: z.array(
      z.object({ title: z.string().nullable(), intro: z.string().nullable(), listTitle: z.string().nullable(), items: z.array(principleJson), note: z.string().nullable(), appendix: z.string().nullable() }),
    ),
    extra: z.array(z.string()),
    chair: z.object({ text: z.string(), quote: z.string(), source: z.string() }).nullable().openapi({ description: 'Voorzitter van de thematafel volgens de uitvraag' }),
    leads: z
      .array(z.object({ organisations: z.array(z.object({ name: z.string(), id: z.string().nullable() })), quote: z.string(), source: z.string(), report: z.string() }))
      .openapi({ description: 'Regie volgens het rapport van 2021 (niet uit de uitvraag), met citaat en bron' }),
    version: z.number().int(),
    updatedAt: z.iso.datetime({ offset: true }),
    updatedBy: z.string(),
    period: z.object({ code: z.string(), name: z.string() }),
  })
  .openapi('Theme');

const accountabilityLevelJson = z
  .object({ key: z.string().openapi({ example: 'niveau-4' }), level: z.number().int(), text: z.string(), items: z.array(keyedText).openapi({ description: 'Onderdelen van het niveau (niveau 4: vier)' }) })
  .openapi('AccountabilityLevel');
const targetGroupJson = z
  .object({ key: z.string(), name: z.string(), by: z.literal('platform'), callGroups: z.array(z.object({ key: z.string(), text: z.string(), themeSlug: z.string() })) })
  .openapi('TargetGroup');
const passJson = z.object({ key: z.string(), name: z.string(), description: z.string(), descriptionBy: z.literal('platform'), quote: z.string(), source: z.string() }).openapi('MunicipalPass');

const reportJson = z
  .object({ code: z.string(), title: z.string(), year: z.number().int(), source: z.string(), content: z.record(z.string(), z.unknown()).openapi({ description: 'societalGoals, welfareRoles, driehoek, themeLeads (met organisationIds), leadNote; velden met by/descriptionBy "platform" zijn van het platform' }) })
  .openapi('FrameworkReport');

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

export interface ThemeJsonContext {
  districtNames: Map<string, string>;
  period: PeriodView | null;
  report: ReportView | null;
}

export function themeJson(t: ThemeView, x: ThemeJsonContext) {
  const named = (codes: string[]) => codes.map((code) => ({ code, name: x.districtNames.get(code) ?? code }));
  const chair = x.period?.content.chair;
  return {
    slug: t.slug,
    position: t.position,
    name: t.name,
    mainGoal: t.mainGoal,
    subGoals: t.subGoalGroups.flatMap((g) => g.subGoals),
    subGoalGroups: t.subGoalGroups,
    background: t.background,
    districtTasks: t.districtTasks.map((b) => ({ heading: b.heading, districts: named(b.districts), tasks: b.tasks.map((task) => ({ text: task.text, districts: task.districts ?? b.districts })) })),
    targetGroups: t.targetGroups.map((s) => ({ heading: s.heading, items: s.items, note: s.note ?? null })),
    principles: t.principleGroups.flatMap((g) => g.items),
    principleGroups: t.principleGroups.map((g) => ({ title: g.title, intro: g.intro, listTitle: g.listTitle ?? null, items: g.items, note: g.note ?? null, appendix: g.appendix ?? null })),
    extra: t.extra,
    chair: chair ? { text: chair.text, quote: chair.quote, source: chair.source } : null,
    leads: (x.report?.content.themeLeads ?? [])
      .filter((l) => l.themeSlug === t.slug)
      .map((l) => ({ organisations: l.organisations.map((name, i) => ({ name, id: l.organisationIds?.[i] ?? null })), quote: l.quote, source: l.source, report: x.report!.title })),
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

/** A municipality without a call period has none to show; any other failure stays a failure. */
const noPeriod = (err: unknown): null => {
  if (err instanceof AppError && err.code === 'not_found') return null;
  throw err;
};

export function registerFrameworkApi(api: OpenAPIHono<AppEnv>) {
  type Ctx = Parameters<typeof listDistricts>[0];
  const jsonContext = async (ctx: Ctx, period?: string): Promise<ThemeJsonContext> => {
    const [ds, p, report] = await Promise.all([listDistricts(ctx), getPeriod(ctx, period).catch(noPeriod), getReport(ctx)]);
    return { districtNames: new Map(ds.map((d) => [d.code, d.name])), period: p, report };
  };

  api.openapi(
    createRoute({ method: 'get', path: '/themes', tags: ['kader'], summary: 'De thema’s van de uitvraag met hoofddoel, subdoelen, doelgroepen, principes en gebiedsopgaven', request: { query: periodQuery }, responses: { 200: jsonResponse(z.array(themeSchema), 'Thema’s'), ...errorResponses(404) } }),
    async (c) => {
      const ctx = c.get('ctx');
      const period = c.req.valid('query').period;
      const themes = await listThemes(ctx, period);
      // The same for every reader of this version of the themes: serialised once per version and language, kept
      // as bytes; any change to the framework (also the report and its leads) drops it, and a new version has a new key.
      const versions = themes.map((t) => `${t.id}@${t.version}`).join(',');
      const body = await cached(ctx.db, frameworkEntry(ctx, ['themes.json', period, ctx.lang, versions], VERSIONED_TTL_MS), async () => {
        const x = await jsonContext(ctx, period);
        return utf8.encode(JSON.stringify(themes.map((t) => themeJson(t, x))));
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
      return c.json(themeJson(t, await jsonContext(c.get('ctx'), q.period)), 200);
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
      return c.json(themeJson(t, await jsonContext(c.get('ctx'), c.req.valid('query').period)), 200);
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
      summary: 'Uitvraagperiodes met de voorzitter van de thematafels, paragraaf 3 tot en met 5, verantwoordingsniveaus en kwaliteitscriteria (met sleutels)',
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
    createRoute({
      method: 'get',
      path: '/accountability-levels',
      tags: ['kader'],
      summary: 'De vier niveaus van verantwoordingsinformatie van de uitvraag (§6), met vaste sleutels',
      request: { query: periodQuery },
      responses: { 200: jsonResponse(z.array(accountabilityLevelJson), 'Niveaus 1 tot en met 4'), ...errorResponses(404) },
    }),
    async (c) => c.json((await getPeriod(c.get('ctx'), c.req.valid('query').period)).content.accountabilityLevels, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/quality-criteria',
      tags: ['kader'],
      summary: 'De zeven kwaliteitscriteria voor een aanvraag (uitvraag §8), met vaste sleutels',
      request: { query: periodQuery },
      responses: { 200: jsonResponse(z.array(keyedText.openapi('QualityCriterion')), 'Kwaliteitscriteria'), ...errorResponses(404) },
    }),
    async (c) => c.json((await getPeriod(c.get('ctx'), c.req.valid('query').period)).content.qualityCriteria, 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/target-groups',
      tags: ['kader'],
      summary: 'De lijst van doelgroepen (indeling van het platform) en per doelgroep de doelgroepen van de uitvraag die erop zijn afgebeeld',
      request: { query: periodQuery },
      responses: { 200: jsonResponse(z.array(targetGroupJson), 'Doelgroepen'), ...errorResponses(404) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const [list, themes] = await Promise.all([listTargetGroups(ctx), listThemes(ctx, c.req.valid('query').period)]);
      const callGroups = themes.flatMap((t) => t.targetGroups.flatMap((s) => s.items.map((i) => ({ ...i, themeSlug: t.slug }))));
      return c.json(
        list.map((g) => ({ key: g.key, name: g.name[ctx.lang] ?? g.name.nl, by: 'platform' as const, callGroups: callGroups.filter((i) => i.groups.includes(g.key)).map((i) => ({ key: i.key, text: i.text, themeSlug: i.themeSlug })) })),
        200,
      );
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/reports',
      tags: ['kader'],
      summary: 'Het rapport van 2021 (“Samen sterker in de sociale basis in Haarlem”): maatschappelijke doelen, rollen van het welzijnswerk, Driehoek en regie per thema, met bron; geen deel van de uitvraagperiode',
      responses: { 200: jsonResponse(z.array(reportJson), 'Rapporten'), ...errorResponses() },
    }),
    async (c) => {
      const r = await getReport(c.get('ctx'));
      return c.json(r ? [r] : [], 200);
    },
  );
  api.openapi(
    createRoute({ method: 'get', path: '/pass', tags: ['kader'], summary: 'De pas van de gemeente voor inwoners met een laag inkomen (bijvoorbeeld HaarlemPas)', responses: { 200: jsonResponse(passJson.nullable(), 'De pas, of null'), ...errorResponses() } }),
    async (c) => {
      const p = await getPass(c.get('ctx'));
      return c.json(p && { key: p.key, name: p.name, description: p.description[c.get('ctx').lang] ?? p.description.nl, descriptionBy: p.descriptionBy, quote: p.quote, source: p.source }, 200);
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
