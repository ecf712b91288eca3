// Who may do what in the subsidies module: the route rules, and the record-level rules the services start with.
//
// Assessors are an assignment per call (subsidy_assessors), not a role: a policy advisor assigns user accounts
// (usually colleagues, possibly an outside expert) to a call; an assignment cannot be used for a table where the
// assessor's organisation sits, or where the assessor declared a conflict of interest.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';
import { isStaffOf } from '../network/service.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

/** Opens calls, sets tables, returns applications, decides grants: policy advisors and administrators. */
export const managesSubsidies = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'administrator');

/** Reads every call, application and grant: the municipality's roles and the auditor (no personal data here). */
export const readsAllSubsidies = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'administrator', 'contract_manager', 'auditor');

/** A member of the table: staff of one of its member organisations. */
export const sitsAtTable = (actor: Actor | null | undefined, memberIds: readonly string[]): boolean => memberIds.some((id) => isStaffOf(actor, id));

/** Writes the joint application: staff of a member organisation, or an administrator. */
export const writesApplication = (actor: Actor | null | undefined, memberIds: readonly string[]): boolean => hasRole(actor, 'administrator') || sitsAtTable(actor, memberIds);

/** Reads an application or table: the municipality's readers, and the table's members. */
export const readsTable = (actor: Actor | null | undefined, memberIds: readonly string[]): boolean => readsAllSubsidies(actor) || sitsAtTable(actor, memberIds);

/**
 * Conflict of interest: the assessor's organisation sits at the table, or the assessor declared one for it. Such an
 * assessor cannot score that table's application.
 */
export const hasConflictOfInterest = (assessor: { organisationId: string | null; userId: string }, memberIds: readonly string[], declaredBy: readonly string[]): boolean =>
  (!!assessor.organisationId && memberIds.includes(assessor.organisationId)) || declaredBy.includes(assessor.userId);

/** Reads a grant: the municipality's readers, and staff of the grantee. */
export const readsGrant = (actor: Actor | null | undefined, grant: { organisationId: string }): boolean => readsAllSubsidies(actor) || isStaffOf(actor, grant.organisationId);

// ------------------------------------------------------------------ routes

const advisors: Role[] = ['policy_advisor', 'administrator'];
/** Everyone who may see some part of the subsidies (the services answer "not found" for the rest). */
const readers: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];
const writers: Role[] = ['partner_staff', 'administrator'];
/** Assessors are assigned per call; the service checks the assignment. */
const assessors: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];

export const CALL = `/subsidies/uitvragen/:id{${ID}}`;
export const TABLE = `/subsidies/tafels/:id{${ID}}`;
export const APP = `/subsidies/aanvragen/:id{${ID}}`;
export const GRANT = `/subsidies/beschikkingen/:id{${ID}}`;
export const SECTION = `:sid{${ID}}`;

export const subsidiesRoutes: RouteRules = {
  'GET /subsidies': readers,
  'GET /subsidies/uitvragen/nieuw': advisors,
  'POST /subsidies/uitvragen/nieuw': advisors,
  [`GET ${CALL}`]: readers,
  [`POST ${CALL}/beoordelaars`]: advisors,
  [`GET ${CALL}/portefeuille`]: readers,
  [`GET ${TABLE}`]: readers,
  [`POST ${TABLE}/leden`]: advisors,
  [`POST ${TABLE}/leden/weghalen`]: advisors,
  [`POST ${TABLE}/voorzitter`]: advisors,
  [`POST ${TABLE}/notities`]: readers,
  [`POST ${TABLE}/aanvraag`]: writers,
  [`GET ${APP}`]: readers,
  [`GET ${APP}/onderdelen/${SECTION}`]: writers,
  [`POST ${APP}/onderdelen/${SECTION}`]: writers,
  [`POST ${APP}/onderdelen/nieuw`]: writers,
  [`GET ${APP}/begroting`]: writers,
  [`POST ${APP}/begroting`]: writers,
  [`GET ${APP}/geschiedenis`]: readers,
  [`GET ${APP}/controleren`]: writers,
  [`POST ${APP}/indienen`]: writers,
  [`POST ${APP}/terugsturen`]: advisors,
  [`GET ${APP}/beoordelen`]: assessors,
  [`POST ${APP}/beoordelen`]: assessors,
  [`POST ${APP}/belangenverstrengeling`]: assessors,
  [`GET ${APP}/eindoordeel`]: advisors,
  [`POST ${APP}/eindoordeel`]: advisors,
  'GET /subsidies/beschikkingen/nieuw': advisors,
  'POST /subsidies/beschikkingen/nieuw': advisors,
  [`GET ${GRANT}`]: readers,
  [`POST ${GRANT}/bijstelling`]: advisors,
  [`POST ${GRANT}/indexering`]: advisors,
  [`GET ${GRANT}/besluiten/:number/brief.pdf`]: readers,
  [`GET ${GRANT}/bezwaar`]: advisors,
  [`POST ${GRANT}/bezwaar`]: advisors,
  [`POST ${GRANT}/sroi`]: writers,
  'GET /api/v1/calls': readers,
  'GET /api/v1/applications/:id': readers,
  'GET /api/v1/applications/:id/zaak': readers,
  'GET /api/v1/grants': readers,
  'GET /api/v1/grants/:id/besluiten/:number': readers,
};
