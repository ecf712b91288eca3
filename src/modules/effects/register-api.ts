// JSON API of the registers: the outflow figures, trajectories, reportable stories and the anonymisation check,
// complaints and objections. The same service functions as the pages.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { outflowReport, outflowFilters } from './outflow-report.ts';
import { registerTrajectory, endTrajectory, listTrajectories, trajectoryInput, endTrajectoryInput, outflowResults, type TrajectoryView } from './outflow-trajectories.ts';
import { listReportableStories, reportableFilters, consentUses, consentMedia, storyInput, createStory, submitStory, reviewStory, reviewInput, withdrawStoryConsent, AnonymisationError, storyStatuses, type StoryView } from './story-service.ts';
import { anonymisationWarnings, warningKinds } from './story-anonymise.ts';
import { registerComplaint, progressComplaint, extendComplaint, getComplaint, listComplaints, complaintInput, progressInput, extensionInput, complaintFilters, complaintStatuses, complaintDecisions, type ComplaintView } from './complaint-service.ts';
import { complaintReport, complaintReportFilters } from './complaint-report.ts';

const TAG = 'effecten';
const auth = [{ sessionCookie: [] }];
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const count = z.union([z.number().int(), z.literal('< 5'), z.literal('x')]).openapi({ description: 'Aantal (voor anderen dan de eigen organisatie afgerond op een veelvoud van 5), of "< 5" (1–4, verborgen) of "x" (verborgen zodat een klein aantal niet uit andere cijfers volgt)' });
const share = z.number().nullable();

const cellSchema = z
  .object({
    themeSlug: z.string().nullable(),
    districtCode: z.string().nullable(),
    ended: count,
    reached: count,
    partly: count,
    not: count,
    shareReached: share,
    sharePartly: share,
    shareNot: share,
    suppressed: z.boolean(),
    domains: z.array(z.object({ domainKey: z.string(), n: count, averageChange: z.number().nullable().openapi({ description: 'Gemiddelde van einde min start (schaal 1–5)' }) })),
  })
  .openapi('OutflowCell');
const outflowSchema = z.object({ year: z.number().int(), theme: z.string().nullable(), district: z.string().nullable(), exact: z.boolean().openapi({ description: 'true: precieze cijfers (alle trajecten van de eigen organisatie)' }), total: cellSchema, byTheme: z.array(cellSchema), byThemeDistrict: z.array(cellSchema) }).openapi('OutflowReport');

const trajectorySchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    kindKey: z.string(),
    themeSlug: z.string(),
    subGoals: z.array(z.string()),
    wijkCode: z.string().nullable(),
    districtCode: z.string().nullable(),
    startDate: z.string().openapi({ format: 'date' }),
    goals: z.array(z.string()),
    endDate: z.string().nullable().openapi({ format: 'date' }),
    endingReasonKey: z.string().nullable(),
    result: z.enum(outflowResults).nullable(),
    scores: z.array(z.object({ domainKey: z.string(), start: z.number().int().nullable(), end: z.number().int().nullable() })),
  })
  .openapi('Trajectory');
const trajectoryJson = (t: TrajectoryView) => t;

const storySchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    title: z.string(),
    body: z.string(),
    photo: z.boolean().openapi({ description: 'Er is een foto en de inwoner gaf toestemming voor de foto' }),
    photoAlt: z.string(),
    storyDate: z.string().openapi({ format: 'date' }),
    themeSlug: z.string().nullable(),
    subGoals: z.array(z.string()),
    principles: z.array(z.string()),
    districtCode: z.string().nullable(),
    activityId: z.string().nullable(),
    consentUntil: z.string().nullable(),
  })
  .openapi('ReportableStory');

/** A story as its organisation's staff see it (the API of recording, submitting, reviewing, withdrawing). */
const storyRecordSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    status: z.enum(storyStatuses),
    title: z.string(),
    body: z.string(),
    storyDate: z.string().openapi({ format: 'date' }),
    hasPhoto: z.boolean(),
    consentMedia: z.array(z.string()),
    consentUses: z.array(z.string()),
    consentUntil: z.string().nullable().openapi({ format: 'date' }),
    themeSlug: z.string().nullable(),
    subGoals: z.array(z.string()),
    principles: z.array(z.string()),
    districtCode: z.string().nullable(),
    activityId: z.string().nullable(),
    reviewComment: z.string(),
  })
  .openapi('Story');
const storyJson = (s: StoryView) => ({
  id: s.id,
  organisationId: s.organisationId,
  status: s.status,
  title: s.title,
  body: s.body,
  storyDate: s.storyDate,
  hasPhoto: s.hasPhoto,
  consentMedia: s.consentMedia,
  consentUses: s.consentUses,
  consentUntil: s.consentUntil,
  themeSlug: s.themeSlug,
  subGoals: s.subGoals,
  principles: s.principles,
  districtCode: s.districtCode,
  activityId: s.activityId,
  reviewComment: s.reviewComment,
});
const storyApiInput = storyInput
  .omit({ photo: true, removePhoto: true, photoAlt: true })
  .extend({
    storyDate: storyInput.shape.storyDate.openapi({ format: 'date' }),
    consentUntil: storyInput.shape.consentUntil.openapi({ format: 'date', description: 'Tot wanneer de inwoner toestemming gaf' }),
    consentMedia: z.array(z.enum(consentMedia)).min(1).openapi({ description: 'Wat gebruikt mag worden' }),
    consentUses: z.array(z.enum(consentUses)).min(1).openapi({ description: 'Waar het gebruikt mag worden' }),
  })
  .openapi('StoryInput');

const complaintSchema = z
  .object({
    id: z.uuid(),
    typeKey: z.string(),
    receivedDate: z.string().openapi({ format: 'date' }),
    subject: z.string(),
    description: z.string(),
    decisionReference: z.string(),
    handlerUserId: z.uuid().nullable(),
    organisationId: z.uuid().nullable(),
    activityId: z.uuid().nullable(),
    themeSlug: z.string().nullable(),
    status: z.enum(complaintStatuses),
    decision: z.enum(complaintDecisions).nullable(),
    decisionText: z.string(),
    decidedDate: z.string().nullable().openapi({ format: 'date' }),
    extensionDays: z.number().int(),
    extensionReason: z.string(),
    deadline: z.string().openapi({ description: 'Laatste dag van de termijn (ontvangst + termijn van de soort + verlenging)' }),
    overdue: z.boolean().openapi({ description: 'Nog open na de laatste dag van de termijn' }),
    handledInTime: z.boolean().nullable(),
    complainant: z.object({ name: z.string(), contact: z.string() }).nullable().openapi({ description: 'Alleen voor de behandelaar en de betrokken organisatie; elke keer vastgelegd in de auditlog' }),
  })
  .openapi('Complaint');
const complaintJson = (k: ComplaintView) => {
  const { type: _type, handlerName: _name, ...rest } = k;
  return rest;
};
const figuresSchema = z.object({ key: z.string().nullable(), received: z.number().int(), handled: z.number().int(), open: z.number().int(), overdue: z.number().int(), medianDays: z.number().nullable(), inTimeShare: z.number().nullable() });

export function registerRegistersApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({ method: 'get', path: '/outflow', tags: [TAG], summary: 'Resultaat bij uitstroom: doelen bereikt en verandering per leefgebied, per thema en stadsdeel', security: auth, request: { query: outflowFilters }, responses: { 200: jsonResponse(outflowSchema, 'De cijfers'), ...errorResponses(401, 403) } }),
    async (c) => c.json(await outflowReport(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/trajectories', tags: [TAG], summary: 'Trajecten van de eigen organisatie (beleidsadviseurs en beheerders: alle)', security: auth, request: { query: z.object({ organisation: z.uuid().optional() }) }, responses: { 200: jsonResponse(z.array(trajectorySchema), 'Trajecten'), ...errorResponses(401, 403) } }),
    async (c) => c.json((await listTrajectories(c.get('ctx'), { organisationId: c.req.valid('query').organisation })).map(trajectoryJson), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/trajectories',
      tags: [TAG],
      summary: 'Een traject registreren. Het pasnummer (of naam + geboortedatum) wordt een pseudoniem en wordt niet bewaard of teruggegeven.',
      security: auth,
      request: { body: { required: true, content: { 'application/json': { schema: trajectoryInput.openapi('TrajectoryInput') } } } },
      responses: { 201: jsonResponse(trajectorySchema, 'Geregistreerd'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(trajectoryJson(await registerTrajectory(c.get('ctx'), c.req.valid('json'))), 201),
  );
  api.openapi(
    createRoute({ method: 'post', path: '/trajectories/{id}/end', tags: [TAG], summary: 'Een traject afsluiten met het resultaat bij uitstroom', security: auth, request: { params: idParam, body: { required: true, content: { 'application/json': { schema: endTrajectoryInput.openapi('TrajectoryEnd') } } } }, responses: { 200: jsonResponse(trajectorySchema, 'Afgesloten'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(trajectoryJson(await endTrajectory(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/stories',
      tags: [TAG],
      summary: 'Verhalen die een rapportage mag gebruiken: goedgekeurd, toestemming geldig op de datum en voor het gebruik',
      description: `Gebruik: ${consentUses.join(', ')} (standaard council).`,
      security: auth,
      request: { query: reportableFilters },
      responses: { 200: jsonResponse(z.array(storySchema), 'Verhalen'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(await listReportableStories(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/stories',
      tags: [TAG],
      summary: 'Een verhaal vastleggen als concept, met de vastgelegde toestemming van de inwoner (een foto alleen via de pagina)',
      security: auth,
      request: { body: { required: true, content: { 'application/json': { schema: storyApiInput } } } },
      responses: { 201: jsonResponse(storyRecordSchema, 'Vastgelegd als concept'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json(storyJson(await createStory(c.get('ctx'), { ...c.req.valid('json'), photo: null })), 201),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/submit',
      tags: [TAG],
      summary: 'Een verhaal ter beoordeling aanbieden. Met waarschuwingen van de anonimiseringscontrole alleen met checked: true (anders 400 met de waarschuwingen).',
      security: auth,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: z.object({ checked: z.boolean().default(false) }).openapi('StorySubmit') } } } },
      responses: { 200: jsonResponse(storyRecordSchema, 'Aangeboden'), 400: jsonResponse(z.object({ title: z.string(), warnings: z.array(z.object({ kind: z.enum(warningKinds), match: z.string() })) }).openapi('StoryWarnings'), 'Controleer de tekst: mogelijk persoonsgegevens'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      try {
        return c.json(storyJson(await submitStory(c.get('ctx'), c.req.valid('param').id, { checked: c.req.valid('json').checked })), 200);
      } catch (err) {
        if (err instanceof AnonymisationError) return c.json({ title: c.get('ctx').lang === 'en' ? 'Check the text: it may contain personal data' : 'Controleer de tekst: mogelijk persoonsgegevens', warnings: err.warnings }, 400);
        throw err;
      }
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/review',
      tags: [TAG],
      summary: 'Een aangeboden verhaal beoordelen: goedkeuren of teruggeven met opmerking (een tweede persoon, nooit de schrijver)',
      security: auth,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: reviewInput.openapi('StoryReview') } } } },
      responses: { 200: jsonResponse(storyRecordSchema, 'Beoordeeld'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(storyJson(await reviewStory(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/stories/{id}/withdraw',
      tags: [TAG],
      summary: 'De inwoner trekt de toestemming in: het verhaal verdwijnt uit elke volgende rapportage; tekst en foto worden gewist',
      security: auth,
      request: { params: idParam },
      responses: { 200: jsonResponse(storyRecordSchema, 'Ingetrokken'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(storyJson(await withdrawStoryConsent(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/stories/check',
      tags: [TAG],
      summary: 'De anonimiseringscontrole: mogelijke namen, adressen, postcodes, telefoonnummers en e-mailadressen in een tekst',
      security: auth,
      request: { body: { required: true, content: { 'application/json': { schema: z.object({ text: z.string().max(10_000) }).openapi('StoryCheck') } } } },
      responses: { 200: jsonResponse(z.object({ warnings: z.array(z.object({ kind: z.enum(warningKinds), match: z.string() })) }), 'Waarschuwingen'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json({ warnings: anonymisationWarnings(c.req.valid('json').text) }, 200),
  );

  api.openapi(
    createRoute({ method: 'get', path: '/complaints', tags: [TAG], summary: 'Klachten en bezwaren (zonder gegevens van de indiener)', security: auth, request: { query: complaintFilters }, responses: { 200: jsonResponse(z.array(complaintSchema), 'Klachten en bezwaren'), ...errorResponses(401, 403) } }),
    async (c) => c.json((await listComplaints(c.get('ctx'), c.req.valid('query'))).map(complaintJson), 200),
  );
  api.openapi(
    createRoute({ method: 'post', path: '/complaints', tags: [TAG], summary: 'Een klacht of bezwaar registreren', security: auth, request: { body: { required: true, content: { 'application/json': { schema: complaintInput.openapi('ComplaintInput') } } } }, responses: { 201: jsonResponse(complaintSchema, 'Geregistreerd'), ...errorResponses(401, 403) } }),
    async (c) => c.json(complaintJson(await registerComplaint(c.get('ctx'), c.req.valid('json'))), 201),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/complaints/figures', tags: [TAG], summary: 'Cijfers per jaar: aantallen per soort, organisatie, thema en activiteit, mediane behandeltijd, deel binnen de termijn', security: auth, request: { query: complaintReportFilters }, responses: { 200: jsonResponse(z.object({ year: z.number().int(), total: figuresSchema, byType: z.array(figuresSchema), byOrganisation: z.array(figuresSchema), byTheme: z.array(figuresSchema), byActivity: z.array(figuresSchema) }).openapi('ComplaintFigures'), 'Cijfers'), ...errorResponses(401, 403) } }),
    async (c) => c.json(await complaintReport(c.get('ctx'), c.req.valid('query')), 200),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/complaints/{id}', tags: [TAG], summary: 'Eén klacht of bezwaar (het lezen van de indiener wordt vastgelegd)', security: auth, request: { params: idParam }, responses: { 200: jsonResponse(complaintSchema, 'De zaak'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(complaintJson(await getComplaint(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    createRoute({ method: 'patch', path: '/complaints/{id}', tags: [TAG], summary: 'Voortgang: in behandeling, of afgehandeld met beslissing en datum', security: auth, request: { params: idParam, body: { required: true, content: { 'application/json': { schema: progressInput.openapi('ComplaintProgress') } } } }, responses: { 200: jsonResponse(complaintSchema, 'Bijgewerkt'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(complaintJson(await progressComplaint(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  api.openapi(
    createRoute({ method: 'post', path: '/complaints/{id}/extension', tags: [TAG], summary: 'De termijn één keer verlengen, met reden (bezwaar: Awb 7:10, klacht: Awb 9:11)', security: auth, request: { params: idParam, body: { required: true, content: { 'application/json': { schema: extensionInput.openapi('ComplaintExtension') } } } }, responses: { 200: jsonResponse(complaintSchema, 'Verlengd'), ...errorResponses(401, 403, 404, 409) } }),
    async (c) => c.json(complaintJson(await extendComplaint(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
}
