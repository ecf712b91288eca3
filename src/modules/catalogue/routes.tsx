/** @jsxImportSource hono/jsx */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';

export function registerCatalogue(_app: OpenAPIHono<AppEnv>, _api: OpenAPIHono<AppEnv>) {}
