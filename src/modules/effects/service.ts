// The effects module's public entry: what later modules (indicators, accountability, subsidies) may use.

// surveys: the shapes of surveys and questions (with their sub-goal keys), and who builds a survey.
export type { SurveyView, SurveyFull, QuestionView, QuestionType, Audience, Channel, ResponseContext } from './survey-types.ts';
export { managesSurvey } from './policy.ts';
export { getSurvey, listSurveys } from './survey-service.ts';
