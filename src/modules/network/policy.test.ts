// The network module's record-level rules: staff of an organisation, acting for it, theme tables and districts.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { actsForOrganisation, chairsThemeTable, isBrokerIn, isMemberOfThemeTable, isStaffOf } from './policy.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const actor = (roles: Role[], organisationId: string | null = A): Actor => ({ userId: 'u', name: 'n', email: 'e', roles, organisationId });

describe('network record-level rules', () => {
  it('staff of this organisation: partner staff whose account belongs to it', () => {
    expect(isStaffOf(actor(['partner_staff']), A)).toBe(true);
    expect(isStaffOf(actor(['partner_staff']), B)).toBe(false);
    expect(isStaffOf(actor(['partner_staff'], null), A)).toBe(false);
    expect(isStaffOf(actor(['resident']), A)).toBe(false);
    expect(isStaffOf(null, A)).toBe(false);
  });

  it('acting for an organisation: its staff, or an administrator', () => {
    expect(actsForOrganisation(actor(['administrator'], null), B)).toBe(true);
    expect(actsForOrganisation(actor(['partner_staff']), A)).toBe(true);
    expect(actsForOrganisation(actor(['partner_staff']), B)).toBe(false);
    expect(actsForOrganisation(actor(['contract_manager']), A)).toBe(false);
    expect(actsForOrganisation(undefined, A)).toBe(false);
  });

  it('chair of a theme table: a policy advisor of the municipality', () => {
    const municipality = { id: A, type: 'municipality' };
    expect(chairsThemeTable(actor(['policy_advisor']), municipality)).toBe(true);
    expect(chairsThemeTable(actor(['policy_advisor']), { id: A, type: 'core-partner' })).toBe(false);
    expect(chairsThemeTable(actor(['partner_staff']), municipality)).toBe(false);
    expect(chairsThemeTable(actor(['policy_advisor'], B), municipality)).toBe(false);
    expect(chairsThemeTable(actor(['policy_advisor']), null)).toBe(false);
  });

  it('member of a theme table: staff of an organisation working on the theme', () => {
    const org = { id: A, themes: ['ontmoeten'] };
    expect(isMemberOfThemeTable(actor(['partner_staff']), 'ontmoeten', org)).toBe(true);
    expect(isMemberOfThemeTable(actor(['partner_staff']), 'financien', org)).toBe(false);
    expect(isMemberOfThemeTable(actor(['partner_staff'], B), 'ontmoeten', org)).toBe(false);
  });

  it('broker in a district: a social broker whose organisation works there', () => {
    const org = { id: A, districts: ['noord'] };
    expect(isBrokerIn(actor(['social_broker']), 'noord', org)).toBe(true);
    expect(isBrokerIn(actor(['social_broker']), 'oost', org)).toBe(false);
    expect(isBrokerIn(actor(['partner_staff']), 'noord', org)).toBe(false);
    expect(isBrokerIn(actor(['social_broker'], B), 'noord', org)).toBe(false);
  });
});
