// UI text of the effects module, one file per part. en must have exactly the keys of nl.
import * as survey from './survey-messages.ts';
import * as result from './result-messages.ts';
import * as outflow from './outflow-messages.ts';
import * as story from './story-messages.ts';
import * as complaint from './complaint-messages.ts';
import * as personal from './personal-data-messages.ts';
import * as auditLabels from './audit-messages.ts';

export const nl = {
  ...auditLabels.nl,
  'effects.nav': 'Effecten',
  ...survey.nl,
  ...result.nl,
  ...outflow.nl,
  ...story.nl,
  ...complaint.nl,
  ...personal.nl,
};

export const en: Record<keyof typeof nl, string> = {
  ...auditLabels.en,
  'effects.nav': 'Effects',
  ...survey.en,
  ...result.en,
  ...outflow.en,
  ...story.en,
  ...complaint.en,
  ...personal.en,
};

declare module '../../platform/i18n/index.ts' {
  interface ModuleMessages {
    effects: typeof nl;
  }
}
