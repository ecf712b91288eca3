// JSON API of API tokens: list, make and revoke one's own (administrators: anyone's). Only with a session of the
// website: a request made with a token is refused (sessionOnlyRoutes), so a token cannot make further tokens.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { invalid } from '../http/errors.ts';
import { errorResponses, jsonResponse } from '../http/openapi.tsx';
import { checkApiTokenInput, createApiToken, createApiTokenInput, listApiTokens, revokeApiToken, tokenScopes, type ApiTokenView } from './api-tokens.ts';

const dateTime = z.iso.datetime({ offset: true });
const apiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string().openapi({ example: 'Ledenadministratie' }),
    prefix: z.string().openapi({ description: 'De eerste tekens van de token, om hem te herkennen', example: 'sb_Xk29aQe' }),
    scopes: z.array(z.enum(tokenScopes)).openapi({ description: 'read: alleen GET; write: alle methoden' }),
    status: z.enum(['active', 'expired', 'revoked']),
    userId: z.uuid().openapi({ description: 'De gebruiker als wie de token handelt' }),
    userName: z.string(),
    userEmail: z.string(),
    organisationName: z.string().nullable(),
    createdAt: dateTime,
    expiresAt: dateTime.nullable().openapi({ description: 'Vanaf dit moment werkt de token niet meer' }),
    lastUsedAt: dateTime.nullable().openapi({ description: 'Laatste gebruik (bijgewerkt hoogstens eens per minuut)' }),
    revokedAt: dateTime.nullable(),
  })
  .openapi('ApiToken');
const createdSchema = apiTokenSchema.extend({ token: z.string().openapi({ description: 'De token zelf: alleen in dit antwoord, daarna nooit meer te zien', example: 'sb_Xk29aQe…' }) }).openapi('CreatedApiToken');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const tokenJson = (t: ApiTokenView) => ({ ...t, createdAt: t.createdAt.toISOString(), expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
const secured = { security: [{ sessionCookie: [] }] };

/** A bad token body: its shape, dates and holder in one pass, so every problem is reported at once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodyHook = async (result: { success: boolean; error?: unknown }, c: Context<AppEnv, any, any>): Promise<never> => {
  if (result.success) return undefined as never;
  const { target, data } = result as { target?: string; data?: unknown };
  if (target === 'json') throw invalid(await checkApiTokenInput(c.get('ctx'), data));
  throw result.error;
};

export function registerTokenApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['tokens'],
      summary: 'Eigen API-tokens, nieuwste eerst (beheerder met all=true: alle tokens)',
      ...secured,
      request: { query: z.object({ all: z.enum(['true', 'false']).optional().openapi({ description: 'Beheerders: de tokens van alle gebruikers' }) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(apiTokenSchema) }), 'Tokens (zonder de tokens zelf)'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json({ items: (await listApiTokens(c.get('ctx'), { all: c.req.valid('query').all === 'true' })).map(tokenJson) }, 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['tokens'],
      summary: 'API-token maken (beheerder: ook voor een andere gebruiker met userId); de token staat alleen in dit antwoord',
      ...secured,
      request: { body: { required: true, content: { 'application/json': { schema: createApiTokenInput.openapi('CreateApiTokenInput') } } } },
      responses: { 201: jsonResponse(createdSchema, 'Gemaakt'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => {
      const { token, apiToken } = await createApiToken(c.get('ctx'), c.req.valid('json'));
      return c.json({ ...tokenJson(apiToken), token }, 201);
    },
    bodyHook,
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/tokens/{id}/revoke',
      tags: ['tokens'],
      summary: 'API-token intrekken: hij werkt meteen niet meer (nogmaals intrekken verandert niets)',
      ...secured,
      request: { params: idParam, body: { required: false, content: { 'application/json': { schema: z.object({}).openapi('RevokeApiTokenInput') } } } },
      responses: { 200: jsonResponse(apiTokenSchema, 'De ingetrokken token'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(tokenJson(await revokeApiToken(c.get('ctx'), c.req.valid('param').id)), 200),
  );
}
