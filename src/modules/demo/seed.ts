// Seeding: reference data (the framework from seed/<municipality>/) and, on request, a small demo data set.
import { loadFramework, readFrameworkSeed } from '../framework/seed.ts';
import { createUser, countUsers } from '../../platform/auth/service.ts';
import { listOrganisations } from '../network/service.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Role } from '../../platform/auth/roles.ts';
import { createRng } from './rng.ts';
import { seedNetworkDemo } from '../network/demo.ts';
import { seedPlacesDemo } from '../places/demo.ts';
import { seedCatalogueDemo } from '../catalogue/demo.ts';

/** Seed of the demo generator: the same seed and scale always give the same data (repeatable benchmarks). */
export const DEMO_SEED = 20201001;

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

export interface SeedOptions {
  demo: boolean;
  /** Multiplies the demo data set (organisations, activities, locations). */
  scale?: number;
  municipalityDir?: string;
  /** Called as each step starts, so a first start can say what it is doing. */
  onProgress?: (step: string) => void;
}

export async function seedAll(ctx: ServiceContext, opts: SeedOptions): Promise<string[]> {
  const report: string[] = [];
  const step = (s: string) => opts.onProgress?.(s);
  step('Kader laden: thema’s, doelen, wijken en organisaties…');
  const fw = await loadFramework(ctx, readFrameworkSeed(opts.municipalityDir), opts.municipalityDir);
  report.push(fw.created.length ? `kader: ${fw.created.length} onderdelen toegevoegd` : 'kader: al aanwezig');
  if (opts.demo) {
    const admin: ServiceContext = { ...ctx, actor: { userId: '', name: 'seed', email: 'seed', roles: ['administrator'], organisationId: null } };
    step('Demo-accounts aanmaken…');
    if ((await countUsers(ctx)) === 0) {
      const orgs = await listOrganisations(ctx);
      for (const u of demoUsers) {
        const org = orgs.find((o) => o.name === u.organisation);
        await createUser(admin, { email: u.email, name: u.name, roles: u.roles, password: DEMO_PASSWORD, organisationId: org?.id ?? null });
      }
      report.push(`demo: ${demoUsers.length} accounts (wachtwoord: ${DEMO_PASSWORD})`);
    } else report.push('demo: er zijn al gebruikers; geen demo-accounts toegevoegd');
    const scale = Math.max(1, Math.floor(opts.scale ?? 1));
    // Order matters: organisations, then places, then the activities that use both.
    step('Demodata: organisaties en mensen…');
    report.push(...(await seedNetworkDemo(ctx, createRng(DEMO_SEED), scale)));
    step('Demodata: locaties en ruimtes…');
    report.push(...(await seedPlacesDemo(ctx, createRng(DEMO_SEED + 1), scale)));
    step('Demodata: activiteiten…');
    report.push(...(await seedCatalogueDemo(ctx, createRng(DEMO_SEED + 2), scale)));
  }
  return report;
}
