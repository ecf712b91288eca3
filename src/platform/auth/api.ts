// JSON API for user administration and the audit log (administrators only, see the policy table).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { errorResponses, jsonResponse } from '../http/openapi.tsx';
import { listUsers, getUser, createUser, updateUser, createUserInput, updateUserInput, type UserView } from './service.ts';
import { roleSchema } from './roles.ts';
import { readAuditLog } from '../audit/service.ts';
import { auditActionLabel } from '../audit/labels.ts';

const userSchema = z
  .object({
    id: z.uuid(),
    email: z.email(),
    name: z.string(),
    roles: z.array(roleSchema),
    organisationId: z.uuid().nullable(),
    organisationName: z.string().nullable(),
    disabled: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('User');

const userJson = (u: UserView) => ({ ...u, createdAt: u.createdAt.toISOString() });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

const auditEventSchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime({ offset: true }),
    actorUserId: z.string().nullable(),
    actorLabel: z.string(),
    action: z.string().openapi({ description: 'De technische naam van de actie, bijvoorbeeld "auth.login"' }),
    label: z.string().openapi({ description: 'De actie in gewone taal, in de taal van de lezer ("Ingelogd"); de technische naam als de actie geen omschrijving heeft' }),
    subjectType: z.string().nullable(),
    subjectId: z.string().nullable(),
    onBehalfOf: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
  })
  .openapi('AuditEvent');

export function registerAuthApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({ method: 'get', path: '/users', tags: ['beheer'], summary: 'Gebruikers met hun rollen', security: [{ sessionCookie: [] }], responses: { 200: jsonResponse(z.array(userSchema), 'Alle gebruikers'), ...errorResponses(401, 403) } }),
    async (c) => c.json((await listUsers(c.get('ctx'))).map(userJson), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags: ['beheer'],
      summary: 'Gebruiker aanmaken',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: createUserInput.openapi('CreateUserInput') } } } },
      responses: { 201: jsonResponse(userSchema, 'Aangemaakt'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => c.json(userJson(await createUser(c.get('ctx'), c.req.valid('json'))), 201),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/users/{id}', tags: ['beheer'], summary: 'Eén gebruiker', security: [{ sessionCookie: [] }], request: { params: idParam }, responses: { 200: jsonResponse(userSchema, 'De gebruiker'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(userJson(await getUser(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags: ['beheer'],
      summary: 'Naam, rollen, organisatie of status van een gebruiker wijzigen',
      security: [{ sessionCookie: [] }],
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: updateUserInput.openapi('UpdateUserInput') } } } },
      responses: { 200: jsonResponse(userSchema, 'Gewijzigd'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(userJson(await updateUser(c.get('ctx'), c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/audit-events',
      tags: ['beheer'],
      summary: 'Auditlog, nieuwste eerst',
      security: [{ sessionCookie: [] }],
      request: {
        query: z.object({
          action: z.string().max(100).optional().openapi({ description: 'Begin van de actie, bijvoorbeeld "auth."' }),
          subjectId: z.string().max(100).optional(),
          before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: 'Alleen gebeurtenissen met een lager id (bladeren)' }),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
      },
      responses: { 200: jsonResponse(z.array(auditEventSchema), 'Gebeurtenissen'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const events = await readAuditLog(ctx, c.req.valid('query'));
      return c.json(events.map((e) => ({ ...e, at: e.at.toISOString(), label: auditActionLabel(ctx.lang, e.action) })), 200);
    },
  );
}
