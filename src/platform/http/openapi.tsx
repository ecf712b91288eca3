/** @jsxImportSource hono/jsx */
// The JSON API's shared parts: OpenAPI 3.1 document, problem responses, the API-Version header and /api/docs.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { API_VERSION } from './api-version.ts';
import { Layout, viewOf, H1, H2, P, A } from '../ui/page.tsx';
import { sessionOnlyRoutes } from '../auth/policy.ts';

export const problemSchema = z
  .object({
    type: z.string().openapi({ example: 'about:blank' }),
    title: z.string().openapi({ example: 'Ongeldige invoer' }),
    status: z.number().int().openapi({ example: 400 }),
    detail: z.string().openapi({ example: 'Controleer de velden en probeer het opnieuw.' }),
    instance: z.string().optional(),
    invalidParams: z.array(z.object({ name: z.string(), code: z.string(), reason: z.string() })).optional(),
  })
  .openapi('Problem');

export const versionHeader = {
  'API-Version': { description: 'Volledige versie van de API', schema: { type: 'string' as const, example: API_VERSION } },
};

const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: problemSchema } }, headers: versionHeader });

/** Error responses an operation can give. Every operation lists 400 (API Design Rules). */
export function errorResponses(...extra: (401 | 403 | 404 | 409 | 429)[]) {
  const out: Record<number, ReturnType<typeof problem>> = { 400: problem('Ongeldige invoer') };
  const text: Record<number, string> = { 401: 'Niet ingelogd', 403: 'Geen toegang', 404: 'Niet gevonden', 409: 'Conflict', 429: 'Te veel pogingen' };
  for (const code of extra) out[code] = problem(text[code]);
  return out;
}

export function jsonResponse<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } }, headers: versionHeader };
}

export type ApiTag = { name: string; description: string };
const tagsOf = new WeakMap<OpenAPIHono<AppEnv>, ApiTag[]>();
const middlewareOf = new WeakMap<OpenAPIHono<AppEnv>, unknown[]>();

/** The API's own middleware (the access check skips it when it looks for the route that answers). */
export const apiMiddleware = (api: OpenAPIHono<AppEnv>): unknown[] => middlewareOf.get(api) ?? [];

/** The JSON API, with the OpenAPI tags of the modules (each module declares its own). */
export function createApi(moduleTags: ApiTag[] = []) {
  const api = new OpenAPIHono<AppEnv>({
    strict: true,
    // Invalid input: throw, so the one error handler answers with problem+json listing every field.
    defaultHook: (result) => {
      if (!result.success) throw result.error;
    },
  });
  const versionMiddleware = async (c: Context<AppEnv>, next: () => Promise<void>) => {
    await next();
    c.header('API-Version', API_VERSION);
  };
  api.use('*', versionMiddleware);
  middlewareOf.set(api, [versionMiddleware]);
  tagsOf.set(api, [...moduleTags, { name: 'beheer', description: 'Gebruikers en auditlog (alleen beheerders)' }, { name: 'tokens', description: 'API-tokens voor het eigen systeem van een organisatie (beheren kan alleen met een sessie op de website)' }, { name: 'account', description: 'Het eigen account: alles wat het platform over de ingelogde persoon bewaart (Mijn gegevens)' }]);
  api.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', { type: 'apiKey', in: 'cookie', name: 'sb_session', description: 'Sessie van de website (na inloggen).' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'sb_…',
    description: 'API-token (Authorization: Bearer sb_…), te maken op /account/tokens of met `sociale-basis token create`. De token handelt als zijn gebruiker; scope read: alleen GET, scope write: alle methoden.',
  });
  return api;
}

type Doc = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

/**
 * Every operation that needs a login (it lists the session cookie) also takes an API token, except the ones a token
 * may not use (managing tokens): the same rule the bearer check applies.
 */
export function withBearer(doc: Doc): Doc {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item ?? {}) as [string, { security?: Record<string, string[]>[] }][]) {
      if (!op || typeof op !== 'object' || !Array.isArray(op.security)) continue;
      const key = `${method.toUpperCase()} /api/v1${path.replace(/\{([^}]+)\}/g, ':$1')}`;
      if (sessionOnlyRoutes.has(key) || !op.security.some((s) => 'sessionCookie' in s) || op.security.some((s) => 'bearerAuth' in s)) continue;
      op.security = [...op.security, { bearerAuth: [] }];
    }
  }
  return doc;
}

export function openApiDocument(api: OpenAPIHono<AppEnv>, publicUrl: string) {
  return withBearer(api.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Sociale Basis API',
      version: API_VERSION,
      description: 'JSON API van het platform Sociale Basis. Foutmeldingen volgen RFC 9457 (application/problem+json).',
      contact: { name: 'Sociale Basis', email: 'beheer@sociale-basis.example', url: `${publicUrl.replace(/\/$/, '')}/api/docs` },
      license: { name: 'EUPL-1.2', url: 'https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12' },
    },
    servers: [{ url: `${publicUrl.replace(/\/$/, '')}/api/v1`, description: 'Deze server' }],
    tags: tagsOf.get(api) ?? [],
  }));
}

export function registerApiDocs(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>, publicUrl: string) {
  let cached: ReturnType<typeof openApiDocument> | null = null;
  const doc = () => (cached ??= openApiDocument(api, publicUrl));
  app.get('/api/v1/openapi.json', (c) => {
    c.header('API-Version', API_VERSION);
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(doc());
  });
  app.get('/api/docs', (c: Context<AppEnv>) => {
    const v = viewOf(c);
    const d = doc();
    const paths = Object.entries(d.paths ?? {}) as [string, Record<string, { summary?: string; description?: string; tags?: string[]; parameters?: { name: string; in: string; required?: boolean; description?: string }[] }>][];
    return c.html(
      <Layout v={v} title={v.t('api.title')}>
        <H1>{v.t('api.title')}</H1>
        <P>{v.t('api.intro', { version: API_VERSION })}</P>
        <P>
          <A href="/api/v1/openapi.json">{v.t('api.openapiLink')}</A>
        </P>
        {paths.map(([path, ops]) => (
          <section>
            <H2>
              <code class="utrecht-code">/api/v1{path}</code>
            </H2>
            {Object.entries(ops).map(([method, op]) => (
              <div class="sb-api-op">
                <p class="utrecht-paragraph">
                  <strong>{method.toUpperCase()}</strong> — {op.summary}
                </p>
                {op.description && <P>{op.description}</P>}
                {op.parameters && op.parameters.length > 0 && (
                  <ul class="utrecht-unordered-list">
                    {op.parameters.map((p) => (
                      <li class="utrecht-unordered-list__item">
                        <code class="utrecht-code">{p.name}</code> ({p.in}
                        {p.required ? `, ${v.t('api.required')}` : ''}){p.description ? ` — ${p.description}` : ''}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ))}
          </section>
        ))}
      </Layout>,
    );
  });
}
