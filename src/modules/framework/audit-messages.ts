// Plain-language labels of the framework module's audit actions (frameworkAuditActions in module.tsx), shown on the audit
// log and on "Mijn gegevens". Key: `framework.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'framework.audit.theme_edit': 'Thema in het kader gewijzigd',
  'framework.audit.period_start': 'Nieuwe periode van het kader gestart',
  'framework.audit.wijk_district': 'Stadsdeel van een wijk ingesteld',
  'framework.audit.tenant.created': 'Gemeente aangemaakt',
  'framework.audit.file_loaded': 'Bestand met het kader van de gemeente ingelezen',
  'framework.audit.areas_loaded': 'Wijken en buurten of hun grenzen ingelezen',
};
export const en: Record<keyof typeof nl, string> = {
  'framework.audit.theme_edit': 'Theme in the framework changed',
  'framework.audit.period_start': 'New framework period started',
  'framework.audit.wijk_district': 'District of a neighbourhood set',
  'framework.audit.tenant.created': 'Municipality created',
  'framework.audit.file_loaded': 'Municipality framework file loaded',
  'framework.audit.areas_loaded': 'Neighbourhoods or their boundaries loaded',
};
