// The subsidies module as the platform sees it: the call per period and its theme tables, one joint application per
// table, assessment, grants with yearly adjustment and indexation, SROI, decision letters, objections (effects),
// and the Common Ground export of applications (zaak) and decisions (besluit).
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { subsidiesRoutes } from './policy.ts';
import { registerSubsidies } from './routes.tsx';
import { seedSubsidiesDemo } from './demo.ts';
import { subsidiesPersonalData } from './personal-data.ts';

export const subsidiesAuditActions = [
  'subsidies.call_open',
  'subsidies.table_change',
  'subsidies.table_note',
  'subsidies.application_change',
  'subsidies.assessor_assign',
  'subsidies.assessment_score',
  'subsidies.assessment_conflict',
  'subsidies.assessment_final',
  'subsidies.grant_decide',
  'subsidies.sroi_register',
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    subsidies: (typeof subsidiesAuditActions)[number];
  }
}

export const subsidiesModule: Module = {
  name: 'subsidies',
  apiTag: { name: 'subsidies', description: 'Uitvraag, thematafels, gezamenlijke aanvragen, beoordeling en beschikkingen (subsidies per periode)' },
  routes: { rules: subsidiesRoutes, register: registerSubsidies },
  schema,
  messages,
  nav: [{ href: '/subsidies', label: 'subsidies.nav', order: 55, show: (a) => !!a?.roles.some((r) => ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'].includes(r)) }],
  demo: seedSubsidiesDemo,
  demoProgress: 'Demodata: subsidies…',
  jobs: [],
  auditActions: subsidiesAuditActions,
  personalData: subsidiesPersonalData,
};
