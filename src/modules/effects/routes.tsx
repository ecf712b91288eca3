/** @jsxImportSource hono/jsx */
// The effects module's routes: one register function per part.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerSurveys } from './survey-routes.ts';
import { registerOutflowPages } from './outflow-pages.tsx';
import { registerStoryPages } from './story-pages.tsx';
import { registerComplaintPages } from './complaint-pages.tsx';
import { registerRegistersApi } from './register-api.ts';
import { registerResults } from './result-routes.ts';

export function registerEffects(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  // surveys
  registerSurveys(app, api);
  // survey results
  registerResults(app, api);
  // trajectories and outflow, stories, complaints and objections (the registers; one API file for the three)
  registerOutflowPages(app);
  registerStoryPages(app);
  registerComplaintPages(app);
  registerRegistersApi(api);
  void app;
  void api;
}
