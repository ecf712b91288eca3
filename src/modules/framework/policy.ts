// Who may use which route of the framework module. Edits are for policy advisors and administrators (the services
// check the same roles); there are no record-level rules: the framework is public reference data.
import type { RouteRules } from '../../platform/http/routes.ts';

export const frameworkRoutes: RouteRules = {
  'GET /themas': 'public',
  'GET /themas/:slug': 'public',
  'GET /themas/:slug/versies': 'public',
  'GET /themas/:slug/bewerken': ['policy_advisor', 'administrator'],
  'POST /themas/:slug/bewerken': ['policy_advisor', 'administrator'],
  'GET /themes/:slug': 'public',
  'GET /kader': 'public',
  'GET /kader/periodes/nieuw': ['policy_advisor', 'administrator'],
  'POST /kader/periodes': ['policy_advisor', 'administrator'],
  'POST /api/v1/call-periods': ['policy_advisor', 'administrator'],
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
