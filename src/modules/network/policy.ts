import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

// Partner staff reach only their own organisation: the pages take it from their account, and the
// service functions refuse any other organisation (canManageOrganisation).
const manager = ['administrator', 'partner_staff'] as const;

export const networkRoutes: RoutePolicies = {
  'GET /organisaties': 'public',
  'GET /organisaties/:id': 'public',
  'GET /wie-doet-wat': 'public',
  'GET /mijn-organisatie': ['partner_staff'],
  'POST /mijn-organisatie': ['partner_staff'],
  'GET /mijn-organisatie/mensen/nieuw': ['partner_staff'],
  'POST /mijn-organisatie/mensen': ['partner_staff'],
  'GET /mijn-organisatie/mensen/:personId': ['partner_staff'],
  'POST /mijn-organisatie/mensen/:personId': ['partner_staff'],
  'POST /mijn-organisatie/mensen/:personId/verwijderen': ['partner_staff'],
  'GET /beheer/organisaties': ['administrator'],
  'POST /beheer/organisaties': ['administrator'],
  'GET /beheer/organisaties/:id': ['administrator'],
  'POST /beheer/organisaties/:id': ['administrator'],
  'GET /beheer/organisaties/:id/mensen/nieuw': ['administrator'],
  'POST /beheer/organisaties/:id/mensen': ['administrator'],
  'GET /beheer/organisaties/:id/mensen/:personId': ['administrator'],
  'POST /beheer/organisaties/:id/mensen/:personId': ['administrator'],
  'POST /beheer/organisaties/:id/mensen/:personId/verwijderen': ['administrator'],
  'GET /api/v1/organisations': 'public',
  'POST /api/v1/organisations': ['administrator'],
  'GET /api/v1/organisations/:id': 'public',
  'PUT /api/v1/organisations/:id': manager,
  'GET /api/v1/organisations/:id/people': 'public',
  'POST /api/v1/organisations/:id/people': manager,
  'GET /api/v1/organisations/:id/people/:personId': 'public',
  'PUT /api/v1/organisations/:id/people/:personId': manager,
  'DELETE /api/v1/organisations/:id/people/:personId': manager,
  'GET /api/v1/responsibilities': 'public',
};
