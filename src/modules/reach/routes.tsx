/** @jsxImportSource hono/jsx */
// The reach module's routes: one register function per part.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerPlanPages } from './plan-pages.tsx';
import { registerPlanForms } from './plan-forms.tsx';
import { registerPlanApi } from './plan-api.ts';

export function registerReach(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  // plans
  registerPlanPages(app);
  registerPlanForms(app);
  registerPlanApi(api);
  // sessions
  // imports
  // reports
  void app;
  void api;
}
