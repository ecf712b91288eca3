// Bookings against a real database: happy path, no double booking (also past the service), recurrence, rates,
// statements, permissions and bad input.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestDatabase, dbKinds, seedFramework, adminActor, type TestDatabase } from '../../../test/db.ts';
import { localiseFields } from '../../platform/http/errors.ts';
import { formErrors } from '../../platform/ui/forms.ts';
import { queryRows } from '../../platform/db/client.ts';
import { requestBooking, approveBooking, declineBooking, cancelBooking, listBookings, getMonthlyStatement, statementCsv, statementPdf, setRate, listRates, defaultHourlyRates, createLocation, updateLocation, createRoom } from './service.ts';
import { zonedTime } from './time.ts';
import { actor, ctxAs, makeLocation, makeOrg } from './test-helpers.ts';
import { appErrorOf } from '../../../test/errors.ts';

const at = (date: string, time: string) => zonedTime(date, time);


describe.each(dbKinds)('places bookings (%s)', (kind) => {
  let db: TestDatabase;
  let manager: Awaited<ReturnType<typeof makeOrg>>;
  let core: Awaited<ReturnType<typeof makeOrg>>;
  let volunteers: Awaited<ReturnType<typeof makeOrg>>;
  let place: Awaited<ReturnType<typeof makeLocation>>;
  const staff = () => ctxAs(db, actor(['partner_staff'], core.id, 'Kees'));
  const volunteerStaff = () => ctxAs(db, actor(['partner_staff'], volunteers.id, 'Vera'));
  const managerStaff = () => ctxAs(db, actor(['partner_staff'], manager.id, 'Mira'));

  beforeAll(async () => {
    db = await createTestDatabase(kind);
    await seedFramework(db);
    manager = await makeOrg(db, 'Welzijn Beheer (test)', 'cooperative');
    core = await makeOrg(db, 'Kernpartner Test', 'core-partner');
    volunteers = await makeOrg(db, 'Vrijwilligers Test', 'volunteer-organisation');
    place = await makeLocation(db, { managerOrganisationId: manager.id, districtCode: 'noord', neighbourhoodCode: 'WK039210' });
  });
  afterAll(async () => db?.drop());

  it('books a room: requested, priced at the rate of the organisation type, approved by the manager', async () => {
    const [b] = await requestBooking(staff(), { roomId: place.zaal.id, organisationId: core.id, startsAt: at('2026-03-02', '10:00'), endsAt: at('2026-03-02', '12:30'), purpose: 'Taalcafé' });
    expect(b.status).toBe('requested');
    expect(b.hourlyRateCents).toBe(defaultHourlyRates['core-partner']);
    expect(b.priceCents).toBe(Math.round(2.5 * defaultHourlyRates['core-partner']));
    expect(b.locationName).toBe(place.loc.name);
    const [approved] = await approveBooking(managerStaff(), b.id);
    expect(approved.status).toBe('approved');
    const mine = await listBookings(staff());
    expect(mine.map((x) => x.id)).toContain(b.id);
  });

  it('refuses an overlapping booking with a clear 409, in the service and in the database itself', async () => {
    const slot = { roomId: place.kamer.id, startsAt: at('2026-03-03', '14:00'), endsAt: at('2026-03-03', '16:00') };
    await requestBooking(staff(), { ...slot, organisationId: core.id, purpose: 'Spreekuur' });
    const e = await appErrorOf(requestBooking(volunteerStaff(), { roomId: slot.roomId, organisationId: volunteers.id, startsAt: at('2026-03-03', '15:00'), endsAt: at('2026-03-03', '17:00'), purpose: 'Breicafé' }));
    expect(e.status).toBe(409);
    expect(e.messageKey).toBe('places.error.alreadyBooked');
    // Past the service: a raw insert is refused by the exclusion constraint.
    const raw = db.db.execute(sql`insert into bookings (tenant_id, room_id, organisation_id, starts_at, ends_at, status, purpose, hourly_rate_cents, price_cents)
      values ('GM0392', ${slot.roomId}, ${volunteers.id}, ${at('2026-03-03', '15:30').toISOString()}, ${at('2026-03-03', '15:45').toISOString()}, 'approved', 'stiekem', 0, 0)`);
    await expect(raw).rejects.toSatisfy((err: unknown) => {
      const codes: string[] = [];
      for (let x = err as { code?: string; cause?: unknown } | undefined; x; x = x.cause as typeof x) if (x.code) codes.push(x.code);
      return codes.includes('23P01');
    });
    // A declined or cancelled row does not block; the database accepts it.
    await db.db.execute(sql`insert into bookings (tenant_id, room_id, organisation_id, starts_at, ends_at, status, purpose, hourly_rate_cents, price_cents)
      values ('GM0392', ${slot.roomId}, ${volunteers.id}, ${at('2026-03-03', '15:30').toISOString()}, ${at('2026-03-03', '15:45').toISOString()}, 'declined', 'oud', 0, 0)`);
  });

  it('allows back-to-back slots (end of one = start of the next)', async () => {
    await requestBooking(staff(), { roomId: place.zaal.id, organisationId: core.id, startsAt: at('2026-03-04', '09:00'), endsAt: at('2026-03-04', '11:00'), purpose: 'Ochtend' });
    const [next] = await requestBooking(volunteerStaff(), { roomId: place.zaal.id, organisationId: volunteers.id, startsAt: at('2026-03-04', '11:00'), endsAt: at('2026-03-04', '12:00'), purpose: 'Aansluitend' });
    expect(next.status).toBe('requested');
    // Another room at the same time is fine too.
    await requestBooking(volunteerStaff(), { roomId: place.kamer.id, organisationId: volunteers.id, startsAt: at('2026-03-04', '09:00'), endsAt: at('2026-03-04', '11:00'), purpose: 'Andere ruimte' });
  });

  it('a pending request holds the slot; declining it frees the slot; cancelling too', async () => {
    const slot = { roomId: place.zaal.id, startsAt: at('2026-03-05', '19:00'), endsAt: at('2026-03-05', '21:00') };
    const [first] = await requestBooking(staff(), { ...slot, organisationId: core.id, purpose: 'Eerste' });
    expect((await appErrorOf(requestBooking(volunteerStaff(), { ...slot, organisationId: volunteers.id, purpose: 'Tweede' }))).status).toBe(409);
    await declineBooking(managerStaff(), first.id);
    const [second] = await requestBooking(volunteerStaff(), { ...slot, organisationId: volunteers.id, purpose: 'Tweede' });
    await cancelBooking(volunteerStaff(), second.id);
    const [third] = await requestBooking(staff(), { ...slot, organisationId: core.id, purpose: 'Derde' });
    expect(third.status).toBe('requested');
    // A decided request cannot be decided again.
    expect((await appErrorOf(approveBooking(managerStaff(), first.id))).status).toBe(409);
  });

  it('books weekly all-or-nothing: one clash books none and names the clashing date', async () => {
    // Occupy Tuesday 24 March.
    await requestBooking(volunteerStaff(), { roomId: place.kamer.id, organisationId: volunteers.id, startsAt: at('2026-03-24', '10:00'), endsAt: at('2026-03-24', '11:00'), purpose: 'Blokkeert' });
    const e = await appErrorOf(requestBooking(staff(), { roomId: place.kamer.id, organisationId: core.id, startsAt: at('2026-03-10', '10:30'), endsAt: at('2026-03-10', '12:00'), purpose: 'Wekelijks', repeatWeeks: 6 }));
    expect(e.status).toBe(409);
    expect(localiseFields(e.fields, 'nl')[0].message).toContain('24 maart 2026');
    const none = await listBookings(staff(), { organisationId: core.id });
    expect(none.filter((b) => b.purpose === 'Wekelijks')).toHaveLength(0);
    // Without the clash: every week at the same local time, across the change to summer time (29 March).
    const series = await requestBooking(staff(), { roomId: place.kamer.id, organisationId: core.id, startsAt: at('2026-03-10', '12:00'), endsAt: at('2026-03-10', '13:00'), purpose: 'Wekelijks', repeatWeeks: 6 });
    expect(series).toHaveLength(6);
    expect(new Set(series.map((s) => s.seriesId)).size).toBe(1);
    expect(series.map((s) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit' }).format(s.startsAt))).toEqual(Array(6).fill('12:00'));
    const approved = await approveBooking(managerStaff(), series[0].id, { series: true });
    expect(approved).toHaveLength(6);
  });

  it('a weekly series clashes only with active bookings of the same room (not other rooms, not cancelled ones)', async () => {
    // Room X (zaal) on Monday 18 May 10:00, then cancelled; an active booking in another room at the same time.
    const [gone] = await requestBooking(volunteerStaff(), { roomId: place.zaal.id, organisationId: volunteers.id, startsAt: at('2026-05-18', '10:00'), endsAt: at('2026-05-18', '11:00'), purpose: 'Geannuleerd' });
    await cancelBooking(volunteerStaff(), gone.id);
    const other = await makeLocation(db, { managerOrganisationId: manager.id });
    await requestBooking(volunteerStaff(), { roomId: other.zaal.id, organisationId: volunteers.id, startsAt: at('2026-05-25', '10:00'), endsAt: at('2026-05-25', '11:00'), purpose: 'Elders' });
    // Room Y (kamer) weekly from the Monday before, same time: nothing in room Y blocks it.
    const series = await requestBooking(staff(), { roomId: place.kamer.id, organisationId: core.id, startsAt: at('2026-05-11', '10:00'), endsAt: at('2026-05-11', '11:00'), purpose: 'Reeks', repeatWeeks: 3 });
    expect(series).toHaveLength(3);
    // A clash in room Y names only room Y's date, never the other rooms' bookings.
    const e = await appErrorOf(requestBooking(volunteerStaff(), { roomId: place.kamer.id, organisationId: volunteers.id, startsAt: at('2026-05-04', '10:30'), endsAt: at('2026-05-04', '11:30'), purpose: 'Botst', repeatWeeks: 4 }));
    expect(e.status).toBe(409);
    expect(e.params.dates).toBe('11 mei 2026, 18 mei 2026, 25 mei 2026');
  });

  it('uses rates per organisation type: default, municipality-wide, and the location’s own', async () => {
    const [free] = await requestBooking(volunteerStaff(), { roomId: place.zaal.id, organisationId: volunteers.id, startsAt: at('2026-03-06', '09:00'), endsAt: at('2026-03-06', '11:00'), purpose: 'Gratis' });
    expect(free.priceCents).toBe(0);
    const admin = ctxAs(db, adminActor);
    await setRate(admin, { organisationType: 'core-partner', hourlyRateCents: 2000 });
    expect((await listRates(admin)).find((r) => r.organisationType === 'core-partner')).toEqual({ organisationType: 'core-partner', hourlyRateCents: 2000, source: 'global' });
    await setRate(managerStaff(), { locationId: place.loc.id, organisationType: 'core-partner', hourlyRateCents: 1000 });
    await setRate(managerStaff(), { locationId: place.loc.id, organisationType: 'core-partner', hourlyRateCents: 1200 }); // upsert
    const [b] = await requestBooking(staff(), { roomId: place.zaal.id, organisationId: core.id, startsAt: at('2026-03-06', '11:00'), endsAt: at('2026-03-06', '12:30'), purpose: 'Tarief' });
    expect(b.hourlyRateCents).toBe(1200);
    expect(b.priceCents).toBe(1800);
    // Partner staff cannot set municipality-wide rates.
    expect((await appErrorOf(setRate(managerStaff(), { organisationType: 'core-partner', hourlyRateCents: 0 }))).status).toBe(403);
    await setRate(admin, { locationId: place.loc.id, organisationType: 'core-partner', hourlyRateCents: null });
    await setRate(admin, { organisationType: 'core-partner', hourlyRateCents: null });
    expect((await listRates(admin, place.loc.id)).find((r) => r.organisationType === 'core-partner')!.source).toBe('default');
  });

  it('makes a monthly statement of approved bookings, as CSV and PDF', async () => {
    const org = await makeOrg(db, 'Onderaannemer Statement', 'subcontractor');
    const ctx = ctxAs(db, actor(['partner_staff'], org.id, 'Sam'));
    const a = await requestBooking(ctx, { roomId: place.zaal.id, organisationId: org.id, startsAt: at('2026-04-01', '09:00'), endsAt: at('2026-04-01', '11:00'), purpose: '=SOM(A1)' });
    const b = await requestBooking(ctx, { roomId: place.kamer.id, organisationId: org.id, startsAt: at('2026-04-30', '20:00'), endsAt: at('2026-04-30', '21:30'), purpose: 'Avond; met "quotes"' });
    const c = await requestBooking(ctx, { roomId: place.kamer.id, organisationId: org.id, startsAt: at('2026-04-15', '09:00'), endsAt: at('2026-04-15', '10:00'), purpose: 'Afgewezen' });
    await requestBooking(ctx, { roomId: place.kamer.id, organisationId: org.id, startsAt: at('2026-05-01', '09:00'), endsAt: at('2026-05-01', '10:00'), purpose: 'Volgende maand' });
    await approveBooking(managerStaff(), a[0].id);
    await approveBooking(managerStaff(), b[0].id);
    await declineBooking(managerStaff(), c[0].id);
    const s = await getMonthlyStatement(ctx, org.id, 2026, 4);
    expect(s.lines.map((l) => l.date)).toEqual(['2026-04-01', '2026-04-30']);
    expect(s.lines[1]).toMatchObject({ startTime: '20:00', endTime: '21:30', hours: 1.5, hourlyRateCents: 2500, amountCents: 3750 });
    expect(s.totalCents).toBe(2 * 2500 + 3750);
    expect(s.totalHours).toBe(3.5);
    const csv = statementCsv(s, 'nl');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Datum;Begin;Eind;Locatie;Ruimte;Uren;Tarief per uur;Bedrag;Doel');
    expect(lines[1]).toBe(`2026-04-01;09:00;11:00;${place.loc.name};Grote zaal;2;25,00;50,00;'=SOM(A1)`);
    expect(lines[2]).toContain('"Avond; met ""quotes"""');
    expect(lines[3]).toBe('Totaal;;;;;3,5;;87,50;');
    const pdf = await statementPdf(s, 'nl');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(1000);
    // Others cannot read it: another partner gets 403, the admin may.
    expect((await appErrorOf(getMonthlyStatement(staff(), org.id, 2026, 4))).status).toBe(403);
    expect((await getMonthlyStatement(ctxAs(db, adminActor), org.id, 2026, 4)).totalCents).toBe(8750);
  });

  it('permissions: no booking for another organisation, no approving without managing the location', async () => {
    const slot = { roomId: place.zaal.id, startsAt: at('2026-03-09', '13:00'), endsAt: at('2026-03-09', '14:00'), purpose: 'Poging' };
    const e = await appErrorOf(requestBooking(staff(), { ...slot, organisationId: volunteers.id }));
    expect(e.status).toBe(403);
    expect((await appErrorOf(requestBooking(ctxAs(db, actor(['resident'])), { ...slot, organisationId: core.id }))).status).toBe(403);
    expect((await appErrorOf(requestBooking(ctxAs(db, null), { ...slot, organisationId: core.id }))).status).toBe(401);
    const [b] = await requestBooking(staff(), { ...slot, organisationId: core.id });
    // The booking organisation itself may not approve (403); an unrelated partner does not even see it (404).
    expect((await appErrorOf(approveBooking(staff(), b.id))).status).toBe(403);
    expect((await appErrorOf(approveBooking(volunteerStaff(), b.id))).status).toBe(404);
    expect((await appErrorOf(cancelBooking(volunteerStaff(), b.id))).status).toBe(404);
    // Only managers (and admins) change a location; partner staff of another organisation cannot.
    expect((await appErrorOf(updateLocation(staff(), place.loc.id, { name: 'Overgenomen', address: 'x 1' }))).status).toBe(403);
    expect((await appErrorOf(createRoom(staff(), place.loc.id, { name: 'Extra', capacity: 3 }))).status).toBe(403);
    await createRoom(managerStaff(), place.loc.id, { name: 'Extra', capacity: 3 });
    // The unrelated partner's list does not contain it.
    expect((await listBookings(volunteerStaff())).some((x) => x.id === b.id)).toBe(false);
    expect((await listBookings(managerStaff(), { managed: true })).some((x) => x.id === b.id)).toBe(true);
  });

  it('bad input gives Dutch field messages, never a crash', async () => {
    const base = { roomId: place.zaal.id, organisationId: core.id, purpose: 'Test' };
    const fields = async (p: Promise<unknown>) => {
      const e = await appErrorOf(p);
      expect(e.status).toBe(400);
      return Object.fromEntries(localiseFields(e.fields, 'nl').map((f) => [f.field, f.message]));
    };
    expect(await fields(requestBooking(staff(), { ...base, startsAt: at('2026-03-10', '12:00'), endsAt: at('2026-03-10', '11:00') }))).toEqual({ endsAt: 'De eindtijd moet na de begintijd liggen.' });
    expect((await fields(requestBooking(staff(), { ...base, startsAt: at('2026-02-10', '12:00'), endsAt: at('2026-02-10', '13:00') }))).startsAt).toBe('Kies een moment in de toekomst.');
    expect((await fields(requestBooking(staff(), { ...base, startsAt: at('2026-03-08', '12:00'), endsAt: at('2026-03-08', '13:00') }))).startsAt).toBe('De locatie is op zondag gesloten.');
    expect((await fields(requestBooking(staff(), { ...base, startsAt: at('2026-03-10', '07:00'), endsAt: at('2026-03-10', '10:00') }))).startsAt).toBe('Dat valt buiten de openingstijden (09:00 tot 22:00).');
    expect((await fields(requestBooking(staff(), { ...base, startsAt: at('2026-03-10', '09:00'), endsAt: at('2026-03-10', '21:30') }))).endsAt).toBe('Een boeking duurt hoogstens 12 uur.');
    const zerr = await appErrorOf(requestBooking(staff(), { ...base, startsAt: 'gisteren', endsAt: at('2026-03-10', '10:00'), purpose: '<script>alert(1)</script>', repeatWeeks: 99 }));
    const zf = Object.fromEntries(formErrors(zerr, 'nl', { startsAt: 'Begintijd', purpose: 'Doel', repeatWeeks: 'Aantal weken' }).map((f) => [f.field, f.message]));
    expect(zf).toEqual({ startsAt: 'Begintijd: is geen geldige datum en tijd', purpose: 'Doel: mag geen HTML-code bevatten', repeatWeeks: 'Aantal weken: mag hoogstens 52 zijn' });
    // Shape and references in one pass: a bad purpose and an unknown room together; times checked with the room.
    const both = await fields(requestBooking(staff(), { ...base, roomId: '00000000-0000-4000-8000-000000000000', purpose: '', startsAt: at('2026-03-10', '10:00'), endsAt: at('2026-03-10', '11:00') }));
    expect(Object.keys(both).sort()).toEqual(['purpose', 'roomId']);
    const timesToo = await fields(requestBooking(staff(), { ...base, purpose: '<b>x</b>', startsAt: at('2026-03-10', '12:00'), endsAt: at('2026-03-10', '11:00') }));
    expect(Object.keys(timesToo).sort()).toEqual(['endsAt', 'purpose']);
    expect((await fields(requestBooking(staff(), { ...base, roomId: '00000000-0000-4000-8000-000000000000', startsAt: at('2026-03-10', '10:00'), endsAt: at('2026-03-10', '11:00') }))).roomId).toBe('Deze ruimte bestaat niet.');
    // Dates far ahead are refused with a field message (years like 9999 never reach the database).
    expect((await fields(requestBooking(staff(), { ...base, startsAt: '9999-03-10T10:00:00+01:00', endsAt: '9999-03-10T11:00:00+01:00' }))).startsAt).toBe('U kunt hoogstens 2 jaar vooruit boeken.');
    expect((await fields(requestBooking(staff(), { ...base, startsAt: at('2028-03-07', '10:00'), endsAt: at('2028-03-07', '11:00') }))).startsAt).toBe('U kunt hoogstens 2 jaar vooruit boeken.');
    expect((await fields(requestBooking(staff(), { ...base, startsAt: '0001-03-10T10:00:00Z', endsAt: '0001-03-10T11:00:00Z' }))).startsAt).toBe('Kies een moment in de toekomst.');
  });

  it('validates a location’s district and neighbourhood against the framework', async () => {
    const admin = ctxAs(db, adminActor);
    const e = await appErrorOf(createLocation(admin, { name: 'Verkeerd', address: 'Straat 1', districtCode: 'schalkwijk', neighbourhoodCode: 'WK039210' }));
    expect(e.fields.map((f) => f.field)).toEqual(['neighbourhoodCode']);
    const e2 = await appErrorOf(createLocation(admin, { name: 'Onbekend', address: 'Straat 1', districtCode: 'atlantis' }));
    expect(e2.fields.map((f) => f.field)).toEqual(['districtCode']);
    // An empty name and an unknown district: both at once.
    const e3 = await appErrorOf(createLocation(admin, { name: '', address: 'Straat 1', districtCode: 'atlantis' }));
    expect(e3.fields.map((f) => f.field).sort()).toEqual(['districtCode', 'name']);
    const [r] = await queryRows<{ n: number }>(db.db, sql`select count(*)::int as n from locations where name in ('Verkeerd', 'Onbekend')`);
    expect(Number(r.n)).toBe(0);
  });
});
