// JSON API of the subsidies: calls, one application (sections, budget, status), grants with the amounts per year
// after every adjustment and indexation. The same service functions as the pages.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { listCalls } from './call-service.ts';
import { getApplication, type ApplicationView } from './application-service.ts';
import { listGrants, type GrantSummary } from './grant-service.ts';
import { registerZgwApi } from './zgw-api.ts';

const TAG = 'subsidies';
const auth = [{ sessionCookie: [] }];
const date = z.string().openapi({ format: 'date' });
const cents = z.number().int().openapi({ description: 'Bedrag in centen' });

const callSchema = z
  .object({
    id: z.uuid(),
    periodCode: z.string(),
    title: z.string(),
    startYear: z.number().int(),
    endYear: z.number().int(),
    applicationDeadline: date,
    decisionDeadline: date,
    open: z.boolean().openapi({ description: 'Vandaag nog open voor aanvragen (tot en met de aanvraagdatum)' }),
    ceilingCents: cents,
    tableCount: z.number().int(),
  })
  .openapi('SubsidyCall');

const yearAmount = z.object({ year: z.number().int(), wageCents: cents, otherCents: cents }).openapi('SubsidyYearAmount');

const applicationSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['draft', 'submitted', 'returned', 'assessed']),
    version: z.number().int(),
    submittedVersion: z.number().int().nullable(),
    returnComment: z.string(),
    callId: z.uuid(),
    periodCode: z.string(),
    themeSlug: z.string(),
    ceilingCents: cents,
    members: z.array(z.object({ id: z.uuid(), name: z.string() })),
    sections: z.array(z.object({ key: z.string(), kind: z.enum(['criterion', 'statement', 'own']), title: z.string(), organisationId: z.uuid().nullable(), status: z.enum(['todo', 'in_progress', 'done']), body: z.string() })),
    budget: z.array(z.object({ organisationId: z.uuid(), year: z.number().int(), wageCents: cents, otherCents: cents })),
    totalCents: cents,
    plans: z.array(z.object({ year: z.number().int(), planVersion: z.number().int().nullable(), href: z.string() })).openapi({ description: 'De verantwoordingsplannen van de tafel (dezelfde gegevens als de geplande activiteiten en het bereik van de aanvraag)' }),
  })
  .openapi('SubsidyApplication');

const applicationJson = (a: ApplicationView) => ({
  id: a.id,
  status: a.status,
  version: a.version,
  submittedVersion: a.submittedVersion,
  returnComment: a.returnComment,
  callId: a.call.id,
  periodCode: a.call.periodCode,
  themeSlug: a.table.themeSlug,
  ceilingCents: a.table.ceilingCents,
  members: a.table.members,
  sections: a.sections.map((s) => ({ key: s.key, kind: s.kind, title: s.title, organisationId: s.organisationId, status: s.status, body: s.body })),
  budget: a.budget.map((b) => ({ organisationId: b.organisationId, year: b.year, wageCents: b.wageCents, otherCents: b.otherCents })),
  totalCents: a.totalCents,
  plans: a.plans.map((p) => ({ year: p.year, planVersion: p.plan?.version ?? null, href: p.href })),
});

const grantSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    callId: z.uuid(),
    periodCode: z.string(),
    themeSlug: z.string().nullable(),
    joint: z.boolean().openapi({ description: 'Uit een gezamenlijke aanvraag (geen SROI-verplichting)' }),
    decisions: z.number().int().openapi({ description: 'Aantal besluiten (verlening, bijstellingen, indexeringen)' }),
    years: z.array(yearAmount).openapi({ description: 'Bedragen per jaar na het laatste besluit' }),
    totalCents: cents,
  })
  .openapi('SubsidyGrant');
const grantJson = (g: GrantSummary) => {
  const { themeName: _t, ...rest } = g;
  return rest;
};

export function registerSubsidiesApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({ method: 'get', path: '/calls', tags: [TAG], summary: 'Uitvragen per periode met deadlines en het totale budgetplafond', security: auth, responses: { 200: jsonResponse(z.array(callSchema), 'Uitvragen'), ...errorResponses(401, 403) } }),
    async (c) => c.json(await listCalls(c.get('ctx')), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{id}',
      tags: [TAG],
      summary: 'Een gezamenlijke aanvraag: onderdelen, begroting per organisatie en jaar, status',
      security: auth,
      request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path', required: true } }) }) },
      responses: { 200: jsonResponse(applicationSchema, 'De aanvraag'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(applicationJson(await getApplication(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/grants',
      tags: [TAG],
      summary: 'Beschikkingen met de bedragen per jaar na elke bijstelling en indexering',
      description: 'Met `year` alleen dat jaar; partnermedewerkers zien de beschikkingen van hun eigen organisatie.',
      security: auth,
      request: { query: z.object({ organisation: z.uuid().optional(), year: z.coerce.number().int().min(1900).max(2200).optional() }) },
      responses: { 200: jsonResponse(z.array(grantSchema), 'Beschikkingen'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json((await listGrants(c.get('ctx'), c.req.valid('query'))).map(grantJson), 200),
  );
  registerZgwApi(api);
}
