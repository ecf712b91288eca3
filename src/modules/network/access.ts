// Who may manage an organisation's data: administrators all, partner staff only their own organisation.
import { forbidden } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { mayActForOrganisation, requireActor, requireRole } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';

export { requireActor };

export const isAdmin = (ctx: ServiceContext) => hasRole(ctx.actor, 'administrator');

/** True for administrators, and for partner staff whose account belongs to this organisation. */
export function canManageOrganisation(ctx: ServiceContext, organisationId: string): boolean {
  return mayActForOrganisation(ctx.actor, organisationId);
}

export function requireOrganisationManager(ctx: ServiceContext, organisationId: string) {
  requireActor(ctx);
  if (!canManageOrganisation(ctx, organisationId)) throw forbidden();
}

export function requireAdmin(ctx: ServiceContext) {
  requireRole(ctx, 'administrator');
}
