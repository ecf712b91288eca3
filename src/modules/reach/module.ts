// The reach module as the platform sees it: accountability levels 1 and 2 — the plan per theme table and year,
// delivered sessions, attendance counted as keyed pseudonyms, volunteers, imports and the reach reports.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { reachRoutes } from './policy.ts';
import { registerReach } from './routes.tsx';
import { seedReachDemo } from './demo.ts';

export const reachAuditActions = [
  'reach.plan_change',
  'reach.session_save',
  'reach.attendance_add',
  'reach.attendance_remove',
  'reach.explanation_save',
  'reach.import_start',
  'reach.import_finish',
  'reach.mapping_save',
  'reach.rekey',
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    reach: (typeof reachAuditActions)[number];
  }
}

export const reachModule: Module = {
  name: 'reach',
  apiTag: { name: 'verantwoording', description: 'Plan, uitvoering en bereik (verantwoordingsniveaus 1 en 2)' },
  routes: { rules: reachRoutes, register: registerReach },
  schema,
  messages,
  nav: [{ href: '/verantwoording', label: 'reach.nav', order: 40, show: (a) => !!a?.roles.some((r) => r !== 'resident') }],
  demo: seedReachDemo,
  demoProgress: 'Demodata: plannen, bijeenkomsten en bezoeken…',
  jobs: [],
  auditActions: reachAuditActions,
};
