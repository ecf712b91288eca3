// Routes of the network module: public pages, management pages ("Mijn organisatie", administration) and the JSON API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerNetworkPages } from './pages.tsx';
import { registerManagePages } from './manage-pages.tsx';
import { registerNetworkApi } from './api.ts';

export function registerNetwork(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerNetworkPages(app);
  registerManagePages(app);
  registerNetworkApi(api);
}
