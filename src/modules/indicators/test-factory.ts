// Test helpers of the indicators module: actors and a minimal indicator.
import type { Actor } from '../../platform/auth/roles.ts';
import type { ServiceContext } from '../../platform/context.ts';
import { createIndicator, type IndicatorView } from './definitions.ts';

export const advisor: Actor = { userId: '', name: 'Beleidsadviseur', email: 'advisor@test', roles: ['policy_advisor'], organisationId: null };
export const auditor: Actor = { userId: '', name: 'Raadslid', email: 'raad@test', roles: ['auditor'], organisationId: null };
export const partner: Actor = { userId: '', name: 'Partner', email: 'partner@test', roles: ['partner_staff'], organisationId: null };

export const as = (ctx: ServiceContext, actor: Actor): ServiceContext => ({ ...ctx, actor, system: undefined });

let n = 0;
export function buildIndicator(ctx: ServiceContext, overrides: Partial<Parameters<typeof createIndicator>[1]> = {}): Promise<IndicatorView> {
  n++;
  return createIndicator(as(ctx, advisor), {
    key: `test-indicator-${n}`,
    name: `Testindicator ${n}`,
    source: 'Testbron',
    unit: '%',
    direction: 'down',
    areaLevels: ['gemeente', 'district', 'wijk', 'buurt'],
    themeSlugs: ['ontmoeten'],
    subGoalKeys: ['ontmoeten/2'],
    ...overrides,
  });
}
