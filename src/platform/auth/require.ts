// The access checks every service function starts with: logged in, holding one of some roles,
// or acting for an organisation (its own partner staff, or an administrator).
import { AppError, forbidden } from '../http/errors.ts';
import { hasRole, type Actor, type Role } from './roles.ts';
import type { ServiceContext } from '../context.ts';

export function requireActor(ctx: ServiceContext): Actor {
  if (!ctx.actor) throw new AppError('unauthenticated', 'error.unauthenticated');
  return ctx.actor;
}

export function requireRole(ctx: ServiceContext, ...roles: Role[]): Actor {
  const actor = requireActor(ctx);
  if (!hasRole(actor, ...roles)) throw forbidden();
  return actor;
}

/** Administrators act for every organisation; partner staff only for the organisation of their account. */
export const mayActForOrganisation = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && (hasRole(actor, 'administrator') || (hasRole(actor, 'partner_staff') && !!actor.organisationId && actor.organisationId === organisationId));
