// The network module's service: organisations, their people and "who is responsible for what".
// Other modules use these functions, never the tables.
export * from './organisations.ts';
export * from './people.ts';
export * from './responsibilities.ts';
export { resolveThemeLeads } from './theme-leads.ts';
export { canManageOrganisation, actsForOrganisation, isStaffOf, chairsThemeTable, isMemberOfThemeTable, isBrokerIn } from './policy.ts';
export * from './types.ts';
export { seedNetworkFrom, checkSeedOrganisations, DEMO_PASSWORD } from './seed.ts';
