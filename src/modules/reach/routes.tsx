/** @jsxImportSource hono/jsx */
// The reach module's routes: one register function per part.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerSessions } from './session-pages.tsx';
import { registerReportPages } from './report-pages.tsx';
import { registerReportApi } from './report-api.ts';
import { registerPlanPages } from './plan-pages.tsx';
import { registerPlanForms } from './plan-forms.tsx';
import { registerPlanApi } from './plan-api.ts';
import { registerImportPages } from './import-pages.tsx';
import { registerMappingPages } from './import-mapping-pages.tsx';
import { registerImportApi } from './import-api.ts';
import { registerSubjectAccessPages } from './subject-access-pages.tsx';
import { registerSubjectAccessApi } from './subject-access-api.ts';

export function registerReach(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  // plans
  registerPlanPages(app);
  registerPlanForms(app);
  registerPlanApi(api);
  // sessions
  registerSessions(app, api);
  // imports
  registerMappingPages(app);
  registerImportPages(app);
  registerImportApi(api);
  // reports
  registerReportPages(app);
  registerReportApi(api);
  // subject access (the privacy desk)
  registerSubjectAccessPages(app);
  registerSubjectAccessApi(api);
  void app;
  void api;
}
