// Who may do what in the reach module: the route rules (one section per part), and the record-level rules the
// services start with. Registering, importing and planning for an organisation: its own staff (and volunteers
// of it, for sessions), or an administrator. Reading a whole plan: the policy advisor, and the table's members.
// Exact figures of an organisation: only that organisation (the small-cell rule, report.ts, applies to everyone else).
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';
import { actsForOrganisation } from '../network/service.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

/** Planning, registering and importing for an organisation: its staff, or an administrator. */
export const registersFor = (actor: Actor | null | undefined, organisationId: string): boolean => actsForOrganisation(actor, organisationId);

/** Volunteers of an organisation may register the sessions of activities they run (not plans, not imports). */
export const registersSessionsFor = (actor: Actor | null | undefined, organisationId: string): boolean =>
  registersFor(actor, organisationId) || (!!actor && hasRole(actor, 'volunteer') && actor.organisationId === organisationId);

/** Sees every organisation's part of a plan: policy advisors, contract managers, administrators (members: see plans.ts). */
export const readsWholePlans = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'contract_manager', 'administrator');

/** Sees exact (unsuppressed) figures of an organisation: that organisation's own staff and volunteers. */
export const seesExactFiguresOf = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && !!actor.organisationId && actor.organisationId === organisationId && hasRole(actor, 'partner_staff', 'volunteer');

// ------------------------------------------------------------------ routes

export const staff: Role[] = ['partner_staff', 'administrator'];
export const sessionStaff: Role[] = ['partner_staff', 'volunteer', 'administrator'];
export const readers: Role[] = ['partner_staff', 'volunteer', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];

// --- plans (plans.ts, plan-pages.tsx, plan-api.ts)
const planRoutes: RouteRules = {};

// --- sessions (sessions.ts, session-pages.tsx, session-api.ts)
const sessionRoutes: RouteRules = {};

// --- imports (import-*.ts, import-pages.tsx, import-api.ts)
const importRoutes: RouteRules = {
  'GET /verantwoording/import': staff,
  'POST /verantwoording/import': staff,
  'GET /verantwoording/import/sjabloon.csv': staff,
  'GET /verantwoording/import/sjabloon.xlsx': staff,
  'GET /verantwoording/import/koppelingen': staff,
  'POST /verantwoording/import/koppelingen': staff,
  [`GET /verantwoording/import/:id{${ID}}`]: staff,
  [`GET /verantwoording/import/:id{${ID}}/fouten.csv`]: staff,
  [`GET /verantwoording/import/:id{${ID}}/fouten.xlsx`]: staff,
  [`POST /verantwoording/import/:id{${ID}}/geldige-regels`]: staff,
  'POST /api/v1/attendance': staff,
  'POST /api/v1/imports': staff,
  'GET /api/v1/imports/:id': staff,
};

// --- reports (report.ts, report-pages.tsx, report-api.ts)
const reportRoutes: RouteRules = {};

export const reachRoutes: RouteRules = { ...planRoutes, ...sessionRoutes, ...importRoutes, ...reportRoutes };
