// Who may do what with the volunteer-organisation fund: the route rules, and the record-level rules the services
// start with. The fund is managed by the municipality's policy advisors (and administrators), and by the contract
// managers of the organisation that runs it for the municipality (the letter: from 2023 through VanHier). A volunteer
// organisation's own people (partner staff or volunteers whose account belongs to it) apply and see their own
// application; nobody else sees it.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

/** Manages a fund year: policy advisors and administrators; contract managers of the organisation that runs it. */
export const managesFund = (actor: Actor | null | undefined, fund: { managerOrganisationId: string | null }): boolean =>
  !!actor &&
  (hasRole(actor, 'policy_advisor', 'administrator') || (hasRole(actor, 'contract_manager') && !!fund.managerOrganisationId && actor.organisationId === fund.managerOrganisationId));

/** Applies for an organisation: its own people (partner staff or volunteers whose account belongs to it). */
export const appliesFor = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && !!actor.organisationId && actor.organisationId === organisationId && hasRole(actor, 'partner_staff', 'volunteer');

/** Reads one application: whoever manages its fund, and the applying organisation's own people. */
export const readsApplication = (actor: Actor | null | undefined, fund: { managerOrganisationId: string | null }, application: { organisationId: string }): boolean =>
  managesFund(actor, fund) || appliesFor(actor, application.organisationId);

/** Reads the fund's figures (budget, committed, paid, remaining; no personal data): the managers, contract managers and auditors. */
export const readsFundFigures = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'contract_manager', 'administrator', 'auditor');

// ------------------------------------------------------------------ routes

const managers: Role[] = ['policy_advisor', 'contract_manager', 'administrator'];
const applicants: Role[] = ['partner_staff', 'volunteer'];
const everyone: Role[] = [...applicants, ...managers, 'auditor'];
/** Route paths as registered (the pages use these, so a rule and its route can never drift apart). */
// (A year or step that is not one answers 404 from the handler: the route tests fill parameters with an id.)
export const YEAR_PATH = '/fonds/:year';
export const APPLY_PATH = `${YEAR_PATH}/aanvraag`;
export const STEP_PATH = `${APPLY_PATH}/:step`;
export const APPLICATION_PATH = `/fonds/aanvragen/:id{${ID}}`;
const APP = APPLICATION_PATH;

export const fundRoutes: RouteRules = {
  'GET /fonds': everyone,
  'POST /fonds/jaren': ['policy_advisor', 'administrator'],
  [`GET ${YEAR_PATH}`]: [...managers, 'auditor'],
  [`POST ${YEAR_PATH}`]: ['policy_advisor', 'administrator'],
  [`POST ${YEAR_PATH}/ondersteuning`]: managers,
  // the short application, one question per page
  [`GET ${APPLY_PATH}`]: applicants,
  [`POST ${APPLY_PATH}`]: applicants,
  [`GET ${APPLY_PATH}/controleren`]: applicants,
  [`POST ${APPLY_PATH}/versturen`]: applicants,
  [`GET ${STEP_PATH}`]: applicants,
  [`POST ${STEP_PATH}`]: applicants,
  // one application: the applicant reads it, the managers decide and follow it up
  [`GET ${APP}`]: [...applicants, ...managers],
  [`POST ${APP}/besluit`]: managers,
  [`POST ${APP}/contactpersoon`]: managers,
  [`POST ${APP}/extra`]: managers,
  [`POST ${APP}/betalingen`]: managers,
  'GET /api/v1/fund/:year': [...managers, 'auditor'],
  'PATCH /api/v1/fund/:year': ['policy_advisor', 'administrator'],
};
