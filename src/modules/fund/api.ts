// JSON API of the fund: a year's figures at a glance (the same service function as the year page).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { getFundOverview, updateFundYear, fundYearPatch, type FundYearView, type FundFigures } from './years.ts';

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
    managerOrganisationId: z.uuid().nullable().openapi({ description: 'De organisatie die het fonds voor de gemeente beheert' }),
    source: z.string(),
    note: z.string(),
    applications: z.object({ draft: z.number().int(), submitted: z.number().int(), decided: z.number().int(), overdue: z.number().int().openapi({ description: 'Verstuurd en na de uiterste datum nog zonder antwoord' }) }),
  })
  .openapi('FundYear');

const yearParam = z.object({ year: z.string().regex(/^\d{4}$/).openapi({ param: { name: 'year', in: 'path', required: true }, example: '2023' }) });
const yearJson = ({ fund, figures }: { fund: FundYearView; figures: FundFigures }) => ({
  year: fund.year,
  opensOn: fund.opensOn,
  closesOn: fund.closesOn,
  decisionDeadline: fund.decisionDeadline,
  managerOrganisationId: fund.managerOrganisationId,
  source: fund.source,
  note: fund.note,
  ...figures,
});

export function registerFundApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/fund/{year}',
      tags: [TAG],
      summary: 'Het vrijwilligersfonds van een jaar: budget, vastgelegd, betaald en nog beschikbaar',
      security: [{ sessionCookie: [] }],
      request: { params: yearParam },
      responses: { 200: jsonResponse(fundSchema, 'De cijfers van het jaar'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(yearJson(await getFundOverview(c.get('ctx'), Number(c.req.valid('param').year))), 200),
  );
  api.openapi(
    createRoute({
      method: 'patch',
      path: '/fund/{year}',
      tags: [TAG],
      summary: 'Het fonds van een jaar wijzigen: budget, aanvraagperiode, uiterste datum, beheerder, bron of toelichting (beleidsadviseurs, beheerders)',
      description:
        'Alleen de velden die u meestuurt veranderen; het jaar zelf blijft. Bedragen in eurocent. Het budget kan niet lager worden dan wat al is vastgelegd (toegekend + extra budget): dan 400 met het veld budgetCents en het vastgelegde bedrag.',
      security: [{ sessionCookie: [] }],
      request: { params: yearParam, body: { required: true, content: { 'application/json': { schema: fundYearPatch.openapi('FundYearPatch') } } } },
      responses: { 200: jsonResponse(fundSchema, 'Het jaar na de wijziging, met de cijfers'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const year = Number(c.req.valid('param').year);
      await updateFundYear(ctx, year, c.req.valid('json'));
      return c.json(yearJson(await getFundOverview(ctx, year)), 200);
    },
  );
}
