// The results part's routes: results page and downloads, poster, invitation lists, the /effecten landing page, API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerResultPages } from './result-pages.tsx';
import { registerDistributionPages } from './result-distribution-pages.tsx';
import { registerResultApi } from './result-api.ts';

export function registerResults(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerResultPages(app);
  registerDistributionPages(app);
  registerResultApi(api);
}
