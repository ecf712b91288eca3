// Helpers for the network module's tests.
import { createOrganisation } from './service.ts';
import type { OrganisationType, PersonInput } from './types.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { Actor } from '../../platform/auth/roles.ts';

export const adminActor: Actor = { userId: '', name: 'Test Beheer', email: 'beheer@test.nl', roles: ['administrator'], organisationId: null };
export const partnerActor = (organisationId: string, name = 'Partner'): Actor => ({ userId: '', name, email: `${name.toLowerCase()}@test.nl`, roles: ['partner_staff'], organisationId });
export const as = (ctx: ServiceContext, actor: Actor | null): ServiceContext => ({ ...ctx, actor });

let n = 0;
export async function buildOrganisation(ctx: ServiceContext, type: OrganisationType = 'subcontractor', extra: Partial<Parameters<typeof createOrganisation>[1]> = {}) {
  return createOrganisation(as(ctx, adminActor), { name: `Testorganisatie ${type} ${++n} ${Math.random().toString(36).slice(2, 7)}`, type, ...extra });
}

export const personFor = (overrides: Partial<PersonInput> = {}): PersonInput => ({
  name: 'Fatima El Amrani',
  jobTitle: 'Sociaal werker',
  workEmail: 'f.elamrani@voorbeeld.example',
  generalistArea: 'Sociaal werk',
  specialisms: ['schulden'],
  districts: ['schalkwijk'],
  themes: ['financien-op-orde'],
  driehoek: [],
  ...overrides,
});
