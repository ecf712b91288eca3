// JSON API of the subject access lookup: POST (never GET, so the identifier never travels in a URL) with a pass
// number, or a name and date of birth; the answer is what the result page shows. Administrators only; audited.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse } from '../../platform/http/openapi.tsx';
import { sessionStatuses } from './session-input.ts';
import { lookUpResident } from './subject-access.ts';

const lookupBody = z
  .object({
    passNumber: z.string().max(40).optional().openapi({ description: 'Het pasnummer (bijvoorbeeld HaarlemPas); spaties, punten, streepjes en hoofdletters maken niet uit. Nooit een BSN.' }),
    name: z.string().max(200).optional().openapi({ description: 'Naam, als er geen pasnummer is (samen met birthDate)' }),
    birthDate: z.string().max(20).optional().openapi({ format: 'date', description: 'Geboortedatum, bij naam (bijvoorbeeld 1950-03-15 of 15-03-1950)' }),
  })
  .openapi('SubjectAccessInput');

const visitSchema = z.object({
  date: z.iso.date(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  organisationId: z.uuid().openapi({ description: 'De organisatie die het bezoek registreerde' }),
  organisationName: z.string(),
  wijkCode: z.string().nullable().openapi({ description: 'CBS-code van de wijk waar de inwoner woont' }),
  wijkName: z.string().nullable(),
  birthYear: z.number().int().nullable(),
  ageBand: z.string().nullable().openapi({ description: 'Leeftijdsgroep, als alleen die bekend is (bijvoorbeeld 65-79)' }),
  targetGroups: z.array(z.object({ key: z.string(), name: z.string() })),
  sessionStatus: z.enum(sessionStatuses).openapi({ description: 'cancelled: de bijeenkomst is later als afgelast geregistreerd (het bezoek telt dan niet mee)' }),
});

const turnSchema = z.object({
  date: z.iso.date(),
  activityId: z.uuid(),
  activityTitle: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  hours: z.number(),
});

export const subjectAccessSchema = z
  .object({ visits: z.array(visitSchema), volunteerTurns: z.array(turnSchema) })
  .openapi('SubjectAccessReport', { description: 'Alles wat de verantwoordingsmodule over één inwoner (één pseudoniem) bewaart, op datum' });

export function registerSubjectAccessApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/reach/subject-access',
      tags: ['verantwoording'],
      summary: 'Inzageverzoek: de bezoeken en vrijwilligersbeurten van één inwoner, op pasnummer of naam en geboortedatum',
      description:
        'Alleen beheerders. Het pasnummer, de naam en de geboortedatum worden niet bewaard, niet gelogd en niet teruggegeven; het auditlog krijgt één regel (reach.subject_access) met alleen de aantallen. Een BSN wordt geweigerd (400).',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: lookupBody } } } },
      responses: { 200: jsonResponse(subjectAccessSchema, 'Bezoeken en vrijwilligersbeurten, op datum'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const report = await lookUpResident(c.get('ctx'), c.req.valid('json'), 'api');
      c.header('Cache-Control', 'no-store');
      return c.json(report, 200);
    },
  );
}
