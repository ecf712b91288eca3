// UI text of the reach module, one file per part (plans, sessions, imports, reports, subject access, personal data). en must have exactly the keys of nl.
import * as plan from './plan-messages.ts';
import * as session from './session-messages.ts';
import * as importing from './import-messages.ts';
import * as report from './report-messages.ts';
import * as subjectAccess from './subject-access-messages.ts';
import * as personal from './personal-data-messages.ts';
import * as auditLabels from './audit-messages.ts';

export const nl = {
  ...auditLabels.nl,
  'reach.nav': 'Verantwoording',
  ...plan.nl,
  ...session.nl,
  ...importing.nl,
  ...report.nl,
  ...subjectAccess.nl,
  ...personal.nl,
};

export const en: Record<keyof typeof nl, string> = {
  ...auditLabels.en,
  'reach.nav': 'Accountability',
  ...plan.en,
  ...session.en,
  ...importing.en,
  ...report.en,
  ...subjectAccess.en,
  ...personal.en,
};

declare module '../../platform/i18n/index.ts' {
  interface ModuleMessages {
    reach: typeof nl;
  }
}
