// Who may do what in the network module: the route rules, and the record-level rules the services start with.
// Membership (which organisation an account works for) is this module's business: other modules ask it through
// `actsForOrganisation` and `isStaffOf`, re-exported by service.ts.
import type { RouteRules } from '../../platform/http/routes.ts';
import { forbidden } from '../../platform/http/errors.ts';
import { hasRole, type Actor } from '../../platform/auth/roles.ts';
import { requireActor, requireRole } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';

// ------------------------------------------------------------------ record-level rules

/** Staff of this organisation: partner staff whose account belongs to it. */
export const isStaffOf = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && hasRole(actor, 'partner_staff') && !!actor.organisationId && actor.organisationId === organisationId;

/** Acting for an organisation: its own staff, or an administrator (who acts for every organisation). */
export const actsForOrganisation = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && (hasRole(actor, 'administrator') || isStaffOf(actor, organisationId));

/** The account belongs to this organisation (any role). */
const belongsTo = (actor: Actor | null | undefined, organisationId: string) => !!actor?.organisationId && actor.organisationId === organisationId;

/**
 * Chair of a theme table: the call has the municipality chair every table, so a policy advisor whose account
 * belongs to an organisation of type "municipality". `organisation` is the actor's own organisation record.
 */
export const chairsThemeTable = (actor: Actor | null | undefined, organisation: { id: string; type: string } | null): boolean =>
  !!organisation && organisation.type === 'municipality' && belongsTo(actor, organisation.id) && hasRole(actor, 'policy_advisor');

/** Member of a theme table: staff of an organisation that works on the theme (its `themes`). */
export const isMemberOfThemeTable = (actor: Actor | null | undefined, themeSlug: string, organisation: { id: string; themes: readonly string[] } | null): boolean =>
  !!organisation && isStaffOf(actor, organisation.id) && organisation.themes.includes(themeSlug);

/** Social broker in a district: a social broker whose organisation works in that district (its `districts`). */
export const isBrokerIn = (actor: Actor | null | undefined, districtCode: string, organisation: { id: string; districts: readonly string[] } | null): boolean =>
  !!organisation && hasRole(actor, 'social_broker') && belongsTo(actor, organisation.id) && organisation.districts.includes(districtCode);

export const isAdmin = (ctx: ServiceContext) => hasRole(ctx.actor, 'administrator');

/** True for administrators, and for partner staff whose account belongs to this organisation. */
export function canManageOrganisation(ctx: ServiceContext, organisationId: string): boolean {
  return actsForOrganisation(ctx.actor, organisationId);
}

export function requireOrganisationManager(ctx: ServiceContext, organisationId: string) {
  requireActor(ctx);
  if (!canManageOrganisation(ctx, organisationId)) throw forbidden();
}

export function requireAdmin(ctx: ServiceContext) {
  requireRole(ctx, 'administrator');
}

// ------------------------------------------------------------------ routes

// Partner staff reach only their own organisation: the pages take it from their account, and the
// service functions refuse any other organisation (canManageOrganisation).
const manager = ['administrator', 'partner_staff'] as const;

export const networkRoutes: RouteRules = {
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
