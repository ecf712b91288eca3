// JSON API of "Mijn gegevens": everything the platform holds about the signed-in person (the same as the download).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { errorResponses, jsonResponse } from '../http/openapi.tsx';
import { readPersonalData, personalDataJson } from './service.ts';

const cellSchema = z.union([z.string(), z.number(), z.null()]).openapi('PersonalDataCell', { description: 'Tekst, getal, moment (ISO 8601) of leeg (null)' });

export const personalDataSectionSchema = z
  .object({
    key: z.string().openapi({ description: 'Vaste sleutel van het onderdeel: <module>.<wat>, of account.<wat> voor het platform zelf', example: 'places.bookings' }),
    title: z.string().openapi({ description: 'Titel in de taal van de lezer', example: 'Uw boekingen' }),
    explanation: z.string().optional().openapi({ description: 'Wat dit onderdeel is en waarom het bewaard wordt' }),
    columns: z.array(z.string()).openapi({ description: 'Kolomnamen in de taal van de lezer' }),
    rows: z.array(z.array(cellSchema)).openapi({ description: 'Eén rij per gegeven; even veel cellen als kolommen' }),
  })
  .openapi('PersonalDataSection');

export const personalDataSchema = z
  .object({
    generatedAt: z.iso.datetime({ offset: true }),
    user: z.object({ id: z.uuid(), name: z.string(), email: z.string() }),
    sections: z.array(personalDataSectionSchema),
  })
  .openapi('PersonalData');

export function registerPersonalDataApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/me/personal-data',
      tags: ['account'],
      summary: 'Alles wat het platform over de ingelogde persoon bewaart (Mijn gegevens)',
      description:
        'Het account, de inlogsessies en herkende browsers (alleen datums), de API-tokens (zonder de token), het volledige auditlog van wat deze persoon deed, en wat elke module over deze persoon vastlegt (boekingen, verhalen, aanvragen, beoordelingen …). Elke opvraging wordt vastgelegd in het auditlog (account.personal_data_read). Titels en kolomnamen in de taal van de lezer.',
      security: [{ sessionCookie: [] }],
      responses: { 200: jsonResponse(personalDataSchema, 'De gegevens, per onderdeel een tabel'), ...errorResponses(401) },
    }),
    async (c) => c.json(personalDataJson(await readPersonalData(c.get('ctx'), 'api')), 200),
  );
}
