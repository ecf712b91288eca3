/** @jsxImportSource hono/jsx */
// The subsidies module's routes: one register function per part.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerCallPages } from './call-pages.tsx';
import { registerApplicationPages } from './application-pages.tsx';
import { registerAssessmentPages } from './assessment-pages.tsx';
import { registerGrantPages } from './grant-pages.tsx';
import { registerSubsidiesApi } from './api.ts';

export function registerSubsidies(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerCallPages(app);
  registerApplicationPages(app);
  registerAssessmentPages(app);
  registerGrantPages(app);
  registerSubsidiesApi(api);
}
