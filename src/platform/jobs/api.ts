// JSON API of background jobs (administrators only, see the policy table): list, read, cancel.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../http/env.ts';
import { errorResponses, jsonResponse } from '../http/openapi.tsx';
import { listJobs, getJob, cancelJob, type JobView } from './queue.ts';
import { jobStatuses } from './schema.ts';

const dateTime = z.iso.datetime({ offset: true });

export const jobSchema = z
  .object({
    id: z.uuid(),
    type: z.string().openapi({ example: 'platform.retention', description: 'Soort taak (de id van de taakdefinitie)' }),
    status: z.enum(jobStatuses).openapi({ description: 'queued (wacht), running (bezig), succeeded (klaar), failed (mislukt), cancelled (geannuleerd)' }),
    dedupeKey: z.string().nullable(),
    attempts: z.number().int().openapi({ description: 'Pogingen tot nu toe' }),
    maxAttempts: z.number().int(),
    runAt: dateTime.openapi({ description: 'Niet eerder dan dit moment (eerste poging of volgende poging na een fout)' }),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), message: z.string().nullable() }),
    result: z.unknown().openapi({ description: 'Resultaat van de taak (JSON), of null' }),
    lastError: z.string().nullable(),
    cancelRequested: z.boolean(),
    createdBy: z.string(),
    createdAt: dateTime,
    startedAt: dateTime.nullable(),
    finishedAt: dateTime.nullable(),
  })
  .openapi('Job');

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const jobJson = (j: JobView) => ({ ...j, result: j.result ?? null, runAt: j.runAt.toISOString(), createdAt: j.createdAt.toISOString(), startedAt: iso(j.startedAt), finishedAt: iso(j.finishedAt) });
const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export function registerJobsApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/jobs',
      tags: ['beheer'],
      summary: 'Achtergrondtaken, nieuwste eerst',
      security: [{ sessionCookie: [] }],
      request: { query: z.object({ status: z.enum(jobStatuses).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(jobSchema) }), 'Taken'), ...errorResponses(401, 403) },
    }),
    async (c) => c.json({ items: (await listJobs(c.get('ctx'), c.req.valid('query'))).map(jobJson) }, 200),
  );
  api.openapi(
    createRoute({ method: 'get', path: '/jobs/{id}', tags: ['beheer'], summary: 'Eén taak met status, voortgang, pogingen, fout en resultaat', security: [{ sessionCookie: [] }], request: { params: idParam }, responses: { 200: jsonResponse(jobSchema, 'De taak'), ...errorResponses(401, 403, 404) } }),
    async (c) => c.json(jobJson(await getJob(c.get('ctx'), c.req.valid('param').id)), 200),
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/jobs/{id}/cancel',
      tags: ['beheer'],
      summary: 'Taak annuleren: een wachtende taak meteen, een lopende stopt zo snel mogelijk (409 als de taak al klaar is)',
      security: [{ sessionCookie: [] }],
      request: { params: idParam, body: { required: false, content: { 'application/json': { schema: z.object({}).openapi('CancelJobInput') } } } },
      responses: { 200: jsonResponse(jobSchema, 'De taak na het annuleren'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => c.json(jobJson(await cancelJob(c.get('ctx'), c.req.valid('param').id)), 200),
  );
}
