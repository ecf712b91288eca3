// UI text of the places module's part of "Mijn gegevens" (personal-data.ts). en must have exactly the keys of nl.
export const nl = {
  'places.mydata.booked.title': 'Uw boekingen van ruimtes',
  'places.mydata.booked.explanation': 'Ruimtes die u voor uw organisatie hebt aangevraagd. Bij elke boeking staat wie hem aanvroeg.',
  'places.mydata.decided.title': 'Boekingen waarover u besliste',
  'places.mydata.decided.explanation': 'Aanvragen die u als beheerder van een locatie goedkeurde of afwees.',
  'places.mydata.col.location': 'Locatie',
  'places.mydata.col.room': 'Ruimte',
  'places.mydata.col.organisation': 'Organisatie',
  'places.mydata.col.starts': 'Begint',
  'places.mydata.col.ends': 'Eindigt',
  'places.mydata.col.purpose': 'Waarvoor',
  'places.mydata.col.requested': 'Aangevraagd op',
  'places.mydata.col.decided': 'Besloten op',
};
export const en: Record<keyof typeof nl, string> = {
  'places.mydata.booked.title': 'Your room bookings',
  'places.mydata.booked.explanation': 'Rooms you requested for your organisation. Each booking records who requested it.',
  'places.mydata.decided.title': 'Bookings you decided on',
  'places.mydata.decided.explanation': 'Requests you approved or declined as a location manager.',
  'places.mydata.col.location': 'Location',
  'places.mydata.col.room': 'Room',
  'places.mydata.col.organisation': 'Organisation',
  'places.mydata.col.starts': 'Starts',
  'places.mydata.col.ends': 'Ends',
  'places.mydata.col.purpose': 'Purpose',
  'places.mydata.col.requested': 'Requested on',
  'places.mydata.col.decided': 'Decided on',
};
