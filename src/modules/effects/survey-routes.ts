// The survey part's routes: the builder and staff pages, the answering pages, the JSON API, the stylesheet.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerSurveyBuilderPages } from './survey-builder-pages.tsx';
import { registerSurveyPublicPages } from './survey-public-pages.tsx';
import { registerSurveyApi } from './survey-api.ts';
import { SURVEY_CSS, SURVEY_CSS_URL } from './survey-views.tsx';

export function registerSurveys(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  app.get(SURVEY_CSS_URL, (c) => c.body(SURVEY_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));
  registerSurveyBuilderPages(app);
  registerSurveyPublicPages(app);
  registerSurveyApi(api);
}
