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

// --- plans (plans.ts, plan-pages.tsx, plan-forms.tsx, plan-api.ts). The landing is for every signed-in role but
// residents; a plan for those who may see one (the service answers "not found" to the rest of them).
const nonResidents: Role[] = ['volunteer', 'partner_staff', 'social_broker', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];
const planReaders: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator'];
const PLAN = '/verantwoording/plannen/:slug/:year';
const PART = `:id{${ID}}`;
const planRoutes: RouteRules = {
  'GET /verantwoording': nonResidents,
  'POST /verantwoording/plannen': planReaders,
  [`GET ${PLAN}`]: planReaders,
  [`GET ${PLAN}/geschiedenis`]: planReaders,
  [`GET ${PLAN}/keuzes/nieuw`]: planReaders,
  [`POST ${PLAN}/keuzes/nieuw`]: planReaders,
  [`GET ${PLAN}/keuzes/${PART}`]: planReaders,
  [`POST ${PLAN}/keuzes/${PART}`]: planReaders,
  [`GET ${PLAN}/keuzes/${PART}/weghalen`]: planReaders,
  [`POST ${PLAN}/keuzes/${PART}/weghalen`]: planReaders,
  [`GET ${PLAN}/regels/nieuw`]: planReaders,
  [`POST ${PLAN}/regels/nieuw`]: planReaders,
  [`GET ${PLAN}/regels/${PART}`]: planReaders,
  [`POST ${PLAN}/regels/${PART}`]: planReaders,
  [`GET ${PLAN}/regels/${PART}/weghalen`]: planReaders,
  [`POST ${PLAN}/regels/${PART}/weghalen`]: planReaders,
  'GET /api/v1/plans': planReaders,
  'POST /api/v1/plans': planReaders,
  'GET /api/v1/plans/:slug/:year': planReaders,
  'GET /api/v1/plans/:slug/:year/revisions': planReaders,
  'POST /api/v1/plans/:slug/:year/choices': planReaders,
  'PUT /api/v1/plans/:slug/:year/choices/:id': planReaders,
  'DELETE /api/v1/plans/:slug/:year/choices/:id': planReaders,
  'POST /api/v1/plans/:slug/:year/entries': planReaders,
  'PUT /api/v1/plans/:slug/:year/entries/:id': planReaders,
  'DELETE /api/v1/plans/:slug/:year/entries/:id': planReaders,
};

// --- sessions (sessions.ts, session-pages.tsx, session-api.ts)
const SID = `:id{${ID}}`;
const sessionRoutes: RouteRules = {
  'GET /assets/reach/sessions.css': 'public',
  'GET /verantwoording/bijeenkomsten': sessionStaff,
  [`GET /verantwoording/bijeenkomsten/${SID}`]: sessionStaff,
  [`POST /verantwoording/bijeenkomsten/${SID}/bezoekers`]: sessionStaff,
  [`POST /verantwoording/bijeenkomsten/${SID}/deelnemers`]: sessionStaff,
  [`POST /verantwoording/bijeenkomsten/${SID}/deelnemers/verwijderen`]: sessionStaff,
  [`POST /verantwoording/bijeenkomsten/${SID}/vrijwilligers`]: sessionStaff,
  [`POST /verantwoording/bijeenkomsten/${SID}/vrijwilligers/verwijderen`]: sessionStaff,
  [`GET /verantwoording/activiteiten/${SID}/bijeenkomst`]: sessionStaff,
  [`POST /verantwoording/activiteiten/${SID}/bijeenkomst`]: sessionStaff,
  [`GET /verantwoording/activiteiten/${SID}/maand`]: sessionStaff,
  [`POST /verantwoording/activiteiten/${SID}/maand`]: sessionStaff,
  'GET /api/v1/sessions': sessionStaff,
  'PUT /api/v1/activities/:id/sessions/:date': sessionStaff,
  'POST /api/v1/sessions/:id/attendance': sessionStaff,
};

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
const reportRoutes: RouteRules = {
  'GET /verantwoording/uitvoering': readers,
  'GET /verantwoording/bereik': readers,
  'GET /verantwoording/vrijwilligers': readers,
  'POST /verantwoording/uitvoering/toelichting': ['partner_staff'],
  'GET /api/v1/reach': readers,
  'GET /api/v1/delivery': readers,
  'GET /api/v1/volunteers': readers,
  'PUT /api/v1/explanations/:activityId/:year': ['partner_staff'],
};

// --- subject access (subject-access.ts, subject-access-pages.tsx, subject-access-api.ts): the municipality's privacy
// desk looks a resident up by the identifier they show. Administrators only: anyone who knows a pass number could
// otherwise see where its holder went (docs/privacy.md); every lookup is audited.
const subjectAccessRoutes: RouteRules = {
  'GET /beheer/inzageverzoek': ['administrator'],
  'POST /beheer/inzageverzoek': ['administrator'],
  'POST /api/v1/reach/subject-access': ['administrator'],
};

export const reachRoutes: RouteRules = { ...planRoutes, ...sessionRoutes, ...importRoutes, ...reportRoutes, ...subjectAccessRoutes };
