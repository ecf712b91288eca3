// The catalogue module as the platform sees it: activities and services, the public search ("sociale kaart").
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { catalogueRoutes } from './policy.ts';
import { registerCatalogue } from './routes.tsx';
import { seedCatalogueDemo } from './demo.ts';

export const catalogueAuditActions = ['catalogue.activity_create', 'catalogue.activity_update', 'catalogue.activity_publish', 'catalogue.activity_end'] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    catalogue: (typeof catalogueAuditActions)[number];
  }
}

export const catalogueModule: Module = {
  name: 'catalogue',
  apiTag: { name: 'aanbod', description: 'Activiteiten en diensten (sociale kaart)' },
  routes: { rules: catalogueRoutes, register: registerCatalogue },
  schema,
  messages,
  nav: [
    { href: '/activiteiten', label: 'nav.activities', order: 10 },
    { href: '/mijn-activiteiten', label: 'catalogue.mine.title', order: 90, show: (a) => !!a?.roles.some((r) => r === 'partner_staff' || r === 'administrator') },
  ],
  demo: seedCatalogueDemo,
  demoProgress: 'Demodata: activiteiten…',
  jobs: [],
  auditActions: catalogueAuditActions,
};
