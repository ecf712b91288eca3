/** @jsxImportSource hono/jsx */
// The Hono application: middleware chain (request id → headers → language → session → access → CSRF), error mapping, routes.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import { bodyLimit } from 'hono/body-limit';
import { matchedRoutes } from 'hono/route';
import crypto from 'node:crypto';
import type { AppDeps, AppEnv } from './env.ts';
import { AppError } from './errors.ts';
import { internalProblem, problemFor, problemResponse, toAppError, wantsJson } from './problem.ts';
import { parseLang, t, type Lang } from '../i18n/index.ts';
import { resolveSession } from '../auth/service.ts';
import { policyKey, policyTable, type Access } from '../auth/policy-table.ts';
import { newToken, safeEqual } from '../auth/tokens.ts';
import { Layout, viewOf, P, H1, A } from '../ui/page.tsx';
import { log } from '../log.ts';
import { registerPlatformPages } from './platform-pages.tsx';
import { registerAuthPages } from '../auth/pages.tsx';
import { registerAuthApi } from '../auth/api.ts';
import { registerAuditPages } from '../audit/pages.tsx';
import { registerAdminPages } from '../auth/admin-pages.tsx';
import { registerFramework } from '../../modules/framework/routes.ts';
import { registerNetwork } from '../../modules/network/routes.tsx';
import { registerCatalogue } from '../../modules/catalogue/routes.tsx';
import { registerPlaces } from '../../modules/places/routes.tsx';
import { createApi, registerApiDocs } from './openapi.tsx';
import { requireKnownTenant } from '../tenancy/guard.ts';

export const SESSION_COOKIE = 'sb_session';
export const CSRF_COOKIE = 'sb_csrf';
export const LANG_COOKIE = 'sb_lang';
const MAX_BODY_BYTES = 2 * 1024 * 1024;

const unsafe = (m: string) => !['GET', 'HEAD', 'OPTIONS'].includes(m);

/** The access rule for the route that will answer this request, from the one policy table. */
function accessFor(c: Context): { key: string; access: Access | undefined } | null {
  const last = matchedRoutes(c).at(-1);
  if (!last || last.method === 'ALL') return null; // only middleware matched: the request will be a 404
  const key = policyKey(last.method, last.path);
  return { key, access: policyTable[key] };
}

export function allowed(access: Access, roles: readonly string[] | null): boolean {
  if (access === 'public') return true;
  if (roles === null) return false;
  if (access === 'authenticated') return true;
  return access.some((r) => roles.includes(r));
}

export function createApp(deps: AppDeps) {
  if (deps.database.tenant !== deps.config.TENANT) throw new Error(`The database connection serves ${deps.database.tenant}, not TENANT ${deps.config.TENANT}`);
  const app = new OpenAPIHono<AppEnv>({ strict: true });
  const secureCookie = deps.config.PUBLIC_URL.startsWith('https://');

  app.use('*', async (c, next) => {
    c.set('deps', deps);
    c.set('requestId', crypto.randomUUID());
    await next();
  });

  app.use(
    '*',
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

  app.use('*', bodyLimit({ maxSize: MAX_BODY_BYTES, onError: () => { throw new AppError('payload_too_large', 'error.payloadTooLarge'); } }));

  // Session, language and service context.
  app.use('*', async (c, next) => {
    const now = new Date();
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await resolveSession(deps.database.db, deps.config.TENANT, token, now) : null;
    const lang: Lang = parseLang(getCookie(c, LANG_COOKIE)) ?? 'nl';
    c.set('lang', lang);
    c.set('sessionId', session?.sessionId ?? null);
    c.set('ctx', { db: deps.database.db, tenant: deps.config.TENANT, actor: session?.actor ?? null, now: () => new Date(), lang });
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
  app.use('*', requireKnownTenant(deps.database, deps.config.TENANT));

  // Access: every route must be in the policy table; unknown routes are refused (fail closed).
  app.use('*', async (c, next) => {
    const found = accessFor(c);
    if (!found) return next();
    if (!found.access) {
      log.error('route without policy', { route: found.key });
      throw new AppError('forbidden', 'error.forbidden');
    }
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

  // CSRF: forms carry a token bound to the session (or, before login, to a cookie); JSON must really be JSON.
  app.use('*', async (c, next) => {
    if (!unsafe(c.req.method)) return next();
    if (c.req.path.startsWith('/api/')) {
      const ct = c.req.header('content-type') ?? '';
      if (!ct.startsWith('application/json')) throw new AppError('validation', 'error.jsonRequired', [{ field: 'Content-Type', message: t(c.get('lang'), 'error.jsonRequired') }]);
      return next();
    }
    const ct = c.req.header('content-type') ?? '';
    let sent = '';
    if (ct.startsWith('application/x-www-form-urlencoded') || ct.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody({ all: true });
      sent = typeof body._csrf === 'string' ? body._csrf : '';
    }
    if (!sent || !safeEqual(sent, c.get('csrfToken'))) throw new AppError('forbidden', 'error.csrf');
    return next();
  });

  const api = createApi();
  registerPlatformPages(app);
  registerAuthPages(app);
  registerAdminPages(app);
  registerAuditPages(app);
  registerFramework(app, api);
  registerNetwork(app, api);
  registerCatalogue(app, api);
  registerPlaces(app, api);
  registerAuthApi(api);
  app.route('/api/v1', api);
  registerApiDocs(app, api, deps.config.PUBLIC_URL);

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
  return app;
}

export type App = ReturnType<typeof createApp>;

function renderError(c: Context<AppEnv>, e: AppError) {
  const lang = c.get('lang') ?? 'nl';
  if (wantsJson(c)) return problemResponse(c, problemFor(e, lang, c.req.path));
  return renderMessage(c, t(lang, `status.${e.status}` as never), t(lang, e.messageKey, e.params), e.status);
}

function renderMessage(c: Context<AppEnv>, title: string, detail: string, status: number) {
  // Outside the normal chain (e.g. very early errors) the view may lack parts; fill them safely.
  if (!c.get('ctx')) c.set('ctx', { db: undefined as never, tenant: '', actor: null, now: () => new Date(), lang: 'nl' });
  if (!c.get('lang')) c.set('lang', 'nl');
  if (!c.get('csrfToken')) c.set('csrfToken', '');
  const v = viewOf(c);
  return c.html(
    <Layout v={v} title={title}>
      <H1>{title}</H1>
      <P>{detail}</P>
      <P>
        <A href="/">{v.t('error.backHome')}</A>
      </P>
    </Layout>,
    status as 400,
  );
}
