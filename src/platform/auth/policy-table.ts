// THE policy table: every route of the platform, mapped to who may use it.
// "public" = anyone, also without logging in; "authenticated" = any logged-in user; otherwise the roles listed.
// A test walks every registered route and fails when one is missing here.
import type { Role } from './roles.ts';
import { platformRoutes } from './policy.ts';
import { frameworkRoutes } from '../../modules/framework/policy.ts';
import { networkRoutes } from '../../modules/network/policy.ts';
import { catalogueRoutes } from '../../modules/catalogue/policy.ts';
import { placesRoutes } from '../../modules/places/policy.ts';

export type Access = 'public' | 'authenticated' | readonly Role[];
export type RoutePolicies = Record<string, Access>;

export const policyTable: RoutePolicies = {
  ...platformRoutes,
  ...frameworkRoutes,
  ...networkRoutes,
  ...catalogueRoutes,
  ...placesRoutes,
};

export const policyKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;
