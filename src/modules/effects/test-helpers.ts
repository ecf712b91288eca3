// Factories for the effects tests: organisations and actors (with a real-looking user id) on an injected clock.
import crypto from 'node:crypto';
import type { Database } from '../../platform/db/client.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { createOrganisation } from '../network/service.ts';
import { adminActor, ctxFor } from '../../../test/db.ts';

/** "Now" in the tests: Monday 2 March 2026, 10:00 UTC. */
export const NOW = new Date('2026-03-02T10:00:00Z');

export function ctxAs(db: Database, actor: Actor | null, now: Date = NOW): ServiceContext {
  return { ...ctxFor(db, actor), now: () => now };
}

export const person = (roles: Role[], organisationId: string | null = null, name = 'Tester'): Actor => ({ userId: crypto.randomUUID(), name, email: `${name.toLowerCase()}@test.nl`, roles, organisationId });

export async function makeOrg(db: Database, name: string) {
  return createOrganisation(ctxAs(db, adminActor), { name, type: 'core-partner' });
}
