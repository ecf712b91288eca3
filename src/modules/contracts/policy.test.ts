// The contracts module's record-level rules.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { managesContracts, isContractorStaff, decidesSubcontractors, readsContract } from './policy.ts';

const actor = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: 'u', name: 'n', email: 'e', roles, organisationId });
const contract = { contractorOrganisationId: 'vanhier' };

describe('contracts policy', () => {
  it('managesContracts: policy advisors and administrators only', () => {
    expect(managesContracts(actor(['policy_advisor']))).toBe(true);
    expect(managesContracts(actor(['administrator']))).toBe(true);
    for (const r of ['contract_manager', 'partner_staff', 'auditor', 'resident'] as Role[]) expect(managesContracts(actor([r], 'vanhier'))).toBe(false);
  });
  it('isContractorStaff / decidesSubcontractors: contract managers and partner staff of the contractor; administrators decide too', () => {
    expect(isContractorStaff(actor(['contract_manager'], 'vanhier'), contract)).toBe(true);
    expect(isContractorStaff(actor(['partner_staff'], 'vanhier'), contract)).toBe(true);
    expect(isContractorStaff(actor(['volunteer'], 'vanhier'), contract)).toBe(false);
    expect(isContractorStaff(actor(['contract_manager'], 'gemeente'), contract)).toBe(false);
    expect(decidesSubcontractors(actor(['administrator']), contract)).toBe(true);
    expect(decidesSubcontractors(actor(['policy_advisor']), contract)).toBe(false);
    expect(decidesSubcontractors(null, contract)).toBe(false);
  });
  it('readsContract: managers, auditors, the contractor, and the municipality’s contract managers', () => {
    expect(readsContract(actor(['auditor']), contract, null)).toBe(true);
    expect(readsContract(actor(['policy_advisor']), contract, 'municipality')).toBe(true);
    expect(readsContract(actor(['contract_manager'], 'vanhier'), contract, 'cooperative')).toBe(true);
    expect(readsContract(actor(['contract_manager'], 'gemeente'), contract, 'municipality')).toBe(true);
    expect(readsContract(actor(['contract_manager'], 'other'), contract, 'subcontractor')).toBe(false);
    expect(readsContract(actor(['partner_staff'], 'sub'), contract, 'subcontractor')).toBe(false);
    expect(readsContract(null, contract, null)).toBe(false);
  });
});
