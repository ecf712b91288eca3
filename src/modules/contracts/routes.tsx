/** @jsxImportSource hono/jsx */
// The contracts module's routes.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { registerContractPages } from './pages.tsx';
import { registerContractEditPages } from './edit-pages.tsx';
import { registerContractsApi } from './api.ts';

export function registerContracts(app: OpenAPIHono<AppEnv>, api: OpenAPIHono<AppEnv>) {
  registerContractPages(app);
  registerContractEditPages(app);
  registerContractsApi(api);
}
