// JSON API of the fund: a year's figures at a glance (the same service function as the year page).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { getFundOverview } from './years.ts';

const TAG = 'fonds';
const cents = (description: string) => z.number().int().openapi({ description: `${description} (eurocent)` });
const fundSchema = z
  .object({
    year: z.number().int(),
    budgetCents: cents('Budget van het jaar'),
    grantedCents: cents('Toegekend bij besluit'),
    extraCents: cents('Extra budget afgesproken na een gesprek'),
    committedCents: cents('Vastgelegd: toegekend + extra'),
    paidCents: cents('Betaald'),
    remainingCents: cents('Nog beschikbaar: budget − vastgelegd'),
    opensOn: z.string().openapi({ format: 'date', description: 'Eerste dag om aan te vragen' }),
    closesOn: z.string().openapi({ format: 'date', description: 'Laatste dag om aan te vragen' }),
    decisionDeadline: z.string().openapi({ format: 'date', description: 'Uiterste datum voor het antwoord' }),
    applications: z.object({ draft: z.number().int(), submitted: z.number().int(), decided: z.number().int(), overdue: z.number().int().openapi({ description: 'Verstuurd en na de uiterste datum nog zonder antwoord' }) }),
  })
  .openapi('FundYear');

export function registerFundApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/fund/{year}',
      tags: [TAG],
      summary: 'Het vrijwilligersfonds van een jaar: budget, vastgelegd, betaald en nog beschikbaar',
      security: [{ sessionCookie: [] }],
      request: { params: z.object({ year: z.string().regex(/^\d{4}$/).openapi({ param: { name: 'year', in: 'path', required: true }, example: '2023' }) }) },
      responses: { 200: jsonResponse(fundSchema, 'De cijfers van het jaar'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const { fund, figures } = await getFundOverview(c.get('ctx'), Number(c.req.valid('param').year));
      return c.json({ year: fund.year, opensOn: fund.opensOn, closesOn: fund.closesOn, decisionDeadline: fund.decisionDeadline, ...figures }, 200);
    },
  );
}
