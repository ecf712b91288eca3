// The accountability module's routes: the document pages, the dashboards and the API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerDocumentPages } from './document-pages.tsx';
import { registerAccountabilityApi } from './api.ts';
import { registerDashboardPages } from './dashboard-pages.tsx';

export function registerAccountability(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerDocumentPages(app);
  registerDashboardPages(app);
  registerAccountabilityApi(api);
}
