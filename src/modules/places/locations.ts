// Locations (Huizen van de Wijk), their rooms and the room rates.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { locations, rooms, roomRates, bookings, type OpeningHours, type Weekday } from './schema.ts';
import { AppError, invalid, notFound, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { invalidate, lookupCached, tag, REFERENCE_TTL_MS } from '../../platform/cache.ts';
import { listDistricts, listNeighbourhoods } from '../framework/service.ts';
import { organisationExists } from '../network/service.ts';
import { organisationTypes, organisationTypeSchema, type OrganisationType } from '../network/service.ts';
import { isTimeString, weekdays } from './time.ts';
import { managesLocation, requireActor, requireAdmin } from './policy.ts';
import { requireSystem } from '../../platform/auth/require.ts';

// ---------------------------------------------------------------- views

export interface LocationView {
  id: string;
  name: string;
  address: string;
  postcode: string;
  districtCode: string | null;
  neighbourhoodCode: string | null;
  openingHours: OpeningHours;
  wheelchairAccessible: boolean;
  accessibleToilet: boolean;
  hearingLoop: boolean;
  accessibilityNotes: string;
  managerOrganisationId: string | null;
  description: string;
}

export interface RoomView {
  id: string;
  locationId: string;
  name: string;
  capacity: number;
  facilities: string[];
}

export interface LocationSummary {
  id: string;
  name: string;
  address: string;
  districtCode: string | null;
  wheelchairAccessible: boolean;
}

const locationView = (r: typeof locations.$inferSelect): LocationView => ({
  id: r.id,
  name: r.name,
  address: r.address,
  postcode: r.postcode,
  districtCode: r.districtCode,
  neighbourhoodCode: r.neighbourhoodCode,
  openingHours: r.openingHours ?? {},
  wheelchairAccessible: r.wheelchairAccessible,
  accessibleToilet: r.accessibleToilet,
  hearingLoop: r.hearingLoop,
  accessibilityNotes: r.accessibilityNotes,
  managerOrganisationId: r.managerOrganisationId,
  description: r.description,
});

const roomView = (r: typeof rooms.$inferSelect): RoomView => ({ id: r.id, locationId: r.locationId, name: r.name, capacity: r.capacity, facilities: r.facilities });

const isUuid = (s: string) => z.uuid().safeParse(s).success;

/** Plain text only: markup in a text field gets a clear message instead of being stored (output is escaped anyway). */
export const noHtml = (s: string) => !/<\/?[a-z!][^>]*>/i.test(s);
export const plain = (min: number, max: number) => z.string().trim().min(min).max(max).refine(noHtml, { message: 'places.error.noHtml' });

// ---------------------------------------------------------------- reading (public)

export async function listLocations(ctx: ServiceContext, filter: { districtCode?: string } = {}): Promise<LocationView[]> {
  const where = [eq(locations.tenantId, ctx.tenant)];
  if (filter.districtCode) where.push(eq(locations.districtCode, filter.districtCode));
  const rows = await ctx.db
    .select()
    .from(locations)
    .where(and(...where))
    .orderBy(asc(locations.name));
  return rows.map(locationView);
}

export async function getLocation(ctx: ServiceContext, id: string): Promise<LocationView> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db.select().from(locations).where(and(eq(locations.tenantId, ctx.tenant), eq(locations.id, id)));
  if (!row) throw notFound();
  return locationView(row);
}

/** Short descriptions of locations by id (for the catalogue and other modules). Unknown ids are left out. */
/** Summaries by id, from a briefly cached list (they show on catalogue results); changes here invalidate it. */
export async function getLocationSummaries(ctx: ServiceContext, ids: string[]): Promise<Map<string, LocationSummary>> {
  const query = async (only?: string[]) => {
    const rows = await ctx.db
      .select({ id: locations.id, name: locations.name, address: locations.address, districtCode: locations.districtCode, wheelchairAccessible: locations.wheelchairAccessible })
      .from(locations)
      .where(only ? and(eq(locations.tenantId, ctx.tenant), inArray(locations.id, only)) : eq(locations.tenantId, ctx.tenant));
    return new Map(rows.map((r) => [r.id, r]));
  };
  const entry = { key: `places:${ctx.tenant}:location-summaries`, tags: [locationsTag(ctx)], ttlMs: REFERENCE_TTL_MS };
  return lookupCached(ctx.db, entry, () => query(), (only) => query(only), ids.filter(isUuid));
}

/** The cache tag of what is read from locations (summaries on catalogue results); changes drop it. */
export const locationsTag = (ctx: ServiceContext) => tag('locations', ctx.tenant);

export async function listRooms(ctx: ServiceContext, locationId: string): Promise<RoomView[]> {
  if (!isUuid(locationId)) throw notFound();
  const rows = await ctx.db
    .select()
    .from(rooms)
    .where(and(eq(rooms.tenantId, ctx.tenant), eq(rooms.locationId, locationId)))
    .orderBy(asc(rooms.name));
  return rows.map(roomView);
}

export async function getRoom(ctx: ServiceContext, id: string): Promise<RoomView & { location: LocationView }> {
  if (!isUuid(id)) throw notFound();
  const [row] = await ctx.db
    .select({ room: rooms, location: locations })
    .from(rooms)
    .innerJoin(locations, eq(locations.id, rooms.locationId))
    .where(and(eq(rooms.tenantId, ctx.tenant), eq(rooms.id, id)));
  if (!row) throw notFound();
  return { ...roomView(row.room), location: locationView(row.location) };
}

// ---------------------------------------------------------------- locations (write)

const timeOfDay = z.string().trim().refine(isTimeString, { message: 'places.error.time' });
const dayHours = z
  .object({ open: timeOfDay, close: timeOfDay })
  .refine((h) => h.open < h.close, { message: 'places.error.closeBeforeOpen', path: ['close'] })
  .nullable()
  .optional();

export const openingHoursSchema = z.object(Object.fromEntries(weekdays.map((d) => [d, dayHours])) as Record<Weekday, typeof dayHours>).strict();

export const locationInput = z.object({
  name: plain(2, 200),
  address: plain(2, 300),
  postcode: z
    .string()
    .trim()
    .max(10)
    .refine((s) => s === '' || /^\d{4}\s?[A-Za-z]{2}$/.test(s), { message: 'places.error.postcode' })
    .transform((s) => (s ? `${s.slice(0, 4)} ${s.slice(-2).toUpperCase()}` : ''))
    .default(''),
  districtCode: z.string().trim().max(40).nullable().default(null),
  neighbourhoodCode: z.string().trim().max(20).nullable().default(null),
  openingHours: openingHoursSchema.default({}),
  wheelchairAccessible: z.boolean().default(false),
  accessibleToilet: z.boolean().default(false),
  hearingLoop: z.boolean().default(false),
  accessibilityNotes: plain(0, 2000).default(''),
  managerOrganisationId: z.uuid().nullable().default(null),
  description: plain(0, 5000).default(''),
});
export type LocationInput = z.input<typeof locationInput>;

/** District and neighbourhood come from the framework; the neighbourhood must lie in the district. */
async function placeRefErrors(ctx: ServiceContext, input: Partial<z.output<typeof locationInput>>): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  if (input.districtCode) {
    const ds = await listDistricts(ctx);
    if (!ds.some((d) => d.code === input.districtCode)) errors.push({ field: 'districtCode', message: 'error.unknownDistrict' });
  }
  if (input.neighbourhoodCode) {
    const n = (await listNeighbourhoods(ctx)).find((x) => x.code === input.neighbourhoodCode);
    if (!n) errors.push({ field: 'neighbourhoodCode', message: 'places.error.unknownNeighbourhood' });
    else if (input.districtCode && n.districtCode && n.districtCode !== input.districtCode) errors.push({ field: 'neighbourhoodCode', message: 'places.error.neighbourhoodNotInDistrict' });
  }
  if (input.managerOrganisationId && !(await organisationExists(ctx, input.managerOrganisationId))) errors.push({ field: 'managerOrganisationId', message: 'error.unknownOrganisation' });
  return errors;
}

/** A location input: shape and references to the framework checked in one pass (every problem at once). */
const checkedLocation = (ctx: ServiceContext, raw: LocationInput) => parseChecked(locationInput, raw, (p) => placeRefErrors(ctx, p));

async function assertLocationNameFree(ctx: ServiceContext, name: string, exceptId?: string) {
  const [clash] = await ctx.db.select({ id: locations.id }).from(locations).where(and(eq(locations.tenantId, ctx.tenant), eq(locations.name, name)));
  if (clash && clash.id !== exceptId) throw new AppError('conflict', 'places.error.locationNameTaken', [{ field: 'name', message: 'places.error.locationNameTaken' }]);
}

export async function createLocation(ctx: ServiceContext, raw: LocationInput): Promise<LocationView> {
  requireAdmin(ctx);
  const input = await checkedLocation(ctx, raw);
  return inTransaction(ctx, async (tx) => {
    await assertLocationNameFree(tx, input.name);
    const [row] = await tx.db
      .insert(locations)
      .values({ tenantId: tx.tenant, ...input })
      .returning();
    await recordAudit(tx, { action: 'places.location_create', subjectType: 'location', subjectId: row.id, details: { name: row.name } });
    return locationView(row);
  });
}

export async function updateLocation(ctx: ServiceContext, id: string, raw: LocationInput): Promise<LocationView> {
  const actor = requireActor(ctx);
  const current = await getLocation(ctx, id);
  if (!managesLocation(actor, current)) throw new AppError('forbidden', 'error.forbidden');
  const input = await checkedLocation(ctx, raw);
  // Only an administrator hands a location over to another manager organisation.
  if (input.managerOrganisationId !== current.managerOrganisationId && !actor.roles.includes('administrator')) {
    throw invalid([{ field: 'managerOrganisationId', message: 'places.error.managerAdminOnly' }]);
  }
  const updated = await inTransaction(ctx, async (tx) => {
    await assertLocationNameFree(tx, input.name, id);
    const [row] = await tx.db
      .update(locations)
      .set({ ...input, updatedAt: tx.now() })
      .where(and(eq(locations.tenantId, tx.tenant), eq(locations.id, id)))
      .returning();
    await recordAudit(tx, { action: 'places.location_update', subjectType: 'location', subjectId: id, details: { name: row.name } });
    return locationView(row);
  });
  invalidate(ctx, locationsTag(ctx));
  return updated;
}

// ---------------------------------------------------------------- rooms (write)

export const roomInput = z.object({
  name: plain(1, 100),
  capacity: z.number().int().min(1).max(10000),
  facilities: z.array(plain(1, 100)).max(30).default([]),
});
export type RoomInput = z.input<typeof roomInput>;

async function requireManager(ctx: ServiceContext, locationId: string): Promise<LocationView> {
  const actor = requireActor(ctx);
  const loc = await getLocation(ctx, locationId);
  if (!managesLocation(actor, loc)) throw new AppError('forbidden', 'error.forbidden');
  return loc;
}

async function assertRoomNameFree(ctx: ServiceContext, locationId: string, name: string, exceptId?: string) {
  const [clash] = await ctx.db.select({ id: rooms.id }).from(rooms).where(and(eq(rooms.locationId, locationId), eq(rooms.name, name)));
  if (clash && clash.id !== exceptId) throw new AppError('conflict', 'places.error.roomNameTaken', [{ field: 'name', message: 'places.error.roomNameTaken' }]);
}

export async function createRoom(ctx: ServiceContext, locationId: string, raw: RoomInput): Promise<RoomView> {
  await requireManager(ctx, locationId);
  const input = roomInput.parse(raw);
  return inTransaction(ctx, async (tx) => {
    await assertRoomNameFree(tx, locationId, input.name);
    const [row] = await tx.db
      .insert(rooms)
      .values({ tenantId: tx.tenant, locationId, ...input })
      .returning();
    await recordAudit(tx, { action: 'places.room_create', subjectType: 'room', subjectId: row.id, details: { locationId, name: row.name } });
    return roomView(row);
  });
}

export async function updateRoom(ctx: ServiceContext, roomId: string, raw: RoomInput): Promise<RoomView> {
  const room = await getRoom(ctx, roomId);
  await requireManager(ctx, room.locationId);
  const input = roomInput.parse(raw);
  return inTransaction(ctx, async (tx) => {
    await assertRoomNameFree(tx, room.locationId, input.name, roomId);
    const [row] = await tx.db
      .update(rooms)
      .set({ ...input, updatedAt: tx.now() })
      .where(eq(rooms.id, roomId))
      .returning();
    await recordAudit(tx, { action: 'places.room_update', subjectType: 'room', subjectId: roomId, details: { name: row.name } });
    return roomView(row);
  });
}

/** Removes a room that was never booked; a room with bookings keeps its history. */
export async function deleteRoom(ctx: ServiceContext, roomId: string): Promise<void> {
  const room = await getRoom(ctx, roomId);
  await requireManager(ctx, room.locationId);
  await inTransaction(ctx, async (tx) => {
    const [used] = await tx.db.select({ n: sql<number>`count(*)::int` }).from(bookings).where(eq(bookings.roomId, roomId));
    if (Number(used?.n ?? 0) > 0) throw new AppError('conflict', 'places.error.roomHasBookings');
    await tx.db.delete(rooms).where(eq(rooms.id, roomId));
    await recordAudit(tx, { action: 'places.room_delete', subjectType: 'room', subjectId: roomId, details: { name: room.name } });
  });
}

// ---------------------------------------------------------------- rates

/**
 * Built-in hourly rates (cents) per organisation type, used only when the municipality has not set its own.
 * They are a starting point, not policy: administrators change them (globally or per location) on
 * /beheer/tarieven, and those rows win. Volunteer organisations without paid staff and resident initiatives
 * book for free (seed 002: low threshold for voluntary work); paid organisations pay a cost-covering rate.
 */
export const defaultHourlyRates: Record<OrganisationType, number> = {
  municipality: 2500,
  cooperative: 0,
  'core-partner': 1500,
  subcontractor: 2500,
  'volunteer-organisation': 0,
  'resident-initiative': 0,
  'chain-partner': 3500,
};

export interface RateView {
  organisationType: OrganisationType;
  hourlyRateCents: number;
  /** Where the rate comes from: this location, the municipality-wide table, or the built-in default. */
  source: 'location' | 'global' | 'default';
}

/** The effective rates for a location (or, without one, the municipality-wide rates). */
export async function listRates(ctx: ServiceContext, locationId: string | null = null): Promise<RateView[]> {
  const rows = await ctx.db
    .select()
    .from(roomRates)
    .where(and(eq(roomRates.tenantId, ctx.tenant), locationId ? sql`(${roomRates.locationId} = ${locationId} or ${roomRates.locationId} is null)` : isNull(roomRates.locationId)));
  return organisationTypes.map((type) => {
    const own = locationId ? rows.find((r) => r.locationId === locationId && r.organisationType === type) : undefined;
    if (own) return { organisationType: type, hourlyRateCents: own.hourlyRateCents, source: 'location' as const };
    const global = rows.find((r) => r.locationId === null && r.organisationType === type);
    if (global) return { organisationType: type, hourlyRateCents: global.hourlyRateCents, source: 'global' as const };
    return { organisationType: type, hourlyRateCents: defaultHourlyRates[type], source: 'default' as const };
  });
}

export async function rateFor(ctx: ServiceContext, locationId: string, type: OrganisationType): Promise<number> {
  return (await listRates(ctx, locationId)).find((r) => r.organisationType === type)!.hourlyRateCents;
}

export const setRateInput = z.object({
  locationId: z.uuid().nullable().default(null),
  organisationType: organisationTypeSchema,
  /** null removes the rate (the location then follows the municipality-wide rate, that one the default). */
  hourlyRateCents: z.number().int().min(0).max(100000).nullable(),
});
export type SetRateInput = z.input<typeof setRateInput>;

/** Sets a rate. Municipality-wide rates: administrators; a location's own rates: its managers too. */
export async function setRate(ctx: ServiceContext, raw: SetRateInput): Promise<void> {
  requireActor(ctx);
  const input = setRateInput.parse(raw);
  if (input.locationId) await requireManager(ctx, input.locationId);
  else requireAdmin(ctx);
  await inTransaction(ctx, async (tx) => {
    const scope = and(eq(roomRates.tenantId, tx.tenant), input.locationId ? eq(roomRates.locationId, input.locationId) : isNull(roomRates.locationId), eq(roomRates.organisationType, input.organisationType));
    if (input.hourlyRateCents === null) await tx.db.delete(roomRates).where(scope);
    else {
      await tx.db
        .insert(roomRates)
        .values({ tenantId: tx.tenant, locationId: input.locationId, organisationType: input.organisationType, hourlyRateCents: input.hourlyRateCents })
        .onConflictDoUpdate({ target: [roomRates.tenantId, roomRates.locationId, roomRates.organisationType], set: { hourlyRateCents: input.hourlyRateCents, updatedAt: tx.now() } });
    }
    await recordAudit(tx, { action: 'places.rate_set', subjectType: 'room_rate', subjectId: input.locationId ?? 'global', details: { organisationType: input.organisationType, hourlyRateCents: input.hourlyRateCents } });
  });
}

/** Seed helper: writes the built-in defaults as municipality-wide rates where none are set. Idempotent. */
export async function ensureDefaultRates(ctx: ServiceContext): Promise<number> {
  requireSystem(ctx);
  const existing = await ctx.db.select({ type: roomRates.organisationType }).from(roomRates).where(and(eq(roomRates.tenantId, ctx.tenant), isNull(roomRates.locationId)));
  const have = new Set(existing.map((r) => r.type));
  const missing = organisationTypes.filter((t) => !have.has(t));
  if (missing.length) await ctx.db.insert(roomRates).values(missing.map((t) => ({ tenantId: ctx.tenant, locationId: null, organisationType: t, hourlyRateCents: defaultHourlyRates[t] })));
  return missing.length;
}
