// Factories for the subsidies tests: a seeded database with a call, a table of three organisations and actors of
// each role, on an injected clock.
import crypto from 'node:crypto';
import type { Database } from '../../platform/db/client.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { createUser } from '../../platform/auth/service.ts';
import { createOrganisation } from '../network/service.ts';
import { adminActor, ctxFor } from '../../../test/db.ts';
import { openCall, addTableMember, type CallView } from './call-service.ts';

export const TEST_PASSWORD = 'Een-lang-wachtwoord-42';

export function ctxAt(db: Database, actor: Actor | null, iso = '2019-06-01'): ServiceContext {
  return { ...ctxFor(db, actor), now: () => new Date(`${iso}T10:00:00Z`) };
}

/** An actor with a real user row (assessors are user accounts). */
export async function makeUser(db: Database, roles: Role[], organisationId: string | null, name = 'Tester'): Promise<Actor> {
  const email = `u-${crypto.randomBytes(4).toString('hex')}@test.nl`;
  const u = await createUser(ctxFor(db, adminActor), { email, name, roles, password: TEST_PASSWORD, organisationId });
  return { userId: u.id, name, email, roles, organisationId };
}

export interface World {
  call: CallView;
  tableId: string;
  orgs: { id: string; name: string }[];
  advisor: Actor;
  staff: Actor[];
}

/** A call for 2020–2023 (deadline 1 October 2019) with the theme "ontmoeten" (ceiling EUR 1,000,000) and three organisations at its table. */
export async function makeWorld(db: Database, suffix = ''): Promise<World> {
  const orgs = [];
  for (const n of ['Alfa', 'Beta', 'Gamma']) orgs.push(await createOrganisation(ctxFor(db, adminActor), { name: `${n} Welzijn${suffix}`, type: 'core-partner' }));
  const advisor = await makeUser(db, ['policy_advisor'], null, 'Beleid');
  const call = await openCall(ctxAt(db, advisor, '2019-05-01'), {
    periodCode: '2020-2023',
    applicationDeadline: '2019-10-01',
    decisionDeadline: '2019-12-15',
    themes: [
      { slug: 'ontmoeten', ceiling: 100_000_000 },
      { slug: 'waardevol-werk', ceiling: '2.500.000' },
    ],
  });
  const table = call.tables.find((t) => t.themeSlug === 'ontmoeten')!;
  for (const o of orgs) await addTableMember(ctxAt(db, advisor), table.id, { organisationId: o.id });
  const staff = [];
  for (const o of orgs) staff.push(await makeUser(db, ['partner_staff'], o.id, `Staf ${o.name}`));
  return { call, tableId: table.id, orgs: orgs.map((o) => ({ id: o.id, name: o.name })), advisor, staff };
}
