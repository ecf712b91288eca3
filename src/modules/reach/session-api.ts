// JSON API of the session part: list sessions, register (upsert) one session of an activity on a date, and add
// attendance to a session (an identified participant, or a new anonymous headcount). Same service functions as the pages.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { invalid } from '../../platform/http/errors.ts';
import { listSessions, putSession, type SessionView } from './sessions.ts';
import { addParticipant, setHeadcount } from './attendance.ts';
import { ageBands, sessionStatuses } from './session-input.ts';

const sessionSchema = z
  .object({
    id: z.uuid(),
    activityId: z.uuid(),
    organisationId: z.uuid().openapi({ description: 'De registrerende organisatie' }),
    date: z.iso.date(),
    status: z.enum(sessionStatuses),
    cancelReason: z.string(),
    hours: z.number(),
    volunteers: z.number().int(),
    volunteerHours: z.number(),
    principles: z.array(z.string()).openapi({ description: 'Sleutels van toegepaste "wat werkt"-principes, bijvoorbeeld ontmoeten/p2' }),
    headcount: z.number().int().openapi({ description: 'Anonieme bezoekers, met de hand geteld' }),
    importedAnonymous: z.number().int().openapi({ description: 'Anonieme bezoekers uit de laatste import met deze bijeenkomst' }),
    identified: z.number().int().openapi({ description: 'Bekende deelnemers (één per inwoner)' }),
    visits: z.number().int().openapi({ description: 'identified + headcount + importedAnonymous; 0 bij een afgelaste bijeenkomst' }),
    note: z.string(),
    source: z.string(),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Session');

const sessionJson = (s: SessionView) => ({ ...s, updatedAt: s.updatedAt.toISOString() });

const sessionPut = z
  .object({
    status: z.enum(sessionStatuses).optional().openapi({ description: 'held (standaard) of cancelled' }),
    cancelReason: z.string().max(500).optional().openapi({ description: 'Verplicht bij cancelled' }),
    hours: z.number().optional().openapi({ description: 'Standaard de duur volgens het rooster' }),
    volunteers: z.number().int().optional(),
    volunteerHours: z.number().optional(),
    principles: z.array(z.string().max(60)).max(60).optional(),
    headcount: z.number().int().optional(),
    note: z.string().max(2000).optional(),
    organisationId: z.uuid().optional().openapi({ description: 'Alleen beheerders: de registrerende organisatie (de eigen of een partnerorganisatie van de activiteit)' }),
  })
  .openapi('SessionInput');

const attendanceInput = z
  .object({
    participant: z
      .object({
        passNumber: z.string().max(40).optional(),
        name: z.string().max(200).optional(),
        birthDate: z.string().max(20).optional().openapi({ format: 'date', description: 'Geboortedatum, bij naam (bijvoorbeeld 1950-03-15 of 15-03-1950)' }),
        birthYear: z.number().int().optional(),
        ageBand: z.enum(ageBands).optional(),
        wijkCode: z.string().max(20).optional().openapi({ description: 'CBS-code van de wijk (WK…)' }),
        targetGroups: z.array(z.string().max(40)).max(20).optional(),
      })
      .optional()
      .openapi({ description: 'Een bekende deelnemer: pasnummer, of naam en geboortedatum. Wordt meteen een pseudoniem; nooit een BSN.' }),
    headcount: z.number().int().optional().openapi({ description: 'Het nieuwe aantal anonieme bezoekers' }),
  })
  .openapi('AttendanceInput');

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export function registerSessionApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/sessions',
      tags: ['verantwoording'],
      summary: 'Bijeenkomsten die de eigen organisatie registreerde (beheerders: alle organisaties)',
      security: [{ sessionCookie: [] }],
      request: {
        query: z.object({
          activity: z.uuid().optional(),
          organisation: z.uuid().optional().openapi({ description: 'Alleen beheerders' }),
          from: z.string().max(10).optional().openapi({ example: '2026-03-01' }),
          to: z.string().max(10).optional().openapi({ example: '2026-03-31' }),
        }),
      },
      responses: { 200: jsonResponse(z.object({ total: z.number().int(), items: z.array(sessionSchema) }).openapi('SessionList'), 'Bijeenkomsten'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await listSessions(c.get('ctx'), { activityId: q.activity, organisationId: q.organisation, from: q.from, to: q.to });
      return c.json({ total: items.length, items: items.map(sessionJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/activities/{id}/sessions/{date}',
      tags: ['verantwoording'],
      summary: 'Een bijeenkomst van een activiteit op een datum registreren of bijwerken (één per activiteit en datum)',
      description: 'Niet na vandaag en niet vóór de startdatum van de activiteit. Een datum die een andere organisatie al registreerde geeft 409.',
      security: [{ sessionCookie: [] }],
      request: {
        params: idParam.extend({ date: z.string().max(10).openapi({ param: { name: 'date', in: 'path' }, example: '2026-03-02' }) }),
        body: { required: true, content: { 'application/json': { schema: sessionPut } } },
      },
      responses: { 200: jsonResponse(sessionSchema, 'De bijeenkomst'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const { id, date } = c.req.valid('param');
      const s = await putSession(c.get('ctx'), id, date, c.req.valid('json'));
      return c.json(sessionJson(s), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/sessions/{id}/attendance',
      tags: ['verantwoording'],
      summary: 'Aanwezigheid bij een bijeenkomst: een bekende deelnemer toevoegen, of het aantal anonieme bezoekers zetten',
      description: 'Dezelfde deelnemer twee keer telt één keer (added: false). De identificatie wordt niet bewaard en niet teruggegeven.',
      security: [{ sessionCookie: [] }],
      request: { params: idParam, body: { required: true, content: { 'application/json': { schema: attendanceInput } } } },
      responses: {
        200: jsonResponse(z.object({ added: z.boolean().nullable(), fingerprint: z.string().nullable().openapi({ description: 'Eerste 8 hextekens van het pseudoniem' }), session: sessionSchema }).openapi('AttendanceResult'), 'De bijeenkomst na de wijziging'),
        ...errorResponses(401, 403, 404, 409),
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const id = c.req.valid('param').id;
      const body = c.req.valid('json');
      if (!body.participant === (body.headcount === undefined)) throw invalid([{ field: 'body', code: 'invalid_union', message: 'reach.attendance.error.participantOrHeadcount' }]);
      if (body.participant) {
        const r = await addParticipant(ctx, id, body.participant);
        return c.json({ added: r.added, fingerprint: r.fingerprint, session: sessionJson(r.session) }, 200);
      }
      const s = await setHeadcount(ctx, id, body.headcount);
      return c.json({ added: null, fingerprint: null, session: sessionJson(s) }, 200);
    },
  );
}
