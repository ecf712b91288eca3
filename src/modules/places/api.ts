// JSON API of the places module: locations with rooms and programme, bookings, monthly statements.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/http/env.ts';
import { errorResponses, jsonResponse, versionHeader } from '../../platform/http/openapi.tsx';
import { invalid } from '../../platform/http/errors.ts';
import { bookingStatuses } from './schema.ts';
import {
  listLocations,
  getLocation,
  listRooms,
  listLocationProgramme,
  requestBooking,
  decideBooking,
  listBookings,
  getMonthlyStatement,
  parseStatementPeriod,
  statementCsv,
  statementPdf,
  bookingActions,
  MAX_REPEAT_WEEKS,
  type LocationView,
  type RoomView,
  type BookingView,
} from './service.ts';

const hoursSchema = z.object({ open: z.string().openapi({ example: '09:00' }), close: z.string().openapi({ example: '22:00' }) }).nullable();
const locationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    address: z.string(),
    postcode: z.string(),
    districtCode: z.string().nullable(),
    neighbourhoodCode: z.string().nullable(),
    openingHours: z.object({ mon: hoursSchema, tue: hoursSchema, wed: hoursSchema, thu: hoursSchema, fri: hoursSchema, sat: hoursSchema, sun: hoursSchema }).partial().openapi({ description: 'Per weekdag open- en sluittijd (lokale tijd); null of afwezig = gesloten' }),
    accessibility: z.object({ wheelchairAccessible: z.boolean(), accessibleToilet: z.boolean(), hearingLoop: z.boolean(), notes: z.string() }),
    managerOrganisationId: z.uuid().nullable(),
    description: z.string(),
  })
  .openapi('Location');
const roomSchema = z.object({ id: z.uuid(), name: z.string(), capacity: z.number().int(), facilities: z.array(z.string()) }).openapi('Room');
const locationDetailSchema = locationSchema.extend({ rooms: z.array(roomSchema) }).openapi('LocationDetail');

const programmeSchema = z
  .object({
    locationId: z.uuid(),
    week: z.string().openapi({ example: '2026-W09' }),
    previousWeek: z.string(),
    nextWeek: z.string(),
    days: z.array(
      z.object({
        date: z.iso.date().openapi({ example: '2026-02-23' }),
        weekday: z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']),
        items: z.array(z.object({ activityId: z.uuid(), title: z.string(), organisationName: z.string(), startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), free: z.boolean(), wheelchairAccessible: z.boolean() })),
      }),
    ),
  })
  .openapi('LocationProgramme');

const bookingSchema = z
  .object({
    id: z.uuid(),
    roomId: z.uuid(),
    roomName: z.string(),
    locationId: z.uuid(),
    locationName: z.string(),
    organisationId: z.uuid(),
    organisationName: z.string(),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
    status: z.enum(bookingStatuses),
    purpose: z.string(),
    seriesId: z.uuid().nullable(),
    hourlyRateCents: z.number().int(),
    priceCents: z.number().int(),
    decidedAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Booking');
const bookingListSchema = z.object({ total: z.number().int(), items: z.array(bookingSchema) }).openapi('BookingList');

const bookingRequestSchema = z
  .object({
    roomId: z.uuid(),
    organisationId: z.uuid().openapi({ description: 'De eigen organisatie (beheerders: elke organisatie)' }),
    startsAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-03-02T10:00:00+01:00' }),
    endsAt: z.iso.datetime({ offset: true }).openapi({ example: '2026-03-02T12:00:00+01:00' }),
    purpose: z.string().max(500),
    repeatWeeks: z.number().int().min(1).max(MAX_REPEAT_WEEKS).optional().openapi({ description: 'Aantal wekelijkse keren, de eerste meegeteld (standaard 1). Alles of niets.' }),
  })
  .openapi('BookingRequest');

const statementSchema = z
  .object({
    organisation: z.object({ id: z.uuid(), name: z.string(), type: z.string() }),
    period: z.string().openapi({ example: '2026-03' }),
    lines: z.array(
      z.object({
        bookingId: z.uuid(),
        date: z.iso.date(),
        startTime: z.string(),
        endTime: z.string(),
        locationName: z.string(),
        roomName: z.string(),
        hours: z.number(),
        hourlyRateCents: z.number().int(),
        amountCents: z.number().int(),
        purpose: z.string(),
      }),
    ),
    totalHours: z.number(),
    totalCents: z.number().int(),
  })
  .openapi('MonthlyStatement');

export const locationJson = (l: LocationView) => ({
  id: l.id,
  name: l.name,
  address: l.address,
  postcode: l.postcode,
  districtCode: l.districtCode,
  neighbourhoodCode: l.neighbourhoodCode,
  openingHours: l.openingHours,
  accessibility: { wheelchairAccessible: l.wheelchairAccessible, accessibleToilet: l.accessibleToilet, hearingLoop: l.hearingLoop, notes: l.accessibilityNotes },
  managerOrganisationId: l.managerOrganisationId,
  description: l.description,
});
const roomJson = (r: RoomView) => ({ id: r.id, name: r.name, capacity: r.capacity, facilities: r.facilities });
export const bookingJson = (b: BookingView) => ({
  id: b.id,
  roomId: b.roomId,
  roomName: b.roomName,
  locationId: b.locationId,
  locationName: b.locationName,
  organisationId: b.organisationId,
  organisationName: b.organisationName,
  startsAt: b.startsAt.toISOString(),
  endsAt: b.endsAt.toISOString(),
  status: b.status,
  purpose: b.purpose,
  seriesId: b.seriesId,
  hourlyRateCents: b.hourlyRateCents,
  priceCents: b.priceCents,
  decidedAt: b.decidedAt ? b.decidedAt.toISOString() : null,
  createdAt: b.createdAt.toISOString(),
});

const idParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export function registerPlacesApi(api: OpenAPIHono<AppEnv>) {
  api.openapi(
    createRoute({
      method: 'get',
      path: '/locations',
      tags: ['plekken'],
      summary: 'Locaties (Huizen van de Wijk) met adres, openingstijden en toegankelijkheid',
      request: { query: z.object({ district: z.string().max(40).optional().openapi({ description: 'Code van het stadsdeel, bijvoorbeeld noord' }) }) },
      responses: { 200: jsonResponse(z.array(locationSchema), 'Locaties'), ...errorResponses() },
    }),
    async (c) => c.json((await listLocations(c.get('ctx'), { districtCode: c.req.valid('query').district })).map(locationJson), 200),
  );

  api.openapi(
    createRoute({ method: 'get', path: '/locations/{id}', tags: ['plekken'], summary: 'Eén locatie met haar ruimtes', request: { params: idParam }, responses: { 200: jsonResponse(locationDetailSchema, 'De locatie'), ...errorResponses(404) } }),
    async (c) => {
      const ctx = c.get('ctx');
      const loc = await getLocation(ctx, c.req.valid('param').id);
      return c.json({ ...locationJson(loc), rooms: (await listRooms(ctx, loc.id)).map(roomJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/locations/{id}/programme',
      tags: ['plekken'],
      summary: 'Gedeeld programma van een locatie: de activiteiten van alle partners in één week',
      request: { params: idParam, query: z.object({ week: z.string().max(10).optional().openapi({ description: 'ISO-week, bijvoorbeeld 2026-W09; standaard deze week' }) }) },
      responses: { 200: jsonResponse(programmeSchema, 'Het programma'), ...errorResponses(404) },
    }),
    async (c) => {
      const p = await listLocationProgramme(c.get('ctx'), c.req.valid('param').id, c.req.valid('query').week);
      return c.json({ ...p, days: p.days.map((d) => ({ ...d, items: d.items.map((i) => ({ ...i, startsAt: i.startsAt.toISOString(), endsAt: i.endsAt.toISOString() })) })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/bookings',
      tags: ['plekken'],
      summary: 'Een ruimte aanvragen voor de eigen organisatie, eenmalig of wekelijks',
      description: 'Een lopende aanvraag houdt het tijdvak vast. Overlapt het tijdvak met een aangevraagde of goedgekeurde boeking, dan volgt 409 en wordt er niets geboekt.',
      security: [{ sessionCookie: [] }],
      request: { body: { required: true, content: { 'application/json': { schema: bookingRequestSchema } } } },
      responses: { 201: jsonResponse(z.object({ seriesId: z.uuid().nullable(), items: z.array(bookingSchema) }).openapi('BookingResult'), 'Aangevraagd'), ...errorResponses(401, 403, 409) },
    }),
    async (c) => {
      const items = await requestBooking(c.get('ctx'), c.req.valid('json'));
      return c.json({ seriesId: items[0]?.seriesId ?? null, items: items.map(bookingJson) }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'patch',
      path: '/bookings/{id}',
      tags: ['plekken'],
      summary: 'Een aanvraag goedkeuren of afwijzen (beheerder van de locatie) of een boeking annuleren',
      security: [{ sessionCookie: [] }],
      request: {
        params: idParam,
        body: { required: true, content: { 'application/json': { schema: z.object({ action: z.enum(bookingActions), series: z.boolean().optional().openapi({ description: 'De hele reeks (wekelijkse boeking)' }) }).openapi('BookingDecision') } } },
      },
      responses: { 200: jsonResponse(bookingListSchema, 'Gewijzigde boekingen'), ...errorResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      const items = await decideBooking(c.get('ctx'), c.req.valid('param').id, body.action, { series: body.series });
      return c.json({ total: items.length, items: items.map(bookingJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/bookings',
      tags: ['plekken'],
      summary: 'Boekingen van de eigen organisatie en van de locaties die zij beheert',
      security: [{ sessionCookie: [] }],
      request: {
        query: z.object({
          organisationId: z.uuid().optional(),
          locationId: z.uuid().optional(),
          status: z.enum(bookingStatuses).optional(),
          from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Boekingen die na dit moment eindigen' }),
          to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Boekingen die voor dit moment beginnen' }),
          managed: z.enum(['true', 'false']).optional().openapi({ description: 'Alleen boekingen op locaties die de eigen organisatie beheert' }),
        }),
      },
      responses: { 200: jsonResponse(bookingListSchema, 'Boekingen'), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await listBookings(c.get('ctx'), { organisationId: q.organisationId, locationId: q.locationId, status: q.status, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, managed: q.managed === 'true' });
      return c.json({ total: items.length, items: items.map(bookingJson) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/organisations/{id}/statements/{yearMonth}',
      tags: ['plekken'],
      summary: 'Maandoverzicht ruimtehuur van een organisatie (JSON, CSV of PDF)',
      description: 'Kies het formaat met de Accept-header (application/json, text/csv, application/pdf) of met ?format=csv|pdf.',
      security: [{ sessionCookie: [] }],
      request: {
        params: idParam.extend({ yearMonth: z.string().max(7).openapi({ param: { name: 'yearMonth', in: 'path' }, example: '2026-03' }) }),
        query: z.object({ format: z.enum(['json', 'csv', 'pdf']).optional() }),
      },
      responses: {
        200: {
          description: 'Het overzicht',
          headers: versionHeader,
          content: {
            'application/json': { schema: statementSchema },
            'text/csv': { schema: z.string() },
            'application/pdf': { schema: z.string().openapi({ format: 'binary' }) },
          },
        },
        ...errorResponses(401, 403, 404),
      },
    }),
    (async (c: Context<AppEnv>) => {
      const ctx = c.get('ctx');
      const { id, yearMonth } = c.req.param() as { id: string; yearMonth: string };
      const { year, month } = parseStatementPeriod(yearMonth);
      const s = await getMonthlyStatement(ctx, id, year, month);
      const accept = c.req.header('accept') ?? '';
      const format = c.req.query('format') ?? (accept.includes('text/csv') ? 'csv' : accept.includes('application/pdf') ? 'pdf' : 'json');
      const file = `overzicht-${s.period}`;
      if (format === 'csv') return c.body(statementCsv(s, ctx.lang), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="${file}.csv"` });
      if (format === 'pdf') return c.body(new Uint8Array(await statementPdf(s, ctx.lang)), 200, { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${file}.pdf"` });
      if (format !== 'json') throw invalid([{ field: 'format', message: 'validation.format' }]);
      return c.json(s, 200);
    }) as never,
  );
}
