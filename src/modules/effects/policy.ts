// Who may do what in the effects module: the route rules (one section per part), and the record-level rules the
// services start with.
import type { RouteRules } from '../../platform/http/routes.ts';
import type { Role } from '../../platform/auth/roles.ts';

export const ID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

// ------------------------------------------------------------------ record-level rules

// ------------------------------------------------------------------ routes

export const staff: Role[] = ['partner_staff', 'administrator'];
export const advisors: Role[] = ['policy_advisor', 'administrator'];

// --- surveys (survey-*.ts)
const surveyRoutes: RouteRules = {};

// --- survey results (result-*.ts)
const resultRoutes: RouteRules = {};

// --- trajectories and outflow (outflow-*.ts)
const outflowRoutes: RouteRules = {};

// --- stories (story-*.ts)
const storyRoutes: RouteRules = {};

// --- complaints and objections (complaint-*.ts)
const complaintRoutes: RouteRules = {};

export const effectsRoutes: RouteRules = { ...surveyRoutes, ...resultRoutes, ...outflowRoutes, ...storyRoutes, ...complaintRoutes };
