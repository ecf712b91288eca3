// The queries behind the reach report, designed for a city-year of a million attendance rows. Everything the report
// needs from reach_attendance comes from ONE statement with one pass over the rows (the date index):
//  - level 1 groups the rows per resident, activity, organisation, wijk and target groups (visits, months seen,
//    visits per month packed into one integer);
//  - from it, per resident, bit masks of every category they were seen in (theme, sub-goal, organisation, month,
//    wijk, district, target group), grouped again by identical masks; the few resulting rows are counted per bit
//    in report.ts. The small tables (activities, organisations, wijken) are passed as arrays and hash-joined once;
//  - and, from the same level 1, the visits per activity, organisation, wijk, target groups and month (GROUPING SETS).
// No query per cell. Sessions, headcounts and volunteers come from reach_sessions (one row per session: small).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../platform/db/client.ts';
import { inTransaction, type ServiceContext } from '../../platform/context.ts';
import type { ActivityMeta, ReportFilters, ReportRefs } from './report-filters.ts';

const BITS_PER_SLOT = 62;
export const UNKNOWN = '';

/** A PostgreSQL array literal of strings (passed as one parameter and cast in SQL). */
export const pgArray = (xs: (string | number | bigint)[]) => `{${xs.map((x) => (typeof x === 'string' ? `"${x.replace(/["\\]/g, '\\$&')}"` : String(x))).join(',')}}`;

export type Dim = 'theme' | 'subGoal' | 'organisation' | 'month' | 'wijk' | 'district' | 'targetGroup';

/** Bit positions of every category of every dimension, in slots of 62 bits (bigint columns). */
export class BitLayout {
  private pos = new Map<string, number>();
  readonly entries: { dim: Dim; key: string; slot: number; bit: bigint }[] = [];
  add(dim: Dim, key: string) {
    const k = `${dim}\u0000${key}`;
    if (this.pos.has(k)) return;
    const p = this.entries.length;
    this.pos.set(k, p);
    this.entries.push({ dim, key, slot: Math.floor(p / BITS_PER_SLOT), bit: 1n << BigInt(p % BITS_PER_SLOT) });
  }
  get slots() {
    return Math.max(1, Math.ceil(this.entries.length / BITS_PER_SLOT));
  }
  /** The slot values (one bigint per slot) of a set of categories. */
  mask(items: [Dim, string][]): bigint[] {
    const out = Array.from({ length: this.slots }, () => 0n);
    for (const [dim, key] of items) {
      const p = this.pos.get(`${dim}\u0000${key}`);
      if (p !== undefined) out[Math.floor(p / BITS_PER_SLOT)] |= 1n << BigInt(p % BITS_PER_SLOT);
    }
    return out;
  }
}

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

const col = (name: string, i: number) => sql.raw(`${name}${i + 1}`);
const slotsOf = (n: number) => Array.from({ length: n }, (_, i) => i);

/** The WHERE conditions every attendance query shares (tenant, dates, filters). */
export function attendanceWhere(ctx: ServiceContext, s: AttendanceScope): SQL {
  const f = s.filters;
  const parts: SQL[] = [sql`r.tenant_id = ${ctx.tenant}`, sql`r.date between ${s.from} and ${s.to}`];
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

export interface ResidentGroup {
  residents: number;
  visits: number;
  masks: bigint[];
}

export interface VisitGroup {
  set: 'activity' | 'organisation' | 'wijk' | 'targetGroups' | 'month';
  activityId: string | null;
  wijkKnown: boolean | null;
  organisationId: string | null;
  wijkCode: string | null;
  targetGroups: string[] | null;
  month: number | null;
  visits: number;
}

export interface AttendanceFigures {
  layout: BitLayout;
  groups: ResidentGroup[];
  visits: VisitGroup[];
}

/**
 * Everything the report needs from reach_attendance, in one statement with one pass over the rows (the date index):
 * level 1 groups the rows per resident, activity, organisation, wijk and target groups (visits, months seen, visits
 * per month); from it, (a) per resident the category masks, grouped by identical masks, and (b) the visits per
 * activity, organisation, wijk, target groups and month.
 */
export function attendanceQuery(ctx: ServiceContext, s: AttendanceScope): { layout: BitLayout; query: SQL; slots: number[] } {
  const L = new BitLayout();
  for (let m = 1; m <= 12; m++) L.add('month', String(m)); // months first: positions 0..11 of slot 1
  for (const t of s.refs.themes) L.add('theme', t.slug);
  for (const g of s.refs.subGoals) L.add('subGoal', g.key);
  for (const g of s.refs.targetGroups) L.add('targetGroup', g.key);
  for (const d of s.refs.districts) L.add('district', d.code);
  L.add('district', UNKNOWN);
  for (const w of s.refs.wijken) L.add('wijk', w.code);
  L.add('wijk', UNKNOWN);
  for (const o of s.orgIds) L.add('organisation', o);
  const S = slotsOf(L.slots);
  const districtOf = new Map(s.refs.wijken.map((w) => [w.code, w.districtCode ?? UNKNOWN]));

  // Per activity: its themes and sub-goals; and, for visitors without a known wijk, the activity's district.
  const actIds = s.meta.map((a) => a.id);
  const actBits = s.meta.map((a) => L.mask([...a.themes.map((t): [Dim, string] => ['theme', t]), ...a.subGoals.map((g): [Dim, string] => ['subGoal', g])]));
  const actFallback = s.meta.map((a) => L.mask([['district', a.districtCode ?? UNKNOWN], ['wijk', UNKNOWN]]));
  const orgBits = s.orgIds.map((o) => L.mask([['organisation', o]]));
  const wijkCodes = s.refs.wijken.map((w) => w.code);
  const wijkBits = wijkCodes.map((w) => L.mask([['wijk', w], ['district', districtOf.get(w) ?? UNKNOWN]]));
  const unknownBoth = L.mask([['district', UNKNOWN], ['wijk', UNKNOWN]]);
  const tgBits = s.refs.targetGroups.map((g) => ({ key: g.key, mask: L.mask([['targetGroup', g.key]]) }));

  const arr = (xs: bigint[]) => sql`${pgArray(xs)}::int8[]`;
  const actCols = sql.join([sql`${pgArray(actIds)}::uuid[]`, ...S.map((i) => arr(actBits.map((b) => b[i]))), ...S.map((i) => arr(actFallback.map((b) => b[i])))], sql`, `);
  const actNames = sql.raw(['id', ...S.map((i) => `b${i + 1}`), ...S.map((i) => `f${i + 1}`)].join(', '));
  const orgCols = sql.join([sql`${pgArray(s.orgIds)}::uuid[]`, ...S.map((i) => arr(orgBits.map((b) => b[i])))], sql`, `);
  const orgNames = sql.raw(['id', ...S.map((i) => `b${i + 1}`)].join(', '));
  const wkCols = sql.join([sql`${pgArray(wijkCodes)}::text[]`, ...S.map((i) => arr(wijkBits.map((b) => b[i])))], sql`, `);
  const wkNames = sql.raw(['code', ...S.map((i) => `b${i + 1}`)].join(', '));

  const slotExpr = (i: number) => {
    const parts: SQL[] = [
      sql`coalesce(act.${col('b', i)}, 0)`,
      sql`coalesce(org.${col('b', i)}, 0)`,
      sql`coalesce(wk.${col('b', i)}, act.${col('f', i)}, ${sql.raw(String(unknownBoth[i]))})`,
    ];
    if (i === 0) parts.push(sql`q.mo`);
    parts.push(sql`tg.${col('t', i)}`);
    return sql`bit_or(${sql.join(parts, sql` | `)}) as ${col('s', i)}`;
  };
  const months = Array.from({ length: 12 }, (_, i) => i + 1);
  const nulls = (n: number) => sql.raw(Array.from({ length: n }, () => 'null').join(', '));
  const sCols = sql.join(S.map((i) => col('s', i)), sql`, `);

  const query = sql`
    with q as materialized (
      select r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, count(*) as v,
        bit_or(1::int8 << (r.m - 1)) as mo,
        -- visits per month packed in 5-bit fields: one session per activity and date, so a field stays under 32
        sum(1::int8 << ((r.m - 1) * 5))::int8 as mc
      from (select r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups, date_part('month', r.date)::int as m from reach_attendance r where ${attendanceWhere(ctx, s)}) r
      group by r.pseudonym, r.activity_id, r.organisation_id, r.wijk_code, r.target_groups
    ),
    -- the target-group bits of each distinct list of target groups (few), joined back by the list
    tg as (
      select d.target_groups, ${sql.join(S.map((i) => sql`(0${sql.join(tgBits.filter((g) => g.mask[i] !== 0n).map((g) => sql` | (case when ${g.key} = any(d.target_groups) then ${sql.raw(String(g.mask[i]))}::int8 else 0 end)`), sql``)})::int8 as ${col('t', i)}`), sql`, `)}
      from (select distinct target_groups from q) d
    ),
    res as (
      select sum(q.v) as v, ${sql.join(S.map(slotExpr), sql`, `)}
      from q
      join tg on tg.target_groups = q.target_groups
      left join unnest(${actCols}) as act(${actNames}) on act.id = q.activity_id
      left join unnest(${orgCols}) as org(${orgNames}) on org.id = q.organisation_id
      left join unnest(${wkCols}) as wk(${wkNames}) on wk.code = q.wijk_code
      group by q.pseudonym
    )
    select 0 as g, count(*)::int as n, sum(v)::int as visits, ${sql.join(S.map((i) => sql`${col('s', i)}::text as ${col('s', i)}`), sql`, `)},
      null::uuid as activity_id, null::boolean as known, null::uuid as organisation_id, null::text as wijk_code, null::text[] as target_groups, ${sql.raw(months.map((m) => `null::int8 as m${m}`).join(', '))}
    from res group by ${sCols}
    union all
    select 1 + grouping(q.activity_id, kn.known, q.organisation_id, q.wijk_code, q.target_groups)::int, null, sum(q.v)::int, ${nulls(S.length)},
      q.activity_id, kn.known, q.organisation_id, q.wijk_code, q.target_groups, ${sql.raw(months.map((m) => `sum((q.mc >> ${(m - 1) * 5}) & 31)::int8`).join(', '))}
    from q left join unnest(${pgArray(wijkCodes)}::text[]) as kw(code) on kw.code = q.wijk_code
    cross join lateral (select kw.code is not null as known) kn
    group by grouping sets ((q.activity_id, kn.known), (q.organisation_id), (q.wijk_code), (q.target_groups), ())`;
  return { layout: L, query, slots: S };
}

/** Runs the attendance statement (with room to hash in memory: one report, once). */
export async function attendanceFigures(ctx: ServiceContext, s: AttendanceScope): Promise<AttendanceFigures> {
  const { layout, query, slots } = attendanceQuery(ctx, s);
  const rows = await inTransaction(ctx, async (tx) => {
    await tx.db.execute(sql`set local work_mem = '64MB'`);
    return queryRows<Record<string, string | number | boolean | string[] | null>>(tx.db, query);
  });
  const groups: ResidentGroup[] = [];
  const visits: VisitGroup[] = [];
  // grouping() bits, most significant first: activity, known, organisation, wijk, target groups (1 = not grouped).
  const setOf: Record<number, VisitGroup['set']> = { 0b00111: 'activity', 0b11011: 'organisation', 0b11101: 'wijk', 0b11110: 'targetGroups', 0b11111: 'month' };
  for (const r of rows) {
    const g = Number(r.g);
    if (g === 0) {
      groups.push({ residents: Number(r.n), visits: Number(r.visits), masks: slots.map((i) => BigInt(r[`s${i + 1}`] as string)) });
      continue;
    }
    const set = setOf[g - 1];
    const base = { activityId: r.activity_id as string | null, wijkKnown: r.known as boolean | null, organisationId: r.organisation_id as string | null, wijkCode: r.wijk_code as string | null, targetGroups: r.target_groups as string[] | null };
    if (set === 'month') {
      for (let m = 1; m <= 12; m++) if (Number(r[`m${m}`]) > 0) visits.push({ ...base, set, month: m, visits: Number(r[`m${m}`]) });
    } else if (set) visits.push({ ...base, set, month: null, visits: Number(r.visits) });
  }
  return { layout, groups, visits };
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
  const rows = await queryRows<Record<string, string | number>>(
    ctx.db,
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
