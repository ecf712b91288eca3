// JSON API of the import part: a batch of attendance rows in the template's shape (synchronous, one transaction),
// a file as base64 (a background job, 202 with Location), and an import's status, progress, counts and errors.
// Access: the organisation's staff and administrators; an administrator names the organisation.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse, versionHeader } from '../../platform/http/openapi.tsx';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { importTable, tableOfRows } from './import-engine.ts';
import { findMappingByName, getImport, startImport, type ImportView } from './import-records.ts';
import { HIDDEN } from './import-validate.ts';
import { translate } from '../../platform/http/errors.ts';

export const MAX_API_ROWS = 5000;
const text = (example: string, description: string) => z.union([z.string().max(200), z.number()]).optional().openapi({ example, description });

const rowSchema = z
  .object({
    activiteit: z.string().max(100).openapi({ example: '3f0c8a5e-2b1d-4c9e-9f1a-7d2e4b6c8a10', description: 'Nummer (id) van de activiteit in het platform' }),
    datum: z.string().max(40).openapi({ format: 'date', example: '2026-03-02', description: 'Datum van de bijeenkomst: 2026-03-02, 2-3-2026 of een Excel-datumgetal' }),
    pasnummer: text('HP1234567', 'Pasnummer (bijvoorbeeld HaarlemPas); wordt direct versleuteld tot een pseudoniem en nooit bewaard'),
    naam: z.string().max(200).optional().openapi({ description: 'Naam, alleen als er geen pasnummer is (met geboortedatum); nooit bewaard' }),
    geboortedatum: text('1950-02-01', 'Geboortedatum bij een naam; nooit bewaard (alleen het geboortejaar)'),
    geboortejaar: text('1950', 'Geboortejaar'),
    wijk: z.string().max(100).optional().openapi({ example: 'WK039201', description: 'Woonwijk: CBS-code of naam' }),
    doelgroepen: z.union([z.string().max(500), z.array(z.string().max(100)).max(20)]).optional().openapi({ example: 'ouderen', description: 'Doelgroepen (sleutels of namen), komma-gescheiden of als lijst' }),
  })
  .strict()
  .openapi('AttendanceRow', { description: 'Eén bezoek, in de vorm van het sjabloon. Zonder pasnummer en naam: een anoniem bezoek. Nooit een BSN.' });

const organisationField = z.uuid().optional().openapi({ description: 'De organisatie (alleen beheerders; anders de eigen organisatie)' });

const attendanceInput = z
  .object({
    organisation: organisationField,
    rows: z.array(rowSchema).min(1).max(MAX_API_ROWS),
    acceptValid: z.boolean().optional().openapi({ description: 'Sla de geldige regels op, ook als er regels worden afgekeurd (standaard: niets opslaan bij een fout)' }),
  })
  .openapi('AttendanceBatch');

const errorSchema = z.object({ row: z.number().int(), column: z.string(), value: z.string().openapi({ description: 'De waarde; bij pasnummer, naam en geboortedatum nooit getoond' }), reason: z.string() }).openapi('ImportRowError');

const resultSchema = z
  .object({
    status: z.enum(['imported', 'rejected']),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    newVisits: z.number().int(),
    newSessions: z.number().int(),
    duplicateRows: z.number().int(),
    errors: z.array(errorSchema),
  })
  .openapi('AttendanceResult');

const importSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    fileName: z.string(),
    status: z.enum(['queued', 'running', 'imported', 'rejected', 'failed']),
    acceptValid: z.boolean(),
    progress: z.object({ done: z.number().int(), total: z.number().int().nullable(), message: z.string().nullable() }),
    totalRows: z.number().int(),
    validRows: z.number().int(),
    newVisits: z.number().int(),
    newSessions: z.number().int(),
    errorCount: z.number().int(),
    errors: z.array(errorSchema),
    message: z.string().nullable().openapi({ description: 'Waarom het hele bestand is geweigerd, of mislukt' }),
    createdAt: z.iso.datetime({ offset: true }),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('AttendanceImport');

const fileInput = z
  .object({
    organisation: organisationField,
    fileName: z.string().min(1).max(200).openapi({ example: 'bezoek-maart.xlsx' }),
    content: z.string().min(1).openapi({ description: 'Het bestand (CSV of XLSX, ten hoogste 25 MB) als base64' }),
    mapping: z.string().max(100).optional().openapi({ description: 'Naam van een opgeslagen kolomkoppeling van de organisatie' }),
    acceptValid: z.boolean().optional(),
  })
  .openapi('AttendanceFileUpload');

/** The organisation of an API call: staff their own; an administrator must name one. */
function organisationFor(c: Context<AppEnv>, given: string | undefined): string {
  const actor = c.get('ctx').actor!;
  if (hasRole(actor, 'administrator') && given) return given;
  if (!hasRole(actor, 'administrator') && actor.organisationId) return given && given !== actor.organisationId ? given : actor.organisationId;
  throw invalid([{ field: 'organisation', code: 'invalid_type', message: 'validation.required' }]);
}

const importJson = (c: Context<AppEnv>, i: ImportView) => {
  const lang = c.get('lang');
  const message = i.message ? (i.message.split('\n')[lang === 'en' ? 1 : 0] ?? i.message) : null;
  return {
    id: i.id,
    organisationId: i.organisationId,
    fileName: i.fileName,
    status: i.status,
    acceptValid: i.acceptValid,
    progress: i.progress,
    totalRows: i.totalRows,
    validRows: i.validRows,
    newVisits: i.newVisits,
    newSessions: i.newSessions,
    errorCount: i.errorCount,
    errors: i.errors.map((e) => ({ row: e.row, column: e.column, value: e.value === HIDDEN ? t(lang, 'reach.import.hidden') : e.value, reason: translate(lang, e.reason) })),
    message,
    createdAt: i.createdAt.toISOString(),
    finishedAt: i.finishedAt ? i.finishedAt.toISOString() : null,
  };
};

const security = [{ sessionCookie: [] }];

export function registerImportApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'post',
      path: '/attendance',
      tags: ['verantwoording'],
      summary: `Bezoek inlezen: tot ${MAX_API_ROWS} regels in de vorm van het sjabloon, in één keer (alles of niets, tenzij acceptValid)`,
      description: 'Dezelfde controle als bij een bestand. Een afgekeurde regel → 400 met per regel de fout (invalidParams: rows.N.kolom), en er is niets opgeslagen. Opnieuw insturen telt niemand dubbel.',
      security,
      request: { body: { required: true, content: { 'application/json': { schema: attendanceInput } } } },
      responses: { 200: jsonResponse(resultSchema, 'Ingelezen'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const body = c.req.valid('json');
      const organisationId = organisationFor(c, body.organisation);
      const result = await importTable(ctx, tableOfRows(body.rows), { organisationId, acceptValid: body.acceptValid, source: 'api' });
      if (result.status === 'rejected') {
        throw new AppError(
          'validation',
          'reach.import.error.rowsRejected',
          result.errors.map((e) => ({ field: `rows.${e.row - 1}.${e.column}`, code: 'invalid_row', message: e.reason })),
          { n: new Set(result.errors.map((e) => e.row)).size },
        );
      }
      return c.json(result, 200);
    },
  );
  api.openapi(
    createRoute({
      method: 'post',
      path: '/imports',
      tags: ['verantwoording'],
      summary: 'Een bestand met bezoek inlezen als achtergrondtaak (CSV of XLSX als base64); 202 met Location',
      security,
      request: { body: { required: true, content: { 'application/json': { schema: fileInput } } } },
      responses: {
        202: { description: 'Aangenomen; volg de voortgang op de Location', content: { 'application/json': { schema: importSchema } }, headers: { ...versionHeader, Location: { description: 'Adres van de import', schema: { type: 'string' as const } } } },
        ...errorResponses(401, 403, 404),
      },
    }),
    async (c) => {
      const ctx = c.get('ctx');
      const body = c.req.valid('json');
      const organisationId = organisationFor(c, body.organisation);
      const b64 = body.content.replace(/\s+/g, '');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw invalid([{ field: 'content', code: 'invalid_format', message: 'reach.import.error.base64' }]);
      let mappingId: string | null = null;
      if (body.mapping) {
        const m = await findMappingByName(ctx, organisationId, body.mapping);
        if (!m) throw invalid([{ field: 'mapping', code: 'unknown_reference', message: 'reach.import.error.unknownMapping' }]);
        mappingId = m.id;
      }
      const imp = await startImport(ctx, { organisationId, fileName: body.fileName, content: Buffer.from(b64, 'base64'), mappingId, acceptValid: body.acceptValid });
      c.header('Location', `/api/v1/imports/${imp.id}`);
      return c.json(importJson(c, imp), 202);
    },
  );
  api.openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}',
      tags: ['verantwoording'],
      summary: 'Een import: status, voortgang, aantallen en fouten per regel',
      security,
      request: { params: z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) }) },
      responses: { 200: jsonResponse(importSchema, 'De import'), ...errorResponses(401, 403, 404) },
    }),
    async (c) => c.json(importJson(c, await getImport(c.get('ctx'), c.req.valid('param').id)), 200),
  );
}
