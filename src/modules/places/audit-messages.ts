// Plain-language labels of the places module's audit actions (placesAuditActions in module.ts), shown on the audit
// log and on "Mijn gegevens". Key: `places.audit.<action>`, without the module's name in front (src/platform/audit/labels.ts).
// en must have exactly the keys of nl.
export const nl = {
  'places.audit.location_create': 'Locatie toegevoegd',
  'places.audit.location_update': 'Gegevens van een locatie gewijzigd',
  'places.audit.room_create': 'Ruimte toegevoegd',
  'places.audit.room_update': 'Gegevens van een ruimte gewijzigd',
  'places.audit.room_delete': 'Ruimte verwijderd',
  'places.audit.rate_set': 'Huurprijs van ruimtes vastgesteld',
  'places.audit.booking_request': 'Boeking van een ruimte aangevraagd',
  'places.audit.booking_approve': 'Boeking goedgekeurd',
  'places.audit.booking_decline': 'Boeking afgewezen',
  'places.audit.booking_cancel': 'Boeking geannuleerd',
};
export const en: Record<keyof typeof nl, string> = {
  'places.audit.location_create': 'Location added',
  'places.audit.location_update': 'Details of a location changed',
  'places.audit.room_create': 'Room added',
  'places.audit.room_update': 'Details of a room changed',
  'places.audit.room_delete': 'Room deleted',
  'places.audit.rate_set': 'Room rental rate set',
  'places.audit.booking_request': 'Room booking requested',
  'places.audit.booking_approve': 'Booking approved',
  'places.audit.booking_decline': 'Booking declined',
  'places.audit.booking_cancel': 'Booking cancelled',
};
