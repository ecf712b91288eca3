/** @jsxImportSource hono/jsx */
// Routes of the places module: public pages, booking pages, management pages and the JSON API.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerPlacesPages } from './pages.tsx';
import { registerBookingPages } from './booking-pages.tsx';
import { registerPlacesAdminPages } from './admin-pages.tsx';
import { registerPlacesApi } from './api.ts';

export function registerPlaces(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerPlacesPages(app);
  registerBookingPages(app);
  registerPlacesAdminPages(app);
  registerPlacesApi(api);
}
