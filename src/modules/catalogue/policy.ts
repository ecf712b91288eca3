import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

export const catalogueRoutes: RoutePolicies = {};
