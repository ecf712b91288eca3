// The indicators' record-level rule: who edits indicators, their values, targets and boundaries.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { editsIndicators } from './policy.ts';

const actor = (...roles: Role[]): Actor => ({ userId: 'u', name: 'X', email: 'x@test', roles, organisationId: null });

describe('editsIndicators', () => {
  it('is true for policy advisors and administrators only', () => {
    expect(editsIndicators(actor('policy_advisor'))).toBe(true);
    expect(editsIndicators(actor('administrator'))).toBe(true);
    for (const r of ['resident', 'volunteer', 'partner_staff', 'social_broker', 'contract_manager', 'auditor'] as Role[]) expect(editsIndicators(actor(r)), r).toBe(false);
    expect(editsIndicators(null)).toBe(false);
  });
});
