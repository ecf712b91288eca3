// Who may do what in the effects module: the route rules (one section per part), and the record-level rules the
// services start with.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';
import { actsForOrganisation } from '../network/service.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

// surveys: who builds (and enters paper forms for, starts a kiosk for) a survey. The municipality's surveys
// (owner null): policy advisors; an organisation's: its own staff; administrators: every survey.
export const managesSurvey = (actor: Actor | null | undefined, ownerOrganisationId: string | null): boolean =>
  ownerOrganisationId === null ? hasRole(actor, 'policy_advisor', 'administrator') : actsForOrganisation(actor, ownerOrganisationId);

// ------------------------------------------------------------------ routes

export const staff: Role[] = ['partner_staff', 'administrator'];
export const advisors: Role[] = ['policy_advisor', 'administrator'];

// --- surveys (survey-*.ts)
/** Who builds surveys: partner staff (their organisation's), policy advisors (the municipality's), administrators. */
export const surveyBuilders: Role[] = ['partner_staff', 'policy_advisor', 'administrator'];
const S = `/effecten/enquetes/:id{${ID}}`;
const Q = `${S}/vragen/:qid{${ID}}`;
const P = `/enquete/:id{${ID}}`;
const surveyRoutes: RouteRules = {
  'GET /assets/effects/surveys.css': 'public',
  'GET /effecten/enquetes': surveyBuilders,
  'GET /effecten/enquetes/nieuw': surveyBuilders,
  'POST /effecten/enquetes/nieuw': surveyBuilders,
  [`GET ${S}`]: surveyBuilders,
  [`POST ${S}`]: surveyBuilders,
  [`POST ${S}/status`]: surveyBuilders,
  [`POST ${S}/standaardset`]: surveyBuilders,
  [`POST ${S}/onderdelen`]: surveyBuilders,
  [`POST ${S}/onderdelen/:sid{${ID}}/weghalen`]: surveyBuilders,
  [`GET ${S}/vragen/nieuw`]: surveyBuilders,
  [`POST ${S}/vragen/nieuw`]: surveyBuilders,
  [`GET ${Q}`]: surveyBuilders,
  [`POST ${Q}`]: surveyBuilders,
  [`POST ${Q}/omhoog`]: surveyBuilders,
  [`POST ${Q}/omlaag`]: surveyBuilders,
  [`POST ${Q}/weghalen`]: surveyBuilders,
  [`GET ${S}/papier`]: surveyBuilders,
  [`POST ${S}/papier`]: surveyBuilders,
  [`POST ${S}/kiosk`]: surveyBuilders,
  [`GET ${S}/toestemming`]: surveyBuilders,
  [`POST ${S}/toestemming/:cid{${ID}}/weghalen`]: surveyBuilders,
  // answering: anonymous; the kiosk pages check the kiosk cookie a staff member set (survey-public-pages.tsx)
  [`GET ${P}`]: 'public',
  [`POST ${P}`]: 'public',
  [`GET ${P}/bedankt`]: 'public',
  [`GET ${P}/kiosk`]: 'public',
  [`POST ${P}/kiosk`]: 'public',
  [`POST ${P}/kiosk/stoppen`]: 'public',
  'GET /api/v1/surveys': surveyBuilders,
  'GET /api/v1/surveys/:id': surveyBuilders,
  'GET /api/v1/surveys/:id/form': 'public',
  'POST /api/v1/surveys/:id/responses': 'public',
};

// --- survey results (result-*.ts)
// Results: the survey's staff and policy advisors (the service answers "not found" to anyone else); the landing page
// for everyone the nav shows it to; personal invitation links are public (the token is the key).
const resultRoutes: RouteRules = {
  'GET /effecten': ['partner_staff', 'social_broker', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'],
  'GET /assets/effects/results.css': 'public',
  [`GET ${S}/resultaten`]: surveyBuilders,
  [`GET ${S}/resultaten.csv`]: surveyBuilders,
  [`GET ${S}/resultaten.xlsx`]: surveyBuilders,
  [`GET ${S}/grafiek/:qid{${ID}}`]: surveyBuilders,
  [`GET ${S}/poster.pdf`]: surveyBuilders,
  [`GET ${S}/uitnodigingen`]: surveyBuilders,
  [`POST ${S}/uitnodigingen`]: surveyBuilders,
  [`POST ${S}/uitnodigingen/nieuwe-links`]: surveyBuilders,
  [`POST ${S}/uitnodigingen/:iid{${ID}}/weghalen`]: surveyBuilders,
  [`GET ${P}/uitnodiging/:token{[A-Za-z0-9_-]{32}}`]: 'public',
  [`POST ${P}/uitnodiging/:token{[A-Za-z0-9_-]{32}}`]: 'public',
  'GET /api/v1/surveys/:id/results': surveyBuilders,
};

// --- trajectories and outflow (outflow-*.ts)
const outflowRoutes: RouteRules = {};

// --- stories (story-*.ts)
const storyRoutes: RouteRules = {};

// --- complaints and objections (complaint-*.ts)
const complaintRoutes: RouteRules = {};

export const effectsRoutes: RouteRules = { ...surveyRoutes, ...resultRoutes, ...outflowRoutes, ...storyRoutes, ...complaintRoutes };
