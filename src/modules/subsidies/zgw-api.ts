// The Common Ground export over the API: an application as a zaak, a decision as a besluit (zgw.ts). Needs the
// municipality's RSIN and the type URLs (ZGW_RSIN, ZGW_ZAAKTYPE, ZGW_BESLUITTYPE); without them the record is still
// looked up first (not found stays 404), then the answer is 409 with the message naming the settings.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Config } from '../../config.ts';
import { getApplication } from './application-service.ts';
import { getGrant } from './grant-service.ts';
import { applicationToZaak, decisionToBesluit, type ZgwSettings } from './zgw.ts';

const TAG = 'subsidies';
const auth = [{ sessionCookie: [] }];
const date = z.string().openapi({ format: 'date' });

export function zgwSettings(config: Pick<Config, 'ZGW_RSIN' | 'ZGW_ZAAKTYPE' | 'ZGW_BESLUITTYPE'>): ZgwSettings {
  if (!config.ZGW_RSIN || !config.ZGW_ZAAKTYPE || !config.ZGW_BESLUITTYPE) throw new AppError('conflict', 'subsidies.error.zgwNotConfigured');
  return { rsin: config.ZGW_RSIN, zaaktype: config.ZGW_ZAAKTYPE, besluittype: config.ZGW_BESLUITTYPE };
}

const zaakSchema = z
  .object({
    identificatie: z.string().max(40),
    bronorganisatie: z.string().length(9),
    omschrijving: z.string().max(80),
    toelichting: z.string().max(1000),
    zaaktype: z.url(),
    registratiedatum: date,
    verantwoordelijkeOrganisatie: z.string().length(9),
    startdatum: date,
    einddatumGepland: date,
    uiterlijkeEinddatumAfdoening: date,
    vertrouwelijkheidaanduiding: z.enum(['openbaar', 'beperkt_openbaar', 'intern', 'zaakvertrouwelijk', 'vertrouwelijk', 'confidentieel', 'geheim', 'zeer_geheim']),
    betalingsindicatie: z.enum(['', 'nvt', 'nog_niet', 'gedeeltelijk', 'geheel']),
    kenmerken: z.array(z.object({ kenmerk: z.string().max(40), bron: z.string().max(40) })),
  })
  .openapi('ZgwZaak', { description: 'Zaken API (VNG) Zaak, zoals bij aanmaken' });
const besluitSchema = z
  .object({
    identificatie: z.string().max(50),
    verantwoordelijkeOrganisatie: z.string().length(9),
    besluittype: z.url(),
    datum: date,
    toelichting: z.string(),
    ingangsdatum: date,
    vervaldatum: date.optional(),
    vervalreden: z.enum(['tijdelijk', 'ingetrokken_overheid', 'ingetrokken_belanghebbende']).optional(),
    uiterlijkeReactiedatum: date,
  })
  .openapi('ZgwBesluit', { description: 'Besluiten API (VNG) Besluit, zoals bij aanmaken' });

export function registerZgwApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/applications/{id}/zaak',
      tags: [TAG],
      summary: 'De aanvraag als zaak (Common Ground, Zaken API)',
      security: auth,
      request: { params: z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path', required: true } }) }) },
      responses: { 200: jsonResponse(zaakSchema, 'De zaak'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const application = await getApplication(ctx, c.req.valid('param').id);
      return c.json(applicationToZaak(application, zgwSettings(c.get('deps').config), ctx.now()), 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/grants/{id}/besluiten/{number}',
      tags: [TAG],
      summary: 'Een besluit over een subsidie als besluit (Common Ground, Besluiten API)',
      security: auth,
      request: {
        params: z.object({
          id: z.string().openapi({ param: { name: 'id', in: 'path', required: true } }),
          number: z.string().regex(/^\d{1,4}$/).openapi({ param: { name: 'number', in: 'path', required: true }, description: 'Volgnummer van het besluit (1 = verlening)' }),
        }),
      },
      responses: { 200: jsonResponse(besluitSchema, 'Het besluit'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const g = await getGrant(c.get('ctx'), c.req.valid('param').id);
      const d = g.decisionList.find((x) => x.number === Number(c.req.valid('param').number));
      if (!d) throw notFound();
      return c.json(decisionToBesluit(g, d, zgwSettings(c.get('deps').config)), 200);
    },
  );
}
