// The network module's seed steps: the organisations named in a municipality's seed file (reference data), and
// for the demo the demo accounts (some belong to an organisation) followed by the generated demo network.
import type { ServiceContext } from '../../platform/context.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { Rng } from '../../platform/rng.ts';
import { requireSystem } from '../../platform/auth/require.ts';
import { createUser, countUsers } from '../../platform/auth/service.ts';
import { readFrameworkSeed, type FrameworkSeed } from '../framework/service.ts';
import { ensureOrganisations, listOrganisations } from './organisations.ts';
import { organisationTypeSchema } from './types.ts';
import { seedNetworkDemo } from './demo.ts';

/** Demo accounts (only with --demo). The password is the same for all and printed by the CLI. */
export const DEMO_PASSWORD = 'sociale-basis-demo';
export const demoUsers: { email: string; name: string; roles: Role[]; organisation?: string }[] = [
  { email: 'beheerder@demo.sociale-basis.nl', name: 'Bea Beheer', roles: ['administrator'] },
  { email: 'beleid@demo.sociale-basis.nl', name: 'Bram Beleid', roles: ['policy_advisor'], organisation: 'Gemeente Haarlem' },
  { email: 'partner@demo.sociale-basis.nl', name: 'Petra Partner', roles: ['partner_staff'], organisation: 'DOCK Haarlem' },
  { email: 'makelaar@demo.sociale-basis.nl', name: 'Mo Makelaar', roles: ['social_broker'], organisation: 'Haarlem Effect' },
  { email: 'contract@demo.sociale-basis.nl', name: 'Carla Contract', roles: ['contract_manager'], organisation: 'Gemeente Haarlem' },
  { email: 'inwoner@demo.sociale-basis.nl', name: 'Ilse Inwoner', roles: ['resident'] },
  { email: 'vrijwilliger@demo.sociale-basis.nl', name: 'Victor Vrijwilliger', roles: ['volunteer'] },
  { email: 'raad@demo.sociale-basis.nl', name: 'Rik Raad', roles: ['auditor'] },
];

/** The organisations of the municipality's seed file (framework.json), created when their name is new. */
export async function seedNetwork(ctx: ServiceContext, opts: { municipalityDir: string }): Promise<string[]> {
  requireSystem(ctx);
  return seedNetworkFrom(ctx, readFrameworkSeed(opts.municipalityDir));
}

/** Problems with the organisations of a framework file (as read from JSON), each with its JSON path. */
export function checkSeedOrganisations(json: unknown): string[] {
  const list = (json as { organisations?: unknown })?.organisations;
  if (!Array.isArray(list)) return [];
  return list.flatMap((o, i) => {
    const type = (o as { type?: unknown })?.type;
    return organisationTypeSchema.safeParse(type).success ? [] : [`organisations[${i}].type: moet een van deze waarden zijn: ${organisationTypeSchema.options.join(', ')}`];
  });
}

/** The organisations a municipality's framework file names (see seedNetwork), from an already read file. */
export async function seedNetworkFrom(ctx: ServiceContext, seed: FrameworkSeed): Promise<string[]> {
  requireSystem(ctx);
  const list = seed.organisations.map((o) => ({ name: o.name, type: organisationTypeSchema.parse(o.type) }));
  const before = new Set((await listOrganisations(ctx)).map((o) => o.name));
  await ensureOrganisations(ctx, list);
  const added = list.filter((o) => !before.has(o.name)).length;
  return [added ? `netwerk: ${added} organisaties toegevoegd` : 'netwerk: organisaties al aanwezig'];
}

/** Demo accounts when there are no users yet, then the demo network. */
export async function seedNetworkDemoWithAccounts(ctx: ServiceContext, rng: Rng, scale: number): Promise<string[]> {
  requireSystem(ctx);
  const report: string[] = [];
  const admin: ServiceContext = { ...ctx, actor: { userId: '', name: 'seed', email: 'seed', roles: ['administrator'], organisationId: null } };
  if ((await countUsers(ctx)) === 0) {
    const orgs = await listOrganisations(ctx);
    for (const u of demoUsers) {
      const org = orgs.find((o) => o.name === u.organisation);
      await createUser(admin, { email: u.email, name: u.name, roles: u.roles, password: DEMO_PASSWORD, organisationId: org?.id ?? null });
    }
    report.push(`demo: ${demoUsers.length} accounts (wachtwoord: ${DEMO_PASSWORD})`);
  } else report.push('demo: er zijn al gebruikers; geen demo-accounts toegevoegd');
  report.push(...(await seedNetworkDemo(ctx, rng, scale)));
  return report;
}
