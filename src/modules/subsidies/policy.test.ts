// The record-level rules of the subsidies module.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { hasConflictOfInterest, managesSubsidies, readsAllSubsidies, readsGrant, readsTable, sitsAtTable, writesApplication } from './policy.ts';

const actor = (roles: Role[], organisationId: string | null = null): Actor => ({ userId: 'u1', name: 'T', email: 't@x', roles, organisationId });
const A = 'org-a';
const B = 'org-b';

describe('subsidies record-level rules', () => {
  it('the municipality manages; the auditor and contract manager only read', () => {
    expect(managesSubsidies(actor(['policy_advisor']))).toBe(true);
    expect(managesSubsidies(actor(['administrator']))).toBe(true);
    for (const r of ['auditor', 'contract_manager', 'partner_staff', 'resident'] as Role[]) expect(managesSubsidies(actor([r])), r).toBe(false);
    expect(readsAllSubsidies(actor(['auditor']))).toBe(true);
    expect(readsAllSubsidies(actor(['partner_staff'], A))).toBe(false);
    expect(readsAllSubsidies(null)).toBe(false);
  });

  it('members of a table (staff of a member organisation) read and write its application; others do not', () => {
    expect(sitsAtTable(actor(['partner_staff'], A), [A, B])).toBe(true);
    expect(sitsAtTable(actor(['volunteer'], A), [A, B])).toBe(false);
    expect(sitsAtTable(actor(['partner_staff'], 'org-c'), [A, B])).toBe(false);
    expect(writesApplication(actor(['administrator']), [A])).toBe(true);
    expect(writesApplication(actor(['policy_advisor']), [A])).toBe(false);
    expect(readsTable(actor(['policy_advisor']), [A])).toBe(true);
    expect(readsTable(actor(['partner_staff'], 'org-c'), [A])).toBe(false);
  });

  it('a conflict of interest: the assessor’s organisation at the table, or a declaration', () => {
    expect(hasConflictOfInterest({ userId: 'u1', organisationId: A }, [A, B], [])).toBe(true);
    expect(hasConflictOfInterest({ userId: 'u1', organisationId: 'gemeente' }, [A, B], [])).toBe(false);
    expect(hasConflictOfInterest({ userId: 'u1', organisationId: null }, [A, B], ['u1'])).toBe(true);
    expect(hasConflictOfInterest({ userId: 'u2', organisationId: null }, [A, B], ['u1'])).toBe(false);
  });

  it('a grant: the municipality’s readers and the grantee’s staff', () => {
    expect(readsGrant(actor(['partner_staff'], A), { organisationId: A })).toBe(true);
    expect(readsGrant(actor(['partner_staff'], B), { organisationId: A })).toBe(false);
    expect(readsGrant(actor(['auditor']), { organisationId: A })).toBe(true);
  });
});
