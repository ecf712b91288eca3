// The queries behind the reach report, designed for a city-year of a million attendance rows. Everything the report
// needs about identified visits comes from ONE statement: groups per resident, activity, organisation, wijk and
// target groups (visits, and visits per month packed into two integers) — tens of thousands of groups for a million
// rows — sorted by resident and numbered (the pseudonym itself is not returned). For a period of whole months (the
// default: a year) they are read from reach_visit_summary, which triggers keep equal to the aggregate of
// reach_attendance over held sessions in the same transaction as every write (migration reach_summary_triggers);
// for any other period they are grouped from reach_attendance itself, with the same result. From those groups
// attendanceFigures counts in memory, in one walk, the unique residents per category (theme, sub-goal, organisation,
// month, quarter, wijk, district, target group), the overlap between organisations and the identified visits per
// category. No query per cell. Sessions, headcounts and volunteers come from reach_sessions (one row per session).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import { wholeMonths } from '../../platform/dates.ts';
import type { ActivityMeta, ReportFilters, ReportRefs } from './report-filters.ts';

export const UNKNOWN = '';

/** A PostgreSQL array literal of strings (passed as one parameter and cast in SQL). */
export const pgArray = (xs: (string | number | bigint)[]) => `{${xs.map((x) => (typeof x === 'string' ? `"${x.replace(/["\\]/g, '\\$&')}"` : String(x))).join(',')}}`;

export type Dim = 'theme' | 'subGoal' | 'organisation' | 'month' | 'quarter' | 'wijk' | 'district' | 'targetGroup';

export interface AttendanceScope {
  filters: ReportFilters;
  from: string;
  to: string;
  refs: ReportRefs;
  meta: ActivityMeta[];
  /** Activity ids allowed by theme/sub-goal/activity filters; null = all. */
  activityIds: string[] | null;
  orgIds: string[];
}

/**
 * The WHERE conditions every attendance query shares (tenant, filters; the period when `dates`). The same on
 * reach_attendance and reach_visit_summary (alias `r`): there an unknown wijk is '' instead of null, which every
 * condition below treats alike (no wijk code is '').
 */
export function attendanceWhere(ctx: ServiceContext, s: AttendanceScope, dates = true): SQL {
  const f = s.filters;
  const parts: SQL[] = [sql`r.tenant_id = ${ctx.tenant}`];
  if (dates) parts.push(sql`r.date between ${s.from} and ${s.to}`);
  if (s.activityIds) parts.push(sql`r.activity_id = any(${pgArray(s.activityIds)}::uuid[])`);
  if (f.organisation) parts.push(sql`r.organisation_id = ${f.organisation}`);
  if (f.wijk) parts.push(sql`r.wijk_code = ${f.wijk}`);
  if (f.targetGroup) parts.push(sql`${f.targetGroup} = any(r.target_groups)`);
  if (f.district) {
    const inDistrict = s.refs.wijken.filter((w) => w.districtCode === f.district).map((w) => w.code);
    const all = s.refs.wijken.map((w) => w.code);
    const acts = s.meta.filter((a) => a.districtCode === f.district).map((a) => a.id);
    parts.push(sql`(r.wijk_code = any(${pgArray(inDistrict)}::text[]) or (not coalesce(r.wijk_code = any(${pgArray(all)}::text[]), false) and r.activity_id = any(${pgArray(acts)}::uuid[])))`);
  }
  return sql.join(parts, sql` and `);
}

export interface AttendanceFigures {
  /** Unique residents per category, keyed `dim:key` (a resident counts once per category). */
  residents: Map<string, number>;
  /** Identified visits per category, keyed `dim:key`. */
  visits: Map<string, number>;
  /** Unique residents in all. */
  unique: number;
  /** Identified visits in all. */
  identified: number;
  /** Residents reached by two or more organisations. */
  overlap: number;
  /** Per organisation: its residents also reached by another organisation. */
  orgOverlap: Map<string, number>;
}

/** One group of the attendance statement (see attendanceQuery). */
export interface Level1 {
  rid: number;
  activity_id: string;
  organisation_id: string;
  wijk_code: string | null;
  target_groups: string[] | null;
  v: number;
  ma: number;
  mb: number;
}

/**
 * The one statement over reach_attendance: groups per resident (numbered, `rid`, in pseudonym order), activity,
 * organisation, wijk and target groups, with the visits and the visits per month in 5-bit fields (one session per
 * activity and date, so a field stays under 32): months 1–6 in `ma`, 7–12 in `mb`. Visits of held sessions only
 * (a session registered as cancelled counts none; the few such sessions are found by reach_sessions_not_held_idx).
 * Used for a period that does not consist of whole months; otherwise summaryQuery gives the same groups.
 */
export function attendanceQuery(ctx: ServiceContext, s: AttendanceScope): SQL {
  return sql`
    with q as (
      select r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, count(*)::int as v,
        sum(1::int8 << ((r.m - 1) * 5))::int8 as mc
      from (select r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, date_part('month', r.date)::int as m from reach_attendance r
            where ${attendanceWhere(ctx, s)}
              and not exists (select 1 from reach_sessions x where x.tenant_id = r.tenant_id and x.id = r.session_id and x.status <> 'held')) r
      group by r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups
    )
    select dense_rank() over (order by q.pseudonym)::int as rid, q.activity_id, q.organisation_id, q.wijk_code, q.target_groups, q.v,
      (q.mc & 1073741823)::int as ma, (q.mc >> 30)::int as mb
    from q
    order by rid`;
}

/**
 * The same groups as attendanceQuery, from reach_visit_summary (one row per resident, activity, organisation, wijk,
 * target groups and year, with the visits per month; kept equal to reach_attendance by triggers): for a period of
 * whole months `first`…`last` of the year. A city-year is some 40,000 summary rows instead of a million attendance
 * rows, read in the order of the primary key (tenant, year, pseudonym, …): already per resident.
 */
export function summaryQuery(ctx: ServiceContext, s: AttendanceScope, months: { first: number; last: number }): SQL {
  const inRange = (m: number) => m >= months.first && m <= months.last;
  const all = Array.from({ length: 12 }, (_, i) => i + 1);
  const column = (m: number) => sql.raw(`r.m${m}`);
  const visits = sql.join(all.filter(inRange).map(column), sql` + `);
  // The month fields as attendanceQuery packs them (each month's count stays under 32: see there).
  const packed = (ms: number[], shift: number) => {
    const used = ms.filter(inRange);
    return used.length ? sql.join(used.map((m) => sql`(${column(m)}::int << ${sql.raw(String((m - shift) * 5))})`), sql` | `) : sql`0`;
  };
  return sql`
    select dense_rank() over (order by q.pseudonym)::int as rid, q.activity_id, q.organisation_id, nullif(q.wijk_code, '') as wijk_code, q.target_groups, q.v, q.ma, q.mb
    from (
      select r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, (${visits})::int as v,
        (${packed(all.slice(0, 6), 1)})::int as ma, (${packed(all.slice(6), 7)})::int as mb
      from reach_visit_summary r
      where ${attendanceWhere(ctx, s, false)} and r.year = ${Number(s.from.slice(0, 4))}
    ) q
    where q.v > 0
    order by q.pseudonym, q.activity_id, q.organisation_id, q.wijk_code, q.target_groups`;
}

/**
 * Reads the groups of the period — from the summary for whole months, otherwise from reach_attendance (that
 * statement with room to hash in memory: one report, once) — and counts the categories.
 */
export async function attendanceFigures(ctx: ServiceContext, s: AttendanceScope): Promise<AttendanceFigures> {
  const months = wholeMonths(s.from, s.to);
  const rows = await inTransaction(ctx, async (tx) => {
    // Room to hash and sort in memory (one report, once): the groups of a city-year are some 40,000 to 150,000 rows.
    await tx.db.execute(sql`set local work_mem = '64MB'`);
    // The planner can over-estimate the attendance statement enough to switch on JIT compilation: seconds of
    // compiling for a query that runs in well under one. Off for this statement.
    await tx.db.execute(sql`set local jit = off`);
    return queryRows<Level1>(tx.db, months ? summaryQuery(ctx, s, months) : attendanceQuery(ctx, s));
  });
  return countAttendance(s, rows);
}

/** The category counts of the level-1 groups (sorted by `rid`), in one walk. Exported for the tests. */
export function countAttendance(s: Pick<AttendanceScope, 'refs' | 'meta' | 'orgIds'>, rows: Level1[]): AttendanceFigures {
  // Every category key gets a number once; the walk then only indexes typed arrays.
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const id = (k: string) => {
    let n = ids.get(k);
    if (n === undefined) {
      ids.set(k, (n = keys.length));
      keys.push(k);
    }
    return n;
  };
  const unknownWijk = id(`wijk:${UNKNOWN}`);
  const unknownDistrict = id(`district:${UNKNOWN}`);
  const wijken = new Map(s.refs.wijken.map((w) => [w.code, [id(`wijk:${w.code}`), id(`district:${w.districtCode ?? UNKNOWN}`)] as const]));
  const targetGroups = new Set(s.refs.targetGroups.map((g) => g.key));
  const orgs = new Set(s.orgIds);
  const acts = new Map(s.meta.map((a) => [a.id, { cats: [...a.themes.map((t) => id(`theme:${t}`)), ...a.subGoals.map((g) => id(`subGoal:${g}`))], district: id(`district:${a.districtCode ?? UNKNOWN}`) }]));
  const months = Array.from({ length: 12 }, (_, i) => [id(`month:${i + 1}`), id(`quarter:${Math.ceil((i + 1) / 3)}`)]);
  const orgIds = new Map<string, number>();
  const orgOf = (o: string) => {
    let n = orgIds.get(o);
    if (n === undefined) orgIds.set(o, (n = id(`organisation:${o}`)));
    return n;
  };
  const tgIds = new Map<string, number>();
  const tgOf = (g: string) => {
    let n = tgIds.get(g);
    if (n === undefined) tgIds.set(g, (n = id(`targetGroup:${g}`)));
    return n;
  };
  let size = 1024;
  let seenBy = new Int32Array(size).fill(-1); // the last resident counted in each category
  let residentsOf = new Float64Array(size);
  let visitsOf = new Float64Array(size);
  const room = () => {
    if (keys.length <= size) return;
    while (size < keys.length) size *= 2;
    const seenBefore = seenBy;
    seenBy = new Int32Array(size).fill(-1);
    seenBy.set(seenBefore);
    const residentsBefore = residentsOf;
    residentsOf = new Float64Array(size);
    residentsOf.set(residentsBefore);
    const visitsBefore = visitsOf;
    visitsOf = new Float64Array(size);
    visitsOf.set(visitsBefore);
  };
  room();
  const orgOverlap = new Map<string, number>();
  let unique = 0;
  let identified = 0;
  let overlap = 0;
  let current = -1;
  const mine = new Set<string>();
  const seen = (c: number) => {
    if (seenBy[c] !== current) {
      seenBy[c] = current;
      residentsOf[c]++;
    }
  };
  const flush = () => {
    if (mine.size >= 2) {
      overlap++;
      for (const o of mine) orgOverlap.set(o, (orgOverlap.get(o) ?? 0) + 1);
    }
    mine.clear();
  };
  for (const r of rows) {
    const rid = Number(r.rid);
    if (rid !== current) {
      flush();
      current = rid;
      unique++;
    }
    const v = Number(r.v);
    identified += v;
    const a = acts.get(r.activity_id);
    const org = orgOf(r.organisation_id);
    const tgs = (r.target_groups ?? []).map(tgOf);
    room();
    // Theme and sub-goals through the activity.
    for (const c of a?.cats ?? []) {
      seen(c);
      visitsOf[c] += v;
    }
    // Organisation (residents: of the range's organisations only).
    visitsOf[org] += v;
    if (orgs.has(r.organisation_id)) {
      seen(org);
      mine.add(r.organisation_id);
    }
    // Wijk and district of residence; unknown residence counts under the activity's district and "wijk onbekend".
    const known = r.wijk_code === null ? undefined : wijken.get(r.wijk_code);
    if (known) {
      for (const c of known) {
        seen(c);
        visitsOf[c] += v;
      }
    } else {
      const d = a?.district ?? unknownDistrict;
      seen(d);
      seen(unknownWijk);
      visitsOf[unknownWijk] += v;
      visitsOf[d] += v;
    }
    // Months and quarters: visits per month in 5-bit fields.
    for (let m = 0; m < 12; m++) {
      const n = m < 6 ? (Number(r.ma) >>> (m * 5)) & 31 : (Number(r.mb) >>> ((m - 6) * 5)) & 31;
      if (n === 0) continue;
      for (const c of months[m]) {
        seen(c);
        visitsOf[c] += n;
      }
    }
    // Target groups of the participant (residents: of the framework's list only).
    (r.target_groups ?? []).forEach((g, i) => {
      visitsOf[tgs[i]] += v;
      if (targetGroups.has(g)) seen(tgs[i]);
    });
  }
  flush();
  const residents = new Map<string, number>();
  const visits = new Map<string, number>();
  keys.forEach((k, i) => {
    if (residentsOf[i] > 0) residents.set(k, residentsOf[i]);
    if (visitsOf[i] > 0) visits.set(k, visitsOf[i]);
  });
  return { residents, visits, unique, identified, overlap, orgOverlap };
}

export interface SessionGroup {
  activityId: string;
  organisationId: string;
  month: number;
  held: number;
  cancelled: number;
  anonymous: number;
  hours: number;
  volunteers: number;
  volunteerHours: number;
}

/** Sessions per activity, organisation and month (held, cancelled, anonymous visits, hours, volunteer turns and hours). */
export async function sessionGroups(ctx: ServiceContext, s: Pick<AttendanceScope, 'filters' | 'from' | 'to' | 'activityIds' | 'meta'>): Promise<SessionGroup[]> {
  const f = s.filters;
  const parts: SQL[] = [sql`s.tenant_id = ${ctx.tenant}`, sql`s.date between ${s.from} and ${s.to}`];
  if (s.activityIds) parts.push(sql`s.activity_id = any(${pgArray(s.activityIds)}::uuid[])`);
  if (f.organisation) parts.push(sql`s.organisation_id = ${f.organisation}`);
  if (f.district) parts.push(sql`s.activity_id = any(${pgArray(s.meta.filter((a) => a.districtCode === f.district).map((a) => a.id))}::uuid[])`);
  // A city-year is some 20,000 groups: room to hash them in memory (the default work_mem spills them to disk).
  const rows = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Record<string, string | number>>(
      tx.db,
      sql`
      select s.activity_id, s.organisation_id, date_part('month', s.date)::int as m,
        count(*) filter (where s.status = 'held')::int as held,
        count(*) filter (where s.status = 'cancelled')::int as cancelled,
        coalesce(sum(s.headcount + s.imported_anonymous) filter (where s.status = 'held'), 0)::int as anonymous,
        coalesce(sum(s.hours) filter (where s.status = 'held'), 0)::float8 as hours,
        coalesce(sum(s.volunteers) filter (where s.status = 'held'), 0)::int as volunteers,
        coalesce(sum(s.volunteer_hours) filter (where s.status = 'held'), 0)::float8 as volunteer_hours
      from reach_sessions s
      where ${sql.join(parts, sql` and `)}
      group by s.activity_id, s.organisation_id, date_part('month', s.date)`,
    );
  });
  return rows.map((r) => ({
    activityId: String(r.activity_id),
    organisationId: String(r.organisation_id),
    month: Number(r.m),
    held: Number(r.held),
    cancelled: Number(r.cancelled),
    anonymous: Number(r.anonymous),
    hours: Number(r.hours),
    volunteers: Number(r.volunteers),
    volunteerHours: Number(r.volunteer_hours),
  }));
}

/** Organisations that registered sessions in the range (for the organisation masks). */
export async function organisationsInRange(ctx: ServiceContext, from: string, to: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(ctx.db, sql`select distinct organisation_id as id from reach_sessions where tenant_id = ${ctx.tenant} and date between ${from} and ${to}`);
  return rows.map((r) => r.id);
}

/** Planned reach rows of the year's plan entries: theme, organisation, activity, sub-goals, target group, district. */
export interface TargetRow {
  entryId: string;
  theme: string;
  activityId: string;
  organisationId: string;
  subGoals: string[];
  targetGroup: string;
  districtCode: string;
  planned: number;
}

export async function planTargets(ctx: ServiceContext, year: number): Promise<TargetRow[]> {
  const rows = await queryRows<{ entry_id: string; theme_slug: string; activity_id: string; organisation_id: string; sub_goals: string[]; target_group: string; district_code: string; planned_residents: number }>(
    ctx.db,
    sql`
    select e.id as entry_id, p.theme_slug, e.activity_id, e.organisation_id, e.sub_goals, t.target_group, t.district_code, t.planned_residents
    from reach_plan_targets t
    join reach_plan_entries e on e.tenant_id = t.tenant_id and e.id = t.entry_id
    join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id
    where t.tenant_id = ${ctx.tenant} and p.year = ${year}`,
  );
  return rows.map((r) => ({ entryId: r.entry_id, theme: r.theme_slug, activityId: r.activity_id, organisationId: r.organisation_id, subGoals: r.sub_goals, targetGroup: r.target_group, districtCode: r.district_code, planned: Number(r.planned_residents) }));
}

/**
 * Planned residents of the entries for a target group and/or district. Per entry: the rows for exactly the asked
 * values; for a dimension not asked, the entry's "all" row ('') when it has one, otherwise the sum over its values.
 */
export function plannedFor(rows: TargetRow[], want: { targetGroup?: string; district?: string }): number {
  const byEntry = new Map<string, TargetRow[]>();
  for (const r of rows) byEntry.set(r.entryId, [...(byEntry.get(r.entryId) ?? []), r]);
  let total = 0;
  for (const list of byEntry.values()) {
    let rs = list.filter((r) => (want.targetGroup === undefined || r.targetGroup === want.targetGroup) && (want.district === undefined || r.districtCode === want.district));
    if (want.targetGroup === undefined && rs.some((r) => r.targetGroup === '')) rs = rs.filter((r) => r.targetGroup === '');
    if (want.district === undefined && rs.some((r) => r.districtCode === '')) rs = rs.filter((r) => r.districtCode === '');
    total += rs.reduce((a, r) => a + r.planned, 0);
  }
  return total;
}
