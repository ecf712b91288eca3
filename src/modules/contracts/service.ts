// The contracts module's public entry.
export { listContracts, getContract, getRound, getSubcontractor, reductionByKind, timelineWarnings, decisions, type ContractView, type RoundView, type SubcontractorView, type KindOverview, type Decision } from './contracts.ts';
export { managesContracts, decidesSubcontractors, readsContract, isContractorStaff } from './policy.ts';
