// Plain-language labels of the fund module's audit actions (fundAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `fund.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'fund.audit.year.created': 'Fondsjaar aangemaakt',
  'fund.audit.year.updated': 'Fondsjaar gewijzigd',
  'fund.audit.application.started': 'Aanvraag bij het vrijwilligersfonds gestart',
  'fund.audit.application.submitted': 'Aanvraag bij het vrijwilligersfonds ingediend',
  'fund.audit.application.decided': 'Besluit over een aanvraag bij het vrijwilligersfonds genomen',
  'fund.audit.application.contact': 'Contactpersoon voor een aanvraag gekozen',
  'fund.audit.extra.recorded': 'Extra budget na een gesprek vastgelegd',
  'fund.audit.payment.recorded': 'Betaling vastgelegd',
  'fund.audit.support.recorded': 'Ondersteuning die geen geld is vastgelegd',
};
export const en: Record<keyof typeof nl, string> = {
  'fund.audit.year.created': 'Fund year created',
  'fund.audit.year.updated': 'Fund year changed',
  'fund.audit.application.started': 'Volunteer fund application started',
  'fund.audit.application.submitted': 'Volunteer fund application submitted',
  'fund.audit.application.decided': 'Decision on a volunteer fund application taken',
  'fund.audit.application.contact': 'Contact person for an application chosen',
  'fund.audit.extra.recorded': 'Extra budget after a conversation recorded',
  'fund.audit.payment.recorded': 'Payment recorded',
  'fund.audit.support.recorded': 'Support that is not money recorded',
};
