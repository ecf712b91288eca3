// Volunteers per organisation and activity: active volunteers (distinct volunteer pseudonyms), volunteer turns
// (sum of the sessions' number of volunteers) and volunteer hours, held sessions only. Same filters and the same
// small-cell rule as the reach report.
import { sql, type SQL } from 'drizzle-orm';
import type { ServiceContext } from '../../platform/context.ts';
import { queryRows } from '../../platform/db/client.ts';
import { getOrganisationNames } from '../network/service.ts';
import { reportScope, activityMeta, matchingActivities, type ReportFiltersInput, type ReportFilters } from './report-filters.ts';
import { pgArray } from './report-query.ts';
import { discloseColumn, discloseCount, discloseAmount, type Count, type Disclosure } from './disclosure.ts';

export interface VolunteerRow {
  organisationId: string;
  organisationName: string;
  activityId: string | null;
  activityTitle: string | null;
  activeVolunteers: Count;
  turns: Count;
  hours: number | 'x';
}

export interface VolunteersReport {
  filters: ReportFilters;
  disclosure: Disclosure;
  activeVolunteers: Count;
  turns: Count;
  hours: number | 'x';
  byOrganisation: VolunteerRow[];
  byActivity: VolunteerRow[];
}

export async function volunteersReport(ctx: ServiceContext, raw: ReportFiltersInput): Promise<VolunteersReport> {
  const scope = await reportScope(ctx, raw);
  const { filters: f, from, to } = scope;
  const exact = scope.disclosure.exact;
  const meta = await activityMeta(ctx, f.year, from, to);
  const ids = matchingActivities(meta, f);
  const parts: SQL[] = [sql`s.tenant_id = ${ctx.tenant}`, sql`s.date between ${from} and ${to}`, sql`s.status = 'held'`];
  if (ids) parts.push(sql`s.activity_id = any(${pgArray(ids)}::uuid[])`);
  if (f.organisation) parts.push(sql`s.organisation_id = ${f.organisation}`);
  if (f.district) parts.push(sql`s.activity_id = any(${pgArray(meta.filter((a) => a.districtCode === f.district).map((a) => a.id))}::uuid[])`);
  const where = sql.join(parts, sql` and `);
  // One statement: per (organisation, activity), per organisation, and in total (GROUPING SETS); distinct volunteers
  // come from the identified volunteers of those sessions.
  const rows = await queryRows<{ g: number; organisation_id: string | null; activity_id: string | null; active: number; turns: number; hours: number }>(
    ctx.db,
    sql`
    with ses as (select s.id, s.organisation_id, s.activity_id, s.volunteers, s.volunteer_hours from reach_sessions s where ${where}),
    vol as (select ses.organisation_id, ses.activity_id, v.pseudonym from reach_session_volunteers v join ses on ses.id = v.session_id where v.tenant_id = ${ctx.tenant}),
    a as (
      select grouping(organisation_id, activity_id)::int as g, organisation_id, activity_id, count(distinct pseudonym)::int as active
      from vol group by grouping sets ((organisation_id, activity_id), (organisation_id), ())
    ),
    b as (
      select grouping(organisation_id, activity_id)::int as g, organisation_id, activity_id, sum(volunteers)::int as turns, sum(volunteer_hours)::float8 as hours
      from ses group by grouping sets ((organisation_id, activity_id), (organisation_id), ())
    )
    select b.g, b.organisation_id, b.activity_id, coalesce(a.active, 0) as active, coalesce(b.turns, 0) as turns, coalesce(b.hours, 0) as hours
    from b left join a on a.g = b.g and a.organisation_id is not distinct from b.organisation_id and a.activity_id is not distinct from b.activity_id`,
  );
  const names = await getOrganisationNames(ctx, [...new Set(rows.map((r) => r.organisation_id).filter((x): x is string => !!x))]);
  const titles = new Map(meta.map((a) => [a.id, a.title]));
  const table = (all: typeof rows): VolunteerRow[] => {
    const list = all.filter((r) => Number(r.active) + Number(r.turns) + Number(r.hours) > 0);
    const active = discloseColumn(list.map((r) => Number(r.active)), exact);
    const turns = discloseColumn(list.map((r) => Number(r.turns)), exact);
    return list
      .map((r, i) => ({
        organisationId: r.organisation_id!,
        organisationName: names.get(r.organisation_id!) ?? r.organisation_id!,
        activityId: r.activity_id,
        activityTitle: r.activity_id ? (titles.get(r.activity_id) ?? r.activity_id) : null,
        activeVolunteers: active[i],
        turns: turns[i],
        hours: discloseAmount(Number(r.hours), turns[i], exact),
      }))
      .sort((x, y) => x.organisationName.localeCompare(y.organisationName, 'nl') || (x.activityTitle ?? '').localeCompare(y.activityTitle ?? '', 'nl'));
  };
  const total = rows.find((r) => Number(r.g) === 3);
  const active = discloseCount(Number(total?.active ?? 0), exact);
  const turns = discloseCount(Number(total?.turns ?? 0), exact);
  return {
    filters: f,
    disclosure: scope.disclosure,
    activeVolunteers: active,
    turns,
    hours: discloseAmount(Number(total?.hours ?? 0), turns, exact),
    byOrganisation: table(rows.filter((r) => Number(r.g) === 1)),
    byActivity: table(rows.filter((r) => Number(r.g) === 0)),
  };
}
