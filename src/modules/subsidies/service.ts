// The subsidies module's public entry: what later modules (fund, contracts, accountability) may use.
export { listCalls, getCall, getTable, yearsOf, type CallSummary, type CallView, type TableSummary, type TableView } from './call-service.ts';
export { getApplication, type ApplicationView, type SectionView, type BudgetLineView } from './application-service.ts';
export { listGrants, getGrant, type GrantSummary, type GrantView, type DecisionView, type BalanceRow, type SroiYear } from './grant-service.ts';
export { formatEuros, mulDivRound, type YearAmount } from './money.ts';
export { managesSubsidies, readsAllSubsidies, readsGrant, hasConflictOfInterest } from './policy.ts';
