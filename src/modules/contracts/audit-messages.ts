// Plain-language labels of the contracts module's audit actions (contractsAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `contracts.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'contracts.audit.contract.created': 'Opdracht aangemaakt',
  'contracts.audit.contract.updated': 'Opdracht gewijzigd',
  'contracts.audit.round.created': 'Contracteringsronde aangemaakt',
  'contracts.audit.round.updated': 'Contracteringsronde gewijzigd',
  'contracts.audit.subcontractor.added': 'Onderaannemer toegevoegd',
  'contracts.audit.subcontractor.decided': 'Besluit over een onderaannemer vastgelegd',
  'contracts.audit.transfer.updated': 'Overdracht van inwoners van een stoppende onderaannemer vastgelegd',
};
export const en: Record<keyof typeof nl, string> = {
  'contracts.audit.contract.created': 'Contract created',
  'contracts.audit.contract.updated': 'Contract changed',
  'contracts.audit.round.created': 'Contracting round created',
  'contracts.audit.round.updated': 'Contracting round changed',
  'contracts.audit.subcontractor.added': 'Subcontractor added',
  'contracts.audit.subcontractor.decided': 'Decision on a subcontractor recorded',
  'contracts.audit.transfer.updated': 'Transfer of residents from a stopping subcontractor recorded',
};
