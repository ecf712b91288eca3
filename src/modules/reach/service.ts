// The reach module's public entry: what other modules (effects, accountability, subsidies) may use.
export { identifierOf, pseudonymOf, normaliseDate, isBsn, looksLikeBsnHeader, type ResidentIdentity, type IdentifierResult } from './identity.ts';
export { residentsReachedBy, type OrganisationReach } from './organisation-reach.ts';
export { discloseCount, discloseColumn, discloseMatrix, isSuppressed, countText, SUPPRESSED, HIDDEN, SMALL_CELL_LIMIT, type Count } from './disclosure.ts';
// --- reports (levels 1 and 2, volunteers): for the accountability document and dashboards
export { reachReport, type ReachReport, type BreakdownRow, type OrganisationRow } from './report.ts';
export { deliveryReport, deviationOf, DEVIATION_THRESHOLD, type DeliveryReport, type DeliveryRow, type DeliveryFigures, type Deviation } from './delivery.ts';
export { volunteersReport, type VolunteersReport } from './volunteers-report.ts';
export { filterQuery, type ReportFiltersInput } from './report-filters.ts';
export { seesExactFiguresOf, readers as reportReaders } from './policy.ts';
export { discloseAmount, DISCLOSURE_RULE, type Disclosure } from './disclosure.ts';
// plans: the accountability plan of a theme table and year is also the joint application's planned activities and
// reach (subsidies reads it here, never copies it; its demo writes a table's plans through the same functions as
// the plan pages).
export { getPlan, listPlans, planOrganisations, periodOfYear, createPlan, addChoice, saveEntry, type PlanSummary } from './plans.ts';
export type { PlanView, EntryView, TargetView } from './plan-read.ts';
export { plannedReachOf, type PlannedReach, type PlannedReachEntry } from './plan-read.ts';
// subject access (inzageverzoek): everything reach holds about one resident, looked up by the identifier they show.
export { lookUpResident, subjectAccessInput, type SubjectAccessInput, type SubjectAccessReport, type SubjectVisit, type SubjectVolunteerTurn, type SubjectAccessChannel } from './subject-access.ts';
