// Factories for the places tests: organisations, a location with rooms, and actors with a fixed clock.
import type { Database } from '../../platform/db/client.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { createOrganisation } from '../network/service.ts';
import type { OrganisationType } from '../network/types.ts';
import { adminActor, ctxFor } from '../../../test/db.ts';
import { createLocation, createRoom, type LocationInput } from './locations.ts';

/** "Now" in the tests: Sunday 1 March 2026, 10:00 UTC. */
export const NOW = new Date('2026-03-01T10:00:00Z');

export function ctxAs(db: Database, actor: Actor | null, now = NOW): ServiceContext {
  return { ...ctxFor(db, actor), now: () => now };
}

export const actor = (roles: Role[], organisationId: string | null = null, name = 'Tester'): Actor => ({ userId: '', name, email: `${name.toLowerCase()}@test.nl`, roles, organisationId });

export const weekHours = {
  mon: { open: '09:00', close: '22:00' },
  tue: { open: '09:00', close: '22:00' },
  wed: { open: '09:00', close: '22:00' },
  thu: { open: '09:00', close: '22:00' },
  fri: { open: '09:00', close: '17:00' },
  sat: { open: '10:00', close: '16:00' },
  sun: null,
};

export async function makeOrg(db: Database, name: string, type: OrganisationType) {
  return createOrganisation(ctxAs(db, adminActor), { name, type });
}

export async function makeLocation(db: Database, overrides: Partial<LocationInput> = {}) {
  const admin = ctxAs(db, adminActor);
  const loc = await createLocation(admin, { name: `Huis van de Wijk Test ${Math.random().toString(36).slice(2, 7)}`, address: 'Teststraat 1', postcode: '2011 AB', districtCode: 'noord', openingHours: weekHours, ...overrides });
  const zaal = await createRoom(admin, loc.id, { name: 'Grote zaal', capacity: 60, facilities: ['beamer', 'keuken'] });
  const kamer = await createRoom(admin, loc.id, { name: 'Kleine kamer', capacity: 8 });
  return { loc, zaal, kamer };
}
