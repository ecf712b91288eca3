// Room bookings: request (one-off or weekly), approve, decline, cancel, list.
// No double booking: the database refuses overlapping active bookings of a room (constraint bookings_no_overlap,
// SQLSTATE 23P01). A pending request holds its slot (first come, first served); declined or cancelled frees it.
import { dateFormat, numberFormat, localeOf } from '../../platform/i18n/intl.ts';
import { and, asc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import crypto from 'node:crypto';
import { bookings, rooms, locations, bookingStatuses, type BookingStatus } from './schema.ts';
import { AppError, invalid, notFound, forbidden, parseChecked, type FieldError } from '../../platform/http/errors.ts';
import { recordAudit } from '../../platform/audit/service.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { t } from '../../platform/i18n/index.ts';
import { getOrganisation, getOrganisationNames } from '../network/service.ts';
import type { OrganisationType } from '../network/service.ts';
import { getRoom, plain, rateFor } from './locations.ts';
import { managesLocation, mayBookFor, mayReadOrganisation, requireActor } from './policy.ts';
import { addDays, localParts, zonedTime } from './time.ts';

/** Longest single booking, in hours. */
export const MAX_BOOKING_HOURS = 12;
/** Most occurrences of one weekly recurring request (one year). */
export const MAX_REPEAT_WEEKS = 52;

export interface BookingView {
  id: string;
  roomId: string;
  roomName: string;
  locationId: string;
  locationName: string;
  organisationId: string;
  organisationName: string;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  purpose: string;
  seriesId: string | null;
  hourlyRateCents: number;
  priceCents: number;
  decidedAt: Date | null;
  createdAt: Date;
}

const instant = z.union([z.date(), z.string()]).transform((v, c) => {
  const d = v instanceof Date ? v : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) ? new Date(v) : new Date(NaN);
  if (Number.isNaN(d.getTime())) {
    c.addIssue({ code: 'custom', message: 'places.error.dateTime' });
    return z.NEVER;
  }
  return d;
});

export const requestBookingInput = z.object({
  roomId: z.uuid(),
  organisationId: z.uuid(),
  startsAt: instant,
  endsAt: instant,
  purpose: plain(2, 500),
  /** Number of weekly occurrences, the first included (1 = one-off). */
  repeatWeeks: z.number().int().min(1).max(MAX_REPEAT_WEEKS).default(1),
});
export type RequestBookingInput = z.input<typeof requestBookingInput>;

/** True when err (or what it wraps) is PostgreSQL's exclusion violation: the slot is taken. */
export function isExclusionViolation(err: unknown): boolean {
  for (let e = err as { code?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23P01') return true;
  }
  return false;
}

/** Statuses that hold a slot (the same as the exclusion constraint's condition). */
const blockingStatuses: BookingStatus[] = ['requested', 'approved'];

const alreadyBooked = () => new AppError('conflict', 'places.error.alreadyBooked', [{ field: 'startsAt', code: 'booked', message: 'places.error.alreadyBooked' }]);

/** Latest start of a booking request: two years ahead. */
export const MAX_BOOKING_DAYS_AHEAD = 730;

/** Checks times against the rules and the location's opening hours; returns field errors (message keys). */
function checkTimes(ctx: ServiceContext, startsAt: Date, endsAt: Date, openingHours: Awaited<ReturnType<typeof getRoom>>['location']['openingHours']): FieldError[] {
  const errors: FieldError[] = [];
  const now = ctx.now().getTime();
  if (endsAt.getTime() <= startsAt.getTime()) errors.push({ field: 'endsAt', code: 'end_before_start', message: 'places.error.endBeforeStart' });
  else if (endsAt.getTime() - startsAt.getTime() > MAX_BOOKING_HOURS * 3600_000) errors.push({ field: 'endsAt', code: 'too_long', message: 'places.error.tooLong', params: { hours: MAX_BOOKING_HOURS } });
  if (startsAt.getTime() <= now) errors.push({ field: 'startsAt', code: 'in_past', message: 'places.error.inPast' });
  else if (startsAt.getTime() > now + MAX_BOOKING_DAYS_AHEAD * 86_400_000) errors.push({ field: 'startsAt', code: 'too_far_ahead', message: 'places.error.tooFarAhead', params: { years: MAX_BOOKING_DAYS_AHEAD / 365 } });
  if (errors.length) return errors;
  const s = localParts(startsAt);
  const e = localParts(endsAt);
  if (s.date !== e.date) return [{ field: 'endsAt', code: 'other_day', message: 'places.error.sameDay' }];
  const anyHours = Object.values(openingHours).some(Boolean);
  if (!anyHours) return []; // opening hours not set: no restriction
  const today = openingHours[s.weekday];
  if (!today) return [{ field: 'startsAt', code: 'closed', message: 'places.error.closed', params: { day: `places.day.${s.weekday}` } }];
  if (s.time < today.open || e.time > today.close) return [{ field: 'startsAt', code: 'outside_hours', message: 'places.error.outsideHours', params: { open: today.open, close: today.close } }];
  return [];
}

/** The weekly occurrences of a request: same local wall-clock time each week, also across daylight saving changes. */
function occurrences(startsAt: Date, endsAt: Date, weeks: number): { startsAt: Date; endsAt: Date }[] {
  const s = localParts(startsAt);
  const e = localParts(endsAt);
  return Array.from({ length: weeks }, (_, i) => (i === 0 ? { startsAt, endsAt } : { startsAt: zonedTime(addDays(s.date, 7 * i), s.time), endsAt: zonedTime(addDays(e.date, 7 * i), e.time) }));
}

/** Overlaps any of the slots: one `or(...)` so it stays one term inside the caller's `and(...)`. */
const overlapAny = (slots: { startsAt: Date; endsAt: Date }[]): SQL | undefined =>
  or(...slots.map((o) => sql`tstzrange(${bookings.startsAt}, ${bookings.endsAt}, '[)') && tstzrange(${o.startsAt.toISOString()}::timestamptz, ${o.endsAt.toISOString()}::timestamptz, '[)')`));

/**
 * Requests a room for an organisation, once or weekly for repeatWeeks weeks. All-or-nothing: when any
 * occurrence clashes with an active booking, nothing is booked and the message names the dates.
 */
export async function requestBooking(ctx: ServiceContext, raw: RequestBookingInput): Promise<BookingView[]> {
  const actor = requireActor(ctx);
  if (!hasRole(actor, 'partner_staff', 'administrator')) throw forbidden();
  const rawOrg = (raw as { organisationId?: unknown } | null)?.organisationId;
  if (typeof rawOrg === 'string' && !mayBookFor(actor, rawOrg)) throw new AppError('forbidden', 'places.error.notYourOrganisation', [{ field: 'organisationId', message: 'places.error.notYourOrganisation' }]);
  // Shape, room, organisation and times in one pass: every problem at once.
  const found: { room?: Awaited<ReturnType<typeof getRoom>>; org?: Awaited<ReturnType<typeof getOrganisation>> } = {};
  const input = await parseChecked(requestBookingInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.roomId) found.room = await getRoom(ctx, p.roomId).catch(() => void errors.push({ field: 'roomId', code: 'unknown_reference', message: 'places.error.unknownRoom' }) as undefined);
    if (p.organisationId) found.org = await getOrganisation(ctx, p.organisationId).catch(() => void errors.push({ field: 'organisationId', code: 'unknown_reference', message: 'error.unknownOrganisation' }) as undefined);
    if (found.room && p.startsAt && p.endsAt) errors.push(...checkTimes(ctx, p.startsAt, p.endsAt, found.room.location.openingHours));
    return errors;
  });
  if (!mayBookFor(actor, input.organisationId)) throw new AppError('forbidden', 'places.error.notYourOrganisation', [{ field: 'organisationId', message: 'places.error.notYourOrganisation' }]);
  const { room, org } = found;
  if (!room || !org) throw invalid([]); // not reached: parseChecked reported them

  const slots = occurrences(input.startsAt, input.endsAt, input.repeatWeeks);
  const rate = await rateFor(ctx, room.locationId, org.type as OrganisationType);
  const seriesId = slots.length > 1 ? crypto.randomUUID() : null;
  try {
    return await inTransaction(ctx, async (tx) => {
      const clashes = await tx.db
        .select({ startsAt: bookings.startsAt })
        .from(bookings)
        .where(and(eq(bookings.tenantId, tx.tenant), eq(bookings.roomId, room.id), inArray(bookings.status, blockingStatuses), overlapAny(slots)))
        .orderBy(asc(bookings.startsAt));
      if (clashes.length) {
        if (slots.length === 1) throw alreadyBooked();
        const dates = [...new Set(clashes.map((c) => localParts(c.startsAt).date))].map((d) => dateFormat(localeOf(ctx.lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${d}T12:00:00Z`)));
        const params = { dates: dates.join(', ') };
        throw new AppError('conflict', 'places.error.seriesClash', [{ field: 'startsAt', code: 'booked', message: 'places.error.seriesClash', params }], params);
      }
      const rows = await tx.db
        .insert(bookings)
        .values(
          slots.map((o) => ({
            tenantId: tx.tenant,
            roomId: room.id,
            organisationId: org.id,
            bookedByUserId: actor.userId || null,
            startsAt: o.startsAt,
            endsAt: o.endsAt,
            status: 'requested' as const,
            purpose: input.purpose,
            seriesId,
            hourlyRateCents: rate,
            priceCents: Math.round(((o.endsAt.getTime() - o.startsAt.getTime()) / 3600_000) * rate),
          })),
        )
        .returning();
      await recordAudit(tx, {
        action: 'places.booking_request',
        subjectType: 'booking',
        subjectId: seriesId ?? rows[0].id,
        onBehalfOf: actor.organisationId === org.id ? undefined : { organisationId: org.id },
        details: { roomId: room.id, organisationId: org.id, occurrences: rows.length },
      });
      return rows.map((r) => toView(r, room.name, room.locationId, room.location.name, org.name));
    });
  } catch (err) {
    if (isExclusionViolation(err)) throw alreadyBooked();
    throw err;
  }
}

const toView = (r: typeof bookings.$inferSelect, roomName: string, locationId: string, locationName: string, organisationName: string): BookingView => ({
  id: r.id,
  roomId: r.roomId,
  roomName,
  locationId,
  locationName,
  organisationId: r.organisationId,
  organisationName,
  startsAt: r.startsAt,
  endsAt: r.endsAt,
  status: r.status,
  purpose: r.purpose,
  seriesId: r.seriesId,
  hourlyRateCents: r.hourlyRateCents,
  priceCents: r.priceCents,
  decidedAt: r.decidedAt,
  createdAt: r.createdAt,
});

function bookingSelect(ctx: ServiceContext) {
  return ctx.db
    .select({ b: bookings, roomName: rooms.name, locationId: locations.id, locationName: locations.name, managerOrganisationId: locations.managerOrganisationId })
    .from(bookings)
    .innerJoin(rooms, eq(rooms.id, bookings.roomId))
    .innerJoin(locations, eq(locations.id, rooms.locationId));
}

type BookingRow = Awaited<ReturnType<ReturnType<typeof bookingSelect>['where']>>[number];

async function views(ctx: ServiceContext, rows: BookingRow[]): Promise<BookingView[]> {
  const names = await getOrganisationNames(ctx, rows.map((r) => r.b.organisationId));
  return rows.map((r) => toView(r.b, r.roomName, r.locationId, r.locationName, names.get(r.b.organisationId) ?? ''));
}

/** One booking, for whoever may see it (its organisation, the location's managers); others get "not found". */
export async function getBooking(ctx: ServiceContext, id: string): Promise<BookingView & { managerOrganisationId: string | null }> {
  const actor = requireActor(ctx);
  if (!z.uuid().safeParse(id).success) throw notFound();
  const [row] = await bookingSelect(ctx).where(and(eq(bookings.tenantId, ctx.tenant), eq(bookings.id, id)));
  if (!row || !(managesLocation(actor, row) || mayReadOrganisation(actor, row.b.organisationId))) throw notFound();
  const [view] = await views(ctx, [row]);
  return { ...view, managerOrganisationId: row.managerOrganisationId };
}

export const bookingActions = ['approve', 'decline', 'cancel'] as const;
export type BookingAction = (typeof bookingActions)[number];

const transitions: Record<BookingAction, { from: BookingStatus[]; to: BookingStatus; audit: 'places.booking_approve' | 'places.booking_decline' | 'places.booking_cancel' }> = {
  approve: { from: ['requested'], to: 'approved', audit: 'places.booking_approve' },
  decline: { from: ['requested'], to: 'declined', audit: 'places.booking_decline' },
  cancel: { from: ['requested', 'approved'], to: 'cancelled', audit: 'places.booking_cancel' },
};

/**
 * Approves, declines or cancels a booking (with series: every occurrence of its series still in the starting state).
 * Approve and decline: location managers. Cancel: the booking organisation or a location manager, before it starts.
 */
export async function decideBooking(ctx: ServiceContext, id: string, action: BookingAction, opts: { series?: boolean } = {}): Promise<BookingView[]> {
  const actor = requireActor(ctx);
  const booking = await getBooking(ctx, id);
  const manager = managesLocation(actor, booking);
  if (action === 'cancel' ? !(manager || mayBookFor(actor, booking.organisationId)) : !manager) throw forbidden();
  const step = transitions[action];
  if (!step.from.includes(booking.status)) throw new AppError('conflict', 'places.error.statusChanged', [], { status: `places.status.${booking.status}` });
  if (action === 'cancel' && booking.startsAt.getTime() <= ctx.now().getTime() && !opts.series) throw new AppError('conflict', 'places.error.alreadyStarted');
  return inTransaction(ctx, async (tx) => {
    const scope =
      opts.series && booking.seriesId
        ? and(eq(bookings.seriesId, booking.seriesId), action === 'cancel' ? gte(bookings.startsAt, tx.now()) : undefined)
        : eq(bookings.id, booking.id);
    const changed = await tx.db
      .update(bookings)
      .set({ status: step.to, decidedByUserId: actor.userId || null, decidedAt: tx.now(), updatedAt: tx.now() })
      .where(and(eq(bookings.tenantId, tx.tenant), scope, inArray(bookings.status, step.from)))
      .returning({ id: bookings.id });
    if (changed.length === 0) throw new AppError('conflict', 'places.error.statusChanged', [], { status: `places.status.${booking.status}` });
    await recordAudit(tx, {
      action: step.audit,
      subjectType: 'booking',
      subjectId: booking.id,
      onBehalfOf: actor.organisationId === booking.organisationId ? undefined : { organisationId: booking.organisationId },
      details: { count: changed.length, series: !!opts.series },
    });
    const rows = await bookingSelect(tx).where(inArray(bookings.id, changed.map((c) => c.id))).orderBy(asc(bookings.startsAt));
    return views(tx, rows);
  });
}

export const approveBooking = (ctx: ServiceContext, id: string, opts?: { series?: boolean }) => decideBooking(ctx, id, 'approve', opts);
export const declineBooking = (ctx: ServiceContext, id: string, opts?: { series?: boolean }) => decideBooking(ctx, id, 'decline', opts);
export const cancelBooking = (ctx: ServiceContext, id: string, opts?: { series?: boolean }) => decideBooking(ctx, id, 'cancel', opts);

export const listBookingsInput = z.object({
  organisationId: z.uuid().optional(),
  locationId: z.uuid().optional(),
  status: z.enum(bookingStatuses).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  /** Only bookings at locations the actor manages (the approval queue). */
  managed: z.boolean().optional(),
  limit: z.number().int().min(1).max(1000).default(500),
});
export type ListBookingsInput = z.input<typeof listBookingsInput>;

/**
 * Bookings the actor may see: administrators and contract managers all of them; partner staff those of their own
 * organisation and those at the locations their organisation manages. Ordered by start time.
 */
export async function listBookings(ctx: ServiceContext, raw: ListBookingsInput = {}): Promise<BookingView[]> {
  const actor = requireActor(ctx);
  const input = listBookingsInput.parse(raw);
  const seeAll = hasRole(actor, 'administrator', 'contract_manager');
  if (!seeAll && !hasRole(actor, 'partner_staff')) throw forbidden();
  const where: (SQL | undefined)[] = [eq(bookings.tenantId, ctx.tenant)];
  if (!seeAll) {
    if (!actor.organisationId) return [];
    where.push(or(eq(bookings.organisationId, actor.organisationId), eq(locations.managerOrganisationId, actor.organisationId)));
  }
  if (input.managed && !hasRole(actor, 'administrator')) where.push(actor.organisationId ? eq(locations.managerOrganisationId, actor.organisationId) : sql`false`);
  if (input.organisationId) where.push(eq(bookings.organisationId, input.organisationId));
  if (input.locationId) where.push(eq(locations.id, input.locationId));
  if (input.status) where.push(eq(bookings.status, input.status));
  if (input.from) where.push(gte(bookings.endsAt, input.from));
  if (input.to) where.push(lt(bookings.startsAt, input.to));
  const rows = await bookingSelect(ctx)
    .where(and(...where))
    .orderBy(asc(bookings.startsAt))
    .limit(input.limit);
  return views(ctx, rows);
}
