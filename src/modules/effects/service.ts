// The effects module's public entry: what later modules (indicators, accountability, subsidies) may use.

// --- registers: result at outflow, stories, complaints and objections
export { outflowReport, type OutflowReport, type OutflowCell, type OutflowFilters } from './outflow-report.ts';
export { listReportableStories, type ReportableFilters } from './story-service.ts';
export { complaintReport, type ComplaintReport, type ComplaintFigures } from './complaint-report.ts';
export { listComplaints, getComplaint, type ComplaintView } from './complaint-service.ts';
