// Who may do what with locations and bookings: the route rules, and the record-level rules (location manager,
// booking for an organisation, reading an organisation's bookings) each service function starts with.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { requireActor, requireRole } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { actsForOrganisation, isStaffOf } from '../network/service.ts';

// ------------------------------------------------------------------ record-level rules

export { requireActor };
export const requireAdmin = (ctx: ServiceContext): Actor => requireRole(ctx, 'administrator');

/** Location managers: administrators, and staff of the organisation that manages the location. */
export const managesLocation = (actor: Actor | null, location: { managerOrganisationId: string | null }) =>
  !!actor && (hasRole(actor, 'administrator') || (!!location.managerOrganisationId && isStaffOf(actor, location.managerOrganisationId)));

/** Booking on behalf of an organisation: its own staff, or an administrator. */
export const mayBookFor = (actor: Actor | null, organisationId: string) => actsForOrganisation(actor, organisationId);

/** Reading an organisation's bookings and statements: its own staff, administrators and contract managers. */
export const mayReadOrganisation = (actor: Actor | null, organisationId: string) =>
  !!actor && (hasRole(actor, 'contract_manager') || actsForOrganisation(actor, organisationId));

// ------------------------------------------------------------------ routes

const booking = ['partner_staff', 'administrator'] as const;
const statements = ['partner_staff', 'administrator', 'contract_manager'] as const;
/** Location managers are partner staff of the managing organisation; the service checks which locations. */
const managers = ['partner_staff', 'administrator'] as const;

export const placesRoutes: RouteRules = {
  // public
  'GET /locaties': 'public',
  'GET /locaties/:id': 'public',
  // booking
  'GET /locaties/:id/boeken': booking,
  'POST /locaties/:id/boeken': booking,
  'GET /mijn-boekingen': booking,
  'POST /boekingen/:id/annuleren': booking,
  'GET /beheer/boekingen': managers,
  'POST /beheer/boekingen/:id': managers,
  'GET /boekingen/overzicht': statements,
  'GET /boekingen/overzicht.csv': statements,
  'GET /boekingen/overzicht.pdf': statements,
  // management
  'GET /beheer/locaties': managers,
  'POST /beheer/locaties': ['administrator'],
  'GET /beheer/locaties/:id': managers,
  'POST /beheer/locaties/:id': managers,
  'POST /beheer/locaties/:id/ruimtes': managers,
  'GET /beheer/ruimtes/:id': managers,
  'POST /beheer/ruimtes/:id': managers,
  'POST /beheer/ruimtes/:id/verwijderen': managers,
  'GET /beheer/locaties/:id/tarieven': managers,
  'POST /beheer/locaties/:id/tarieven': managers,
  'GET /beheer/tarieven': ['administrator'],
  'POST /beheer/tarieven': ['administrator'],
  // API
  'GET /api/v1/locations': 'public',
  'GET /api/v1/locations/:id': 'public',
  'GET /api/v1/locations/:id/programme': 'public',
  'POST /api/v1/bookings': booking,
  'PATCH /api/v1/bookings/:id': booking,
  'GET /api/v1/bookings': statements,
  'GET /api/v1/organisations/:id/statements/:yearMonth': statements,
};
