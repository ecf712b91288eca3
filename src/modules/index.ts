// The composition point: the modules of this platform, in dependency order (a module may use only the modules
// listed before it; docs/ARCHITECTURE.md). Adding a module = its folder under src/modules + one line here.
import type { ServiceContext } from '../platform/context.ts';
import { installModules, type Module } from '../platform/module.ts';
import { seedModules, type SeedOptions } from '../platform/seed.ts';
import { frameworkModule } from './framework/module.tsx';
import { networkModule, demoUsers } from './network/module.ts';
import { placesModule } from './places/module.ts';
import { catalogueModule } from './catalogue/module.ts';
import { reachModule } from './reach/module.ts';
import { effectsModule } from './effects/module.ts';
import { indicatorsModule } from './indicators/module.ts';
import { accountabilityModule } from './accountability/module.tsx';
import { subsidiesModule } from './subsidies/module.ts';
import { fundModule, DEMO_VOLUNTEER_ORGANISATION_EMAIL } from './fund/module.ts';
import { contractsModule, DEMO_CONTRACTOR_EMAIL } from './contracts/module.ts';
import { addProgrammeSource } from './places/service.ts';
import { listActivitiesForLocation } from './catalogue/service.ts';
import { loadFrameworkFile } from './framework/service.ts';
import { seedNetworkFrom, checkSeedOrganisations } from './network/service.ts';

export const modules: readonly Module[] = [frameworkModule, networkModule, placesModule, catalogueModule, reachModule, effectsModule, indicatorsModule, accountabilityModule, subsidiesModule, fundModule, contractsModule];

installModules(modules);

// A location's programme (places) shows the activities there (catalogue, listed above places).
addProgrammeSource(listActivitiesForLocation);

/** Loads the reference data of a municipality and, with `demo`, the demo data: every module's steps in order. */
export const seedAll = (ctx: ServiceContext, opts: SeedOptions): Promise<string[]> => seedModules(ctx, modules, opts);

/**
 * Loads a municipality's framework file (`sociale-basis tenant load-framework`): the framework's part and the
 * organisations it names (network), all or nothing in one transaction.
 */
export const loadMunicipalityFile = (ctx: ServiceContext, file: string) => loadFrameworkFile(ctx, file, { check: checkSeedOrganisations, load: seedNetworkFrom });

export { DEMO_PASSWORD, demoUsers } from './network/module.ts';

/** Every demo account's e-mail address: the network's people, and the fund's and the contract's own accounts. */
export const demoAccountEmails: readonly string[] = [...demoUsers.map((u) => u.email), DEMO_VOLUNTEER_ORGANISATION_EMAIL, DEMO_CONTRACTOR_EMAIL];
