// The indicators module as the platform sees it: accountability level 4 — societal indicators, their values per
// area and period with benchmarks, per-wijk targets, area boundaries and the choropleth map.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { seedIndicators } from './seed.ts';
import { indicatorImportJob } from './import-records.ts';
import { indicatorRoutes } from './policy.ts';
import { registerIndicators } from './routes.tsx';
import { MAX_FILE_BYTES } from '../../platform/import/table.ts';

export const indicatorsAuditActions = [
  'indicators.indicator.created',
  'indicators.indicator.edited',
  'indicators.values.imported',
  'indicators.import.started',
  'indicators.target.created',
  'indicators.target.updated',
  'indicators.target.deleted',
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    indicators: (typeof indicatorsAuditActions)[number];
  }
}

export const indicatorsModule: Module = {
  name: 'indicators',
  apiTag: { name: 'indicatoren', description: 'Maatschappelijke indicatoren, hun waarden per gebied en periode, doelen per wijk (verantwoordingsniveau 4)' },
  routes: { rules: indicatorRoutes, register: registerIndicators },
  schema,
  messages,
  // Everyone: indicators are published aggregate statistics (policy.ts).
  nav: [{ href: '/indicatoren', label: 'indicators.nav', order: 47 }],
  // Reference data: the CBS key figures per wijk, the source documents' figures, the wijk boundaries.
  seed: seedIndicators,
  jobs: [indicatorImportJob],
  auditActions: indicatorsAuditActions,
  // Files of values and boundaries up to 25 MB (the platform's import limit).
  uploadLimits: {
    'POST /indicatoren/import': { maxBytes: MAX_FILE_BYTES + 512 * 1024, message: 'indicators.import.error.uploadTooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } },
    'POST /indicatoren/gebieden': { maxBytes: MAX_FILE_BYTES + 512 * 1024, message: 'indicators.import.error.uploadTooLarge', params: { max: MAX_FILE_BYTES / 1024 / 1024 } },
  },
};
