// The reach module as the platform sees it: accountability levels 1 and 2 — the plan per theme table and year,
// delivered sessions, attendance counted as keyed pseudonyms, volunteers, imports and the reach reports.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { reachRoutes } from './policy.ts';
import { registerReach } from './routes.tsx';
import { seedReachDemo } from './demo.ts';
import { reachPersonalData } from './personal-data.ts';
import { reachImportJob } from './import-records.ts';
import { MAX_FILE_BYTES } from './import-parse.ts';
import type { JobDefinition } from '../../platform/jobs/define.ts';

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
  'reach.subject_access',
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
  admin: [{ href: '/beheer/inzageverzoek', label: 'reach.subjectAccess.title', order: 70 }],
  demo: seedReachDemo,
  demoProgress: 'Demodata: plannen, bijeenkomsten en bezoeken…',
  jobs: [reachImportJob as unknown as JobDefinition],
  auditActions: reachAuditActions,
  personalData: reachPersonalData,
  // Attendance files up to 25 MB (the page's multipart form; the API's base64, a third larger).
  uploadLimits: {
    'POST /verantwoording/import': { maxBytes: MAX_FILE_BYTES + 256 * 1024, message: 'reach.import.error.uploadTooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } },
    'POST /verantwoording/import/koppelingen': { maxBytes: MAX_FILE_BYTES + 256 * 1024, message: 'reach.import.error.uploadTooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } },
    'POST /api/v1/imports': { maxBytes: Math.ceil((MAX_FILE_BYTES * 4) / 3) + 256 * 1024, message: 'reach.import.error.uploadTooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } },
  },
};
