// Filters of the reach reports (levels 1 and 2, volunteers): parsed and checked against the framework in one pass,
// and the reader's scope: who may read which figures, and whether they are exact (the small-cell rule).
import { sql } from 'drizzle-orm';
import { z } from '../../platform/zod.ts';
import { parseChecked, notFound, type FieldError } from '../../platform/http/errors.ts';
import { hasRole } from '../../platform/auth/roles.ts';
import { queryRows } from '../../platform/db/client.ts';
import { sideBySide, type ServiceContext } from '../../platform/context.ts';
import type { Unchecked } from '../../platform/zod.ts';
import { listPeriods, listThemes, listDistricts, listNeighbourhoods, listTargetGroups } from '../framework/service.ts';
import { organisationExists, getOrganisationNames } from '../network/service.ts';
import { seesExactFiguresOf, readers } from './policy.ts';
import { disclosureOf, type Disclosure } from './disclosure.ts';

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const opt = <T extends z.ZodType>(s: T) => z.preprocess(blankToUndefined, s.optional());

export const reportFiltersInput = z.object({
  year: z.preprocess(blankToUndefined, z.coerce.number().int().min(2000).max(2100)),
  from: opt(z.iso.date()),
  to: opt(z.iso.date()),
  theme: opt(z.string().max(80)),
  subGoal: opt(z.string().max(80)),
  targetGroup: opt(z.string().max(80)),
  district: opt(z.string().max(40)),
  wijk: opt(z.string().max(20)),
  organisation: opt(z.uuid()),
  activity: opt(z.uuid()),
});
export type ReportFilters = z.output<typeof reportFiltersInput>;
export type ReportFiltersInput = Unchecked<{ [K in keyof ReportFilters]?: string | number }>;
export const filterKeys = ['year', 'from', 'to', 'theme', 'subGoal', 'targetGroup', 'district', 'wijk', 'organisation', 'activity'] as const;

/** What a report needs from the framework and the network, read once per report (cached lists). */
export interface ReportRefs {
  themes: { slug: string; name: string }[];
  subGoals: { key: string; theme: string; text: string }[];
  targetGroups: { key: string; name: string }[];
  districts: { code: string; name: string }[];
  wijken: { code: string; name: string; districtCode: string | null }[];
  organisationName: (id: string) => string;
}

export async function loadRefs(ctx: ServiceContext, orgIds: string[] = []): Promise<ReportRefs> {
  const periods = await listPeriods(ctx);
  const themeLists = await sideBySide(ctx, periods.map((p) => () => listThemes(ctx, p.code)));
  const themes = new Map<string, { slug: string; name: string }>();
  const subGoals = new Map<string, { key: string; theme: string; text: string }>();
  for (const t of themeLists.flat()) {
    if (!themes.has(t.slug)) themes.set(t.slug, { slug: t.slug, name: t.name });
    for (const g of t.subGoalGroups) for (const s of g.subGoals) if (!subGoals.has(s.key)) subGoals.set(s.key, { key: s.key, theme: t.slug, text: s.text });
  }
  const lang = ctx.lang;
  const targetGroups = (await listTargetGroups(ctx)).map((g) => ({ key: g.key, name: g.name[lang] }));
  const districts = (await listDistricts(ctx)).map((d) => ({ code: d.code, name: d.name }));
  const wijken = (await listNeighbourhoods(ctx)).filter((n) => n.kind === 'wijk').map((n) => ({ code: n.code, name: n.name, districtCode: n.districtCode }));
  const names = await getOrganisationNames(ctx, orgIds);
  return { themes: [...themes.values()], subGoals: [...subGoals.values()], targetGroups, districts, wijken, organisationName: (id) => names.get(id) ?? id };
}

export interface ReportScope {
  filters: ReportFilters;
  from: string;
  to: string;
  refs: ReportRefs;
  disclosure: Disclosure;
}

const unknown = (field: string, message: string): FieldError => ({ field, code: 'unknown_reference', message });

/**
 * Access check and filters of every report. Readers: partner staff, volunteers (their own organisation only),
 * policy advisors, contract managers, administrators, auditors; anyone else gets "not found". Exact figures only
 * when the report is filtered to the reader's own organisation and the reader is its staff or volunteer.
 */
export async function reportScope(ctx: ServiceContext, raw: ReportFiltersInput): Promise<ReportScope> {
  const actor = ctx.actor;
  const platformWork = !!ctx.system && !actor; // the CLI, benchmarks, jobs: no reader
  if (!platformWork && !hasRole(actor, ...readers)) throw notFound();
  const refs = await loadRefs(ctx);
  const filters = await parseChecked(reportFiltersInput, raw, async (p) => {
    const errors: FieldError[] = [];
    if (p.theme && !refs.themes.some((t) => t.slug === p.theme)) errors.push(unknown('theme', 'reach.report.error.unknownTheme'));
    if (p.subGoal && !refs.subGoals.some((s) => s.key === p.subGoal)) errors.push(unknown('subGoal', 'reach.report.error.unknownSubGoal'));
    if (p.targetGroup && !refs.targetGroups.some((g) => g.key === p.targetGroup)) errors.push(unknown('targetGroup', 'reach.report.error.unknownTargetGroup'));
    if (p.district && !refs.districts.some((d) => d.code === p.district)) errors.push(unknown('district', 'error.unknownDistrict'));
    if (p.wijk && !refs.wijken.some((w) => w.code === p.wijk)) errors.push(unknown('wijk', 'error.unknownWijk'));
    if (p.organisation && !(await organisationExists(ctx, p.organisation))) errors.push(unknown('organisation', 'error.unknownOrganisation'));
    if (p.activity) {
      const found = await queryRows<{ id: string }>(ctx.db, sql`select id from activities where tenant_id = ${ctx.tenant} and id = ${p.activity}`);
      if (found.length === 0) errors.push(unknown('activity', 'reach.report.error.unknownActivity'));
    }
    if (p.year !== undefined) {
      for (const f of ['from', 'to'] as const) {
        const d = p[f];
        if (d && d.slice(0, 4) !== String(p.year)) errors.push({ field: f, code: 'out_of_range', message: 'reach.report.error.dateOutsideYear', params: { year: p.year } });
      }
      if (p.from && p.to && p.from > p.to) errors.push({ field: 'to', code: 'out_of_range', message: 'reach.report.error.toBeforeFrom' });
    }
    return errors;
  });
  // A volunteer (without a wider reading role) reads only the own organisation's figures.
  const onlyOwn = !platformWork && hasRole(actor, 'volunteer') && !hasRole(actor, 'partner_staff', 'policy_advisor', 'contract_manager', 'administrator', 'auditor');
  if (onlyOwn) {
    if (!actor?.organisationId) throw notFound();
    if (filters.organisation && filters.organisation !== actor.organisationId) throw notFound();
    filters.organisation = actor.organisationId;
  }
  // The platform's own work (CLI, benchmarks, jobs) is not a reader: it sees exact figures.
  const exact = platformWork || (!!filters.organisation && seesExactFiguresOf(actor, filters.organisation));
  const from = filters.from ?? `${filters.year}-01-01`;
  const to = filters.to ?? `${filters.year}-12-31`;
  return { filters, from, to, refs, disclosure: disclosureOf(exact) };
}

/** The filters as a query string (for links to exports and between the pages). */
export function filterQuery(f: Partial<ReportFilters>, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of filterKeys) if (f[k] !== undefined && f[k] !== '') q.set(k, String(f[k]));
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** Activities in a report, with the themes and sub-goals their attendance counts under (catalogue + plan entries). */
export interface ActivityMeta {
  id: string;
  title: string;
  organisationId: string;
  themes: string[];
  subGoals: string[];
  districtCode: string | null;
}

/** Activities with sessions in the range or plan entries in the year; one query (the catalogue's table, read only). */
export async function activityMeta(ctx: ServiceContext, year: number, from: string, to: string): Promise<ActivityMeta[]> {
  const rows = await queryRows<{ id: string; title: string; organisation_id: string; themes: string[]; sub_goals: string[]; district_code: string | null; plan_themes: string[] | null; plan_sub_goals: string[] | null }>(
    ctx.db,
    sql`
    with planned as (
      select e.activity_id, array_agg(distinct p.theme_slug) as plan_themes,
             array(select distinct unnest(array_agg(x.sg))) as plan_sub_goals
      from reach_plan_entries e
      join reach_plans p on p.tenant_id = e.tenant_id and p.id = e.plan_id and p.year = ${year}
      left join lateral unnest(case when cardinality(e.sub_goals) = 0 then array[null]::text[] else e.sub_goals end) as x(sg) on true
      where e.tenant_id = ${ctx.tenant}
      group by e.activity_id
    ),
    held as (select distinct activity_id from reach_sessions where tenant_id = ${ctx.tenant} and date between ${from} and ${to})
    select a.id, a.title, a.organisation_id, a.themes, a.sub_goals, a.district_code, pl.plan_themes, pl.plan_sub_goals
    from activities a
    left join planned pl on pl.activity_id = a.id
    where a.tenant_id = ${ctx.tenant} and (a.id in (select activity_id from held) or pl.activity_id is not null)`,
  );
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    organisationId: r.organisation_id,
    themes: uniq([...r.themes, ...(r.plan_themes ?? [])]),
    subGoals: uniq([...r.sub_goals, ...(r.plan_sub_goals ?? [])]),
    districtCode: r.district_code,
  }));
}

/** The activities matching the activity-level filters (theme, sub-goal, activity); null when no such filter is set. */
export function matchingActivities(meta: ActivityMeta[], f: ReportFilters): string[] | null {
  if (!f.theme && !f.subGoal && !f.activity) return null;
  return meta.filter((a) => (!f.theme || a.themes.includes(f.theme)) && (!f.subGoal || a.subGoals.includes(f.subGoal)) && (!f.activity || a.id === f.activity)).map((a) => a.id);
}
