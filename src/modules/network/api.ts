// JSON API of the network: organisations, their people, and "who is responsible for what".
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse, versionHeader } from '../../platform/http/openapi.tsx';
import type { ServiceContext } from '../../platform/context.ts';
import { driehoekRoles, organisationTypes, organisationTypeSchema } from './types.ts';
import { frameworkRefs, themesLedBy, type FrameworkRefs } from './refs.ts';
import { findOrganisations, getOrganisation, createOrganisation, updateOrganisation, type OrganisationView } from './organisations.ts';
import { listPeople, getPerson, createPerson, updatePerson, deletePerson, type PersonView } from './people.ts';
import { findResponsibilities } from './responsibilities.ts';

const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: organisationTypeSchema,
    typeConfirmed: z.boolean().openapi({ description: 'false: de soort is afgeleid uit de bronnen, niet daarin genoemd of door een beheerder bevestigd' }),
    description: z.string(),
    website: z.string().nullable(),
    contactEmail: z.string().nullable().openapi({ description: 'Algemeen contactadres (geen persoonsgegeven)' }),
    contactPhone: z.string().nullable(),
    districts: z.array(z.string()).openapi({ description: 'Codes van de stadsdelen waar de organisatie actief is' }),
    themes: z.array(z.string()).openapi({ description: 'Slugs van de thema’s waaraan de organisatie werkt' }),
    leads: z.array(z.string()).openapi({ description: 'Slugs van de thema’s waarop de organisatie de regie heeft volgens het rapport van 2021' }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Organisation');

const organisationBody = z
  .object({
    name: z.string().openapi({ example: 'Stichting Buurtkracht Schalkwijk' }),
    type: organisationTypeSchema,
    description: z.string().optional(),
    website: z.string().nullable().optional(),
    contactEmail: z.string().nullable().optional(),
    contactPhone: z.string().nullable().optional(),
    districts: z.array(z.string()).optional(),
    themes: z.array(z.string()).optional(),
  })
  .openapi('OrganisationInput', { description: 'Velden die u weglaat, blijven ongewijzigd. Medewerkers van een partner mogen naam en soort niet wijzigen.' });

const driehoekSchema = z.object({ district: z.string(), role: z.enum(driehoekRoles), wijk: z.string().nullish().openapi({ description: 'CBS-code van de wijk als de rol voor één wijk van het stadsdeel is' }) });

const personSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    name: z.string(),
    jobTitle: z.string(),
    workEmail: z.string().nullable(),
    workPhone: z.string().nullable(),
    generalistArea: z.string().openapi({ description: 'De brede basis (T-vorm)' }),
    specialisms: z.array(z.string()).openapi({ description: 'Specialismen (T-vorm), bijvoorbeeld schulden, opvoeding' }),
    districts: z.array(z.string()),
    themes: z.array(z.string()),
    driehoek: z.array(driehoekSchema).openapi({ description: 'Rol in de Driehoek per stadsdeel, eventueel voor één wijk' }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Person');

const personBody = z
  .object({
    name: z.string(),
    jobTitle: z.string(),
    workEmail: z.string().nullable().optional(),
    workPhone: z.string().nullable().optional(),
    generalistArea: z.string(),
    specialisms: z.array(z.string()),
    districts: z.array(z.string()).optional(),
    themes: z.array(z.string()).optional(),
    driehoek: z.array(driehoekSchema).optional(),
  })
  .openapi('PersonInput');

const named = z.object({ slug: z.string(), name: z.string() });
const responsibilitiesSchema = z
  .object({
    theme: named.nullable(),
    district: z.object({ code: z.string(), name: z.string() }).nullable(),
    expertise: z.string().nullable(),
    driehoekDescription: z.string().nullable(),
    leads: z.array(z.object({ theme: named, organisations: z.array(z.object({ name: z.string(), id: z.uuid().nullable() })) })),
    driehoek: z.array(z.object({ district: z.object({ code: z.string(), name: z.string() }), roles: z.array(z.object({ role: z.enum(driehoekRoles), people: z.array(personSchema) })) })),
    filtered: z.boolean().openapi({ description: 'Zonder thema, stadsdeel of vakgebied blijven organisations en people leeg' }),
    organisations: z.array(organisationSchema),
    people: z.array(personSchema),
  })
  .openapi('Responsibilities');

const orgJson = (o: OrganisationView, refs: FrameworkRefs) => ({ ...o, leads: themesLedBy(refs, o.id).map((t) => t.slug), updatedAt: o.updatedAt.toISOString() });
const personJson = (p: PersonView) => ({ ...p, updatedAt: p.updatedAt.toISOString() });

const idParam = z.object({ id: z.string().max(100).openapi({ param: { name: 'id', in: 'path' }, example: '00000000-0000-4000-8000-000000000000' }) });
const personParams = idParam.extend({ personId: z.string().max(100).openapi({ param: { name: 'personId', in: 'path' } }) });
const secured = { security: [{ sessionCookie: [] }] };

export function registerNetworkApi(api: OpenAPIHono<AppEnv>) {
  const refs = (c: { get: (k: 'ctx') => ServiceContext }) => frameworkRefs(c.get('ctx'));

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations',
      operationId: 'listOrganisations',
      tags: ['netwerk'],
      summary: 'Organisaties in de sociale basis, te filteren op soort, thema en stadsdeel',
      request: {
        query: z.object({
          type: z.enum(organisationTypes).optional(),
          theme: z.string().max(100).optional().openapi({ description: 'Slug van een thema', example: 'ontmoeten' }),
          district: z.string().max(100).optional().openapi({ description: 'Code van een stadsdeel', example: 'schalkwijk' }),
          q: z.string().max(200).optional().openapi({ description: 'Deel van de naam' }),
          page: z.coerce.number().int().min(1).max(100000).optional(),
          pageSize: z.coerce.number().int().min(1).max(200).optional(),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), items: z.array(organisationSchema) }).openapi('OrganisationPage'), 'Organisaties, op naam'),
        ...errorResponses(),
      },
    }),
    async (c) => {
      const result = await findOrganisations(c.get('ctx'), c.req.valid('query'));
      const r = await refs(c);
      return c.json({ ...result, items: result.items.map((o) => orgJson(o, r)) }, 200);
    },
  );

  api.openapi(
    createRoute({ method: 'get', path: '/organisations/{id}', operationId: 'getOrganisation', tags: ['netwerk'], summary: 'Eén organisatie', request: { params: idParam }, responses: { 200: jsonResponse(organisationSchema, 'De organisatie'), ...errorResponses(404) } }),
    async (c) => c.json(orgJson(await getOrganisation(c.get('ctx'), c.req.valid('param').id), await refs(c)), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/organisations',
      operationId: 'createOrganisation',
      tags: ['netwerk'],
      summary: 'Organisatie toevoegen (beheerder)',
      ...secured,
      request: { body: { required: true, content: { 'application/json': { schema: organisationBody } } } },
      responses: { 201: jsonResponse(organisationSchema, 'Toegevoegd'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => c.json(orgJson(await createOrganisation(c.get('ctx'), c.req.valid('json')), await refs(c)), 201),
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/organisations/{id}',
      operationId: 'updateOrganisation',
      tags: ['netwerk'],
      summary: 'Organisatie wijzigen (beheerder, of een medewerker van deze organisatie)',
      ...secured,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: organisationBody } } } },
      responses: { 200: jsonResponse(organisationSchema, 'Gewijzigd'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(orgJson(await updateOrganisation(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), await refs(c)), 200),
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}/people',
      operationId: 'listOrganisationPeople',
      tags: ['netwerk'],
      summary: 'De mensen die bij een organisatie werken, met hun deskundigheid en werkcontact',
      request: { params: idParam },
      responses: { 200: jsonResponse(z.array(personSchema), 'Mensen, op naam'), ...errorResponses(404) },
    }),
    async (c) => {
      const o = await getOrganisation(c.get('ctx'), c.req.valid('param').id);
      return c.json((await listPeople(c.get('ctx'), { organisationId: o.id })).map(personJson), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/organisations/{id}/people',
      operationId: 'createOrganisationPerson',
      tags: ['netwerk'],
      summary: 'Persoon toevoegen (beheerder, of een medewerker van deze organisatie)',
      ...secured,
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: personBody } } } },
      responses: { 201: jsonResponse(personSchema, 'Toegevoegd'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(personJson(await createPerson(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 201),
  );

  api.openapi(
    createRoute({ method: 'get', path: '/organisations/{id}/people/{personId}', operationId: 'getOrganisationPerson', tags: ['netwerk'], summary: 'Eén persoon', request: { params: personParams }, responses: { 200: jsonResponse(personSchema, 'De persoon'), ...errorResponses(404) } }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(personJson(await getPerson(c.get('ctx'), p.personId, p.id)), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/organisations/{id}/people/{personId}',
      operationId: 'updateOrganisationPerson',
      tags: ['netwerk'],
      summary: 'Persoon wijzigen (beheerder, of een medewerker van deze organisatie)',
      ...secured,
      request: { params: personParams, body: { required: true, content: { 'application/json': { schema: personBody } } } },
      responses: { 200: jsonResponse(personSchema, 'Gewijzigd'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const p = c.req.valid('param');
      return c.json(personJson(await updatePerson(c.get('ctx'), p.id, p.personId, c.req.valid('json'))), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/organisations/{id}/people/{personId}',
      operationId: 'deleteOrganisationPerson',
      tags: ['netwerk'],
      summary: 'Persoon verwijderen (beheerder, of een medewerker van deze organisatie)',
      ...secured,
      request: { params: personParams },
      responses: { 204: { description: 'Verwijderd', headers: versionHeader }, ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const p = c.req.valid('param');
      await deletePerson(c.get('ctx'), p.id, p.personId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/responsibilities',
      operationId: 'getResponsibilities',
      tags: ['netwerk'],
      summary: 'Wie doet wat: regie per thema, de Driehoek per stadsdeel, en de organisaties en mensen die op een thema en in een stadsdeel werken',
      request: {
        query: z.object({
          theme: z.string().max(100).optional().openapi({ description: 'Slug van een thema', example: 'ontmoeten' }),
          district: z.string().max(100).optional().openapi({ description: 'Code van een stadsdeel', example: 'schalkwijk' }),
          expertise: z.string().max(40).optional().openapi({ description: 'Een specialisme, bijvoorbeeld schulden' }),
        }),
      },
      responses: { 200: jsonResponse(responsibilitiesSchema, 'Wie doet wat'), ...errorResponses() },
    }),
    async (c) => {
      const r = await findResponsibilities(c.get('ctx'), c.req.valid('query'));
      const fr = await refs(c);
      return c.json(
        {
          ...r,
          organisations: r.organisations.map((o) => orgJson(o, fr)),
          people: r.people.map(personJson),
          driehoek: r.driehoek.map((d) => ({ ...d, roles: d.roles.map((x) => ({ ...x, people: x.people.map(personJson) })) })),
        },
        200,
      );
    },
  );
}
