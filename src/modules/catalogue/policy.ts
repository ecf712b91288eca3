// Who may do what in the catalogue: the route rules, and the record-level rule the services start with.
import type { RouteRules } from '../../platform/http/routes.ts';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { actsForOrganisation } from '../network/service.ts';

/** Managing an activity: staff of the organisation that offers it, or an administrator. */
export const managesActivityOf = (actor: Actor | null | undefined, organisationId: string): boolean => actsForOrganisation(actor, organisationId);

const ID = ':id{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}';
/** Partner staff manage their own organisation's activities (checked again in the service); administrators all. */
const managers: Role[] = ['partner_staff', 'administrator'];

export const catalogueRoutes: RouteRules = {
  'GET /assets/catalogue/catalogue.css': 'public',
  'GET /assets/catalogue/snel-weg.js': 'public',
  'GET /assets/catalogue/filters.js': 'public',
  'GET /activiteiten': 'public',
  'GET /activiteiten/export.csv': 'public',
  'GET /activiteiten/export.xlsx': 'public',
  [`GET /activiteiten/${ID}`]: 'public',
  [`GET /activiteiten/${ID}/agenda.ics`]: 'public',
  'GET /mijn-activiteiten': managers,
  'GET /activiteiten/nieuw': managers,
  'POST /activiteiten/nieuw': managers,
  [`GET /activiteiten/${ID}/bewerken`]: managers,
  [`POST /activiteiten/${ID}/bewerken`]: managers,
  [`POST /activiteiten/${ID}/publiceren`]: managers,
  [`GET /activiteiten/${ID}/beeindigen`]: managers,
  [`POST /activiteiten/${ID}/beeindigen`]: managers,
  'GET /api/v1/activities': 'public',
  'GET /api/v1/activities/:id': 'public',
  'POST /api/v1/activities': managers,
  'PUT /api/v1/activities/:id': managers,
  'POST /api/v1/activities/:id/publish': managers,
  'POST /api/v1/activities/:id/end': managers,
};
