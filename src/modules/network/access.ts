// Who may manage an organisation's data: administrators all, partner staff only their own organisation.
import { AppError, forbidden } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';

export function requireActor(ctx: ServiceContext) {
  if (!ctx.actor) throw new AppError('unauthenticated', 'error.unauthenticated');
  return ctx.actor;
}

export const isAdmin = (ctx: ServiceContext) => hasRole(ctx.actor, 'administrator');

/** True for administrators, and for partner staff whose account belongs to this organisation. */
export function canManageOrganisation(ctx: ServiceContext, organisationId: string): boolean {
  if (!ctx.actor) return false;
  if (isAdmin(ctx)) return true;
  return hasRole(ctx.actor, 'partner_staff') && !!ctx.actor.organisationId && ctx.actor.organisationId === organisationId;
}

export function requireOrganisationManager(ctx: ServiceContext, organisationId: string) {
  requireActor(ctx);
  if (!canManageOrganisation(ctx, organisationId)) throw forbidden();
}

export function requireAdmin(ctx: ServiceContext) {
  requireActor(ctx);
  if (!isAdmin(ctx)) throw forbidden();
}
