// Demo data of the places module, from a seeded generator (same seed → same data), safe to run again.
// 15 locations per unit of scale, spread over the districts and their wijken, each with 2–5 rooms; the default
// rates as municipality-wide rates; and a few bookings. Names and addresses are made up and marked "(demo)";
// no postcode is given so that nothing looks like a real address.
// The bookings are placed in the current and next month (relative to the day of seeding) so the approval queue
// and the monthly statement have something to show; they are only added when there are no bookings yet.
import { and, eq, sql } from 'drizzle-orm';
import { requireSystem } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Rng } from '../../platform/rng.ts';
import { queryRows } from '../../platform/db/client.ts';
import { listDistricts } from '../framework/service.ts';
import { listOrganisations } from '../network/service.ts';
import type { OrganisationType } from '../network/service.ts';
import { locations, rooms, bookings, type OpeningHours } from './schema.ts';
import { ensureDefaultRates, rateFor } from './locations.ts';
import { addDays, localParts, zonedTime } from './time.ts';

export const LOCATIONS_PER_SCALE = 15;

const streets = ['Wijkplein', 'Schoolstraat', 'Kerkpad', 'Molenweg', 'Lindenlaan', 'Parkweg', 'Tuinstraat', 'Rozenhof', 'Kastanjelaan', 'Buurtweg', 'Marktstraat', 'Vaartkade', 'Eikenhof', 'Zonnebloemstraat', 'Duinlaan'];

const roomKinds: { name: string; capacity: [number, number]; facilities: string[] }[] = [
  { name: 'Grote zaal', capacity: [40, 90], facilities: ['beamer', 'geluidsinstallatie', 'podium'] },
  { name: 'Huiskamer', capacity: [15, 25], facilities: ['koffie en thee', 'bank en leestafel'] },
  { name: 'Keuken', capacity: [8, 16], facilities: ['kookeiland', 'vaatwasser'] },
  { name: 'Vergaderkamer', capacity: [6, 14], facilities: ['scherm', 'whiteboard'] },
  { name: 'Atelier', capacity: [8, 15], facilities: ['wasbak', 'werktafels'] },
  { name: 'Spreekkamer', capacity: [2, 4], facilities: ['afsluitbaar'] },
  { name: 'Computerruimte', capacity: [6, 12], facilities: ['computers', 'printer'] },
  { name: 'Beweegzaal', capacity: [15, 30], facilities: ['matten', 'muziekinstallatie'] },
];

function openingHours(rng: Rng): OpeningHours {
  const weekday = { open: rng.pick(['08:30', '09:00']), close: rng.pick(['21:00', '22:00']) };
  return {
    mon: weekday,
    tue: weekday,
    wed: weekday,
    thu: weekday,
    fri: { open: weekday.open, close: rng.pick(['17:00', '21:00']) },
    sat: rng.chance(0.6) ? { open: '10:00', close: '16:00' } : null,
    sun: null,
  };
}

export async function seedPlacesDemo(ctx: ServiceContext, rng: Rng, scale: number): Promise<string[]> {
  requireSystem(ctx);
  const districts = (await listDistricts(ctx)).filter((d) => d.wijken.length > 0);
  if (districts.length === 0) return ['plekken: geen stadsdelen in het kader; geen demolocaties'];
  const orgs = await listOrganisations(ctx);
  const managers = orgs.filter((o) => o.type === 'cooperative' || o.type === 'core-partner');
  const dock = orgs.find((o) => o.name === 'DOCK Haarlem');

  // 1. Generate every location first (the random sequence never depends on what already exists).
  const names = new Set<string>();
  const planned = Array.from({ length: LOCATIONS_PER_SCALE * scale }, (_, i) => {
    const district = districts[i % districts.length];
    const wijk = district.wijken[Math.floor(i / districts.length) % district.wijken.length];
    let name = `Huis van de Wijk ${wijk.name} (demo)`;
    for (let n = 2; names.has(name); n++) name = `Huis van de Wijk ${wijk.name} ${n} (demo)`;
    names.add(name);
    const manager = i % 3 === 0 && dock ? dock : managers.length ? rng.pick(managers) : null;
    const wheelchair = rng.chance(0.8);
    return {
      name,
      address: `${rng.pick(streets)} ${rng.int(1, 180)}`,
      districtCode: district.code,
      neighbourhoodCode: wijk.code,
      openingHours: openingHours(rng),
      wheelchairAccessible: wheelchair,
      accessibleToilet: wheelchair && rng.chance(0.85),
      hearingLoop: rng.chance(0.4),
      accessibilityNotes: wheelchair ? 'Ingang zonder drempels; lift naar de eerste verdieping.' : 'De ingang heeft een trap van drie treden.',
      managerOrganisationId: manager?.id ?? null,
      description: `Demolocatie in ${wijk.name}: een buurthuis waar bewoners, vrijwilligers en organisaties elkaar ontmoeten. Naam en adres zijn verzonnen.`,
      rooms: rng.sample(roomKinds, rng.int(2, 5)).map((k) => ({ name: k.name, capacity: rng.int(k.capacity[0], k.capacity[1]), facilities: k.facilities })),
    };
  });

  // 2. Insert what is missing.
  let addedLocations = 0;
  let addedRooms = 0;
  await ctx.db.transaction(async (tx) => {
    for (const p of planned) {
      const { rooms: roomList, ...loc } = p;
      const inserted = await tx
        .insert(locations)
        .values({ tenantId: ctx.tenant, ...loc })
        .onConflictDoNothing()
        .returning({ id: locations.id });
      if (inserted.length === 0) continue;
      addedLocations++;
      await tx.insert(rooms).values(roomList.map((r) => ({ tenantId: ctx.tenant, locationId: inserted[0].id, ...r })));
      addedRooms += roomList.length;
    }
  });
  const addedRates = await ensureDefaultRates(ctx);
  const addedBookings = await seedDemoBookings(ctx, rng, orgs, dock?.id ?? null);
  if (!addedLocations && !addedRates && !addedBookings) return ['plekken: al aanwezig'];
  return [`plekken: ${addedLocations} locaties, ${addedRooms} ruimtes, ${addedRates} tarieven en ${addedBookings} boekingen toegevoegd`];
}

/** A handful of bookings on distinct days (so they never overlap), only when there are none yet. */
async function seedDemoBookings(ctx: ServiceContext, rng: Rng, orgs: { id: string; name: string; type: string }[], dockId: string | null): Promise<number> {
  const [count] = await queryRows<{ n: number }>(ctx.db, sql`select count(*)::int as n from bookings where tenant_id = ${ctx.tenant}`);
  if (Number(count?.n ?? 0) > 0) return 0;
  const roomRows = await ctx.db
    .select({ id: rooms.id, locationId: rooms.locationId })
    .from(rooms)
    .innerJoin(locations, eq(locations.id, rooms.locationId))
    .where(and(eq(rooms.tenantId, ctx.tenant), sql`${locations.name} like '%(demo)'`))
    .orderBy(locations.name, rooms.name);
  const bookers = orgs.filter((o) => ['volunteer-organisation', 'resident-initiative', 'subcontractor', 'core-partner'].includes(o.type));
  if (roomRows.length < 8 || bookers.length === 0) return 0;

  // Monday to Thursday in this month and the next: every location is open then from 09:00 to 21:00.
  const today = localParts(ctx.now());
  const first = `${today.year}-${String(today.month).padStart(2, '0')}-01`;
  const days: string[] = [];
  for (let d = first; days.length < 40; d = addDays(d, 1)) if (['mon', 'tue', 'wed', 'thu'].includes(localParts(zonedTime(d, '12:00')).weekday)) days.push(d);
  const slots = [
    ['10:00', '12:00'],
    ['14:00', '16:00'],
    ['19:00', '21:00'],
  ] as const;

  const rows: (typeof bookings.$inferInsert)[] = [];
  const add = async (orgId: string, orgType: string, room: (typeof roomRows)[number], day: string, slot: readonly [string, string], status: 'requested' | 'approved', purpose: string, seriesId: string | null = null) => {
    const startsAt = zonedTime(day, slot[0]);
    const endsAt = zonedTime(day, slot[1]);
    const rate = await rateFor(ctx, room.locationId, orgType as OrganisationType);
    rows.push({ tenantId: ctx.tenant, roomId: room.id, organisationId: orgId, startsAt, endsAt, status, purpose, seriesId, hourlyRateCents: rate, priceCents: Math.round(((endsAt.getTime() - startsAt.getTime()) / 3600_000) * rate), decidedAt: status === 'approved' ? ctx.now() : null });
  };
  const purposes = ['Taalcafé', 'Bewonersoverleg', 'Koken met buren', 'Spreekuur formulierenhulp', 'Repaircafé', 'Beweegles 55+', 'Huiswerkbegeleiding', 'Vrijwilligersoverleg'];
  const now = ctx.now().getTime();
  for (let k = 0; k < 12; k++) {
    const org = k % 4 === 0 && dockId ? orgs.find((o) => o.id === dockId)! : rng.pick(bookers);
    const day = days[k * 2];
    const slot = rng.pick(slots);
    const past = zonedTime(day, slot[0]).getTime() < now;
    await add(org.id, org.type, roomRows[k % 6], day, slot, past || k % 3 === 0 ? 'approved' : 'requested', rng.pick(purposes));
  }
  // One weekly series (four weeks) of a volunteer organisation, waiting for approval, in a room of its own.
  const vol = bookers.find((o) => o.type === 'volunteer-organisation') ?? bookers[0];
  const seriesId = '00000000-0000-4000-8000-00000000d3e0';
  const seriesRoom = roomRows[roomRows.length - 1];
  const tuesday = days.find((d) => localParts(zonedTime(d, '12:00')).weekday === 'tue' && zonedTime(d, '19:00').getTime() > now) ?? days[days.length - 1];
  for (let w = 0; w < 4; w++) await add(vol.id, vol.type, seriesRoom, addDays(tuesday, 7 * w), ['19:00', '21:00'], 'requested', 'Wekelijkse inloopavond', seriesId);
  await ctx.db.insert(bookings).values(rows);
  return rows.length;
}
