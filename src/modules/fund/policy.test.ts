// The fund's record-level rules.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { managesFund, appliesFor, readsApplication, readsFundFigures } from './policy.ts';

const actor = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: 'u', name: 'n', email: 'e', roles, organisationId });
const runBy = { managerOrganisationId: 'vanhier' };
const municipal = { managerOrganisationId: null };

describe('fund policy', () => {
  it('managesFund: policy advisors and administrators; contract managers only of the organisation that runs it', () => {
    expect(managesFund(actor(['policy_advisor']), municipal)).toBe(true);
    expect(managesFund(actor(['administrator']), runBy)).toBe(true);
    expect(managesFund(actor(['contract_manager'], 'vanhier'), runBy)).toBe(true);
    expect(managesFund(actor(['contract_manager'], 'gemeente'), runBy)).toBe(false);
    expect(managesFund(actor(['contract_manager'], 'vanhier'), municipal)).toBe(false);
    expect(managesFund(actor(['partner_staff'], 'vanhier'), runBy)).toBe(false);
    expect(managesFund(actor(['auditor']), runBy)).toBe(false);
    expect(managesFund(null, runBy)).toBe(false);
  });
  it('appliesFor: the organisation’s own partner staff and volunteers, nobody else', () => {
    expect(appliesFor(actor(['volunteer'], 'club'), 'club')).toBe(true);
    expect(appliesFor(actor(['partner_staff'], 'club'), 'club')).toBe(true);
    expect(appliesFor(actor(['partner_staff'], 'other'), 'club')).toBe(false);
    expect(appliesFor(actor(['resident'], 'club'), 'club')).toBe(false);
    expect(appliesFor(actor(['administrator']), 'club')).toBe(false);
    expect(appliesFor(null, 'club')).toBe(false);
  });
  it('readsApplication: the managers and the applying organisation', () => {
    const app = { organisationId: 'club' };
    expect(readsApplication(actor(['volunteer'], 'club'), runBy, app)).toBe(true);
    expect(readsApplication(actor(['volunteer'], 'other'), runBy, app)).toBe(false);
    expect(readsApplication(actor(['policy_advisor']), runBy, app)).toBe(true);
    expect(readsApplication(actor(['contract_manager'], 'vanhier'), runBy, app)).toBe(true);
    expect(readsApplication(actor(['auditor']), runBy, app)).toBe(false);
  });
  it('readsFundFigures: managers, contract managers and auditors, not applicants or residents', () => {
    for (const r of ['policy_advisor', 'contract_manager', 'administrator', 'auditor'] as Role[]) expect(readsFundFigures(actor([r]))).toBe(true);
    for (const r of ['partner_staff', 'volunteer', 'resident', 'social_broker'] as Role[]) expect(readsFundFigures(actor([r]))).toBe(false);
  });
});
