// Plain-language labels of the reach module's audit actions (reachAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `reach.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'reach.audit.plan_change': 'Plan voor een thema en jaar gewijzigd',
  'reach.audit.session_save': 'Bijeenkomst van een activiteit opgeslagen',
  'reach.audit.attendance_add': 'Aanwezigheid bij een bijeenkomst geregistreerd',
  'reach.audit.attendance_remove': 'Aanwezigheid bij een bijeenkomst verwijderd',
  'reach.audit.explanation_save': 'Toelichting op een afwijking van het plan opgeslagen',
  'reach.audit.import_start': 'Import van bereikgegevens gestart',
  'reach.audit.import_finish': 'Import van bereikgegevens afgerond',
  'reach.audit.mapping_save': 'Koppeling van kolommen voor de import opgeslagen',
  'reach.audit.rekey': 'Pseudoniemen van inwoners opnieuw versleuteld met een nieuwe sleutel',
  'reach.audit.subject_access': 'Inzageverzoek van een inwoner opgezocht',
};
export const en: Record<keyof typeof nl, string> = {
  'reach.audit.plan_change': 'Plan for a theme and year changed',
  'reach.audit.session_save': 'Session of an activity saved',
  'reach.audit.attendance_add': 'Attendance at a session recorded',
  'reach.audit.attendance_remove': 'Attendance at a session removed',
  'reach.audit.explanation_save': 'Explanation of a deviation from the plan saved',
  'reach.audit.import_start': 'Import of reach data started',
  'reach.audit.import_finish': 'Import of reach data finished',
  'reach.audit.mapping_save': 'Column mapping for imports saved',
  'reach.audit.rekey': 'Residents’ pseudonyms re-keyed with a new key',
  'reach.audit.subject_access': 'Resident’s subject access request looked up',
};
