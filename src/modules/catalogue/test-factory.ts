// Test factories for the catalogue: organisations, partner actors and activities with sensible defaults.
import { createOrganisation } from '../network/service.ts';
import type { OrganisationType } from '../network/types.ts';
import type { Actor } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import type { ActivityInput } from './types.ts';

export const adminOf = (ctx: ServiceContext): ServiceContext => ({ ...ctx, actor: { userId: '', name: 'Admin', email: 'admin@test', roles: ['administrator'], organisationId: null } });

export function partnerActor(organisationId: string | null, name = 'Partner'): Actor {
  return { userId: '', name, email: `${name.toLowerCase().replace(/\s/g, '')}@test`, roles: ['partner_staff'], organisationId };
}

let n = 0;
export async function buildOrganisation(ctx: ServiceContext, type: OrganisationType = 'core-partner', name?: string) {
  return createOrganisation(adminOf(ctx), { name: name ?? `Organisatie ${type} ${++n} ${Math.random().toString(36).slice(2, 7)}`, type });
}

export function activityInputFor(overrides: Partial<ActivityInput> = {}): ActivityInput {
  return {
    title: 'Koffieochtend in de Molenwijk',
    description: 'Elke week drinken buren samen koffie en maken ze een praatje. Iedereen is welkom.',
    kind: 'activity',
    themes: ['ontmoeten'],
    subGoals: [],
    principles: [],
    targetGroups: ['iedereen', 'ouderen'],
    districtCode: 'noord',
    neighbourhoodCode: null,
    locationName: 'Huis van de Wijk De Til',
    locationAddress: 'Floris van Adrichemlaan 98, Haarlem',
    schedule: { kind: 'weekly', startDate: '2026-01-05', startTime: '10:00', endTime: '11:30', weekdays: [1] },
    costCents: 0,
    haarlemPas: 'none',
    wheelchairAccessible: true,
    accessibilityDetails: 'Drempelvrij, invalidentoilet aanwezig.',
    languages: ['nl'],
    howToJoin: 'walk-in',
    contact: 'Bel 023 123 45 67',
    sensitive: false,
    ...overrides,
  };
}
