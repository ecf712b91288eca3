// The places module's record-level rules: location managers, booking for an organisation, reading its bookings.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { managesLocation, mayBookFor, mayReadOrganisation } from './policy.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const actor = (roles: Role[], organisationId: string | null = A): Actor => ({ userId: 'u', name: 'n', email: 'e', roles, organisationId });

describe('places record-level rules', () => {
  it('location managers: administrators and staff of the managing organisation', () => {
    expect(managesLocation(actor(['administrator'], null), { managerOrganisationId: B })).toBe(true);
    expect(managesLocation(actor(['partner_staff']), { managerOrganisationId: A })).toBe(true);
    expect(managesLocation(actor(['partner_staff']), { managerOrganisationId: B })).toBe(false);
    expect(managesLocation(actor(['partner_staff']), { managerOrganisationId: null })).toBe(false);
    expect(managesLocation(null, { managerOrganisationId: A })).toBe(false);
  });

  it('booking for an organisation: its staff or an administrator', () => {
    expect(mayBookFor(actor(['partner_staff']), A)).toBe(true);
    expect(mayBookFor(actor(['partner_staff']), B)).toBe(false);
    expect(mayBookFor(actor(['administrator'], null), B)).toBe(true);
    expect(mayBookFor(actor(['contract_manager']), A)).toBe(false);
  });

  it('reading an organisation’s bookings: its staff, administrators and contract managers', () => {
    expect(mayReadOrganisation(actor(['contract_manager'], null), B)).toBe(true);
    expect(mayReadOrganisation(actor(['partner_staff']), A)).toBe(true);
    expect(mayReadOrganisation(actor(['partner_staff']), B)).toBe(false);
    expect(mayReadOrganisation(actor(['resident']), A)).toBe(false);
  });
});
