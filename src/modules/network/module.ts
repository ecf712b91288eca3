// The network module as the platform sees it: organisations, their people, and who belongs to which organisation.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { networkRoutes } from './policy.ts';
import { registerNetwork } from './routes.tsx';
import { getOrganisationNames, listOrganisations, organisationExists } from './organisations.ts';
import { seedNetwork, seedNetworkDemoWithAccounts } from './seed.ts';

export const networkAuditActions = ['organisation.create', 'organisation.update', 'network.person_create', 'network.person_update', 'network.person_delete', 'network.person_read', 'network.people_read'] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    network: (typeof networkAuditActions)[number];
  }
}

export const networkModule: Module = {
  name: 'network',
  apiTag: { name: 'netwerk', description: 'Organisaties' },
  routes: { rules: networkRoutes, register: registerNetwork },
  schema,
  messages,
  nav: [
    { href: '/wie-doet-wat', label: 'nav.whoDoesWhat', order: 30 },
    { href: '/organisaties', label: 'nav.organisations', order: 70 },
    { href: '/mijn-organisatie', label: 'network.myOrganisation', order: 80, show: (a) => !!a?.roles.includes('partner_staff') && !!a.organisationId },
  ],
  admin: [{ href: '/beheer/organisaties', label: 'admin.organisations', order: 20 }],
  seed: seedNetwork,
  demo: seedNetworkDemoWithAccounts,
  demoProgress: 'Demodata: organisaties, mensen en demo-accounts…',
  jobs: [],
  auditActions: networkAuditActions,
  // Membership: which organisation an account belongs to is this module's data.
  organisations: {
    list: async (ctx) => (await listOrganisations(ctx)).map((o) => ({ id: o.id, name: o.name })),
    names: getOrganisationNames,
    exists: organisationExists,
  },
};

/** The demo accounts (created by this module's demo step), for the CLI and the end-to-end tests. */
export { DEMO_PASSWORD, demoUsers } from './seed.ts';
