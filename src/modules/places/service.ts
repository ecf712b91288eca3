// The places module's service: the only file other modules import. Locations, rooms and rates (locations.ts),
// bookings (bookings.ts), monthly statements (statement.ts) and the shared programme per location (programme.ts).
export * from './locations.ts';
export * from './bookings.ts';
export * from './statement.ts';
export * from './programme.ts';
