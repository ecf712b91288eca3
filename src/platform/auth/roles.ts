// The roles of PRODUCT.md. One user can hold several.
import { z } from '../zod.ts';

export const roles = [
  'resident',
  'volunteer',
  'partner_staff',
  'social_broker',
  'policy_advisor',
  'contract_manager',
  'administrator',
  'auditor',
] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

export interface Actor {
  userId: string;
  name: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
}

export const hasRole = (actor: Actor | null | undefined, ...wanted: Role[]) => !!actor && actor.roles.some((r) => wanted.includes(r));
