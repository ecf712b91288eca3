/** @jsxImportSource hono/jsx */
// Platform routes: home, health, assets, language switch and the statements Dutch public-sector sites must have.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { createRequire } from 'node:module';
import type { AppEnv } from './env.ts';
import { Layout, viewOf, H1, H2, P, A, UL } from '../ui/page.tsx';
import { parseLang } from '../i18n/index.ts';
import { LANG_COOKIE } from './app.tsx';
import { notFound } from './errors.ts';
import { sameOriginPath } from './redirect.ts';
import { resultCacheStats } from '../cache.ts';
import { installedModules } from '../module.ts';
import { log } from '../log.ts';

const require = createRequire(import.meta.url);

/** One stylesheet: Utrecht components, the open "voorbeeld" design tokens, and our own small layer. */
function buildCss(): string {
  const utrecht = fs.readFileSync(require.resolve('@utrecht/component-library-css/dist/index.css'), 'utf8');
  const tokens = fs.readFileSync(require.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'), 'utf8');
  const own = fs.readFileSync(path.join(import.meta.dirname, '../ui/assets/app.css'), 'utf8');
  return `${tokens}\n${utrecht}\n${own}`;
}

export function registerPlatformPages(app: OpenAPIHono<AppEnv>) {
  const css = buildCss();
  const cssEtag = `"${crypto.createHash('sha1').update(css).digest('hex').slice(0, 16)}"`;

  app.get('/assets/:file', (c) => {
    if (c.req.param('file') !== 'app.css') throw notFound();
    if (c.req.header('if-none-match') === cssEtag) return c.body(null, 304);
    return c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600', ETag: cssEtag });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204));

  app.get('/bare', (c) => c.text('ok'));

  app.get('/health', async (c) => {
    const db = c.get('deps').database;
    const up = await db.ping().catch(() => false);
    // Shared public search results since start: how often an identical search was answered without the database.
    return c.json({ status: up ? 'ok' : 'unavailable', database: { kind: db.kind, status: up ? 'up' : 'down' }, searchCache: resultCacheStats(db.db) }, up ? 200 : 503);
  });

  app.get('/taal/:lang', (c) => {
    const lang = parseLang(c.req.param('lang'));
    if (!lang) throw notFound();
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    return c.redirect(sameOriginPath(c.req.query('terug')), 303);
  });

  app.get('/', async (c: Context<AppEnv>) => {
    const v = viewOf(c);
    // Each module may add a section (the framework: its themes). A section that fails is left out, not the page.
    // A module whose `homeFirst` answers yes for the reader puts its section first (the reader's main page).
    const actor = c.get('ctx').actor;
    const withHome = installedModules().filter((m) => m.home);
    const sections = await Promise.all(
      [...withHome.filter((m) => m.homeFirst?.(actor)), ...withHome.filter((m) => !m.homeFirst?.(actor))]
        .map((m) => m.home!(c.get('ctx'), v).catch((err: unknown) => (log.warn('home section failed', { module: m.name, error: String(err) }), null))),
    );
    return c.html(
      <Layout v={v} title={v.t('home.title')}>
        <H1>{v.t('home.title')}</H1>
        <P>{v.t('home.intro')}</P>
        {sections}
      </Layout>,
    );
  });

  app.get('/toegankelijkheid', (c: Context<AppEnv>) => {
    const v = viewOf(c);
    return c.html(
      <Layout v={v} title={v.t('a11y.title')}>
        <H1>{v.t('a11y.title')}</H1>
        <P>{v.t('a11y.p1')}</P>
        <P>{v.t('a11y.p2')}</P>
        <H2>{v.t('a11y.howTested')}</H2>
        <P>{v.t('a11y.p3')}</P>
        <H2>{v.t('a11y.known')}</H2>
        <P>{v.t('a11y.p4')}</P>
        <H2>{v.t('a11y.contact')}</H2>
        <P>{v.t('a11y.p5')}</P>
      </Layout>,
    );
  });

  app.get('/privacy', (c: Context<AppEnv>) => {
    const v = viewOf(c);
    return c.html(
      <Layout v={v} title={v.t('privacy.title')}>
        <H1>{v.t('privacy.title')}</H1>
        <P>{v.t('privacy.p1')}</P>
        <H2>{v.t('privacy.what')}</H2>
        <UL items={[v.t('privacy.item1'), v.t('privacy.item2'), v.t('privacy.item3'), v.t('privacy.item4')]} />
        <H2>{v.t('privacy.rights')}</H2>
        <P>{v.t('privacy.p2')}</P>
        <H2>{v.t('privacy.cookies')}</H2>
        <P>{v.t('privacy.p3')}</P>
      </Layout>,
    );
  });
}
