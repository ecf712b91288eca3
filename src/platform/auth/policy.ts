// The platform's own routes and who may use them (modules declare theirs in src/modules/<module>/policy.ts).
import type { RouteRules } from '../http/routes.ts';

export const platformRoutes: RouteRules = {
  'GET /': 'public',
  'GET /health': 'public',
  'GET /bare': 'public',
  'GET /assets/:file': 'public',
  'GET /favicon.ico': 'public',
  'GET /taal/:lang': 'public',
  'GET /toegankelijkheid': 'public',
  'GET /privacy': 'public',
  'GET /api/docs': 'public',
  'GET /api/v1/openapi.json': 'public',
  // accounts
  'GET /inloggen': 'public',
  'POST /inloggen': 'public',
  'POST /uitloggen': 'authenticated',
  'GET /account': 'authenticated',
  'GET /account/wachtwoord': 'authenticated',
  'POST /account/wachtwoord': 'authenticated',
  // Mijn gegevens: everything held about the signed-in person (src/platform/privacy), each read audit-logged
  'GET /account/gegevens': 'authenticated',
  'GET /account/gegevens.json': 'authenticated',
  'GET /api/v1/me/personal-data': 'authenticated',
  'GET /wachtwoord-herstellen/:token': 'public',
  'POST /wachtwoord-herstellen/:token': 'public',
  // administration
  'GET /beheer': ['administrator'],
  'GET /beheer/gebruikers': ['administrator'],
  'GET /beheer/gebruikers/nieuw': ['administrator'],
  'POST /beheer/gebruikers': ['administrator'],
  'GET /beheer/gebruikers/:id': ['administrator'],
  'POST /beheer/gebruikers/:id': ['administrator'],
  'GET /beheer/audit': ['administrator'],
  'GET /api/v1/users': ['administrator'],
  'POST /api/v1/users': ['administrator'],
  'GET /api/v1/users/:id': ['administrator'],
  'PATCH /api/v1/users/:id': ['administrator'],
  'GET /api/v1/audit-events': ['administrator'],
  // API tokens: one's own (partner staff of an organisation, administrators), and all of them for administrators
  'GET /account/tokens': ['partner_staff', 'administrator'],
  'POST /account/tokens': ['partner_staff', 'administrator'],
  'POST /account/tokens/:id/intrekken': ['partner_staff', 'administrator'],
  'GET /beheer/tokens': ['administrator'],
  'POST /beheer/tokens': ['administrator'],
  'POST /beheer/tokens/:id/intrekken': ['administrator'],
  'GET /api/v1/tokens': ['partner_staff', 'administrator'],
  'POST /api/v1/tokens': ['partner_staff', 'administrator'],
  'POST /api/v1/tokens/:id/revoke': ['partner_staff', 'administrator'],
  // background jobs
  'GET /beheer/taken': ['administrator'],
  'POST /beheer/taken/:id/annuleren': ['administrator'],
  'GET /api/v1/jobs': ['administrator'],
  'GET /api/v1/jobs/:id': ['administrator'],
  'POST /api/v1/jobs/:id/cancel': ['administrator'],
};

/** Routes a request made with an API token may not use (403): tokens are managed in a browser session only. */
export const sessionOnlyRoutes: ReadonlySet<string> = new Set(['GET /api/v1/tokens', 'POST /api/v1/tokens', 'POST /api/v1/tokens/:id/revoke']);
