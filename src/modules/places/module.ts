// The places module as the platform sees it: Huizen van de Wijk, rooms, bookings and monthly statements.
import type { Module } from '../../platform/module.ts';
import * as schema from './schema.ts';
import * as messages from './messages.ts';
import { placesRoutes } from './policy.ts';
import { registerPlaces } from './routes.tsx';
import { seedPlacesDemo } from './demo.ts';
import { placesPersonalData } from './personal-data.ts';

export const placesAuditActions = [
  'places.location_create',
  'places.location_update',
  'places.room_create',
  'places.room_update',
  'places.room_delete',
  'places.rate_set',
  'places.booking_request',
  'places.booking_approve',
  'places.booking_decline',
  'places.booking_cancel',
] as const;

declare module '../../platform/audit/actions.ts' {
  interface AuditActions {
    places: (typeof placesAuditActions)[number];
  }
}

export const placesModule: Module = {
  name: 'places',
  apiTag: { name: 'plekken', description: 'Locaties, ruimtes, boekingen en maandoverzichten' },
  routes: { rules: placesRoutes, register: registerPlaces },
  schema,
  messages,
  nav: [{ href: '/locaties', label: 'nav.places', order: 20 }],
  admin: [
    { href: '/beheer/locaties', label: 'admin.locations', order: 40 },
    { href: '/beheer/boekingen', label: 'admin.bookings', order: 50 },
    { href: '/beheer/tarieven', label: 'admin.rates', order: 60 },
  ],
  demo: seedPlacesDemo,
  demoProgress: 'Demodata: locaties en ruimtes…',
  jobs: [],
  auditActions: placesAuditActions,
  personalData: placesPersonalData,
};
