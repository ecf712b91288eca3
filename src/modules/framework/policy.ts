import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

export const frameworkRoutes: RoutePolicies = {
  'GET /themas': 'public',
  'GET /themas/:slug': 'public',
  'GET /themas/:slug/versies': 'public',
  'GET /themas/:slug/bewerken': ['policy_advisor', 'administrator'],
  'POST /themas/:slug/bewerken': ['policy_advisor', 'administrator'],
  'GET /themes/:slug': 'public',
  'GET /kader': 'public',
  'GET /wijken': 'public',
  'GET /beheer/wijken': ['administrator'],
  'POST /beheer/wijken': ['administrator'],
  'GET /api/v1/themes': 'public',
  'GET /api/v1/themes/:slug': 'public',
  'PUT /api/v1/themes/:slug': ['policy_advisor', 'administrator'],
  'GET /api/v1/themes/:slug/versions': 'public',
  'GET /api/v1/call-periods': 'public',
  'GET /api/v1/districts': 'public',
  'GET /api/v1/neighbourhoods': 'public',
  'PUT /api/v1/neighbourhoods/:code/district': ['administrator'],
};
