/** @jsxImportSource hono/jsx */
// The fund module's routes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerFundPages } from './fund-pages.tsx';
import { registerApplyPages } from './apply-pages.tsx';
import { registerApplicationPages } from './application-pages.tsx';
import { registerFundApi } from './api.ts';

export function registerFund(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerFundPages(app);
  registerApplyPages(app);
  registerApplicationPages(app);
  registerFundApi(api);
}
