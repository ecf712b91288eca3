/** @jsxImportSource hono/jsx */
// The Hono application: middleware chain (request id → headers → language → session → access → CSRF), error mapping, routes.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import crypto from 'node:crypto';
import type { AppDeps, AppEnv } from './env.ts';
import { AppError, statusTitleKey, translate } from './errors.ts';
import { internalProblem, problemFor, problemResponse, toAppError, wantsJson } from './problem.ts';
import { parseLang, t, type Lang } from '../i18n/index.ts';
import { resolveSession } from '../auth/service.ts';
import { platformRoutes, sessionOnlyRoutes } from '../auth/policy.ts';
import { bearerAuth, isApiPath } from '../auth/bearer.ts';
import { registerTokenPages } from '../auth/token-pages.tsx';
import { registerTokenApi } from '../auth/token-api.ts';
import { RouteTable, registerOwned, routeKey, type Access } from './routes.ts';
import { installModules, type Module } from '../module.ts';
import { newToken, safeEqual } from '../auth/tokens.ts';
import { Layout, viewOf, P, H1, A, UL } from '../ui/page.tsx';
import { log } from '../log.ts';
import { registerPlatformPages } from './platform-pages.tsx';
import { registerAuthPages } from '../auth/pages.tsx';
import { registerAuthApi } from '../auth/api.ts';
import { registerAuditPages } from '../audit/pages.tsx';
import { registerAdminPages } from '../auth/admin-pages.tsx';
import { apiMiddleware, createApi, registerApiDocs } from './openapi.tsx';
import { registerJobsPages } from '../jobs/pages.tsx';
import { registerJobsApi } from '../jobs/api.ts';
import { registerPersonalDataPages } from '../privacy/pages.tsx';
import { registerPersonalDataApi } from '../privacy/api.ts';
import { requireKnownTenant } from '../tenancy/guard.ts';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_COOKIE = 'sb_csrf';
export const LANG_COOKIE = 'sb_lang';
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const ROUTES = Symbol('routes');
/** Paths whose answers carry personal data (administration, own account, users, people at organisations, the audit log). */
const PERSONAL_PATHS = /^\/(beheer|account|api\/v1\/me|api\/v1\/users|api\/v1\/audit-events|api\/v1\/organisations\/[^/]+\/people)(\/|$)/;

const unsafe = (m: string) => !['GET', 'HEAD', 'OPTIONS'].includes(m);

/**
 * The access rule of the route that will answer this request. Hono runs the matched handlers in registration
 * order, so the first matched route that is not one of the platform's middleware answers (`/beheer/gebruikers/nieuw`
 * before `/beheer/gebruikers/:id`). A route that is not in the table (e.g. an app.all() added behind the registrar's
 * back) has no rule and is refused.
 */
function accessFor(c: Context, table: RouteTable, middleware: ReadonlySet<unknown>): { key: string; access: Access | undefined } | null {
  for (const r of matchedRoutes(c)) {
    if (r.method === 'ALL' && middleware.has(r.handler)) continue;
    const key = routeKey(r.method, r.path);
    return { key, access: table.get(key)?.access };
  }
  return null; // only middleware matched: the request will be a 404
}

const hasNul = (s: string) => s.includes('\u0000');
const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const nulError = (name: string) => new AppError('validation', 'error.nulByte', [{ field: name, code: 'nul_byte', message: 'error.nulByte', params: { name } }], { name });

/** The path (`items.0.title`) of the first string in a JSON value that holds a NUL byte, if any. */
function nulPath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') return hasNul(value) ? path.join('.') || 'body' : undefined;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (hasNul(k)) return [...path, k.replaceAll('\u0000', '')].join('.');
      const found = nulPath(v, [...path, k]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

export function allowed(access: Access, roles: readonly string[] | null): boolean {
  if (access === 'public') return true;
  if (roles === null) return false;
  if (access === 'authenticated') return true;
  return access.some((r) => roles.includes(r));
}

/** The app serving the platform and the given modules (src/modules/index.ts lists them). */
export function createApp(deps: AppDeps, modules: readonly Module[]) {
  if (deps.database.tenant !== deps.config.TENANT) throw new Error(`The database connection serves ${deps.database.tenant}, not TENANT ${deps.config.TENANT}`);
  installModules(modules);
  const app = new OpenAPIHono<AppEnv>({ strict: true });
  const secureCookie = deps.config.PUBLIC_URL.startsWith('https://');
  const clock = deps.clock ?? (() => new Date());
  const table = new RouteTable();
  // The platform's middleware, so the access check can tell it from the route that answers.
  const middleware = new Set<unknown>();
  const use = (handler: MiddlewareHandler<AppEnv>) => {
    middleware.add(handler);
    app.use('*', handler);
  };

  use(async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', crypto.randomUUID());
    await next();
  });

  use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      referrerPolicy: 'same-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );

  // Request bodies up to 2 MB; a module may allow more on its own upload routes (Module.uploadLimits), with its own message.
  const defaultLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('payload_too_large', 'error.payloadTooLarge'); } });
  const uploadLimits = new Map<string, MiddlewareHandler>();
  for (const m of modules) {
    for (const [key, limit] of Object.entries(m.uploadLimits ?? {})) {
      if (!m.routes?.rules[key]) throw new Error(`${m.name}: upload limit for ${key}, which is not one of its routes.`);
      uploadLimits.set(key, bodyLimit({ maxSize: limit.maxBytes, onError: () => { throw new AppError('payload_too_large', limit.message, [], limit.params); } }));
    }
  }
  use((c, next) => {
    const key = uploadLimits.size && unsafe(c.req.method) ? accessFor(c, table, middleware)?.key : undefined;
    return ((key && uploadLimits.get(key)) || defaultLimit)(c, next);
  });

  // Personal data must not be kept by browsers or proxies: every answer to a signed-in request (its pages show
  // who is signed in), and every answer under the paths that carry personal data, signed in or not.
  use(async (c, next) => {
    await next();
    if ((c.get('ctx')?.actor && !c.req.path.startsWith('/assets/')) || PERSONAL_PATHS.test(c.req.path)) c.header('Cache-Control', 'no-store');
  });

  // Session, language and service context.
  use(async (c, next) => {
    const now = new Date();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps.database.db, deps.config.TENANT, token, now) : null;
    const lang: Lang = parseLang(getCookie(c, LANG_COOKIE)) ?? 'nl';
    c.set('lang', lang);
    c.set('sessionId', session?.sessionId ?? null);
    c.set('ctx', { db: deps.database.db, tenant: deps.config.TENANT, actor: session?.actor ?? null, now: clock, lang });
    if (session) {
      c.set('csrfToken', session.csrfToken);
    } else {
      let anon = getCookie(c, CSRF_COOKIE);
      if (!anon || anon.length < 32) {
        anon = newToken();
        setCookie(c, CSRF_COOKIE, anon, { httpOnly: true, sameSite: 'Lax', secure: secureCookie, path: '/' });
      }
      c.set('csrfToken', anon);
    }
    await next();
  });

  // The municipality this server serves must exist (else a clear 503 page or problem).
  use(requireKnownTenant(deps.database, deps.config.TENANT));

  // API tokens: `Authorization: Bearer …` on /api/v1 only (pages ignore it); the token's user becomes the actor.
  use(bearerAuth());

  // Access: the rule registered with the route that answers; a route without one is refused (fail closed).
  use(async (c, next) => {
    const found = accessFor(c, table, middleware);
    if (!found) return next();
    if (!found.access) {
      log.error('route without policy', { route: found.key });
      throw new AppError('forbidden', 'error.forbidden');
    }
    // Tokens are managed in a browser session only: a token cannot make more tokens.
    if (c.get('ctx').apiTokenId && sessionOnlyRoutes.has(found.key)) throw new AppError('forbidden', 'error.tokenNotForTokens');
    const actor = c.get('ctx').actor;
    if (!allowed(found.access, actor?.roles ?? null)) {
      if (!actor) {
        if (wantsJson(c) || unsafe(c.req.method)) throw new AppError('unauthenticated', 'error.unauthenticated');
        return c.redirect(`/inloggen?terug=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
      }
      throw new AppError('forbidden', 'error.forbidden');
    }
    return next();
  });

  // NUL bytes (%00) in the path or a query parameter: a clear 400 naming the parameter (the database cannot store them).
  use(async (c, next) => {
    const url = new URL(c.req.url);
    const bad = safeDecode(url.pathname).includes('\u0000') ? 'path' : [...url.searchParams].find(([k, v]) => hasNul(k) || hasNul(v))?.[0];
    if (bad !== undefined) throw nulError(bad.replaceAll('\u0000', ''));
    return next();
  });

  // CSRF: forms carry a token bound to the session (or, before login, to a cookie); JSON must really be JSON.
  use(async (c, next) => {
    if (!unsafe(c.req.method)) return next();
    const ct = c.req.header('content-type') ?? '';
    const mediaType = ct.split(';')[0].trim().toLowerCase();
    if (c.req.path.startsWith('/api/')) {
      if (mediaType !== 'application/json') throw new AppError('unsupported_media_type', 'error.jsonRequired', [{ field: 'Content-Type', code: 'unsupported_media_type', message: 'error.jsonRequired' }]);
      const text = await c.req.text();
      if (text.includes('\\u0000') || hasNul(text)) {
        const json = (() => { try { return JSON.parse(text) as unknown; } catch { return undefined; } })();
        const name = json === undefined ? (hasNul(text) ? 'body' : undefined) : nulPath(json);
        if (name !== undefined) throw nulError(name);
      }
      return next();
    }
    let sent = '';
    if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') {
      const body = await c.req.parseBody({ all: true });
      sent = typeof body._csrf === 'string' ? body._csrf : '';
      const bad = Object.entries(body).find(([k, v]) => hasNul(k) || (Array.isArray(v) ? v : [v]).some((x) => typeof x === 'string' && hasNul(x)));
      if (bad && sent && safeEqual(sent, c.get('csrfToken'))) throw nulError(bad[0].replaceAll('\u0000', ''));
    }
    if (!sent || !safeEqual(sent, c.get('csrfToken'))) throw new AppError('forbidden', 'error.csrf');
    return next();
  });

  const api = createApi(modules.flatMap((m) => (m.apiTag ? [m.apiTag] : [])));
  for (const h of apiMiddleware(api)) middleware.add(h);
  const targets = { app, api };
  registerOwned(targets, 'platform', platformRoutes, table, (pages, json) => {
    registerPlatformPages(pages);
    registerAuthPages(pages);
    registerAdminPages(pages);
    registerAuditPages(pages);
    registerJobsPages(pages);
    registerAuthApi(json);
    registerTokenPages(pages);
    registerTokenApi(json);
    registerJobsApi(json);
    registerPersonalDataPages(pages);
    registerPersonalDataApi(json);
    registerApiDocs(pages, api, deps.config.PUBLIC_URL);
  });
  for (const m of modules) if (m.routes) registerOwned(targets, m.name, m.routes.rules, table, m.routes.register);
  app.route('/api/v1', api);

  app.notFound((c) => renderError(c as Context<AppEnv>, new AppError('not_found', 'error.notFound')));
  app.onError((err, c) => {
    const ctx = c as Context<AppEnv>;
    const lang = ctx.get('lang') ?? 'nl';
    const e = toAppError(err, lang);
    if (e) return renderError(ctx, e);
    const { ref, problem } = internalProblem(c, err, lang);
    if (wantsJson(c)) return problemResponse(c, problem);
    return renderMessage(ctx, t(lang, 'status.500'), t(lang, 'error.internal', { ref }), 500);
  });
  Object.defineProperty(app, ROUTES, { value: table });
  return app;
}

export type App = ReturnType<typeof createApp>;

/** Every route of an app with its access rule (for the coverage tests). */
export const routeRules = (app: App): [string, Access][] => (app as unknown as { [ROUTES]: RouteTable })[ROUTES].entries();

function renderError(c: Context<AppEnv>, e: AppError) {
  const lang = c.get('lang') ?? 'nl';
  if (e.code === 'unavailable') c.header('Retry-After', String(e.params.seconds ?? 5));
  // RFC 9110: a 401 names how to authenticate; the API takes a bearer token (or the session cookie).
  if (e.code === 'unauthenticated' && isApiPath(c.req.path)) c.header('WWW-Authenticate', c.get('authChallenge') ?? 'Bearer realm="Sociale Basis"');
  else if (e.code === 'forbidden' && c.get('authChallenge')) c.header('WWW-Authenticate', c.get('authChallenge'));
  if (wantsJson(c)) return problemResponse(c, problemFor(e, lang, c.req.path));
  return renderMessage(c, t(lang, statusTitleKey(e.code)), translate(lang, e.messageKey, e.params), e.status, e.fields.map((f) => f.message));
}

/** An error page: title, explanation, and for bad input which parameter is wrong and why. */
function renderMessage(c: Context<AppEnv>, title: string, detail: string, status: number, reasons: string[] = []) {
  // Outside the normal chain (e.g. very early errors) the view may lack parts; fill them safely.
  if (!c.get('ctx')) c.set('ctx', { db: undefined as never, tenant: '', actor: null, now: () => new Date(), lang: 'nl' });
  if (!c.get('lang')) c.set('lang', 'nl');
  if (!c.get('csrfToken')) c.set('csrfToken', '');
  const v = viewOf(c);
  return c.html(
    <Layout v={v} title={title}>
      <H1>{title}</H1>
      <P>{detail}</P>
      {reasons.length > 0 && reasons.some((r) => r !== detail) && (
        <UL items={reasons} />
      )}
      <P>
        <A href="/">{v.t('error.backHome')}</A>
      </P>
    </Layout>,
    status as 400,
  );
}
