// Who may do what in the effects module: the route rules (one section per part), and the record-level rules the
// services start with.
import type { RouteRules } from '../../platform/http/routes.ts';
import { hasRole, type Actor, type Role } from '../../platform/auth/roles.ts';
import { actsForOrganisation, isStaffOf } from '../network/service.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

// surveys: who builds (and enters paper forms for, starts a kiosk for) a survey. The municipality's surveys
// (owner null): policy advisors; an organisation's: its own staff; administrators: every survey.
export const managesSurvey = (actor: Actor | null | undefined, ownerOrganisationId: string | null): boolean =>
  ownerOrganisationId === null ? hasRole(actor, 'policy_advisor', 'administrator') : actsForOrganisation(actor, ownerOrganisationId);
// --- registers: trajectories (outflow-*.ts), stories (story-*.ts), complaints (complaint-*.ts)
// Partner staff see and write the records of their own organisation; policy advisors and administrators see all;
// contract managers read complaints; auditors see aggregate figures only (no single record).

/** Sees every record of the registers: policy advisors and administrators. */
export const readsAllRegisters = (actor: Actor | null | undefined): boolean => hasRole(actor, 'policy_advisor', 'administrator');

/** Registers trajectories and stories for an organisation: its own staff, or an administrator. */
export const registersRecordsFor = (actor: Actor | null | undefined, organisationId: string): boolean => actsForOrganisation(actor, organisationId);

/** Reads one trajectory or story of an organisation: its own staff, policy advisors and administrators. */
export const readsRecordOf = (actor: Actor | null | undefined, organisationId: string): boolean => readsAllRegisters(actor) || isStaffOf(actor, organisationId);

/** Reads aggregate figures (outflow report, complaint figures): every role that works with the registers, auditors too. */
export const readsRegisterFigures = (actor: Actor | null | undefined): boolean => hasRole(actor, 'partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor');

/**
 * Reviews a story: never its author; a colleague of the same organisation, a policy advisor or an administrator.
 */
export const reviewsStory = (actor: Actor | null | undefined, story: { organisationId: string; authorUserId: string }): boolean =>
  !!actor && actor.userId !== story.authorUserId && (readsAllRegisters(actor) || (hasRole(actor, 'partner_staff') && isStaffOf(actor, story.organisationId)));

/** Reads one complaint or objection: policy advisors, administrators, contract managers, the handler, staff of the organisation concerned. */
export const readsComplaint = (actor: Actor | null | undefined, c: { organisationId: string | null; handlerUserId: string | null }): boolean =>
  !!actor &&
  (readsAllRegisters(actor) || hasRole(actor, 'contract_manager') || (!!c.handlerUserId && actor.userId === c.handlerUserId) || (!!c.organisationId && isStaffOf(actor, c.organisationId)));

/** Registers and handles complaints and objections: policy advisors and administrators (the municipality), and the handler. */
export const handlesComplaint = (actor: Actor | null | undefined, c: { handlerUserId: string | null } | null): boolean =>
  !!actor && (readsAllRegisters(actor) || (!!c?.handlerUserId && actor.userId === c.handlerUserId));

/** Sees the complainant's name and contact: the handler, administrators, and staff of the organisation concerned (audited). */
export const seesComplainant = (actor: Actor | null | undefined, c: { organisationId: string | null; handlerUserId: string | null }): boolean =>
  !!actor && (hasRole(actor, 'administrator') || (!!c.handlerUserId && actor.userId === c.handlerUserId) || (!!c.organisationId && isStaffOf(actor, c.organisationId)));

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

// --- registers: who reads them (the services check which records)
const recordReaders: Role[] = ['partner_staff', 'policy_advisor', 'administrator'];
const figureReaders: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor'];
const complaintReaders: Role[] = ['partner_staff', 'policy_advisor', 'contract_manager', 'administrator'];

// --- trajectories and outflow (outflow-*.ts)
const outflowRoutes: RouteRules = {
  'GET /effecten/trajecten': recordReaders,
  'GET /effecten/trajecten/nieuw': staff,
  'POST /effecten/trajecten': staff,
  'GET /effecten/trajecten/:id': recordReaders,
  'POST /effecten/trajecten/:id/afsluiten': staff,
  'GET /effecten/uitstroom': figureReaders,
  'GET /effecten/leefgebieden': ['administrator'],
  'POST /effecten/leefgebieden': ['administrator'],
  'GET /api/v1/outflow': figureReaders,
  'GET /api/v1/trajectories': recordReaders,
  'POST /api/v1/trajectories': staff,
  'POST /api/v1/trajectories/:id/end': staff,
};

// --- stories (story-*.ts)
const storyRoutes: RouteRules = {
  'GET /effecten/verhalen': recordReaders,
  'GET /effecten/verhalen/nieuw': staff,
  'POST /effecten/verhalen': staff,
  'GET /effecten/verhalen/:id': recordReaders,
  'GET /effecten/verhalen/:id/bewerken': staff,
  'POST /effecten/verhalen/:id': staff,
  'POST /effecten/verhalen/:id/beoordelen': recordReaders,
  'POST /effecten/verhalen/:id/intrekken': recordReaders,
  'GET /effecten/verhalen/:id/foto': recordReaders,
  'GET /api/v1/stories': recordReaders,
  'POST /api/v1/stories': staff,
  'POST /api/v1/stories/:id/submit': staff,
  'POST /api/v1/stories/:id/review': recordReaders,
  'POST /api/v1/stories/:id/withdraw': recordReaders,
  'POST /api/v1/stories/check': recordReaders,
};

// --- complaints and objections (complaint-*.ts)
const complaintRoutes: RouteRules = {
  'GET /effecten/klachten': complaintReaders,
  'GET /effecten/klachten/nieuw': advisors,
  'POST /effecten/klachten': advisors,
  'GET /effecten/klachten/cijfers': figureReaders,
  'GET /effecten/klachten/:id': complaintReaders,
  'POST /effecten/klachten/:id/voortgang': advisors,
  'POST /effecten/klachten/:id/verlengen': advisors,
  'GET /api/v1/complaints': complaintReaders,
  'POST /api/v1/complaints': advisors,
  'GET /api/v1/complaints/figures': figureReaders,
  'GET /api/v1/complaints/:id': complaintReaders,
  'PATCH /api/v1/complaints/:id': advisors,
  'POST /api/v1/complaints/:id/extension': advisors,
};

export const effectsRoutes: RouteRules = { ...surveyRoutes, ...resultRoutes, ...outflowRoutes, ...storyRoutes, ...complaintRoutes };
