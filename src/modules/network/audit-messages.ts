// Plain-language labels of the network module's audit actions (networkAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `network.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'network.audit.organisation.create': 'Organisatie aangemaakt',
  'network.audit.organisation.update': 'Gegevens van een organisatie gewijzigd',
  'network.audit.person_create': 'Persoon bij een organisatie toegevoegd',
  'network.audit.person_update': 'Gegevens van een persoon gewijzigd',
  'network.audit.person_delete': 'Persoon bij een organisatie verwijderd',
  'network.audit.person_read': 'Gegevens van een persoon bekeken',
  'network.audit.people_read': 'Lijst van personen van een organisatie bekeken',
};
export const en: Record<keyof typeof nl, string> = {
  'network.audit.organisation.create': 'Organisation created',
  'network.audit.organisation.update': 'Details of an organisation changed',
  'network.audit.person_create': 'Person added to an organisation',
  'network.audit.person_update': 'Details of a person changed',
  'network.audit.person_delete': 'Person removed from an organisation',
  'network.audit.person_read': 'Details of a person viewed',
  'network.audit.people_read': 'List of people of an organisation viewed',
};
