import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

export const networkRoutes: RoutePolicies = {
  'GET /organisaties': 'public',
  'GET /beheer/organisaties': ['administrator'],
  'POST /beheer/organisaties': ['administrator'],
  'GET /beheer/organisaties/:id': ['administrator'],
  'POST /beheer/organisaties/:id': ['administrator'],
  'GET /api/v1/organisations': 'public',
  'POST /api/v1/organisations': ['administrator'],
  'PUT /api/v1/organisations/:id': ['administrator'],
};
