// JSON API of the integral contract: the contracts one may read, and a contracting round with its subcontractors,
// the reduction per kind of provider and the transfers (counts only). The same service functions as the pages.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { listContracts, getRound, decisions } from './contracts.ts';
import { updateContract, updateRound, contractPatch, roundPatch } from './contract-edits.ts';

const TAG = 'opdrachten';
const auth = [{ sessionCookie: [] }];
const date = (description?: string) => z.string().openapi({ format: 'date', ...(description ? { description } : {}) });
const count = z.union([z.number().int(), z.enum(['< 5', 'x'])]).openapi({ description: 'Aantal inwoners; "< 5" en "x" volgens de kleine-aantallenregel (alleen de organisatie zelf ziet het exacte aantal)' });

const contractSchema = z
  .object({ id: z.uuid(), name: z.string(), contractorOrganisationId: z.uuid(), contractorName: z.string(), signedOn: date().nullable(), startsOn: date(), endsOn: date().nullable(), source: z.string(), note: z.string() })
  .openapi('Contract');
const kindSchema = z.object({ providerKind: z.string(), total: z.number().int(), continue: z.number().int(), transition: z.number().int(), stop: z.number().int(), undecided: z.number().int(), reduction: z.number().openapi({ description: 'Deel dat stopt (nu of na het overgangsjaar), 0–1' }) });
const roundOnlySchema = z
  .object({ id: z.uuid(), contractId: z.uuid(), year: z.number().int(), proposalFrom: date(), proposalTo: date(), conversationsFrom: date(), conversationsTo: date(), decisionFrom: date(), decisionTo: date(), note: z.string() })
  .openapi('ContractRoundTimeline');
const roundSchema = z
  .object({
    contract: contractSchema,
    round: roundOnlySchema,
    subcontractors: z.array(
      z.object({
        id: z.uuid(),
        organisationId: z.uuid(),
        organisationName: z.string(),
        providerKind: z.string(),
        proposedDecision: z.enum(decisions).nullable(),
        proposedOn: date().nullable(),
        conversationOn: date().nullable(),
        concerns: z.string(),
        wishes: z.string(),
        finalDecision: z.enum(decisions).nullable(),
        finalOn: date().nullable(),
        decision: z.enum(decisions).nullable(),
        warnings: z.array(z.string()).openapi({ description: 'Datums buiten de tijdlijn van de ronde, in de verkeerde volgorde of te laat' }),
        residentsAffected: count.nullable(),
        transfer: z.object({ sameWorker: z.number().int(), newWorker: z.number().int(), completed: z.number().int(), agreed: z.number().int(), inProgress: z.number().int() }),
      }),
    ),
    byKind: z.array(kindSchema),
    totals: kindSchema,
    transfers: z.object({ affected: count, sameWorker: z.number().int(), newWorker: z.number().int(), completed: z.number().int(), inProgress: z.number().int() }),
  })
  .openapi('ContractRound');

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path', required: true } }) });
const json = <T extends z.ZodType>(schema: T) => ({ required: true, content: { 'application/json': { schema } } });

export function registerContractsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({ method: 'get', path: '/contracts', tags: [TAG], summary: 'De opdrachten die u mag zien', security: auth, responses: { 200: jsonResponse(z.array(contractSchema), 'Opdrachten'), ...errorResponses(401, 403) } }),
    async (c) => c.json(await listContracts(c.get('ctx')), 200),
  );
  api.openapi(
    createRoute({
      method: 'patch',
      path: '/contracts/{id}',
      tags: [TAG],
      summary: 'Een opdracht wijzigen: naam, opdrachtnemer, datums, bron of toelichting (beleidsadviseurs, beheerders)',
      description: 'Alleen de velden die u meestuurt veranderen. De opdrachtnemer kan niet meer veranderen zodra er onderaannemers zijn vastgelegd (400, veld contractorOrganisationId). `endsOn: null` haalt de einddatum weg.',
      security: auth,
      request: { params: idParam, body: json(contractPatch.openapi('ContractPatch')) },
      responses: { 200: jsonResponse(contractSchema, 'De opdracht na de wijziging'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await updateContract(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(
    createRoute({
      method: 'patch',
      path: '/contract-rounds/{id}',
      tags: [TAG],
      summary: 'De tijdlijn of toelichting van een contracteringsronde wijzigen (beleidsadviseurs, beheerders)',
      description: 'Alleen de velden die u meestuurt veranderen; het jaar van de ronde blijft. De meldingen bij de onderaannemers volgen de nieuwe tijdlijn.',
      security: auth,
      request: { params: idParam, body: json(roundPatch.openapi('ContractRoundPatch')) },
      responses: { 200: jsonResponse(roundOnlySchema, 'De ronde na de wijziging'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(await updateRound(c.get('ctx'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/contract-rounds/{id}',
      tags: [TAG],
      summary: 'Een contracteringsronde: besluiten per onderaannemer, reductie per soort aanbieder, overdracht van inwoners (aantallen)',
      security: auth,
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path', required: true } }) }) },
      responses: { 200: jsonResponse(roundSchema, 'De ronde'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const d = await getRound(c.get('ctx'), c.req.valid('param').id);
      return c.json({ ...d, subcontractors: d.subcontractors.map(({ residentsExact: _e, roundId: _r, ...s }) => s) }, 200);
    },
  );
}
