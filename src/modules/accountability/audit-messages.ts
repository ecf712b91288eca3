// Plain-language labels of the accountability module's audit actions (accountabilityAuditActions in module.tsx), shown on the audit
// log and on "Mijn gegevens". Key: `accountability.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'accountability.audit.narrative_save': 'Toelichting in een verantwoordingsdocument opgeslagen',
  'accountability.audit.submit': 'Verantwoordingsdocument ingediend',
  'accountability.audit.decide': 'Verantwoordingsdocument geaccepteerd of teruggestuurd',
  'accountability.audit.export': 'Download van een verantwoording aangevraagd',
};
export const en: Record<keyof typeof nl, string> = {
  'accountability.audit.narrative_save': 'Narrative in an accountability document saved',
  'accountability.audit.submit': 'Accountability document submitted',
  'accountability.audit.decide': 'Accountability document accepted or returned',
  'accountability.audit.export': 'Download of an accountability document requested',
};
