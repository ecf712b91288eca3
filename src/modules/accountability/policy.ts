// Who may do what in the accountability module. Reading documents and dashboards (aggregate figures, the small-cell
// rule applied): partner staff, policy advisors, contract managers, administrators and council members (auditor).
// Writing the narratives and submitting: staff of the table's organisations (those in the theme's plan of the
// year) and administrators. Accepting or returning a submitted document: the municipality (policy advisors) and
// administrators.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';

// ------------------------------------------------------------------ record-level rules

export const documentReaders: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];

/** Writes the narratives of a table's document and submits it: staff of a member organisation, or an administrator. */
export const writesForTable = (actor: Actor | null | undefined, memberOrganisationIds: readonly string[]): boolean =>
  hasRole(actor, 'administrator') || (!!actor && hasRole(actor, 'partner_staff') && !!actor.organisationId && memberOrganisationIds.includes(actor.organisationId));

/** Accepts or returns a submitted document: a policy advisor of the municipality, or an administrator. */
export const decidesDocument = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'administrator');

/** Sees the drill-down to an organisation's own registrations: its staff (exact figures there); everyone else the aggregate. */
export const drillsIntoOwn = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && hasRole(actor, 'partner_staff') && actor.organisationId === organisationId;

// ------------------------------------------------------------------ routes

const writers: Role[] = ['partner_staff', 'administrator'];
const deciders: Role[] = ['policy_advisor', 'administrator'];
const SLUG = ':slug';
const YEAR = ':year';
const DOC = `/verantwoording/documenten/${SLUG}/${YEAR}`;
const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

const documentRoutes: RouteRules = {
  'GET /assets/accountability/accountability.css': 'public',
  'GET /verantwoording/documenten': documentReaders,
  [`GET ${DOC}`]: documentReaders,
  [`GET ${DOC}/bewerken`]: writers,
  [`POST ${DOC}/bewerken`]: writers,
  [`POST ${DOC}/indienen`]: writers,
  [`POST ${DOC}/besluit`]: deciders,
  [`GET ${DOC}/geschiedenis`]: documentReaders,
  [`GET ${DOC}/versies/:version`]: documentReaders,
  [`POST ${DOC}/download`]: documentReaders,
  [`POST /verantwoording/documenten/bundel/${YEAR}`]: documentReaders,
  [`GET /verantwoording/downloads/:id{${ID}}`]: documentReaders,
  [`GET /verantwoording/downloads/:id{${ID}}/bestand`]: documentReaders,
  'GET /api/v1/accountability/:table/:year': documentReaders,
  'GET /api/v1/accountability/:table/:year/pdf': documentReaders,
  'GET /api/v1/accountability/:table/:year/xlsx': documentReaders,
};

const dashboardRoutes: RouteRules = {
  'GET /verantwoording/dashboard/thema': documentReaders,
  'GET /verantwoording/dashboard/stadsdeel': documentReaders,
  'GET /verantwoording/dashboard/grafiek/:chart': documentReaders,
};

export const accountabilityRoutes: RouteRules = { ...documentRoutes, ...dashboardRoutes };
