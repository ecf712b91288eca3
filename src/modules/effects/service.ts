// The effects module's public entry: what later modules (indicators, accountability, subsidies) may use.

// surveys: the shapes of surveys and questions (with their sub-goal keys), and who builds a survey.
export type { SurveyView, SurveyFull, QuestionView, QuestionType, Audience, Channel, ResponseContext } from './survey-types.ts';
export { managesSurvey } from './policy.ts';
export { getSurvey, listSurveys } from './survey-service.ts';
// --- registers: result at outflow, stories, complaints and objections
export { outflowReport, type OutflowReport, type OutflowCell, type OutflowFilters } from './outflow-report.ts';
export { listReportableStories, type ReportableFilters } from './story-service.ts';
export { complaintReport, type ComplaintReport, type ComplaintFigures } from './complaint-report.ts';
export { listComplaints, getComplaint, type ComplaintView } from './complaint-service.ts';
// --- level-3 figures per sub-goal (the accountability document; platform work, the caller discloses)
export { subGoalEffectFigures, type SubGoalEffectFigures, type SubGoalQuestionFigures, type SubGoalOutflowFigures, type ReportStory } from './subgoal-figures.ts';
export { readsRegisterFigures, readsRecordOf } from './policy.ts';
export { seesResults } from './result-service.ts';
// objections against a subsidy decision are registered from the decision (subsidies), prefilled with its reference
export { registerComplaint, type ComplaintInput } from './complaint-service.ts';
