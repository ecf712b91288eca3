import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerFrameworkPages } from './pages.tsx';
import { registerFrameworkEditPages } from './edit-pages.tsx';
import { registerFrameworkApi } from './api.ts';

export function registerFramework(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerFrameworkPages(app);
  registerFrameworkEditPages(app);
  registerFrameworkApi(api);
}
