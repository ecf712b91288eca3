// Plain-language labels of the indicators module's audit actions (indicatorsAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `indicators.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'indicators.audit.indicator.created': 'Indicator aangemaakt',
  'indicators.audit.indicator.edited': 'Indicator gewijzigd',
  'indicators.audit.values.imported': 'Waarden van indicatoren ingelezen',
  'indicators.audit.import.started': 'Import van waarden van indicatoren gestart',
  'indicators.audit.target.created': 'Doel voor een wijk toegevoegd',
  'indicators.audit.target.updated': 'Doel voor een wijk gewijzigd',
  'indicators.audit.target.deleted': 'Doel voor een wijk verwijderd',
};
export const en: Record<keyof typeof nl, string> = {
  'indicators.audit.indicator.created': 'Indicator created',
  'indicators.audit.indicator.edited': 'Indicator changed',
  'indicators.audit.values.imported': 'Indicator values imported',
  'indicators.audit.import.started': 'Import of indicator values started',
  'indicators.audit.target.created': 'Target for a neighbourhood added',
  'indicators.audit.target.updated': 'Target for a neighbourhood changed',
  'indicators.audit.target.deleted': 'Target for a neighbourhood deleted',
};
