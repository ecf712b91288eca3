// The indicators module as the platform sees it: accountability level 4 — societal indicators, their values per
// area and period with benchmarks, per-wijk targets, area boundaries and the choropleth map.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';

export const indicatorsAuditActions = [
  'indicators.indicator.created',
  'indicators.indicator.edited',
  'indicators.values.imported',
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
  schema,
  messages,
  jobs: [],
  auditActions: indicatorsAuditActions,
};
