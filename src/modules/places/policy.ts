// Who may use which route of the places module. Finer rules (own organisation, location manager) are in the service.
import type { RoutePolicies } from '../../platform/auth/policy-table.ts';

const booking = ['partner_staff', 'administrator'] as const;
const statements = ['partner_staff', 'administrator', 'contract_manager'] as const;
/** Location managers are partner staff of the managing organisation; the service checks which locations. */
const managers = ['partner_staff', 'administrator'] as const;

export const placesRoutes: RoutePolicies = {
  // public
  'GET /locaties': 'public',
  'GET /locaties/:id': 'public',
  // booking
  'GET /locaties/:id/boeken': booking,
  'POST /locaties/:id/boeken': booking,
  'GET /mijn-boekingen': booking,
  'POST /boekingen/:id/annuleren': booking,
  'GET /beheer/boekingen': managers,
  'POST /beheer/boekingen/:id': managers,
  'GET /boekingen/overzicht': statements,
  'GET /boekingen/overzicht.csv': statements,
  'GET /boekingen/overzicht.pdf': statements,
  // management
  'GET /beheer/locaties': managers,
  'POST /beheer/locaties': ['administrator'],
  'GET /beheer/locaties/:id': managers,
  'POST /beheer/locaties/:id': managers,
  'POST /beheer/locaties/:id/ruimtes': managers,
  'GET /beheer/ruimtes/:id': managers,
  'POST /beheer/ruimtes/:id': managers,
  'POST /beheer/ruimtes/:id/verwijderen': managers,
  'GET /beheer/locaties/:id/tarieven': managers,
  'POST /beheer/locaties/:id/tarieven': managers,
  'GET /beheer/tarieven': ['administrator'],
  'POST /beheer/tarieven': ['administrator'],
  // API
  'GET /api/v1/locations': 'public',
  'GET /api/v1/locations/:id': 'public',
  'GET /api/v1/locations/:id/programme': 'public',
  'POST /api/v1/bookings': booking,
  'PATCH /api/v1/bookings/:id': booking,
  'GET /api/v1/bookings': statements,
  'GET /api/v1/organisations/:id/statements/:yearMonth': statements,
};
