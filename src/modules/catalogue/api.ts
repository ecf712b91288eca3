// JSON API of the catalogue: search with the same filters as the public page, one activity, and changes by partner staff.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZodError } from 'zod';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { invalid } from '../../platform/http/errors.ts';
import { activityInput, dayparts, languageCodes, type ActivityInput, type ActivityView } from './types.ts';
import { createActivity, updateActivity, publishActivity, endActivity, getActivity, searchActivities, checkActivityInput } from './service.ts';
import { shapeErrors } from './input.ts';

const bool = z.enum(['true', 'false']).optional().openapi({ description: 'true of false' });

export const searchQuery = z.object({
  q: z.string().max(200).optional().openapi({ description: 'Zoekwoorden (Nederlands, met stamvormen: "ontmoetingen" vindt "ontmoeting")', example: 'koffie' }),
  theme: z.string().max(100).optional().openapi({ description: 'Slug van een thema', example: 'ontmoeten' }),
  district: z.string().max(40).optional().openapi({ description: 'Code van een stadsdeel', example: 'noord' }),
  neighbourhood: z.string().max(40).optional().openapi({ description: 'Code van een wijk of buurt' }),
  targetGroup: z.string().max(60).optional().openapi({ description: 'Sleutel van een doelgroep uit GET /api/v1/target-groups', example: 'ouderen' }),
  day: z.string().max(2).optional().openapi({ description: 'Dag van de week: 1 (maandag) tot en met 7 (zondag)', example: '1' }),
  timeOfDay: z.enum(dayparts).optional().openapi({ description: 'ochtend, middag of avond' }),
  free: bool,
  haarlemPas: bool,
  wheelchair: bool,
  language: z.enum(languageCodes).optional().openapi({ description: 'Taal (ISO 639-1)', example: 'nl' }),
  page: z.string().max(6).optional().openapi({ example: '1' }),
  pageSize: z.string().max(4).optional().openapi({ description: '1 tot en met 100, standaard 20', example: '20' }),
});

const scheduleSchema = z.object({
  kind: z.enum(['one-off', 'weekly', 'custom']),
  startDate: z.string().openapi({ format: 'date' }),
  endDate: z.iso.date().nullable(),
  startTime: z.string().openapi({ example: '10:00' }),
  endTime: z.string().openapi({ example: '11:30' }),
  weekdays: z.array(z.number().int()),
  untilDate: z.iso.date().nullable(),
  rrule: z.string().nullable(),
});

export const activitySchema = z
  .object({
    id: z.uuid(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    partnerOrganisationIds: z.array(z.uuid()).openapi({ description: 'Andere organisaties die de activiteit samen met de organisatie uitvoeren (gezamenlijke uitvoering)' }),
    partnerOrganisations: z.array(z.object({ id: z.uuid(), name: z.string() })),
    title: z.string(),
    description: z.string(),
    kind: z.enum(['activity', 'service']),
    themes: z.array(z.string()),
    subGoals: z.array(z.string()),
    principles: z.array(z.string()).openapi({ description: "Sleutels van 'wat werkt'-principes (thema/pN), zie GET /api/v1/themes/{slug}" }),
    targetGroups: z.array(z.string()).openapi({ description: 'Sleutels uit GET /api/v1/target-groups' }),
    districtCode: z.string().nullable(),
    neighbourhoodCode: z.string().nullable(),
    location: z.object({ id: z.uuid().nullable(), name: z.string(), address: z.string() }),
    schedule: scheduleSchema,
    startsAt: z.iso.datetime({ offset: true }).openapi({ description: 'Begin van de eerste keer' }),
    endsAt: z.iso.datetime({ offset: true }),
    lastEndsAt: z.iso.datetime({ offset: true }).nullable().openapi({ description: 'Einde van de laatste keer; null als er geen einde is' }),
    days: z.array(z.number().int()),
    timesOfDay: z.array(z.string()),
    cost: z.object({ amountCents: z.number().int(), free: z.boolean(), haarlemPas: z.enum(['none', 'free', 'reduced']) }),
    accessibility: z.object({ wheelchairAccessible: z.boolean(), details: z.string() }),
    languages: z.array(z.string()),
    howToJoin: z.enum(['walk-in', 'sign-up', 'referral']),
    contact: z.string(),
    sensitive: z.boolean(),
    status: z.enum(['draft', 'published', 'ended']),
    publishedAt: z.iso.datetime({ offset: true }).nullable(),
    updatedAt: z.iso.datetime({ offset: true }),
    links: z.object({ page: z.string(), calendar: z.string() }),
  })
  .openapi('Activity');

const pageSchema = z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(activitySchema) }).openapi('ActivityPage');

export function activityJson(a: ActivityView, baseUrl: string) {
  return {
    id: a.id,
    organisation: { id: a.organisationId, name: a.organisationName },
    partnerOrganisationIds: a.partnerOrganisationIds,
    partnerOrganisations: a.partnerOrganisations,
    title: a.title,
    description: a.description,
    kind: a.kind,
    themes: a.themes,
    subGoals: a.subGoals,
    principles: a.principles,
    targetGroups: a.targetGroups,
    districtCode: a.districtCode,
    neighbourhoodCode: a.neighbourhoodCode,
    location: { id: a.locationId, name: a.locationName, address: a.locationAddress },
    schedule: { ...a.schedule, endDate: a.schedule.endDate ?? null, untilDate: a.schedule.untilDate ?? null, rrule: a.schedule.rrule ?? null },
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    lastEndsAt: a.lastEndsAt?.toISOString() ?? null,
    days: a.days,
    timesOfDay: a.dayparts,
    cost: { amountCents: a.costCents, free: a.free, haarlemPas: a.haarlemPas },
    accessibility: { wheelchairAccessible: a.wheelchairAccessible, details: a.accessibilityDetails },
    languages: a.languages,
    howToJoin: a.howToJoin,
    contact: a.contact,
    sensitive: a.sensitive,
    status: a.status,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    updatedAt: a.updatedAt.toISOString(),
    links: { page: `${baseUrl}/activiteiten/${a.id}`, calendar: `${baseUrl}/activiteiten/${a.id}/agenda.ics` },
  };
}

/** Query strings (pages, exports, API) → service filters. "true"/"1"/"on" is yes, "false"/"0" is no. */
export function filtersFromQuery(q: Record<string, string | undefined>) {
  const yes = (v: string | undefined) => (v === undefined || v === '' ? undefined : ['true', '1', 'on', 'ja'].includes(v) ? true : ['false', '0', 'nee'].includes(v) ? false : (v as unknown as boolean));
  return {
    filters: {
      q: q.q,
      theme: q.theme,
      district: q.district,
      neighbourhood: q.neighbourhood,
      targetGroup: q.targetGroup,
      day: q.day,
      timeOfDay: q.timeOfDay,
      free: yes(q.free),
      haarlemPas: yes(q.haarlemPas),
      wheelchair: yes(q.wheelchair),
      language: q.language,
    },
    page: { page: q.page || undefined, pageSize: q.pageSize || undefined },
  };
}

export const baseUrlOf = (c: Context<AppEnv>) => c.get('deps').config.PUBLIC_URL.replace(/\/$/, '');

/** Invalid request parts: labelled Dutch field messages in problem+json (invalidParams). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const labelledHook = async (result: { success: boolean; error?: unknown }, c: Context<AppEnv, any, any>): Promise<never> => {
  if (result.success) return undefined as never; // valid: the handler goes on
  // An activity body: its shape and its references in one pass, so every problem is reported at once.
  const { target, data } = result as { target?: string; data?: unknown };
  if (target === 'json') throw invalid(await checkActivityInput(c.get('ctx'), data as ActivityInput));
  throw invalid(shapeErrors(result.error as ZodError));
};

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' }, example: '0b6f5c1e-8a52-4d1a-9f0e-2c3b4d5e6f70' }) });
const inputBody = { required: true, content: { 'application/json': { schema: activityInput.openapi('ActivityInput') } } };

export function registerCatalogueApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags: ['aanbod'],
      summary: 'Gepubliceerde activiteiten met een datum die nog komt zoeken, met dezelfde filters als de website; gesorteerd op relevantie, nooit op soort organisatie',
      request: { query: searchQuery },
      responses: { 200: jsonResponse(pageSchema, 'Eén pagina met activiteiten en het totaal'), ...errorResponses() },
    }),
    async (c) => {
      const { filters, page } = filtersFromQuery(c.req.valid('query'));
      const result = await searchActivities(c.get('ctx'), filters, page);
      c.header('Access-Control-Allow-Origin', '*');
      const base = baseUrlOf(c);
      return c.json({ ...result, items: result.items.map((a) => activityJson(a, base)) }, 200);
    },
    labelledHook,
  );
  api.openapi(
    createRoute({ method: 'get', path: '/activities/{id}', tags: ['aanbod'], summary: 'Eén activiteit (concepten alleen voor de eigen organisatie)', request: { params: idParam }, responses: { 200: jsonResponse(activitySchema, 'De activiteit'), ...errorResponses(404) } }),
    async (c) => {
      c.header('Access-Control-Allow-Origin', '*');
      return c.json(activityJson(await getActivity(c.get('ctx'), c.req.valid('param').id), baseUrlOf(c)), 200);
    },
    labelledHook,
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/activities',
      tags: ['aanbod'],
      summary: 'Activiteit toevoegen als concept (medewerker partner: voor de eigen organisatie; beheerder: organisationId verplicht)',
      security: [{ sessionCookie: [] }],
      request: { body: inputBody },
      responses: { 201: jsonResponse(activitySchema, 'Toegevoegd (concept)'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(activityJson(await createActivity(c.get('ctx'), c.req.valid('json')), baseUrlOf(c)), 201),
    labelledHook,
  );
  api.openapi(
    createRoute({
      method: 'put',
      path: '/activities/{id}',
      tags: ['aanbod'],
      summary: 'Activiteit wijzigen (alleen van de eigen organisatie)',
      security: [{ sessionCookie: [] }],
      request: { params: idParam, body: inputBody },
      responses: { 200: jsonResponse(activitySchema, 'Gewijzigd'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(activityJson(await updateActivity(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), baseUrlOf(c)), 200),
    labelledHook,
  );
  for (const [action, fn, summary] of [
    ['publish', publishActivity, 'Concept publiceren: daarna staat de activiteit in de openbare catalogus'],
    ['end', endActivity, 'Gepubliceerde activiteit beëindigen'],
  ] as const) {
    api.openapi(
      createRoute({
        method: 'post',
        path: `/activities/{id}/${action}`,
        tags: ['aanbod'],
        summary,
        security: [{ sessionCookie: [] }],
        request: { params: idParam },
        responses: { 200: jsonResponse(activitySchema, 'De activiteit na de wijziging'), ...errorResponses(401, 403, 404, 409) },
      }),
      async (c) => c.json(activityJson(await fn(c.get('ctx'), c.req.valid('param').id), baseUrlOf(c)), 200),
      labelledHook,
    );
  }
}
