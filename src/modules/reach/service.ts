// The reach module's public entry: what other modules (effects, accountability, subsidies) may use.
export { identifierOf, pseudonymOf, normaliseDate, isBsn, looksLikeBsnHeader, type ResidentIdentity, type IdentifierResult } from './identity.ts';
export { discloseCount, discloseColumn, isSuppressed, countText, SUPPRESSED, SMALL_CELL_LIMIT, type Count } from './disclosure.ts';
// plans: the accountability plan of a theme table and year is also the joint application's planned activities and
// reach (subsidies reads it here, never copies it).
export { getPlan, listPlans, type PlanSummary } from './plans.ts';
export type { PlanView, EntryView, TargetView } from './plan-read.ts';
