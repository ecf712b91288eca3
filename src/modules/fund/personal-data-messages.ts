// UI text of the fund module's part of "Mijn gegevens" (personal-data.ts). en must have exactly the keys of nl.
export const nl = {
  'fund.mydata.title': 'Aanvragen bij het vrijwilligersfonds',
  'fund.mydata.explanation': 'Aanvragen waarbij u contactpersoon bent, die u begon of verstuurde, of waarover u besliste.',
  'fund.mydata.col.year': 'Jaar',
  'fund.mydata.col.organisation': 'Organisatie',
  'fund.mydata.col.role': 'Uw rol',
  'fund.mydata.col.submitted': 'Verstuurd op',
  'fund.mydata.col.decided': 'Besloten op',
  'fund.mydata.role.contact': 'contactpersoon',
  'fund.mydata.role.created': 'begonnen',
  'fund.mydata.role.submitted': 'verstuurd',
  'fund.mydata.role.decided': 'besloten',
};
export const en: Record<keyof typeof nl, string> = {
  'fund.mydata.title': 'Applications to the volunteer fund',
  'fund.mydata.explanation': 'Applications for which you are the contact person, that you started or sent, or that you decided on.',
  'fund.mydata.col.year': 'Year',
  'fund.mydata.col.organisation': 'Organisation',
  'fund.mydata.col.role': 'Your role',
  'fund.mydata.col.submitted': 'Sent on',
  'fund.mydata.col.decided': 'Decided on',
  'fund.mydata.role.contact': 'contact person',
  'fund.mydata.role.created': 'started',
  'fund.mydata.role.submitted': 'sent',
  'fund.mydata.role.decided': 'decided',
};
