// Plain-language labels of the catalogue module's audit actions (catalogueAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `catalogue.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'catalogue.audit.activity_create': 'Activiteit aangemaakt',
  'catalogue.audit.activity_update': 'Activiteit gewijzigd',
  'catalogue.audit.activity_publish': 'Activiteit gepubliceerd',
  'catalogue.audit.activity_end': 'Activiteit beëindigd',
};
export const en: Record<keyof typeof nl, string> = {
  'catalogue.audit.activity_create': 'Activity created',
  'catalogue.audit.activity_update': 'Activity changed',
  'catalogue.audit.activity_publish': 'Activity published',
  'catalogue.audit.activity_end': 'Activity ended',
};
