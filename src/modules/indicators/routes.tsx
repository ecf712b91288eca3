// The indicators module's routes: fixed paths first, the pages under /indicatoren/:key last (the pattern would
// match kaart, doelen, import, …).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerIndicatorPages, registerIndicatorKeyPages } from './pages.tsx';
import { registerMapPages } from './map-pages.tsx';
import { registerTargetPages } from './target-pages.tsx';
import { registerImportPages } from './import-pages.tsx';
import { registerIndicatorApi } from './api.ts';

export function registerIndicators(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerIndicatorPages(app);
  registerMapPages(app);
  registerTargetPages(app);
  registerImportPages(app);
  registerIndicatorKeyPages(app);
  registerIndicatorApi(api);
}
