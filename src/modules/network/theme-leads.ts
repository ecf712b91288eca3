// Theme leads ("regie") are the 2021 report's data, stored by organisation id: this seed step of the network module
// resolves the names the report uses (kept as its wording) to the network's organisations.
import type { ServiceContext } from '../../platform/context.ts';
import { setThemeLeadIds } from '../framework/service.ts';
import { findOrganisationIdsByName } from './organisations.ts';

export async function resolveThemeLeads(ctx: ServiceContext): Promise<number> {
  return setThemeLeadIds(ctx, (names) => findOrganisationIdsByName(ctx, names));
}
