// The access checks every service function starts with: logged in, holding one of some roles,
// or the platform itself (seeding). Who may act for an organisation is the network module's rule.
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

/** Seeding and other platform work: a system context (never a web request) or an administrator. */
export function requireSystem(ctx: ServiceContext): void {
  if (ctx.system) return;
  requireRole(ctx, 'administrator');
}
