// What the places module holds about one person ("Mijn gegevens"): the bookings they requested and the ones they
// decided on as a location manager.
import { and, desc, eq } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { withRows, type PersonalDataSection } from '../../platform/module.ts';
import { t, type MessageKey } from '../../platform/i18n/index.ts';
import { bookings, rooms, locations } from './schema.ts';
import { getOrganisationNames } from '../network/service.ts';

/** The module contract's `personalData`: sections only when there are rows. */
export async function placesPersonalData(ctx: ServiceContext, userId: string): Promise<PersonalDataSection[]> {
  const l = (key: MessageKey) => t(ctx.lang, key);
  const select = {
    location: locations.name,
    room: rooms.name,
    organisationId: bookings.organisationId,
    startsAt: bookings.startsAt,
    endsAt: bookings.endsAt,
    status: bookings.status,
    purpose: bookings.purpose,
    createdAt: bookings.createdAt,
    decidedAt: bookings.decidedAt,
  };
  const query = (column: typeof bookings.bookedByUserId | typeof bookings.decidedByUserId) =>
    ctx.db
      .select(select)
      .from(bookings)
      .innerJoin(rooms, and(eq(rooms.tenantId, bookings.tenantId), eq(rooms.id, bookings.roomId)))
      .innerJoin(locations, and(eq(locations.tenantId, rooms.tenantId), eq(locations.id, rooms.locationId)))
      .where(and(eq(bookings.tenantId, ctx.tenant), eq(column, userId)))
      .orderBy(desc(bookings.startsAt));
  const booked = await query(bookings.bookedByUserId);
  const decided = await query(bookings.decidedByUserId);
  const names = await getOrganisationNames(ctx, [...new Set([...booked, ...decided].map((b) => b.organisationId))]);
  const status = (s: string) => t(ctx.lang, `places.status.${s}` as MessageKey);
  const columns = [l('places.mydata.col.location'), l('places.mydata.col.room'), l('places.mydata.col.organisation'), l('places.mydata.col.starts'), l('places.mydata.col.ends'), l('places.col.status'), l('places.mydata.col.purpose')];
  return withRows([
    {
      key: 'places.bookings',
      title: l('places.mydata.booked.title'),
      explanation: l('places.mydata.booked.explanation'),
      columns: [...columns, l('places.mydata.col.requested')],
      rows: booked.map((b) => [b.location, b.room, names.get(b.organisationId) ?? null, b.startsAt, b.endsAt, status(b.status), b.purpose, b.createdAt]),
    },
    {
      key: 'places.decisions',
      title: l('places.mydata.decided.title'),
      explanation: l('places.mydata.decided.explanation'),
      columns: [...columns, l('places.mydata.col.decided')],
      rows: decided.map((b) => [b.location, b.room, names.get(b.organisationId) ?? null, b.startsAt, b.endsAt, status(b.status), b.purpose, b.decidedAt]),
    },
  ]);
}
