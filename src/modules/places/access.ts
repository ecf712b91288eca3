// Who may do what with locations and bookings. Small, declarative checks used at the start of each service function.
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'error.unauthenticated');
  return ctx.actor;
}

export function requireAdmin(ctx: ServiceContext): Actor {
  const actor = requireActor(ctx);
  if (!hasRole(actor, 'administrator')) throw forbidden();
  return actor;
}

/** Location managers: administrators, and partner staff of the organisation that manages the location. */
export const managesLocation = (actor: Actor | null, location: { managerOrganisationId: string | null }) =>
  !!actor && (hasRole(actor, 'administrator') || (hasRole(actor, 'partner_staff') && !!actor.organisationId && actor.organisationId === location.managerOrganisationId));

/** Booking on behalf of an organisation: its own partner staff, or an administrator. */
export const mayBookFor = (actor: Actor | null, organisationId: string) =>
  !!actor && (hasRole(actor, 'administrator') || (hasRole(actor, 'partner_staff') && actor.organisationId === organisationId));

/** Reading an organisation's bookings and statements: its own staff, administrators and contract managers. */
export const mayReadOrganisation = (actor: Actor | null, organisationId: string) =>
  !!actor && (hasRole(actor, 'administrator', 'contract_manager') || (hasRole(actor, 'partner_staff') && actor.organisationId === organisationId));
