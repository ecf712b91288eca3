// The volunteer-organisation fund as the platform sees it: fund years, the short application, decisions, extra
// budget, payments and non-financial support.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { fundRoutes } from './policy.ts';
import { registerFund } from './routes.tsx';
import { seedFund } from './seed.ts';
import { seedFundDemo } from './demo.ts';
import { fundPersonalData } from './personal-data.ts';

export const fundAuditActions = [
  'fund.year.created',
  'fund.year.updated',
  'fund.application.started',
  'fund.application.submitted',
  'fund.application.decided',
  'fund.application.contact',
  'fund.extra.recorded',
  'fund.payment.recorded',
  'fund.support.recorded',
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    fund: (typeof fundAuditActions)[number];
  }
}

export const fundModule: Module = {
  name: 'fund',
  apiTag: { name: 'fonds', description: 'Het fonds voor vrijwilligersorganisaties zonder betaalde krachten' },
  routes: { rules: fundRoutes, register: registerFund },
  schema,
  messages,
  nav: [{ href: '/fonds', label: 'fund.nav', order: 55, show: (a) => !!a?.roles.some((r) => r !== 'resident' && r !== 'social_broker' && (r !== 'volunteer' || !!a.organisationId)) }],
  seed: seedFund,
  demo: seedFundDemo,
  demoProgress: 'Demodata: vrijwilligersfonds…',
  jobs: [],
  auditActions: fundAuditActions,
  personalData: fundPersonalData,
};
export { DEMO_VOLUNTEER_ORGANISATION_EMAIL } from './demo.ts';
