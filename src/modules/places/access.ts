// Who may do what with locations and bookings. Small, declarative checks used at the start of each service function.
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { mayActForOrganisation, requireActor, requireRole } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';

export { requireActor };
export const requireAdmin = (ctx: ServiceContext): Actor => requireRole(ctx, 'administrator');

/** Location managers: administrators, and partner staff of the organisation that manages the location. */
export const managesLocation = (actor: Actor | null, location: { managerOrganisationId: string | null }) =>
  !!actor && (hasRole(actor, 'administrator') || (hasRole(actor, 'partner_staff') && !!actor.organisationId && actor.organisationId === location.managerOrganisationId));

/** Booking on behalf of an organisation: its own partner staff, or an administrator. */
export const mayBookFor = mayActForOrganisation;

/** Reading an organisation's bookings and statements: its own staff, administrators and contract managers. */
export const mayReadOrganisation = (actor: Actor | null, organisationId: string) =>
  !!actor && (hasRole(actor, 'administrator', 'contract_manager') || (hasRole(actor, 'partner_staff') && actor.organisationId === organisationId));
