// Plain-language labels of the subsidies module's audit actions (subsidiesAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `subsidies.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'subsidies.audit.call_open': 'Uitvraag voor subsidies geopend',
  'subsidies.audit.table_change': 'Leden of voorzitter van een thematafel gewijzigd',
  'subsidies.audit.table_note': 'Verslag of tussentijdse reactie bij een thematafel toegevoegd',
  'subsidies.audit.application_change': 'Subsidieaanvraag gestart of gewijzigd',
  'subsidies.audit.assessor_assign': 'Beoordelaar aangewezen',
  'subsidies.audit.assessment_score': 'Scores van een beoordeling opgeslagen',
  'subsidies.audit.assessment_conflict': 'Belangenverstrengeling bij een beoordeling gemeld',
  'subsidies.audit.assessment_final': 'Eindoordeel over een aanvraag vastgesteld',
  'subsidies.audit.grant_decide': 'Besluit over een subsidie vastgelegd',
  'subsidies.audit.sroi_register': 'Invulling van SROI geregistreerd',
};
export const en: Record<keyof typeof nl, string> = {
  'subsidies.audit.call_open': 'Subsidy call opened',
  'subsidies.audit.table_change': 'Members or chair of a theme table changed',
  'subsidies.audit.table_note': 'Meeting record or interim reaction added to a theme table',
  'subsidies.audit.application_change': 'Subsidy application started or changed',
  'subsidies.audit.assessor_assign': 'Assessor assigned',
  'subsidies.audit.assessment_score': 'Assessment scores saved',
  'subsidies.audit.assessment_conflict': 'Conflict of interest in an assessment declared',
  'subsidies.audit.assessment_final': 'Final assessment of an application agreed',
  'subsidies.audit.grant_decide': 'Decision on a grant recorded',
  'subsidies.audit.sroi_register': 'How SROI is met registered',
};
