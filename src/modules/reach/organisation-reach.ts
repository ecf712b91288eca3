// The number of unique residents an organisation reached in a period, for other modules (contracts: how many residents
// are affected when a subcontractor stops). Counted from the pseudonymous attendance it registered, never identities;
// the small-cell rule applies to everyone but the organisation itself.
import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { notFound } from '../../platform/http/errors.ts';
import { queryRows } from '../../platform/db/client.ts';
import { seesExactFiguresOf, readers } from './policy.ts';
import { discloseCount, type Count } from './disclosure.ts';
import { pgArray } from './report-query.ts';

export interface OrganisationReach {
  organisationId: string;
  from: string;
  to: string;
  /** Unique residents (keyed pseudonyms) at the sessions the organisation registered, disclosed for this reader. */
  residents: Count;
  /** True when the count is exact (the organisation's own staff or volunteers). */
  exact: boolean;
}

/** Unique residents reached by each organisation between two dates (inclusive), one statement for all. */
export async function residentsReachedBy(ctx: ServiceContext, organisationIds: string[], from: string, to: string): Promise<Map<string, OrganisationReach>> {
  if (!hasRole(ctx.actor, ...readers)) throw notFound();
  const out = new Map<string, OrganisationReach>();
  if (!organisationIds.length) return out;
  const rows = await queryRows<{ organisation_id: string; n: number }>(
    ctx.db,
    sql`select organisation_id, count(distinct pseudonym)::int as n from reach_attendance
        where tenant_id = ${ctx.tenant} and date between ${from} and ${to} and organisation_id = any(${pgArray(organisationIds)}::uuid[])
        group by organisation_id`,
  );
  const counts = new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
  for (const id of organisationIds) {
    const exact = seesExactFiguresOf(ctx.actor, id);
    out.set(id, { organisationId: id, from, to, residents: discloseCount(counts.get(id) ?? 0, exact), exact });
  }
  return out;
}
