// The effects module as the platform sees it: accountability level 3 — surveys of residents and professionals,
// the result at outflow of support trajectories, stories ("vertellen"), complaints and objections.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { effectsRoutes } from './policy.ts';
import { registerEffects } from './routes.tsx';
import { seedSurveySets } from './survey-sets.ts';
import { surveyTokensJob } from './survey-jobs.ts';

export const effectsAuditActions = [
  // surveys
  'survey.create',
  'survey.update',
  'survey.status',
  'survey.paper',
  'survey.kiosk',
  'survey.consentDelete',
  // survey results (invitation lists)
  'survey.invite',
  // outflow
  // stories
  // complaints
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    effects: (typeof effectsAuditActions)[number];
  }
}

export const effectsModule: Module = {
  name: 'effects',
  apiTag: { name: 'effecten', description: 'Enquêtes, resultaat bij uitstroom, verhalen, klachten en bezwaren (verantwoordingsniveau 3)' },
  routes: { rules: effectsRoutes, register: registerEffects },
  schema,
  messages,
  nav: [{ href: '/effecten', label: 'effects.nav', order: 45, show: (a) => !!a?.roles.some((r) => r !== 'resident' && r !== 'volunteer') }],
  // surveys: the standard question sets (other parts: chain your seed step here)
  seed: (ctx) => seedSurveySets(ctx),
  jobs: [
    // surveys
    surveyTokensJob,
  ],
  auditActions: effectsAuditActions,
};
