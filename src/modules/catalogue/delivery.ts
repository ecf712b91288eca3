// Who delivers an activity (joint delivery: its own organisation and its partner organisations), and the short view
// of activities that the reach module's accountability plans use. Re-exported by service.ts.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { activities } from './schema.ts';
import type { ServiceContext } from '../../platform/context.ts';

/** Does this organisation deliver the activity: its own organisation, or one of the partners it is delivered jointly with? */
export function deliversActivity(activity: { organisationId: string; partnerOrganisationIds: readonly string[] }, organisationId: string): boolean {
  return activity.organisationId === organisationId || activity.partnerOrganisationIds.includes(organisationId);
}

export interface ActivitySummary {
  id: string;
  title: string;
  organisationId: string;
  partnerOrganisationIds: string[];
  themes: string[];
  status: 'draft' | 'published' | 'ended';
}

const summaryColumns = { id: activities.id, title: activities.title, organisationId: activities.organisationId, partnerOrganisationIds: activities.partnerOrganisationIds, themes: activities.themes, status: activities.status };

/** Activities by id, whatever their status (a plan may name a draft or an ended activity): title and who delivers them. */
export async function getActivitySummaries(ctx: ServiceContext, ids: string[]): Promise<Map<string, ActivitySummary>> {
  const valid = [...new Set(ids)].filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!valid.length) return new Map();
  const rows = await ctx.db.select(summaryColumns).from(activities).where(and(eq(activities.tenantId, ctx.tenant), inArray(activities.id, valid)));
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Published and ended activities of a theme, or delivered by an organisation (its own or jointly), by title (the
 * choices of an accountability plan; the activity a complaint is about).
 */
export async function listActivitySummaries(ctx: ServiceContext, filter: { theme: string } | { organisationId: string }): Promise<ActivitySummary[]> {
  return ctx.db
    .select(summaryColumns)
    .from(activities)
    .where(
      and(
        eq(activities.tenantId, ctx.tenant),
        inArray(activities.status, ['published', 'ended']),
        'theme' in filter ? sql`${activities.themes} @> array[${filter.theme}]::text[]` : sql`(${activities.organisationId} = ${filter.organisationId} or ${filter.organisationId} = any(${activities.partnerOrganisationIds}))`,
      ),
    )
    .orderBy(asc(activities.title), asc(activities.id));
}
