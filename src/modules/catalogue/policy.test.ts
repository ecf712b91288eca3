// The catalogue's record-level rule: who manages an organisation's activities.
import { describe, it, expect } from 'vitest';
import type { Actor, Role } from '../../platform/auth/roles.ts';
import { managesActivityOf } from './policy.ts';

const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';
const actor = (roles: Role[], organisationId: string | null = A): Actor => ({ userId: 'u', name: 'n', email: 'e', roles, organisationId });

describe('catalogue record-level rules', () => {
  it('activities are managed by the offering organisation’s staff and administrators', () => {
    expect(managesActivityOf(actor(['partner_staff']), A)).toBe(true);
    expect(managesActivityOf(actor(['partner_staff']), B)).toBe(false);
    expect(managesActivityOf(actor(['administrator'], null), B)).toBe(true);
    expect(managesActivityOf(actor(['social_broker']), A)).toBe(false);
    expect(managesActivityOf(null, A)).toBe(false);
  });
});
