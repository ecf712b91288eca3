/** @jsxImportSource hono/jsx */
// The catalogue's routes: public search and activity pages, partner pages and the JSON API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerCataloguePages } from './pages.tsx';
import { registerCatalogueEditPages } from './edit-pages.tsx';
import { registerCatalogueApi } from './api.ts';

export function registerCatalogue(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerCataloguePages(app);
  registerCatalogueEditPages(app);
  registerCatalogueApi(api);
}
