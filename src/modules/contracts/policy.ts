// Who may do what with the integral contract: the route rules, and the record-level rules the services start with.
// The municipality's policy advisors (and administrators) manage contracts and their rounds; the contractor's own
// staff (contract managers or partner staff whose account belongs to the contractor) record its decisions on its
// subcontractors, the conversations and the transfers; the municipality's contract managers and auditors read.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

/** Manages contracts and rounds: policy advisors and administrators (the municipality as client). */
export const managesContracts = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'administrator');

/** Staff of the contractor: contract managers or partner staff whose account belongs to the contractor organisation. */
export const isContractorStaff = (actor: Actor | null | undefined, contract: { contractorOrganisationId: string }): boolean =>
  !!actor && !!actor.organisationId && actor.organisationId === contract.contractorOrganisationId && hasRole(actor, 'contract_manager', 'partner_staff');

/** Records the contractor's decisions on its subcontractors (and adds subcontractors): its own staff, or an administrator. */
export const decidesSubcontractors = (actor: Actor | null | undefined, contract: { contractorOrganisationId: string }): boolean =>
  hasRole(actor, 'administrator') || isContractorStaff(actor, contract);

/**
 * Reads a contract with its subcontractor decisions: policy advisors, administrators and auditors; the contractor's
 * staff; and contract managers of the municipality (`actorOrganisationType`: the type of the actor's own
 * organisation, which the service asks the network for).
 */
export const readsContract = (actor: Actor | null | undefined, contract: { contractorOrganisationId: string }, actorOrganisationType: string | null): boolean =>
  hasRole(actor, 'policy_advisor', 'administrator', 'auditor') || isContractorStaff(actor, contract) || (hasRole(actor, 'contract_manager') && actorOrganisationType === 'municipality');

// ------------------------------------------------------------------ routes

const readers: Role[] = ['policy_advisor', 'contract_manager', 'partner_staff', 'administrator', 'auditor'];
const deciders: Role[] = ['contract_manager', 'partner_staff', 'administrator'];
const managers: Role[] = ['policy_advisor', 'administrator'];

export const CONTRACT_PATH = `/opdrachten/:id{${ID}}`;
export const ROUND_PATH = `/opdrachten/rondes/:id{${ID}}`;
export const SUBCONTRACTOR_PATH = `/opdrachten/onderaannemers/:id{${ID}}`;

export const contractRoutes: RouteRules = {
  'GET /opdrachten': readers,
  'POST /opdrachten': managers,
  [`GET ${CONTRACT_PATH}`]: readers,
  [`GET ${CONTRACT_PATH}/wijzigen`]: managers,
  [`POST ${CONTRACT_PATH}/wijzigen`]: managers,
  [`POST ${CONTRACT_PATH}/rondes`]: managers,
  [`GET ${ROUND_PATH}`]: readers,
  [`GET ${ROUND_PATH}/wijzigen`]: managers,
  [`POST ${ROUND_PATH}/wijzigen`]: managers,
  [`POST ${ROUND_PATH}/onderaannemers`]: [...managers, ...deciders],
  [`GET ${SUBCONTRACTOR_PATH}`]: readers,
  [`POST ${SUBCONTRACTOR_PATH}`]: deciders,
  [`POST ${SUBCONTRACTOR_PATH}/overdracht`]: deciders,
  'GET /api/v1/contracts': readers,
  'PATCH /api/v1/contracts/:id': managers,
  'GET /api/v1/contract-rounds/:id': readers,
  'PATCH /api/v1/contract-rounds/:id': managers,
};
