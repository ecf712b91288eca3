/** @jsxImportSource hono/jsx */
// The reach module's routes: one register function per part.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerImportPages } from './import-pages.tsx';
import { registerMappingPages } from './import-mapping-pages.tsx';
import { registerImportApi } from './import-api.ts';

export function registerReach(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  // plans
  // sessions
  // imports
  registerMappingPages(app);
  registerImportPages(app);
  registerImportApi(api);
  // reports
  void app;
  void api;
}
