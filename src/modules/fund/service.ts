// The fund module's public entry: what later modules may use (the figures of a fund year, the applications).
export { listFundYears, getFundYear, getFundOverview, supportKinds, type FundYearView, type FundFigures, type SupportView, type SupportKind } from './years.ts';
export { getApplication, listApplications, listOwnApplications, type ApplicationView, type ApplicationStatus } from './applications.ts';
export { managesFund, appliesFor, readsApplication, readsFundFigures } from './policy.ts';
export { formatCents, parseAmount } from './money.ts';
