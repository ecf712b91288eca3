import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

export const placesRoutes: RoutePolicies = {};
