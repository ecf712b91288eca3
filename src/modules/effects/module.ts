// The effects module as the platform sees it: accountability level 3 — surveys of residents and professionals,
// the result at outflow of support trajectories, stories ("vertellen"), complaints and objections.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { effectsRoutes } from './policy.ts';
import { registerEffects } from './routes.tsx';
import { seedSurveySets } from './survey-sets.ts';
import { effectsPersonalData } from './personal-data.ts';
import { surveyTokensJob } from './survey-jobs.ts';
import { seedRegisters } from './outflow-terms.ts';
import { MAX_PHOTO_BYTES } from './story-service.ts';

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
  'effects.domain.saved',
  'effects.trajectory.registered',
  'effects.trajectory.ended',
  // stories
  'effects.story.created',
  'effects.story.updated',
  'effects.story.submitted',
  'effects.story.reviewed',
  'effects.story.consent_withdrawn',
  // complaints
  'effects.complaint.registered',
  'effects.complaint.updated',
  'effects.complaint.extended',
  'effects.complaint.decided',
  'effects.complaint.complainant_read',
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
  // Reference data: the standard question sets (surveys), the keyed lists and complaint types (registers).
  seed: async (ctx) => [...(await seedSurveySets(ctx)), ...(await seedRegisters(ctx))],
  jobs: [
    // surveys
    surveyTokensJob,
  ],
  auditActions: effectsAuditActions,
  personalData: effectsPersonalData,
  // Story photos up to 5 MB (the story form is multipart; the rest of the form is small).
  uploadLimits: {
    'POST /effecten/verhalen': { maxBytes: MAX_PHOTO_BYTES + 512 * 1024, message: 'effects.story.error.uploadTooLarge' },
    'POST /effecten/verhalen/:id': { maxBytes: MAX_PHOTO_BYTES + 512 * 1024, message: 'effects.story.error.uploadTooLarge' },
  },
};
