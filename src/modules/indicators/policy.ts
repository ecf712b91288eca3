// Who may do what with indicators. Reading is public: indicator definitions, values, maps and targets are
// published aggregate statistics (CBS, GGD, the municipality's own monitors) and the council's accountability, so
// residents, partners and the council member (auditor) read them alike. Writing — definitions, values, imports,
// targets, area boundaries — is for policy advisors and administrators.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';
import { requireRole } from '../../platform/auth/require.ts';
import type { ServiceContext } from '../../platform/context.ts';

export const indicatorEditors: Role[] = ['policy_advisor', 'administrator'];

/** Edits indicators, their values, targets and area boundaries: policy advisors and administrators. */
export const editsIndicators = (actor: Actor | null | undefined): boolean => hasRole(actor, ...indicatorEditors);

export function requireIndicatorEditor(ctx: ServiceContext): void {
  if (ctx.system) return;
  requireRole(ctx, ...indicatorEditors);
}

export const KEY = ':key{[a-z0-9][a-z0-9-]{1,79}}';
export const ID = ':id{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}}';

export const indicatorRoutes: RouteRules = {
  // pages
  'GET /indicatoren': 'public',
  'GET /indicatoren/nieuw': indicatorEditors,
  'POST /indicatoren/nieuw': indicatorEditors,
  'GET /indicatoren/kaart': 'public',
  'GET /indicatoren/kaart.svg': 'public',
  'GET /indicatoren/kaart.csv': 'public',
  'GET /indicatoren/doelen': 'public',
  'GET /indicatoren/doelen/nieuw': indicatorEditors,
  'POST /indicatoren/doelen/nieuw': indicatorEditors,
  [`GET /indicatoren/doelen/${ID}`]: indicatorEditors,
  [`POST /indicatoren/doelen/${ID}`]: indicatorEditors,
  [`POST /indicatoren/doelen/${ID}/weghalen`]: indicatorEditors,
  'GET /indicatoren/import': indicatorEditors,
  'POST /indicatoren/import': indicatorEditors,
  [`GET /indicatoren/import/${ID}`]: indicatorEditors,
  [`GET /indicatoren/import/${ID}/fouten.csv`]: indicatorEditors,
  [`GET /indicatoren/import/${ID}/fouten.xlsx`]: indicatorEditors,
  'GET /indicatoren/gebieden': indicatorEditors,
  'POST /indicatoren/gebieden': indicatorEditors,
  'GET /assets/indicators/indicators.css': 'public',
  [`GET /indicatoren/${KEY}`]: 'public',
  [`GET /indicatoren/${KEY}/trend.svg`]: 'public',
  [`GET /indicatoren/${KEY}/bewerken`]: indicatorEditors,
  [`POST /indicatoren/${KEY}/bewerken`]: indicatorEditors,
  // API
  'GET /api/v1/indicators': 'public',
  'GET /api/v1/indicators/:key': 'public',
  'GET /api/v1/indicators/:key/values': 'public',
  'GET /api/v1/indicator-targets': 'public',
  'POST /api/v1/indicator-values': indicatorEditors,
};
